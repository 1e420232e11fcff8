/**
 * `phlb prune`: decides which snapshots go (src/prune/policy.ts applied per backup name, plus the
 * safety rules below), computes exactly what that frees from the index, and removes them.
 *
 * Safety rules, whatever the policy says:
 * - the newest complete snapshot of a name is always kept;
 * - partial snapshots never count toward a rule; those older than the newest complete snapshot
 *   were left by dead runs and go, a newer one stays (the next backup reuses and removes it);
 * - `ID.deleting` folders left by an interrupted prune are finished.
 *
 * Removal order on disk: `ID/` is renamed to `ID.deleting/` (so nothing looking like a snapshot is
 * left if we die), then what is in it, then its sidecars, then the empty folder, then its index rows (link sources that
 * pointed into it move to a surviving copy). It holds the root's lock throughout. Never prints.
 * @module
 */
import { errorMessage, FatalError, InterruptedError, type ItemProblem, itemProblem } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { renameRetrying, syncDir } from "../fs/atomic.ts";
import { joinPath } from "../fs/path.ts";
import { yieldToEventLoop } from "../fs/pacer.ts";
import { emptyTree, removeTree } from "../fs/remove.ts";
import { BackupIndex, type SnapshotRow } from "../index/index.ts";
import { bytesFreedBy } from "../index/manage.ts";
import { reconcileIndex } from "../index/reconcile.ts";
import {
  listBackupNames,
  listSnapshots,
  metaDir,
  PARTIAL_SUFFIX,
  sidecarPaths,
  type SnapshotDir,
  snapshotPath,
  type SnapshotStatus,
} from "../store/layout.ts";
import { type RootLock, waitForRootLock } from "../store/lock.ts";
import { makeMetaDir } from "../store/modes.ts";
import { openRoot } from "../store/root.ts";
import { estimateOnDiskFreed } from "./disk_estimate.ts";
import { applyRetention, isEmptyPolicy, type RetentionPolicy } from "./policy.ts";
import { pathExists } from "../fs/classify.ts";

/** What to prune, and how. */
export interface PruneOptions {
  root: string;
  /** Only this backup name; default: every name under the root, each on its own. */
  name?: string;
  policy: RetentionPolicy;
  /** Decide and compute, remove nothing, write nothing (not even the lock). */
  dryRun?: boolean;
  /** The time `within` and "in the future" are judged against. Default now. */
  now?: Date;
  timestampFormat?: string;
  /** Aborting stops between two snapshots. */
  signal?: AbortSignal;
  /** The root lock's wait, heartbeat and stale threshold (src/store/lock.ts); default: refused at once. */
  lock?: { waitMs?: number; heartbeatMs?: number; staleMs?: number };
}

/** The decision about one snapshot folder. */
export interface PruneItem {
  name: string;
  id: string;
  /** Its path when the plan was made. */
  path: string;
  status: SnapshotStatus;
  /** ISO-8601 time from the folder name, or null. */
  time: string | null;
  action: "keep" | "remove";
  /** For kept ones the rules that keep it; for removed ones why it goes: English (the JSON). */
  reasons: string[];
  /** The same as catalogue texts, for the terminal (left out of `--json`). */
  reasonTexts: Msg[];
  /** Whether the index records it (it then counts toward the bytes freed). */
  indexed: boolean;
}

/** What a prune decided and did. */
export interface PruneResult {
  root: string;
  dryRun: boolean;
  /** Every snapshot folder considered, per name oldest first. */
  items: PruneItem[];
  /** File bytes freed by the removals (inodes with no link outside them), or null without an index. */
  bytesFreed: number | null;
  /**
   * The estimated bytes the disk gets back: the freed files' blocks, the removed snapshots'
   * folders, symlinks and sidecar files (what `du` sees go). Null without an index.
   */
  onDiskBytesFreed: number | null;
  /** Snapshots removed (0 in a dry run). */
  removed: number;
  /** Snapshots that could not be removed. */
  failed: number;
}

/** Callbacks through which prune reports. */
export interface PruneCallbacks {
  /** The plan, before anything is removed, with what it frees (null without an index). */
  onPlan?: (items: readonly PruneItem[], freed: { bytes: number; onDiskBytes: number } | null) => void;
  onRemoved?: (item: PruneItem) => void;
  onProblem?: (problem: ItemProblem) => void;
  /** Another process holds the root and the prune waits for it (--lock-wait). */
  onLockWait?: (holder: string, text?: Msg) => void;
  /** A stale lock of a dead holder was taken over. */
  onNotice?: (message: string, text?: Msg) => void;
}

/** Why a snapshot is kept or goes: English for the JSON, and the texts for the terminal. */
function because(...why: Msg[]): { reasons: string[]; reasonTexts: Msg[] } {
  return { reasons: why.map(String), reasonTexts: why };
}

/** Decides about the snapshot folders of one name. Pure apart from its input listing. */
export function planName(
  snaps: readonly SnapshotDir[],
  policy: RetentionPolicy,
  options: { now?: Date } = {},
): Omit<PruneItem, "indexed">[] {
  const complete = snaps.filter((s) => s.status === "complete");
  const newest = complete[complete.length - 1];
  const newestIndex = newest ? snaps.indexOf(newest) : -1;
  const dated = complete.filter((s) => s.date);
  const decisions = new Map(
    applyRetention(
      dated.map((s) => ({ item: s, time: s.date!, periodTime: s.nameDate })),
      policy,
      { now: options.now },
    )
      .map((d) => [d.item, d]),
  );
  return snaps.map((s, i) => {
    const base = {
      name: s.name,
      id: s.id,
      path: s.path,
      status: s.status,
      time: s.date?.toISOString() ?? null,
    };
    if (s.status === "deleting") {
      return { ...base, action: "remove", ...because(msg("prune.reason.deleting")) };
    }
    if (s.status === "partial") {
      return i < newestIndex
        ? { ...base, action: "remove", ...because(msg("prune.reason.partialOld")) }
        : { ...base, action: "keep", ...because(msg("prune.reason.partialNew")) };
    }
    const d = decisions.get(s);
    const why = d ? [...d.reasonTexts] : [msg("prune.reason.noTimestamp")];
    if (s === newest && why.length === 0) why.push(msg("prune.reason.newest"));
    return why.length > 0
      ? { ...base, action: "keep", ...because(...why) }
      : { ...base, action: "remove", ...because(msg("prune.reason.notKept")) };
  });
}

/** The files beside a snapshot that go with it, in removal order: the manifest last (it alone marks a
 * complete one as phlb's). */
function sidecarFiles(root: string, name: string, id: string): string[] {
  const side = sidecarPaths(root, name, id);
  const partialManifest = snapshotPath(root, name, id, "complete") + `${PARTIAL_SUFFIX}.sha256`;
  return [side.log, side.summary, partialManifest, side.manifest];
}

function removeSidecars(root: string, name: string, id: string): void {
  for (const p of sidecarFiles(root, name, id)) {
    try {
      Deno.removeSync(p);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }
}

/** Plans and (unless a dry run) carries out a prune. */
export async function runPrune(options: PruneOptions, callbacks: PruneCallbacks = {}): Promise<PruneResult> {
  if (isEmptyPolicy(options.policy)) {
    throw new FatalError(msg("prune.noRule"), { hint: msg("prune.noRule.hint") });
  }
  const root = openRoot(options.root);
  const names = listBackupNames(root);
  if (options.name !== undefined && !names.includes(options.name)) {
    throw new FatalError(msg("store.noBackupNamed", { name: options.name, root }));
  }
  const meta = metaDir(root);
  const dryRun = options.dryRun ?? false;
  let lock: RootLock | undefined;
  let index: BackupIndex | undefined;
  try {
    if (dryRun) {
      // Immutable: a dry run leaves not even SQLite's -wal/-shm files behind.
      index = BackupIndex.openIfPresent(meta, { immutable: true });
    } else {
      try {
        makeMetaDir(root);
      } catch (err) {
        throw new FatalError(msg("store.cannotWriteRoot", { root, error: errorMessage(err) }), {
          cause: err,
        });
      }
      lock = await waitForRootLock(meta, "prune", {
        ...options.lock,
        signal: options.signal,
        onWait: callbacks.onLockWait,
        onTakeover: callbacks.onNotice,
      });
      index = BackupIndex.open(meta);
      reconcileIndex(index, root);
    }
    return await prune(root, names, { ...options, dryRun }, { index, callbacks });
  } finally {
    try {
      index?.close();
    } finally {
      lock?.release();
    }
  }
}

async function prune(
  root: string,
  names: readonly string[],
  options: PruneOptions & { dryRun: boolean },
  ctx: { index?: BackupIndex; callbacks: PruneCallbacks },
): Promise<PruneResult> {
  const { index, callbacks } = ctx;
  const rows = new Map<string, SnapshotRow>();
  for (const r of index?.listSnapshots() ?? []) rows.set(`${r.name}\0${r.snapId}`, r);
  const rowOf = (name: string, id: string) => rows.get(`${name}\0${id}`);

  const items: PruneItem[] = [];
  const liveIds: number[] = [];
  for (const name of names) {
    const snaps = listSnapshots(root, name, options.timestampFormat);
    for (const s of snaps) {
      const row = rowOf(name, s.id);
      if (row) liveIds.push(row.id);
    }
    if (options.name !== undefined && name !== options.name) continue;
    for (const item of planName(snaps, options.policy, { now: options.now })) {
      items.push({ ...item, indexed: rowOf(name, item.id) !== undefined });
    }
  }
  const removing = items.filter((i) => i.action === "remove");
  const removedIds = removing.map((i) => rowOf(i.name, i.id)?.id).filter((id) => id !== undefined);
  const bytesFreed = index ? bytesFreedBy(index, { live: liveIds, removed: removedIds }) : null;
  const onDiskBytesFreed = index
    ? estimateOnDiskFreed(
      root,
      removing.map((i) => ({
        path: i.path,
        sidecars: sidecarFiles(root, i.name, i.id),
        rowId: rowOf(i.name, i.id)?.id,
      })),
      { index, liveRowIds: liveIds },
    )
    : null;
  callbacks.onPlan?.(
    items,
    bytesFreed === null || onDiskBytesFreed === null
      ? null
      : { bytes: bytesFreed, onDiskBytes: onDiskBytesFreed },
  );
  const result: PruneResult = {
    root,
    dryRun: options.dryRun,
    items,
    bytesFreed,
    onDiskBytesFreed,
    removed: 0,
    failed: 0,
  };
  if (options.dryRun || removing.length === 0) return result;

  // Sources must never move into another snapshot that is about to go.
  for (const id of removedIds) index!.setSnapshotStatus(id, "deleting");
  const ordered = [
    ...removing.filter((i) => i.status === "deleting"),
    ...removing.filter((i) => i.status !== "deleting"),
  ];
  for (const item of ordered) {
    // The removals are sync calls: a Ctrl-C is only seen when the event loop runs.
    await yieldToEventLoop();
    if (options.signal?.aborted) throw new InterruptedError();
    try {
      const deleting = snapshotPath(root, item.name, item.id, "deleting");
      if (item.status !== "deleting") {
        // A leftover with the same id would block the rename: it is garbage by definition.
        if (pathExists(deleting)) removeTree(deleting);
        renameRetrying(item.path, deleting);
        // On the disk before any file goes: a power cut must not leave a complete-looking
        // snapshot with files missing (filesystems without an ordered journal, e.g. exFAT).
        syncDir(joinPath(root, item.name));
      }
      // What is in the tree, then its sidecars, then the emptied folder: killed or failing anywhere
      // in between, a `.deleting` folder is left, which the next prune finishes. (The folder last:
      // gone before its sidecars, they were left beside no folder, and no prune ever saw them
      // again. A folder whose id is no timestamp is known as phlb's only by a sidecar.)
      emptyTree(deleting);
      removeSidecars(root, item.name, item.id);
      removeTree(deleting);
      const row = rowOf(item.name, item.id);
      if (row) index!.dropSnapshot(row.id);
      result.removed++;
      callbacks.onRemoved?.(item);
    } catch (err) {
      result.failed++;
      const severity = "error";
      const problem = itemProblem(
        item.path,
        severity,
        msg("prune.cannotRemove", { error: errorMessage(err) }),
      );
      callbacks.onProblem?.(problem);
    }
  }
  return result;
}
