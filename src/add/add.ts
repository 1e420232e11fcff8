/**
 * `phlb add` (alias `phlb rebuild`): records every complete snapshot folder under a root in the
 * index, including trees copied in by hand as `NAME/TIMESTAMP/`, and deduplicates them.
 *
 * This file runs the whole root: the index opened (or recreated when missing or damaged, a
 * private copy in a dry run), reconciled with the trees, and each complete snapshot the index does
 * not record yet (or that lacks its manifest) recorded by scan.ts, in one transaction per snapshot;
 * a file whose content and inode metadata (size, mtime, mode, owner) equal a stored link source's,
 * but which is another inode, is replaced by a hardlink to it (links.ts). A file whose bytes differ
 * from its manifest, or that the manifest does not list (planted in the snapshot), is never linked
 * and never a link source; one that differs is marked damaged (index/damage.ts).
 *
 * It never prints; problems and progress go to callbacks. Setup failures throw FatalError.
 * @module
 */
import { errorMessage, FatalError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { FileHasher } from "../fs/file_hasher.ts";
import { type FsBackend, withBackend } from "../fs/native/mod.ts";
import { RunMeter } from "../fs/pacer.ts";
import { destinationMaxLinks } from "../fs/platform.ts";
import { removeTree } from "../fs/remove.ts";
import { lstatOrUndefined } from "../fs/stat.ts";
import { DamagedInodes } from "../index/damage.ts";
import { BackupIndex } from "../index/index.ts";
import {
  copyIndexForDryRun,
  createBulkIndexes,
  dropBulkIndexes,
  type IndexState,
  openIndexForRebuild,
  tuneForBulkLoad,
} from "../index/rebuild.ts";
import { reconcileIndex } from "../index/reconcile.ts";
import { listBackupNames, listSnapshots, metaDir, sidecarPaths, type SnapshotDir } from "../store/layout.ts";
import { waitForRootLock } from "../store/lock.ts";
import { makeMetaDir } from "../store/modes.ts";
import { openRoot } from "../store/root.ts";
import { DEFAULT_TIMESTAMP_FORMAT, formatTimestamp } from "../store/timestamp.ts";
import { LegacyRun } from "./legacy.ts";
import { AddLinks } from "./links.ts";
import { SnapshotScan } from "./scan.ts";
import {
  type AddCallbacks,
  type AddProblem,
  type AddProgress,
  type AddSummary,
  emptyAddSummary,
} from "./summary.ts";

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
  /**
   * Remove PyHardLinkBackup's per-file `.sha512` files (those whose file matched), its
   * `phlb_config.ini` and `ID summary.txt` from the snapshots it made (legacy.ts).
   */
  dropLegacyFiles?: boolean;
  /** The root lock's wait (--lock-wait), heartbeat and stale threshold (src/store/lock.ts); default: refused at once. */
  lock?: { waitMs?: number; heartbeatMs?: number; staleMs?: number };
}

/**
 * Records and deduplicates every complete snapshot under the root. Returns the summary; `damage`
 * counts paths that differ from their manifest.
 */
export async function runAdd(
  options: AddOptions,
  callbacks: AddCallbacks = {},
): Promise<AddSummary> {
  // Stored files are read, linked and stat'ed with the backend's fidelity.
  return await withBackend((fs) => {
    callbacks.onInfo?.(fs.summary, fs.summaryText);
    return addWith(fs, { options, callbacks });
  });
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
    makeMetaDir(root);
  } catch (err) {
    throw new FatalError(msg("backup.root.cannotWrite", { root, error: errorMessage(err) }), { cause: err });
  }
  const lock = await waitForRootLock(meta, "add", {
    ...options.lock,
    signal: options.signal,
    onWait: callbacks.onLockWait,
    onTakeover: callbacks.onNotice,
  });
  let index: BackupIndex | undefined;
  try {
    const opened = openIndexForRebuild(meta, {
      stamp: formatTimestamp(options.now ?? new Date(), DEFAULT_TIMESTAMP_FORMAT),
    });
    index = opened.index;
    if (opened.movedAside) {
      adder.summary.indexMovedTo = opened.movedAside;
      const text = msg("add.info.indexMovedAside", { damage: opened.damage ?? "", path: opened.movedAside });
      callbacks.onInfo?.(String(text), text);
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

/** One `phlb add` run: its summary, its hashing, its links. */
export class Adder {
  readonly summary: AddSummary;
  readonly hasher: FileHasher;
  readonly maxLinks: number;
  readonly format: string;
  readonly dryRun: boolean;
  readonly meter: RunMeter<Omit<AddProgress, "currentPath" | "elapsedMs">>;
  readonly links: AddLinks;
  /** Stored inodes marked damaged: loaded with the index, added to as this run finds them. */
  readonly damaged: DamagedInodes = new DamagedInodes();
  readonly legacy: LegacyRun;
  index!: BackupIndex;

  readonly root: string;

  /** `opt.root` is the root's real path. */
  readonly fs: FsBackend;

  constructor(readonly opt: AddOptions & { fs: FsBackend }, readonly cb: AddCallbacks) {
    this.root = opt.root;
    this.fs = opt.fs;
    this.dryRun = opt.dryRun ?? false;
    this.summary = emptyAddSummary(opt.root, this.dryRun);
    this.hasher = new FileHasher({ chunkBytes: opt.chunkBytes, signal: opt.signal, backend: opt.fs });
    const s = this.summary;
    this.meter = new RunMeter({
      signal: opt.signal,
      counts: () => ({
        files: s.files,
        bytes: s.bytes,
        readBytes: this.hasher.readBytes,
        linked: s.linked,
        reclaimedBytes: s.reclaimedBytes,
      }),
      onProgress: cb.onProgress,
    });
    // As the engine: the destination filesystem's limit (NTFS 1023), else EMLINK decides.
    this.maxLinks = opt.maxLinks ?? destinationMaxLinks(opt.root).maxLinks;
    this.format = opt.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
    this.links = new AddLinks(this);
    this.legacy = new LegacyRun({
      root: opt.root,
      fs: opt.fs,
      dryRun: this.dryRun,
      drop: opt.dropLegacyFiles ?? false,
      summary: this.summary,
      cb,
      problem: (p) => this.problem(p),
      restoreFolderTimes: (frame) => this.links.restoreFolderTimes(frame),
    });
  }

  problem(p: AddProblem): void {
    if (p.severity === "damage") this.summary.damage++;
    else if (p.severity === "error") this.summary.errors++;
    else this.summary.warnings++;
    this.cb.onProblem?.(p);
  }

  async run(index: BackupIndex, state: IndexState): Promise<AddSummary> {
    this.index = index;
    this.damaged.load(index);
    this.summary.index = state;
    if (state !== "existing") {
      const text = msg("add.info.newIndex");
      this.cb.onInfo?.(String(text), text);
    }
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
      const text = snap.status === "partial" ? msg("add.skip.partial") : msg("add.skip.deleting");
      this.cb.onSnapshot?.({ snapshot: label, action: "skip", reason: String(text), text });
      return;
    }
    this.summary.snapshots++;
    const side = sidecarPaths(this.root, snap.name, snap.id);
    const row = this.index.findSnapshot(snap.name, snap.id);
    if (
      row && row.status === "complete" && lstatOrUndefined(this.fs, side.manifest) &&
      !this.legacy.needsRescan(snap)
    ) {
      this.summary.alreadyRecorded++;
      this.cb.onSnapshot?.({ snapshot: label, action: "recorded" });
      if (this.opt.dropLegacyFiles) this.legacy.handleSummary(snap);
      return;
    }
    this.cb.onSnapshot?.({ snapshot: label, action: "scan" });
    await new SnapshotScan(this, snap).run(row?.id);
    this.legacy.handleSummary(snap);
  }
}
