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
        ? `Source "${src}" does not exist`
        : `Cannot read source "${src}": ${errorMessage(err)}`,
      { cause: err },
    );
  }
  if (!info.isDirectory) throw new FatalError(`Source "${src}" is not a folder`);
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
    throw new FatalError(`Cannot create backup root "${root}": ${errorMessage(err)}`, { cause: err });
  }
  if (relativeInside(run.rootPath, run.sourcePath) !== undefined) {
    throw new FatalError(
      `Source "${run.sourcePath}" is inside the backup root "${run.rootPath}": that would back up the backups`,
    );
  }
  const name = run.opt.name;
  if (!isBackupName(name)) {
    throw new FatalError(`Invalid backup name "${name}": use a plain folder name`);
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
      `The backup root "${run.rootPath}" cannot hold hardlinks (${errorMessage(err)}); ` +
        `use a filesystem that supports them (ext4, NTFS, APFS, btrfs, XFS, …), not FAT/exFAT` +
        (fs.mountType === "fuse.sshfs"
          ? `. Over sshfs the server must offer the SFTP extension hardlink@openssh.com (OpenSSH 5.7 ` +
            `and later), and sshfs must not be mounted with -o disable_hardlink`
          : ""),
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
    onWait: (holder) => run.cb.onLockWait?.(holder),
    onTakeover: (message) => run.notice(message),
    onInfo: (message) => run.info(message),
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
function destinationNotes(run: BackupRun): string[] {
  const { fs, probe } = run.destination!;
  const notes: string[] = [];
  const what = fs.name ? `${fs.name}${fs.mountType ? ` (${fs.mountType})` : ""}` : fs.mountType;
  if (fs.network) {
    const l = run.opt.lock ?? {};
    notes.push(
      `destination: ${what ?? "unknown filesystem"}, a network filesystem: the index is worked on in a ` +
        `local copy and written back under the lock; the lock is the record .phlb/lock.owner alone ` +
        `(no OS lock), rewritten every ${(l.heartbeatMs ?? DEFAULT_HEARTBEAT_MS) / 1000} s and stale ` +
        `after ${(l.staleMs ?? DEFAULT_STALE_MS) / 1000} s`,
    );
  } else if (what) {
    notes.push(`destination: ${what}`);
  }
  if (!probe.inodesStable) {
    notes.push(
      "the destination shows two inode numbers for one hardlinked file: inode numbers are not recorded, " +
        "and stored copies are recognised by path, size and mtime",
    );
  }
  const ownStep = run.identity.nanosecondTimes ? 1 : 1_000_000;
  if (probe.timeGranularityNs > ownStep) {
    notes.push(
      `the destination keeps mtimes in steps of ${formatGranularity(probe.timeGranularityNs)}: stored ` +
        `copies show the source's mtime to that step, and are compared at it`,
    );
  } else if (!probe.timesKept) {
    notes.push("the destination did not keep an mtime phlb set: stored copies will not match the fast path");
  }
  if (!probe.linkCountsShown) {
    notes.push(
      "the destination does not show link counts: the link limit is not counted here; a link the " +
        "server refuses is made a copy",
    );
  }
  if (run.maxLinks !== UNLIMITED_LINKS) {
    notes.push(`at most ${run.maxLinks} links per stored file; then a new copy is made`);
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
        `The backup root's path is too long: SQLite cannot open the index "${BackupIndex.pathIn(meta)}" ` +
          `(${pathBytes} bytes; it takes paths of about 500 bytes at most)`,
        { cause: err, hint: "use a backup root with a shorter path" },
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
        `Snapshot "${run.opt.name}/${run.opt.snapshotId}" exists already under "${run.rootPath}"`,
      );
    }
    run.snapId = run.opt.snapshotId;
    return;
  }
  let seq = 1;
  while (snapshotIdTaken(run.rootPath, run.opt.name, withSequence(base, seq))) seq++;
  run.snapId = withSequence(base, seq);
}
