/**
 * Index queries for `phlb verify`: what a snapshot recorded per folder, and the scrub state
 * (which content was verified when, and where the current scrub pass began).
 *
 * Adds to the schema, idempotently, only when a scrub runs:
 * - scrub(id = 1, started_ms, finished_ms): the current (or last) scrub pass;
 * - index contents_verified ON contents(last_verified_ms): "least recently verified first".
 * @module
 */
import { nameFromIndex } from "../fs/native/names.ts";
import { type BackupIndex, CONTENT_PLACES, EntryKind } from "./index.ts";

/** What a snapshot recorded for one name in one folder. */
export interface RecordedEntry {
  kind: EntryKind;
  sizeBytes: number;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
  /** Lowercase hex sha256 of a file's content; null for folders and symlinks. */
  hashHex: string | null;
  ino: number | null;
  /** A symlink's target text. */
  target: string | null;
  flags: number;
}

/** Every entry snapshot `snapshotId` recorded in folder `dirPath` ("" for its top), by name. */
export function recordedDirEntries(
  index: BackupIndex,
  at: { snapshotId: number; dirPath: string },
): Map<string, RecordedEntry> {
  const { snapshotId, dirPath } = at;
  const out = new Map<string, RecordedEntry>();
  const dirId = index.findDirId(dirPath);
  if (dirId === undefined) return out;
  const rows = index.statement(
    `SELECT e.name, e.kind, e.size, e.mtime_ms, e.mode, e.uid, e.gid, lower(hex(c.hash)) AS hash_hex, e.ino,
        e.target, e.flags
      FROM entries e LEFT JOIN contents c ON c.id = e.content_id WHERE e.snapshot_id = ? AND e.dir_id = ?`,
  ).all(snapshotId, dirId) as Record<string, unknown>[];
  for (const r of rows) {
    out.set(nameFromIndex(r.name as string | Uint8Array), {
      kind: Number(r.kind) as EntryKind,
      sizeBytes: Number(r.size),
      mtimeMs: Number(r.mtime_ms),
      mode: Number(r.mode),
      uid: Number(r.uid),
      gid: Number(r.gid),
      // hex() of NULL is "", not NULL.
      hashHex: r.hash_hex === null || r.hash_hex === "" ? null : String(r.hash_hex),
      ino: r.ino === null ? null : Number(r.ino),
      target: r.target === null ? null : nameFromIndex(r.target as string | Uint8Array),
      flags: Number(r.flags),
    });
  }
  return out;
}

// ---- scrub

/** The current or last scrub pass. */
export interface ScrubPass {
  startedMs: number;
  /** Set when every content was verified since `startedMs`. */
  finishedMs: number | null;
}

/** Creates the scrub table and the "least recently verified" index if missing. */
export function ensureScrubSchema(index: BackupIndex): void {
  index.exec(`
    CREATE TABLE IF NOT EXISTS scrub(
      id INTEGER PRIMARY KEY CHECK (id = 1),
      started_ms INTEGER NOT NULL,
      finished_ms INTEGER
    );
    CREATE INDEX IF NOT EXISTS contents_verified ON contents(last_verified_ms);
  `);
}

/** The recorded scrub pass, if any. */
export function scrubPass(index: BackupIndex): ScrubPass | undefined {
  const r = index.statement("SELECT started_ms, finished_ms FROM scrub WHERE id = 1").get() as
    | Record<string, unknown>
    | undefined;
  if (!r) return undefined;
  return {
    startedMs: Number(r.started_ms),
    finishedMs: r.finished_ms === null ? null : Number(r.finished_ms),
  };
}

/**
 * Starts a new pass at `nowMs`. Contents verified at or after the pass start count as done, so
 * the start is moved past the newest verification time (two runs within one millisecond).
 */
export function startScrubPass(index: BackupIndex, nowMs: number): ScrubPass {
  const r = index.statement("SELECT max(last_verified_ms) AS m FROM contents").get() as { m: number | null };
  const startedMs = Math.max(nowMs, r.m === null ? 0 : Number(r.m) + 1);
  index.statement("INSERT OR REPLACE INTO scrub(id, started_ms, finished_ms) VALUES (1, ?, NULL)").run(
    startedMs,
  );
  return { startedMs, finishedMs: null };
}

/** Marks the pass finished. */
export function finishScrubPass(index: BackupIndex, nowMs: number): void {
  index.statement("UPDATE scrub SET finished_ms = ? WHERE id = 1").run(nowMs);
}

/** A content due for verification. */
export interface DueContent {
  contentId: number;
  hashHex: string;
  sizeBytes: number;
  lastVerifiedMs: number | null;
}

/**
 * Up to `options.limit` contents not verified since `passStartedMs`, least recently verified first
 * (never verified before all others).
 */
export function dueContents(
  index: BackupIndex,
  passStartedMs: number,
  options: { limit: number },
): DueContent[] {
  const { limit } = options;
  // Walks contents_verified in order: due rows come first, so LIMIT stops the scan early.
  const rows = index.statement(
    `SELECT id, lower(hex(hash)) AS hash_hex, size, last_verified_ms FROM contents INDEXED BY contents_verified
      WHERE coalesce(last_verified_ms, -1) < ? ORDER BY last_verified_ms, id LIMIT ?`,
  ).all(passStartedMs, limit) as Record<string, unknown>[];
  return rows.map((r) => ({
    contentId: Number(r.id),
    hashHex: String(r.hash_hex),
    sizeBytes: Number(r.size),
    lastVerifiedMs: r.last_verified_ms === null ? null : Number(r.last_verified_ms),
  }));
}

/** One recorded path of a content in a complete snapshot. */
export interface ContentCopy {
  backupName: string;
  snapId: string;
  /** Path relative to the snapshot, "/"-separated. */
  rel: string;
  mtimeMs: number;
  ino: number | null;
  /** EntryFlag bits of the record. */
  flags: number;
}

/** Every path at which complete snapshots recorded a content. */
export function contentCopies(index: BackupIndex, contentId: number): ContentCopy[] {
  const rows = index.statement(
    `SELECT s.name AS backup_name, s.snap_id, d.path AS dir_path, e.name, e.mtime_ms, e.ino, e.flags
      FROM entries e JOIN snapshots s ON s.id = e.snapshot_id JOIN dirs d ON d.id = e.dir_id
      WHERE e.content_id = ? AND e.kind = ${EntryKind.File} AND s.status = 'complete'
        AND (e.snapshot_id, e.dir_id, e.name) IN (${CONTENT_PLACES})
      ORDER BY s.started_ms DESC, s.id DESC`,
  ).all(contentId, contentId) as Record<string, unknown>[];
  return rows.map((r) => ({
    backupName: String(r.backup_name),
    snapId: String(r.snap_id),
    rel: joinRecorded(r.dir_path as string | Uint8Array, r.name as string | Uint8Array),
    mtimeMs: Number(r.mtime_ms),
    ino: r.ino === null ? null : Number(r.ino),
    flags: Number(r.flags),
  }));
}

/** Records that a content was verified at `options.nowMs`. */
export function markVerified(index: BackupIndex, contentId: number, options: { nowMs: number }): void {
  index.statement("UPDATE contents SET last_verified_ms = ? WHERE id = ?").run(options.nowMs, contentId);
}

/** How many contents exist, and how many were verified at or after `sinceMs`. */
export function scrubCoverage(index: BackupIndex, sinceMs: number): { total: number; verified: number } {
  const r = index.statement(
    "SELECT count(*) AS total, count(*) FILTER (WHERE last_verified_ms >= ?) AS verified FROM contents",
  ).get(sinceMs) as { total: number; verified: number };
  return { total: Number(r.total), verified: Number(r.verified) };
}

/** A recorded folder path and name (TEXT, or BLOB bytes when not valid UTF-8) as one fs-string path. */
function joinRecorded(dirPath: string | Uint8Array, name: string | Uint8Array): string {
  const dir = nameFromIndex(dirPath);
  return dir === "" ? nameFromIndex(name) : `${dir}/${nameFromIndex(name)}`;
}
