/**
 * Reads the text of a `PyHardLinkBackup.ini` into `KEY = value` entries with their line numbers.
 *
 * This is a small scanner of our own rather than npm `ini`, for three reasons:
 * - every message must name the file and the line, and `ini` keeps no line numbers;
 * - `ini` accepts any line: a line without `=` silently becomes a key with the value `true`, so a
 *   broken line could never be reported;
 * - the files were written for PyHardLinkBackup, which read them with Python's configparser. Its
 *   rules differ from `ini`'s where it matters: `#` and `;` start a comment only at the start of a
 *   line (so `BACKUP_PATH = D:\Backups #2` keeps its `#2`), `:` separates a key as `=` does, and an
 *   indented line continues the previous value. This scanner follows configparser there.
 *
 * Rules: `[section]` headers are accepted and only group lines (keys are global, as in
 * PyHardLinkBackup, which merged all sections); a key may also stand before any section. Keys are
 * case-insensitive and reported in upper case. One pair of matching quotes around a value is
 * removed. It only reads text: it never touches the filesystem and never writes a user's file.
 * @module
 */
import { type Msg, msg } from "../i18n/messages.ts";

/** One `KEY = value` line (with its continuation lines). */
export interface IniEntry {
  /** The key in upper case. */
  key: string;
  /** The value, trimmed; continuation lines are joined with "\n". */
  value: string;
  /** 1-based line number of the key. */
  line: number;
}

/** A line the scanner could not read. */
export interface IniLineProblem {
  /** 1-based line number. */
  line: number;
  /** What is wrong, in English. */
  message: string;
  /** The same as a catalogue text, shown in the run's language. */
  text: Msg;
}

function lineProblem(line: number, text: Msg): IniLineProblem {
  return { line, message: String(text), text };
}

/** Result of {@linkcode scanIni}. */
export interface IniScan {
  entries: IniEntry[];
  problems: IniLineProblem[];
}

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

/** Splits `KEY = value` / `KEY: value` at the first delimiter; undefined when there is none. */
function splitKeyLine(trimmed: string): { key: string; value: string } | undefined {
  const i = trimmed.search(/[=:]/);
  if (i < 0) return undefined;
  return { key: trimmed.slice(0, i).trim(), value: trimmed.slice(i + 1).trim() };
}

/** Scans INI text. Broken lines are reported and skipped; the rest is still read. */
export function scanIni(text: string): IniScan {
  const entries: IniEntry[] = [];
  const problems: IniLineProblem[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  // The entry an indented line would continue; a section header ends it.
  let open: IniEntry | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) return;
    if (trimmed.startsWith("[")) {
      open = undefined;
      if (!/^\[[^\[\]]+\]$/.test(trimmed)) {
        problems.push(lineProblem(line, msg("cli.ini.badSection", { header: JSON.stringify(trimmed) })));
      }
      return;
    }
    const indented = /^\s/.test(raw);
    const kv = splitKeyLine(trimmed);
    const isKeyLine = kv !== undefined && KEY_RE.test(kv.key);
    if (indented && !isKeyLine && open) {
      open.value = open.value === "" ? trimmed : `${open.value}\n${trimmed}`;
      return;
    }
    if (!isKeyLine) {
      open = undefined;
      problems.push(lineProblem(
        line,
        kv === undefined
          ? msg("cli.ini.cannotReadLine", { text: JSON.stringify(trimmed) })
          : msg("cli.ini.notKeyName", { text: JSON.stringify(trimmed), key: JSON.stringify(kv.key) }),
      ));
      return;
    }
    open = { key: kv.key.toUpperCase(), value: kv.value, line };
    entries.push(open);
  });
  for (const e of entries) if (!e.value.includes("\n")) e.value = unquote(e.value);
  return { entries, problems };
}
