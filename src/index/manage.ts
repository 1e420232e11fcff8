/**
 * Index queries for managing snapshots (`list`, `prune`, `diff`): per-snapshot figures, space
 * counted once per inode, the bytes a removal frees, and a snapshot's files by path.
 *
 * Space is counted by inode: the index records the stored inode of every file phlb put in a
 * snapshot, so "every link of this inode is inside these snapshots" is a GROUP BY on `ino`. Each
 * query takes the snapshot row ids to consider, so rows of snapshots deleted by hand (not yet
 * reconciled) never count; callers pass the ids of the snapshots they found on disk.
 * @module
 */
import { nameFromIndex } from "../fs/native/names.ts";
import { bytesToHex } from "../fs/hash.ts";
import { type BackupIndex, EntryFlag, EntryKind } from "./index.ts";

/** What the index knows about one snapshot's files. */
export interface SnapshotFigures {
  /** Regular files. */
  files: number;
  /** Their total (apparent) size. */
  sizeBytes: number;
  /** Bytes of the files this snapshot's run wrote (copies, not links). */
  newBytes: number;
  /** Bytes of inodes whose every link is inside this snapshot: what deleting it alone frees. */
  uniqueBytes: number;
}

/** Space used by a set of snapshots. */
export interface SpaceFigures {
  /** File bytes counting each inode once. */
  onDiskBytes: number;
  /** File bytes counting every path (what the snapshots would take without hardlinks). */
  apparentBytes: number;
}

const FILE = EntryKind.File;

/** Figures per snapshot row id, for the given rows. Rows without files are absent from the map. */
export function snapshotFigures(
  index: BackupIndex,
  snapshotIds: readonly number[],
): Map<number, SnapshotFigures> {
  const ids = JSON.stringify(snapshotIds);
  const out = new Map<number, SnapshotFigures>();
  const totals = index.statement(
    `SELECT snapshot_id AS sid, count(*) AS n, total(size) AS bytes,
      total(CASE WHEN (flags & ${EntryFlag.Written}) <> 0 THEN size ELSE 0 END) AS new_bytes
      FROM entries WHERE kind = ${FILE} AND snapshot_id IN (SELECT value FROM json_each(?))
      GROUP BY snapshot_id`,
  ).all(ids) as Record<string, number>[];
  for (const r of totals) {
    out.set(Number(r.sid), {
      files: Number(r.n),
      sizeBytes: Number(r.bytes),
      newBytes: Number(r.new_bytes),
      uniqueBytes: 0,
    });
  }
  // An inode is unique to a snapshot when the smallest and the largest snapshot holding it agree.
  const unique = index.statement(
    `SELECT sid, total(size) AS bytes FROM (
        SELECT min(snapshot_id) AS sid, max(snapshot_id) AS sid2, max(size) AS size FROM entries
        WHERE kind = ${FILE} AND ino IS NOT NULL AND snapshot_id IN (SELECT value FROM json_each(?))
        GROUP BY ino)
      WHERE sid = sid2 GROUP BY sid
      UNION ALL
      SELECT snapshot_id, total(size) FROM entries
        WHERE kind = ${FILE} AND ino IS NULL AND snapshot_id IN (SELECT value FROM json_each(?))
        GROUP BY snapshot_id`,
  ).all(ids, ids) as Record<string, number>[];
  for (const r of unique) {
    const f = out.get(Number(r.sid));
    if (f) f.uniqueBytes += Number(r.bytes);
  }
  return out;
}

/** Space used by the given snapshots together: each inode once, and every path. */
export function spaceFigures(index: BackupIndex, snapshotIds: readonly number[]): SpaceFigures {
  const ids = JSON.stringify(snapshotIds);
  const r = index.statement(
    `SELECT
      (SELECT total(size) FROM (SELECT max(size) AS size FROM entries
        WHERE kind = ${FILE} AND ino IS NOT NULL AND snapshot_id IN (SELECT value FROM json_each(:ids))
        GROUP BY ino)) +
      (SELECT total(size) FROM entries
        WHERE kind = ${FILE} AND ino IS NULL AND snapshot_id IN (SELECT value FROM json_each(:ids)))
        AS on_disk,
      (SELECT total(size) FROM entries
        WHERE kind = ${FILE} AND snapshot_id IN (SELECT value FROM json_each(:ids))) AS apparent`,
  ).get({ ids }) as Record<string, number>;
  return { onDiskBytes: Number(r.on_disk), apparentBytes: Number(r.apparent) };
}

/**
 * Bytes freed by deleting the `removed` snapshots while the other `live` ones stay: the inodes all
 * of whose recorded links are in `removed`. `live` lists every snapshot on disk (removed included).
 */
export function bytesFreedBy(
  index: BackupIndex,
  sets: { live: readonly number[]; removed: readonly number[] },
): number {
  if (sets.removed.length === 0) return 0;
  const r = index.statement(
    `SELECT
      (SELECT total(size) FROM (
        SELECT max(size) AS size, max(snapshot_id NOT IN (SELECT value FROM json_each(:rm))) AS outside
        FROM entries
        WHERE kind = ${FILE} AND ino IS NOT NULL AND snapshot_id IN (SELECT value FROM json_each(:live))
          AND ino IN (SELECT ino FROM entries WHERE kind = ${FILE} AND ino IS NOT NULL
            AND snapshot_id IN (SELECT value FROM json_each(:rm)))
        GROUP BY ino) WHERE outside = 0) +
      (SELECT total(size) FROM entries
        WHERE kind = ${FILE} AND ino IS NULL AND snapshot_id IN (SELECT value FROM json_each(:rm)))
      AS bytes`,
  ).get({
    live: JSON.stringify([...new Set([...sets.live, ...sets.removed])]),
    rm: JSON.stringify(sets.removed),
  }) as {
    bytes: number;
  };
  return Number(r.bytes);
}

/** One file or symlink of a snapshot as the index recorded it: what the backup saw. */
export interface IndexedEntry {
  kind: "file" | "symlink";
  sizeBytes: number;
  /** Lowercase hex sha256, or null when the index has no content for it (and for symlinks). */
  hash: string | null;
  mtimeMs: number;
  /** The nanoseconds within the millisecond, or null where the backup saw milliseconds only. */
  mtimeFracNs: number | null;
  mode: number;
  uid: number;
  gid: number;
  /** A symlink's target. */
  target: string | null;
  /** The digest of the extended attributes as lowercase hex, "" for none. */
  xattrs: string;
}

/** Every regular file and symlink of a snapshot, by "/"-separated path. */
export function snapshotEntries(index: BackupIndex, snapshotId: number): Map<string, IndexedEntry> {
  const rows = index.statement(
    `SELECT d.path AS dir, e.name, e.kind, e.size, c.hash, e.mtime_ms, e.mtime_frac_ns, e.mode, e.uid, e.gid,
        e.target, lower(hex(e.xattrs)) AS xattrs
      FROM entries e JOIN dirs d ON d.id = e.dir_id LEFT JOIN contents c ON c.id = e.content_id
      WHERE e.snapshot_id = ? AND e.kind IN (${FILE}, ${EntryKind.Symlink})`,
  ).all(snapshotId) as Record<string, unknown>[];
  const out = new Map<string, IndexedEntry>();
  for (const r of rows) {
    const dir = nameFromIndex(r.dir as string | Uint8Array);
    const name = nameFromIndex(r.name as string | Uint8Array);
    out.set(dir === "" ? name : `${dir}/${name}`, {
      kind: Number(r.kind) === FILE ? "file" : "symlink",
      sizeBytes: Number(r.size),
      hash: r.hash ? bytesToHex(r.hash as Uint8Array) : null,
      mtimeMs: Number(r.mtime_ms),
      mtimeFracNs: r.mtime_frac_ns === null ? null : Number(r.mtime_frac_ns),
      mode: Number(r.mode),
      uid: Number(r.uid),
      gid: Number(r.gid),
      target: r.target === null ? null : nameFromIndex(r.target as string | Uint8Array),
      xattrs: r.xattrs === null ? "" : String(r.xattrs),
    });
  }
  return out;
}

/** Regular files and their bytes. */
export interface FileCount {
  files: number;
  bytes: number;
}

/**
 * The regular files a snapshot recorded at or below `subpath` ("/"-separated, "" for all): the
 * total of a restore or a verify, for their progress lines.
 */
export function filesUnder(index: BackupIndex, snapshotId: number, subpath = ""): FileCount {
  const r = (subpath === ""
    ? index.statement(
      `SELECT count(*) AS n, total(size) AS bytes FROM entries WHERE snapshot_id = ? AND kind = ${FILE}`,
    ).get(snapshotId)
    : index.statement(
      `SELECT count(*) AS n, total(e.size) AS bytes FROM entries e JOIN dirs d ON d.id = e.dir_id
        WHERE e.snapshot_id = :sid AND e.kind = ${FILE}
          AND (d.path = :sub OR substr(d.path, 1, length(:sub) + 1) = :sub || '/'
            OR (CASE WHEN d.path = '' THEN e.name ELSE d.path || '/' || e.name END) = :sub)`,
    ).get({ sid: snapshotId, sub: subpath })) as { n: number; bytes: number };
  return { files: Number(r.n), bytes: Number(r.bytes) };
}

/**
 * The blocks of the inodes that deleting the `removed` snapshots frees (as {@linkcode bytesFreedBy}),
 * each file's size rounded up to whole blocks of `blockBytes`: what the disk gets back for them.
 */
export function fileBlocksFreedBy(
  index: BackupIndex,
  sets: { live: readonly number[]; removed: readonly number[] },
  blockBytes: number,
): number {
  if (sets.removed.length === 0) return 0;
  const r = index.statement(
    `SELECT
      (SELECT total((size + :blk - 1) / :blk * :blk) FROM (
        SELECT max(size) AS size, max(snapshot_id NOT IN (SELECT value FROM json_each(:rm))) AS outside
        FROM entries
        WHERE kind = ${FILE} AND ino IS NOT NULL AND snapshot_id IN (SELECT value FROM json_each(:live))
          AND ino IN (SELECT ino FROM entries WHERE kind = ${FILE} AND ino IS NOT NULL
            AND snapshot_id IN (SELECT value FROM json_each(:rm)))
        GROUP BY ino) WHERE outside = 0) +
      (SELECT total((size + :blk - 1) / :blk * :blk) FROM entries
        WHERE kind = ${FILE} AND ino IS NULL AND snapshot_id IN (SELECT value FROM json_each(:rm)))
      AS bytes`,
  ).get({
    live: JSON.stringify([...new Set([...sets.live, ...sets.removed])]),
    rm: JSON.stringify(sets.removed),
    // A bigint binds as an INTEGER: the division rounds down, as it must to count whole blocks.
    blk: BigInt(blockBytes),
  }) as { bytes: number };
  return Number(r.bytes);
}

/** The "/"-separated paths of a snapshot's folders and symlinks (its top folder not included). */
export function folderAndLinkPaths(index: BackupIndex, snapshotId: number): string[] {
  const rows = index.statement(
    `SELECT d.path AS dir, e.name FROM entries e JOIN dirs d ON d.id = e.dir_id
      WHERE e.snapshot_id = ? AND e.kind IN (${EntryKind.Dir}, ${EntryKind.Symlink})`,
  ).all(snapshotId) as Record<string, unknown>[];
  return rows.map((r) => {
    const dir = nameFromIndex(r.dir as string | Uint8Array);
    const name = nameFromIndex(r.name as string | Uint8Array);
    return dir === "" ? name : `${dir}/${name}`;
  });
}
