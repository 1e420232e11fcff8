/**
 * Connection settings for one backup run. Only the backup's own connection is tuned; other
 * commands keep SQLite's defaults.
 * @module
 */
import type { BackupIndex } from "./index.ts";

/**
 * Keeps temporary tables in memory: recording unchanged files copies rows within the entries table
 * (see copyPreviousFiles), which SQLite stages in a temporary table of one folder's rows; as a file,
 * that cost an open and writes per folder, three times the page writes of the whole run. (Fewer,
 * larger WAL checkpoints were tried too: no gain measured, and 10 MiB more peak RSS at a million files.)
 */
export function tuneForBackupRun(index: BackupIndex): void {
  index.exec("PRAGMA temp_store = MEMORY");
}
