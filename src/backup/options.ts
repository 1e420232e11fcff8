/**
 * The backup engine's public types: what a run is asked to do (BackupOptions) and how it reports
 * (BackupCallbacks). Commands build these; nothing here runs.
 * @module
 */
import type { ItemProblem } from "../errors.ts";
import type { Msg } from "../i18n/messages.ts";
import type { OpenBackendOptions } from "../fs/native/mod.ts";
import type { RootLock } from "../store/lock.ts";
import type { Excluder } from "./exclude.ts";
import type { RunPosition, RunTotal } from "../fs/pacer.ts";

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
  /**
   * What is left out: the command builds it from the config, the flags, CACHEDIR.TAG and marker
   * files. Default: only folders holding a valid CACHEDIR.TAG.
   */
  exclude?: Excluder;
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
   * Workers that read, hash and write file contents in runs that read every file (no previous
   * snapshot, or `checksum`), started at the first file read. Default: none on 2 cores or fewer,
   * else the cores beside the main thread, at most 4 (fs/content_pool.ts `defaultWorkers`). 0: the main thread does it.
   * The snapshot, the manifest and the index rows do not depend on it.
   */
  jobs?: number;
  /** Tests only: a content worker dies, uncaught, at the file whose path ends with this. */
  crashWorkerOn?: string;
  /**
   * A first backup walks its source ahead (names and sizes) to give its progress line an end.
   * Default true; false for benchmarks that measure what it costs.
   */
  walkAhead?: boolean;
  /**
   * The run's total when it is known ahead (a copy: the source snapshot's figures): the progress line
   * shows it exact, and neither the previous snapshot's estimate nor a walk ahead is taken.
   */
  knownTotal?: RunTotal;
  /** The snapshot's time. Default now. */
  now?: Date;
  /** Aborting stops the run cleanly: the snapshot stays `.partial`. */
  signal?: AbortSignal;
  /** How the filesystem is reached (src/fs/native/mod.ts); default "auto". For tests and benchmarks. */
  fsBackend?: OpenBackendOptions["prefer"];
  /** The mode of the root and NAME folders the run makes (DEFAULT_NEW_PATH_MODE). Default 0o700. */
  newFolderMode?: number;
  /**
   * The root's lock (src/store/lock.ts): how long to wait for a root another process holds
   * (--lock-wait, LOCK_WAIT; default 0: refused at once), and the heartbeat interval and stale
   * threshold of this run's lock record (LOCK_HEARTBEAT, LOCK_STALE).
   */
  lock?: {
    waitMs?: number;
    heartbeatMs?: number;
    staleMs?: number;
    pollMs?: number;
    /** The root's lock, taken by the caller and kept after the run (`phlb copy` holds DEST's over all its snapshots). */
    held?: RootLock;
  };
  /** The new snapshot's id, instead of one made from the start time (`phlb copy` keeps the source's). */
  snapshotId?: string;
  /**
   * The source is a snapshot folder (`phlb copy`): its files are never changed, only given more
   * links. So the fast path does not compare ctimes (a new link changes an inode's ctime; the
   * inode number still says it is the file recorded), and source files with several links are not
   * remembered as hardlink groups (nearly every file of a snapshot has links, and memory would grow
   * with them; same content is linked through the index anyway). Default false.
   */
  sourceIsSnapshot?: boolean;
  /**
   * Asked for each stored file, in walk order, and once when the walk is done; a throw stops the
   * run before the commit and the snapshot stays `.partial` (`phlb copy` checks the source's manifest
   * and damage marks). `source` is the source file's lstat.
   */
  storedCheck?: { file(rel: string, hashHex: string, source: { ino: number }): void; end(): void };
}

/** Running totals, for progress display. */
export interface BackupProgress extends RunPosition {
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
  /** An entry was excluded by a rule; `text` is the reason as a catalogue text, when it has one. */
  onExcluded?: (rel: string, reason: string, text?: Msg) => void;
  /** Called at most every 100 ms. */
  onProgress?: (progress: BackupProgress) => void;
  /** Setup is done and the walk starts. */
  onStart?: (info: { snapshotPath: string; previous?: string; dryRun: boolean }) => void;
  /**
   * One line for the run log about the run itself (fidelity, cleanup): `message` is its English
   * (as the log has it), `text` the catalogue text a report shows in the run's language.
   */
  onInfo?: (message: string, text?: Msg) => void;
  /** A warning about the run as a whole, not about an item (e.g. the index was lost); as `onInfo`. */
  onNotice?: (message: string, text?: Msg) => void;
  /** Another process holds the root and the run waits for it (--lock-wait). */
  onLockWait?: (holder: string, text?: Msg) => void;
}
