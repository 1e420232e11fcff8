/**
 * What `phlb copy` did: one record per source snapshot, the totals, and the `--json` output.
 * @module
 */
import type { Msg } from "../i18n/messages.ts";
import type { BackupSummary } from "../backup/summary.ts";

/** What became of one source snapshot. */
export type CopyAction =
  /** Written to DEST and complete there. */
  | "copied"
  /** Complete at DEST already, or left out (`--since`). */
  | "skipped"
  /** A dry run would copy it. */
  | "would-copy"
  /** Its files differ from its manifest at the source: it stays `.partial` at DEST. */
  | "damaged";

/** One source snapshot in a copy. */
export interface CopiedSnapshot {
  name: string;
  id: string;
  action: CopyAction;
  /** Why it was skipped, or what the damage is: English (the JSON). */
  reason?: string;
  /** The same as a catalogue text, for the terminal (left out of `--json`). */
  reasonText?: Msg;
  /** The engine's figures for a snapshot that was written (also a damaged one, up to the stop). */
  files: number;
  bytes: number;
  unchangedLinked: number;
  dedupLinked: number;
  copied: number;
  copiedBytes: number;
  errors: number;
  warnings: number;
}

/** What one `phlb copy` run did. */
export interface CopySummary {
  version: 1;
  status: "complete" | "dry-run";
  source: string;
  dest: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Every source snapshot considered, in the order they were copied (oldest first, per name). */
  snapshots: CopiedSnapshot[];
  /** How many of them were copied, skipped, found damaged (or would be copied, in a dry run). */
  copied: number;
  skipped: number;
  damaged: number;
  /** Totals over the snapshots written. */
  files: number;
  bytes: number;
  copiedBytes: number;
  errors: number;
  warnings: number;
}

/** A snapshot record without figures. */
export function plannedSnapshot(
  name: string,
  id: string,
  action: CopyAction,
  reason?: Msg,
): CopiedSnapshot {
  return {
    name,
    id,
    action,
    ...(reason !== undefined ? { reason: String(reason), reasonText: reason } : {}),
    files: 0,
    bytes: 0,
    unchangedLinked: 0,
    dedupLinked: 0,
    copied: 0,
    copiedBytes: 0,
    errors: 0,
    warnings: 0,
  };
}

/** Takes a backup run's figures into a snapshot record. */
export function addFigures(into: CopiedSnapshot, from: BackupSummary): void {
  into.files = from.files;
  into.bytes = from.bytes;
  into.unchangedLinked = from.unchangedLinked;
  into.dedupLinked = from.dedupLinked;
  into.copied = from.copied;
  into.copiedBytes = from.copiedBytes;
  into.errors = from.errors;
  into.warnings = from.warnings;
}

/** The totals over the snapshot records. */
export function totalUp(s: CopySummary): void {
  s.copied = s.snapshots.filter((x) => x.action === "copied" || x.action === "would-copy").length;
  s.skipped = s.snapshots.filter((x) => x.action === "skipped").length;
  s.damaged = s.snapshots.filter((x) => x.action === "damaged").length;
  s.files = 0;
  s.bytes = 0;
  s.copiedBytes = 0;
  s.errors = 0;
  s.warnings = 0;
  for (const x of s.snapshots) {
    s.files += x.files;
    s.bytes += x.bytes;
    s.copiedBytes += x.copiedBytes;
    s.errors += x.errors;
    s.warnings += x.warnings;
  }
}
