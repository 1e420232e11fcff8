/**
 * Index work for `phlb add`: opening the index or recreating it when it is missing or damaged
 * (a damaged file is moved aside, never deleted), a private copy for dry runs, loading one
 * snapshot atomically, and dropping secondary indexes during a bulk load.
 * @module
 */
import { backup } from "node:sqlite";
import { errorMessage, FatalError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { BackupIndex, HEADS_INDEX } from "./index.ts";
import { renameRetrying } from "../fs/atomic.ts";
import { pathExists } from "../fs/classify.ts";

/** How the index was found. */
export type IndexState = "existing" | "created" | "recreated";

/** An index opened for `phlb add`. */
export interface RebuildIndex {
  index: BackupIndex;
  state: IndexState;
  /** Where a damaged index was moved, when it was. */
  movedAside?: string;
  /** What was wrong with it. */
  damage?: string;
}

/** Secondary indexes of the schema that only speed up reads: built after a bulk load. */
const BULK_INDEXES = [
  HEADS_INDEX,
  "CREATE INDEX IF NOT EXISTS sources_snapshot ON sources(snapshot_id)",
];

/** True when opening failed because the file is not a sound SQLite database. */
export function isDamagedIndexError(err: unknown): boolean {
  const texts = [errorMessage(err), errorMessage((err as Error)?.cause ?? "")];
  return texts.some((t) => /not a database|malformed|corrupt|disk image|it is damaged/i.test(t));
}

/** "ok", or what SQLite's quick check found. */
function quickCheck(index: BackupIndex): string {
  try {
    const rows = index.db.prepare("PRAGMA quick_check").all() as Record<string, unknown>[];
    const found = rows.map((r) => String(Object.values(r)[0]));
    return found.length === 1 && found[0] === "ok" ? "ok" : found.slice(0, 3).join("; ");
  } catch (err) {
    return errorMessage(err);
  }
}

/**
 * Moves a damaged index (and its -wal/-shm files, which belong to it) to
 * `index.sqlite.corrupt-STAMP`, and returns that path.
 */
export function moveIndexAside(metaPath: string, stamp: string): string {
  const path = BackupIndex.pathIn(metaPath);
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 2; pathExists(target); n++) target = `${path}.corrupt-${stamp}_${n}`;
  try {
    renameRetrying(path, target);
    for (const side of ["-wal", "-shm"]) {
      if (pathExists(path + side)) renameRetrying(path + side, target + side);
    }
  } catch (err) {
    throw new FatalError(msg("index.cannotMoveAside", { path, error: errorMessage(err) }), {
      cause: err,
    });
  }
  return target;
}

/**
 * Opens the index in `metaPath` for writing. A missing index is created; one that SQLite finds
 * damaged is moved aside (see {@linkcode moveIndexAside}) and created anew. Other failures
 * (a newer schema, permissions) throw {@linkcode FatalError}.
 */
export function openIndexForRebuild(metaPath: string, options: { stamp: string }): RebuildIndex {
  if (!pathExists(BackupIndex.pathIn(metaPath))) {
    return { index: BackupIndex.open(metaPath), state: "created" };
  }
  let problem: string;
  try {
    const index = BackupIndex.open(metaPath);
    problem = quickCheck(index);
    if (problem === "ok") return { index, state: "existing" };
    index.close();
  } catch (err) {
    if (!isDamagedIndexError(err)) throw err;
    problem = errorMessage(err);
  }
  const movedAside = moveIndexAside(metaPath, options.stamp);
  const index = BackupIndex.open(metaPath);
  return { index, state: "recreated", movedAside, damage: problem };
}

/**
 * Copies the index of `fromMeta` (when present and sound) to `toMeta`, for a dry run that must
 * not write the real one. Returns how the original was found: "existing", or "created" when
 * there was none, "recreated" when it is damaged (the copy then starts empty).
 */
export async function copyIndexForDryRun(fromMeta: string, toMeta: string): Promise<IndexState> {
  const from = BackupIndex.pathIn(fromMeta);
  if (!pathExists(from)) return "created";
  let source: BackupIndex | undefined;
  try {
    source = BackupIndex.open(fromMeta, { readOnly: true });
    if (quickCheck(source) !== "ok") return "recreated";
    // SQLite's online backup: a consistent copy, WAL contents included. (VACUUM INTO needs ATTACH,
    // which Deno allows only with all permissions.)
    await backup(source.db, BackupIndex.pathIn(toMeta));
    return "existing";
  } catch (err) {
    if (isDamagedIndexError(err)) return "recreated";
    throw err;
  } finally {
    source?.close();
  }
}

/** Drops the read-only secondary indexes before a bulk load into a new index. */
export function dropBulkIndexes(index: BackupIndex): void {
  index.exec("DROP INDEX IF EXISTS entries_heads; DROP INDEX IF EXISTS sources_snapshot;");
}

/** (Re)creates the secondary indexes; cheap when they exist. */
export function createBulkIndexes(index: BackupIndex): void {
  for (const sql of BULK_INDEXES) index.exec(sql);
}

/**
 * Starts loading one snapshot: everything until {@linkcode commitSnapshotLoad} is one
 * transaction, so an interrupted load leaves no half-recorded snapshot. A savepoint rather than
 * BEGIN, so that it works whatever the connection's transaction helpers think.
 */
export function beginSnapshotLoad(index: BackupIndex): void {
  index.exec("SAVEPOINT phlb_add_snapshot");
}

/** Commits the snapshot load. */
export function commitSnapshotLoad(index: BackupIndex): void {
  index.exec("RELEASE phlb_add_snapshot");
}

/** Undoes the snapshot load. */
export function rollbackSnapshotLoad(index: BackupIndex): void {
  index.exec("ROLLBACK TO phlb_add_snapshot; RELEASE phlb_add_snapshot;");
}

/** Makes a bulk load faster: a larger page cache for this connection. */
export function tuneForBulkLoad(index: BackupIndex): void {
  index.exec("PRAGMA cache_size = -65536");
}
