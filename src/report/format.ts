/**
 * How phlb writes sizes and durations for people, the same on the terminal and in the web pages.
 * Pure: no output, no terminal.
 * @module
 */
import { formatBytes as i18nBytes, formatDuration as i18nDuration } from "../i18n/format.ts";
import { currentLanguage, type Language, type MessageKey, t } from "../i18n/messages.ts";

/** Formats a byte count in the run's language (or `lang`): "0 B", "1.5 KiB", "3.2 GiB" / "1,5 KiB". */
export function formatBytes(n: number, lang: Language = currentLanguage()): string {
  return i18nBytes(n, lang);
}

/** Formats a duration in the run's language (or `lang`): "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
export function formatDuration(ms: number, lang: Language = currentLanguage()): string {
  return i18nDuration(ms, lang);
}

/**
 * "1 folder", "2 folders", "0 folders": a count with its noun, plural unless the count is 1.
 * English only: what a person reads uses the catalogue's plural entries (`t("common.files", { count })`).
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A rate in the unit family of {@linkcode formatBytes}: "85.3 MiB/s"; "-" for no time. */
export function formatRate(bytes: number, ms: number, lang: Language = currentLanguage()): string {
  return ms > 0 ? `${formatBytes(Math.round(bytes / (ms / 1000)), lang)}/s` : "-";
}

/**
 * Summary fields as lines with their values in one column: `label:` padded to the widest label,
 * each line indented by `indent`.
 */
export function formatFields(rows: readonly (readonly [string, string])[], indent = "  "): string[] {
  const width = Math.max(0, ...rows.map(([label]) => label.length + 1));
  return rows.map(([label, value]) => `${indent}${`${label}:`.padEnd(width)} ${value}`);
}

const UNITS: [MessageKey, number][] = [
  ["cli.unit.days", 86400],
  ["cli.unit.hours", 3600],
  ["cli.unit.minutes", 60],
  ["cli.unit.seconds", 1],
];

/** Milliseconds in words, in the run's language: "1 hour 30 minutes" / "1 Stunde 30 Minuten", "500 ms". */
export function formatElapsedWords(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  let rest = Math.round(ms / 1000);
  const words: string[] = [];
  for (const [key, secs] of UNITS) {
    const n = Math.floor(rest / secs);
    rest -= n * secs;
    if (n > 0) words.push(t(key, { count: n }));
  }
  return words.join(" ");
}

/** A clock for progress lines: "0:05", "12:34", "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The end of a run's work, when known: exact (a manifest, the index), or estimated. */
export interface ProgressTotal {
  files: number;
  bytes: number;
  /** An estimate (e.g. the previous snapshot's size): the line says "about". */
  estimated?: boolean;
  /** Still being counted: the line shows the count so far. */
  counting?: boolean;
}

/** What a progress line shows: the counts so far, and the total when known. */
export interface ProgressFigures {
  elapsedMs: number;
  files: number;
  bytes: number;
  total?: ProgressTotal;
}

/** How far a run is, 0..1, by bytes (by files when the total has no bytes); undefined without a total. */
export function progressFraction(p: ProgressFigures): number | undefined {
  const t = p.total;
  if (!t || t.counting || (t.bytes <= 0 && t.files <= 0)) return undefined;
  const f = t.bytes > 0 ? p.bytes / t.bytes : p.files / t.files;
  // An estimate can be passed: the run is not done until it says so.
  return Math.max(0, Math.min(f, t.estimated ? 0.99 : 1));
}

/**
 * The head of a progress line, as restic shows it: `[0:05] 45%  9057/20277 files  116 MiB/338 MiB
 * ETA 0:06`; with an estimated total `about 45%` and `ETA about 0:06`; without a total only the
 * clock and the counts. The ETA comes once half a second has run and something is done.
 */
export function formatProgress(p: ProgressFigures): string {
  const clock = `[${formatClock(p.elapsedMs)}]`;
  const total = p.total;
  if (total?.counting) {
    return `${clock} ${t("common.progress.counting")}: ${
      t("common.progress.files", { count: total.files })
    }  ${formatBytes(total.bytes)}`;
  }
  const f = progressFraction(p);
  if (f === undefined || !total) {
    return `${clock} ${t("common.progress.files", { count: p.files })}  ${formatBytes(p.bytes)}`;
  }
  const about = total.estimated ? `${t("common.progress.about")} ` : "";
  const parts = [
    `${clock} ${about}${Math.floor(f * 100)}%`,
    t("common.progress.filesOf", { done: p.files, total: total.files }),
    total.bytes > 0 ? `${formatBytes(p.bytes)}/${formatBytes(total.bytes)}` : formatBytes(p.bytes),
  ];
  if (f > 0 && p.elapsedMs >= 500) {
    parts.push(`${t("common.progress.eta")} ${about}${formatClock(p.elapsedMs * (1 - f) / f)}`);
  }
  return parts.join("  ");
}
