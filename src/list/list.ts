/**
 * `phlb list`: the snapshots of a root with their figures. The snapshot folders on disk say what
 * exists; the index supplies the figures (files, sizes, unique and new bytes), so no tree is
 * walked. The summary sidecar supplies duration and errors. Never prints, never writes.
 * @module
 */
import { FatalError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { BackupIndex, type SnapshotRow } from "../index/index.ts";
import { type SnapshotFigures, snapshotFigures, type SpaceFigures, spaceFigures } from "../index/manage.ts";
import {
  listBackupNames,
  listSnapshots,
  metaDir,
  sidecarPaths,
  type SnapshotDir,
  type SnapshotStatus,
} from "../store/layout.ts";
import { type LockProbe, probeRootLock } from "../store/lock.ts";
import { openRoot } from "../store/root.ts";

/** What `list` reports about one snapshot. */
export interface ListedSnapshot {
  name: string;
  id: string;
  path: string;
  status: SnapshotStatus;
  /** A partial whose run is gone (no process holds the root's lock): the next backup reuses and removes it. */
  interrupted: boolean;
  /** When the run started (from the folder name), ISO-8601, or null for a name without a timestamp. */
  startedAt: string | null;
  /** False when the index has no record of this snapshot: then the figures are null. */
  indexed: boolean;
  files: number | null;
  sizeBytes: number | null;
  uniqueBytes: number | null;
  newBytes: number | null;
  /** From the summary (complete snapshots only). */
  durationMs: number | null;
  errors: number | null;
  warnings: number | null;
}

/** One backup name's snapshots, oldest first, and the space they use together. */
export interface ListedName extends SpaceFigures {
  name: string;
  snapshots: ListedSnapshot[];
}

/** The whole answer of `list`. */
export interface ListResult {
  root: string;
  names: ListedName[];
  /** Space of all snapshots of the root (every name), each inode once. */
  total: SpaceFigures & {
    snapshots: number;
    /** apparentBytes / onDiskBytes, or null when nothing is stored. */
    dedupRatio: number | null;
  };
  /** False when the root has no index: figures are null. */
  indexed: boolean;
  /** Who holds the root's lock, when someone does. */
  lockHolder: string | null;
  /** The same as a text for the terminal (left out of `--json`). */
  lockHolderText?: Msg;
}

/** Options for {@linkcode listRoot}. */
export interface ListOptions {
  root: string;
  /** Only this backup name (totals still cover the whole root). */
  name?: string;
  timestampFormat?: string;
}

function readSummary(path: string, row: SnapshotRow | undefined): Record<string, unknown> | undefined {
  const text = row?.summary ?? (() => {
    try {
      return Deno.readTextFileSync(path);
    } catch {
      return undefined;
    }
  })();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * Whether a `.partial` is the one a running backup writes: the lock is held by a backup (of this
 * name, when lock.owner says), and it is that name's newest partial. Any other is left by a dead run.
 */
function beingWritten(lock: LockProbe, snap: SnapshotDir, snaps: readonly SnapshotDir[]): boolean {
  if (!lock.held) return false;
  if (lock.command !== undefined && lock.command !== "backup") return false;
  if (lock.name !== undefined && lock.name !== snap.name) return false;
  return snaps.filter((s) => s.status === "partial").at(-1) === snap;
}

/** Lists the snapshots under a root with their figures. */
export function listRoot(options: ListOptions): ListResult {
  const root = openRoot(options.root);
  const allNames = listBackupNames(root);
  if (options.name !== undefined && !allNames.includes(options.name)) {
    throw new FatalError(msg("store.noBackupNamed", { name: options.name, root }), {
      hint: allNames.length ? msg("list.namesAre", { names: allNames.join(", ") }) : msg("list.noBackupsYet"),
    });
  }
  const meta = metaDir(root);
  const lock = probeRootLock(meta);
  const index = BackupIndex.openIfPresent(meta);
  try {
    const rows = new Map<string, SnapshotRow>();
    for (const r of index?.listSnapshots() ?? []) rows.set(`${r.name}\0${r.snapId}`, r);
    const perName = allNames.map((name) => {
      const snaps = listSnapshots(root, name, options.timestampFormat);
      return {
        name,
        snaps,
        ids: snaps.map((s) => rows.get(`${name}\0${s.id}`)?.id).filter((i) => i !== undefined),
      };
    });
    const allIds = perName.flatMap((n) => n.ids);
    const figures = index ? snapshotFigures(index, allIds) : new Map<number, SnapshotFigures>();
    const total = index ? spaceFigures(index, allIds) : { onDiskBytes: 0, apparentBytes: 0 };
    const names: ListedName[] = [];
    for (const { name, snaps, ids } of perName) {
      if (options.name !== undefined && name !== options.name) continue;
      const space = index ? spaceFigures(index, ids) : { onDiskBytes: 0, apparentBytes: 0 };
      const listed = snaps.map((s): ListedSnapshot => {
        const row = rows.get(`${name}\0${s.id}`);
        const fig = row
          ? figures.get(row.id) ?? { files: 0, sizeBytes: 0, newBytes: 0, uniqueBytes: 0 }
          : undefined;
        const summary = s.status === "complete"
          ? readSummary(sidecarPaths(root, name, s.id).summary, row)
          : undefined;
        return {
          name,
          id: s.id,
          path: s.path,
          status: s.status,
          interrupted: s.status === "partial" && !beingWritten(lock, s, snaps),
          startedAt: s.date ? s.date.toISOString() : null,
          indexed: row !== undefined,
          files: fig?.files ?? null,
          sizeBytes: fig?.sizeBytes ?? null,
          uniqueBytes: fig?.uniqueBytes ?? null,
          newBytes: fig?.newBytes ?? null,
          durationMs: num(summary?.durationMs),
          errors: num(summary?.errors),
          warnings: num(summary?.warnings),
        };
      });
      names.push({ name, snapshots: listed, ...space });
    }
    return {
      root,
      names,
      total: {
        ...total,
        snapshots: perName.reduce((n, p) => n + p.snaps.length, 0),
        dedupRatio: total.onDiskBytes > 0 ? total.apparentBytes / total.onDiskBytes : null,
      },
      indexed: index !== undefined,
      lockHolder: lock.held ? lock.owner ?? String(msg("store.lock.anotherProcess")) : null,
      ...(lock.held ? { lockHolderText: lock.ownerText ?? msg("store.lock.anotherProcess") } : {}),
    };
  } finally {
    index?.close();
  }
}
