/**
 * What `phlb serve` shows, gathered from a backup root: the snapshot folders on disk are the truth,
 * and the index (opened read-only) adds figures, hashes, history and search. Without a usable
 * index everything still works from the folders and sidecar files, and {@linkcode Catalog.indexNote}
 * says why the rest is missing.
 *
 * It never writes: no index migration, no reconcile, no lock.
 * @module
 */
import type { BackupSummary } from "../backup/summary.ts";
import { errorMessage } from "../errors.ts";
import { type FileStat, type FsBackend, openBackend } from "../fs/native/mod.ts";
import { BackupIndex, EntryKind, type SnapshotRow } from "../index/index.ts";
import {
  entryTotals,
  findEntry,
  type HistoryRow,
  pathHistory,
  type PathHit,
  sameContentPaths,
  searchByName,
} from "../index/web.ts";
import {
  listBackupNames,
  listSnapshots,
  metaDir,
  sidecarPaths,
  type SnapshotDir,
  snapshotPath,
} from "../store/layout.ts";
import { readManifest } from "../store/manifest.ts";
import { DEFAULT_TIMESTAMP_FORMAT } from "../store/timestamp.ts";
import { isSafeName, resolveInSnapshot } from "./paths.ts";

/** The figures `phlb list` shows for a snapshot. */
export interface SnapshotFigures {
  files: number;
  sizeBytes: number;
  /** Bytes this run added (copied, not linked). */
  newBytes: number;
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
  /** Where the figures come from: the summary JSON, the index's entries, or nowhere. */
  figuresFrom: "summary" | "entries" | "none";
  figures?: SnapshotFigures;
  /** The parsed summary, when one exists. */
  summary?: Partial<BackupSummary>;
}

/** One point of the per-run chart. */
export interface RunPoint {
  snapId: string;
  timeMs: number;
  totalBytes: number;
  newBytes: number;
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
}

/** A file's details beyond what lstat says. */
export interface FileDetails {
  hashHex?: string;
  /** Where the hash comes from. */
  hashFrom?: "index" | "manifest";
  /** Every snapshot of the same name holding the path, oldest first. */
  history: HistoryEntry[];
  /** Where the history comes from. */
  historyFrom: "index" | "disk";
  /** Other paths holding the same content (index only). */
  sameContent: PathHit[];
  sameContentTruncated: boolean;
}

/** One snapshot's copy of a path in a file's history. */
export interface HistoryEntry {
  snapId: string;
  kind: "file" | "dir" | "symlink" | "other";
  sizeBytes: number;
  mtimeMs: number;
  hashHex?: string;
  /** The content differs from the previous snapshot holding the path (or it is the first). */
  changed: boolean;
  /** The previous snapshot of the name did not hold the path. */
  reappeared: boolean;
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

function figuresFromSummary(s: Partial<BackupSummary>): SnapshotFigures | undefined {
  if (typeof s.files !== "number" || typeof s.bytes !== "number") return undefined;
  return {
    files: s.files,
    sizeBytes: s.bytes,
    newBytes: s.copiedBytes ?? 0,
    durationMs: s.durationMs,
    errors: s.errors,
    warnings: s.warnings,
  };
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

function kindName(kind: EntryKind): HistoryEntry["kind"] {
  return kind === EntryKind.File ? "file" : kind === EntryKind.Dir ? "dir" : "symlink";
}

/** A read-only view of one backup root. */
export class Catalog {
  /** The backup root (absolute). */
  readonly root: string;
  readonly #format: string;
  readonly #maxManifestBytes: number;
  #ownsFs: boolean;
  /** The filesystem backend for entries inside snapshots. */
  readonly fs: FsBackend;
  #index?: BackupIndex;
  #indexIdentity = "";
  #indexNote?: string;

  constructor(root: string, options: CatalogOptions = {}) {
    this.root = root;
    this.#format = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
    this.#maxManifestBytes = options.maxManifestBytes ?? 64 << 20;
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
      this.#indexNote = `There is no index (${path}): figures come from the snapshot folders. Search and ` +
        "same-content lists need it, and file history compares size and mtime only. Run `phlb add` to build it.";
      return undefined;
    }
    try {
      this.#index = BackupIndex.open(metaDir(this.root), { readOnly: true });
      this.#indexNote = undefined;
    } catch (err) {
      this.#indexNote = `The index cannot be read (${errorMessage(err)}): figures come from the snapshot ` +
        "folders. Search and same-content lists need it, and file history compares size and mtime only. " +
        "Run `phlb add` to rebuild it.";
    }
    return this.#index;
  }

  /** Why the index is not used, or undefined when it is. */
  get indexNote(): string | undefined {
    this.index();
    return this.#indexNote;
  }

  #closeIndex(): void {
    try {
      this.#index?.close();
    } catch { /* read-only: nothing to lose */ }
    this.#index = undefined;
    this.#indexNote = undefined;
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

  /** The snapshots of a name, oldest first, with their figures. */
  snapshots(name: string): SnapshotInfo[] {
    if (!this.hasName(name)) return [];
    let dirs: SnapshotDir[];
    try {
      dirs = listSnapshots(this.root, name, this.#format);
    } catch {
      return [];
    }
    const index = this.index();
    let rows = new Map<string, SnapshotRow>();
    try {
      if (index) rows = new Map(index.listSnapshots(name).map((r) => [r.snapId, r]));
    } catch { /* figures from the sidecars */ }
    return dirs.map((dir) => this.#info(dir, rows.get(dir.id), index));
  }

  #info(dir: SnapshotDir, row: SnapshotRow | undefined, index: BackupIndex | undefined): SnapshotInfo {
    const summary = parseSummary(row?.summary) ??
      parseSummary(readTextOrUndefined(sidecarPaths(this.root, dir.name, dir.id).summary));
    const info: SnapshotInfo = {
      dir,
      startedMs: row?.startedMs ?? isoMs(summary?.startedAt) ?? dir.date?.getTime(),
      finishedMs: row?.finishedMs ?? isoMs(summary?.finishedAt),
      figuresFrom: "none",
      summary,
    };
    const fromSummary = summary && figuresFromSummary(summary);
    if (fromSummary) {
      info.figures = fromSummary;
      info.figuresFrom = "summary";
    } else if (row && index) {
      try {
        info.figures = entryTotals(index, row.id);
        info.figuresFrom = "entries";
        if (row.finishedMs !== null) info.figures.durationMs = row.finishedMs - row.startedMs;
      } catch { /* no figures */ }
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

  /** Every backup name with its last run, staleness and chart points. */
  overview(options: { nowMs: number; staleDays: number }): NameOverview[] {
    const staleMs = options.staleDays * 86_400_000;
    return this.names().map((name) => {
      const snaps = this.snapshots(name).filter((s) => s.dir.status !== "deleting");
      const complete = snaps.filter((s) => s.dir.status === "complete");
      const last = snaps[snaps.length - 1];
      const lastComplete = complete[complete.length - 1];
      const lastCompleteMs = lastComplete?.finishedMs ?? lastComplete?.startedMs;
      const points: RunPoint[] = [];
      for (const s of complete) {
        if (s.startedMs === undefined || !s.figures) continue;
        points.push({
          snapId: s.dir.id,
          timeMs: s.startedMs,
          totalBytes: s.figures.sizeBytes,
          newBytes: s.figures.newBytes,
        });
      }
      return {
        name,
        snapshots: snaps.length,
        last,
        lastComplete,
        unfinished: last?.dir.status === "partial",
        stale: lastCompleteMs === undefined || options.nowMs - lastCompleteMs > staleMs,
        points,
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

  /** Hash, history and same-content paths of the file at `rel` in `snap`. */
  fileDetails(snap: SnapshotInfo, rel: string, info: FileStat): FileDetails {
    const index = this.index();
    if (index) {
      try {
        return this.#detailsFromIndex(index, snap, rel, info);
      } catch { /* fall back to the folders */ }
    }
    const hashHex = this.#manifestHash(snap, rel);
    return {
      hashHex,
      hashFrom: hashHex ? "manifest" : undefined,
      history: this.#historyFromDisk(snap.dir.name, rel),
      historyFrom: "disk",
      sameContent: [],
      sameContentTruncated: false,
    };
  }

  #detailsFromIndex(index: BackupIndex, snap: SnapshotInfo, rel: string, info: FileStat): FileDetails {
    const name = snap.dir.name;
    const entry = findEntry(index, { name, snapId: snap.dir.id, rel });
    // The index is a cache: trust its hash only while it describes the file that is there.
    const current = entry && entry.kind === EntryKind.File && entry.sizeBytes === info.size &&
      entry.mtimeMs === info.mtimeMs;
    let hashHex = current ? entry.hashHex ?? undefined : undefined;
    let hashFrom: FileDetails["hashFrom"] = hashHex ? "index" : undefined;
    if (!hashHex) {
      hashHex = this.#manifestHash(snap, rel);
      if (hashHex) hashFrom = "manifest";
    }
    const onDisk = new Set(this.snapshots(name).map((s) => s.dir.id));
    const rows = pathHistory(index, { name, rel }).filter((r) => onDisk.has(r.snapId));
    const history = this.#historyFromRows(name, rows);
    let sameContent: PathHit[] = [];
    let sameContentTruncated = false;
    if (current && entry.contentId !== null) {
      const r = sameContentPaths(index, entry.contentId);
      sameContent = r.hits.filter((h) => !(h.name === name && h.rel === rel));
      sameContentTruncated = r.truncated;
    }
    return { hashHex, hashFrom, history, historyFrom: "index", sameContent, sameContentTruncated };
  }

  #historyFromRows(name: string, rows: HistoryRow[]): HistoryEntry[] {
    const order = this.snapshots(name).map((s) => s.dir.id);
    const out: HistoryEntry[] = [];
    let prev: HistoryRow | undefined;
    for (const r of rows) {
      const prevPos = prev ? order.indexOf(prev.snapId) : -2;
      const changed = !prev || prev.kind !== r.kind || prev.contentId !== r.contentId ||
        (r.kind === EntryKind.Symlink && prev.target !== r.target);
      out.push({
        snapId: r.snapId,
        kind: kindName(r.kind),
        sizeBytes: r.sizeBytes,
        mtimeMs: r.mtimeMs,
        hashHex: r.hashHex ?? undefined,
        changed,
        reappeared: prev !== undefined && order.indexOf(r.snapId) !== prevPos + 1,
      });
      prev = r;
    }
    return out;
  }

  /**
   * Without the index: lstat the path in every snapshot; a change is a different size or mtime. Each
   * is resolved as a page would be, so a folder that is a symlink in one snapshot is not looked through.
   */
  #historyFromDisk(name: string, rel: string): HistoryEntry[] {
    const out: HistoryEntry[] = [];
    let prev: HistoryEntry | undefined;
    let missedOne = false;
    for (const s of this.snapshots(name)) {
      if (s.dir.status === "deleting") continue;
      const found = resolveInSnapshot(s.dir.path, rel.split("/"), { fs: this.fs });
      if (!found) {
        missedOne = prev !== undefined;
        continue;
      }
      const { kind, info: st } = found;
      const e: HistoryEntry = {
        snapId: s.dir.id,
        kind,
        sizeBytes: st.size,
        mtimeMs: st.mtimeMs,
        changed: !prev || prev.kind !== kind || prev.sizeBytes !== st.size || prev.mtimeMs !== st.mtimeMs,
        reappeared: missedOne,
      };
      out.push(e);
      prev = e;
      missedOne = false;
    }
    return out;
  }

  #manifestHash(snap: SnapshotInfo, rel: string): string | undefined {
    const path = snap.dir.status === "complete"
      ? sidecarPaths(this.root, snap.dir.name, snap.dir.id).manifest
      : snapshotPath(this.root, snap.dir.name, snap.dir.id, "partial") + ".sha256";
    try {
      const st = Deno.lstatSync(path);
      if (!st.isFile || st.size > this.#maxManifestBytes) return undefined;
      for (const e of readManifest(path)) if (e.path === rel) return e.hash;
    } catch { /* no manifest */ }
    return undefined;
  }

  /** File-name search across snapshots (index only). */
  search(
    text: string,
    options: { name?: string; limit: number; offset: number },
  ): { hits: PathHit[]; more: boolean } | undefined {
    const index = this.index();
    if (!index) return undefined;
    return searchByName(index, { text, name: options.name, limit: options.limit, offset: options.offset });
  }
}
