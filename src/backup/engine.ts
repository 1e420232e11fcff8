/**
 * The backup engine: walks a source and writes one new snapshot under the root.
 *
 * Rules it owns (FORMAT.md has the on-disk side):
 * - Fast path: a file whose size, mtime, mode (owner when root), inode and ctime match the record
 *   of the previous complete snapshot is linked to that copy without being read.
 * - Everything else is read. Same content + same inode metadata anywhere in the index: hardlink.
 *   Otherwise a new copy, which becomes the link source for that identity.
 * - An inode already in a snapshot is never changed: metadata is only ever set on new files and
 *   the snapshot's own new folders.
 * - At the link limit, or when a link fails for any reason, the file is copied instead.
 * - The manifest hash is always the hash of the stored bytes.
 *
 * It never prints and never exits: problems, exclusions and progress go to callbacks, and setup
 * failures throw FatalError.
 * @module
 */
import { FatalError, InterruptedError, type ItemProblem } from "../errors.ts";
import { errorMessage } from "../errors.ts";
import {
  freeBytes,
  isNoSpace,
  isNotFound,
  isSymlinkPrivilegeError,
  pathExists,
  specialKind,
} from "../fs/classify.ts";
import {
  chunkBuffer,
  copyOpenFile,
  readAllSync,
  ScratchBuffer,
  writeNewFile,
  type WrittenFile,
} from "../fs/copy.ts";
import { Pacer, stampRunTimes } from "../fs/pacer.ts";
import type { Glob } from "../fs/glob.ts";
import { firstMatch } from "../fs/glob.ts";
import { hashReader, hashReaderSync, hexToBytes, sha256Hex } from "../fs/hash.ts";
import { probeHardlinks, tryLink, tryLinkInFolders } from "../fs/link.ts";
import {
  type BackendFile,
  type FileStat,
  type FolderCalls,
  type FsBackend,
  openBackend,
  type OpenBackendOptions,
  type Xattr,
} from "../fs/native/mod.ts";
import { sourceXattrs, writeXattrs } from "../fs/xattrs.ts";
import { recordedCtime, recordedMtime, sameCtime, sameMtime } from "../fs/times.ts";
import { absolutePath, baseName, IS_WINDOWS, joinPath, relativeInside } from "../fs/path.ts";
import { dirname } from "node:path";
import {
  defaultMaxLinks,
  destinationMaxLinks,
  isRoot,
  processOwner,
  UNLIMITED_LINKS,
} from "../fs/platform.ts";
import { removeTree } from "../fs/remove.ts";
import { MAX_HANDLE_DEPTH, walk, type WalkEntry, type WalkEvent } from "../fs/walk.ts";
import { renameRetrying, syncDir, writeTextAtomic } from "../fs/atomic.ts";
import {
  BackupIndex,
  EntryFlag,
  EntryKind,
  type EntryRow,
  INDEX_REBUILD_HINT,
  isIndexCorruption,
  isIndexError,
  type SourceKey,
} from "../index/index.ts";
import {
  copyPreviousFiles,
  NO_PREVIOUS_FILES,
  Prev,
  type PreviousFile,
  type PreviousFiles,
  previousFiles,
} from "../index/previous.ts";
import { tuneForBackupRun } from "../index/tuning.ts";
import { acquireRootLock, type RootLock } from "../store/lock.ts";
import {
  listBackupNames,
  listSnapshots,
  META_DIR,
  metaDir,
  sidecarPaths,
  type SnapshotDir,
  snapshotIdTaken,
  snapshotPath,
} from "../store/layout.ts";
import { ManifestWriter } from "../store/manifest.ts";
import { RunLog } from "../store/runlog.ts";
import { DEFAULT_TIMESTAMP_FORMAT, formatTimestamp, withSequence } from "../store/timestamp.ts";
import { contentSizesAbove } from "../index/content_sizes.ts";
import { LargeContentSizes } from "./large_files.ts";
import { Lookahead, ReadAhead } from "./read_ahead.ts";
import { reconcileIndex } from "../index/reconcile.ts";
import { type BackupSummary, emptySummary } from "./summary.ts";

/** What to back up, where, and how. */
export interface BackupOptions {
  /** The folder to back up (absolute, or relative to the working directory). */
  source: string;
  /** The backup root. Created when missing. */
  root: string;
  /** The backup name: the folder under the root. */
  name: string;
  /** Report what would happen; write nothing. */
  dryRun?: boolean;
  /** Exclude patterns (see src/fs/glob.ts). */
  excludes?: readonly Glob[];
  /** Folder names never descended into (SKIP_DIRS). */
  skipDirNames?: readonly string[];
  /** Skip folders holding a file with one of these names (e.g. ".nobackup"). */
  excludeIfPresent?: readonly string[];
  /** Skip folders holding a valid CACHEDIR.TAG. Default true. */
  excludeCaches?: boolean;
  /** Stay on the source's filesystem. Default true. */
  oneFileSystem?: boolean;
  /** Read every file; never take the fast path. */
  checksum?: boolean;
  /** strftime-style snapshot folder name. */
  timestampFormat?: string;
  /** "exact" (default): link only identical content and inode metadata. "content": content alone. */
  dedup?: "exact" | "content";
  /**
   * Links one inode may have before a new copy is made. Default: the destination filesystem's
   * (1023 on NTFS, on Windows and on Linux; otherwise the filesystem's EMLINK decides).
   */
  maxLinks?: number;
  /**
   * Files up to this size are read into memory once. Default 1 MiB: the buffer is resident for the
   * whole run, and larger files of a new size are copied while hashed in one pass (large_files.ts).
   */
  smallFileBytes?: number;
  /**
   * A file whose mtime is less than this before the moment it is read is not trusted by the next
   * run's fast path (it is read again). Default 2000 ms: FAT's mtime resolution, above Deno's
   * whole-second ctime.
   */
  racyWindowMs?: number;
  /**
   * Small files read ahead on Deno's I/O threads while the current one is stored, in runs that read
   * every file (no previous snapshot, or `checksum`). Default 4; 0 reads each file when it is reached.
   */
  readAheadFiles?: number;
  /** The snapshot's time. Default now. */
  now?: Date;
  /** Aborting stops the run cleanly: the snapshot stays `.partial`. */
  signal?: AbortSignal;
  /** How the filesystem is reached (src/fs/native/mod.ts); default "auto". For tests and benchmarks. */
  fsBackend?: OpenBackendOptions["prefer"];
}

/** Running totals, for progress display. */
export interface BackupProgress {
  files: number;
  bytes: number;
  copiedBytes: number;
  currentPath: string;
  elapsedMs: number;
}

/** Callbacks through which the engine reports. All optional. */
export interface BackupCallbacks {
  /** A file or folder could not be backed up (error) or needs attention (warning). */
  onProblem?: (problem: ItemProblem) => void;
  /** An entry was excluded by a rule. */
  onExcluded?: (rel: string, reason: string) => void;
  /** Called at most every 100 ms. */
  onProgress?: (progress: BackupProgress) => void;
  /** Setup is done and the walk starts. */
  onStart?: (info: { snapshotPath: string; previous?: string; dryRun: boolean }) => void;
  /** One line for the run log about the run itself (fidelity, cleanup). */
  onInfo?: (message: string) => void;
  /** A warning about the run as a whole, not about an item (e.g. the index was lost). */
  onNotice?: (message: string) => void;
}

const CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";

/** Rows one copy of unchanged files records at most: SQLite stages them in memory first. */
const MAX_RUN_ROWS = 1000;

/** Per-folder state while its children are processed. */
interface DirFrame {
  rel: string;
  dest: string;
  dirId: number;
  /** The previous snapshot's files of this folder, taken in the walk's order. */
  prev: PreviousFiles;
  /** The source folder's path and lstat. */
  path: string;
  info: FileStat;
  /** The folder could not be created: its subtree is skipped (and was reported once). */
  failed: boolean;
  /**
   * Files linked unread whose entries equal their previous rows, not recorded yet: a run of
   * consecutive previous rows (by `prev.takenSeq`), recorded in one statement (see flushRun).
   */
  runCount: number;
  runFirst: string;
  runLast: string;
  runSeq: number;
  /** How deep the folder is (0 for the top): handles are opened down to MAX_HANDLE_DEPTH only. */
  depth: number;
  /**
   * Folder handles for the fast path's lstat and link (the backend's folder calls): the previous
   * snapshot's copy of this folder, and the new one. Opened at the first file that needs them;
   * -1 when they cannot be (then full paths are used).
   */
  prevHandle?: number;
  destHandle?: number;
}

/** A stored copy of a source inode that has more than one link, to keep the group together. */
interface GroupMember {
  dest: string;
  contentId: number;
  hashHex: string;
  ino: number | null;
  sizeBytes: number;
  mode: number;
  mtimeMs: number;
  uid: number;
  gid: number;
  xattrs: Uint8Array | null;
  /** Flag 8 of the first name's entry: its stored inode shows another file's metadata. */
  sharedMeta: number;
}

/** Equal digests (or both none), byte for byte. */
function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function modeOf(info: FileStat): number {
  return info.mode & 0o7777;
}

/** True when two stats are of one inode (never for inode number 0, "unknown"). */
function isSameInode(a: FileStat, b: FileStat): boolean {
  return a.ino !== 0 && a.ino === b.ino && a.dev === b.dev;
}

function statOrUndefined(fs: FsBackend, path: string): FileStat | undefined {
  try {
    return fs.lstat(path);
  } catch {
    return undefined;
  }
}

/** lstat through a folder handle, or undefined on any error (as {@linkcode statOrUndefined}). */
function lstatInFolderOrUndefined(
  folders: FolderCalls,
  at: { dir: number; name: string; path: string },
): FileStat | undefined {
  try {
    return folders.lstat(at.dir, at.name, at.path);
  } catch {
    return undefined;
  }
}

/** The times a new copy or folder gets: atime = mtime, as phlb has always done. */
function copyTimes(st: FileStat) {
  return { atimeSec: st.mtimeSec, atimeNsec: st.mtimeNsec, mtimeSec: st.mtimeSec, mtimeNsec: st.mtimeNsec };
}

function absolute(path: string): string {
  return absolutePath(path, { cwd: Deno.cwd() });
}

/**
 * Runs one backup and returns its summary. A summary with `errors > 0` means some items failed
 * (exit code 3); the snapshot is still complete for everything else.
 */
export async function runBackup(
  options: BackupOptions,
  callbacks: BackupCallbacks = {},
): Promise<BackupSummary> {
  const engine = new Engine(options, callbacks);
  return await engine.run();
}

class Engine {
  readonly opt: BackupOptions;
  readonly cb: BackupCallbacks;
  readonly format: string;
  /** Set once the root is known: it depends on the destination filesystem. */
  maxLinks: number;
  readonly smallFileBytes: number;
  readonly racyWindowMs: number;
  readonly asRoot = isRoot();
  readonly owner = processOwner();
  readonly startedMs = Date.now();
  summary: BackupSummary;
  index!: BackupIndex;
  lock?: RootLock;
  log?: RunLog;
  manifest?: ManifestWriter;
  sourcePath = "";
  rootPath = "";
  snapshotId = 0;
  snapId = "";
  destRoot = "";
  prevRow?: { id: number };
  prevDir?: SnapshotDir;
  groups = new Map<string, GroupMember>();
  /** One read buffer for every file: fresh memory costs a page fault per 4 KiB. */
  scratch: ScratchBuffer;
  pacer: Pacer;
  /** Which files over smallFileBytes are surely new content, copied in one pass (large_files.ts). */
  largeSizes = new LargeContentSizes(() => contentSizesAbove(this.index, this.smallFileBytes));
  /** Reads of the next small files, started ahead (read_ahead.ts); only in runs that read every file. */
  readAhead?: ReadAhead<BackendFile>;
  readAheadStarted = new WeakSet<WalkEntry>();
  /** Copies in partials of interrupted runs that were read and found to hold their recorded content. */
  checkedPartialCopies = new Set<string>();
  /** Link sources found at another inode than recorded, read, and found to hold their content. */
  reRecordedInodes = 0;
  checkBuffer: Uint8Array | undefined;
  currentPath = "";
  sinceCommit = 0;
  /** The destination's filesystem, where the platform tells it (Linux). */
  destFsName?: string;
  /** How the filesystem is reached: opened once per run. */
  fs!: FsBackend;

  constructor(options: BackupOptions, callbacks: BackupCallbacks) {
    this.opt = options;
    this.cb = callbacks;
    this.format = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
    this.maxLinks = options.maxLinks ?? defaultMaxLinks();
    this.smallFileBytes = options.smallFileBytes ?? 1 << 20;
    this.racyWindowMs = options.racyWindowMs ?? 2000;
    // Sized for the largest in-memory file at once: pages only become resident when a file that
    // large is read, and there is no trail of outgrown buffers waiting for the collector.
    this.scratch = new ScratchBuffer(Math.max(this.smallFileBytes + 1, 1 << 20));
    this.summary = emptySummary(options.name);
    this.pacer = new Pacer({ signal: options.signal });
  }

  problem(p: ItemProblem): void {
    if (p.severity === "error") this.summary.errors++;
    else this.summary.warnings++;
    this.log?.problem(p);
    this.cb.onProblem?.(p);
  }

  info(message: string): void {
    this.log?.line("INFO", message);
    this.cb.onInfo?.(message);
  }

  notice(message: string): void {
    // Counted with the warnings: the summary's count is the log's WARNING lines.
    if (this.summary) this.summary.warnings++;
    this.log?.line("WARNING", message);
    this.cb.onNotice?.(message);
  }

  // ---- setup

  checkPaths(): void {
    const src = absolute(this.opt.source);
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
    this.sourcePath = Deno.realPathSync(src);
    const root = absolute(this.opt.root);
    try {
      // A dry run writes nothing, not even a new root: one that does not exist holds no snapshot.
      if (this.opt.dryRun && !pathExists(root)) this.rootPath = root;
      else {
        Deno.mkdirSync(root, { recursive: true });
        this.rootPath = Deno.realPathSync(root);
      }
    } catch (err) {
      throw new FatalError(`Cannot create backup root "${root}": ${errorMessage(err)}`, { cause: err });
    }
    if (relativeInside(this.rootPath, this.sourcePath) !== undefined) {
      throw new FatalError(
        `Source "${this.sourcePath}" is inside the backup root "${this.rootPath}": that would back up the backups`,
      );
    }
    if (!this.opt.name || /[\\/]/.test(this.opt.name) || this.opt.name.startsWith(".")) {
      throw new FatalError(`Invalid backup name "${this.opt.name}": use a plain folder name`);
    }
  }

  setupRoot(): void {
    const meta = metaDir(this.rootPath);
    try {
      Deno.mkdirSync(meta, { recursive: true });
    } catch (err) {
      throw this.cannotWrite(err);
    }
    try {
      probeHardlinks(meta);
    } catch (err) {
      if (isNoSpace(err) || err instanceof Deno.errors.PermissionDenied) throw this.cannotWrite(err);
      throw new FatalError(
        `The backup root "${this.rootPath}" cannot hold hardlinks (${errorMessage(err)}); ` +
          `use a filesystem that supports them (ext4, NTFS, APFS, btrfs, XFS, …), not FAT/exFAT`,
        { cause: err },
      );
    }
    if (this.opt.maxLinks === undefined) {
      const dest = destinationMaxLinks(this.rootPath);
      this.maxLinks = dest.maxLinks;
      this.destFsName = dest.fsName;
    }
    this.lock = acquireRootLock(meta, "backup", { name: this.opt.name });
    try {
      this.setupUnderLock(meta);
    } catch (err) {
      // Released here: run()'s finally, which releases it otherwise, is not reached.
      this.lock.release();
      throw err;
    }
  }

  /** What only the lock holder does: the backup's folder (so a refused run leaves no trace), the index. */
  setupUnderLock(meta: string): void {
    try {
      Deno.mkdirSync(joinPath(this.rootPath, this.opt.name), { recursive: true });
    } catch (err) {
      throw this.cannotWrite(err);
    }
    try {
      this.index = BackupIndex.open(meta);
      tuneForBackupRun(this.index);
    } catch (err) {
      // SQLite reports a full disk while creating its -wal/-shm files as a plain "disk I/O error".
      if (this.nearlyFull()) throw this.diskFull(err);
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

  cannotWrite(err: unknown): FatalError {
    if (isNoSpace(err)) return this.diskFull(err);
    return new FatalError(`Cannot write to backup root "${this.rootPath}": ${errorMessage(err)}`, {
      cause: err,
    });
  }

  chooseSnapshotId(): void {
    const base = formatTimestamp(this.opt.now ?? new Date(this.startedMs), this.format);
    let seq = 1;
    while (snapshotIdTaken(this.rootPath, this.opt.name, withSequence(base, seq))) seq++;
    this.snapId = withSequence(base, seq);
  }

  // ---- the run

  async run(): Promise<BackupSummary> {
    this.fs = openBackend({ prefer: this.opt.fsBackend });
    try {
      return await this.runWithBackend();
    } finally {
      this.fs.close();
    }
  }

  async runWithBackend(): Promise<BackupSummary> {
    this.checkPaths();
    this.summary.source = this.sourcePath;
    this.summary.root = this.rootPath;
    if (this.opt.dryRun) {
      try {
        return await this.dryRun();
      } catch (err) {
        throw this.explain(err);
      }
    }
    this.setupRoot();
    try {
      return await this.writeSnapshot();
    } catch (err) {
      throw this.explain(err);
    } finally {
      try {
        this.index.close();
      } catch {
        // Only a failing index makes closing fail, and the run's own error already says so.
      } finally {
        this.lock?.release();
      }
    }
  }

  /**
   * The error a stopped run reports. A full destination and a failing index are said in words,
   * with a hint, whichever call (a file write, SQLite, the log, the manifest) ran into them first.
   */
  explain(err: unknown): unknown {
    if (err instanceof FatalError || err instanceof InterruptedError) return err;
    if (isNoSpace(err) || (isIndexError(err) && this.nearlyFull())) return this.diskFull(err);
    if (isIndexError(err)) {
      // Damage that the check at open did not reach (it reads one table) shows up mid-run.
      const damaged = isIndexCorruption(err);
      const path = BackupIndex.pathIn(metaDir(this.rootPath));
      return new FatalError(
        `${damaged ? "The index is damaged" : "The index failed"} ("${path}"): ` +
          `${errorMessage(err)}. Earlier snapshots are untouched` +
          (this.snapId ? `; this one stays ${this.snapId}.partial` : ""),
        { cause: err, hint: damaged ? INDEX_REBUILD_HINT : undefined },
      );
    }
    return err;
  }

  /** Less than 1 MiB is left where the index lives: the likely cause of a failure that does not say. */
  nearlyFull(): boolean {
    const free = freeBytes(metaDir(this.rootPath));
    return free !== undefined && free < 1 << 20;
  }

  findPrevious(): void {
    reconcileIndex(this.index, this.rootPath);
    const snaps = listSnapshots(this.rootPath, this.opt.name, this.format);
    const complete = snaps.filter((s) => s.status === "complete");
    for (let i = complete.length - 1; i >= 0; i--) {
      const row = this.index.findSnapshot(this.opt.name, complete[i].id);
      if (row && row.status === "complete") {
        this.prevDir = complete[i];
        this.prevRow = row;
        break;
      }
    }
    if (!this.prevDir && complete.length > 0) {
      this.prevDir = complete[complete.length - 1];
    }
  }

  async writeSnapshot(): Promise<BackupSummary> {
    this.findPrevious();
    this.chooseSnapshotId();
    const name = this.opt.name;
    const side = sidecarPaths(this.rootPath, name, this.snapId);
    this.destRoot = snapshotPath(this.rootPath, name, this.snapId, "partial");
    const manifestTmp = snapshotPath(this.rootPath, name, this.snapId, "partial") + ".sha256";
    const stalePartials = listSnapshots(this.rootPath, name, this.format).filter((s) =>
      s.status === "partial"
    );
    try {
      Deno.mkdirSync(this.destRoot);
      this.log = new RunLog(side.log);
      this.manifest = new ManifestWriter(manifestTmp);
    } catch (err) {
      if (isNoSpace(err)) throw this.diskFull(err);
      throw new FatalError(`Cannot create snapshot "${this.destRoot}": ${errorMessage(err)}`, { cause: err });
    }
    this.summary.snapshot = this.snapId;
    this.summary.snapshotPath = snapshotPath(this.rootPath, name, this.snapId, "complete");
    this.summary.previous = this.prevDir?.id ?? null;
    this.info(`phlb backup of "${this.sourcePath}" into "${this.destRoot}"`);
    this.info(this.fs.summary);
    if (this.maxLinks !== UNLIMITED_LINKS) {
      const fs = this.destFsName ? ` (${this.destFsName} destination)` : "";
      this.info(`at most ${this.maxLinks} links per stored file${fs}; then a new copy is made`);
    }
    const unindexed = this.index.listSnapshots().length === 0 ? this.completeSnapshotCount() : 0;
    if (unindexed > 0) {
      // A deleted, emptied (truncated to 0 bytes) or replaced index: SQLite just starts a new one.
      this.notice(
        `the index "${this.index.path}" records no snapshot, but this root holds ${unindexed}: it was ` +
          `deleted, emptied or replaced. This run reads every file and links only to what it stores ` +
          `itself; run \`phlb add\` to rebuild the index`,
      );
    } else if (this.prevDir && !this.prevRow) {
      this.notice(
        `previous snapshot ${this.prevDir.id} is not in the index: every file is read (run \`phlb add\`)`,
      );
    }
    this.snapshotId = this.index.createSnapshot(name, this.snapId, this.startedMs);
    this.cb.onStart?.({ snapshotPath: this.destRoot, previous: this.prevDir?.id, dryRun: false });
    let interrupted = false;
    try {
      this.index.begin();
      await this.walkSource();
      this.index.commit();
      this.warnIfSourceEmptied();
      if (this.reRecordedInodes > 0) {
        this.notice(
          `${this.reRecordedInodes} stored copies had other inode numbers than the index records (was the ` +
            `root copied to another disk?); each was read once, found to hold its content, and linked. ` +
            `\`list\` and \`prune\` count space by inode: rebuild the index (move ${this.index.path} away, ` +
            `then run \`phlb add\`) for their figures to be right again`,
        );
      }
    } catch (err) {
      interrupted = err instanceof InterruptedError ||
        (err instanceof DOMException && err.name === "AbortError");
      const stopped = interrupted ? new InterruptedError() : this.explain(err);
      // Keep what was recorded, but a cleanup step that fails (a full disk, a broken index) must
      // not replace the reason the run stopped.
      try {
        this.index.commit();
      } catch { /* `stopped` says why */ }
      try {
        this.manifest.close();
      } catch { /* ditto */ }
      try {
        this.log.line(
          interrupted ? "WARNING" : "ERROR",
          interrupted ? "interrupted; the snapshot stays .partial" : `stopped: ${errorMessage(stopped)}`,
        );
      } catch { /* ditto */ }
      this.log.close();
      throw stopped;
    }
    // Commit: manifest, summary, every byte on the disk, then the folder rename that makes the
    // snapshot complete, itself made durable.
    const retrying = (err: unknown) => `in use, renaming again in a moment: ${errorMessage(err)}`;
    let summaryJson: string;
    try {
      this.manifest.close();
      renameRetrying(manifestTmp, side.manifest, { onRetry: (err) => this.info(retrying(err)) });
      this.finishSummary("complete");
      summaryJson = JSON.stringify(this.summary, null, 2) + "\n";
      writeTextAtomic(side.summary, summaryJson);
      this.log.line("INFO", `complete: ${this.summary.files} files, ${this.summary.errors} errors`);
      this.flushToDisk();
      renameRetrying(this.destRoot, this.summary.snapshotPath, {
        onRetry: (err) => this.info(retrying(err)),
      });
    } catch (err) {
      // Not committed: the folder stays .partial, whatever the manifest and summary beside it say.
      const stopped = this.explain(err);
      try {
        this.log.line(
          "ERROR",
          `stopped before the commit, the snapshot stays .partial: ${errorMessage(stopped)}`,
        );
      } catch { /* `stopped` says why */ }
      this.log.close();
      throw stopped;
    }
    try {
      syncDir(joinPath(this.rootPath, name));
    } catch (err) {
      this.log.close();
      throw new FatalError(
        `The snapshot "${this.summary.snapshotPath}" is complete, but its folder could not be ` +
          `written to disk: ${errorMessage(err)}`,
        { cause: err },
      );
    }
    this.index.setSnapshotStatus(this.snapshotId, "complete", Date.now(), summaryJson);
    for (const stale of stalePartials) this.removeStalePartial(stale);
    this.log.close();
    return this.summary;
  }

  /** An empty source whose previous snapshot is not: most likely a drive that is not mounted. */
  warnIfSourceEmptied(): void {
    const s = this.summary;
    if (!this.prevDir || s.files + s.symlinks + s.directories + s.skipped + s.excluded + s.errors > 0) return;
    let previousHolds = false;
    try {
      previousHolds = !Deno.readDirSync(this.prevDir.path)[Symbol.iterator]().next().done;
    } catch { /* gone: nothing to compare with */ }
    if (previousHolds) {
      this.notice(
        `the source "${this.sourcePath}" is empty, but the previous snapshot ${this.prevDir.id} is not: ` +
          `is its drive mounted? This snapshot is empty`,
      );
    }
  }

  /**
   * Writes the whole snapshot to the disk before it may be called complete: without this, a power
   * cut soon after the run leaves a complete-looking folder whose files are empty (ext4 and most
   * filesystems write data back up to half a minute later), and the next run would link to them.
   * A failure leaves the snapshot `.partial`.
   */
  flushToDisk(): void {
    const startMs = Date.now();
    let how: string | undefined;
    try {
      how = this.fs.syncFilesystem(this.destRoot);
    } catch (err) {
      if (isNoSpace(err)) throw this.diskFull(err);
      throw new FatalError(
        `Cannot write the snapshot to disk: ${errorMessage(err)}. It stays ${this.snapId}.partial`,
        { cause: err },
      );
    }
    this.info(
      how
        ? `written to disk (${how}) in ${Date.now() - startMs} ms`
        : `not flushed to disk: ${Deno.build.os} offers no way to (the filesystem writes it back itself)`,
    );
  }

  /** How many complete snapshot folders the root holds, of any name. */
  completeSnapshotCount(): number {
    let n = 0;
    for (const name of listBackupNames(this.rootPath)) {
      n += listSnapshots(this.rootPath, name, this.format).filter((s) => s.status === "complete").length;
    }
    return n;
  }

  /** A partial left by a dead run served as link sources during this run; now it goes. */
  removeStalePartial(stale: SnapshotDir): void {
    try {
      const row = this.index.findSnapshot(stale.name, stale.id);
      if (row) this.index.dropSnapshot(row.id);
      removeTree(stale.path);
      const side = sidecarPaths(this.rootPath, stale.name, stale.id);
      for (const p of [stale.path + ".sha256", side.log, side.manifest, side.summary]) {
        try {
          Deno.removeSync(p);
        } catch { /* not there */ }
      }
      this.info(`removed ${stale.id}.partial, left by an interrupted run`);
    } catch (err) {
      // After the commit: logged and shown, but no longer counted in the written summary.
      const p: ItemProblem = {
        path: stale.path,
        severity: "warning",
        message: `cannot remove the interrupted snapshot: ${errorMessage(err)}`,
      };
      this.log?.problem(p);
      this.cb.onProblem?.(p);
    }
  }

  finishSummary(status: BackupSummary["status"]): void {
    const s = this.summary;
    s.status = status;
    stampRunTimes(s, this.startedMs);
  }

  exclusionReason(entry: WalkEntry): string | undefined {
    const isDir = entry.info.isDirectory;
    if (isDir && entry.rel !== "") {
      const abs = entry.path;
      if (relativeInside(abs, this.rootPath) === "") return "it is the backup root";
      if (this.opt.skipDirNames?.includes(entry.name)) return `SKIP_DIRS "${entry.name}"`;
    }
    const g = this.opt.excludes && firstMatch(this.opt.excludes, entry.rel, entry.name, isDir);
    if (g) return `${g.rule ?? "exclude pattern"} "${g.source}"`;
    return undefined;
  }

  /** Marker files, seen in the folder's names: no probing, since a missing file costs an exception. */
  dirExclusionReason(entry: WalkEntry, names: readonly string[]): string | undefined {
    for (const marker of this.opt.excludeIfPresent ?? []) {
      if (names.includes(marker)) return `marker file "${marker}"`;
    }
    if (this.opt.excludeCaches !== false && names.includes("CACHEDIR.TAG")) {
      const tag = joinPath(entry.path, "CACHEDIR.TAG");
      if (statOrUndefined(this.fs, tag)?.isFile) {
        try {
          const f = this.fs.openRead(tag);
          const buf = new Uint8Array(CACHEDIR_SIGNATURE.length);
          const n = f.readSync(buf) ?? 0;
          f.close();
          if (new TextDecoder().decode(buf.subarray(0, n)) === CACHEDIR_SIGNATURE) {
            return "CACHEDIR.TAG";
          }
        } catch { /* unreadable tag: back the folder up */ }
      }
    }
    return undefined;
  }

  walkOptions() {
    return {
      exclude: (e: WalkEntry) => this.exclusionReason(e),
      excludeDir: (e: WalkEntry, names: readonly string[]) => this.dirExclusionReason(e, names),
      onExcluded: (e: WalkEntry, reason: string) => {
        this.summary.excluded++;
        this.cb.onExcluded?.(e.rel, reason);
      },
      onProblem: (p: ItemProblem) => this.problem(p),
      oneFileSystem: this.opt.oneFileSystem ?? true,
      backend: this.fs,
    };
  }

  /**
   * Per-entry bookkeeping: batched commits, progress, and a yield to the event loop every 100 ms.
   * Returns a promise only when it yields, so the per-file loop does not pay an await per entry.
   */
  tick(rel: string): Promise<void> | undefined {
    this.currentPath = rel;
    const now = Date.now();
    if (this.sinceCommit >= 5000) {
      this.index.commit();
      this.index.begin();
      this.sinceCommit = 0;
    }
    if (this.pacer.progressDue(now)) {
      this.cb.onProgress?.({
        files: this.summary.files,
        bytes: this.summary.bytes,
        copiedBytes: this.summary.copiedBytes,
        currentPath: rel,
        elapsedMs: now - this.startedMs,
      });
    }
    return this.pacer.pace(now);
  }

  /** Starts reading the next small files that will be read, while there is room. */
  fillReadAhead(events: Lookahead<WalkEvent>, readAhead: ReadAhead<BackendFile>): void {
    for (const next of events.peek(16)) {
      if (!readAhead.hasRoom) return;
      const e = next.entry;
      if (
        next.kind !== "file" || this.readAheadStarted.has(e) || (e.info.nlink ?? 1) > 1 ||
        e.info.size === 0 ||
        e.info.size > readAhead.maxFileBytes
      ) continue;
      this.readAheadStarted.add(e);
      readAhead.start(e.path, e.info.size);
    }
  }

  async walkSource(): Promise<void> {
    const depth = this.opt.readAheadFiles ?? 4;
    // Only where every file is read: otherwise most files are linked unread, and a read ahead is waste.
    if (depth > 0 && (!this.prevRow || this.opt.checksum)) {
      this.readAhead = new ReadAhead({
        depth,
        maxFileBytes: Math.min(this.smallFileBytes, 256 << 10),
        open: (path) => this.fs.openRead(path),
      });
    }
    try {
      await this.walkEvents();
    } finally {
      await this.readAhead?.clear();
    }
  }

  async walkEvents(): Promise<void> {
    const stack: DirFrame[] = [];
    try {
      await this.walkFrames(stack);
    } catch (err) {
      // What was linked is recorded, as everything else before the stop.
      try {
        for (const frame of stack) if (!frame.failed) this.flushRun(frame);
      } catch { /* the run's own error says why it stopped */ }
      throw err;
    } finally {
      for (const frame of stack) if (!frame.failed) this.closeHandles(frame);
    }
  }

  async walkFrames(stack: DirFrame[]): Promise<void> {
    const events = new Lookahead(walk(this.sourcePath, this.walkOptions()));
    for (const ev of events) {
      const parent = stack[stack.length - 1];
      if (ev.kind === "leave") {
        const frame = stack.pop()!;
        if (!frame.failed) {
          this.closeHandles(frame);
          this.finishDir(frame, stack[stack.length - 1]);
        }
        continue;
      }
      const yielded = this.tick(ev.entry.rel);
      if (yielded) await yielded;
      if (parent?.failed) {
        if (ev.kind === "enter") stack.push({ ...parent, rel: ev.entry.rel });
        continue;
      }
      switch (ev.kind) {
        case "enter":
          stack.push(this.enterDir(ev.entry, parent));
          break;
        case "file": {
          if (this.readAhead) this.fillReadAhead(events, this.readAhead);
          const reading = this.storeFile(ev.entry, parent);
          if (reading) await reading;
          break;
        }
        case "symlink":
          this.storeSymlink(ev.entry, parent);
          break;
        case "other":
          this.summary.skipped++;
          this.problem({
            path: ev.entry.rel,
            severity: "warning",
            message: `skipped: a ${specialKind(ev.entry.info)} is not a file and cannot be backed up`,
          });
          break;
      }
    }
  }

  enterDir(entry: WalkEntry, parent: DirFrame | undefined): DirFrame {
    const dest = parent ? joinPath(parent.dest, entry.name) : this.destRoot;
    let failed = false;
    if (parent) {
      try {
        this.fs.mkdir(dest);
      } catch (err) {
        if (isNoSpace(err)) throw this.diskFull(err);
        failed = true;
        this.problem({
          path: entry.rel,
          severity: "error",
          message: `cannot create folder: ${errorMessage(err)}`,
        });
      }
    }
    const dirId = this.index.dirId(entry.rel);
    const prev = this.prevRow
      ? previousFiles(this.index, { snapshotId: this.prevRow.id, dirId })
      : NO_PREVIOUS_FILES;
    return {
      rel: entry.rel,
      dest,
      dirId,
      prev,
      path: entry.path,
      info: entry.info,
      failed,
      runCount: 0,
      runFirst: "",
      runLast: "",
      runSeq: -1,
      depth: parent ? parent.depth + 1 : 0,
    };
  }

  /**
   * Opens the frame's folder handles for the fast path, once; false when the backend has no folder
   * calls, the folder is too deep, or either folder cannot be opened (full paths are used then).
   */
  frameHandles(frame: DirFrame): boolean {
    if (frame.prevHandle !== undefined) return frame.prevHandle >= 0;
    frame.prevHandle = frame.destHandle = -1;
    const folders = this.fs.folders;
    if (!folders || frame.depth > MAX_HANDLE_DEPTH) return false;
    try {
      frame.prevHandle = folders.open(joinPath(this.prevDir!.path, frame.rel));
      frame.destHandle = folders.open(frame.dest);
      return true;
    } catch {
      this.closeHandles(frame);
      return false;
    }
  }

  /** Closes the frame's folder handles, if open. */
  closeHandles(frame: DirFrame): void {
    for (const h of [frame.prevHandle, frame.destHandle]) {
      if (h !== undefined && h >= 0) this.fs.folders!.close(h);
    }
    frame.prevHandle = frame.destHandle = -1;
  }

  /** Records the frame's pending run of unchanged files (see DirFrame.runCount). */
  flushRun(frame: DirFrame): void {
    if (frame.runCount === 0) return;
    const copied = copyPreviousFiles(this.index, {
      fromSnapshotId: this.prevRow!.id,
      toSnapshotId: this.snapshotId,
      dirId: frame.dirId,
      firstName: frame.runFirst,
      lastName: frame.runLast,
    });
    if (copied !== frame.runCount) {
      throw new Error(
        `internal error: ${copied} entries recorded for ${frame.runCount} unchanged files in "${frame.rel}"`,
      );
    }
    frame.runCount = 0;
  }

  finishDir(frame: DirFrame, parent: DirFrame | undefined): void {
    this.flushRun(frame);
    const info = frame.info;
    const mode = modeOf(info);
    let xattrs: Uint8Array | null = null;
    try {
      // Owner, mode, xattrs, then times: a chown clears security.capability, and the times go last
      // because filling the folder changed them.
      if (this.asRoot && info.uid >= 0 && info.gid >= 0) {
        this.fs.chown(frame.dest, { uid: info.uid, gid: info.gid });
      }
      if (!IS_WINDOWS) this.fs.chmod(frame.dest, mode);
      xattrs = this.applyXattrs(frame.dest, { rel: frame.rel, list: sourceXattrs(this.fs, frame.path).list });
      this.fs.setTimes(frame.dest, copyTimes(info));
    } catch (err) {
      this.problem({
        path: frame.rel,
        severity: "warning",
        message: `cannot set folder metadata: ${errorMessage(err)}`,
      });
    }
    if (!parent) return;
    this.summary.directories++;
    this.index.insertEntry({
      snapshotId: this.snapshotId,
      dirId: parent.dirId,
      name: frame.rel.slice(frame.rel.lastIndexOf("/") + 1),
      kind: EntryKind.Dir,
      sizeBytes: 0,
      mode,
      uid: this.asRoot ? info.uid : this.owner.uid,
      gid: this.asRoot ? info.gid : this.owner.gid,
      contentId: null,
      ino: null,
      srcIno: info.ino,
      ...this.times(info),
      target: null,
      flags: 0,
      xattrs,
    });
    this.sinceCommit++;
  }

  storeSymlink(entry: WalkEntry, dir: DirFrame): void {
    const dest = joinPath(dir.dest, entry.name);
    let target: string;
    try {
      target = this.fs.readLink(entry.path);
    } catch (err) {
      this.problem({
        path: entry.rel,
        severity: isNotFound(err) ? "warning" : "error",
        message: `cannot read symlink: ${errorMessage(err)}`,
      });
      return;
    }
    try {
      if (IS_WINDOWS) {
        let type: "file" | "dir" = "file";
        try {
          if (Deno.statSync(entry.path).isDirectory) type = "dir";
        } catch { /* broken link: a file link */ }
        Deno.symlinkSync(target, dest, { type });
      } else {
        this.fs.symlink(target, dest);
      }
    } catch (err) {
      if (isNoSpace(err)) throw this.diskFull(err);
      const hint = isSymlinkPrivilegeError(err)
        ? " (Windows allows symlinks with Developer Mode on, or for an administrator)"
        : "";
      this.problem({
        path: entry.rel,
        severity: "error",
        message: `cannot create symlink to "${target}": ${errorMessage(err)}${hint}`,
      });
      return;
    }
    this.summary.symlinks++;
    const keepOwner = this.asRoot && entry.info.uid >= 0 && entry.info.gid >= 0;
    if (keepOwner) {
      try {
        this.fs.chown(dest, { uid: entry.info.uid, gid: entry.info.gid });
      } catch (err) {
        this.problem({
          path: entry.rel,
          severity: "warning",
          message: `cannot set the symlink's owner: ${errorMessage(err)}`,
        });
      }
    }
    if (this.fs.fidelity.symlinkTimes) {
      try {
        this.fs.setTimes(dest, copyTimes(entry.info), { noFollow: true });
      } catch (err) {
        this.problem({
          path: entry.rel,
          severity: "warning",
          message: `cannot set the symlink's time: ${errorMessage(err)}`,
        });
      }
    }
    this.index.insertEntry({
      snapshotId: this.snapshotId,
      dirId: dir.dirId,
      name: entry.name,
      kind: EntryKind.Symlink,
      sizeBytes: entry.info.size,
      mode: modeOf(entry.info),
      uid: keepOwner ? entry.info.uid : this.owner.uid,
      gid: keepOwner ? entry.info.gid : this.owner.gid,
      contentId: null,
      ino: null,
      srcIno: entry.info.ino,
      ...this.times(entry.info),
      target,
      flags: 0,
    });
    this.sinceCommit++;
  }

  diskFull(err: unknown): FatalError {
    const left = this.snapId && statOrUndefined(this.fs, this.destRoot)
      ? `The snapshot was left as ${this.snapId}.partial; earlier snapshots are untouched`
      : "Earlier snapshots are untouched";
    return new FatalError(
      `The backup destination "${this.rootPath}" is full: ${errorMessage(err)}. ${left}`,
      { cause: err, hint: "free space (e.g. `phlb prune`) and run the backup again" },
    );
  }

  /** The identity a stored copy of this source would have; `xattrs` is the digest (empty: none). */
  keyFor(contentId: number, info: FileStat, xattrs: Uint8Array | null): SourceKey {
    if (this.opt.dedup === "content") return { contentId, mode: 0, mtimeMs: 0, uid: 0, gid: 0 };
    return {
      contentId,
      mode: modeOf(info),
      mtimeMs: info.mtimeMs,
      mtimeFracNs: recordedMtime(info, this.fs.fidelity.nanosecondTimes).fracNs ?? 0,
      uid: this.asRoot ? info.uid : this.owner.uid,
      gid: this.asRoot ? info.gid : this.owner.gid,
      xattrs: xattrs ?? undefined,
    };
  }

  /** An entry's recorded mtime and source ctime, with nanoseconds where the backend sees them. */
  times(info: FileStat) {
    const ns = this.fs.fidelity.nanosecondTimes;
    const m = recordedMtime(info, ns);
    const c = recordedCtime(info, ns);
    return { mtimeMs: m.ms, mtimeFracNs: m.fracNs, srcCtimeMs: c.ms, srcCtimeFracNs: c.fracNs };
  }

  /**
   * Sets a source entry's xattrs on `dest`, a copy or folder this run has just made (never an
   * existing inode). Those that cannot be set are a warning for the item. Returns the digest of
   * what `dest` got, or null for none.
   */
  applyXattrs(dest: string, options: { rel: string; list: readonly Xattr[] }): Uint8Array | null {
    if (options.list.length === 0) return null;
    const r = writeXattrs(dest, { backend: this.fs, list: options.list });
    for (const failure of r.failures) {
      this.problem({ path: options.rel, severity: "warning", message: failure });
    }
    return r.digest;
  }

  record(
    entry: WalkEntry,
    dir: DirFrame,
    info: FileStat,
    stored: {
      contentId: number;
      hashHex: string;
      ino: number | null;
      flags: number;
      xattrs: Uint8Array | null;
    },
    options: { recorded?: boolean } = {},
  ): void {
    // `recorded`: the entry is part of the frame's pending run (flushRun records it).
    if (!options.recorded) {
      this.index.insertEntry({
        snapshotId: this.snapshotId,
        dirId: dir.dirId,
        name: entry.name,
        kind: EntryKind.File,
        sizeBytes: info.size,
        mode: modeOf(info),
        uid: this.asRoot ? info.uid : this.owner.uid,
        gid: this.asRoot ? info.gid : this.owner.gid,
        contentId: stored.contentId,
        ino: stored.ino,
        srcIno: info.ino,
        ...this.times(info),
        target: null,
        flags: stored.flags,
        xattrs: stored.xattrs,
      });
    }
    this.sinceCommit++;
    this.manifest!.add(stored.hashHex, entry.rel);
    this.summary.files++;
    this.summary.bytes += info.size;
    // ino 0: the platform gave no inode number (FileStat has no null), so there is no group key.
    if (entry.info.nlink > 1 && entry.info.ino !== 0 && !this.groups.has(this.groupKey(entry.info))) {
      this.groups.set(this.groupKey(entry.info), {
        dest: joinPath(dir.dest, entry.name),
        contentId: stored.contentId,
        hashHex: stored.hashHex,
        ino: stored.ino,
        sizeBytes: info.size,
        mode: modeOf(info),
        mtimeMs: info.mtimeMs,
        uid: this.asRoot ? info.uid : this.owner.uid,
        gid: this.asRoot ? info.gid : this.owner.gid,
        xattrs: stored.xattrs,
        sharedMeta: stored.flags & EntryFlag.SharedMeta,
      });
    }
  }

  groupKey(info: FileStat): string {
    return `${info.dev}:${info.ino}`;
  }

  /** Stores one file. Returns a promise only when the file is read (linked files stay synchronous). */
  storeFile(entry: WalkEntry, dir: DirFrame): Promise<void> | undefined {
    const info = entry.info;
    const dest = joinPath(dir.dest, entry.name);
    // A second link of a source hardlink group: the same inode in the snapshot.
    if (info.nlink > 1) {
      const g = this.groups.get(this.groupKey(info));
      // Within the link limit: a group larger than it is split like any other file.
      const full = g !== undefined && this.maxLinks !== UNLIMITED_LINKS &&
        (statOrUndefined(this.fs, g.dest)?.nlink ?? this.maxLinks) >= this.maxLinks;
      if (g && !full && g.sizeBytes === info.size && g.mtimeMs === info.mtimeMs && g.mode === modeOf(info)) {
        const r = tryLink(g.dest, dest, { backend: this.fs });
        if (r.ok) {
          this.summary.hardlinkGroupLinked++;
          this.record(entry, dir, info, {
            contentId: g.contentId,
            hashHex: g.hashHex,
            ino: g.ino,
            flags: g.sharedMeta,
            xattrs: g.xattrs,
          });
          return;
        }
      }
    }
    if (!this.opt.checksum && this.tryFastPath(entry, dir, dest) === "linked") return;
    // Also when the previous copy is at the link limit: reading finds the current link source of
    // this content (the newer copy made when the limit was hit) and links to it, or copies once.
    return this.readAndStore(entry, dir, dest);
  }

  /** Links an unchanged file to the previous snapshot's copy without reading it. */
  tryFastPath(entry: WalkEntry, dir: DirFrame, dest: string): "linked" | "limit" | "no" {
    const prev = dir.prev.take(entry.name);
    const info = entry.info;
    if (!prev) return "no";
    const contentId = prev[Prev.contentId];
    const hashHex = prev[Prev.hashHex];
    const sizeBytes = prev[Prev.sizeBytes];
    const mtimeMs = prev[Prev.mtimeMs];
    const prevIno = prev[Prev.ino];
    const srcIno = prev[Prev.srcIno];
    const srcCtimeMs = prev[Prev.srcCtimeMs];
    if (hashHex === null || contentId === null) return "no";
    const sharedMeta = prev[Prev.flags] & EntryFlag.SharedMeta;
    if ((prev[Prev.flags] & (EntryFlag.Unstable | EntryFlag.Racy)) !== 0) return "no";
    // A DEDUP=content link carries another file's metadata: exact runs read the file and store it
    // with its own.
    if (sharedMeta && this.opt.dedup !== "content") return "no";
    if (sizeBytes !== info.size || mtimeMs !== info.mtimeMs) return "no";
    if (prev[Prev.mode] !== modeOf(info)) return "no";
    if (this.asRoot && (prev[Prev.uid] !== info.uid || prev[Prev.gid] !== info.gid)) return "no";
    if (srcIno !== null && srcIno !== info.ino) return "no";
    // Times at the coarser precision of the two sides (src/fs/times.ts): a switch of backend, or
    // a row recorded before nanoseconds were, keeps the fast path.
    const ns = this.fs.fidelity.nanosecondTimes;
    const prevMtime = { ms: mtimeMs, fracNs: prev[Prev.mtimeFracNs] };
    if (!sameMtime(prevMtime, recordedMtime(info, ns))) return "no";
    if (
      srcCtimeMs !== null &&
      !sameCtime({ ms: srcCtimeMs, fracNs: prev[Prev.srcCtimeFracNs] }, recordedCtime(info, ns))
    ) {
      return "no";
    }
    const prevPath = joinPath(this.prevDir!.path, entry.rel);
    const at = this.frameHandles(dir);
    const st = at
      ? lstatInFolderOrUndefined(this.fs.folders!, { dir: dir.prevHandle!, name: entry.name, path: prevPath })
      : statOrUndefined(this.fs, prevPath);
    // The stored copy must still be the one recorded: a user may have deleted or replaced it.
    // (A DEDUP=content link shows the first copy's mtime, not the recorded source's.)
    if (!st || !st.isFile || st.size !== sizeBytes) return "no";
    if (isSameInode(st, info)) return "no"; // the "stored copy" is the live file (a root made with cp -al)
    if (!sharedMeta && !sameMtime(prevMtime, recordedMtime(st, ns))) return "no";
    if (prevIno !== null && st.ino !== prevIno) return "no";
    if (st.nlink >= this.maxLinks) return "limit";
    const r = at
      ? tryLinkInFolders(
        { dir: dir.prevHandle!, name: entry.name, path: prevPath },
        { dir: dir.destHandle!, name: entry.name, path: dest },
        this.fs.folders!,
      )
      : tryLink(prevPath, dest, { backend: this.fs });
    if (!r.ok) {
      if (isNoSpace(r.error)) throw this.diskFull(r.error);
      return r.limit ? "limit" : "no";
    }
    this.summary.unchangedLinked++;
    this.summary.unchangedBytes += info.size;
    const seq = dir.prev.takenSeq;
    const xattrs = prev[Prev.xattrs];
    const inRun = seq >= 0 && this.sameAsPrevious(prev, { info, stored: st, xattrs });
    if (inRun) {
      // Its entry is its previous row with the new snapshot id: copied with its neighbours.
      if (dir.runCount > 0 && seq === dir.runSeq + 1 && dir.runCount < MAX_RUN_ROWS) {
        dir.runCount++;
      } else {
        this.flushRun(dir);
        dir.runCount = 1;
        dir.runFirst = entry.name;
      }
      dir.runLast = entry.name;
      dir.runSeq = seq;
    }
    this.record(entry, dir, info, {
      contentId,
      hashHex,
      ino: st.ino,
      flags: sharedMeta | EntryFlag.Unchanged,
      xattrs,
    }, { recorded: inRun });
    return "linked";
  }

  /**
   * True when the entry a linked file gets is exactly its previous row but for the snapshot id:
   * the fast path compared size, mode and mtime already, and times only at the coarser precision
   * of both sides; here every field `record` would write must be equal as stored: owner (also when
   * not root), inode numbers (0, unknown, never copies), mtime and ctime with their nanoseconds
   * (or both without), and the xattrs digest. When in doubt the file is recorded by itself.
   */
  sameAsPrevious(
    prev: PreviousFile,
    now: { info: FileStat; stored: FileStat; xattrs: Uint8Array | null },
  ): boolean {
    const { info, stored: st } = now;
    const uid = this.asRoot ? info.uid : this.owner.uid;
    const gid = this.asRoot ? info.gid : this.owner.gid;
    if (prev[Prev.uid] !== uid || prev[Prev.gid] !== gid) return false;
    if (st.ino === 0 || prev[Prev.ino] !== st.ino) return false;
    if (info.ino === 0 || prev[Prev.srcIno] !== info.ino) return false;
    const t = this.times(info);
    if (prev[Prev.mtimeMs] !== t.mtimeMs || prev[Prev.mtimeFracNs] !== t.mtimeFracNs) return false;
    if (prev[Prev.srcCtimeMs] !== t.srcCtimeMs || prev[Prev.srcCtimeFracNs] !== t.srcCtimeFracNs) {
      return false;
    }
    return sameBytes(prev[Prev.xattrs], now.xattrs);
  }

  /** Links to an existing stored copy with the same identity, if a usable one exists. */
  tryDedupLink(
    entry: WalkEntry,
    to: { key: SourceKey; dest: string; hashHex: string },
  ): { ino: number | null; stored: FileStat } | undefined {
    const { key, dest } = to;
    const loc = this.index.findSource(key);
    if (!loc) return undefined;
    const path = joinPath(
      snapshotPath(this.rootPath, loc.backupName, loc.snapId, loc.status),
      loc.dirPath === "" ? loc.name : `${loc.dirPath}/${loc.name}`,
    );
    const st = statOrUndefined(this.fs, path);
    const ns = this.fs.fidelity.nanosecondTimes;
    const exact = this.opt.dedup !== "content";
    // The stored inode must still show the mtime the index recorded for it: the identity's in an
    // exact run; in a content run, the one its own entry recorded (an edit in place inside a
    // snapshot changes it). (Not the mode: ntfs-3g and SMB show their own.) A stored "copy" that is the source file itself (a tree
    // put into the root with cp -al) would make every snapshot change with the live file.
    let stale = !st || !st.isFile || st.size !== loc.sizeBytes || isSameInode(st, entry.info) ||
      (exact
        ? !sameMtime({ ms: key.mtimeMs, fracNs: ns ? key.mtimeFracNs ?? 0 : null }, recordedMtime(st, ns))
        : !loc.sharedMeta && !sameMtime({ ms: loc.mtimeMs, fracNs: loc.mtimeFracNs }, recordedMtime(st, ns)));
    if (!stale && loc.ino !== null && st!.ino !== loc.ino) {
      // Another inode at the same size and mtime: the root was copied to another disk (cp -a,
      // rsync -aH), or the file was replaced. It must be inside the snapshot (no folder on the way
      // replaced by a symlink), carry the identity's xattrs (a copy without -X drops them), and,
      // read once, hold the content: then it is re-recorded and linked, instead of every file of
      // the root being copied again.
      stale = !this.insideRoot(path) ||
        (exact && !sameBytes(sourceXattrs(this.fs, path).digest, key.xattrs?.length ? key.xattrs : null)) ||
        !this.storedCopyHolds(path, to.hashHex);
      if (!stale) {
        this.index.setEntryIno(loc, st!.ino);
        this.reRecordedInodes++;
      }
    }
    if (stale || !st) {
      // Deleted by hand or replaced: forget it, and this file becomes the new source.
      this.index.dropSource(key);
      return undefined;
    }
    if (st.nlink >= this.maxLinks) return undefined;
    if (loc.status === "partial" && !(loc.backupName === this.opt.name && loc.snapId === this.snapId)) {
      // A copy left by an interrupted run was never flushed to disk (that happens at the commit):
      // after a power cut it can hold other bytes than the index says, at the same size and mtime.
      // It is read once before anything is linked to it.
      if (!this.checkedPartialCopies.has(path)) {
        if (!this.storedCopyHolds(path, to.hashHex)) {
          this.index.dropSource(key);
          this.notice(
            `${JSON.stringify(entry.rel)}: the copy "${path}", left by an interrupted run, does not hold ` +
              `what the index records (lost in a crash?); not used, copied again`,
          );
          return undefined;
        }
        this.checkedPartialCopies.add(path);
      }
    }
    const r = tryLink(path, dest, { backend: this.fs });
    if (!r.ok) {
      if (isNoSpace(r.error)) throw this.diskFull(r.error);
      if (!r.limit) {
        this.problem({
          path: entry.rel,
          severity: "warning",
          message: `link failed, copied instead: ${errorMessage(r.error)}`,
        });
      }
      return undefined;
    }
    return { ino: st.ino, stored: st };
  }

  /** Whether `path`, its folders' symlinks resolved, is inside the backup root. */
  insideRoot(path: string): boolean {
    try {
      return relativeInside(this.rootPath, joinPath(Deno.realPathSync(dirname(path)), baseName(path))) !==
        undefined;
    } catch {
      return false; // a name Deno cannot resolve: not trusted
    }
  }

  /** Whether the stored file at `path` holds content `hashHex` (read whole; false if unreadable). */
  storedCopyHolds(path: string, hashHex: string): boolean {
    let file: BackendFile;
    try {
      file = this.fs.openRead(path);
    } catch {
      return false;
    }
    try {
      // Not the scratch buffer: it may hold the bytes of the file being stored.
      return hashReaderSync(file, { buffer: this.checkBuffer ??= new Uint8Array(256 << 10) }).hash ===
        hashHex;
    } catch {
      return false;
    } finally {
      file.close();
    }
  }

  async readAndStore(entry: WalkEntry, dir: DirFrame, dest: string): Promise<void> {
    let file: BackendFile;
    const pending = this.readAhead?.take(entry.path);
    const ahead = pending ? await pending : undefined;
    try {
      if (ahead && !ahead.ok && ahead.stage === "open") throw ahead.error;
      file = ahead && "file" in ahead ? ahead.file : this.fs.openRead(entry.path);
    } catch (err) {
      this.problem({
        path: entry.rel,
        severity: isNotFound(err) ? "warning" : "error",
        message: isNotFound(err) ? "vanished during the backup" : `cannot read: ${errorMessage(err)}`,
      });
      return;
    }
    let wroteDest = false;
    try {
      if (ahead && !ahead.ok) throw ahead.error;
      // The walk's lstat is the "before" state, and an fstat of the open file after reading is
      // the "after": any change from the walk to the end of the read (even a replaced file) is
      // seen, and the snapshot records what was read.
      const pre = entry.info;
      let hashHex: string;
      let buffer: Uint8Array | undefined;
      // A large file no stored content could match is copied while it is hashed (large_files.ts).
      const onePass = pre.size > this.smallFileBytes && this.largeSizes.isNew(pre.size);
      if (ahead?.ok && ahead.complete) {
        buffer = ahead.bytes;
        hashHex = ahead.hashHex;
      } else if (pre.size <= this.smallFileBytes) {
        // Also a file read ahead that grew: read whole here, from its start.
        if (ahead) file.seekSync(0, Deno.SeekMode.Start);
        buffer = readAllSync(file, pre.size, this.scratch);
        hashHex = sha256Hex(buffer);
      } else if (onePass) {
        hashHex = ""; // the copy's
      } else {
        hashHex =
          (await hashReader(file, { buffer: chunkBuffer(this.scratch), signal: this.opt.signal })).hash;
      }
      const mid = file.stat();
      let changed = mid.size !== pre.size || mid.mtimeMs !== pre.mtimeMs || mid.mtimeNsec !== pre.mtimeNsec ||
        mid.ino !== pre.ino || (buffer !== undefined && buffer.length !== pre.size);
      // Millisecond mtimes, whole-second ctimes and 2-second FAT times cannot tell a rewrite that
      // lands right after this read: such a recent file is read again next run.
      // Through the Deno API the ctime too: there it has whole seconds, so a rewrite in place with
      // the mtime set back, in the same second, would keep it (a second is added for the part it
      // drops). With nanosecond ctimes the fast path sees such a rewrite.
      const nowMs = Date.now();
      const coarseCtime = !this.fs.fidelity.nanosecondTimes && this.racyWindowMs > 0;
      const racy = nowMs - mid.mtimeMs < this.racyWindowMs ||
          (coarseCtime && nowMs - mid.ctimeMs < this.racyWindowMs + 1000)
        ? EntryFlag.Racy
        : 0;
      const sizeBytes = buffer ? buffer.length : mid.size;
      const recordInfo: FileStat = {
        ...entry.info,
        size: sizeBytes,
        mtimeSec: mid.mtimeSec,
        mtimeNsec: mid.mtimeNsec,
        mtimeMs: mid.mtimeMs,
        mode: mid.mode,
        uid: mid.uid,
        gid: mid.gid,
      };
      // The source's xattrs (none without the native backend) are part of the identity.
      const xattrs = this.fs.fidelity.xattrs ? sourceXattrs(this.fs, entry.path) : undefined;

      // undefined: not looked up; null: looked up and not in the index.
      let knownContentId: number | null | undefined;
      if (!changed && !onePass) {
        knownContentId = this.index.findContentId(hexToBytes(hashHex), sizeBytes) ?? null;
        if (knownContentId !== null) {
          const key = this.keyFor(knownContentId, recordInfo, xattrs?.digest ?? null);
          const linked = this.tryDedupLink(entry, { key, dest, hashHex });
          if (linked) {
            this.summary.dedupLinked++;
            this.summary.dedupBytes += sizeBytes;
            const s = linked.stored;
            const ns = this.fs.fidelity.nanosecondTimes;
            const sharedMeta = !sameMtime(recordedMtime(s, ns), recordedMtime(recordInfo, ns)) ||
                modeOf(s) !== modeOf(recordInfo) ||
                (this.asRoot && (s.uid !== recordInfo.uid || s.gid !== recordInfo.gid))
              ? EntryFlag.SharedMeta
              : 0;
            this.record(entry, dir, recordInfo, {
              contentId: knownContentId,
              hashHex,
              ino: linked.ino,
              flags: racy | sharedMeta,
              xattrs: xattrs?.digest ?? null,
            });
            this.warnIfSwapped(entry, pre);
            return;
          }
        }
      }

      // A new copy. Its bytes are hashed as written, so the manifest matches what is stored.
      // It is created with the source's mode and times (setting owner, mode or xattrs later leaves
      // the mtime alone); chmod and chown run only when the umask or the owner made it differ.
      const mode = modeOf(mid);
      const times = copyTimes(mid);
      let written: WrittenFile;
      wroteDest = true;
      if (buffer) {
        written = writeNewFile(dest, buffer, times, { mode, backend: this.fs });
      } else {
        file.seekSync(0, Deno.SeekMode.Start);
        const copied = await copyOpenFile(file, dest, times, {
          signal: this.opt.signal,
          scratch: this.scratch,
          mode,
          backend: this.fs,
        });
        if (onePass ? copied.sizeBytes !== mid.size : copied.hash !== hashHex) {
          changed = true;
          knownContentId = undefined;
        }
        hashHex = copied.hash;
        written = copied;
        const post = file.stat();
        if (post.size !== mid.size || post.mtimeMs !== mid.mtimeMs || post.mtimeNsec !== mid.mtimeNsec) {
          changed = true;
        }
      }
      recordInfo.size = written.sizeBytes;
      let chowned = false;
      if (
        this.asRoot && mid.uid >= 0 && mid.gid >= 0 && (written.uid !== mid.uid || written.gid !== mid.gid)
      ) {
        this.fs.chown(dest, { uid: mid.uid, gid: mid.gid });
        chowned = true;
      }
      // chown clears set-id bits, so the mode is set again after it.
      if (!IS_WINDOWS && (chowned || written.mode !== mode)) this.fs.chmod(dest, mode);
      // After the owner: a chown clears security.capability.
      const storedXattrs = xattrs ? this.applyXattrs(dest, { rel: entry.rel, list: xattrs.list }) : null;
      const contentId = knownContentId !== undefined && written.sizeBytes === sizeBytes
        ? knownContentId ?? this.index.addContent(hexToBytes(hashHex), written.sizeBytes)
        : this.index.contentId(hexToBytes(hashHex), written.sizeBytes);
      if (written.sizeBytes > this.smallFileBytes) this.largeSizes.add(written.sizeBytes);
      this.record(entry, dir, recordInfo, {
        contentId,
        hashHex,
        ino: written.ino,
        flags: EntryFlag.Written | (changed ? EntryFlag.Unstable : 0) | racy,
        xattrs: storedXattrs,
      });
      if (changed) {
        this.problem({
          path: entry.rel,
          severity: "warning",
          message: "changed while it was read: the stored copy is what was read, and the manifest hash " +
            "matches it; the next run reads it again",
        });
      } else {
        this.index.setSource(this.keyFor(contentId, recordInfo, storedXattrs), {
          snapshotId: this.snapshotId,
          dirId: dir.dirId,
          name: entry.name,
        });
        this.warnIfSwapped(entry, pre);
      }
      this.summary.copied++;
      this.summary.copiedBytes += written.sizeBytes;
    } catch (err) {
      if (err instanceof InterruptedError || (err instanceof DOMException && err.name === "AbortError")) {
        throw err;
      }
      // Remove a half-written copy, but never a file this call did not create (AlreadyExists).
      if (wroteDest && !(err instanceof Deno.errors.AlreadyExists)) {
        try {
          this.fs.remove(dest);
        } catch { /* nothing written */ }
      }
      if (isNoSpace(err)) throw this.diskFull(err);
      // The index failing is not this file's problem: it stops the run (see explain()).
      if (err instanceof FatalError || isIndexError(err)) throw err;
      this.problem({ path: entry.rel, severity: "error", message: `cannot back up: ${errorMessage(err)}` });
    } finally {
      file.close();
    }
  }

  /**
   * Warns when the path no longer names the inode that was read: the file was deleted, or another
   * file was renamed over it, while it was read. The open inode was read whole and stored as it
   * was, so nothing is wrong with the copy, but the snapshot does not hold what the path names now.
   */
  warnIfSwapped(entry: WalkEntry, read: FileStat): void {
    const now = statOrUndefined(this.fs, entry.path);
    if (now && now.ino === read.ino && now.dev === read.dev) return;
    this.problem({
      path: entry.rel,
      severity: "warning",
      message: `${now ? "replaced" : "deleted"} while it was read: the snapshot holds the version that was ` +
        "opened, whole and as the manifest says",
    });
  }

  // ---- dry run: decide, write nothing

  async dryRun(): Promise<BackupSummary> {
    const meta = metaDir(this.rootPath);
    let index: BackupIndex | undefined;
    try {
      if (statOrUndefined(this.fs, BackupIndex.pathIn(meta))) {
        index = BackupIndex.open(meta, { immutable: true });
      }
    } catch { /* no usable index: everything would be read */ }
    const snaps = listSnapshots(this.rootPath, this.opt.name, this.format).filter((s) =>
      s.status === "complete"
    );
    const prev = snaps[snaps.length - 1];
    const prevRow = prev && index?.findSnapshot(this.opt.name, prev.id);
    this.summary.previous = prev?.id ?? null;
    this.cb.onStart?.({ snapshotPath: "(dry run)", previous: prev?.id, dryRun: true });
    this.cb.onInfo?.(this.fs.summary);
    const prevByDir: Map<string, EntryRow>[] = [];
    try {
      for (const ev of walk(this.sourcePath, this.walkOptions())) {
        await this.tick(ev.entry.rel);
        if (ev.kind === "enter") {
          const dirId = index?.findDirId(ev.entry.rel);
          prevByDir.push(prevRow && dirId !== undefined ? index!.dirEntries(prevRow.id, dirId) : new Map());
          if (ev.entry.rel !== "") this.summary.directories++;
        } else if (ev.kind === "leave") {
          prevByDir.pop();
        } else if (ev.kind === "symlink") {
          this.summary.symlinks++;
        } else if (ev.kind === "other") {
          this.summary.skipped++;
        } else {
          const p = prevByDir[prevByDir.length - 1].get(ev.entry.name);
          const info = ev.entry.info;
          this.summary.files++;
          this.summary.bytes += info.size;
          if (
            !this.opt.checksum && p && p.kind === EntryKind.File && p.sizeBytes === info.size &&
            p.mtimeMs === info.mtimeMs && p.mode === modeOf(info)
          ) {
            this.summary.unchangedLinked++;
            this.summary.unchangedBytes += info.size;
          } else {
            // Would be read, then linked by content or copied.
            this.summary.toRead++;
            this.summary.toReadBytes += info.size;
          }
        }
      }
    } finally {
      index?.close();
    }
    this.finishSummary("dry-run");
    return this.summary;
  }
}

/** The meta folder's name, re-exported for commands that must skip it. */
export { META_DIR };
