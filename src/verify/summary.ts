/**
 * What `phlb verify` finds and reports: problem kinds, callbacks, and the summary (also the
 * `--json` output). Nothing here prints.
 * @module
 */
import type { RunPosition } from "../fs/pacer.ts";

/** What is wrong with one path. Every kind is damage: it makes the exit code 4. */
export type VerifyProblemKind =
  /** The snapshot has no `ID.sha256` beside it. */
  | "no-manifest"
  /** A manifest line is not in sha256sum format. */
  | "bad-manifest"
  /** Listed in the manifest or recorded in the index, not in the tree. */
  | "missing"
  /** In the tree, neither listed nor recorded. */
  | "extra"
  /** A file where a folder or symlink was recorded, or the other way round. */
  | "type"
  /** Size, mtime, permission bits or owner differ from the record. */
  | "size"
  | "mtime"
  | "mode"
  | "owner"
  /** The bytes' sha256 differs from the manifest's (or the index's). */
  | "content"
  /** A symlink points somewhere else than recorded. */
  | "symlink-target"
  /** The file or folder cannot be read (an I/O error, permissions). */
  | "unreadable";

/** One problem: a path and what differs. */
export interface VerifyProblem {
  /** The snapshot, as `NAME/ID`. */
  snapshot: string;
  /** Path relative to the snapshot, "/"-separated; "" for the snapshot itself. */
  path: string;
  kind: VerifyProblemKind;
  /** What differs, in words. */
  message: string;
}

/** Running totals, for a progress line. */
export interface VerifyProgress extends RunPosition {
  files: number;
  bytes: number;
  /** Bytes actually read and hashed. */
  readBytes: number;
  elapsedMs: number;
  currentPath: string;
}

/** How a verify run reports. All optional. */
export interface VerifyCallbacks {
  /** A path differs from its record. */
  onProblem?: (problem: VerifyProblem) => void;
  /** Checking of a snapshot starts. */
  onSnapshot?: (
    info: { snapshot: string; path: string; recorded?: { files: number; bytes: number } },
  ) => void;
  /** Something the user should know that is not damage (e.g. "not in the index"). */
  onNotice?: (message: string) => void;
  /** At most every 100 ms. */
  onProgress?: (progress: VerifyProgress) => void;
}

/** The state of a scrub, after a scrub run. */
export interface ScrubSummary {
  /** When the current pass began (ISO-8601 UTC). */
  passStartedAt: string;
  /** True when this run finished the pass: every content was verified since it began. */
  complete: boolean;
  /** Contents in the index, and how many of them were verified in the current pass. */
  contentsTotal: number;
  contentsVerified: number;
  /** Contents verified by this run. */
  verifiedThisRun: number;
  /** Stopped because --max-duration was reached. */
  stoppedByDuration: boolean;
}

/** What one verify run did. Field names are part of the `--json` output. */
export interface VerifySummary {
  version: 1;
  /** "ok" when nothing differs, "damaged" otherwise. */
  status: "ok" | "damaged";
  /** "full" (content read), "fast" (metadata only) or "scrub" (a slice of contents). */
  mode: "full" | "fast" | "scrub";
  root: string;
  /** The snapshots checked, as `NAME/ID`. */
  snapshots: string[];
  /** Regular files checked, and their recorded bytes. */
  files: number;
  bytes: number;
  /** Files whose content was read, and the bytes read; files answered by an inode already read. */
  readFiles: number;
  readBytes: number;
  reusedFiles: number;
  symlinks: number;
  directories: number;
  /** Problems found, in total and by kind. */
  problems: number;
  problemsByKind: Partial<Record<VerifyProblemKind, number>>;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Scrub runs only. */
  scrub?: ScrubSummary;
}

/** A zeroed summary. */
export function emptyVerifySummary(root: string, mode: VerifySummary["mode"]): VerifySummary {
  return {
    version: 1,
    status: "ok",
    mode,
    root,
    snapshots: [],
    files: 0,
    bytes: 0,
    readFiles: 0,
    readBytes: 0,
    reusedFiles: 0,
    symlinks: 0,
    directories: 0,
    problems: 0,
    problemsByKind: {},
    startedAt: "",
    finishedAt: "",
    durationMs: 0,
  };
}
