/**
 * Recorded copies of a content: every path at which a complete snapshot recorded it, found through
 * the heads (CONTENT_PLACES), so that files linked unread count too. A backup asks for another
 * copy with the same identity when its link source is gone or differs; a repair asks for every
 * path of a damaged inode, and for other inodes holding the same content.
 * Queries only: what is on disk at those paths is for the caller to check.
 * @module
 */
import { nameToIndex } from "../fs/native/names.ts";
import {
  type BackupIndex,
  CONTENT_PLACES,
  EntryFlag,
  EntryKind,
  keyValues,
  SOURCE_LOCATION_COLUMNS,
  type SourceKey,
  type SourceLocation,
  sourceLocationOf,
} from "./index.ts";

/** A recorded copy, with everything its entry says about the stored inode. */
export interface RecordedCopy extends SourceLocation {
  /** The content its entry records (add records a file that differs from its manifest by its bytes). */
  contentId: number | null;
  /** The xattr digest its entry recorded, or null for none. */
  xattrs: Uint8Array | null;
  /** Its EntryFlag bits. */
  flags: number;
}

const COPY_COLUMNS = `${SOURCE_LOCATION_COLUMNS}, e.xattrs, e.content_id`;

function copyOf(r: Record<string, unknown>): RecordedCopy {
  return {
    ...sourceLocationOf(r),
    contentId: r.content_id === null ? null : Number(r.content_id),
    xattrs: r.xattrs === null ? null : r.xattrs as Uint8Array,
    flags: Number(r.flags),
  };
}

/** The file entry snapshot row `snapshotId` recorded at `dirPath`/`name`, if any. */
export function recordedCopyAt(
  index: BackupIndex,
  at: { snapshotId: number; dirPath: string; name: string },
): RecordedCopy | undefined {
  const r = index.statement(
    `SELECT ${COPY_COLUMNS} FROM entries e JOIN snapshots sn ON sn.id = e.snapshot_id JOIN dirs d ON d.id = e.dir_id
      WHERE e.snapshot_id = ? AND d.path = ? AND e.name = ? AND e.kind = ${EntryKind.File}`,
  ).get(at.snapshotId, nameToIndex(at.dirPath), nameToIndex(at.name)) as Record<string, unknown> | undefined;
  return r ? copyOf(r) : undefined;
}

const FROM_PLACES = `FROM entries e JOIN snapshots sn ON sn.id = e.snapshot_id JOIN dirs d ON d.id = e.dir_id
  WHERE e.content_id = ? AND e.kind = ${EntryKind.File} AND sn.status = 'complete'
    AND (e.snapshot_id, e.dir_id, e.name) IN (${CONTENT_PLACES})`;

const NOT_DAMAGED =
  `NOT EXISTS (SELECT 1 FROM damaged dm WHERE dm.content_id = e.content_id AND dm.ino = e.ino)`;

/**
 * Up to `options.limit` recorded paths, newest snapshot first, whose stored copy may serve as the
 * link source of identity `key`: same content, never flagged unstable, not marked damaged, and
 * (unless `options.contentOnly`, DEDUP=content) the same mode, mtime, owner and xattr digest, not
 * a link that showed another file's metadata (flag 8).
 *
 * Driven by the newest heads of that identity (a few, through `entries_heads`), then every
 * snapshot of the head's name at the head's path: a common content (the empty file) with many
 * places costs no more than its heads.
 */
export function copiesWithIdentity(
  index: BackupIndex,
  key: SourceKey,
  options: { contentOnly: boolean; limit: number },
): RecordedCopy[] {
  const [contentId, mode, mtimeMs, fracNs, uid, gid, xattrs] = keyValues(key);
  const identity = (t: string) =>
    options.contentOnly ? "" : `AND ${t}.mode = :mode AND ${t}.mtime_ms = :mtime
      AND coalesce(${t}.mtime_frac_ns, 0) = :frac AND ${t}.uid = :uid AND ${t}.gid = :gid
      AND coalesce(${t}.xattrs, X'') = :xattrs AND (${t}.flags & ${EntryFlag.SharedMeta}) = 0`;
  const limit = Math.max(1, Math.floor(options.limit));
  const sql = `WITH heads AS (
      SELECT h.snapshot_id, h.dir_id, h.name, hs.name AS backup_name FROM entries h
        JOIN snapshots hs ON hs.id = h.snapshot_id
        WHERE h.content_id = :content AND (h.flags & ${EntryFlag.Unchanged}) = 0 AND h.kind = ${EntryKind.File}
          ${identity("h")}
        ORDER BY h.snapshot_id DESC LIMIT ${limit})
    SELECT ${COPY_COLUMNS} FROM heads
      JOIN snapshots sn ON sn.name = heads.backup_name AND sn.id >= heads.snapshot_id AND sn.status = 'complete'
      JOIN entries e ON e.snapshot_id = sn.id AND e.dir_id = heads.dir_id AND e.name = heads.name
      JOIN dirs d ON d.id = e.dir_id
      WHERE e.content_id = :content AND e.kind = ${EntryKind.File} AND (e.flags & ${EntryFlag.Unstable}) = 0
        ${identity("e")} AND ${NOT_DAMAGED}
      ORDER BY e.snapshot_id DESC LIMIT ${limit}`;
  const params: Record<string, number | Uint8Array> = options.contentOnly
    ? { content: contentId }
    : { content: contentId, mode, mtime: mtimeMs, frac: fracNs, uid, gid, xattrs };
  return (index.statement(sql).all(params) as Record<string, unknown>[]).map(copyOf);
}

/** Every recorded path of complete snapshots at which stored inode `ino` holds content `contentId`. */
export function copiesOfInode(index: BackupIndex, at: { contentId: number; ino: number }): RecordedCopy[] {
  const rows = index.statement(`SELECT ${COPY_COLUMNS} ${FROM_PLACES} AND e.ino = ? ORDER BY e.snapshot_id`)
    .all(at.contentId, at.contentId, at.ino) as Record<string, unknown>[];
  return rows.map(copyOf);
}

/**
 * One recorded path for each stored inode other than `exceptIno` that holds content `contentId`,
 * newest first, not marked damaged: where intact bytes of a damaged copy may be found.
 */
export function otherInodesOf(
  index: BackupIndex,
  at: { contentId: number; exceptIno: number; limit: number },
): RecordedCopy[] {
  const rows = index.statement(
    `SELECT ${COPY_COLUMNS} ${FROM_PLACES} AND e.ino IS NOT ? AND ${NOT_DAMAGED}
      ORDER BY e.snapshot_id DESC`,
  ).all(at.contentId, at.contentId, at.exceptIno) as Record<string, unknown>[];
  const seen = new Set<number | null>();
  const out: RecordedCopy[] = [];
  for (const r of rows.map(copyOf)) {
    if (r.ino !== null && seen.has(r.ino)) continue;
    seen.add(r.ino);
    out.push(r);
    if (out.length >= at.limit) break;
  }
  return out;
}
