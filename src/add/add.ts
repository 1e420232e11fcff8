/**
 * `phlb add` (alias `phlb rebuild`): records every complete snapshot folder under a root in the
 * index, including trees copied in by hand as `NAME/TIMESTAMP/`, and deduplicates them.
 *
 * For each complete snapshot the index does not record yet (or that lacks its manifest):
 * - every file is read once per inode; an existing manifest is checked (mismatches are reported,
 *   the manifest is never rewritten); a missing one is written (temp file, then rename);
 * - files, folders and symlinks are recorded as the engine records them (`ino` = the stored
 *   inode; the source's inode and ctime are unknown, so NULL), in one transaction per snapshot,
 *   so an interrupted run never leaves a half-recorded snapshot;
 * - a file whose content and inode metadata (size, mtime, mode, owner) equal a stored link
 *   source's, but which is another inode, is replaced by a hardlink to it: link to a temporary
 *   name in the same folder, then rename over the file. The original is never deleted first, and
 *   the folder's times are put back. Because the metadata is identical, no snapshot shows
 *   anything different afterwards. A file whose bytes differ from its manifest is never linked
 *   and never a link source.
 *
 * It never prints; problems and progress go to callbacks. Setup failures throw FatalError.
 * @module
 */
import { errorMessage, FatalError, InterruptedError, type ItemProblem } from "../errors.ts";
import { isInterrupt, isNotFound } from "../fs/classify.ts";
import { FileHasher } from "../fs/file_hasher.ts";
import { hexToBytes } from "../fs/hash.ts";
import { isLinkLimitError } from "../fs/link.ts";
import { joinPath } from "../fs/path.ts";
import { destinationMaxLinks } from "../fs/platform.ts";
import { removeTree } from "../fs/remove.ts";
import { walk, type WalkEntry, walkTree } from "../fs/walk.ts";
import { type FileStat, type FsBackend, openBackend } from "../fs/native/mod.ts";
import { recordedMtime, sameMtime } from "../fs/times.ts";
import { sourceXattrs } from "../fs/xattrs.ts";
import { BackupIndex, EntryFlag, EntryKind, type SourceKey } from "../index/index.ts";
import {
  beginSnapshotLoad,
  commitSnapshotLoad,
  copyIndexForDryRun,
  createBulkIndexes,
  dropBulkIndexes,
  type IndexState,
  openIndexForRebuild,
  rollbackSnapshotLoad,
  tuneForBulkLoad,
} from "../index/rebuild.ts";
import { reconcileIndex } from "../index/reconcile.ts";
import {
  DEDUP_TEMP_NAME,
  dedupTempName,
  listBackupNames,
  listSnapshots,
  metaDir,
  sidecarPaths,
  type SnapshotDir,
  snapshotPath,
} from "../store/layout.ts";
import { acquireRootLock } from "../store/lock.ts";
import { ManifestWriter, readManifest } from "../store/manifest.ts";
import { DEFAULT_TIMESTAMP_FORMAT, formatTimestamp } from "../store/timestamp.ts";
import { openRoot } from "../store/root.ts";
import { type AddCallbacks, type AddProblem, type AddSummary, emptyAddSummary } from "./summary.ts";
import { RunMeter } from "../fs/pacer.ts";
import { lstatOrUndefined, modeOf, timesOf } from "../fs/stat.ts";

/** What to add, and how. */
export interface AddOptions {
  /** The backup root. */
  root: string;
  /** Report what would be recorded, linked and reclaimed; write nothing (the index is a private copy). */
  dryRun?: boolean;
  /** Links one inode may have; a source at the limit is replaced by the next copy. Default: the filesystem's. */
  maxLinks?: number;
  /** strftime-style snapshot folder names. */
  timestampFormat?: string;
  /** Aborting stops between files; the snapshot being recorded is rolled back, nothing is lost. */
  signal?: AbortSignal;
  /** Read size for hashing. */
  chunkBytes?: number;
  /** Time for the name of a damaged index moved aside. Default now. */
  now?: Date;
}

/** A folder of the snapshot being recorded. */
interface Frame {
  rel: string;
  path: string;
  dirId: number;
  /** lstat when entered: its times are put back after a swap inside it. */
  info: FileStat;
}

/** How a file's dedup ended. */
type DedupOutcome =
  | { kind: "linked"; ino: number | null }
  | { kind: "same-inode" }
  | { kind: "no-source" }
  | { kind: "limit" }
  | { kind: "kept" };

function inodeKey(info: FileStat): string {
  return `${info.dev}:${info.ino}`;
}

/**
 * Records and deduplicates every complete snapshot under the root. Returns the summary; `damage`
 * counts paths that differ from their manifest.
 */
export async function runAdd(
  options: AddOptions,
  callbacks: AddCallbacks = {},
): Promise<AddSummary> {
  // Opened once per run: stored files are read, linked and stat'ed with its fidelity.
  const fs = openBackend();
  try {
    callbacks.onInfo?.(fs.summary);
    return await addWith(fs, { options, callbacks });
  } finally {
    fs.close();
  }
}

async function addWith(
  fs: FsBackend,
  { options, callbacks }: { options: AddOptions; callbacks: AddCallbacks },
): Promise<AddSummary> {
  const root = openRoot(options.root);
  const adder = new Adder({ ...options, root, fs }, callbacks);
  const meta = metaDir(root);
  if (options.dryRun) {
    const temp = Deno.makeTempDirSync({ prefix: "phlb-add-dry-run-" });
    let index: BackupIndex | undefined;
    try {
      const state = await copyIndexForDryRun(meta, temp);
      index = BackupIndex.open(temp);
      return await adder.run(index, state);
    } finally {
      index?.close();
      removeTree(temp);
    }
  }
  try {
    Deno.mkdirSync(meta, { recursive: true });
  } catch (err) {
    throw new FatalError(`Cannot write to backup root "${root}": ${errorMessage(err)}`, { cause: err });
  }
  const lock = acquireRootLock(meta, "add");
  let index: BackupIndex | undefined;
  try {
    const opened = openIndexForRebuild(meta, {
      stamp: formatTimestamp(options.now ?? new Date(), DEFAULT_TIMESTAMP_FORMAT),
    });
    index = opened.index;
    if (opened.movedAside) {
      adder.summary.indexMovedTo = opened.movedAside;
      callbacks.onInfo?.(`the index was damaged (${opened.damage}) and was moved to ${opened.movedAside}`);
    }
    return await adder.run(index, opened.state);
  } finally {
    try {
      index?.close();
    } finally {
      lock.release();
    }
  }
}

class Adder {
  readonly summary: AddSummary;
  readonly hasher: FileHasher;
  readonly maxLinks: number;
  readonly format: string;
  readonly dryRun: boolean;
  readonly meter: RunMeter;
  index!: BackupIndex;
  /** Current link counts of link sources, as this run changed them (a dry run only pretends to). */
  linkCounts = new Map<string, number>();
  /** Links an original inode still has after this run replaced some of its paths. */
  remainingLinks = new Map<string, number>();
  /** Link sources whose bytes were read and found to match their content in this run. */
  checkedSources = new Set<string>();
  swapCounter = 0;

  readonly root: string;

  /** `opt.root` is the root's real path. */
  readonly fs: FsBackend;

  constructor(readonly opt: AddOptions & { fs: FsBackend }, readonly cb: AddCallbacks) {
    this.root = opt.root;
    this.fs = opt.fs;
    this.dryRun = opt.dryRun ?? false;
    this.summary = emptyAddSummary(opt.root, this.dryRun);
    this.hasher = new FileHasher({ chunkBytes: opt.chunkBytes, signal: opt.signal, backend: opt.fs });
    this.meter = new RunMeter({
      signal: opt.signal,
      onProgress: (currentPath, elapsedMs) =>
        this.cb.onProgress?.({
          files: this.summary.files,
          bytes: this.summary.bytes,
          readBytes: this.hasher.readBytes,
          linked: this.summary.linked,
          reclaimedBytes: this.summary.reclaimedBytes,
          elapsedMs,
          currentPath,
        }),
    });
    // As the engine: the destination filesystem's limit (NTFS 1023), else EMLINK decides.
    this.maxLinks = opt.maxLinks ?? destinationMaxLinks(opt.root).maxLinks;
    this.format = opt.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
  }

  problem(p: AddProblem): void {
    if (p.severity === "damage") this.summary.damage++;
    else if (p.severity === "error") this.summary.errors++;
    else this.summary.warnings++;
    this.cb.onProblem?.(p);
  }

  async run(index: BackupIndex, state: IndexState): Promise<AddSummary> {
    this.index = index;
    this.summary.index = state;
    if (state !== "existing") this.cb.onInfo?.(`building a new index from the snapshots`);
    tuneForBulkLoad(index);
    // A new index is loaded in bulk: secondary indexes are cheaper to build once at the end.
    if (state !== "existing") dropBulkIndexes(index);
    try {
      reconcileIndex(index, this.root);
      for (const name of listBackupNames(this.root)) {
        for (const snap of listSnapshots(this.root, name, this.format)) await this.addSnapshot(snap);
      }
    } finally {
      createBulkIndexes(index);
    }
    this.meter.finish(this.summary, this.hasher);
    return this.summary;
  }

  async addSnapshot(snap: SnapshotDir): Promise<void> {
    const label = `${snap.name}/${snap.id}`;
    if (snap.status !== "complete") {
      this.summary.skipped++;
      this.cb.onSnapshot?.({
        snapshot: label,
        action: "skip",
        reason: snap.status === "partial" ? "unfinished (.partial)" : "being deleted",
      });
      return;
    }
    this.summary.snapshots++;
    const side = sidecarPaths(this.root, snap.name, snap.id);
    const row = this.index.findSnapshot(snap.name, snap.id);
    if (row && row.status === "complete" && lstatOrUndefined(this.fs, side.manifest)) {
      this.summary.alreadyRecorded++;
      this.cb.onSnapshot?.({ snapshot: label, action: "recorded" });
      return;
    }
    this.cb.onSnapshot?.({ snapshot: label, action: "scan" });
    await new SnapshotScan(this, snap, label).run(row?.id);
  }

  /** The link count an inode has now, counting this run's links (real or pretended). */
  linkCount(info: FileStat): number {
    return this.linkCounts.get(inodeKey(info)) ?? info.nlink;
  }

  /** Whether a link source's bytes still hash to its content (read once per run). */
  async sourceIntact(path: string, info: FileStat, hashHex: string): Promise<boolean> {
    const key = inodeKey(info);
    if (this.checkedSources.has(key)) return true;
    try {
      if ((await this.hasher.hash(path, info)).hashHex !== hashHex) return false;
    } catch (err) {
      if (isInterrupt(err)) throw new InterruptedError();
      return false;
    }
    this.checkedSources.add(key);
    return true;
  }

  /**
   * Replaces the file at `entry` (another inode with the same content and metadata) by a link to
   * the stored file `srcPath`, unless this is a dry run. Returns a failure message, or undefined.
   */
  swapInLink(
    srcPath: string,
    at: { entry: WalkEntry; frame: Frame },
  ): { limit: boolean; message: string } | undefined {
    if (this.dryRun) return undefined;
    const { entry, frame } = at;
    const tmp = joinPath(frame.path, dedupTempName(Deno.pid, ++this.swapCounter));
    try {
      this.fs.link(srcPath, tmp);
    } catch (err) {
      return { limit: isLinkLimitError(err), message: errorMessage(err) };
    }
    try {
      this.fs.rename(tmp, entry.path);
    } catch (err) {
      try {
        this.fs.remove(tmp);
      } catch { /* it was never there */ }
      return { limit: false, message: errorMessage(err) };
    }
    this.restoreFolderTimes(frame);
    return undefined;
  }

  /** Creating and renaming names changed the folder's mtime: put back what the snapshot shows. */
  restoreFolderTimes(frame: Frame): void {
    if (this.dryRun) return;
    try {
      this.fs.setTimes(frame.path, timesOf(frame.info));
    } catch (err) {
      this.problem({
        snapshot: "",
        path: frame.path,
        severity: "warning",
        message: `cannot restore the folder's mtime: ${errorMessage(err)}`,
      });
    }
  }
}

/** Records one snapshot. */
class SnapshotScan {
  readonly r: Adder;
  readonly index: BackupIndex;
  readonly snap: SnapshotDir;
  readonly label: string;
  listed?: Map<string, string>;
  writer?: ManifestWriter;
  manifestTmp = "";
  snapshotId = 0;

  constructor(r: Adder, snap: SnapshotDir, label: string) {
    this.r = r;
    this.index = r.index;
    this.snap = snap;
    this.label = label;
  }

  problem(p: Omit<AddProblem, "snapshot">): void {
    this.r.problem({ snapshot: this.label, ...p });
  }

  /** The existing manifest as path → hash; undefined when there is none (then one is written). */
  loadManifest(path: string): "missing" | "unreadable" | Map<string, string> {
    const listed = new Map<string, string>();
    try {
      for (
        const e of readManifest(
          path,
          (lineNo) =>
            this.problem({
              path: "",
              severity: "damage",
              message: `manifest line ${lineNo} is not a sha256sum line`,
            }),
        )
      ) {
        listed.set(e.path.startsWith("./") ? e.path.slice(2) : e.path, e.hash);
      }
    } catch (err) {
      if (isNotFound(err)) return "missing";
      this.problem({
        path: "",
        severity: "error",
        message: `cannot read the manifest: ${errorMessage(err)}; it is left as it is`,
      });
      return "unreadable";
    }
    return listed;
  }

  /** When the snapshot was made: from its name, else its folder's mtime. */
  startedMs(): number {
    return this.snap.date?.getTime() ?? lstatOrUndefined(this.r.fs, this.snap.path)?.mtimeMs ?? 0;
  }

  /** The run summary beside the snapshot, if there is a readable one. */
  summaryJson(path: string): { text: string | undefined; finishedMs: number | undefined } {
    try {
      const text = Deno.readTextFileSync(path);
      const parsed = JSON.parse(text);
      const finishedMs = typeof parsed?.finishedAt === "string" ? Date.parse(parsed.finishedAt) : NaN;
      return { text, finishedMs: Number.isNaN(finishedMs) ? undefined : finishedMs };
    } catch {
      return { text: undefined, finishedMs: undefined };
    }
  }

  async run(oldRowId: number | undefined): Promise<void> {
    const side = sidecarPaths(this.r.root, this.snap.name, this.snap.id);
    const manifest = this.loadManifest(side.manifest);
    if (manifest instanceof Map) {
      this.listed = manifest;
      this.r.summary.manifestsChecked++;
    }
    // Rows of an earlier, different recording of this snapshot go first (a transaction of their own).
    if (oldRowId !== undefined) this.index.dropSnapshot(oldRowId);
    beginSnapshotLoad(this.index);
    try {
      this.snapshotId = this.index.createSnapshot(this.snap.name, this.snap.id, this.startedMs());
      // Complete at once: the folder is, and link sources inside it are found under its real name.
      // Nobody sees the row before the load commits.
      this.index.setSnapshotStatus(this.snapshotId, "complete");
      if (manifest === "missing" && !this.r.dryRun) {
        this.manifestTmp = `${side.manifest}.tmp`;
        this.writer = new ManifestWriter(this.manifestTmp);
      }
      await this.walkTree();
      if (this.listed) {
        for (const rel of this.listed.keys()) {
          this.problem({
            path: rel,
            severity: "damage",
            message: "listed in the manifest, not in the snapshot",
          });
        }
      }
      if (manifest === "missing") {
        if (this.writer) {
          this.writer.close();
          this.writer = undefined;
          Deno.renameSync(this.manifestTmp, side.manifest);
        }
        this.r.summary.manifestsWritten++;
      }
      const summary = this.summaryJson(side.summary);
      this.index.setSnapshotStatus(this.snapshotId, "complete", summary.finishedMs, summary.text);
      commitSnapshotLoad(this.index);
      this.r.summary.recorded++;
    } catch (err) {
      rollbackSnapshotLoad(this.index);
      if (this.writer) {
        try {
          this.writer.close();
        } catch { /* already failing */ }
        try {
          Deno.removeSync(this.manifestTmp);
        } catch { /* not written */ }
      }
      if (isInterrupt(err)) throw new InterruptedError();
      if (err instanceof FatalError) throw err;
      throw new FatalError(`Cannot record snapshot "${this.snap.path}": ${errorMessage(err)}`, {
        cause: err,
      });
    }
  }

  async walkTree(): Promise<void> {
    const onProblem = (p: ItemProblem) =>
      this.problem({ path: p.path, severity: p.severity, message: p.message });
    await walkTree<Frame>(walk(this.snap.path, { onProblem, oneFileSystem: true, backend: this.r.fs }), {
      tick: (entry) => this.r.meter.tick(`${this.label}/${entry.rel}`),
      enter: (entry, parent) => {
        if (parent) this.recordOther(entry, { parent, kind: EntryKind.Dir });
        return { rel: entry.rel, path: entry.path, dirId: this.index.dirId(entry.rel), info: entry.info };
      },
      file: (entry, parent) => this.addFile(entry, parent),
      symlink: (entry, parent) => this.recordOther(entry, { parent, kind: EntryKind.Symlink }),
      other: (entry) =>
        this.problem({
          path: entry.rel,
          severity: "warning",
          message: "a special file (FIFO, socket or device) in a snapshot: not recorded",
        }),
    });
  }

  /** Records a folder or a symlink. */
  recordOther(entry: WalkEntry, at: { parent: Frame; kind: EntryKind }): void {
    const { parent, kind } = at;
    if (this.listed?.has(entry.rel)) {
      this.listed.delete(entry.rel);
      this.problem({
        path: entry.rel,
        severity: "damage",
        message: `${kind === EntryKind.Dir ? "a folder" : "a symlink"}, but the manifest lists a file here`,
      });
    }
    let target: string | null = null;
    if (kind === EntryKind.Symlink) {
      try {
        target = this.r.fs.readLink(entry.path);
      } catch (err) {
        this.problem({
          path: entry.rel,
          severity: "error",
          message: `cannot read the symlink: ${errorMessage(err)}`,
        });
        return;
      }
    }
    const info = entry.info;
    const mtime = recordedMtime(info, this.r.fs.fidelity.nanosecondTimes);
    this.index.insertEntry({
      snapshotId: this.snapshotId,
      dirId: parent.dirId,
      name: entry.name,
      kind,
      sizeBytes: kind === EntryKind.Dir ? 0 : info.size,
      mtimeMs: mtime.ms,
      mtimeFracNs: mtime.fracNs,
      mode: modeOf(info),
      uid: info.uid,
      gid: info.gid,
      contentId: null,
      ino: null,
      srcIno: null,
      srcCtimeMs: null,
      target,
      flags: 0,
      xattrs: kind === EntryKind.Dir ? sourceXattrs(this.r.fs, entry.path).digest : null,
    });
  }

  /** Whether another file in the entry's folder holds the same bytes (read to be sure). */
  async duplicatesSibling(entry: WalkEntry, frame: Frame): Promise<boolean> {
    try {
      const own = await this.r.hasher.hash(entry.path, entry.info);
      for (const d of this.r.fs.readDir(frame.path)) {
        if (d.name === entry.name || DEDUP_TEMP_NAME.test(d.name)) continue;
        const path = joinPath(frame.path, d.name);
        const st = this.r.fs.lstat(path);
        if (!st.isFile || st.size !== entry.info.size) continue;
        if ((await this.r.hasher.hash(path, st)).hashHex === own.hashHex) return true;
      }
    } catch (err) {
      if (isInterrupt(err)) throw new InterruptedError();
      // Unreadable: not proven redundant, so it is kept and recorded like any file.
    }
    return false;
  }

  async addFile(entry: WalkEntry, frame: Frame): Promise<void> {
    const info = entry.info;
    if (
      DEDUP_TEMP_NAME.test(entry.name) && !this.listed?.has(entry.rel) &&
      (info.nlink > 1 || await this.duplicatesSibling(entry, frame))
    ) {
      // Left by a run killed between link and rename: a second name of a stored file, or (when a
      // later run moved that file's other names to another copy) the last name of a copy whose
      // content the file it was to replace, beside it, still holds.
      if (!this.r.dryRun) {
        try {
          this.r.fs.remove(entry.path);
          this.r.restoreFolderTimes(frame);
        } catch (err) {
          this.problem({
            path: entry.rel,
            severity: "warning",
            message: `cannot remove the leftover link: ${errorMessage(err)}`,
          });
          return;
        }
      }
      this.r.cb.onInfo?.(`removed "${this.label}/${entry.rel}", a leftover of an interrupted \`phlb add\``);
      return;
    }
    const listedHash = this.listed?.get(entry.rel);
    if (listedHash !== undefined) this.listed!.delete(entry.rel);
    let hashHex: string;
    let sizeBytes: number;
    try {
      ({ hashHex, sizeBytes } = await this.r.hasher.hash(entry.path, info));
    } catch (err) {
      if (isInterrupt(err)) throw new InterruptedError();
      this.problem({
        path: entry.rel,
        severity: "error",
        message: `cannot read: ${errorMessage(err)}; not recorded`,
      });
      return;
    }
    const summary = this.r.summary;
    summary.files++;
    summary.bytes += sizeBytes;
    // Bytes that differ from the manifest, or that changed while read, are recorded but never shared.
    let suspect = sizeBytes !== info.size;
    if (this.listed) {
      if (listedHash === undefined) {
        this.problem({ path: entry.rel, severity: "damage", message: "not in the manifest" });
      } else if (listedHash !== hashHex) {
        suspect = true;
        this.problem({
          path: entry.rel,
          severity: "damage",
          message:
            `content differs from the manifest: sha256 is ${hashHex.slice(0, 16)}…, the manifest says ` +
            `${listedHash.slice(0, 16)}…`,
        });
      }
    }
    const contentId = this.index.contentId(hexToBytes(hashHex), sizeBytes);
    const mtime = recordedMtime(info, this.r.fs.fidelity.nanosecondTimes);
    const xattrs = sourceXattrs(this.r.fs, entry.path).digest;
    const key: SourceKey = {
      contentId,
      mode: modeOf(info),
      mtimeMs: mtime.ms,
      mtimeFracNs: mtime.fracNs ?? 0,
      uid: info.uid,
      gid: info.gid,
      xattrs: xattrs ?? undefined,
    };
    let storedIno: number | null = info.ino;
    let becomesSource = false;
    if (!suspect) {
      const outcome = await this.dedup(entry, { frame, key, hashHex });
      if (outcome.kind === "linked") storedIno = outcome.ino;
      becomesSource = outcome.kind === "no-source" || outcome.kind === "limit";
    }
    this.index.insertEntry({
      snapshotId: this.snapshotId,
      dirId: frame.dirId,
      name: entry.name,
      kind: EntryKind.File,
      sizeBytes,
      mtimeMs: key.mtimeMs,
      mtimeFracNs: mtime.fracNs,
      xattrs,
      mode: key.mode,
      uid: key.uid,
      gid: key.gid,
      contentId,
      ino: storedIno,
      srcIno: null,
      srcCtimeMs: null,
      target: null,
      flags: suspect ? EntryFlag.Unstable : 0,
    });
    if (becomesSource) {
      this.index.setSource(key, { snapshotId: this.snapshotId, dirId: frame.dirId, name: entry.name });
      // Just read: when later copies are linked to it, it need not be read again.
      this.r.checkedSources.add(inodeKey(info));
    }
    this.writer?.add(hashHex, entry.rel);
  }

  /** Links the file to the stored copy with the same identity, when there is a usable one. */
  async dedup(
    entry: WalkEntry,
    file: { frame: Frame; key: SourceKey; hashHex: string },
  ): Promise<DedupOutcome> {
    const { frame, key, hashHex } = file;
    const loc = this.index.findSource(key);
    if (!loc) return { kind: "no-source" };
    const rel = loc.dirPath === "" ? loc.name : `${loc.dirPath}/${loc.name}`;
    const srcLabel = `${loc.backupName}/${loc.snapId}/${rel}`;
    const srcPath = joinPath(snapshotPath(this.r.root, loc.backupName, loc.snapId, loc.status), rel);
    const st = lstatOrUndefined(this.r.fs, srcPath);
    const info = entry.info;
    const ns = this.r.fs.fidelity.nanosecondTimes;
    // Only an inode with exactly this metadata may be shared: then no snapshot shows anything else.
    const usable = st !== undefined && st.isFile && st.size === info.size &&
      sameMtime(recordedMtime(st, ns), recordedMtime(info, ns)) && modeOf(st) === modeOf(info) &&
      st.uid === info.uid &&
      st.gid === info.gid && (loc.ino === null || st.ino === loc.ino);
    if (!usable) {
      this.index.dropSource(key);
      return { kind: "no-source" };
    }
    if (st.dev === info.dev && st.ino === info.ino) return { kind: "same-inode" };
    if (st.dev !== info.dev) return { kind: "kept" };
    // Never make a good file a link to a damaged one.
    if (!(await this.r.sourceIntact(srcPath, st, hashHex))) {
      this.problem({
        path: entry.rel,
        severity: "warning",
        message: `the stored copy "${srcLabel}" no longer matches its recorded sha256; not linked to it`,
      });
      this.index.dropSource(key);
      return { kind: "no-source" };
    }
    const links = this.r.linkCount(st);
    if (links >= this.r.maxLinks) return { kind: "limit" };
    const failed = this.r.swapInLink(srcPath, { entry, frame });
    if (failed) {
      if (failed.limit) return { kind: "limit" };
      this.problem({
        path: entry.rel,
        severity: "warning",
        message: `cannot link to "${srcLabel}", kept as a separate copy: ${failed.message}`,
      });
      return { kind: "kept" };
    }
    this.r.linkCounts.set(inodeKey(st), links + 1);
    const origKey = inodeKey(info);
    const remaining = (this.r.remainingLinks.get(origKey) ?? info.nlink) - 1;
    this.r.remainingLinks.set(origKey, remaining);
    const summary = this.r.summary;
    summary.linked++;
    summary.linkedBytes += info.size;
    if (remaining <= 0) summary.reclaimedBytes += info.size;
    this.r.cb.onLink?.({
      path: `${this.label}/${entry.rel}`,
      source: srcLabel,
      sizeBytes: info.size,
      reclaimed: remaining <= 0,
    });
    return { kind: "linked", ino: st.ino };
  }
}
