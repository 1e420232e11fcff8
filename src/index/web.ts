/**
 * Read-only queries for `phlb serve`: one entry with its hash, a path's history across snapshots,
 * other paths holding the same content, file-name search, and whether the index changed. The
 * figures per snapshot and per root are `phlb list`'s own (src/index/manage.ts).
 *
 * Nothing here writes. Rows may be stale (a snapshot deleted by hand): the web layer checks the
 * disk before it links to anything.
 * @module
 */
import { bytesToHex } from "../fs/hash.ts";
import { nameFromIndex, nameToIndex } from "../fs/native/names.ts";
import { type BackupIndex, CONTENT_PLACES, type EntryKind, type SnapshotRow } from "./index.ts";

/**
 * A number that changes whenever another connection commits to the index (SQLite's
 * `PRAGMA data_version`): figures cached against it stay right while a backup runs beside the server.
 */
export function dataVersion(index: BackupIndex): number {
  const r = index.statement("PRAGMA data_version").get() as { data_version: number };
  return Number(r.data_version);
}

/** One recorded file, folder or symlink, with its content hash when it is a file. */
export interface WebEntry {
  kind: EntryKind;
  sizeBytes: number;
  mtimeMs: number;
  mode: number;
  contentId: number | null;
  /** Lowercase hex sha256, files only. */
  hashHex: string | null;
  target: string | null;
  flags: number;
}

/** Splits a snapshot-relative path into its folder path and name. */
function splitRel(rel: string): { dir: string; name: string } {
  const i = rel.lastIndexOf("/");
  return i < 0 ? { dir: "", name: rel } : { dir: rel.slice(0, i), name: rel.slice(i + 1) };
}

function toWebEntry(r: Record<string, unknown>): WebEntry {
  return {
    kind: Number(r.kind) as EntryKind,
    sizeBytes: Number(r.size),
    mtimeMs: Number(r.mtime_ms),
    mode: Number(r.mode),
    contentId: r.content_id === null ? null : Number(r.content_id),
    hashHex: r.hash ? bytesToHex(r.hash as Uint8Array) : null,
    target: r.target === null ? null : nameFromIndex(r.target as string | Uint8Array),
    flags: Number(r.flags),
  };
}

/** The entry recorded for `rel` in snapshot `snapId` of backup `name`, if any. */
export function findEntry(
  index: BackupIndex,
  at: { name: string; snapId: string; rel: string },
): WebEntry | undefined {
  const { dir, name } = splitRel(at.rel);
  const r = index.statement(
    `SELECT e.kind, e.size, e.mtime_ms, e.mode, e.content_id, c.hash, e.target, e.flags
      FROM snapshots sn JOIN dirs d ON d.path = ?
      JOIN entries e ON e.snapshot_id = sn.id AND e.dir_id = d.id AND e.name = ?
      LEFT JOIN contents c ON c.id = e.content_id
      WHERE sn.name = ? AND sn.snap_id = ?`,
  ).get(nameToIndex(dir), nameToIndex(name), at.name, at.snapId) as Record<string, unknown> | undefined;
  return r ? toWebEntry(r) : undefined;
}

/** One snapshot's record of a path, for a file's history. */
export interface HistoryRow extends WebEntry {
  snapId: string;
  status: SnapshotRow["status"];
  startedMs: number;
}

/** Every snapshot of backup `name` that recorded `rel`, oldest first. */
export function pathHistory(index: BackupIndex, at: { name: string; rel: string }): HistoryRow[] {
  const { dir, name } = splitRel(at.rel);
  const rows = index.statement(
    `SELECT sn.snap_id, sn.status, sn.started_ms, e.kind, e.size, e.mtime_ms, e.mode, e.content_id, c.hash,
      e.target, e.flags
      FROM snapshots sn JOIN dirs d ON d.path = ?
      JOIN entries e ON e.snapshot_id = sn.id AND e.dir_id = d.id AND e.name = ?
      LEFT JOIN contents c ON c.id = e.content_id
      WHERE sn.name = ? ORDER BY sn.started_ms, sn.id`,
  ).all(nameToIndex(dir), nameToIndex(name), at.name) as Record<string, unknown>[];
  return rows.map((r) => ({
    ...toWebEntry(r),
    snapId: String(r.snap_id),
    status: r.status as SnapshotRow["status"],
    startedMs: Number(r.started_ms),
  }));
}

/** A path (in some backup) whose file has a given content, in one or more snapshots. */
export interface PathHit {
  /** Backup name. */
  name: string;
  /** "/"-separated path relative to a snapshot. */
  rel: string;
  kind: EntryKind;
  sizeBytes: number;
  /** How many snapshots hold it (among the rows looked at). */
  snapshots: number;
  /** The newest snapshot holding it. */
  newestSnapId: string;
}

function toPathHit(r: Record<string, unknown>): PathHit {
  const dir = nameFromIndex(r.dir as string | Uint8Array);
  const name = nameFromIndex(r.name as string | Uint8Array);
  return {
    name: String(r.backup),
    rel: dir === "" ? name : `${dir}/${name}`,
    kind: Number(r.kind) as EntryKind,
    sizeBytes: Number(r.size),
    snapshots: Number(r.snaps),
    newestSnapId: String(r.snap_id),
  };
}

/**
 * Paths holding content `contentId`, one row per backup name and path, at most `limit` rows.
 * A very common content (an empty file) can sit in millions of entries, so only the first
 * `scanLimit` entries are looked at; `truncated` says whether there were more.
 */
export function sameContentPaths(
  index: BackupIndex,
  contentId: number,
  options: { limit?: number; scanLimit?: number } = {},
): { hits: PathHit[]; truncated: boolean } {
  const limit = options.limit ?? 50;
  const scanLimit = options.scanLimit ?? 20_000;
  // Bare columns beside max(): SQLite takes them from the row holding the maximum (the newest snapshot).
  const rows = index.statement(
    `SELECT sn.name AS backup, d.path AS dir, e.name, e.kind, e.size, count(*) AS snaps,
      max(sn.started_ms) AS newest_ms, sn.snap_id
      FROM (SELECT snapshot_id, dir_id, name, kind, size FROM entries WHERE content_id = ?
        AND (snapshot_id, dir_id, name) IN (${CONTENT_PLACES}) LIMIT ?) e
      JOIN snapshots sn ON sn.id = e.snapshot_id JOIN dirs d ON d.id = e.dir_id
      WHERE sn.status <> 'deleting'
      GROUP BY sn.name, e.dir_id, e.name ORDER BY sn.name, d.path, e.name LIMIT ?`,
  ).all(contentId, contentId, scanLimit + 1, limit + 1) as Record<string, unknown>[];
  const scanned = index.statement(
    `SELECT count(*) AS n FROM (SELECT 1 FROM entries WHERE content_id = ?
      AND (snapshot_id, dir_id, name) IN (${CONTENT_PLACES}) LIMIT ?)`,
  ).get(contentId, contentId, scanLimit + 1) as { n: number };
  return {
    hits: rows.slice(0, limit).map(toPathHit),
    truncated: rows.length > limit || Number(scanned.n) > scanLimit,
  };
}

/** Escapes `%`, `_` and `\` so text matches literally in `LIKE … ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => "\\" + c);
}

/** A file-name search across snapshots. */
export interface NameSearch {
  /** Text the entry's name must contain (case-insensitive for ASCII, as SQLite's LIKE). */
  text: string;
  /** Only this backup name. */
  name?: string;
  limit: number;
  offset: number;
}

/** One page of a file-name search. */
export interface NameSearchPage {
  hits: PathHit[];
  /** More rows follow this page. */
  more: boolean;
  /** How many rows (backup name and path) match in all. */
  total: number;
}

/**
 * Entries whose name contains `text`, one row per backup name and path (with how many snapshots
 * hold it and the newest), ordered by name and path. Returns `limit` rows, whether more follow, and
 * how many match in all (a window count over the grouped rows: the same scan, not a second one).
 */
export function searchByName(index: BackupIndex, search: NameSearch): NameSearchPage {
  const pattern = `%${escapeLike(search.text)}%`;
  const rows = index.statement(
    `SELECT sn.name AS backup, d.path AS dir, e.name, e.kind, e.size, count(*) AS snaps,
      max(sn.started_ms) AS newest_ms, sn.snap_id, count(*) OVER () AS total
      FROM entries e JOIN snapshots sn ON sn.id = e.snapshot_id JOIN dirs d ON d.id = e.dir_id
      WHERE e.name LIKE :pattern ESCAPE '\\' AND sn.status <> 'deleting' AND (:name IS NULL OR sn.name = :name)
      GROUP BY sn.name, e.dir_id, e.name ORDER BY sn.name, d.path, e.name LIMIT :limit OFFSET :offset`,
  ).all({
    pattern,
    name: search.name ?? null,
    limit: search.limit + 1,
    offset: search.offset,
  }) as Record<string, unknown>[];
  // A page past the end has no row to carry the count: count once more from the first row.
  const total = rows.length > 0
    ? Number(rows[0].total)
    : search.offset > 0
    ? searchByName(index, { ...search, offset: 0, limit: 1 }).total
    : 0;
  return { hits: rows.slice(0, search.limit).map(toPathHit), more: rows.length > search.limit, total };
}
