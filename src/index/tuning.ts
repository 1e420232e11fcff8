/**
 * Connection settings for one backup run, which writes hundreds of thousands of entries in a row.
 * Only the backup's own connection is tuned; other commands keep SQLite's defaults.
 * @module
 */
import type { BackupIndex } from "./index.ts";

/** Options for {@linkcode tuneForBackupRun}. */
export interface BackupRunTuning {
  /** WAL pages between automatic checkpoints. Default 10,000 (40 MB of WAL, at 4 KiB pages). */
  walCheckpointPages?: number;
}

/**
 * Tunes the index connection of a backup run:
 * - temporary tables in memory: recording unchanged files copies rows within the entries table
 *   (see copyPreviousFiles), which SQLite stages in a temporary table of a folder's rows; as a
 *   file, that cost an open and writes per folder (three times the page writes of the whole run);
 * - fewer, larger checkpoints: each one fsyncs, and a run of a million files wrote hundreds.
 */
export function tuneForBackupRun(index: BackupIndex, options: BackupRunTuning = {}): void {
  const pages = Math.max(1000, Math.floor(options.walCheckpointPages ?? 10_000));
  index.exec(`PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = ${pages}`);
}
