/**
 * The state one backup run shares between the engine's parts: what it was asked, where it writes,
 * the open index, log and manifest, the summary, and how it reports, paces and words the errors
 * that stop it. Everything else in src/backup/ is a part that gets this object; none of them
 * holds state another needs.
 * @module
 */
import { errorMessage, FatalError, InterruptedError, type ItemProblem, itemProblem } from "../errors.ts";
import { freeBytes, isNoSpace } from "../fs/classify.ts";
import type { FileStat, FsBackend, Xattr } from "../fs/native/mod.ts";
import { RunMeter } from "../fs/pacer.ts";
import { defaultMaxLinks, type DestinationFs, isRoot, processOwner } from "../fs/platform.ts";
import type { DestinationProbe } from "../fs/probe.ts";
import { lstatOrUndefined } from "../fs/stat.ts";
import { writeXattrs } from "../fs/xattrs.ts";
import { Msg, msg } from "../i18n/messages.ts";
import { INDEX_REBUILD_HINT, isIndexCorruption, isIndexError } from "../index/errors.ts";
import { DamagedInodes } from "../index/damage.ts";
import { BackupIndex } from "../index/index.ts";
import type { SnapshotDir } from "../store/layout.ts";
import { metaDir } from "../store/layout.ts";
import type { ManifestWriter } from "../store/manifest.ts";
import type { RootLock } from "../store/lock.ts";
import type { RunLog } from "../store/runlog.ts";
import { DEFAULT_TIMESTAMP_FORMAT } from "../store/timestamp.ts";
import { type DedupPolicy, dedupPolicy, type RunIdentity } from "./dedup_policy.ts";
import { Excluder } from "./exclude.ts";
import type { FastPathOptions } from "./fast_path.ts";
import type { BackupCallbacks, BackupOptions } from "./options.ts";
import { type BackupSummary, emptySummary } from "./summary.ts";

/** Entries recorded between two commits of the index. */
const COMMIT_EVERY_ENTRIES = 5000;

/** One backup run's shared state. */
export class BackupRun {
  readonly opt: BackupOptions;
  readonly cb: BackupCallbacks;
  /** How the filesystem is reached: opened once per run. */
  readonly fs: FsBackend;
  readonly summary: BackupSummary;
  readonly meter: RunMeter<{ files: number; bytes: number; copiedBytes: number }>;
  readonly exclude: Excluder;
  readonly format: string;
  readonly smallFileBytes: number;
  readonly racyWindowMs: number;
  readonly asRoot: boolean = isRoot();
  readonly owner: { uid: number; gid: number } = processOwner();
  /** Who the run records as owners, and how precisely it sees times. */
  readonly identity: RunIdentity;
  /** Stored inodes marked damaged: loaded with the index, and added to when this run finds one. */
  readonly damaged: DamagedInodes = new DamagedInodes();
  /** Files stored afresh because the copy they would have been linked to differs from its record. */
  readonly storedDiffers: StoredDiffers = new StoredDiffers();
  /** Set once the root is known: it depends on the destination filesystem. */
  maxLinks: number;
  /** The destination's filesystem and what its probe found, once the root is set up. */
  destination?: { fs: DestinationFs; probe: DestinationProbe };
  /** Lines for the run log from before it was opened (the lock, the destination). */
  readonly early: Array<{ level: "INFO" | "WARNING"; message: string }> = [];
  dedup!: DedupPolicy;
  fastPath!: FastPathOptions;
  sourcePath = "";
  rootPath = "";
  /** The new snapshot: its id, its index row, and its folder while it is written (`.partial`). */
  snapId = "";
  snapshotId = 0;
  destRoot = "";
  /** The previous complete snapshot the fast path compares with, and its index row. */
  prevDir?: SnapshotDir;
  prevRow?: { id: number };
  index!: BackupIndex;
  /** The root's lock, once taken. */
  lock?: RootLock;
  log?: RunLog;
  manifest?: ManifestWriter;
  /** Entries recorded since the index's last commit. */
  sinceCommit = 0;

  constructor(options: BackupOptions, at: { callbacks: BackupCallbacks; fs: FsBackend }) {
    this.opt = options;
    this.cb = at.callbacks;
    this.fs = at.fs;
    this.exclude = options.exclude ?? new Excluder();
    this.format = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
    this.maxLinks = options.maxLinks ?? defaultMaxLinks();
    this.smallFileBytes = options.smallFileBytes ?? 1 << 20;
    this.racyWindowMs = options.racyWindowMs ?? 2000;
    this.summary = emptySummary(options.name);
    this.identity = {
      asRoot: this.asRoot,
      owner: this.owner,
      nanosecondTimes: this.fs.fidelity.nanosecondTimes,
    };
    const s = this.summary;
    this.meter = new RunMeter({
      signal: options.signal,
      counts: () => ({ files: s.files, bytes: s.bytes, copiedBytes: s.copiedBytes }),
      onProgress: this.cb.onProgress,
    });
    this.setMaxLinks(this.maxLinks);
  }

  /** Sets the link limit (the destination's, once known) and what follows from it. */
  setMaxLinks(maxLinks: number): void {
    this.maxLinks = maxLinks;
    this.dedup = dedupPolicy(this.opt.dedup, this.identity);
    this.fastPath = {
      nanosecondTimes: this.identity.nanosecondTimes,
      asRoot: this.asRoot,
      maxLinks,
      fastPathSharedMeta: this.dedup.fastPathSharedMeta,
      storedTimeGranularityNs: this.identity.storedTimeGranularityNs,
      compareCtime: !this.opt.sourceIsSnapshot,
      damaged: this.damaged,
    };
  }

  /** The destination, as detected and probed: its link limit and the step its times are kept in. */
  setDestination(dest: { fs: DestinationFs; probe: DestinationProbe }): void {
    this.destination = dest;
    this.identity.storedTimeGranularityNs = dest.probe.timeGranularityNs;
    this.damaged.inodesStable = dest.probe.inodesStable;
    this.setMaxLinks(this.opt.maxLinks ?? dest.fs.maxLinks);
  }

  /** Stored inode numbers mean something here (not over sshfs): they are recorded and compared. */
  get inodesStable(): boolean {
    return this.destination?.probe.inodesStable ?? true;
  }

  /** When the run started. */
  get startedMs(): number {
    return this.meter.startedMs;
  }

  /** An item's problem: counted, logged and reported. */
  problem(p: ItemProblem): void {
    if (p.severity === "error") this.summary.errors++;
    else this.summary.warnings++;
    this.log?.problem(p);
    this.cb.onProblem?.(p);
  }

  /** A line about the run for the log (in English, as every log line) and for `onInfo`. */
  info(text: string | Msg): void {
    const message = String(text);
    if (this.log) this.log.line("INFO", message);
    else this.early.push({ level: "INFO", message });
    this.cb.onInfo?.(message, text instanceof Msg ? text : undefined);
  }

  /** A warning about the run as a whole: English in the log, the catalogue text for `onNotice`. */
  notice(text: string | Msg): void {
    const message = String(text);
    // Counted with the warnings: the summary's count is the log's WARNING lines.
    this.summary.warnings++;
    if (this.log) this.log.line("WARNING", message);
    else this.early.push({ level: "WARNING", message });
    this.cb.onNotice?.(message, text instanceof Msg ? text : undefined);
  }

  /**
   * Per entry: commits the index every 5000 entries, reports progress and yields to the event
   * loop every 100 ms. Returns a promise only when it yields.
   */
  tick(rel: string): Promise<void> | undefined {
    if (this.sinceCommit >= COMMIT_EVERY_ENTRIES) {
      this.index.commit();
      this.index.begin();
      this.sinceCommit = 0;
    }
    return this.meter.tick(rel);
  }

  /** The owner an entry of this lstat is recorded with: its own as root, else the process's. */
  ownerOf(info: FileStat): { uid: number; gid: number } {
    return this.asRoot ? { uid: info.uid, gid: info.gid } : this.owner;
  }

  /**
   * Sets a source entry's xattrs on `dest`, a copy or folder this run has just made (never an
   * existing inode). Those that cannot be set are a warning for the item. Returns the digest of
   * what `dest` got, or null for none.
   */
  applyXattrs(dest: string, options: { rel: string; list: readonly Xattr[] }): Uint8Array | null {
    if (options.list.length === 0) return null;
    const r = writeXattrs(dest, { backend: this.fs, list: options.list });
    for (const failure of r.texts) this.problem(itemProblem(options.rel, "warning", failure));
    return r.digest;
  }

  /** The error of a full destination, saying what is left of this run. */
  diskFull(err: unknown): FatalError {
    const left = this.snapId && lstatOrUndefined(this.fs, this.destRoot)
      ? msg("backup.full.leftPartial", { id: this.snapId })
      : msg("backup.full.untouched");
    return new FatalError(
      msg("backup.full", { root: this.rootPath, error: errorMessage(err), left }),
      { cause: err, hint: msg("backup.full.hint") },
    );
  }

  /** The error for the backup root that cannot be written. */
  cannotWrite(err: unknown): FatalError {
    if (isNoSpace(err)) return this.diskFull(err);
    return new FatalError(msg("backup.root.cannotWrite", { root: this.rootPath, error: errorMessage(err) }), {
      cause: err,
    });
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
      const params = {
        path,
        error: errorMessage(err),
        stays: this.snapId ? msg("backup.index.stays", { id: this.snapId }) : "",
      };
      return new FatalError(
        damaged ? msg("backup.index.damaged", params) : msg("backup.index.failed", params),
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
}

/** How many files were stored afresh because their stored copy differed, and the first few of them. */
export class StoredDiffers {
  /** Paths named in the run's warning. */
  static readonly SHOWN = 5;
  count = 0;
  readonly first: string[] = [];
  #last = "";

  /** Notes file `rel` (its fast path and its dedup link may both note it: counted once). */
  note(rel: string): void {
    if (rel === this.#last) return;
    this.#last = rel;
    this.count++;
    if (this.first.length < StoredDiffers.SHOWN) this.first.push(rel);
  }
}
