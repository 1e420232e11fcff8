/**
 * What `phlb serve` shows, gathered from a backup root: the snapshot folders on disk are the truth,
 * and the index (opened read-only) adds figures, hashes, history and search. Without a usable
 * index everything still works from the folders and sidecar files, and {@linkcode Catalog.indexNote}
 * says why the rest is missing.
 *
 * The figures are `phlb list`'s: files, size, unique and new bytes per snapshot and the root's space
 * (each inode once) come from the same queries (src/index/manage.ts) over the same set of snapshots
 * (every one found on disk, all names), so the page and the command never disagree. Those queries
 * scan the root's entries; their answer is kept until the index changes (its data version) or the
 * set of snapshots on disk does.
 *
 * It never writes: no index migration, no reconcile, no lock.
 * @module
 */
import type { BackupSummary } from "../backup/summary.ts";
import { errorMessage, FatalError } from "../errors.ts";
import { type FsBackend, openBackend } from "../fs/native/mod.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { BackupIndex, type SnapshotRow } from "../index/index.ts";
import { type SnapshotFigures, snapshotFigures, type SpaceFigures, spaceFigures } from "../index/manage.ts";
import { dataVersion, type NameSearchPage, searchByName } from "../index/web.ts";
import { listBackupNames, listSnapshots, metaDir, sidecarPaths, type SnapshotDir } from "../store/layout.ts";
import { DEFAULT_TIMESTAMP_FORMAT } from "../store/timestamp.ts";
import { isSafeName } from "./paths.ts";

/** The figures of one snapshot, as `phlb list` has them. */
export interface RunFigures {
  files: number;
  sizeBytes: number;
  /**
   * Bytes this run added (copied, not linked), from its summary (or the index while it runs).
   * Undefined when nothing is known: a snapshot adopted by `phlb add` has no run to tell.
   */
  newBytes?: number;
  /** Bytes of inodes that only this snapshot holds: what deleting it alone frees (index only). */
  uniqueBytes?: number;
  durationMs?: number;
  errors?: number;
  warnings?: number;
}

/** One snapshot as the pages show it. */
export interface SnapshotInfo {
  /** The folder on disk. */
  dir: SnapshotDir;
  /** When the run started (index, summary, or the time its id encodes). */
  startedMs?: number;
  /** When it finished, if it did. */
  finishedMs?: number;
  /** Where files, size and unique bytes come from: the index (as `phlb list`), the summary, or nowhere. */
  figuresFrom: "index" | "summary" | "none";
  figures?: RunFigures;
  /** The parsed summary, when one exists. */
  summary?: Partial<BackupSummary>;
  /** The index has a record of this snapshot. */
  indexed: boolean;
}

/** One point of the per-run chart. */
export interface RunPoint {
  snapId: string;
  timeMs: number;
  totalBytes: number;
  /** Undefined when unknown (adopted by `phlb add`). */
  newBytes?: number;
}

/** A backup name on the dashboard. */
export interface NameOverview {
  name: string;
  snapshots: number;
  /** The newest snapshot of any state. */
  last?: SnapshotInfo;
  /** The newest complete snapshot. */
  lastComplete?: SnapshotInfo;
  /** The last run is unfinished (running now or interrupted). */
  unfinished: boolean;
  /** The newest complete snapshot is older than the stale age, or there is none. */
  stale: boolean;
  points: RunPoint[];
  /** Bytes the name's snapshots take together, each inode once (index only). */
  onDiskBytes?: number;
}

/** The space a root's snapshots take, as `phlb list` totals it. */
export interface RootSpace {
  /** Snapshot folders found (every state). */
  snapshots: number;
  /** File bytes counting each inode once. */
  onDiskBytes: number;
  /** File bytes counting every path. */
  apparentBytes: number;
  /** apparentBytes / onDiskBytes, or null when nothing is stored. */
  dedupRatio: number | null;
}

/** Options for {@linkcode Catalog}. */
export interface CatalogOptions {
  /** Snapshot folder name format (SUB_DIR_FORMATTER). */
  timestampFormat?: string;
  /** Largest manifest read to find a hash when the index cannot tell. */
  maxManifestBytes?: number;
  /**
   * The filesystem backend for entries inside snapshots (names may not be valid UTF-8). Default:
   * {@linkcode openBackend}, owned and closed by the catalog.
   */
  fs?: FsBackend;
}

/** Parses a summary JSON text, keeping only well-typed fields. */
export function parseSummary(text: string | null | undefined): Partial<BackupSummary> | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== "object") return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
    else if (typeof v === "string" || v === null) out[k] = v;
  }
  return out as Partial<BackupSummary>;
}

function readTextOrUndefined(path: string, maxBytes = 1 << 20): string | undefined {
  try {
    if (Deno.statSync(path).size > maxBytes) return undefined;
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

function isoMs(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The snapshot folders of every name, and what the index has on them. */
interface RootState {
  names: string[];
  dirs: Map<string, SnapshotDir[]>;
  /** Index rows by `name\0id`, for the folders on disk only. */
  rows: Map<string, SnapshotRow>;
  figures?: IndexFigures;
}

/** `phlb list`'s figures for the snapshots on disk. */
interface IndexFigures {
  perRow: Map<number, SnapshotFigures>;
  total: SpaceFigures;
  perName: Map<string, SpaceFigures>;
}

const rowKey = (name: string, id: string) => `${name}\0${id}`;

/** A read-only view of one backup root. */
export class Catalog {
  /** The backup root (absolute). */
  readonly root: string;
  /** Snapshot folder name format. */
  readonly timestampFormat: string;
  /** Largest manifest read to find a hash when the index cannot tell. */
  readonly maxManifestBytes: number;
  #ownsFs: boolean;
  /** The filesystem backend for entries inside snapshots. */
  readonly fs: FsBackend;
  #index?: BackupIndex;
  #indexIdentity = "";
  #indexNote?: Msg;
  #figures?: { key: string; value: IndexFigures };

  constructor(root: string, options: CatalogOptions = {}) {
    this.root = root;
    this.timestampFormat = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
    this.maxManifestBytes = options.maxManifestBytes ?? 64 << 20;
    this.#ownsFs = options.fs === undefined;
    this.fs = options.fs ?? openBackend();
  }

  /**
   * The index, opened read-only, or undefined (see {@linkcode indexNote}). It is reopened when the
   * file is replaced (e.g. rebuilt by `phlb add`) and looked for again when it was missing.
   */
  index(): BackupIndex | undefined {
    const path = BackupIndex.pathIn(metaDir(this.root));
    let st: Deno.FileInfo | undefined;
    try {
      st = Deno.statSync(path);
    } catch { /* missing */ }
    const identity = st ? `${st.dev}:${st.ino}` : "";
    if (identity === this.#indexIdentity && (this.#index || this.#indexNote)) return this.#index;
    this.#closeIndex();
    this.#indexIdentity = identity;
    if (!st) {
      this.#indexNote = msg("web.note.noIndex", { path });
      return undefined;
    }
    try {
      this.#index = BackupIndex.open(metaDir(this.root), { readOnly: true });
      this.#indexNote = undefined;
    } catch (err) {
      const error = err instanceof FatalError && err.text ? err.text : errorMessage(err);
      this.#indexNote = msg("web.note.badIndex", { error });
    }
    return this.#index;
  }

  /** Why the index is not used (shown in the page's language), or undefined when it is. */
  get indexNote(): Msg | undefined {
    this.index();
    return this.#indexNote;
  }

  #closeIndex(): void {
    try {
      this.#index?.close();
    } catch { /* read-only: nothing to lose */ }
    this.#index = undefined;
    this.#indexNote = undefined;
    this.#figures = undefined;
  }

  /** Closes the index, and the backend when the catalog opened it. A second close does nothing. */
  close(): void {
    this.#closeIndex();
    if (this.#ownsFs) {
      this.#ownsFs = false;
      this.fs.close();
    }
  }

  /** Backup names under the root (folders, not symlinks; none starting with "."). */
  names(): string[] {
    try {
      return listBackupNames(this.root);
    } catch {
      return [];
    }
  }

  /** Whether `name` is a backup name of this root. */
  hasName(name: string): boolean {
    return isSafeName(name) && !name.startsWith(".") && this.names().includes(name);
  }

  #state(): RootState {
    const names = this.names();
    const dirs = new Map<string, SnapshotDir[]>();
    for (const name of names) {
      try {
        dirs.set(name, listSnapshots(this.root, name, this.timestampFormat));
      } catch {
        dirs.set(name, []);
      }
    }
    const state: RootState = { names, dirs, rows: new Map() };
    const index = this.index();
    if (!index) return state;
    try {
      const all = new Map(index.listSnapshots().map((r) => [rowKey(r.name, r.snapId), r]));
      for (const [name, list] of dirs) {
        for (const d of list) {
          const row = all.get(rowKey(name, d.id));
          if (row) state.rows.set(rowKey(name, d.id), row);
        }
      }
      state.figures = this.#indexFigures(index, state);
    } catch { /* figures from the sidecars */ }
    return state;
  }

  #indexFigures(index: BackupIndex, state: RootState): IndexFigures {
    const idsOf = (name: string) =>
      (state.dirs.get(name) ?? []).map((d) => state.rows.get(rowKey(name, d.id))?.id)
        .filter((id) => id !== undefined);
    const allIds = state.names.flatMap(idsOf);
    const key = `${this.#indexIdentity}|${dataVersion(index)}|${allIds.join(",")}`;
    if (this.#figures?.key === key) return this.#figures.value;
    const value: IndexFigures = {
      perRow: snapshotFigures(index, allIds),
      total: spaceFigures(index, allIds),
      perName: new Map(state.names.map((name) => [name, spaceFigures(index, idsOf(name))])),
    };
    this.#figures = { key, value };
    return value;
  }

  /** The snapshots of a name, oldest first, with their figures. */
  snapshots(name: string): SnapshotInfo[] {
    if (!this.hasName(name)) return [];
    const state = this.#state();
    return (state.dirs.get(name) ?? []).map((dir) => this.#info(dir, state));
  }

  #info(dir: SnapshotDir, state: RootState): SnapshotInfo {
    const row = state.rows.get(rowKey(dir.name, dir.id));
    const summary = parseSummary(row?.summary) ??
      parseSummary(readTextOrUndefined(sidecarPaths(this.root, dir.name, dir.id).summary));
    const info: SnapshotInfo = {
      dir,
      startedMs: row?.startedMs ?? isoMs(summary?.startedAt) ?? dir.date?.getTime(),
      finishedMs: row?.finishedMs ?? isoMs(summary?.finishedAt),
      figuresFrom: "none",
      summary,
      indexed: row !== undefined,
    };
    const run = {
      durationMs: summary?.durationMs ??
        (row && row.finishedMs !== null ? row.finishedMs - row.startedMs : undefined),
      errors: summary?.errors,
      warnings: summary?.warnings,
    };
    const fromIndex = row && state.figures
      ? state.figures.perRow.get(row.id) ?? { files: 0, sizeBytes: 0, newBytes: 0, uniqueBytes: 0 }
      : undefined;
    if (fromIndex) {
      info.figures = {
        files: fromIndex.files,
        sizeBytes: fromIndex.sizeBytes,
        uniqueBytes: fromIndex.uniqueBytes,
        // The run's own count survives an index rebuild, which knows no runs; while a run is
        // unfinished, its written entries say it.
        newBytes: summary ? summary.copiedBytes : dir.status === "partial" ? fromIndex.newBytes : undefined,
        ...run,
      };
      info.figuresFrom = "index";
    } else if (summary && typeof summary.files === "number" && typeof summary.bytes === "number") {
      info.figures = {
        files: summary.files,
        sizeBytes: summary.bytes,
        newBytes: summary.copiedBytes,
        ...run,
      };
      info.figuresFrom = "summary";
    }
    return info;
  }

  /** One snapshot that can be browsed (complete or unfinished, a real folder inside the root). */
  snapshot(name: string, snapId: string): SnapshotInfo | undefined {
    if (!isSafeName(snapId)) return undefined;
    const found = this.snapshots(name).find((s) => s.dir.id === snapId);
    if (!found || found.dir.status === "deleting") return undefined;
    try {
      // A snapshot folder that is a symlink could point anywhere: not served.
      if (!Deno.lstatSync(found.dir.path).isDirectory) return undefined;
    } catch {
      return undefined;
    }
    return found;
  }

  /** The space all snapshots of the root take, as `phlb list` totals it; undefined without the index. */
  rootSpace(): RootSpace | undefined {
    const state = this.#state();
    if (!state.figures) return undefined;
    const { onDiskBytes, apparentBytes } = state.figures.total;
    return {
      snapshots: [...state.dirs.values()].reduce((n, d) => n + d.length, 0),
      onDiskBytes,
      apparentBytes,
      dedupRatio: onDiskBytes > 0 ? apparentBytes / onDiskBytes : null,
    };
  }

  /** Every backup name with its last run, staleness, space and chart points. */
  overview(options: { nowMs: number; staleDays: number }): NameOverview[] {
    const staleMs = options.staleDays * 86_400_000;
    const state = this.#state();
    return state.names.map((name) => {
      const snaps = (state.dirs.get(name) ?? []).map((d) => this.#info(d, state))
        .filter((s) => s.dir.status !== "deleting");
      const complete = snaps.filter((s) => s.dir.status === "complete");
      const last = snaps[snaps.length - 1];
      const lastComplete = complete[complete.length - 1];
      const lastCompleteMs = lastComplete?.finishedMs ?? lastComplete?.startedMs;
      return {
        name,
        snapshots: snaps.length,
        last,
        lastComplete,
        unfinished: last?.dir.status === "partial",
        stale: lastCompleteMs === undefined || options.nowMs - lastCompleteMs > staleMs,
        points: runPoints(snaps),
        onDiskBytes: state.figures?.perName.get(name)?.onDiskBytes,
      };
    });
  }

  /** The run log text of a snapshot (at most `maxBytes`), and whether it was cut. */
  runLog(snap: SnapshotInfo, maxBytes = 4 << 20): { text: string; truncated: boolean } | undefined {
    const path = sidecarPaths(this.root, snap.dir.name, snap.dir.id).log;
    let file: Deno.FsFile;
    try {
      if (!Deno.lstatSync(path).isFile) return undefined;
      file = Deno.openSync(path, { read: true });
    } catch {
      return undefined;
    }
    try {
      const size = file.statSync().size;
      const buf = new Uint8Array(Math.min(size, maxBytes));
      let off = 0;
      while (off < buf.length) {
        const n = file.readSync(buf.subarray(off));
        if (n === null) break;
        off += n;
      }
      return { text: new TextDecoder().decode(buf.subarray(0, off)), truncated: size > maxBytes };
    } finally {
      file.close();
    }
  }

  /** File-name search across snapshots (index only). */
  search(
    text: string,
    options: { name?: string; limit: number; offset: number },
  ): NameSearchPage | undefined {
    const index = this.index();
    if (!index) return undefined;
    return searchByName(index, { text, name: options.name, limit: options.limit, offset: options.offset });
  }
}

/** The chart points of a name's complete snapshots with figures and a time. */
export function runPoints(snaps: readonly SnapshotInfo[]): RunPoint[] {
  const points: RunPoint[] = [];
  for (const s of snaps) {
    if (s.dir.status !== "complete" || s.startedMs === undefined || !s.figures) continue;
    points.push({
      snapId: s.dir.id,
      timeMs: s.startedMs,
      totalBytes: s.figures.sizeBytes,
      newBytes: s.figures.newBytes,
    });
  }
  return points;
}
