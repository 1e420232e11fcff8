/**
 * Opening the index's database file: creating or migrating it when writable, refusing a newer
 * schema or an empty file when reading, a private copy for readers who cannot write beside it, and
 * the words for a damaged index. index.ts wraps the connection this returns.
 * @module
 */
import { basename } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { pathToFileURL } from "node:url";
import { errorMessage, FatalError } from "../errors.ts";
import { joinPath } from "../fs/path.ts";
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
}

/** An opened database, and the folder of its private copy when it is one. */
export interface OpenedIndex {
  db: DatabaseSync;
  copyDir?: string;
}

/**
 * Opens (and when writable, creates or migrates) the database `path`. Throws
 * {@linkcode FatalError} pointing at `phlb add` when the file is unreadable or corrupt. A reader
 * that cannot write beside it gets a private copy: `copyDir` is the folder to remove on close.
 */
export function openIndexFile(path: string, options: OpenIndexOptions = {}): OpenedIndex {
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
      if (!options.readOnly) makePrivate(path);
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
    const what = isCorruption(err) ? "it is damaged" : (err as Error).message;
    throw new FatalError(`Cannot open index "${shown}": ${what}`, {
      cause: err,
      hint: isCorruption(err) ? INDEX_REBUILD_HINT : undefined,
    });
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

/** Opens a private copy of the index `from` (and its -wal), for readers who cannot write beside it. */
function openCopy(from: string): OpenedIndex {
  const dir = Deno.makeTempDirSync({ prefix: "phlb-index-" });
  const copy = joinPath(dir, basename(from));
  try {
    Deno.copyFileSync(from, copy);
    try {
      Deno.copyFileSync(`${from}-wal`, `${copy}-wal`);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
    return { db: openIndexFile(copy, { readOnly: true, copyOf: from }).db, copyDir: dir };
  } catch (err) {
    Deno.removeSync(dir, { recursive: true });
    if (err instanceof FatalError) throw err;
    throw new FatalError(`Cannot open index "${from}": ${errorMessage(err)}`, { cause: err });
  }
}
