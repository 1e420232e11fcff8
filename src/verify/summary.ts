/**
 * What `phlb verify` finds and reports: problem kinds, callbacks, and the summary (also the
 * `--json` output). Nothing here prints.
 * @module
 */
import type { RunPosition } from "../fs/pacer.ts";
import type { Msg } from "../i18n/messages.ts";

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

/**
 * The kinds by name, for the code that records problems: a kind is a token of `--json` and of the
 * problem lines (`KIND: "NAME/ID/PATH": …`, documented in `--help`), the same in every language.
 */
export const Kind = {
  noManifest: "no-manifest",
  badManifest: "bad-manifest",
  missing: "missing",
  extra: "extra",
  type: "type",
  size: "size",
  mtime: "mtime",
  mode: "mode",
  owner: "owner",
  content: "content",
  symlinkTarget: "symlink-target",
  unreadable: "unreadable",
} as const satisfies Record<string, VerifyProblemKind>;

/** One problem: a path and what differs. */
export interface VerifyProblem {
  /** The snapshot, as `NAME/ID`. */
  snapshot: string;
  /** Path relative to the snapshot, "/"-separated; "" for the snapshot itself. */
  path: string;
  kind: VerifyProblemKind;
  /** What differs, in words: English (the JSON output and logs). */
  message: string;
  /** The same as a catalogue text, which the terminal shows in the run's language (not in `--json`). */
  text?: Msg;
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
  onNotice?: (message: string, text?: Msg) => void;
  /** Another process holds the root and a repair or scrub waits for it (--lock-wait). */
  onLockWait?: (holder: string, text?: Msg) => void;
  /** At most every 100 ms. */
  onProgress?: (progress: VerifyProgress) => void;
  /** `--repair`: a damaged stored copy was repaired (or would be, or cannot be). */
  onRepair?: (event: RepairEvent) => void;
}

/** What `--repair` did with one damaged stored copy (one inode, shared by `paths`). */
export interface RepairEvent {
  /**
   * repaired: its paths now hold a new copy; would-repair: `--dry-run`; cannot-repair: no intact
   * bytes (or metadata) were found, it stays damaged; already-repaired: an interrupted repair had
   * done it, the index now says so.
   */
  action: "repaired" | "would-repair" | "cannot-repair" | "already-repaired";
  /** Every path that shares the copy, as `NAME/ID/PATH`. */
  paths: string[];
  /** Where the intact bytes came from (`NAME/ID/PATH` of another stored copy, or a source file). */
  from?: string;
  /** `from` as a catalogue text when it is words, not a path (not in `--json`). */
  fromText?: Msg;
  /** Why it cannot be repaired: English. */
  reason?: string;
  /** `reason` as a catalogue text (not in `--json`). */
  reasonText?: Msg;
}

/** What `--repair` did, in the summary. */
export interface RepairSummary {
  /** `--dry-run`: nothing was changed. */
  dryRun: boolean;
  /** Damaged stored copies (inodes) repaired (or, in a dry run, repairable), and their paths. */
  repaired: number;
  repairedPaths: number;
  /** Damaged stored copies left as they are: no intact bytes or metadata to repair them from. */
  unrepairable: number;
  /** Temporary files of an interrupted repair removed. */
  leftoversRemoved: number;
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
  /** "ok" when nothing differs (or `--repair` healed all that did), "damaged" otherwise. */
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
  /** Stored copies (inodes) found damaged: one may be shared by many snapshots. */
  damagedCopies: number;
  /** Of `damagedCopies`, how many were marked in the index (never linked again). */
  damagedMarked: number;
  /** Snapshots removed while verify ran (`phlb prune`, or by hand): not checked, and not damage. */
  removed: string[];
  /** `--repair` runs only. */
  repair?: RepairSummary;
  /** Problems `--repair` resolved (of `problems`). */
  problemsRepaired: number;
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
    damagedCopies: 0,
    damagedMarked: 0,
    removed: [],
    problemsRepaired: 0,
    startedAt: "",
    finishedAt: "",
    durationMs: 0,
  };
}
