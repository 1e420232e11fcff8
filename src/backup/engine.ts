/**
 * The backup engine: walks a source and writes one new snapshot under the root. This file runs a
 * backup's lifecycle; the parts are the package's other modules:
 *
 *     options.ts       what a run is asked (BackupOptions) and how it reports (BackupCallbacks)
 *     run.ts           the state the parts share, pacing, and the words for what stops a run
 *     setup.ts         source and root checked, root locked, index opened, previous snapshot found
 *     exclude.ts       the Excluder the command builds; the walk asks it
 *     tree.ts          the walk of the source into the snapshot; symlinks
 *     frame.ts         one folder: made, its previous rows, handles, its metadata when left
 *     store_file.ts    one file: a group's further name, unchanged, linked by content, or copied
 *     fast_path.ts     change detection, a pure function; link_unread.ts links by its verdict
 *     dedup_policy.ts  what DEDUP=exact or content changes; link_source.ts links to stored copies
 *     record.ts        index entries, manifest lines, totals
 *     commit.ts        the `.partial` folder, the stop, the commit, partials of dead runs
 *     dry_run.ts       `--dry-run`: the same decisions, nothing written
 *
 * Rules it owns (FORMAT.md has the on-disk side):
 * - Fast path: a file whose size, mtime, mode (owner when root), inode and ctime match the record
 *   of the previous complete snapshot is linked to that copy without being read, when that copy
 *   still shows what was recorded for it and is not marked damaged.
 * - Everything else is read. Same content + same inode metadata anywhere in the index, in a copy
 *   that still shows its record: hardlink (`--checksum`: after reading that copy too). Otherwise a
 *   new copy, which becomes the link source for that identity.
 * - An inode already in a snapshot is never changed: metadata is only ever set on new files and
 *   the snapshot's own new folders.
 * - At the link limit, or when a link fails for any reason, the file is copied instead.
 * - The manifest hash is always the hash of the stored bytes.
 *
 * It never prints and never exits: problems, exclusions and progress go to callbacks, and setup
 * failures throw FatalError.
 * @module
 */
import { withBackend } from "../fs/native/mod.ts";
import { commitSnapshot, openSnapshot, stopped, warnAfterWalk } from "./commit.ts";
import { dryRun } from "./dry_run.ts";
import { Frames } from "./frame.ts";
import { LinkSources } from "./link_source.ts";
import { previousTotal, walkAhead } from "./progress_total.ts";
import { LinkUnread } from "./link_unread.ts";
import type { BackupCallbacks, BackupOptions } from "./options.ts";
import { Recorder } from "./record.ts";
import { BackupRun } from "./run.ts";
import { checkPaths, chooseSnapshotId, findPreviousSnapshot, setupRoot } from "./setup.ts";
import { FileStore } from "./store_file.ts";
import type { BackupSummary } from "./summary.ts";
import { TreeWriter } from "./tree.ts";

export type { BackupCallbacks, BackupOptions, BackupProgress } from "./options.ts";

/**
 * Runs one backup and returns its summary. A summary with `errors > 0` means some items failed
 * (exit code 3); the snapshot is still complete for everything else.
 */
export async function runBackup(
  options: BackupOptions,
  callbacks: BackupCallbacks = {},
): Promise<BackupSummary> {
  // Every file is stat'ed, read and linked with the backend's fidelity.
  return await withBackend(async (fs) => {
    const run = new BackupRun(options, { callbacks, fs });
    checkPaths(run);
    if (options.dryRun) {
      try {
        return await dryRun(run);
      } catch (err) {
        throw run.explain(err);
      }
    }
    const lock = await setupRoot(run);
    let done = false;
    try {
      const summary = await writeSnapshot(run);
      done = true;
      return summary;
    } catch (err) {
      throw run.explain(err);
    } finally {
      try {
        run.index.close();
      } catch (err) {
        // A failing index makes closing fail, and a stopped run's own error already says so; after
        // a complete run it is news (a network root's index could not be written back).
        // deno-lint-ignore no-unsafe-finally
        if (done) throw run.explain(err);
      } finally {
        // A lock the caller took stays the caller's.
        if (!options.lock?.held) lock.release();
      }
    }
  }, { prefer: options.fsBackend });
}

/** Writes the snapshot: previous found, id chosen, `.partial` made, the tree walked, committed. */
async function writeSnapshot(run: BackupRun): Promise<BackupSummary> {
  findPreviousSnapshot(run);
  chooseSnapshotId(run);
  const partial = openSnapshot(run);
  run.snapshotId = run.index.createSnapshot(run.opt.name, run.snapId, run.startedMs);
  run.cb.onStart?.({ snapshotPath: run.destRoot, previous: run.prevDir?.id, dryRun: false });
  try {
    run.meter.total = run.opt.knownTotal ?? previousTotal(run) ??
      (run.opt.walkAhead === false ? undefined : await walkAhead(run));
  } catch (err) {
    throw stopped(run, err);
  }
  const record = new Recorder(run);
  const frames = new Frames(run, record);
  const sources = new LinkSources(run);
  const unread = new LinkUnread(run, { frames, record });
  const files = new FileStore(run, { record, unread, sources });
  try {
    run.index.begin();
    await new TreeWriter(run, { frames, files, record }).write();
    run.opt.storedCheck?.end();
    run.index.commit();
    warnAfterWalk(run, { reRecordedInodes: sources.reRecordedInodes });
  } catch (err) {
    throw stopped(run, err);
  }
  commitSnapshot(run, partial);
  return run.summary;
}
