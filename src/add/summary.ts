/**
 * What `phlb add` reports: problems, callbacks and the summary (also the `--json` output).
 * Nothing here prints.
 * @module
 */
import type { IndexState } from "../index/rebuild.ts";
import type { RunPosition } from "../fs/pacer.ts";
import type { Msg } from "../i18n/messages.ts";

/**
 * One problem with one path of a snapshot. "damage": the tree differs from its manifest (exit
 * code 4); "error": a file could not be read or recorded (exit code 3); "warning": nothing lost,
 * e.g. a duplicate that could not be linked.
 */
export interface AddProblem {
  /** The snapshot, as `NAME/ID`. */
  snapshot: string;
  /** Path relative to the snapshot; "" for the snapshot itself. */
  path: string;
  severity: "damage" | "error" | "warning";
  /** What is wrong, in English (as a log would have it). */
  message: string;
  /** The same as a catalogue text, which the terminal shows in the run's language. */
  text?: Msg;
}

/** A problem as a snapshot's scan reports it: the snapshot is added by the scan. */
export type SnapshotProblem = Omit<AddProblem, "snapshot">;

/** A problem's severity and words, for one path of a snapshot. */
export type PathProblem = Omit<AddProblem, "snapshot" | "path">;

/** A problem's words from a catalogue text: `message` its English, `text` for the terminal. */
export function said(text: Msg): { message: string; text: Msg } {
  return { message: String(text), text };
}

/** Running totals, for a progress line. */
export interface AddProgress extends RunPosition {
  files: number;
  bytes: number;
  readBytes: number;
  linked: number;
  reclaimedBytes: number;
  elapsedMs: number;
  currentPath: string;
}

/** How `phlb add` reports. All optional. */
export interface AddCallbacks {
  onProblem?: (problem: AddProblem) => void;
  /** A snapshot is scanned, was recorded already, or is skipped (partial, being deleted). */
  onSnapshot?: (
    info: { snapshot: string; action: "scan" | "recorded" | "skip"; reason?: string; text?: Msg },
  ) => void;
  /** A duplicate was replaced by a hardlink (or would be, in a dry run). Paths are `NAME/ID/rel`. */
  onLink?: (info: { path: string; source: string; sizeBytes: number; reclaimed: boolean }) => void;
  /** Something about the run itself: the index state, a leftover cleaned up (`text`: as catalogue text). */
  onInfo?: (message: string, text?: Msg) => void;
  /** At most every 100 ms. */
  onProgress?: (progress: AddProgress) => void;
  /** Another process holds the root and the run waits for it (--lock-wait). */
  onLockWait?: (holder: string, text?: Msg) => void;
  /** A warning about the run as a whole (a stale lock taken over, naming its holder). */
  onNotice?: (message: string, text?: Msg) => void;
}

/** What one `phlb add` run did. Field names are part of the `--json` output. */
export interface AddSummary {
  version: 1;
  /** "complete", or "dry-run" when nothing was written. */
  status: "complete" | "dry-run";
  root: string;
  /** How the index was found: "existing", "created" (there was none), "recreated" (it was damaged). */
  index: IndexState;
  /** Where the damaged index was moved, or null. */
  indexMovedTo: string | null;
  /** Complete snapshots found, newly recorded, recorded before; partial or deleting ones skipped. */
  snapshots: number;
  recorded: number;
  alreadyRecorded: number;
  skipped: number;
  /** Manifests written because they were missing, and existing ones checked. */
  manifestsWritten: number;
  manifestsChecked: number;
  /** Regular files recorded, and their bytes; files and bytes actually read. */
  files: number;
  bytes: number;
  readFiles: number;
  readBytes: number;
  /** Duplicates replaced by hardlinks, their bytes, and the bytes freed by that. */
  linked: number;
  linkedBytes: number;
  reclaimedBytes: number;
  /** Snapshots recorded in this run that PyHardLinkBackup made (its phlb_config.ini or `ID summary.txt`). */
  legacySnapshots: number;
  /** Files checked against PyHardLinkBackup's `FILE.sha512` beside them, and how many differ (damage). */
  legacyChecked: number;
  legacyMismatched: number;
  /**
   * PyHardLinkBackup's files removed by `--drop-legacy-files` (in a dry run: that would be), and
   * those found but kept (without the option, or when they could not be removed).
   */
  legacyDropped: number;
  legacyFiles: number;
  /** Problems by severity. */
  damage: number;
  errors: number;
  warnings: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** A zeroed summary. */
export function emptyAddSummary(root: string, dryRun: boolean): AddSummary {
  return {
    version: 1,
    status: dryRun ? "dry-run" : "complete",
    root,
    index: "existing",
    indexMovedTo: null,
    snapshots: 0,
    recorded: 0,
    alreadyRecorded: 0,
    skipped: 0,
    manifestsWritten: 0,
    manifestsChecked: 0,
    files: 0,
    bytes: 0,
    readFiles: 0,
    readBytes: 0,
    linked: 0,
    linkedBytes: 0,
    reclaimedBytes: 0,
    legacySnapshots: 0,
    legacyChecked: 0,
    legacyMismatched: 0,
    legacyDropped: 0,
    legacyFiles: 0,
    damage: 0,
    errors: 0,
    warnings: 0,
    startedAt: "",
    finishedAt: "",
    durationMs: 0,
  };
}
