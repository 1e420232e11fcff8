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
import { checkTimestampFormat } from "../store/timestamp.ts";

/** What a value is parsed against. */
export interface ParseContext {
  /** The folder relative paths start from: the ini's own folder. */
  baseDir: string;
  /** The home folder, for `~`; undefined when the environment has none. */
  home?: string;
}

/**
 * A value type: parses INI text, throwing an Error whose message says what is wrong and what is
 * expected (it follows "KEY: "), and shows a value the way it would be written.
 */
export interface ValueType<T> {
  parse(raw: string, ctx: ParseContext): T;
  show(value: T): string;
}

/** One key: its type, its default as INI text, and a one-line explanation. */
export interface KeySpec<T> {
  type: ValueType<T>;
  defaultText: string;
  help: string;
}

function spec<T>(type: ValueType<T>, defaultText: string, help: string): KeySpec<T> {
  return { type, defaultText, help };
}

function single(raw: string): string {
  if (raw.includes("\n")) throw new Error("takes one value, not several lines");
  return raw.trim();
}

/** A path: `~` is the home folder; a relative path starts at the ini's folder. */
export const pathValue: ValueType<string> = {
  parse(raw, ctx) {
    let p = single(raw);
    if (p === "") throw new Error("is empty; give a folder path");
    if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) {
      if (!ctx.home) throw new Error(`uses ~, but no home folder is known (HOME/USERPROFILE)`);
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
    throw new Error(
      `holds names, not paths: ${JSON.stringify(s)} has a / or \\ (use SKIP_PATTERNS for paths)`,
    );
  }
});

/** yes/no, true/false, on/off, 1/0, as configparser accepts. */
export const boolValue: ValueType<boolean> = {
  parse(raw) {
    const v = single(raw).toLowerCase();
    if (["yes", "true", "on", "1"].includes(v)) return true;
    if (["no", "false", "off", "0"].includes(v)) return false;
    throw new Error(`${JSON.stringify(raw.trim())} is not yes or no`);
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
        throw new Error(`${JSON.stringify(v)} is not a whole number; give one from ${min}, or auto`);
      }
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw new Error(`${v} is too large; give a number from ${min}, or auto`);
      if (n < min) {
        throw new Error(`${v} is too small; give a number from ${min}, or auto`);
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
      throw new Error(`${JSON.stringify(v)} is not a whole number; give a count, unlimited, or nothing`);
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
        throw new Error(`${JSON.stringify(v)} is not a duration such as 90s, 10m or 1h30m`);
      }
      if (ms < minMs) throw new Error(`${v} is too short; give at least ${formatElapsed(minMs)}`);
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
      if (w === undefined) throw new Error(`${JSON.stringify(v)} is not one of ${words.join(", ")}`);
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
    if (problem) throw new Error(`${JSON.stringify(v)} cannot be used: ${problem}`);
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
    if (!m) throw new Error(`${JSON.stringify(v)} is not an octal mode such as 0o700 or 0o750`);
    const mode = parseInt(m[1], 8);
    if ((mode & 0o700) !== 0o700) {
      throw new Error(`${v} leaves the owner without rwx; phlb must write into the folders it makes (0o7xx)`);
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
      throw new Error(`${JSON.stringify(v)} is not a language code such as en or de-ch`);
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
    "root folder of all backups; a relative path starts at this file's folder",
  ),
  SUB_DIR_FORMATTER: spec(
    timestampFormatValue,
    "%Y-%m-%d-%H%M%S",
    "snapshot folder name, from the start time: %Y %y %m %d %H %M %S %j",
  ),
  SKIP_DIRS: spec(
    nameListValue,
    "__pycache__, temp",
    "folder names left out and never entered, at any depth",
  ),
  SKIP_PATTERNS: spec(
    listValue(),
    "*.pyc, *.tmp, *.cache",
    "globs left out, files and folders: *.tmp is a name anywhere, a/b* a path from the source",
  ),
  EXCLUDE_CACHES: spec(
    boolValue,
    "yes",
    "leave out folders holding a valid CACHEDIR.TAG (browser, build caches)",
  ),
  EXCLUDE_IF_PRESENT: spec(
    nameListValue,
    "",
    "leave out folders holding a file with one of these names, e.g. .nobackup",
  ),
  ONE_FILE_SYSTEM: spec(boolValue, "yes", "stay on the source's filesystem: do not enter other mounts"),
  DEDUP: spec(
    choiceValue("exact", "content"),
    "exact",
    "exact: link same content with same mode/mtime/owner; content: same content alone",
  ),
  MAX_LINKS: spec(
    countOrAutoValue(2),
    "auto",
    "links per file before a new copy is made; auto: the filesystem's limit (NTFS 1023)",
  ),
  JOBS: spec(
    countOrAutoValue(0),
    "auto",
    "workers reading, hashing and writing files; auto: none on 2 cores or fewer, else a core each beside the main one, at most 4",
  ),
  KEEP_LAST: spec(keepCountValue, "", "phlb prune without --keep flags: keep the n newest snapshots"),
  KEEP_HOURLY: spec(keepCountValue, "", "phlb prune: keep the newest snapshot of each of the last n hours"),
  KEEP_DAILY: spec(keepCountValue, "", "phlb prune: keep the newest snapshot of each of the last n days"),
  KEEP_WEEKLY: spec(keepCountValue, "", "phlb prune: keep the newest snapshot of each of the last n weeks"),
  KEEP_MONTHLY: spec(
    keepCountValue,
    "",
    "phlb prune: keep the newest snapshot of each of the last n months (unlimited: all)",
  ),
  KEEP_YEARLY: spec(keepCountValue, "", "phlb prune: keep the newest snapshot of each of the last n years"),
  KEEP_WITHIN: spec(
    durationValue,
    "",
    "phlb prune: keep every snapshot within this long of the newest (30d)",
  ),
  DEFAULT_NEW_PATH_MODE: spec(
    folderModeValue,
    "0o700",
    "mode of the root and backup-name folders phlb makes (.phlb/ is always 0o700); 0o700: only you",
  ),
  LOCK_WAIT: spec(
    elapsedValue(0),
    "0",
    "how long backup, copy and prune wait for a root another run holds (--lock-wait); 0: refused at once",
  ),
  LOCK_HEARTBEAT: spec(
    elapsedValue(100),
    "30s",
    "how often a run rewrites the root's lock record .phlb/lock.owner, to show it is alive",
  ),
  LOCK_STALE: spec(
    elapsedValue(500),
    "5m",
    "a lock record not rewritten for this long is taken over (its holder died or lost the network)",
  ),
  LOGGING_LEVEL: spec(
    choiceValue("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"),
    "WARNING",
    "terminal output: ERROR as -q, WARNING normal, INFO or DEBUG as -v (the run log keeps all)",
  ),
  LANGUAGE_CODE: spec(languageValue, "en", "kept from PyHardLinkBackup; phlb's messages are in English"),
} as const;

/** A key phlb reads. */
export type ConfigKey = keyof typeof CONFIG_KEYS;

/** A command-line flag's text read as `key`'s value (e.g. `--jobs` as JOBS); a bad one is a usage error. */
export function flagValue<K extends ConfigKey>(key: K, text: string, flag: string): ConfigValues[K] {
  try {
    return CONFIG_KEYS[key].type.parse(text, { baseDir: "." }) as ConfigValues[K];
  } catch (err) {
    throw new UsageError(`${flag}: ${(err as Error).message}`);
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
export const RETIRED_KEYS: Record<string, string> = {
  DATABASE_NAME: "phlb keeps its index in BACKUP_PATH/.phlb/; remove the line",
  ENABLE_AUTO_LOGIN: "phlb has no Django admin; remove the line",
  PRINT_UPDATE_INTERVAL: "phlb shows progress on its own; remove the line",
  LOGGING_CONSOLE_LEVEL: "use LOGGING_LEVEL",
  LOGGING_FILE_LEVEL: "the run log beside each snapshot keeps every warning and error; remove the line",
  HASH_NAME: "phlb always uses sha256; remove the line",
  CHUNK_SIZE: "remove the line",
  MIN_CHUNK_SIZE: "remove the line",
  SKIP_FILES: "use SKIP_PATTERNS",
  SQL_DEBUG: "remove the line",
};
