/**
 * What `phlb restore` is asked and what it reports: options, callbacks and the summary (also the
 * `--json` output). Nothing here runs or prints.
 * @module
 */
import type { ItemProblem } from "../errors.ts";
import type { Msg } from "../i18n/messages.ts";
import type { Glob } from "../fs/glob.ts";
import type { OpenBackendOptions } from "../fs/native/mod.ts";
import type { SnapshotRef } from "../store/ref.ts";
import type { RunPosition } from "../fs/pacer.ts";

/** How existing entries in the target are treated. */
export type OverwriteMode = "never" | "if-newer" | "always";

/** What to restore where. */
export interface RestoreOptions {
  snapshot: SnapshotRef;
  /** The folder to restore into; created when missing. */
  target: string;
  /** Restore only entries matching one of these (and everything inside matching folders). */
  includes?: readonly Glob[];
  excludes?: readonly Glob[];
  /** Default "never". */
  overwrite?: OverwriteMode;
  /** Decide and count, write nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Files up to this size are read into memory once, larger ones streamed. Default 8 MiB. */
  smallFileBytes?: number;
  /** Apply Windows' name rules. Default: on Windows. */
  windowsNames?: boolean;
  /** Whether the target folds case. Default: probed. */
  caseInsensitive?: boolean;
  /**
   * As root (or Administrator), restore even where another user could redirect the writes: a
   * target reached through a symlink such a user could replace, and, without the native layer, a
   * target or folder in it that such a user owns or can write to (`--unsafe-target`).
   */
  unsafeTarget?: boolean;
  /**
   * Folders at most this deep keep their handle open while restored; deeper ones are opened per use
   * (target.ts). Default MAX_TARGET_HANDLE_DEPTH; tests give a small one.
   */
  maxHandleDepth?: number;
  /** Which backend to use (tests: "deno" for the path emulation). Default "auto". */
  fsBackend?: OpenBackendOptions["prefer"];
}

/** What a restore did. */
export interface RestoreSummary {
  snapshot: string;
  snapshotPath: string;
  subpath: string;
  target: string;
  dryRun: boolean;
  files: number;
  bytes: number;
  symlinks: number;
  directories: number;
  /** Entries left as they were because something exists there (see --overwrite). */
  keptExisting: number;
  excluded: number;
  errors: number;
  warnings: number;
  caseInsensitiveTarget: boolean;
  durationMs: number;
}

/** Progress, at most every 100 ms. */
export interface RestoreProgress extends RunPosition {
  files: number;
  bytes: number;
  currentPath: string;
}

/** Callbacks through which restore reports. */
export interface RestoreCallbacks {
  onProblem?: (problem: ItemProblem) => void;
  onProgress?: (progress: RestoreProgress) => void;
  /** An entry was not written because something is already there. */
  onKept?: (rel: string, reason: string, text?: Msg) => void;
}

/** A zeroed summary of restoring `options.snapshot`. */
export function emptyRestoreSummary(options: RestoreOptions): RestoreSummary {
  return {
    snapshot: `${options.snapshot.name}@${options.snapshot.id}`,
    snapshotPath: options.snapshot.path,
    subpath: options.snapshot.subpath,
    target: "",
    dryRun: options.dryRun ?? false,
    files: 0,
    bytes: 0,
    symlinks: 0,
    directories: 0,
    keptExisting: 0,
    excluded: 0,
    errors: 0,
    warnings: 0,
    caseInsensitiveTarget: false,
    durationMs: 0,
  };
}
