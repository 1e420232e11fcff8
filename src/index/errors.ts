/**
 * What an error from the index means: SQLite's own (not a file's), a damaged database, and what
 * to do about one. No SQLite import: errors are recognised by their code and message.
 * @module
 */
import { type Msg, msg } from "../i18n/messages.ts";

/** True when an error's message says the database file is damaged (or is not a database). */
export function isCorruption(err: unknown): boolean {
  const msg = String((err as Error)?.message ?? err);
  return /not a database|malformed|corrupt|disk image/i.test(msg);
}

/** True for an error thrown by SQLite (node:sqlite), i.e. by the index rather than by a file. */
export function isIndexError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "ERR_SQLITE_ERROR";
}

/** What to do about a damaged or emptied index (the hint of the errors that say so). */
export const INDEX_REBUILD_HINT: Msg = msg("index.hint.rebuild");

/** True when an index error says the database file is damaged (or is not a database). */
export function isIndexCorruption(err: unknown): boolean {
  return isIndexError(err) && isCorruption(err);
}
