/**
 * `phlb copy SRC_ROOT DEST_ROOT`: replicates complete snapshots to a second root, oldest first per
 * backup name, each under its own name and ID. It is no second engine: each snapshot is a backup
 * run (src/backup/) whose source is the source snapshot's folder and whose snapshot id is that
 * snapshot's, so DEST gets what a backup would write there: files unchanged since DEST's previous
 * snapshot linked unread (a source snapshot's unchanged files are hardlinks to its previous one,
 * so their inode and ctime match what that run recorded), content DEST holds linked, the rest
 * copied; `.partial` until committed; DEST's lock and index rules, a network root's included.
 *
 * What the copy adds: the plan (which snapshots, which are complete at DEST already), each stored
 * file checked against the source snapshot's manifest and the source index's damage marks (a
 * difference, or a copy marked damaged, is damage at the source and stops that snapshot: it stays
 * `.partial` at DEST), an interrupted copy of the same snapshot set
 * aside so its files serve as link sources, and the source's summary and log kept beside the copy.
 *
 * Memory does not grow with the hardlinks of the source: no inode map (the engine's source
 * hardlink groups are off; same content is linked through DEST's index), and the manifest is read
 * a chunk at a time.
 * @module
 */
import { runBackup } from "../backup/engine.ts";
import { Excluder } from "../backup/exclude.ts";
import type { BackupCallbacks, BackupOptions, BackupProgress } from "../backup/engine.ts";
import { errorMessage, FatalError, type ItemProblem, UsageError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { renameRetrying, writeTextAtomic } from "../fs/atomic.ts";
import { pathExists } from "../fs/classify.ts";
import type { RunTotal } from "../fs/pacer.ts";
import { absolutePath, relativeInside } from "../fs/path.ts";
import { damageByHash } from "../index/damage.ts";
import { BackupIndex } from "../index/index.ts";
import { destinationFilesystem } from "../fs/platform.ts";
import { listBackupNames, listSnapshots, metaDir, sidecarPaths, type SnapshotDir } from "../store/layout.ts";
import { snapshotIdTaken, snapshotPath } from "../store/layout.ts";
import { type RootLock, waitForRootLock } from "../store/lock.ts";
import { DEFAULT_NEW_FOLDER_MODE, makeFolders, makeMetaDir } from "../store/modes.ts";
import { openRoot } from "../store/root.ts";
import { DEFAULT_TIMESTAMP_FORMAT, parseTimestamp } from "../store/timestamp.ts";
import { ManifestCheck, SourceDamageError, SourceDamageMarks } from "./manifest_check.ts";
import { addFigures, type CopiedSnapshot, type CopySummary, plannedSnapshot, totalUp } from "./summary.ts";

export type { CopiedSnapshot, CopySummary } from "./summary.ts";
export { SourceDamageError } from "./manifest_check.ts";

/** What to copy, where, and how. */
export interface CopyOptions {
  /** The source root (must exist). */
  source: string;
  /** The destination root (made when missing). */
  dest: string;
  /** Only this backup name. Default: every name under the source root. */
  name?: string;
  /** Only snapshots taken at or after this snapshot id's time. */
  since?: string;
  /** Plan only: write nothing. */
  dryRun?: boolean;
  /** The snapshot id format (SUB_DIR_FORMATTER), to read ids and `since`. */
  timestampFormat?: string;
  /** DEST's lock: wait, heartbeat, stale threshold (BackupOptions.lock). */
  lock?: BackupOptions["lock"];
  /** Links per stored file at DEST; default its filesystem's. */
  maxLinks?: number;
  /** The mode of the DEST root and NAME folders the copy makes. */
  newFolderMode?: number;
  /** For tests and benchmarks: how the filesystem is reached. */
  fsBackend?: BackupOptions["fsBackend"];
  /** For tests: the racy window of each snapshot's run (BackupOptions.racyWindowMs). */
  racyWindowMs?: number;
  /** Aborting stops the copy cleanly: the snapshot being written stays `.partial` at DEST. */
  signal?: AbortSignal;
}

/** A problem of one snapshot's copy, with the snapshot (`NAME/ID`). */
export type CopyProblem = ItemProblem & { snapshot: string };

/** How a copy reports. All optional. */
export interface CopyCallbacks {
  /** Every source snapshot considered, and what will become of it, before anything is written. */
  onPlan?: (snapshots: readonly CopiedSnapshot[]) => void;
  /** A snapshot's copy starts: its position among those to copy. */
  onSnapshotStart?: (s: { name: string; id: string; index: number; count: number }) => void;
  /** A snapshot's copy ended: copied, or damaged at the source (then it stays `.partial` at DEST). */
  onSnapshotDone?: (s: CopiedSnapshot) => void;
  onProblem?: (p: CopyProblem) => void;
  /** At most every 100 ms, for the snapshot being copied. */
  onProgress?: (p: BackupProgress & { snapshot: string }) => void;
  /** A warning about a snapshot's copy as a whole (a stale lock taken over, damage found). */
  onNotice?: (message: string, text?: Msg) => void;
  /** A line of a run log (fidelity, the destination). */
  onInfo?: (message: string, text?: Msg) => void;
  /** DEST is held by another run, and the copy waits for it (--lock-wait). */
  onLockWait?: (holder: string, text?: Msg) => void;
}

/** Copies the source root's snapshots to DEST. Throws FatalError for setup failures and what stops a copy. */
export async function runCopy(options: CopyOptions, callbacks: CopyCallbacks = {}): Promise<CopySummary> {
  const started = Date.now();
  const format = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
  const src = openRoot(options.source);
  const dest = absolutePath(options.dest, { cwd: Deno.cwd() });
  let destReal = dest;
  try {
    destReal = Deno.realPathSync(dest);
  } catch { /* made by the first snapshot's run */ }
  if (relativeInside(src, destReal) !== undefined || relativeInside(destReal, src) !== undefined) {
    throw new FatalError(msg("copy.sameRoot", { dest, src }));
  }
  const summary: CopySummary = {
    version: 1,
    status: options.dryRun ? "dry-run" : "complete",
    source: src,
    dest: destReal,
    startedAt: new Date(started).toISOString(),
    finishedAt: "",
    durationMs: 0,
    snapshots: plan(src, destReal, { ...options, format }),
    copied: 0,
    skipped: 0,
    damaged: 0,
    files: 0,
    bytes: 0,
    copiedBytes: 0,
    errors: 0,
    warnings: 0,
  };
  callbacks.onPlan?.(summary.snapshots);
  const todo = summary.snapshots.filter((s) => s.action === "would-copy");
  if (!options.dryRun && todo.length > 0) {
    // DEST's lock, held over every snapshot: one wait, one heartbeat for the whole copy.
    const lock = await lockDest(dest, options, callbacks);
    try {
      const held = { ...options, lock: { ...options.lock, held: lock } };
      const damaged = sourceDamageMarks(src);
      for (let i = 0; i < todo.length; i++) {
        callbacks.onSnapshotStart?.({ name: todo[i].name, id: todo[i].id, index: i, count: todo.length });
        await copySnapshot(todo[i], { src, dest, options: held, callbacks, format, damaged });
        if (todo[i].action === "would-copy") todo[i].action = "copied";
        callbacks.onSnapshotDone?.(todo[i]);
      }
    } finally {
      lock.release();
    }
  }
  totalUp(summary);
  summary.dest = pathExists(dest) ? Deno.realPathSync(dest) : dest;
  summary.finishedAt = new Date().toISOString();
  summary.durationMs = Date.now() - started;
  return summary;
}

/** Makes DEST (as a backup makes its root) and takes its lock, waiting with `--lock-wait`. */
async function lockDest(dest: string, options: CopyOptions, cb: CopyCallbacks): Promise<RootLock> {
  let meta: string;
  try {
    makeFolders(dest, options.newFolderMode ?? DEFAULT_NEW_FOLDER_MODE);
    meta = makeMetaDir(dest);
  } catch (err) {
    throw new FatalError(msg("store.cannotWriteRoot", { root: dest, error: errorMessage(err) }), {
      cause: err,
    });
  }
  return await waitForRootLock(meta, "copy", {
    ...options.lock,
    signal: options.signal,
    onWait: cb.onLockWait,
    onTakeover: cb.onNotice,
    onInfo: cb.onInfo,
  });
}

/**
 * The source root's damage marks (index/damage.ts), read once: a copy never spreads a copy marked
 * damaged. None without an index (or one of schema 3, before marks); one that cannot be read stops
 * the copy, as it would hide them.
 */
function sourceDamageMarks(src: string): SourceDamageMarks {
  const meta = metaDir(src);
  const index = BackupIndex.openIfPresent(meta);
  try {
    return new SourceDamageMarks(index ? damageByHash(index) : new Map(), {
      // Where inode numbers mean nothing (sshfs), the marks' numbers are not the files'.
      inodesStable: !destinationFilesystem(src).network,
    });
  } finally {
    index?.close();
  }
}

/**
 * Which source snapshots are copied: the complete ones (of `name`, at or after `since`), each
 * skipped where DEST holds it complete already (or is removing it).
 */
function plan(
  src: string,
  dest: string,
  options: CopyOptions & { format: string },
): CopiedSnapshot[] {
  const names = listBackupNames(src);
  if (options.name !== undefined && !names.includes(options.name)) {
    throw new FatalError(msg("store.noBackupNamed", { name: options.name, root: src }));
  }
  let since: { ms: number; seq: number } | undefined;
  if (options.since !== undefined) {
    const parsed = parseTimestamp(options.since, options.format) ??
      parseTimestamp(options.since, DEFAULT_TIMESTAMP_FORMAT);
    if (!parsed) {
      throw new UsageError(msg("copy.badSince", { since: options.since }));
    }
    since = { ms: parsed.date.getTime(), seq: parsed.seq };
  }
  const out: CopiedSnapshot[] = [];
  for (const name of options.name !== undefined ? [options.name] : names) {
    const atDest = new Map<string, SnapshotDir>();
    for (const s of listSnapshots(dest, name, options.format)) {
      // A complete one wins over a partial or deleting one of the same id.
      if (!atDest.has(s.id) || s.status === "complete") atDest.set(s.id, s);
    }
    for (const s of listSnapshots(src, name, options.format)) {
      if (s.status !== "complete") continue;
      // By the time the ids say, then the same-second number (`_2`).
      if (since && ((s.nameDate?.getTime() ?? 0) - since.ms || s.seq - since.seq) < 0) continue;
      const there = atDest.get(s.id);
      if (there?.status === "complete") {
        out.push(plannedSnapshot(name, s.id, "skipped", msg("copy.skip.complete")));
      } else if (there?.status === "deleting") {
        out.push(plannedSnapshot(name, s.id, "skipped", msg("copy.skip.deleting")));
      } else out.push(plannedSnapshot(name, s.id, "would-copy"));
    }
  }
  return out;
}

/** Copies one snapshot: a backup run of the source snapshot's folder into DEST with its id. */
async function copySnapshot(
  snap: CopiedSnapshot,
  at: {
    src: string;
    dest: string;
    options: CopyOptions;
    callbacks: CopyCallbacks;
    format: string;
    damaged: SourceDamageMarks;
  },
): Promise<void> {
  const { src, dest, options, callbacks: cb } = at;
  const label = `${snap.name}/${snap.id}`;
  const from = snapshotPath(src, snap.name, snap.id, "complete");
  const srcSide = sidecarPaths(src, snap.name, snap.id);
  setAsideInterrupted(dest, snap, options);
  let check: ManifestCheck | undefined;
  try {
    check = new ManifestCheck(srcSide.manifest, label, { damaged: at.damaged });
  } catch (err) {
    const m = msg("copy.manifestUnreadable", { label, error: errorMessage(err) });
    cb.onNotice?.(String(m), m);
  }
  const backupCallbacks: BackupCallbacks = {
    onProblem: (p) => cb.onProblem?.({ ...p, snapshot: label }),
    onProgress: (p) => cb.onProgress?.({ ...p, snapshot: label }),
    onNotice: (m: string, text?: Msg) =>
      cb.onNotice?.(`${label}: ${m}`, msg("copy.noticeOf", { label, text: text ?? m })),
    onInfo: cb.onInfo,
    onLockWait: cb.onLockWait,
  };
  try {
    const result = await runBackup({
      source: from,
      root: dest,
      name: snap.name,
      snapshotId: snap.id,
      // Everything the snapshot holds, as it is: no exclusions, not even caches.
      exclude: new Excluder({ caches: false }),
      oneFileSystem: true,
      timestampFormat: at.format,
      dedup: "exact",
      maxLinks: options.maxLinks,
      newFolderMode: options.newFolderMode,
      lock: options.lock,
      signal: options.signal,
      fsBackend: options.fsBackend,
      racyWindowMs: options.racyWindowMs,
      sourceIsSnapshot: true,
      storedCheck: check,
      knownTotal: sourceTotal(srcSide.summary),
    }, backupCallbacks);
    addFigures(snap, result);
    keepSourceSidecars(snap, { src, dest, copyStartedAt: result.startedAt });
  } catch (err) {
    if (!(err instanceof SourceDamageError)) throw err;
    snap.action = "damaged";
    snap.reason = err.message;
    snap.reasonText = err.text;
  } finally {
    check?.close();
  }
}

/** The source snapshot's files and bytes from its summary: the end of the copy's progress line. */
function sourceTotal(summaryPath: string): RunTotal | undefined {
  try {
    const s = JSON.parse(Deno.readTextFileSync(summaryPath));
    if (typeof s.files === "number" && typeof s.bytes === "number") return { files: s.files, bytes: s.bytes };
  } catch { /* no readable summary: the run estimates its total as a backup does */ }
  return undefined;
}

/**
 * DEST's sidecars of a copied snapshot become the source's: its summary (the figures and start
 * time of the backup that made it, with DEST's root and path) and its log, followed by the copy's
 * own log lines. Written after the commit, atomically; a copy that dies before this keeps the
 * copy run's own summary and log, which are valid too.
 */
function keepSourceSidecars(
  snap: CopiedSnapshot,
  at: { src: string; dest: string; copyStartedAt: string },
): void {
  const from = sidecarPaths(at.src, snap.name, snap.id);
  const to = sidecarPaths(at.dest, snap.name, snap.id);
  const modeOf = (p: string) => (Deno.build.os === "windows" ? undefined : Deno.statSync(p).mode! & 0o777);
  try {
    const summary = JSON.parse(Deno.readTextFileSync(from.summary));
    summary.root = Deno.realPathSync(at.dest);
    summary.snapshotPath = snapshotPath(summary.root, snap.name, snap.id, "complete");
    writeTextAtomic(to.summary, JSON.stringify(summary, null, 2) + "\n", { mode: modeOf(to.summary) });
  } catch { /* no readable summary at the source: the copy's own stays */ }
  try {
    const sourceLog = Deno.readTextFileSync(from.log);
    const copyLog = Deno.readTextFileSync(to.log);
    const line =
      `${at.copyStartedAt} INFO phlb copy: the lines above are the log of the backup that made this ` +
      `snapshot in "${at.src}"; below, the copy's\n`;
    writeTextAtomic(
      to.log,
      sourceLog + (sourceLog.endsWith("\n") || sourceLog === "" ? "" : "\n") + line + copyLog,
      {
        mode: modeOf(to.log),
      },
    );
  } catch { /* no readable source log: the copy's own stays */ }
}

/**
 * A copy of this snapshot that was interrupted left `ID.partial` (and maybe sidecars) at DEST. It
 * is renamed to `ID.interrupted.partial`, its index row with it, under DEST's lock (held by the
 * caller): the new copy then uses its files as link sources (each read once first, as any
 * interrupted run's) and removes it when it is complete.
 */
function setAsideInterrupted(dest: string, snap: CopiedSnapshot, options: CopyOptions): void {
  const partial = snapshotPath(dest, snap.name, snap.id, "partial");
  const side = sidecarPaths(dest, snap.name, snap.id);
  const leftovers = [partial, `${partial}.sha256`, side.manifest, side.summary, side.log];
  if (!leftovers.some(pathExists)) return;
  const lock = options.lock!.held!;
  let index: BackupIndex | undefined;
  try {
    let aside = `${snap.id}.interrupted`;
    for (
      let n = 2;
      snapshotIdTaken(dest, snap.name, aside) || pathExists(`${sidecarPaths(dest, snap.name, aside).log}`);
      n++
    ) {
      aside = `${snap.id}.interrupted-${n}`;
    }
    index = BackupIndex.open(metaDir(dest), { beforeWriteBack: () => lock.assertHeld() });
    const row = index.findSnapshot(snap.name, snap.id);
    if (row) index.renameSnapshot(row.id, aside);
    const asideSide = sidecarPaths(dest, snap.name, aside);
    const asidePartial = snapshotPath(dest, snap.name, aside, "partial");
    const moves: Array<[string, string]> = [
      [side.log, asideSide.log],
      [side.summary, asideSide.summary],
      [side.manifest, asideSide.manifest],
      [`${partial}.sha256`, `${asidePartial}.sha256`],
      [partial, asidePartial],
    ];
    for (const [a, b] of moves) {
      try {
        renameRetrying(a, b);
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) {
          throw new FatalError(msg("copy.cannotSetAside", { path: a, error: errorMessage(err) }), {
            cause: err,
          });
        }
      }
    }
  } finally {
    index?.close();
  }
}
