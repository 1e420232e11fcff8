/**
 * The summary of one backup run: printed at the end, written to `ID.summary.json`, and the
 * `--json` output. Field names are part of FORMAT.md.
 * @module
 */

/** What one backup run did. */
export interface BackupSummary {
  /** Format version of this object. */
  version: 1;
  /** "complete", "dry-run" (nothing written). */
  status: "complete" | "dry-run";
  name: string;
  source: string;
  root: string;
  /** The snapshot id (folder name). */
  snapshot: string;
  snapshotPath: string;
  /** The previous complete snapshot's id the fast path compared against, or null. */
  previous: string | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Regular files stored, and their bytes. */
  files: number;
  bytes: number;
  /** Files linked to the previous snapshot without being read. */
  unchangedLinked: number;
  unchangedBytes: number;
  /** Files read and found to exist already: linked, their bytes saved. */
  dedupLinked: number;
  dedupBytes: number;
  /** Files that were second links of a hardlink group in the source. */
  hardlinkGroupLinked: number;
  /** Files copied, and the bytes written. */
  copied: number;
  copiedBytes: number;
  symlinks: number;
  directories: number;
  /** FIFOs, sockets and devices. */
  skipped: number;
  /** Entries left out by exclude rules. */
  excluded: number;
  errors: number;
  warnings: number;
  /** Dry run only: files that would be read, and their bytes. */
  toRead: number;
  toReadBytes: number;
}

/** A zeroed summary. */
export function emptySummary(name: string): BackupSummary {
  return {
    version: 1,
    status: "complete",
    name,
    source: "",
    root: "",
    snapshot: "",
    snapshotPath: "",
    previous: null,
    startedAt: "",
    finishedAt: "",
    durationMs: 0,
    files: 0,
    bytes: 0,
    unchangedLinked: 0,
    unchangedBytes: 0,
    dedupLinked: 0,
    dedupBytes: 0,
    hardlinkGroupLinked: 0,
    copied: 0,
    copiedBytes: 0,
    symlinks: 0,
    directories: 0,
    skipped: 0,
    excluded: 0,
    errors: 0,
    warnings: 0,
    toRead: 0,
    toReadBytes: 0,
  };
}
