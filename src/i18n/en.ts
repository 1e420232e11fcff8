/**
 * The English catalogue: every text phlb shows a person, by key. It is the catalogue the others are
 * checked against: its keys are the keys, and its placeholders are the placeholders.
 *
 * An entry is a string, or `{ one, other }` chosen by the `count` parameter (Intl.PluralRules).
 * Placeholders are `{name}` or `{name:format}`; formats: `bytes` (1.5 MiB), `duration` (12.3 s),
 * `date` (6 Dec 2026), `datetime`, `raw` (a number as it is, without grouping). A number without a
 * format is grouped for the language (1,234 / 1.234); a string is inserted as it is.
 *
 * Keys are grouped by area, each group between its markers, so that work on one area never touches
 * another's lines. Never put here: `--json` field names, log file lines (ID.log stays English, so
 * one log format can be searched everywhere), on-disk names, or anything FORMAT.md defines.
 * @module
 */

/** One catalogue entry: a text, or a text per plural category of `count`. */
export type Entry = string | { readonly one: string; readonly other: string };

/** The English texts. */
export const EN = {
  // ── common: main.ts, errors, the language itself, units ──
  "common.error": "error",
  "common.warning": "warning",
  "common.hint": "hint",
  "common.cause": "cause",
  "common.interrupted": "interrupted",
  "common.runWithHelp": "(run with --help for usage)",
  "common.runWithDebug": "(run with --debug for details)",
  "common.stoppedCleanly": "stopped cleanly",
  "common.stoppedCleanly.backup":
    "stopped cleanly; the unfinished snapshot stays .partial (the next backup reuses and removes it)",
  "common.stoppedCleanly.prune": "stopped cleanly; the snapshots not reached yet are kept",
  "common.stoppedCleanly.add": "stopped cleanly; each snapshot recorded so far stays recorded",
  "common.stoppedCleanly.restore": "stopped cleanly; what was restored so far stays in the target",
  "common.unknownLanguage":
    'language "{code}" ({from}) is not available; phlb speaks English. Available: {available}',
  "common.langOption": "the language of messages: en or de (default: LANGUAGE_CODE, else LC_ALL, LANG)",
  "common.langBadValue": '--lang: "{value}" is not a language code such as en or de-CH',
  "common.files": { one: "{count} file", other: "{count} files" },
  "common.folders": { one: "{count} folder", other: "{count} folders" },
  "common.errors": { one: "{count} error", other: "{count} errors" },
  "common.warnings": { one: "{count} warning", other: "{count} warnings" },
  "common.snapshots": { one: "{count} snapshot", other: "{count} snapshots" },
  "common.progress.counting": "counting",
  "common.progress.about": "about",
  "common.progress.files": { one: "{count:raw} file", other: "{count:raw} files" },
  "common.progress.filesOf": "{done:raw}/{total:raw} files",
  "common.progress.eta": "ETA",
  // ── end common ──

  // ── cli: src/commands, main.ts help, src/config, src/helper ──
  // ── end cli ──

  // ── backup: src/backup, src/add, src/fs, src/index, their reports ──
  // ── end backup ──

  // ── check: src/verify, src/prune, src/list, src/diff, src/copy, src/restore, src/store, their reports ──
  // ── end check ──

  // ── web: src/web ──
  // ── end web ──
} as const satisfies Record<string, Entry>;

/** A catalogue key. */
export type MessageKey = keyof typeof EN;

/**
 * A complete catalogue for one language: every key of {@linkcode EN}, no other. A language file
 * declares `export const XX: Catalog = { … }`, so a missing or extra key fails `deno check`.
 */
export type Catalog = { readonly [K in MessageKey]: Entry };
