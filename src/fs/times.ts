/**
 * Recorded times against stat'ed ones. A time is recorded as whole milliseconds plus the
 * nanoseconds within that millisecond, or null for them when the run could not see nanoseconds
 * (the Deno-API backend, or an index row of format version 1). A ctime without nanoseconds is
 * only known to whole seconds: that is what Deno's lstat gives.
 *
 * Comparisons use the coarser precision of the two sides, so a run on another backend than the
 * previous one (or the first run after the upgrade) still recognises unchanged files instead of
 * reading them all again. Pure functions; no file access, no policy beyond that rule.
 * @module
 */
import type { FileStat } from "./native/mod.ts";

/** A time as the index records it. */
export interface RecordedTime {
  /** Floored to whole milliseconds. */
  ms: number;
  /** Nanoseconds within that millisecond (0..999999), or null when only milliseconds were known. */
  fracNs: number | null;
}

/** The nanoseconds within the millisecond of a sub-second nanosecond value. */
function fracOf(nsec: number): number {
  return nsec % 1_000_000;
}

/** An entry's mtime as recorded, with nanoseconds only when the backend sees them. */
export function recordedMtime(st: FileStat, nanosecondTimes: boolean): RecordedTime {
  return { ms: st.mtimeMs, fracNs: nanosecondTimes ? fracOf(st.mtimeNsec) : null };
}

/** An entry's ctime as recorded: with nanoseconds, or (null) known to whole seconds only. */
export function recordedCtime(st: FileStat, nanosecondTimes: boolean): RecordedTime {
  return { ms: st.ctimeMs, fracNs: nanosecondTimes ? fracOf(st.ctimeNsec) : null };
}

/**
 * The same mtime at the coarser precision of the two: nanoseconds when both have them, else
 * milliseconds; and no finer than `granularityNs` (default 1), the step in which the filesystem
 * `b` was read from keeps the times it is given (src/fs/probe.ts: 1 s over SFTP, 2 s on FAT). At
 * a coarse step the two may differ by less than one step, either way: a filesystem may truncate or
 * round.
 */
export function sameMtime(a: RecordedTime, b: RecordedTime, granularityNs = 1): boolean {
  const fine = a.fracNs !== null && b.fracNs !== null;
  if (granularityNs <= 1) return a.ms === b.ms && (!fine || a.fracNs === b.fracNs);
  const step = Math.max(granularityNs, fine ? 1 : 1_000_000);
  // ms differences stay small integers, so the sum is exact.
  const diffNs = (a.ms - b.ms) * 1_000_000 + (fine ? a.fracNs! - b.fracNs! : 0);
  return Math.abs(diffNs) < step;
}

/** The same ctime at the coarser precision of the two: nanoseconds when both have them, else whole seconds. */
export function sameCtime(a: RecordedTime, b: RecordedTime): boolean {
  if (a.fracNs === null || b.fracNs === null) return Math.floor(a.ms / 1000) === Math.floor(b.ms / 1000);
  return a.ms === b.ms && a.fracNs === b.fracNs;
}

/** The times an index entry records for a source entry: its mtime and ctime, as above. */
export function recordedTimes(st: FileStat, nanosecondTimes: boolean): {
  mtimeMs: number;
  mtimeFracNs: number | null;
  srcCtimeMs: number;
  srcCtimeFracNs: number | null;
} {
  const m = recordedMtime(st, nanosecondTimes);
  const c = recordedCtime(st, nanosecondTimes);
  return { mtimeMs: m.ms, mtimeFracNs: m.fracNs, srcCtimeMs: c.ms, srcCtimeFracNs: c.fracNs };
}
