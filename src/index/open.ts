/**
 * Opening the index's database file: creating or migrating it when writable, refusing a newer
 * schema or an empty file when reading, a private copy for readers who cannot write beside it, and
 * the words for a damaged index. index.ts wraps the connection this returns.
 *
 * On a network filesystem the index is never opened in place: SQLite's WAL needs shared memory
 * and working locks, which NFS, SMB and SFTP do not give across machines. A writer (who holds the
 * root's lock) works on a copy in a local cache folder and writes it back when it closes: a
 * temporary name beside the index, fsync, rename (FORMAT.md, "The index"). A reader opens a private
 * copy: a snapshot, which the next write-back replaces under a new inode and never changes.
 * @module
 */
import { createHash } from "node:crypto";
import { basename, dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { pathToFileURL } from "node:url";
import { errorMessage, FatalError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { renameRetrying, syncDir } from "../fs/atomic.ts";
import { IS_WINDOWS, joinPath } from "../fs/path.ts";
import { META_FILE_MODE, tighten } from "../store/modes.ts";
import { INDEX_REBUILD_HINT, isCorruption } from "./errors.ts";
import { MIGRATE_1_TO_2, MIGRATE_2_TO_3, MIGRATE_3_TO_4, SCHEMA, SCHEMA_VERSION } from "./schema.ts";

/** True when SQLite could not write beside the index (read-only media, or no write permission). */
function isNoWriteAccess(err: unknown): boolean {
  return /readonly database|unable to open database file/i.test(String((err as Error)?.message ?? err));
}

/** Options for {@linkcode openIndexFile} (and BackupIndex.open). */
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
  /**
   * The index is on a network filesystem (src/fs/platform.ts): a writer works on a local copy
   * and writes it back on close, a reader reads a private copy. Default false (BackupIndex.open
   * detects it).
   */
  network?: boolean;
  /**
   * A network writer calls this before it writes the index back; a throw keeps the root's index
   * as it is (the run lost the root's lock: RootLock.assertHeld).
   */
  beforeWriteBack?: () => void;
  /** The local cache folder for a network writer's copy. Default: ~/.cache/phlb (a temp folder without a home). */
  cacheDir?: string;
}

/** An opened database, and the folder of its private copy when it is one. */
export interface OpenedIndex {
  db: DatabaseSync;
  /** Removed on close. */
  copyDir?: string;
  /** A network writer's local copy is written back to this path on close (see {@linkcode writeBack}). */
  writeBackTo?: string;
}

/**
 * Opens (and when writable, creates or migrates) the database `path`. Throws
 * {@linkcode FatalError} pointing at `phlb add` when the file is unreadable or corrupt. A reader
 * that cannot write beside it gets a private copy: `copyDir` is the folder to remove on close.
 */
export function openIndexFile(path: string, options: OpenIndexOptions = {}): OpenedIndex {
  if (options.network && !options.copyOf) {
    if (options.readOnly || options.immutable) return openCopy(path);
    return openWorkingCopy(path, options);
  }
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
      if (!options.readOnly) {
        createWhole(path);
        makePrivate(path);
      }
      db = new DatabaseSync(path, { readOnly: options.readOnly ?? false });
    }
    db.exec("PRAGMA busy_timeout = 10000");
    const version = Number(
      (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
    );
    if (version > SCHEMA_VERSION) {
      throw new FatalError(
        msg("index.newerSchema", { path: shown, version, known: SCHEMA_VERSION }),
        { hint: msg("index.newerSchema.hint") },
      );
    }
    if (version === 0 && (options.readOnly || options.immutable)) {
      // Truncated to 0 bytes (or some other empty database): SQLite opens it without a word.
      throw new FatalError(msg("index.empty", { path: shown }), { hint: INDEX_REBUILD_HINT });
    }
    if (!options.readOnly && !options.immutable) {
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = NORMAL");
      if (version < SCHEMA_VERSION) {
        db.exec("BEGIN");
        if (version === 0) db.exec(SCHEMA);
        if (version === 1) db.exec(MIGRATE_1_TO_2);
        if (version >= 1 && version <= 2) db.exec(MIGRATE_2_TO_3);
        if (version >= 1 && version <= 3) db.exec(MIGRATE_3_TO_4);
        db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
        db.exec("COMMIT");
      }
    }
    // Touch every table once so a truncated or damaged file fails here, not mid-run.
    db.prepare("SELECT count(*) FROM snapshots").get();
    return { db };
  } catch (err) {
    try {
      db?.close();
    } catch { /* ignore */ }
    if (err instanceof FatalError) throw err;
    if (options.readOnly && !options.immutable && !options.copyOf && isNoWriteAccess(err)) {
      // A reader on read-only media, or a user who may read the root but not write it: SQLite
      // cannot make the -shm file that WAL readers share. Read a private copy (with its -wal,
      // which may hold the newest commits); it is removed on close.
      return openCopy(path);
    }
    const what = isCorruption(err) ? msg("index.damagedReason") : (err as Error).message;
    throw new FatalError(msg("index.cannotOpen", { path: shown, error: what }), {
      cause: err,
      hint: isCorruption(err) ? INDEX_REBUILD_HINT : undefined,
    });
  }
}

/** Where a new index is made before it gets its name (FORMAT.md, "The backup root"). */
export function newIndexPath(path: string): string {
  return `${path}.new`;
}

/**
 * Makes the index `path` when there is none (or only an empty file), whole: its schema is committed
 * under a temporary name ({@linkcode newIndexPath}), which is fsynced and renamed into place. A run
 * killed while it makes the index then leaves no index, which the next run makes, and never an empty
 * or half-made one that readers refuse as damaged. A -wal or -shm beside a missing or empty index
 * belongs to no database that could be read (a database's first page is written before its WAL,
 * and deleting the index by hand may leave them); they are removed, so SQLite never replays them
 * into the new one. Only a run holding the root's lock gets here for a missing or empty index
 * (the writers that may run without it ask BackupIndex.isIn first), so no other writer uses these
 * names.
 */
function createWhole(path: string): void {
  try {
    if (Deno.lstatSync(path).size > 0) return;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) return; // SQLite says what is wrong
  }
  const tmp = newIndexPath(path);
  for (const p of [`${path}-wal`, `${path}-shm`, tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) {
    removeIfThere(p);
  }
  makePrivate(tmp);
  const db = new DatabaseSync(tmp);
  try {
    db.exec("BEGIN");
    db.exec(SCHEMA);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec("COMMIT");
  } finally {
    db.close();
  }
  const file = Deno.openSync(tmp, { read: true, write: true });
  try {
    file.syncSync();
  } finally {
    file.close();
  }
  renameRetrying(tmp, path);
  try {
    syncDir(dirname(path));
  } catch { /* a filesystem that cannot fsync a folder keeps the rename anyway */ }
}

function removeIfThere(path: string): void {
  try {
    Deno.removeSync(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

/**
 * The index file is 0o600 before SQLite opens it: SQLite makes an empty file a new database, and
 * gives the -wal and -shm files it creates later the database file's mode, so they are 0o600 too.
 * One an older phlb made 0o644 is tightened, with its -wal and -shm (store/modes.ts).
 */
function makePrivate(path: string): void {
  try {
    Deno.openSync(path, { write: true, createNew: true, mode: META_FILE_MODE }).close();
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) return; // SQLite says what is wrong
  }
  for (const p of [path, `${path}-wal`, `${path}-shm`]) tighten(p, META_FILE_MODE);
}

/**
 * Opens a private copy of the index `from` (and its -wal), for readers who cannot write beside it
 * and for readers of a network root.
 */
function openCopy(from: string): OpenedIndex {
  const dir = Deno.makeTempDirSync({ prefix: "phlb-index-" });
  const copy = joinPath(dir, basename(from));
  try {
    copyWithWal(from, copy);
    return { db: openIndexFile(copy, { readOnly: true, copyOf: from }).db, copyDir: dir };
  } catch (err) {
    Deno.removeSync(dir, { recursive: true });
    if (err instanceof FatalError) throw err;
    throw new FatalError(msg("index.cannotOpen", { path: from, error: errorMessage(err) }), { cause: err });
  }
}

/** Copies a database and its -wal, when it has one (it may hold the newest commits). */
function copyWithWal(from: string, to: string): void {
  Deno.copyFileSync(from, to);
  try {
    Deno.copyFileSync(`${from}-wal`, `${to}-wal`);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

/**
 * The local cache folder for a network root's index: one per index path, so a run that died
 * leaves one copy behind, not one per run. Private (0o700), like `.phlb/`.
 */
export function localCacheDir(indexPath: string, options: { cacheDir?: string } = {}): string {
  let base = options.cacheDir;
  if (base === undefined) {
    const home = Deno.env.get("HOME") || Deno.env.get("USERPROFILE");
    base = home
      ? (IS_WINDOWS
        ? joinPath(home, "AppData/Local/phlb/cache")
        : Deno.build.os === "darwin"
        ? joinPath(home, "Library/Caches/phlb")
        : joinPath(home, ".cache/phlb"))
      : joinPath(Deno.makeTempDirSync({ prefix: "phlb-cache-" }), "phlb");
  }
  const id = createHash("sha256").update(indexPath).digest("hex").slice(0, 16);
  const dir = joinPath(base, `index-${id}`);
  Deno.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * A network writer's index: the root's index (and a -wal an older phlb left) copied to the local
 * cache folder and opened there like a local one; written back on close (BackupIndex.close calls
 * {@linkcode writeBack}).
 */
function openWorkingCopy(path: string, options: OpenIndexOptions): OpenedIndex {
  let dir: string;
  let local: string;
  try {
    dir = localCacheDir(path, options);
    local = joinPath(dir, basename(path));
    for (const p of [local, `${local}-wal`, `${local}-shm`, `${local}-journal`]) {
      try {
        Deno.removeSync(p);
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      }
    }
    try {
      copyWithWal(path, local);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err; // no index yet: a new one is made locally
    }
  } catch (err) {
    throw new FatalError(msg("index.cannotCopyLocal", { path, error: errorMessage(err) }), {
      cause: err,
    });
  }
  const { db } = openIndexFile(local, { copyOf: path });
  return { db, copyDir: dir, writeBackTo: path };
}

/**
 * Writes a network writer's local copy `local` (closed, in rollback-journal mode, so it needs no
 * -wal or -shm beside it) back to the root's index `to`: as a temporary file beside it, fsynced,
 * then renamed over it, and the folder fsynced. A -wal or -shm an older phlb left beside the index
 * is removed first: SQLite would apply that -wal to the new file. Readers that opened the old file
 * keep reading it; the next ones see the new one whole.
 */
export function writeBack(local: string, to: string): void {
  const tmp = `${to}.tmp-${Deno.pid}`;
  try {
    const data = Deno.openSync(local, { read: true });
    const out = Deno.openSync(tmp, { write: true, create: true, truncate: true, mode: META_FILE_MODE });
    try {
      const buf = new Uint8Array(1 << 20);
      for (;;) {
        const n = data.readSync(buf);
        if (n === null) break;
        let off = 0;
        while (off < n) off += out.writeSync(buf.subarray(off, n));
      }
      out.syncSync();
    } finally {
      out.close();
      data.close();
    }
    for (const p of [`${to}-wal`, `${to}-shm`]) removeIfThere(p);
    renameRetrying(tmp, to);
    try {
      syncDir(dirname(to));
    } catch { /* a filesystem that cannot fsync a folder keeps the rename anyway */ }
  } catch (err) {
    try {
      Deno.removeSync(tmp);
    } catch { /* not made */ }
    throw new FatalError(msg("index.cannotWriteBack", { path: to, error: errorMessage(err) }), {
      cause: err,
      hint: msg("index.cannotWriteBack.hint"),
    });
  }
}
