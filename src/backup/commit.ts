/**
 * The new snapshot's life on disk around the walk: its `.partial` folder, run log and manifest
 * are made; what stops a run is logged and the snapshot stays `.partial`; a finished walk is
 * committed (manifest, summary, every byte on the disk, then the rename that makes it complete,
 * itself made durable); afterwards partials of dead runs are removed.
 * @module
 */
import { errorMessage, FatalError, InterruptedError, itemProblem } from "../errors.ts";
import { renameRetrying, syncDir, writeTextAtomic } from "../fs/atomic.ts";
import { isInterrupt, isNoSpace } from "../fs/classify.ts";
import { stampRunTimes } from "../fs/pacer.ts";
import { joinPath } from "../fs/path.ts";
import { removeTree } from "../fs/remove.ts";
import { msg } from "../i18n/messages.ts";
import {
  listBackupNames,
  listSnapshots,
  type SidecarPaths,
  sidecarPaths,
  type SnapshotDir,
  snapshotPath,
} from "../store/layout.ts";
import { isUnadoptedLegacySnapshot } from "../store/legacy.ts";
import { ManifestWriter } from "../store/manifest.ts";
import { sidecarModeOf } from "../store/modes.ts";
import { RunLog } from "../store/runlog.ts";
import type { BackupRun } from "./run.ts";

/** A snapshot being written: its sidecars, its manifest's temporary name, and the partials it replaces. */
export interface PartialSnapshot {
  side: SidecarPaths;
  /** The sidecars' mode: no more readable than the snapshot's top folder (store/modes.ts). */
  sidecarMode: number;
  manifestTmp: string;
  /** Partials left by dead runs: their copies serve as link sources until this one is complete. */
  stalePartials: SnapshotDir[];
}

/** Makes the snapshot's `.partial` folder, its run log and its manifest, and says so in the log. */
export function openSnapshot(run: BackupRun): PartialSnapshot {
  const name = run.opt.name;
  const side = sidecarPaths(run.rootPath, name, run.snapId);
  run.destRoot = snapshotPath(run.rootPath, name, run.snapId, "partial");
  const manifestTmp = run.destRoot + ".sha256";
  const stalePartials = listSnapshots(run.rootPath, name, run.format).filter((s) => s.status === "partial");
  // The top folder gets the source folder's mode when its children are done; till then it is private.
  const sidecarMode = sidecarModeOf(run.sourcePath);
  try {
    Deno.mkdirSync(run.destRoot, { mode: 0o700 });
    run.log = new RunLog(side.log, { mode: sidecarMode });
    run.manifest = new ManifestWriter(manifestTmp, { mode: sidecarMode });
  } catch (err) {
    if (isNoSpace(err)) throw run.diskFull(err);
    throw new FatalError(
      msg("backup.snapshot.cannotCreate", { path: run.destRoot, error: errorMessage(err) }),
      {
        cause: err,
      },
    );
  }
  run.summary.snapshot = run.snapId;
  run.summary.snapshotPath = snapshotPath(run.rootPath, name, run.snapId, "complete");
  run.summary.previous = run.prevDir?.id ?? null;
  run.info(msg("backup.info.start", { source: run.sourcePath, dest: run.destRoot }));
  run.info(run.fs.summaryText);
  // What setup found before the log existed: the destination (with the link limit), the lock.
  for (const e of run.early.splice(0)) run.log.line(e.level, e.message);
  const unindexed = run.index.listSnapshots().length === 0 ? completeSnapshots(run) : [];
  const legacy = unindexed.filter((s) => isUnadoptedLegacySnapshot(run.rootPath, s)).length;
  if (unindexed.length > 0 && legacy === unindexed.length) {
    // A root PyHardLinkBackup filled: the index is new, not lost.
    run.notice(msg("backup.notice.legacyNotAdopted", { count: legacy }));
  } else if (unindexed.length > 0) {
    // A deleted, emptied (truncated to 0 bytes) or replaced index: SQLite just starts a new one.
    run.notice(
      msg("backup.notice.indexLost", {
        path: run.index.path,
        count: unindexed.length,
        legacy: legacy > 0 ? msg("backup.notice.indexLost.legacy", { count: legacy }) : "",
      }),
    );
  } else if (run.prevDir && !run.prevRow) {
    run.notice(msg("backup.notice.previousNotIndexed", { id: run.prevDir.id }));
  }
  return { side, sidecarMode, manifestTmp, stalePartials };
}

/** The complete snapshot folders the root holds, of any name. */
function completeSnapshots(run: BackupRun): SnapshotDir[] {
  const out: SnapshotDir[] = [];
  for (const name of listBackupNames(run.rootPath)) {
    out.push(...listSnapshots(run.rootPath, name, run.format).filter((s) => s.status === "complete"));
  }
  return out;
}

/**
 * After a walk that stopped: what was recorded is kept, the log says why, and the error to
 * report is returned. A cleanup step that fails (a full disk, a broken index) does not replace
 * the reason the run stopped.
 */
export function stopped(run: BackupRun, err: unknown): unknown {
  const interrupted = isInterrupt(err);
  const reason = interrupted ? new InterruptedError() : run.explain(err);
  try {
    run.index.commit();
  } catch { /* `reason` says why */ }
  try {
    run.manifest!.close();
  } catch { /* ditto */ }
  try {
    // ID.log is English everywhere, so that one log format can be searched: these lines are not
    // catalogue texts (what the terminal shows comes from the error, localized by main.ts).
    run.log!.line(
      interrupted ? "WARNING" : "ERROR",
      interrupted ? "interrupted; the snapshot stays .partial" : `stopped: ${errorMessage(reason)}`,
    );
  } catch { /* ditto */ }
  run.log!.close();
  return reason;
}

/** After a walk that finished: the warnings about the run as a whole. */
export function warnAfterWalk(run: BackupRun, at: { reRecordedInodes: number }): void {
  warnIfSourceEmptied(run);
  const differs = run.storedDiffers;
  if (differs.count > 0) {
    const more = differs.count > differs.first.length ? ", …" : "";
    run.notice(
      msg("backup.notice.storedDiffers", {
        count: differs.count,
        paths: differs.first.map((p) => JSON.stringify(p)).join(", ") + more,
      }),
    );
  }
  if (at.reRecordedInodes > 0) {
    run.notice(msg("backup.notice.reRecordedInodes", { count: at.reRecordedInodes, path: run.index.path }));
  }
}

/** An empty source whose previous snapshot is not: most likely a drive that is not mounted. */
function warnIfSourceEmptied(run: BackupRun): void {
  const s = run.summary;
  if (!run.prevDir || s.files + s.symlinks + s.directories + s.skipped + s.excluded + s.errors > 0) return;
  let previousHolds = false;
  try {
    previousHolds = !Deno.readDirSync(run.prevDir.path)[Symbol.iterator]().next().done;
  } catch { /* gone: nothing to compare with */ }
  if (previousHolds) {
    run.notice(msg("backup.notice.sourceEmptied", { source: run.sourcePath, id: run.prevDir.id }));
  }
}

/**
 * Commits the snapshot: manifest, summary, every byte on the disk, then the folder rename that
 * makes it complete, itself made durable. Not committed, it stays `.partial`, whatever the
 * manifest and summary beside it say. Then the partials of dead runs go.
 */
export function commitSnapshot(run: BackupRun, partial: PartialSnapshot): void {
  const log = run.log!;
  const retrying = (err: unknown) => msg("backup.info.renameRetry", { error: errorMessage(err) });
  let summaryJson: string;
  try {
    run.manifest!.close();
    renameRetrying(partial.manifestTmp, partial.side.manifest, { onRetry: (err) => run.info(retrying(err)) });
    run.summary.status = "complete";
    stampRunTimes(run.summary, run.startedMs);
    summaryJson = JSON.stringify(run.summary, null, 2) + "\n";
    writeTextAtomic(partial.side.summary, summaryJson, { mode: partial.sidecarMode });
    log.line("INFO", `complete: ${run.summary.files} files, ${run.summary.errors} errors`);
    // A run held up past the lock's stale threshold lost the root to another: it must not commit.
    run.lock?.assertHeld();
    flushToDisk(run);
    renameRetrying(run.destRoot, run.summary.snapshotPath, { onRetry: (err) => run.info(retrying(err)) });
  } catch (err) {
    const reason = run.explain(err);
    try {
      log.line("ERROR", `stopped before the commit, the snapshot stays .partial: ${errorMessage(reason)}`);
    } catch { /* `reason` says why */ }
    log.close();
    throw reason;
  }
  try {
    syncDir(joinPath(run.rootPath, run.opt.name));
  } catch (err) {
    log.close();
    throw new FatalError(
      msg("backup.snapshot.folderNotSynced", { path: run.summary.snapshotPath, error: errorMessage(err) }),
      { cause: err },
    );
  }
  run.index.setSnapshotStatus(run.snapshotId, "complete", Date.now(), summaryJson);
  for (const stale of partial.stalePartials) removeStalePartial(run, stale);
  log.close();
}

/**
 * Writes the whole snapshot to the disk before it may be called complete: without this, a power
 * cut soon after the run leaves a complete-looking folder whose files are empty (ext4 and most
 * filesystems write data back up to half a minute later), and the next run would link to them.
 * A failure leaves the snapshot `.partial`.
 */
function flushToDisk(run: BackupRun): void {
  const startMs = Date.now();
  let how: string | undefined;
  try {
    how = run.fs.syncFilesystem(run.destRoot);
  } catch (err) {
    if (isNoSpace(err)) throw run.diskFull(err);
    throw new FatalError(msg("backup.snapshot.cannotFlush", { error: errorMessage(err), id: run.snapId }), {
      cause: err,
    });
  }
  const network = run.destination?.fs.network ? msg("backup.info.flushedNetwork") : "";
  run.info(
    how
      ? msg("backup.info.flushed", { how, ms: Date.now() - startMs, network })
      : msg("backup.info.notFlushed", { os: Deno.build.os, network }),
  );
}

/** A partial left by a dead run served as link sources during this run; now it goes. */
function removeStalePartial(run: BackupRun, stale: SnapshotDir): void {
  try {
    const row = run.index.findSnapshot(stale.name, stale.id);
    if (row) run.index.dropSnapshot(row.id);
    removeTree(stale.path);
    const side = sidecarPaths(run.rootPath, stale.name, stale.id);
    for (const p of [stale.path + ".sha256", side.log, side.manifest, side.summary]) {
      try {
        Deno.removeSync(p);
      } catch { /* not there */ }
    }
    run.info(msg("backup.info.stalePartialRemoved", { id: stale.id }));
  } catch (err) {
    // After the commit: logged and shown, but no longer counted in the written summary.
    const p = itemProblem(
      stale.path,
      "warning",
      msg("backup.problem.cannotRemovePartial", { error: errorMessage(err) }),
    );
    run.log?.problem(p);
    run.cb.onProblem?.(p);
  }
}
