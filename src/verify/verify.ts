/**
 * `phlb verify`: checks complete snapshots against their manifest `ID.sha256` and the index.
 *
 * Per snapshot: the manifest exists; every listed file exists as a regular file with the recorded
 * size, mtime, permission bits and owner (from the index, when it records the snapshot) and,
 * unless `fast`, the listed sha256; files neither listed nor recorded are extra; recorded folders
 * and symlinks are present (symlinks with their target). Each inode is read at most once per run,
 * however many snapshots link to it.
 *
 * It never writes to the trees and takes no lock, so it runs beside a backup (cron must never find
 * the root refused) and beside a prune: a snapshot removed while it runs (prune renames it to
 * `.deleting` before anything in it goes) is reported as removed, its problems dropped, never as
 * damage. What it finds damaged in a stored copy (other bytes, size, mtime, mode or owner) is
 * marked in the index at the end (index/damage.ts), so that no backup or add links to it again (on
 * a network root only under the root's lock, taken without waiting for that write); a root it
 * cannot write, or a network root in use, is only reported. With `repair` it takes the root's lock and heals the
 * damaged copies (repair.ts). On a network root it writes a scratch file in `.phlb/`, removed
 * again, to learn the step in which mtimes are kept there (src/fs/probe.ts), and compares mtimes
 * no finer. It never prints: problems and progress go to callbacks.
 * @module
 */
import { FatalError, InterruptedError, type ItemProblem } from "../errors.ts";
import { type MessageKey, type Msg, msg } from "../i18n/messages.ts";
import { errorMessage } from "../errors.ts";
import { isInterrupt, isNotFound } from "../fs/classify.ts";
import { type FileStat, type FsBackend, withBackend } from "../fs/native/mod.ts";
import { ContentPool, type ContentRunner, defaultWorkers } from "../fs/content_pool.ts";
import { FileHasher } from "../fs/file_hasher.ts";
import { IS_WINDOWS, joinRel } from "../fs/path.ts";
import { walk, type WalkEntry, walkTree } from "../fs/walk.ts";
import { type DamageProblem, markCopiesInRoot } from "../index/damage.ts";
import { BackupIndex, EntryFlag, EntryKind } from "../index/index.ts";
import { recordedDirEntries, type RecordedEntry } from "../index/verify.ts";
import { DEDUP_TEMP_NAME, metaDir, REPAIR_TEMP_NAME } from "../store/layout.ts";
import { acquireRootLock, waitForRootLock } from "../store/lock.ts";
import { FoundDamage } from "./found_damage.ts";
import { openIndexToWrite, Repairer } from "./repair.ts";
import type { SnapshotRef } from "../store/ref.ts";
import { type SelectOptions, selectSnapshots } from "../store/select.ts";
import { readManifest } from "../store/manifest.ts";
import {
  emptyVerifySummary,
  Kind,
  type VerifyCallbacks,
  type VerifyProblemKind,
  type VerifySummary,
} from "./summary.ts";
import { RunMeter, type RunTotal } from "../fs/pacer.ts";
import { filesUnder } from "../index/manage.ts";
import { modeOf } from "../fs/stat.ts";
import { storedTimeStepNs } from "../fs/probe.ts";
import { sameMtime } from "../fs/times.ts";

/** What to verify, and how. */
export interface VerifyOptions extends SelectOptions {
  /**
   * What to verify, in the grammar of src/store/ref.ts: snapshot folders, `NAME@ID`, names,
   * `ROOT/NAME` folders, roots. None: the root's newest snapshots (all of them with `all`).
   */
  paths?: readonly string[];
  /** Check presence, size and mtime only; read no content. */
  fast?: boolean;
  /** Aborting stops the run between files (or between chunks of a large file). */
  signal?: AbortSignal;
  /** Read size for hashing. */
  chunkBytes?: number;
  /**
   * Workers that read and hash (fs/content_pool.ts), started at the first file hashed. Default:
   * one per core, at most 4 (the main thread only walks and compares). 0: the main thread reads.
   */
  jobs?: number;
  /** Heal the damaged stored copies found (and those the index marks): repair.ts. Takes the lock. */
  repair?: boolean;
  /** With `repair`: say what would be repaired, and from where; change nothing. */
  dryRun?: boolean;
  /** A repair's root lock: wait (--lock-wait), heartbeat, stale threshold (src/store/lock.ts); default: refused at once. */
  lock?: { waitMs?: number; heartbeatMs?: number; staleMs?: number };
}

/** Malformed manifest lines reported one by one before they are only counted. */
const BAD_LINES_SHOWN = 5;

/** A folder being checked, with what the index recorded in it (undefined: nothing to compare with). */
interface Frame {
  rel: string;
  path: string;
  recorded?: Map<string, RecordedEntry>;
}

/** A snapshot being checked: its folder as it was when checking began, to tell when it goes. */
interface SnapState {
  path: string;
  dev: number;
  ino: number;
  removed: boolean;
}

/** Kind names for messages. */
const KIND_NAMES: Record<number, MessageKey> = {
  [EntryKind.File]: "verify.kind.file",
  [EntryKind.Dir]: "verify.kind.folder",
  [EntryKind.Symlink]: "verify.kind.symlink",
};

/** "… the snapshot recorded is missing", per kind (German needs the kind's gender). */
const MISSING_KIND: Record<number, MessageKey> = {
  [EntryKind.File]: "verify.problem.missingFile",
  [EntryKind.Dir]: "verify.problem.missingFolder",
  [EntryKind.Symlink]: "verify.problem.missingSymlink",
};

/** A recorded kind's name, as a text in the message's language. */
function kindName(kind: number): Msg {
  return msg(KIND_NAMES[kind]);
}

/** Formats a permission value as octal, e.g. "0644". */
function octalMode(mode: number): string {
  return "0" + (mode & 0o7777).toString(8).padStart(3, "0");
}

/** "2026-11-28T10:15:00.123Z", or the raw number when it is no valid date. */
function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/** The files the index recorded in `snaps`, the end of the progress line; undefined if one is not recorded. */
function recordedTotal(index: BackupIndex | undefined, snaps: readonly SnapshotRef[]): RunTotal | undefined {
  const total = { files: 0, bytes: 0 };
  for (const snap of snaps) {
    const row = index?.findSnapshot(snap.name, snap.id);
    if (!row) return undefined;
    const n = filesUnder(index!, row.id);
    total.files += n.files;
    total.bytes += n.bytes;
  }
  return total;
}

/** Strips the "./" some hand-made manifests put before each path. */
function manifestPath(path: string): string {
  return path.startsWith("./") ? path.slice(2) : path;
}

/**
 * Verifies the selected snapshots and returns the summary; `status` is "damaged" when any problem
 * was found. Throws {@linkcode FatalError} when the root or a named snapshot cannot be used.
 */
export async function runVerify(
  options: VerifyOptions,
  callbacks: VerifyCallbacks = {},
): Promise<VerifySummary> {
  // The snapshots are read with the backend's fidelity (names that are not valid UTF-8).
  return await withBackend(async (fs) => {
    const runner = hashRunner(fs, options);
    try {
      return await new Verifier(options, { ...callbacks, fs, runner }).run();
    } finally {
      runner?.close();
    }
  });
}

/** The pool a full verify or a scrub hashes in, or undefined for the main thread. */
export function hashRunner(
  fs: FsBackend,
  options: { jobs?: number; fast?: boolean; signal?: AbortSignal },
): ContentPool | undefined {
  const jobs = options.jobs ?? defaultWorkers({ mainThreadBusy: false });
  if (options.fast || jobs === 0) return undefined;
  return new ContentPool({ workers: jobs, backend: fs.kind, signal: options.signal });
}

class Verifier {
  readonly opt: VerifyOptions;
  readonly cb: VerifyCallbacks;
  readonly summary: VerifySummary;
  readonly hasher: FileHasher;
  readonly meter: RunMeter<{ files: number; bytes: number; readBytes: number }>;
  index?: BackupIndex;
  /** The step in which the root keeps mtimes: recorded ones are compared no finer (1 s over sshfs). */
  timeGranularityNs = 1;
  /** Hashes started and not yet compared. */
  pending: Promise<void>[] = [];
  /** What ended the run while hashes ran (a worker that died): thrown at the next wait. */
  fatal?: FatalError;
  /** The snapshot being checked: `NAME/ID`, its manifest (what is left of it), its index row. */
  label = "";
  listed?: Map<string, string>;
  rowId?: number;
  /** Every snapshot checked so far, by `NAME/ID`. */
  readonly snaps = new Map<string, SnapState>();
  /** Stored copies found damaged, with their paths. */
  readonly found = new FoundDamage();
  /** Problems counted per damaged inode (`dev:ino`): a repair of the inode resolves them. */
  readonly problemsOfInode = new Map<string, number>();
  /** Temporary files of an interrupted repair, found in the snapshots (removed by a repair). */
  readonly leftovers: { path: string; folder: string }[] = [];
  root = "";

  readonly fs: FsBackend;

  constructor(
    options: VerifyOptions,
    callbacks: VerifyCallbacks & { fs: FsBackend; runner: ContentRunner | undefined },
  ) {
    this.opt = options;
    this.cb = callbacks;
    this.fs = callbacks.fs;
    this.summary = emptyVerifySummary("", options.fast ? "fast" : "full");
    this.hasher = new FileHasher({
      chunkBytes: options.chunkBytes,
      signal: options.signal,
      backend: this.fs,
      runner: callbacks.runner,
    });
    const s = this.summary;
    this.meter = new RunMeter({
      signal: options.signal,
      counts: () => ({ files: s.files, bytes: s.bytes, readBytes: this.hasher.readBytes }),
      onProgress: this.cb.onProgress,
    });
  }

  /**
   * Records a problem of the snapshot being checked (or of `snapshot` when given), unless that
   * snapshot is gone: then it was removed while verify ran, and the problem is its removal. Returns
   * whether it was recorded.
   */
  problem(
    p: { snapshot?: string; path: string; kind: VerifyProblemKind; message: string | Msg },
  ): boolean {
    const snapshot = p.snapshot ?? this.label;
    if (this.removedNow(snapshot)) return false;
    this.summary.problems++;
    this.summary.problemsByKind[p.kind] = (this.summary.problemsByKind[p.kind] ?? 0) + 1;
    this.summary.status = "damaged";
    const text = typeof p.message === "string" ? {} : { text: p.message };
    this.cb.onProblem?.({ snapshot, path: p.path, kind: p.kind, message: String(p.message), ...text });
    return true;
  }

  /** A notice: English for callers that read strings, the text for the report. */
  notice(m: Msg): void {
    this.cb.onNotice?.(String(m), m);
  }

  /**
   * Whether snapshot `label` is no longer the folder it was when its check began. `phlb prune`
   * renames a snapshot to `.deleting` before it removes anything in it, so every problem its
   * removal causes is found after this says so.
   */
  removedNow(label: string): boolean {
    const state = this.snaps.get(label);
    if (!state) return false;
    if (state.removed) return true;
    let st: FileStat | undefined;
    try {
      st = this.fs.lstat(state.path);
    } catch { /* gone */ }
    if (st && st.isDirectory && st.ino === state.ino && st.dev === state.dev) return false;
    state.removed = true;
    this.summary.removed.push(label);
    this.summary.snapshots = this.summary.snapshots.filter((s) => s !== label);
    this.notice(msg("verify.notice.removed", { label }));
    return true;
  }

  /** A problem with a stored file: recorded, and its inode noted as damaged (for the mark and --repair). */
  copyProblem(
    kind: DamageProblem,
    at: {
      entry: WalkEntry;
      snapshot: string;
      rowId: number | undefined;
      hashHex: string | undefined;
      rec?: RecordedEntry;
      message: Msg;
    },
  ): void {
    const { entry } = at;
    if (!this.problem({ snapshot: at.snapshot, path: entry.rel, kind, message: at.message })) return;
    if (at.hashHex === undefined || entry.info.ino === 0) return;
    const key = `${entry.info.dev}:${entry.info.ino}`;
    this.problemsOfInode.set(key, (this.problemsOfInode.get(key) ?? 0) + 1);
    this.found.add(kind, {
      dev: entry.info.dev,
      ino: entry.info.ino,
      hashHex: at.hashHex,
      snapshot: at.snapshot,
      snapshotRowId: at.rowId,
      rel: entry.rel,
      path: entry.path,
      rec: at.rec,
    });
  }

  async run(): Promise<VerifySummary> {
    const selection = selectSnapshots(this.opt.paths ?? [], this.opt);
    for (const snap of selection.snapshots) checkWhole(snap);
    if (selection.snapshots.length === 0) {
      // An empty or unmounted backup disk must not pass as verified.
      throw new FatalError(msg("verify.noSnapshot", { root: selection.root }), {
        hint: msg("verify.noSnapshot.hint"),
      });
    }
    this.root = selection.root;
    this.summary.root = selection.root;
    const meta = metaDir(selection.root);
    this.timeGranularityNs = storedTimeStepNs(selection.root, meta, { backend: this.fs });
    // A repair changes snapshots: one writer per root. Its dry run changes nothing, and needs no lock.
    const writes = this.opt.repair === true && !this.opt.dryRun;
    const lock = writes
      ? await waitForRootLock(meta, "verify --repair", {
        ...this.opt.lock,
        signal: this.opt.signal,
        onWait: this.cb.onLockWait,
        onTakeover: this.cb.onNotice,
      })
      : undefined;
    try {
      this.index = writes
        ? openIndexToWrite(meta, { beforeWriteBack: () => lock!.assertHeld() })
        : BackupIndex.openIfPresent(meta);
      this.meter.total = recordedTotal(this.index, selection.snapshots);
      for (const snap of selection.snapshots) await this.verifySnapshot(snap);
      this.summary.damagedCopies = this.found.size;
      if (this.opt.repair) await this.repair();
      else this.markDamage(meta);
    } finally {
      try {
        this.index?.close();
      } finally {
        lock?.release();
      }
    }
    this.meter.finish(this.summary, this.hasher);
    return this.summary;
  }

  /**
   * Marks the damaged copies found in the index, so that no backup or add links to them again. The
   * index was read-only so far: it is opened to write for this, briefly (SQLite makes a running
   * backup's write wait, or this one). A root that cannot be written is only told about.
   */
  markDamage(meta: string): void {
    if (this.found.size === 0 || this.index === undefined) return;
    this.index.close();
    this.index = undefined;
    try {
      this.summary.damagedMarked = markCopiesInRoot(meta, this.found.copies(), {
        foundBy: "verify",
        takeLock: () => acquireRootLock(meta, "verify"),
      });
    } catch (err) {
      this.notice(msg("verify.notice.markFailed", { error: errorMessage(err) }));
    }
  }

  /** `--repair`: heals the damaged copies found and marked (repair.ts). */
  async repair(): Promise<void> {
    const repairer = new Repairer({
      root: this.root,
      index: this.index,
      fs: this.fs,
      dryRun: this.opt.dryRun ?? false,
      signal: this.opt.signal,
      chunkBytes: this.opt.chunkBytes,
      onRepair: this.cb.onRepair,
      onNotice: this.cb.onNotice,
      tick: (path) => this.meter.tick(path),
    });
    const done = await repairer.run(this.found, { leftovers: this.leftovers });
    this.summary.repair = done.summary;
    this.summary.damagedCopies = Math.max(this.summary.damagedCopies, done.damagedCopies);
    this.summary.damagedMarked = done.marked;
    const r = done.summary;
    // Damage stays damage (exit 4) until it is healed: what a dry run would heal, what cannot be
    // healed (also a marked copy outside the snapshots checked), and every other problem.
    let resolved = 0;
    if (!r.dryRun) { for (const key of done.repairedKeys) resolved += this.problemsOfInode.get(key) ?? 0; }
    this.summary.problemsRepaired = resolved;
    const healed = this.summary.problems === resolved && r.unrepairable === 0 &&
      !(r.dryRun && r.repaired > 0);
    this.summary.status = healed ? "ok" : "damaged";
  }

  /** The manifest as path → hash, or undefined (reported) when there is none. */
  loadManifest(snap: SnapshotRef): Map<string, string> | undefined {
    const path = snap.manifestPath;
    const listed = new Map<string, string>();
    let badLines = 0;
    try {
      const onBadLine = (lineNo: number) => {
        badLines++;
        if (badLines <= BAD_LINES_SHOWN) {
          this.problem({
            path: "",
            kind: Kind.badManifest,
            message: msg("verify.problem.badManifestLine", { line: lineNo, id: snap.id }),
          });
        }
      };
      for (const e of readManifest(path, onBadLine)) listed.set(manifestPath(e.path), e.hash);
    } catch (err) {
      if (isNotFound(err)) {
        this.problem({
          path: "",
          kind: Kind.noManifest,
          message: msg("verify.problem.noManifest", { id: snap.id }),
        });
      } else {
        this.problem({
          path: "",
          kind: Kind.unreadable,
          message: msg("verify.problem.manifestUnreadable", { id: snap.id, error: errorMessage(err) }),
        });
      }
      return undefined;
    }
    if (badLines > BAD_LINES_SHOWN) {
      this.problem({
        path: "",
        kind: Kind.badManifest,
        message: msg("verify.problem.badManifestMore", { count: badLines - BAD_LINES_SHOWN, id: snap.id }),
      });
    }
    return listed;
  }

  async verifySnapshot(snap: SnapshotRef): Promise<void> {
    const label = `${snap.name}/${snap.id}`;
    this.label = label;
    let top: FileStat;
    try {
      top = this.fs.lstat(snap.path);
    } catch {
      // Removed after the snapshots were listed (a prune, running beside this verify).
      this.snaps.set(label, { path: snap.path, dev: -1, ino: -1, removed: false });
      this.removedNow(label);
      return;
    }
    this.snaps.set(label, { path: snap.path, dev: top.dev, ino: top.ino, removed: false });
    this.summary.snapshots.push(label);
    const row = this.index?.findSnapshot(snap.name, snap.id);
    this.cb.onSnapshot?.({
      snapshot: label,
      path: snap.path,
      recorded: row && filesUnder(this.index!, row.id),
    });
    const listed = this.loadManifest(snap);
    this.listed = listed;
    this.rowId = row?.id;
    if (!row && !listed) {
      this.notice(msg("verify.notice.nothingToCompare", { label }));
      return;
    }
    if (!row) {
      this.notice(msg("verify.notice.notInIndex", { label }));
    }
    try {
      await this.walkSnapshot(snap);
    } catch (err) {
      // The walk's first step is the snapshot folder: gone, it was removed meanwhile.
      if (!(isNotFound(err) && this.removedNow(label))) throw err;
    } finally {
      await this.settle();
    }
    if (listed) {
      for (const rel of listed.keys()) {
        this.problem({ path: rel, kind: Kind.missing, message: msg("verify.problem.listedNotThere") });
      }
    }
  }

  async walkSnapshot(snap: SnapshotRef): Promise<void> {
    const onProblem = (p: ItemProblem) =>
      this.problem({ path: p.path, kind: Kind.unreadable, message: p.text ?? p.message });
    await walkTree<Frame>(walk(snap.path, { onProblem, oneFileSystem: false, backend: this.fs }), {
      tick: (entry) => this.meter.tick(entry.rel),
      enter: (entry, parent) => {
        if (parent) this.checkFolder(entry, parent);
        return {
          rel: entry.rel,
          path: entry.path,
          recorded: this.rowId === undefined
            ? undefined
            : recordedDirEntries(this.index!, { snapshotId: this.rowId, dirPath: entry.rel }),
        };
      },
      leave: (frame) => this.reportUnseen(frame),
      file: (entry, parent) => this.checkFile(entry, parent),
      symlink: (entry, parent) => this.checkSymlink(entry, parent),
      other: (entry) =>
        this.problem({
          path: entry.rel,
          kind: Kind.extra,
          message: msg("verify.problem.special"),
        }),
    });
  }

  /** Records and listings of a name, removed so that what remains at the end is missing. */
  take(frame: Frame, entry: WalkEntry) {
    const rec = frame.recorded?.get(entry.name);
    if (rec) frame.recorded!.delete(entry.name);
    const hash = this.listed?.get(entry.rel);
    if (hash !== undefined) this.listed!.delete(entry.rel);
    return { rec, hash };
  }

  checkFolder(entry: WalkEntry, parent: Frame): void {
    this.summary.directories++;
    const { rec, hash } = this.take(parent, entry);
    if (hash !== undefined) {
      this.problem({
        path: entry.rel,
        kind: Kind.type,
        message: msg("verify.problem.folderListedAsFile"),
      });
    } else if (rec && rec.kind !== EntryKind.Dir) {
      this.problem({
        path: entry.rel,
        kind: Kind.type,
        message: msg("verify.problem.folderButRecorded", { kind: kindName(rec.kind) }),
      });
    } else if (!rec && parent.recorded) {
      this.problem({ path: entry.rel, kind: Kind.extra, message: msg("verify.problem.extraFolder") });
    }
  }

  checkSymlink(entry: WalkEntry, parent: Frame): void {
    this.summary.symlinks++;
    const { rec, hash } = this.take(parent, entry);
    if (hash !== undefined) {
      this.problem({
        path: entry.rel,
        kind: Kind.type,
        message: msg("verify.problem.symlinkListedAsFile"),
      });
      return;
    }
    if (!parent.recorded) return; // Manifests do not list symlinks: nothing to compare with.
    if (!rec) {
      this.problem({ path: entry.rel, kind: Kind.extra, message: msg("verify.problem.extraSymlink") });
      return;
    }
    if (rec.kind !== EntryKind.Symlink) {
      this.problem({
        path: entry.rel,
        kind: Kind.type,
        message: msg("verify.problem.symlinkButRecorded", { kind: kindName(rec.kind) }),
      });
      return;
    }
    let target: string;
    try {
      target = this.fs.readLink(entry.path);
    } catch (err) {
      this.problem({
        path: entry.rel,
        kind: Kind.unreadable,
        message: msg("verify.problem.symlinkUnreadable", { error: errorMessage(err) }),
      });
      return;
    }
    if (target !== rec.target) {
      this.problem({
        path: entry.rel,
        kind: Kind.symlinkTarget,
        message: msg("verify.problem.symlinkTarget", {
          target: JSON.stringify(target),
          recorded: JSON.stringify(rec.target),
        }),
      });
    }
  }

  async checkFile(entry: WalkEntry, parent: Frame): Promise<void> {
    const info = entry.info;
    this.summary.files++;
    this.summary.bytes += info.size;
    const { rec, hash } = this.take(parent, entry);
    const listed = this.listed;
    if (rec && rec.kind !== EntryKind.File) {
      this.problem({
        path: entry.rel,
        kind: Kind.type,
        message: msg("verify.problem.fileButRecorded", { kind: kindName(rec.kind) }),
      });
      return;
    }
    if (listed && hash === undefined && !rec && REPAIR_TEMP_NAME.test(entry.name)) {
      // A name a repair killed between its steps left: the path it was for holds the old copy or
      // the new one, whole. A repair removes it; until then it is an extra file of the snapshot.
      if (this.opt.repair) {
        this.summary.files--;
        this.summary.bytes -= info.size;
        this.leftovers.push({ path: entry.path, folder: parent.path });
        return;
      }
      this.problem({
        path: entry.rel,
        kind: Kind.extra,
        message: msg("verify.problem.repairLeftover"),
      });
      return;
    }
    if (listed && hash === undefined) {
      const leftover = DEDUP_TEMP_NAME.test(entry.name) && info.nlink > 1;
      this.problem({
        path: entry.rel,
        kind: Kind.extra,
        message: leftover ? msg("verify.problem.addLeftover") : msg("verify.problem.notInManifest"),
      });
      return;
    }
    if (!listed && !rec) {
      this.problem({ path: entry.rel, kind: Kind.extra, message: msg("verify.problem.extraFile") });
      return;
    }
    const expected = hash ?? rec?.hashHex ?? undefined;
    const snapshot = this.label;
    const at = { entry, snapshot, rowId: this.rowId, hashHex: expected, rec };
    let sizeDiffers = false;
    if (rec) {
      if (info.size !== rec.sizeBytes) {
        sizeDiffers = true;
        this.copyProblem("size", {
          ...at,
          message: msg("verify.problem.size", { size: info.size, recorded: rec.sizeBytes }),
        });
      }
    }
    // A DEDUP=content link shows the first stored copy's metadata, not the recorded source's.
    if (rec && (rec.flags & EntryFlag.SharedMeta) === 0) {
      const mtimeMs = info.mtimeMs;
      if (
        !sameMtime({ ms: mtimeMs, fracNs: null }, { ms: rec.mtimeMs, fracNs: null }, this.timeGranularityNs)
      ) {
        this.copyProblem("mtime", {
          ...at,
          message: msg("verify.problem.mtime", { mtime: isoTime(mtimeMs), recorded: isoTime(rec.mtimeMs) }),
        });
      }
      // Flag 32: the destination showed its own mode and owner when the copy was written (ntfs-3g,
      // SMB, FAT), and ignores chmod and chown; nothing to compare.
      const bound = (rec.flags & EntryFlag.ForeignMeta) === 0;
      const mode = modeOf(info);
      if (bound && !IS_WINDOWS && mode !== rec.mode) {
        this.copyProblem("mode", {
          ...at,
          message: msg("verify.problem.mode", { mode: octalMode(mode), recorded: octalMode(rec.mode) }),
        });
      }
      if (
        bound && rec.uid >= 0 && info.uid >= 0 && info.gid >= 0 &&
        (info.uid !== rec.uid || info.gid !== rec.gid)
      ) {
        this.copyProblem("owner", {
          ...at,
          message: msg("verify.problem.owner", {
            owner: `${info.uid}:${info.gid}`,
            recorded: `${rec.uid}:${rec.gid}`,
          }),
        });
      }
    }
    // A changed size already says the bytes differ; reading them would add nothing.
    if (this.opt.fast || expected === undefined || sizeDiffers) return;
    const inManifest = hash !== undefined;
    const job = this.hasher.hashSoon(entry.path, info).then((actual) => {
      if (actual.hashHex === expected) return;
      this.copyProblem("content", {
        ...at,
        message: msg(inManifest ? "verify.problem.contentManifest" : "verify.problem.contentRecorded", {
          actual: actual.hashHex.slice(0, 16),
          expected: expected.slice(0, 16),
        }),
      });
    }, (err) => {
      // Never rejects: a job nobody awaits yet must not become an unhandled rejection. An
      // interrupt is seen by the next tick() or settle() through the signal; a dead worker is no
      // problem of this file but the run's end, thrown at the next wait.
      if (isInterrupt(err)) return;
      if (err instanceof FatalError) {
        this.fatal ??= err;
        return;
      }
      this.problem({
        snapshot,
        path: entry.rel,
        kind: Kind.unreadable,
        message: msg("verify.problem.unreadable", { error: errorMessage(err) }),
      });
    });
    // The walk goes on while this file is hashed; enough hashes run at once to keep the workers busy.
    this.pending.push(job);
    if (this.pending.length > this.hasher.concurrency) await this.pending.shift();
    if (this.fatal) throw this.fatal;
  }

  /** Waits for every running hash. */
  async settle(): Promise<void> {
    const jobs = this.pending;
    this.pending = [];
    await Promise.all(jobs);
    if (this.opt.signal?.aborted) throw new InterruptedError();
    if (this.fatal) throw this.fatal;
  }

  /** At a folder's end: what the index recorded there and the walk did not meet is missing. */
  reportUnseen(frame: Frame): void {
    if (!frame.recorded) return;
    for (const [name, rec] of frame.recorded) {
      const rel = joinRel(frame.rel, name);
      // A listed file is reported once, from the manifest, at the end.
      if (rec.kind === EntryKind.File && this.listed?.has(rel)) continue;
      this.problem({
        path: rel,
        kind: Kind.missing,
        message: msg(MISSING_KIND[rec.kind]),
      });
    }
  }
}

/** Verify checks whole, complete snapshots: a partial one or a folder inside one is refused. */
function checkWhole(snap: SnapshotRef): void {
  const label = `${snap.name}/${snap.id}`;
  if (snap.status !== "complete") {
    throw new FatalError(msg("verify.notComplete", { label, status: snap.status }));
  }
  if (snap.subpath !== "") {
    throw new FatalError(msg("verify.insideSnapshot", { path: `${label}/${snap.subpath}` }), {
      hint: msg("verify.insideSnapshot.hint", { path: snap.path }),
    });
  }
}
