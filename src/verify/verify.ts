/**
 * `phlb verify`: checks complete snapshots against their manifest `ID.sha256` and the index.
 *
 * Per snapshot: the manifest exists; every listed file exists as a regular file with the recorded
 * size, mtime, permission bits and owner (from the index, when it records the snapshot) and,
 * unless `fast`, the listed sha256; files neither listed nor recorded are extra; recorded folders
 * and symlinks are present (symlinks with their target). Each inode is read at most once per run,
 * however many snapshots link to it.
 *
 * It never writes: not to the trees, not to the index (opened read-only, so it runs beside a
 * backup); on a network root only a scratch file in `.phlb/`, removed again, to learn the step in
 * which mtimes are kept there (src/fs/probe.ts). It never prints: problems and progress go to callbacks.
 * @module
 */
import { FatalError, InterruptedError, type ItemProblem } from "../errors.ts";
import { errorMessage } from "../errors.ts";
import { isInterrupt, isNotFound } from "../fs/classify.ts";
import { type FsBackend, withBackend } from "../fs/native/mod.ts";
import { FileHasher } from "../fs/file_hasher.ts";
import { IS_WINDOWS, joinRel } from "../fs/path.ts";
import { walk, type WalkEntry, walkTree } from "../fs/walk.ts";
import { BackupIndex, EntryFlag, EntryKind } from "../index/index.ts";
import { recordedDirEntries, type RecordedEntry } from "../index/verify.ts";
import { DEDUP_TEMP_NAME, metaDir } from "../store/layout.ts";
import type { SnapshotRef } from "../store/ref.ts";
import { type SelectOptions, selectSnapshots } from "../store/select.ts";
import { readManifest } from "../store/manifest.ts";
import {
  emptyVerifySummary,
  type VerifyCallbacks,
  type VerifyProblem,
  type VerifySummary,
} from "./summary.ts";
import { RunMeter } from "../fs/pacer.ts";
import { modeOf } from "../fs/stat.ts";
import { destinationFilesystem } from "../fs/platform.ts";
import { probeTimeGranularity } from "../fs/probe.ts";
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
}

/**
 * Hashes running at once while the walk goes on. Each holds a copy of a file of at most 16 MiB;
 * a few are enough to keep the cores busy.
 */
const MAX_PENDING_HASHES = 4;

/** Malformed manifest lines reported one by one before they are only counted. */
const BAD_LINES_SHOWN = 5;

/** A folder being checked, with what the index recorded in it (undefined: nothing to compare with). */
interface Frame {
  rel: string;
  recorded?: Map<string, RecordedEntry>;
}

/** Kind names for messages. */
const KIND_NAMES: Record<number, string> = {
  [EntryKind.File]: "a regular file",
  [EntryKind.Dir]: "a folder",
  [EntryKind.Symlink]: "a symlink",
};

/** Formats a permission value as octal, e.g. "0644". */
function octalMode(mode: number): string {
  return "0" + (mode & 0o7777).toString(8).padStart(3, "0");
}

/** "2026-11-28T10:15:00.123Z", or the raw number when it is no valid date. */
function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
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
  return await withBackend((fs) => new Verifier(options, { ...callbacks, fs }).run());
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
  /** The snapshot being checked: `NAME/ID`, its manifest (what is left of it), its index row. */
  label = "";
  listed?: Map<string, string>;
  rowId?: number;

  readonly fs: FsBackend;

  constructor(options: VerifyOptions, callbacks: VerifyCallbacks & { fs: FsBackend }) {
    this.opt = options;
    this.cb = callbacks;
    this.fs = callbacks.fs;
    this.summary = emptyVerifySummary("", options.fast ? "fast" : "full");
    this.hasher = new FileHasher({
      chunkBytes: options.chunkBytes,
      signal: options.signal,
      backend: this.fs,
    });
    const s = this.summary;
    this.meter = new RunMeter({
      signal: options.signal,
      counts: () => ({ files: s.files, bytes: s.bytes, readBytes: this.hasher.readBytes }),
      onProgress: this.cb.onProgress,
    });
  }

  /** Records a problem of the snapshot being checked (or of `snapshot` when given). */
  problem(p: Omit<VerifyProblem, "snapshot"> & { snapshot?: string }): void {
    this.summary.problems++;
    this.summary.problemsByKind[p.kind] = (this.summary.problemsByKind[p.kind] ?? 0) + 1;
    this.summary.status = "damaged";
    this.cb.onProblem?.({
      snapshot: p.snapshot ?? this.label,
      path: p.path,
      kind: p.kind,
      message: p.message,
    });
  }

  async run(): Promise<VerifySummary> {
    const selection = selectSnapshots(this.opt.paths ?? [], this.opt);
    for (const snap of selection.snapshots) checkWhole(snap);
    if (selection.snapshots.length === 0) {
      // An empty or unmounted backup disk must not pass as verified.
      throw new FatalError(`No complete snapshot to verify under "${selection.root}"`, {
        hint: "`phlb list` shows what the root holds",
      });
    }
    this.summary.root = selection.root;
    if (destinationFilesystem(selection.root, { backend: this.fs }).network) {
      // Read-only shares cannot be probed: 2 s is the coarsest step any of them keeps (FAT's).
      this.timeGranularityNs = probeTimeGranularity(metaDir(selection.root), { backend: this.fs }) ?? 2e9;
    }
    this.index = BackupIndex.openIfPresent(metaDir(selection.root));
    try {
      for (const snap of selection.snapshots) await this.verifySnapshot(snap);
    } finally {
      this.index?.close();
    }
    this.meter.finish(this.summary, this.hasher);
    return this.summary;
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
            kind: "bad-manifest",
            message: `line ${lineNo} of ${snap.id}.sha256 is not a sha256sum line`,
          });
        }
      };
      for (const e of readManifest(path, onBadLine)) listed.set(manifestPath(e.path), e.hash);
    } catch (err) {
      if (isNotFound(err)) {
        this.problem({ path: "", kind: "no-manifest", message: `the manifest ${snap.id}.sha256 is missing` });
      } else {
        this.problem({
          path: "",
          kind: "unreadable",
          message: `cannot read the manifest ${snap.id}.sha256: ${errorMessage(err)}`,
        });
      }
      return undefined;
    }
    if (badLines > BAD_LINES_SHOWN) {
      this.problem({
        path: "",
        kind: "bad-manifest",
        message: `${badLines - BAD_LINES_SHOWN} more lines of ${snap.id}.sha256 are not sha256sum lines`,
      });
    }
    return listed;
  }

  async verifySnapshot(snap: SnapshotRef): Promise<void> {
    const label = `${snap.name}/${snap.id}`;
    this.summary.snapshots.push(label);
    this.cb.onSnapshot?.({ snapshot: label, path: snap.path });
    this.label = label;
    const row = this.index?.findSnapshot(snap.name, snap.id);
    const listed = this.loadManifest(snap);
    this.listed = listed;
    this.rowId = row?.id;
    if (!row && !listed) {
      this.cb.onNotice?.(
        `${label}: no manifest and not in the index: nothing to compare with (run \`phlb add\`)`,
      );
      return;
    }
    if (!row) {
      this.cb.onNotice?.(
        `${label}: not in the index, so sizes, mtimes, folders and symlinks are not checked (run \`phlb add\`)`,
      );
    }
    try {
      await this.walkSnapshot(snap);
    } finally {
      await this.settle();
    }
    if (listed) {
      for (const rel of listed.keys()) {
        this.problem({ path: rel, kind: "missing", message: "listed in the manifest, not in the snapshot" });
      }
    }
  }

  async walkSnapshot(snap: SnapshotRef): Promise<void> {
    const onProblem = (p: ItemProblem) =>
      this.problem({ path: p.path, kind: "unreadable", message: p.message });
    await walkTree<Frame>(walk(snap.path, { onProblem, oneFileSystem: false, backend: this.fs }), {
      tick: (entry) => this.meter.tick(entry.rel),
      enter: (entry, parent) => {
        if (parent) this.checkFolder(entry, parent);
        return {
          rel: entry.rel,
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
          kind: "extra",
          message: "a special file (FIFO, socket or device): no snapshot holds one",
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
        kind: "type",
        message: "a folder, but the manifest lists a file here",
      });
    } else if (rec && rec.kind !== EntryKind.Dir) {
      this.problem({
        path: entry.rel,
        kind: "type",
        message: `a folder, but ${KIND_NAMES[rec.kind]} was recorded`,
      });
    } else if (!rec && parent.recorded) {
      this.problem({ path: entry.rel, kind: "extra", message: "a folder the snapshot did not record" });
    }
  }

  checkSymlink(entry: WalkEntry, parent: Frame): void {
    this.summary.symlinks++;
    const { rec, hash } = this.take(parent, entry);
    if (hash !== undefined) {
      this.problem({
        path: entry.rel,
        kind: "type",
        message: "a symlink, but the manifest lists a file here",
      });
      return;
    }
    if (!parent.recorded) return; // Manifests do not list symlinks: nothing to compare with.
    if (!rec) {
      this.problem({ path: entry.rel, kind: "extra", message: "a symlink the snapshot did not record" });
      return;
    }
    if (rec.kind !== EntryKind.Symlink) {
      this.problem({
        path: entry.rel,
        kind: "type",
        message: `a symlink, but ${KIND_NAMES[rec.kind]} was recorded`,
      });
      return;
    }
    let target: string;
    try {
      target = this.fs.readLink(entry.path);
    } catch (err) {
      this.problem({
        path: entry.rel,
        kind: "unreadable",
        message: `cannot read the symlink: ${errorMessage(err)}`,
      });
      return;
    }
    if (target !== rec.target) {
      this.problem({
        path: entry.rel,
        kind: "symlink-target",
        message: `points to ${JSON.stringify(target)}, recorded ${JSON.stringify(rec.target)}`,
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
        kind: "type",
        message: `a regular file, but ${KIND_NAMES[rec.kind]} was recorded`,
      });
      return;
    }
    if (listed && hash === undefined) {
      const leftover = DEDUP_TEMP_NAME.test(entry.name) && info.nlink > 1;
      this.problem({
        path: entry.rel,
        kind: "extra",
        message: leftover
          ? "not in the manifest: a second name of a stored file, left by an interrupted `phlb add` (run it again)"
          : "not in the manifest",
      });
      return;
    }
    if (!listed && !rec) {
      this.problem({ path: entry.rel, kind: "extra", message: "a file the snapshot did not record" });
      return;
    }
    let sizeDiffers = false;
    if (rec) {
      if (info.size !== rec.sizeBytes) {
        sizeDiffers = true;
        this.problem({
          path: entry.rel,
          kind: "size",
          message: `size is ${info.size} bytes, recorded ${rec.sizeBytes}`,
        });
      }
    }
    // A DEDUP=content link shows the first stored copy's metadata, not the recorded source's.
    if (rec && (rec.flags & EntryFlag.SharedMeta) === 0) {
      const mtimeMs = info.mtimeMs;
      if (
        !sameMtime({ ms: mtimeMs, fracNs: null }, { ms: rec.mtimeMs, fracNs: null }, this.timeGranularityNs)
      ) {
        this.problem({
          path: entry.rel,
          kind: "mtime",
          message: `mtime is ${isoTime(mtimeMs)}, recorded ${isoTime(rec.mtimeMs)}`,
        });
      }
      const mode = modeOf(info);
      if (!IS_WINDOWS && mode !== rec.mode) {
        this.problem({
          path: entry.rel,
          kind: "mode",
          message: `permissions are ${octalMode(mode)}, recorded ${octalMode(rec.mode)}`,
        });
      }
      if (
        rec.uid >= 0 && info.uid >= 0 && info.gid >= 0 &&
        (info.uid !== rec.uid || info.gid !== rec.gid)
      ) {
        this.problem({
          path: entry.rel,
          kind: "owner",
          message: `owner is ${info.uid}:${info.gid}, recorded ${rec.uid}:${rec.gid}`,
        });
      }
    }
    const expected = hash ?? rec?.hashHex ?? undefined;
    // A changed size already says the bytes differ; reading them would add nothing.
    if (this.opt.fast || expected === undefined || sizeDiffers) return;
    const said = hash !== undefined ? "the manifest says" : "recorded";
    const snapshot = this.label;
    const job = this.hasher.hashSoon(entry.path, info).then((actual) => {
      if (actual.hashHex === expected) return;
      this.problem({
        snapshot,
        path: entry.rel,
        kind: "content",
        message: `content differs: sha256 is ${actual.hashHex.slice(0, 16)}…, ${said} ${
          expected.slice(0, 16)
        }…`,
      });
    }, (err) => {
      // Never rejects: a job nobody awaits yet must not become an unhandled rejection. An
      // interrupt is seen by the next tick() or settle() through the signal.
      if (isInterrupt(err)) return;
      this.problem({
        snapshot,
        path: entry.rel,
        kind: "unreadable",
        message: `cannot read: ${errorMessage(err)}`,
      });
    });
    // The walk goes on while this file is hashed; a few hashes run at once, not more.
    this.pending.push(job);
    if (this.pending.length > MAX_PENDING_HASHES) await this.pending.shift();
  }

  /** Waits for every running hash. */
  async settle(): Promise<void> {
    const jobs = this.pending;
    this.pending = [];
    await Promise.all(jobs);
    if (this.opt.signal?.aborted) throw new InterruptedError();
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
        kind: "missing",
        message: `${KIND_NAMES[rec.kind]} the snapshot recorded is missing`,
      });
    }
  }
}

/** Verify checks whole, complete snapshots: a partial one or a folder inside one is refused. */
function checkWhole(snap: SnapshotRef): void {
  const label = `${snap.name}/${snap.id}`;
  if (snap.status !== "complete") {
    throw new FatalError(`"${label}" is not a complete snapshot (it is .${snap.status})`);
  }
  if (snap.subpath !== "") {
    throw new FatalError(`"${label}/${snap.subpath}" is inside a snapshot: verify checks whole snapshots`, {
      hint: `give the snapshot itself: ${snap.path}`,
    });
  }
}
