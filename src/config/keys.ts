/**
 * The keys of `PyHardLinkBackup.ini`: for each, its type, its default (written as INI text, so
 * the default goes through the same parser as a user's value) and a one-line explanation that the
 * template and the README repeat. Adding a key is one line in {@linkcode CONFIG_KEYS}.
 *
 * Value types only parse and check text; they never read files or print.
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import {
  type CalendarDuration,
  formatCalendarDuration,
  parseCalendarDuration,
  parseDurationMs,
} from "../durations.ts";
import { UsageError } from "../errors.ts";
import { type MessageKey, type Msg, msg, type Params } from "../i18n/messages.ts";
import { checkTimestampFormat } from "../store/timestamp.ts";

/** What a value is parsed against. */
export interface ParseContext {
  /** The folder relative paths start from: the ini's own folder. */
  baseDir: string;
  /** The home folder, for `~`; undefined when the environment has none. */
  home?: string;
}

/**
 * What a value type throws: an Error whose message (English) says what is wrong and what is
 * expected (it follows "KEY: "), and the same as a catalogue text for the terminal.
 */
export class ValueError extends Error {
  constructor(readonly text: Msg) {
    super(String(text));
    this.name = "ValueError";
  }
}

function bad(key: MessageKey, params?: Params): ValueError {
  return new ValueError(msg(key, params));
}

/** The catalogue text of a value type's error, or the error's own message (e.g. a duration parser's). */
export function valueProblem(err: unknown): string | Msg {
  if ((err instanceof ValueError || err instanceof UsageError) && err.text) return err.text;
  return err instanceof Error ? err.message : String(err);
}

/**
 * A value type: parses INI text, throwing a {@linkcode ValueError} (or an Error) that says what is
 * wrong and what is expected (it follows "KEY: "), and shows a value the way it would be written.
 */
export interface ValueType<T> {
  parse(raw: string, ctx: ParseContext): T;
  show(value: T): string;
}

/** One key: its type, its default as INI text, and a one-line explanation (a catalogue key). */
export interface KeySpec<T> {
  type: ValueType<T>;
  defaultText: string;
  help: MessageKey;
}

function spec<T>(type: ValueType<T>, defaultText: string, help: MessageKey): KeySpec<T> {
  return { type, defaultText, help };
}

function single(raw: string): string {
  if (raw.includes("\n")) throw bad("cli.value.oneLine");
  return raw.trim();
}

/** A path: `~` is the home folder; a relative path starts at the ini's folder. */
export const pathValue: ValueType<string> = {
  parse(raw, ctx) {
    let p = single(raw);
    if (p === "") throw bad("cli.value.pathEmpty");
    if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) {
      if (!ctx.home) throw bad("cli.value.noHome");
      p = ctx.home + p.slice(1);
    }
    return isAbsolute(p) ? resolve(p) : resolve(ctx.baseDir, p);
  },
  show: (v) => v,
};

/** A comma-separated (or one-per-line) list; empty items are dropped. */
export function listValue(item: (s: string) => void = () => {}): ValueType<string[]> {
  return {
    parse(raw) {
      const items = raw.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "");
      for (const s of items) item(s);
      return items;
    },
    show: (v) => v.join(", "),
  };
}

/** A list of plain names (no `/` or `\`). */
export const nameListValue: ValueType<string[]> = listValue((s) => {
  if (/[\\/]/.test(s)) {
    throw bad("cli.value.namesNotPaths", { value: JSON.stringify(s) });
  }
});

/** yes/no, true/false, on/off, 1/0, as configparser accepts. */
export const boolValue: ValueType<boolean> = {
  parse(raw) {
    const v = single(raw).toLowerCase();
    if (["yes", "true", "on", "1"].includes(v)) return true;
    if (["no", "false", "off", "0"].includes(v)) return false;
    throw bad("cli.value.notBool", { value: JSON.stringify(raw.trim()) });
  },
  show: (v) => (v ? "yes" : "no"),
};

/** A whole number from `min` up, or `auto` (undefined: the program decides). */
export function countOrAutoValue(min: number): ValueType<number | undefined> {
  return {
    parse(raw) {
      const v = single(raw);
      if (v.toLowerCase() === "auto") return undefined;
      if (!/^\d+$/.test(v)) {
        throw bad("cli.value.notWhole", { value: JSON.stringify(v), min });
      }
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw bad("cli.value.tooLarge", { value: v, min });
      if (n < min) {
        throw bad("cli.value.tooSmall", { value: v, min });
      }
      return n;
    },
    show: (v) => (v === undefined ? "auto" : String(v)),
  };
}

/**
 * A keep count for `phlb prune`: empty (no rule, undefined), a whole number, or `unlimited`
 * (-1, as `--keep-daily unlimited`).
 */
export const keepCountValue: ValueType<number | undefined> = {
  parse(raw) {
    const v = single(raw).toLowerCase();
    if (v === "") return undefined;
    if (v === "unlimited" || v === "all" || v === "-1") return -1;
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
      throw bad("cli.value.notCount", { value: JSON.stringify(v) });
    }
    return Number(v);
  },
  show: (v) => (v === undefined ? "" : v === -1 ? "unlimited" : String(v)),
};

/** A restic-style duration such as 30d, 12h or 1y6m; empty for no rule. */
export const durationValue: ValueType<CalendarDuration | undefined> = {
  parse(raw) {
    const v = single(raw);
    if (v === "") return undefined;
    return parseCalendarDuration(v);
  },
  show: (v) => (v === undefined ? "" : formatCalendarDuration(v)),
};

/**
 * An elapsed time such as `90s`, `10m` or `1h30m` (a bare number is seconds), in milliseconds,
 * at least `minMs`.
 */
export function elapsedValue(minMs: number): ValueType<number> {
  return {
    parse(raw) {
      const v = single(raw);
      let ms: number;
      try {
        ms = parseDurationMs(v);
      } catch {
        throw bad("cli.value.notDuration", { value: JSON.stringify(v) });
      }
      if (ms < minMs) throw bad("cli.value.tooShort", { value: v, min: formatElapsed(minMs) });
      return ms;
    },
    show: formatElapsed,
  };
}

function formatElapsed(ms: number): string {
  if (ms === 0) return "0";
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000], ["s", 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** One of a few words, case-insensitive; the value is the word as listed. */
export function choiceValue<const W extends string>(...words: W[]): ValueType<W> {
  return {
    parse(raw) {
      const v = single(raw);
      const w = words.find((x) => x.toLowerCase() === v.toLowerCase());
      if (w === undefined) {
        throw bad("cli.value.notChoice", { value: JSON.stringify(v), choices: words.join(", ") });
      }
      return w;
    },
    show: (v) => v,
  };
}

/** A strftime-style snapshot folder name (see src/store/timestamp.ts). */
export const timestampFormatValue: ValueType<string> = {
  parse(raw) {
    const v = single(raw);
    const problem = checkTimestampFormat(v);
    if (problem) throw bad("cli.value.badTimestamp", { value: JSON.stringify(v), problem });
    return v;
  },
  show: (v) => v,
};

/**
 * A folder mode in octal, as PyHardLinkBackup wrote it (`0o700`) or as chmod takes it (`0700`,
 * `700`). The owner must keep rwx: phlb writes into the folders it makes.
 */
export const folderModeValue: ValueType<number> = {
  parse(raw) {
    const v = single(raw);
    const m = /^0?[oO]?([0-7]{3,4})$/.exec(v);
    if (!m) throw bad("cli.value.notMode", { value: JSON.stringify(v) });
    const mode = parseInt(m[1], 8);
    if ((mode & 0o700) !== 0o700) {
      throw bad("cli.value.modeOwner", { value: v });
    }
    return mode;
  },
  show: (v) => `0o${v.toString(8).padStart(3, "0")}`,
};

/** A language tag such as en, de or en-us. */
export const languageValue: ValueType<string> = {
  parse(raw) {
    const v = single(raw);
    if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(v)) {
      throw bad("cli.value.notLanguage", { value: JSON.stringify(v) });
    }
    return v;
  },
  show: (v) => v,
};

/** Every key phlb reads, in the order the template and `phlb config --show` list them. */
export const CONFIG_KEYS = {
  BACKUP_PATH: spec(
    pathValue,
    "~/PyHardLinkBackups",
    "cli.key.BACKUP_PATH",
  ),
  SUB_DIR_FORMATTER: spec(
    timestampFormatValue,
    "%Y-%m-%d-%H%M%S",
    "cli.key.SUB_DIR_FORMATTER",
  ),
  SKIP_DIRS: spec(
    nameListValue,
    "__pycache__, temp",
    "cli.key.SKIP_DIRS",
  ),
  SKIP_PATTERNS: spec(
    listValue(),
    "*.pyc, *.tmp, *.cache",
    "cli.key.SKIP_PATTERNS",
  ),
  EXCLUDE_CACHES: spec(
    boolValue,
    "yes",
    "cli.key.EXCLUDE_CACHES",
  ),
  EXCLUDE_IF_PRESENT: spec(
    nameListValue,
    "",
    "cli.key.EXCLUDE_IF_PRESENT",
  ),
  ONE_FILE_SYSTEM: spec(boolValue, "yes", "cli.key.ONE_FILE_SYSTEM"),
  DEDUP: spec(
    choiceValue("exact", "content"),
    "exact",
    "cli.key.DEDUP",
  ),
  MAX_LINKS: spec(
    countOrAutoValue(2),
    "auto",
    "cli.key.MAX_LINKS",
  ),
  JOBS: spec(
    countOrAutoValue(0),
    "auto",
    "cli.key.JOBS",
  ),
  KEEP_LAST: spec(keepCountValue, "", "cli.key.KEEP_LAST"),
  KEEP_HOURLY: spec(keepCountValue, "", "cli.key.KEEP_HOURLY"),
  KEEP_DAILY: spec(keepCountValue, "", "cli.key.KEEP_DAILY"),
  KEEP_WEEKLY: spec(keepCountValue, "", "cli.key.KEEP_WEEKLY"),
  KEEP_MONTHLY: spec(
    keepCountValue,
    "",
    "cli.key.KEEP_MONTHLY",
  ),
  KEEP_YEARLY: spec(keepCountValue, "", "cli.key.KEEP_YEARLY"),
  KEEP_WITHIN: spec(
    durationValue,
    "",
    "cli.key.KEEP_WITHIN",
  ),
  DEFAULT_NEW_PATH_MODE: spec(
    folderModeValue,
    "0o700",
    "cli.key.DEFAULT_NEW_PATH_MODE",
  ),
  LOCK_WAIT: spec(
    elapsedValue(0),
    "0",
    "cli.key.LOCK_WAIT",
  ),
  LOCK_HEARTBEAT: spec(
    elapsedValue(100),
    "30s",
    "cli.key.LOCK_HEARTBEAT",
  ),
  LOCK_STALE: spec(
    elapsedValue(500),
    "5m",
    "cli.key.LOCK_STALE",
  ),
  LOGGING_LEVEL: spec(
    choiceValue("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"),
    "WARNING",
    "cli.key.LOGGING_LEVEL",
  ),
  LANGUAGE_CODE: spec(languageValue, "en", "cli.key.LANGUAGE_CODE"),
} as const;

/** A key phlb reads. */
export type ConfigKey = keyof typeof CONFIG_KEYS;

/** A command-line flag's text read as `key`'s value (e.g. `--jobs` as JOBS); a bad one is a usage error. */
export function flagValue<K extends ConfigKey>(key: K, text: string, flag: string): ConfigValues[K] {
  try {
    return CONFIG_KEYS[key].type.parse(text, { baseDir: "." }) as ConfigValues[K];
  } catch (err) {
    throw new UsageError(msg("cli.value.flag", { flag, problem: valueProblem(err) }));
  }
}

/** The typed value of every key. */
export type ConfigValues = {
  -readonly [K in ConfigKey]: typeof CONFIG_KEYS[K] extends KeySpec<infer T> ? T : never;
};

/** The keys in table order. */
export const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as ConfigKey[];

/**
 * PyHardLinkBackup's keys that phlb does not use, with what to do instead. They are warned about
 * like unknown keys, but with advice, since old files carry them.
 */
export const RETIRED_KEYS: Record<string, MessageKey> = {
  DATABASE_NAME: "cli.retired.database",
  ENABLE_AUTO_LOGIN: "cli.retired.autoLogin",
  PRINT_UPDATE_INTERVAL: "cli.retired.updateInterval",
  LOGGING_CONSOLE_LEVEL: "cli.retired.useLoggingLevel",
  LOGGING_FILE_LEVEL: "cli.retired.fileLevel",
  HASH_NAME: "cli.retired.hashName",
  CHUNK_SIZE: "cli.retired.remove",
  MIN_CHUNK_SIZE: "cli.retired.remove",
  SKIP_FILES: "cli.retired.useSkipPatterns",
  SQL_DEBUG: "cli.retired.remove",
};
