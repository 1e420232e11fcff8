/**
 * The index's schema, version 4 (FORMAT.md, "The index", has the details), and the migrations
 * from versions 1, 2 and 3 that open.ts applies on a writable open. The tables:
 * - contents(id, hash BLOB, size): one row per distinct content.
 * - dirs(id, path): folder paths relative to a snapshot, shared by all snapshots.
 * - snapshots(id, name, snap_id, status, started_ms, finished_ms, summary): one per snapshot.
 * - entries(snapshot_id, dir_id, name, kind, size, mtime_ms, mode, uid, gid, content_id, ino,
 *   src_ino, src_ctime_ms, target, flags, mtime_frac_ns, src_ctime_frac_ns, xattrs): every file,
 *   folder and symlink of every snapshot.
 * - sources(content_id, mode, mtime_ms, mtime_frac_ns, uid, gid, xattrs → snapshot_id, dir_id,
 *   name): the current link source for each content+metadata identity.
 * - damaged(content_id, ino → found_ms, found_by, problem, path): stored inodes found not to hold
 *   what their entries record (damage.ts); nothing is ever linked to one again.
 * Names, folder paths and symlink targets are TEXT, or a BLOB of the exact bytes when they are not
 * valid UTF-8 (names.ts nameToIndex/nameFromIndex).
 * @module
 */

/** The schema version this build writes. */
export const SCHEMA_VERSION = 4;

/** Entry kinds as stored. */
export const EntryKind = { File: 0, Dir: 1, Symlink: 2 } as const;
/** Entry kind type. */
export type EntryKind = typeof EntryKind[keyof typeof EntryKind];

/** Entry flag bits. */
export const EntryFlag = {
  /** This snapshot wrote these bytes (a copy, not a link). */
  Written: 1,
  /** The source changed while it was read: never a link source. */
  Unstable: 2,
  /**
   * The file's mtime was within the racy window of the moment it was read: a rewrite right after
   * the read could keep the same size and (truncated) mtime, so the fast path must not trust this
   * record, and the next run reads the file again (as git does with "racily clean" entries).
   */
  Racy: 4,
  /**
   * DEDUP=content linked this file to a stored copy whose mode, mtime or owner differ from the
   * source's: the record holds the source's metadata (for the fast path), the stored inode the
   * first copy's. Checks of the stored inode's metadata against this record do not apply.
   */
  SharedMeta: 8,
  /**
   * Linked unread (the fast path) to the previous snapshot's copy at the same path, with the same
   * content. Such entries are left out of the content index (`entries_heads`): a file kept for a
   * hundred snapshots is one row there, not a hundred, so a no-change run does not rewrite that
   * index. Every such entry has an entry without this flag (its head) at the same path with the same
   * content in an earlier snapshot of the same name; {@linkcode BackupIndex.dropSnapshot} keeps that
   * true. Content lookups go through the heads: see {@linkcode CONTENT_PLACES}.
   */
  Unchanged: 16,
  /**
   * When this entry was recorded, its stored inode did not show the entry's mode (or, as root, its
   * owner): the destination shows its own (ntfs-3g, SMB and FAT mounts ignore chmod and chown).
   * The stored copy's mode and owner are then not compared with the entry, by the fast path, the
   * dedup link or verify; without this flag a stored copy showing another mode or owner was
   * changed after it was written (a chmod inside a snapshot) and is never linked again.
   */
  ForeignMeta: 32,
} as const;

const SOURCES_TABLE = `CREATE TABLE IF NOT EXISTS sources(
  content_id INTEGER NOT NULL,
  mode INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  mtime_frac_ns INTEGER NOT NULL DEFAULT 0,
  uid INTEGER NOT NULL,
  gid INTEGER NOT NULL,
  xattrs BLOB NOT NULL DEFAULT X'',
  snapshot_id INTEGER NOT NULL,
  dir_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY(content_id, mode, mtime_ms, mtime_frac_ns, uid, gid, xattrs)
) WITHOUT ROWID;`;

/** Stored inodes found damaged: see damage.ts. Path is `NAME/ID/REL`, TEXT or BLOB bytes as names are. */
const DAMAGED_TABLE = `CREATE TABLE IF NOT EXISTS damaged(
  content_id INTEGER NOT NULL,
  ino INTEGER NOT NULL,
  found_ms INTEGER NOT NULL,
  found_by TEXT NOT NULL,
  problem TEXT NOT NULL,
  path TEXT NOT NULL,
  PRIMARY KEY(content_id, ino)
) WITHOUT ROWID;`;

/**
 * Drops the marks of inodes no entry records any more (their snapshots were pruned or deleted by
 * hand). Heads suffice: an entry linked unread has a head at the same path with the same content
 * and inode (see {@linkcode EntryFlag.Unchanged}).
 */
export const DROP_ORPHAN_DAMAGE = `DELETE FROM damaged WHERE NOT EXISTS (SELECT 1 FROM entries e
  WHERE e.content_id = damaged.content_id AND (e.flags & ${EntryFlag.Unchanged}) = 0 AND e.ino = damaged.ino)`;

/** The content index: files without the Unchanged flag only (see {@linkcode EntryFlag.Unchanged}). */
export const HEADS_INDEX = `CREATE INDEX IF NOT EXISTS entries_heads ON entries(content_id)
  WHERE (flags & ${EntryFlag.Unchanged}) = 0;`;

/**
 * SQL giving the key `(snapshot_id, dir_id, name)` of every place that may hold content `?` as a
 * file: the paths of its heads (entries without EntryFlag.Unchanged, found through `entries_heads`),
 * in every snapshot of the head's backup name. Match the entries against it with
 * `e.content_id = ? AND (e.snapshot_id, e.dir_id, e.name) IN (…)`: the keys are looked up by the
 * primary key, and the entries found are every file entry holding the content, heads included.
 */
export const CONTENT_PLACES = `SELECT x.id, h.dir_id, h.name FROM entries h
  JOIN snapshots hs ON hs.id = h.snapshot_id JOIN snapshots x ON x.name = hs.name
  WHERE h.content_id = ? AND (h.flags & ${EntryFlag.Unchanged}) = 0 AND h.kind = ${EntryKind.File}`;

/** The whole schema, for a new index. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS contents(
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL,
  size INTEGER NOT NULL,
  last_verified_ms INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS contents_hash ON contents(hash, size);
CREATE TABLE IF NOT EXISTS dirs(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS snapshots(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  snap_id TEXT NOT NULL,
  status TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  finished_ms INTEGER,
  summary TEXT,
  UNIQUE(name, snap_id)
);
CREATE TABLE IF NOT EXISTS entries(
  snapshot_id INTEGER NOT NULL,
  dir_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  mode INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  gid INTEGER NOT NULL,
  content_id INTEGER,
  ino INTEGER,
  src_ino INTEGER,
  src_ctime_ms INTEGER,
  target TEXT,
  flags INTEGER NOT NULL DEFAULT 0,
  mtime_frac_ns INTEGER,
  src_ctime_frac_ns INTEGER,
  xattrs BLOB,
  PRIMARY KEY(snapshot_id, dir_id, name)
) WITHOUT ROWID;
${HEADS_INDEX}
${SOURCES_TABLE}
CREATE INDEX IF NOT EXISTS sources_snapshot ON sources(snapshot_id);
${DAMAGED_TABLE}
`;

/** Version 1 to 2: nanosecond parts and xattr digests (FORMAT.md, "The index"). */
export const MIGRATE_1_TO_2 = `
ALTER TABLE entries ADD COLUMN mtime_frac_ns INTEGER;
ALTER TABLE entries ADD COLUMN src_ctime_frac_ns INTEGER;
ALTER TABLE entries ADD COLUMN xattrs BLOB;
ALTER TABLE sources RENAME TO sources_v1;
${SOURCES_TABLE}
INSERT INTO sources(content_id, mode, mtime_ms, mtime_frac_ns, uid, gid, xattrs, snapshot_id, dir_id, name)
  SELECT content_id, mode, mtime_ms, 0, uid, gid, X'', snapshot_id, dir_id, name FROM sources_v1;
DROP TABLE sources_v1;
CREATE INDEX IF NOT EXISTS sources_snapshot ON sources(snapshot_id);
`;

/**
 * Version 2 to 3: the content index leaves out entries linked unread (EntryFlag.Unchanged). Rows of
 * version 2 have no such flag, so all of them are heads and the new index holds what the old one did.
 */
export const MIGRATE_2_TO_3 = `
DROP INDEX IF EXISTS entries_content;
${HEADS_INDEX}
`;

/**
 * Version 3 to 4: the table of damaged stored inodes. It starts empty: what an older phlb's verify
 * found was never recorded, and the next verify finds it again. (Flag 32, EntryFlag.ForeignMeta,
 * needs no column: rows of older versions lack it, and their stored copies are compared.)
 */
export const MIGRATE_3_TO_4 = DAMAGED_TABLE;
