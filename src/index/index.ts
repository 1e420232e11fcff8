/**
 * The content index `ROOT/.phlb/index.sqlite`, the only importer of node:sqlite.
 *
 * The index is a cache of what the snapshot trees hold: it can always be rebuilt from them
 * (`phlb add`). It answers two questions fast: "what did the previous snapshot record for this
 * path?" (the fast path) and "where is a stored copy of this content with this metadata?"
 * (dedup). Rows may be stale because users delete snapshots by hand; callers check what a row
 * points at before using it and report stale rows back through {@linkcode BackupIndex.dropSource}.
 *
 * Schema (version 2; FORMAT.md has the details):
 * - contents(id, hash BLOB, size): one row per distinct content.
 * - dirs(id, path): folder paths relative to a snapshot, shared by all snapshots.
 * - snapshots(id, name, snap_id, status, started_ms, finished_ms, summary): one per snapshot.
 * - entries(snapshot_id, dir_id, name, kind, size, mtime_ms, mode, uid, gid, content_id, ino,
 *   src_ino, src_ctime_ms, target, flags, mtime_frac_ns, src_ctime_frac_ns, xattrs): every file,
 *   folder and symlink of every snapshot.
 * - sources(content_id, mode, mtime_ms, mtime_frac_ns, uid, gid, xattrs → snapshot_id, dir_id,
 *   name): the current link source for each content+metadata identity.
 * Names, folder paths and symlink targets are TEXT, or a BLOB of the exact bytes when they are not
 * valid UTF-8 (names.ts nameToIndex/nameFromIndex).
 * @module
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { pathToFileURL } from "node:url";
import { errorMessage, FatalError } from "../errors.ts";
import { joinPath } from "../fs/path.ts";
import { nameFromIndex, nameToIndex } from "../fs/native/names.ts";

/** The schema version this build writes. */
export const SCHEMA_VERSION = 3;

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
} as const;

/** A snapshot row. */
export interface SnapshotRow {
  id: number;
  name: string;
  snapId: string;
  status: "partial" | "complete" | "deleting";
  startedMs: number;
  finishedMs: number | null;
  summary: string | null;
}

/** A recorded entry, as the fast path needs it. */
export interface EntryRow {
  name: string;
  kind: EntryKind;
  sizeBytes: number;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
  contentId: number | null;
  hash: Uint8Array | null;
  ino: number | null;
  srcIno: number | null;
  srcCtimeMs: number | null;
  flags: number;
  /** Nanoseconds within `mtimeMs`'s millisecond; null when only milliseconds were known. */
  mtimeFracNs: number | null;
}

/** What is inserted for a new entry. */
export interface NewEntry {
  snapshotId: number;
  dirId: number;
  name: string;
  kind: EntryKind;
  sizeBytes: number;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
  contentId: number | null;
  ino: number | null;
  srcIno: number | null;
  srcCtimeMs: number | null;
  target: string | null;
  flags: number;
  /** Nanoseconds within `mtimeMs`'s millisecond; null (the default) when only milliseconds were known. */
  mtimeFracNs?: number | null;
  /** Nanoseconds within `srcCtimeMs`'s millisecond; null (the default): the ctime was known to whole seconds. */
  srcCtimeFracNs?: number | null;
  /** The xattr digest (sha256) of the stored entry; null (the default) when it has none. */
  xattrs?: Uint8Array | null;
}

/** The identity under which a stored file can be shared: content plus the metadata that lives on the inode. */
export interface SourceKey {
  contentId: number;
  mode: number;
  mtimeMs: number;
  uid: number;
  gid: number;
  /** Nanoseconds within the millisecond; 0 (the default) when unknown. */
  mtimeFracNs?: number;
  /** The xattr digest (sha256 bytes); empty (the default) when there are none. */
  xattrs?: Uint8Array;
}

const NO_XATTRS = new Uint8Array(0);

/** Where a link source lives, plus what the index knows about its inode. */
export interface SourceLocation {
  snapshotId: number;
  dirId: number;
  name: string;
  /** Backup name and snapshot id/status, to build its path. */
  backupName: string;
  snapId: string;
  status: SnapshotRow["status"];
  dirPath: string;
  ino: number | null;
  sizeBytes: number;
  /** The mtime its entry recorded (the stored inode's, unless `sharedMeta`). */
  mtimeMs: number;
  mtimeFracNs: number | null;
  /** Its entry has flag 8: the row holds the source's metadata, not the stored inode's. */
  sharedMeta: boolean;
}

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

const SCHEMA = `
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
`;

/** Version 1 to 2: nanosecond parts and xattr digests (FORMAT.md, "The index"). */
const MIGRATE_1_TO_2 = `
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
const MIGRATE_2_TO_3 = `
DROP INDEX IF EXISTS entries_content;
${HEADS_INDEX}
`;

function isCorruption(err: unknown): boolean {
  const msg = String((err as Error)?.message ?? err);
  return /not a database|malformed|corrupt|disk image/i.test(msg);
}

/** True when SQLite could not write beside the index (read-only media, or no write permission). */
function isNoWriteAccess(err: unknown): boolean {
  return /readonly database|unable to open database file/i.test(String((err as Error)?.message ?? err));
}

/** True for an error thrown by SQLite (node:sqlite), i.e. by the index rather than by a file. */
export function isIndexError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "ERR_SQLITE_ERROR";
}

/** What to do about a damaged or emptied index (the hint of the errors that say so). */
export const INDEX_REBUILD_HINT =
  "the index is only a cache: move it away (or delete the .phlb folder) and run `phlb add` to rebuild it";

/** True when an index error says the database file is damaged (or is not a database). */
export function isIndexCorruption(err: unknown): boolean {
  return isIndexError(err) && isCorruption(err);
}

/** Options for {@linkcode BackupIndex.open}. */
export interface OpenIndexOptions {
  /** Open read-only (for serve/list): never creates or migrates. */
  readOnly?: boolean;
  /**
   * Read-only, and treat the file as unchanging: no locks and no -wal/-shm files appear. Only for
   * a one-shot look (dry runs) where a concurrent writer does not matter.
   */
  immutable?: boolean;
  /** Internal: the index this file is a private copy of (named in messages). */
  copyOf?: string;
}

/** The index of one backup root. */
export class BackupIndex {
  /** Path of the database file. */
  readonly path: string;
  #db: DatabaseSync;
  /** A temporary folder holding the copy this index reads, removed on close. */
  #copyDir?: string;
  #stmts = new Map<string, StatementSync>();
  #inTx = false;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
  }

  /** The database file of a root's meta folder. */
  static pathIn(metaPath: string): string {
    return joinPath(metaPath, "index.sqlite");
  }

  /**
   * Opens (and when writable, creates or migrates) the index in `metaPath`.
   * Throws {@linkcode FatalError} pointing at `phlb add` when the file is unreadable or corrupt.
   */
  static open(metaPath: string, options: OpenIndexOptions = {}): BackupIndex {
    const path = BackupIndex.pathIn(metaPath);
    const shown = options.copyOf ?? path;
    let db: DatabaseSync | undefined;
    try {
      if (options.immutable) {
        const url = pathToFileURL(path);
        url.search = "immutable=1";
        try {
          db = new DatabaseSync(url, { readOnly: true });
        } catch {
          // Deno resolves the location against the working directory for its permission check
          // unless every permission is granted, which breaks `file:` URIs under phlb's own
          // permission list. A plain read-only open works everywhere; SQLite may then leave its
          // -wal/-shm files beside the index.
          db = new DatabaseSync(path, { readOnly: true });
        }
      } else {
        db = new DatabaseSync(path, { readOnly: options.readOnly ?? false });
      }
      db.exec("PRAGMA busy_timeout = 10000");
      const version = Number(
        (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
      );
      if (version > SCHEMA_VERSION) {
        throw new FatalError(
          `Cannot use index "${shown}": it has schema version ${version}, this phlb knows ${SCHEMA_VERSION}`,
          { hint: "use a newer phlb, or delete the .phlb folder and run `phlb add` to rebuild the index" },
        );
      }
      if (version === 0 && (options.readOnly || options.immutable)) {
        // Truncated to 0 bytes (or some other empty database): SQLite opens it without a word.
        throw new FatalError(`Cannot open index "${shown}": it is empty`, { hint: INDEX_REBUILD_HINT });
      }
      if (!options.readOnly && !options.immutable) {
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = NORMAL");
        if (version < SCHEMA_VERSION) {
          db.exec("BEGIN");
          if (version === 0) db.exec(SCHEMA);
          if (version === 1) db.exec(MIGRATE_1_TO_2);
          if (version >= 1 && version <= 2) db.exec(MIGRATE_2_TO_3);
          db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
          db.exec("COMMIT");
        }
      }
      // Touch every table once so a truncated or damaged file fails here, not mid-run.
      db.prepare("SELECT count(*) FROM snapshots").get();
      return new BackupIndex(path, db);
    } catch (err) {
      try {
        db?.close();
      } catch { /* ignore */ }
      if (err instanceof FatalError) throw err;
      if (options.readOnly && !options.immutable && !options.copyOf && isNoWriteAccess(err)) {
        // A reader on read-only media, or a user who may read the root but not write it: SQLite
        // cannot make the -shm file that WAL readers share. Read a private copy (with its -wal,
        // which may hold the newest commits); it is removed on close.
        return BackupIndex.openCopy(metaPath);
      }
      const what = isCorruption(err) ? "it is damaged" : (err as Error).message;
      throw new FatalError(`Cannot open index "${shown}": ${what}`, {
        cause: err,
        hint: isCorruption(err) ? INDEX_REBUILD_HINT : undefined,
      });
    }
  }

  /**
   * Opens a root's index for reading when there is one; undefined when there is none. Every
   * command that can work without an index meets an absent, unreadable or damaged one alike: none
   * is undefined; one it cannot read, or a damaged or emptied one, throws {@linkcode FatalError}
   * (damage with the hint to rebuild it). `immutable` for one-shot looks (dry runs): no -wal/-shm
   * files appear; otherwise read-only, through a private copy where the root cannot be written.
   */
  static openIfPresent(metaPath: string, options: { immutable?: boolean } = {}): BackupIndex | undefined {
    const path = BackupIndex.pathIn(metaPath);
    try {
      Deno.statSync(path);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return undefined;
      throw new FatalError(`Cannot read index "${path}": ${errorMessage(err)}`, { cause: err });
    }
    return BackupIndex.open(metaPath, options.immutable ? { immutable: true } : { readOnly: true });
  }

  #stmt(sql: string): StatementSync {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  /**
   * The raw connection, for query modules inside `src/index/` only (e.g. `src/index/verify.ts`);
   * everything outside `src/index/` uses typed methods.
   */
  get db(): DatabaseSync {
    return this.#db;
  }

  /** A cached prepared statement, for query modules inside `src/index/` only. */
  statement(sql: string): StatementSync {
    return this.#stmt(sql);
  }

  /** Runs raw SQL (schema work in `src/index/` only). */
  exec(sql: string): void {
    this.#db.exec(sql);
  }

  /** Starts a transaction unless one is open. */
  begin(): void {
    if (this.#inTx) return;
    this.#db.exec("BEGIN");
    this.#inTx = true;
  }

  /**
   * Commits the open transaction, if any. After a failed statement SQLite may have rolled the
   * transaction back itself (SQLITE_FULL, SQLITE_CORRUPT, …); that statement's error was thrown
   * already, and a COMMIT now would only hide it behind "no transaction is active".
   */
  commit(): void {
    if (!this.#inTx) return;
    if (this.#db.isTransaction) this.#db.exec("COMMIT");
    this.#inTx = false;
  }

  /** Closes the database, committing an open transaction. */
  close(): void {
    try {
      this.commit();
    } finally {
      this.#db.close();
      if (this.#copyDir) Deno.removeSync(this.#copyDir, { recursive: true });
    }
  }

  /** Opens a private copy of the index in `metaPath` (and its -wal), for readers who cannot write there. */
  private static openCopy(metaPath: string): BackupIndex {
    const from = BackupIndex.pathIn(metaPath);
    const dir = Deno.makeTempDirSync({ prefix: "phlb-index-" });
    try {
      Deno.copyFileSync(from, BackupIndex.pathIn(dir));
      try {
        Deno.copyFileSync(`${from}-wal`, `${BackupIndex.pathIn(dir)}-wal`);
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      }
      const index = BackupIndex.open(dir, { readOnly: true, copyOf: from });
      index.#copyDir = dir;
      return index;
    } catch (err) {
      Deno.removeSync(dir, { recursive: true });
      if (err instanceof FatalError) throw err;
      throw new FatalError(`Cannot open index "${from}": ${errorMessage(err)}`, { cause: err });
    }
  }

  // ---- snapshots

  /** Creates a snapshot row (status partial) and returns its row id. */
  createSnapshot(name: string, snapId: string, startedMs: number): number {
    const r = this.#stmt(
      "INSERT INTO snapshots(name, snap_id, status, started_ms) VALUES (?, ?, 'partial', ?) RETURNING id",
    ).get(name, snapId, startedMs) as { id: number };
    return Number(r.id);
  }

  /** Sets a snapshot's status, and when given its finish time and summary JSON. */
  setSnapshotStatus(id: number, status: SnapshotRow["status"], finishedMs?: number, summary?: string): void {
    this.#stmt(
      "UPDATE snapshots SET status = ?, finished_ms = coalesce(?, finished_ms), summary = coalesce(?, summary) WHERE id = ?",
    ).run(status, finishedMs ?? null, summary ?? null, id);
  }

  /** All snapshot rows, optionally of one name, oldest first. */
  listSnapshots(name?: string): SnapshotRow[] {
    const rows =
      (name === undefined
        ? this.#stmt("SELECT * FROM snapshots ORDER BY started_ms, id").all()
        : this.#stmt("SELECT * FROM snapshots WHERE name = ? ORDER BY started_ms, id").all(name)) as Record<
          string,
          unknown
        >[];
    return rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      snapId: String(r.snap_id),
      status: r.status as SnapshotRow["status"],
      startedMs: Number(r.started_ms),
      finishedMs: r.finished_ms === null ? null : Number(r.finished_ms),
      summary: r.summary === null ? null : String(r.summary),
    }));
  }

  /** The row of snapshot `snapId` of `name`, if recorded. */
  findSnapshot(name: string, snapId: string): SnapshotRow | undefined {
    return this.listSnapshots(name).find((s) => s.snapId === snapId);
  }

  /**
   * Forgets a snapshot: its entries go, and link sources that pointed into it move to another
   * recorded copy with the same identity, or are dropped.
   *
   * First its heads hand their role on (see {@linkcode EntryFlag.Unchanged}): for each file entry
   * without that flag, the entry at the same path with the same content in the next snapshot of the
   * same name that holds one (by id) loses the flag, so that the files linked unread after it stay
   * reachable from the content index. Both the next snapshot that stays and the very next one take
   * the role: one being deleted passes it on when it goes, and if that prune dies first, every
   * entry still has a head.
   */
  dropSnapshot(id: number): void {
    const wasInTx = this.#inTx;
    this.begin();
    const U = EntryFlag.Unchanged;
    // To the next snapshot that stays (where link sources can move, below), and, when the very next
    // one is being deleted, to it too: if that prune dies before it goes, it keeps its heads.
    const next = this.#stmt(
      `SELECT status FROM snapshots WHERE name = (SELECT name FROM snapshots WHERE id = :sid) AND id > :sid
        ORDER BY id LIMIT 1`,
    ).get({ sid: id }) as { status: string } | undefined;
    const targets = next?.status === "deleting"
      ? ["AND x.status <> 'deleting'", ""]
      : ["AND x.status <> 'deleting'"];
    for (const stays of targets) {
      this.#stmt(
        `UPDATE entries SET flags = flags & ~${U} WHERE (flags & ${U}) <> 0 AND (snapshot_id, dir_id, name) IN (
          SELECT (SELECT x.id FROM snapshots x JOIN entries e ON e.snapshot_id = x.id AND e.dir_id = h.dir_id
              AND e.name = h.name
            WHERE +x.name = (SELECT name FROM snapshots WHERE id = :sid) AND x.id > :sid ${stays}
              AND e.content_id = h.content_id AND e.kind = ${EntryKind.File}
            ORDER BY x.id LIMIT 1), h.dir_id, h.name
          FROM entries h WHERE h.snapshot_id = :sid AND h.kind = ${EntryKind.File} AND (h.flags & ${U}) = 0
            AND h.content_id IS NOT NULL)`,
      ).run({ sid: id });
    }
    const alt =
      `FROM entries e WHERE e.content_id = sources.content_id AND (e.flags & ${U}) = 0 AND e.kind = 0
      AND e.mode = sources.mode AND e.mtime_ms = sources.mtime_ms AND e.uid = sources.uid AND e.gid = sources.gid
      AND coalesce(e.mtime_frac_ns, 0) = sources.mtime_frac_ns AND coalesce(e.xattrs, X'') = sources.xattrs
      AND e.snapshot_id <> :sid AND (e.flags & ${EntryFlag.Unstable}) = 0
      AND e.snapshot_id IN (SELECT id FROM snapshots WHERE status <> 'deleting')`;
    this.#stmt(`DELETE FROM sources WHERE snapshot_id = :sid AND NOT EXISTS (SELECT 1 ${alt})`).run({
      sid: id,
    });
    this.#stmt(
      `UPDATE sources SET (snapshot_id, dir_id, name) = (SELECT e.snapshot_id, e.dir_id, e.name ${alt}
        ORDER BY e.snapshot_id DESC LIMIT 1) WHERE snapshot_id = :sid`,
    ).run({ sid: id });
    this.#stmt("DELETE FROM entries WHERE snapshot_id = ?").run(id);
    this.#stmt("DELETE FROM snapshots WHERE id = ?").run(id);
    if (!wasInTx) this.commit();
  }

  // ---- dirs

  /** The id of a folder path (relative, "/"-separated; "" for a snapshot's top), created if new. */
  dirId(path: string): number {
    const key = nameToIndex(path);
    const found = this.#stmt("SELECT id FROM dirs WHERE path = ?").get(key) as { id: number } | undefined;
    if (found) return Number(found.id);
    const r = this.#stmt("INSERT INTO dirs(path) VALUES (?) RETURNING id").get(key) as { id: number };
    return Number(r.id);
  }

  /** The id of a folder path if known. */
  findDirId(path: string): number | undefined {
    const found = this.#stmt("SELECT id FROM dirs WHERE path = ?").get(nameToIndex(path)) as
      | { id: number }
      | undefined;
    return found ? Number(found.id) : undefined;
  }

  // ---- contents

  /** The id of a content (hash bytes + size), created if new. */
  contentId(hash: Uint8Array, sizeBytes: number): number {
    return this.findContentId(hash, sizeBytes) ?? this.addContent(hash, sizeBytes);
  }

  /** Records a content the caller has just looked up and not found; returns its new id. */
  addContent(hash: Uint8Array, sizeBytes: number): number {
    const r = this.#stmt("INSERT INTO contents(hash, size) VALUES (?, ?) RETURNING id").get(
      hash,
      sizeBytes,
    ) as {
      id: number;
    };
    return Number(r.id);
  }

  /** The id of a content if known. */
  findContentId(hash: Uint8Array, sizeBytes: number): number | undefined {
    const r = this.#stmt("SELECT id FROM contents WHERE hash = ? AND size = ?").get(hash, sizeBytes) as
      | { id: number }
      | undefined;
    return r ? Number(r.id) : undefined;
  }

  // ---- entries

  /** Records an entry. */
  insertEntry(e: NewEntry): void {
    this.#stmt(
      `INSERT OR REPLACE INTO entries(snapshot_id, dir_id, name, kind, size, mtime_ms, mode, uid, gid, content_id,
        ino, src_ino, src_ctime_ms, target, flags, mtime_frac_ns, src_ctime_frac_ns, xattrs)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(
      e.snapshotId,
      e.dirId,
      nameToIndex(e.name),
      e.kind,
      e.sizeBytes,
      e.mtimeMs,
      e.mode,
      e.uid,
      e.gid,
      e.contentId,
      e.ino,
      e.srcIno,
      e.srcCtimeMs,
      e.target === null ? null : nameToIndex(e.target),
      e.flags,
      e.mtimeFracNs ?? null,
      e.srcCtimeFracNs ?? null,
      e.xattrs ?? null,
    );
  }

  /** Every entry a snapshot recorded in one folder, by name: one query per folder for the fast path. */
  dirEntries(snapshotId: number, dirId: number): Map<string, EntryRow> {
    const rows = this.#stmt(
      `SELECT e.name, e.kind, e.size, e.mtime_ms, e.mode, e.uid, e.gid, e.content_id, c.hash, e.ino, e.src_ino,
        e.src_ctime_ms, e.flags, e.mtime_frac_ns FROM entries e LEFT JOIN contents c ON c.id = e.content_id
        WHERE e.snapshot_id = ? AND e.dir_id = ?`,
    ).all(snapshotId, dirId) as Record<string, unknown>[];
    const out = new Map<string, EntryRow>();
    for (const r of rows) {
      const name = nameFromIndex(r.name as string | Uint8Array);
      out.set(name, {
        name,
        kind: Number(r.kind) as EntryKind,
        sizeBytes: Number(r.size),
        mtimeMs: Number(r.mtime_ms),
        mode: Number(r.mode),
        uid: Number(r.uid),
        gid: Number(r.gid),
        contentId: r.content_id === null ? null : Number(r.content_id),
        hash: r.hash as Uint8Array | null,
        ino: r.ino === null ? null : Number(r.ino),
        srcIno: r.src_ino === null ? null : Number(r.src_ino),
        srcCtimeMs: r.src_ctime_ms === null ? null : Number(r.src_ctime_ms),
        flags: Number(r.flags),
        mtimeFracNs: r.mtime_frac_ns === null ? null : Number(r.mtime_frac_ns),
      });
    }
    return out;
  }

  /** Number of entries recorded for a snapshot. */
  countEntries(snapshotId: number): number {
    const r = this.#stmt("SELECT count(*) AS n FROM entries WHERE snapshot_id = ?").get(snapshotId) as {
      n: number;
    };
    return Number(r.n);
  }

  // ---- sources

  /** The current link source for an identity, with what is needed to find and check it. */
  findSource(key: SourceKey): SourceLocation | undefined {
    const r = this.#stmt(
      `SELECT s.snapshot_id, s.dir_id, s.name, sn.name AS backup_name, sn.snap_id, sn.status, d.path AS dir_path,
        e.ino, e.size, e.mtime_ms, e.mtime_frac_ns, e.flags FROM sources s
        JOIN snapshots sn ON sn.id = s.snapshot_id
        JOIN dirs d ON d.id = s.dir_id
        JOIN entries e ON e.snapshot_id = s.snapshot_id AND e.dir_id = s.dir_id AND e.name = s.name
        WHERE s.content_id = ? AND s.mode = ? AND s.mtime_ms = ? AND s.mtime_frac_ns = ? AND s.uid = ?
        AND s.gid = ? AND s.xattrs = ?`,
    ).get(...keyValues(key)) as Record<string, unknown> | undefined;
    if (!r) return undefined;
    return {
      snapshotId: Number(r.snapshot_id),
      dirId: Number(r.dir_id),
      name: nameFromIndex(r.name as string | Uint8Array),
      backupName: String(r.backup_name),
      snapId: String(r.snap_id),
      status: r.status as SnapshotRow["status"],
      dirPath: nameFromIndex(r.dir_path as string | Uint8Array),
      ino: r.ino === null ? null : Number(r.ino),
      sizeBytes: Number(r.size),
      mtimeMs: Number(r.mtime_ms),
      mtimeFracNs: r.mtime_frac_ns === null ? null : Number(r.mtime_frac_ns),
      sharedMeta: (Number(r.flags) & EntryFlag.SharedMeta) !== 0,
    };
  }

  /** Records the inode number a stored file has now (the root was copied, so every number changed). */
  setEntryIno(at: { snapshotId: number; dirId: number; name: string }, ino: number): void {
    this.#stmt("UPDATE entries SET ino = ? WHERE snapshot_id = ? AND dir_id = ? AND name = ?").run(
      ino,
      at.snapshotId,
      at.dirId,
      nameToIndex(at.name),
    );
  }

  /** Makes an entry the link source for its identity (replacing any previous one). */
  setSource(key: SourceKey, at: { snapshotId: number; dirId: number; name: string }): void {
    this.#stmt(
      `INSERT OR REPLACE INTO sources(content_id, mode, mtime_ms, mtime_frac_ns, uid, gid, xattrs, snapshot_id,
        dir_id, name) VALUES (?,?,?,?,?,?,?,?,?,?)`,
    ).run(...keyValues(key), at.snapshotId, at.dirId, nameToIndex(at.name));
  }

  /** Drops a stale link source. */
  dropSource(key: SourceKey): void {
    this.#stmt(
      `DELETE FROM sources WHERE content_id = ? AND mode = ? AND mtime_ms = ? AND mtime_frac_ns = ? AND uid = ?
        AND gid = ? AND xattrs = ?`,
    ).run(...keyValues(key));
  }
}

/** A key's columns in the order content_id, mode, mtime_ms, mtime_frac_ns, uid, gid, xattrs. */
function keyValues(key: SourceKey): [number, number, number, number, number, number, Uint8Array] {
  return [
    key.contentId,
    key.mode,
    key.mtimeMs,
    key.mtimeFracNs ?? 0,
    key.uid,
    key.gid,
    key.xattrs ?? NO_XATTRS,
  ];
}
