/**
 * The content index `ROOT/.phlb/index.sqlite`, the only importer of node:sqlite.
 *
 * The index is a cache of what the snapshot trees hold: it can always be rebuilt from them
 * (`phlb add`). It answers two questions fast: "what did the previous snapshot record for this
 * path?" (the fast path) and "where is a stored copy of this content with this metadata?"
 * (dedup). Rows may be stale because users delete snapshots by hand; callers check what a row
 * points at before using it and report stale rows back through {@linkcode BackupIndex.dropSource}.
 * The schema and its migrations are schema.ts; query modules for one job sit beside this file.
 * @module
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { errorMessage, FatalError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { baseName as basename, joinPath } from "../fs/path.ts";
import { nameFromIndex, nameToIndex } from "../fs/native/names.ts";
import { destinationFilesystem } from "../fs/platform.ts";
import { type OpenedIndex, openIndexFile, type OpenIndexOptions, writeBack } from "./open.ts";
import { DROP_ORPHAN_DAMAGE, EntryFlag, EntryKind } from "./schema.ts";

export { CONTENT_PLACES, EntryFlag, EntryKind, HEADS_INDEX, SCHEMA_VERSION } from "./schema.ts";
export type { OpenIndexOptions } from "./open.ts";

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
  /** The mode and owner its entry recorded (the stored inode's, unless `sharedMeta` or `foreignMeta`). */
  mode: number;
  uid: number;
  gid: number;
  /** Its entry has flag 8: the row holds the source's metadata, not the stored inode's. */
  sharedMeta: boolean;
  /** Its entry has flag 32: the stored inode showed its own mode or owner when recorded (ntfs-3g). */
  foreignMeta: boolean;
}

/** The columns {@linkcode sourceLocationOf} reads, for `entries e`, `snapshots sn` and `dirs d`. */
export const SOURCE_LOCATION_COLUMNS =
  `e.snapshot_id, e.dir_id, e.name, sn.name AS backup_name, sn.snap_id, sn.status, d.path AS dir_path, e.ino,
  e.size, e.mtime_ms, e.mtime_frac_ns, e.mode, e.uid, e.gid, e.flags`;

/** A row of {@linkcode SOURCE_LOCATION_COLUMNS} as a location. */
export function sourceLocationOf(r: Record<string, unknown>): SourceLocation {
  const flags = Number(r.flags);
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
    mode: Number(r.mode),
    uid: Number(r.uid),
    gid: Number(r.gid),
    sharedMeta: (flags & EntryFlag.SharedMeta) !== 0,
    foreignMeta: (flags & EntryFlag.ForeignMeta) !== 0,
  };
}

/** The index of one backup root. */
export class BackupIndex {
  /** Path of the database file. */
  readonly path: string;
  #db: DatabaseSync;
  /** A temporary folder holding the copy this index reads, removed on close. */
  #copyDir?: string;
  /** A network root's index, which the local copy is written back to on close. */
  #writeBackTo?: string;
  #beforeWriteBack?: () => void;
  #stmts = new Map<string, StatementSync>();
  #inTx = false;

  private constructor(path: string, opened: OpenedIndex, options: OpenIndexOptions) {
    this.path = path;
    this.#db = opened.db;
    this.#copyDir = opened.copyDir;
    this.#writeBackTo = opened.writeBackTo;
    this.#beforeWriteBack = options.beforeWriteBack;
  }

  /**
   * Opens (and when writable, creates or migrates) the index in `metaPath`.
   * Throws {@linkcode FatalError} pointing at `phlb add` when the file is unreadable or corrupt.
   * On a network filesystem (detected unless `options.network` says) a writer works on a local
   * copy that {@linkcode BackupIndex.close} writes back, and a reader on a private copy (open.ts).
   */
  static open(metaPath: string, options: OpenIndexOptions = {}): BackupIndex {
    const path = BackupIndex.pathIn(metaPath);
    const network = options.network ?? destinationFilesystem(metaPath).network;
    return new BackupIndex(path, openIndexFile(path, { ...options, network }), options);
  }

  /** True when this is a network writer's local copy, written back to {@linkcode path} on close. */
  get isLocalCopy(): boolean {
    return this.#writeBackTo !== undefined;
  }

  /** The database file of a root's meta folder. */
  static pathIn(metaPath: string): string {
    return joinPath(metaPath, "index.sqlite");
  }

  /**
   * True when the root's meta folder holds an index that is not an empty file. Commands that write
   * to an index only when there is one (verify's damage marks and repairs, which may run without the
   * root's lock) ask this first, so they never make or replace one: only a run holding the lock does.
   */
  static isIn(metaPath: string): boolean {
    try {
      return Deno.statSync(BackupIndex.pathIn(metaPath)).size > 0;
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return false;
      throw err;
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
      throw new FatalError(msg("index.cannotRead", { path, error: errorMessage(err) }), { cause: err });
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

  /**
   * Closes the database, committing an open transaction. A network writer's local copy is then
   * written back to the root (after `beforeWriteBack`), in rollback-journal mode so that it needs
   * no -wal or -shm file beside it there.
   */
  close(): void {
    let committed = false;
    try {
      this.commit();
      if (this.#writeBackTo) this.#db.exec("PRAGMA journal_mode = DELETE");
      committed = true;
    } finally {
      this.#db.close();
      try {
        if (committed && this.#writeBackTo) {
          this.#beforeWriteBack?.();
          writeBack(joinPath(this.#copyDir!, basename(this.path)), this.#writeBackTo);
        }
      } finally {
        if (this.#copyDir) Deno.removeSync(this.#copyDir, { recursive: true });
      }
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

  /** Gives snapshot row `id` another snapshot id (`phlb copy` sets an interrupted copy aside under a new one). */
  renameSnapshot(id: number, snapId: string): void {
    this.#stmt("UPDATE snapshots SET snap_id = ? WHERE id = ?").run(snapId, id);
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
      AND e.snapshot_id IN (SELECT id FROM snapshots WHERE status <> 'deleting')
      AND NOT EXISTS (SELECT 1 FROM damaged dm WHERE dm.content_id = e.content_id AND dm.ino = e.ino)`;
    this.#stmt(`DELETE FROM sources WHERE snapshot_id = :sid AND NOT EXISTS (SELECT 1 ${alt})`).run({
      sid: id,
    });
    this.#stmt(
      `UPDATE sources SET (snapshot_id, dir_id, name) = (SELECT e.snapshot_id, e.dir_id, e.name ${alt}
        ORDER BY e.snapshot_id DESC LIMIT 1) WHERE snapshot_id = :sid`,
    ).run({ sid: id });
    this.#stmt("DELETE FROM entries WHERE snapshot_id = ?").run(id);
    this.#stmt("DELETE FROM snapshots WHERE id = ?").run(id);
    // Marks of inodes no entry records any more go with their last entry (damage.ts).
    this.#stmt(DROP_ORPHAN_DAMAGE).run();
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
      `SELECT ${SOURCE_LOCATION_COLUMNS} FROM sources s
        JOIN snapshots sn ON sn.id = s.snapshot_id
        JOIN dirs d ON d.id = s.dir_id
        JOIN entries e ON e.snapshot_id = s.snapshot_id AND e.dir_id = s.dir_id AND e.name = s.name
        WHERE s.content_id = ? AND s.mode = ? AND s.mtime_ms = ? AND s.mtime_frac_ns = ? AND s.uid = ?
        AND s.gid = ? AND s.xattrs = ?`,
    ).get(...keyValues(key)) as Record<string, unknown> | undefined;
    return r ? sourceLocationOf(r) : undefined;
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
export function keyValues(key: SourceKey): [number, number, number, number, number, number, Uint8Array] {
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
