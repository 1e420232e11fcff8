/**
 * Before the walk: the source and the root are checked (and the root made), the destination's
 * filesystem detected and probed (hardlinks, inode numbers, time granularity: src/fs/probe.ts),
 * the root locked (waiting for it with --lock-wait), the index opened, the previous snapshot found
 * and the new snapshot's id chosen. Every failure here is a FatalError, and what was taken (the
 * lock) is given back.
 * @module
 */
import { errorMessage, FatalError } from "../errors.ts";
import { isNoSpace, isNotFound, pathExists } from "../fs/classify.ts";
import { absolutePath, joinPath, relativeInside } from "../fs/path.ts";
import { destinationFilesystem, UNLIMITED_LINKS } from "../fs/platform.ts";
import { formatGranularity, NoHardlinksError, probeDestination } from "../fs/probe.ts";
import { BackupIndex } from "../index/index.ts";
import { reconcileIndex } from "../index/reconcile.ts";
import { tuneForBackupRun } from "../index/tuning.ts";
import { isBackupName, listSnapshots, type SnapshotDir, snapshotIdTaken } from "../store/layout.ts";
import { DEFAULT_NEW_FOLDER_MODE, makeFolders, makeMetaDir } from "../store/modes.ts";
import { DEFAULT_HEARTBEAT_MS, DEFAULT_STALE_MS, type RootLock, waitForRootLock } from "../store/lock.ts";
import { formatTimestamp, withSequence } from "../store/timestamp.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import type { BackupRun } from "./run.ts";

function absolute(path: string): string {
  return absolutePath(path, { cwd: Deno.cwd() });
}

/** Checks the source, the name and the root; makes the root (not in a dry run). Sets their real paths. */
export function checkPaths(run: BackupRun): void {
  const src = absolute(run.opt.source);
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(src);
  } catch (err) {
    throw new FatalError(
      isNotFound(err)
        ? msg("backup.source.missing", { path: src })
        : msg("backup.source.cannotRead", { path: src, error: errorMessage(err) }),
      { cause: err },
    );
  }
  if (!info.isDirectory) throw new FatalError(msg("backup.source.notFolder", { path: src }));
  run.sourcePath = Deno.realPathSync(src);
  const root = absolute(run.opt.root);
  try {
    // A dry run writes nothing, not even a new root: one that does not exist holds no snapshot.
    if (run.opt.dryRun && !pathExists(root)) run.rootPath = root;
    else {
      makeFolders(root, run.opt.newFolderMode ?? DEFAULT_NEW_FOLDER_MODE);
      run.rootPath = Deno.realPathSync(root);
    }
  } catch (err) {
    throw new FatalError(msg("backup.root.cannotCreate", { root, error: errorMessage(err) }), { cause: err });
  }
  if (relativeInside(run.rootPath, run.sourcePath) !== undefined) {
    throw new FatalError(msg("backup.source.insideRoot", { source: run.sourcePath, root: run.rootPath }));
  }
  const name = run.opt.name;
  if (!isBackupName(name)) {
    throw new FatalError(msg("backup.name.invalid", { name }));
  }
  run.summary.source = run.sourcePath;
  run.summary.root = run.rootPath;
}

/**
 * Makes the root's meta folder, detects and probes its filesystem (it must hold real hardlinks),
 * takes the root's lock (waiting with --lock-wait), and (under it) makes the backup's folder and
 * opens the index. Returns the lock.
 */
export async function setupRoot(run: BackupRun, options: { command?: string } = {}): Promise<RootLock> {
  let meta: string;
  try {
    meta = makeMetaDir(run.rootPath);
  } catch (err) {
    throw run.cannotWrite(err);
  }
  const fs = destinationFilesystem(run.rootPath, { backend: run.fs });
  try {
    run.setDestination({ fs, probe: probeDestination(meta, { backend: run.fs }) });
  } catch (err) {
    if (!(err instanceof NoHardlinksError) || isNoSpace(err.cause)) throw run.cannotWrite(err);
    throw new FatalError(
      msg("backup.root.noHardlinks", {
        root: run.rootPath,
        error: err.text ?? errorMessage(err),
        sshfs: fs.mountType === "fuse.sshfs" ? msg("backup.root.noHardlinks.sshfs") : "",
      }),
      { cause: err },
    );
  }
  for (const line of destinationNotes(run)) run.info(line);
  const l = run.opt.lock ?? {};
  const lock = l.held ?? await waitForRootLock(meta, options.command ?? "backup", {
    name: run.opt.name,
    network: fs.network,
    waitMs: l.waitMs,
    heartbeatMs: l.heartbeatMs,
    staleMs: l.staleMs,
    pollMs: l.pollMs,
    signal: run.opt.signal,
    onWait: (holder, text) => run.cb.onLockWait?.(holder, text),
    onTakeover: (message, text) => run.notice(text ?? message),
    onInfo: (message, text) => run.info(text ?? message),
  });
  run.lock = lock;
  try {
    setupUnderLock(run, meta);
  } catch (err) {
    // Given back here: the caller's finally, which releases it otherwise, is not reached.
    if (!l.held) lock.release();
    throw err;
  }
  return lock;
}

/**
 * What the run log says about the destination: its filesystem, and what the probe changes (inode
 * numbers not used, times compared at a coarser step, link counts not seen).
 */
function destinationNotes(run: BackupRun): Msg[] {
  const { fs, probe } = run.destination!;
  const notes: Msg[] = [];
  const what = fs.name ? `${fs.name}${fs.mountType ? ` (${fs.mountType})` : ""}` : fs.mountType;
  if (fs.network) {
    const l = run.opt.lock ?? {};
    notes.push(
      msg("backup.info.destinationNetwork", {
        what: what ?? msg("backup.info.unknownFilesystem"),
        heartbeatS: (l.heartbeatMs ?? DEFAULT_HEARTBEAT_MS) / 1000,
        staleS: (l.staleMs ?? DEFAULT_STALE_MS) / 1000,
      }),
    );
  } else if (what) {
    notes.push(msg("backup.info.destination", { what }));
  }
  if (!probe.inodesStable) notes.push(msg("backup.info.inodesUnstable"));
  const ownStep = run.identity.nanosecondTimes ? 1 : 1_000_000;
  if (probe.timeGranularityNs > ownStep) {
    notes.push(msg("backup.info.timeSteps", { step: formatGranularity(probe.timeGranularityNs) }));
  } else if (!probe.timesKept) {
    notes.push(msg("backup.info.timesNotKept"));
  }
  if (!probe.linkCountsShown) notes.push(msg("backup.info.linkCountsHidden"));
  if (run.maxLinks !== UNLIMITED_LINKS) {
    notes.push(msg("backup.info.maxLinks", { count: run.maxLinks }));
  }
  return notes;
}

/** What only the lock holder does: the backup's folder (so a refused run leaves no trace), the index. */
function setupUnderLock(run: BackupRun, meta: string): void {
  try {
    makeFolders(joinPath(run.rootPath, run.opt.name), run.opt.newFolderMode ?? DEFAULT_NEW_FOLDER_MODE);
  } catch (err) {
    throw run.cannotWrite(err);
  }
  try {
    // On a network root the index is a local copy, written back on close while the lock is still ours.
    run.index = BackupIndex.open(meta, {
      network: run.destination!.fs.network,
      beforeWriteBack: () => run.lock!.assertHeld(),
    });
    tuneForBackupRun(run.index);
    run.damaged.load(run.index);
  } catch (err) {
    // SQLite reports a full disk while creating its -wal/-shm files as a plain "disk I/O error".
    if (run.nearlyFull()) throw run.diskFull(err);
    // And a path longer than its file layer takes (512 bytes, with "-wal") as "unable to open".
    const pathBytes = new TextEncoder().encode(BackupIndex.pathIn(meta)).length;
    if (pathBytes > 500) {
      throw new FatalError(
        msg("backup.root.pathTooLong", { path: BackupIndex.pathIn(meta), bytes: pathBytes }),
        { cause: err, hint: msg("backup.root.pathTooLong.hint") },
      );
    }
    throw err;
  }
}

/**
 * The snapshot the fast path compares with: the newest complete snapshot of the name that the
 * index records as complete (its rows are what the fast path reads), else the newest complete one
 * (then every file is read). The dry run asks the same, with its read-only index.
 */
export function findPrevious(
  index: BackupIndex | undefined,
  at: { root: string; name: string; format: string },
): { prevDir?: SnapshotDir; prevRow?: { id: number } } {
  const complete = listSnapshots(at.root, at.name, at.format).filter((s) => s.status === "complete");
  for (let i = complete.length - 1; i >= 0 && index; i--) {
    const row = index.findSnapshot(at.name, complete[i].id);
    if (row && row.status === "complete") return { prevDir: complete[i], prevRow: row };
  }
  return { prevDir: complete[complete.length - 1] };
}

/** Brings the index in line with the trees, then finds the previous snapshot (see {@linkcode findPrevious}). */
export function findPreviousSnapshot(run: BackupRun): void {
  reconcileIndex(run.index, run.rootPath);
  const found = findPrevious(run.index, { root: run.rootPath, name: run.opt.name, format: run.format });
  run.prevDir = found.prevDir;
  run.prevRow = found.prevRow;
}

/** Picks the new snapshot's id: the start time in the name format, with a sequence if it is taken. */
export function chooseSnapshotId(run: BackupRun): void {
  const base = formatTimestamp(run.opt.now ?? new Date(run.startedMs), run.format);
  if (run.opt.snapshotId !== undefined) {
    if (snapshotIdTaken(run.rootPath, run.opt.name, run.opt.snapshotId)) {
      throw new FatalError(
        msg("backup.snapshot.exists", {
          snapshot: `${run.opt.name}/${run.opt.snapshotId}`,
          root: run.rootPath,
        }),
      );
    }
    run.snapId = run.opt.snapshotId;
    return;
  }
  let seq = 1;
  while (snapshotIdTaken(run.rootPath, run.opt.name, withSequence(base, seq))) seq++;
  run.snapId = withSequence(base, seq);
}
