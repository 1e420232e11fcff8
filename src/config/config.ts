/**
 * Finding and loading `PyHardLinkBackup.ini`, and the effective settings with where each came from.
 *
 * Search order (as in PyHardLinkBackup): the working folder, each parent up to the filesystem root,
 * then the home folder. The first file found provides values; built-in defaults fill the rest. No
 * two files are merged. Command-line flags override both ({@linkcode setFromFlag}).
 *
 * Nothing here prints: problems are returned (or thrown as FatalError), warnings go to a callback.
 * It never writes a user's file except to create a new one that does not exist.
 * @module
 */
import { dirname, resolve } from "node:path";
import { errorMessage, FatalError, UsageError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { sha256Hex } from "../fs/hash.ts";
import { scanIni } from "./ini_scan.ts";
import {
  CONFIG_KEY_NAMES,
  CONFIG_KEYS,
  type ConfigKey,
  type ConfigValues,
  type KeySpec,
  RETIRED_KEYS,
  valueProblem,
} from "./keys.ts";
import { userConfigDir, type WarnOnce, wasShown } from "./warned.ts";

/** The config file's name, for continuity with PyHardLinkBackup. */
export const CONFIG_FILENAME = "PyHardLinkBackup.ini";
/** The spelling later PyHardLinkBackup versions used; also found, after the first. */
const CONFIG_FILENAME_LOWER = "pyhardlinkbackup.ini";

/** Where a value came from. */
export type Origin =
  | { kind: "default" }
  | { kind: "file"; file: string; line: number }
  | { kind: "flag"; flag: string; addedTo?: Origin }
  | { kind: "env"; name: string };

/** A problem with the config file; `line` is absent when the whole file is concerned. */
export interface ConfigProblem {
  severity: "error" | "warning";
  file: string;
  line?: number;
  key?: string;
  /** What is wrong, in English (as `--json` and logs carry it). */
  message: string;
  /** The same as a catalogue text, which the terminal shows in the run's language. */
  text?: Msg;
  /**
   * Set on the warning about a PyHardLinkBackup key phlb does not use: it is shown once per file
   * content ({@linkcode loadConfig} leaves it out after that; whoever shows it calls
   * `rememberShown(once)` from warned.ts). Absent without a home folder: then it always shows.
   */
  once?: WarnOnce;
}

/** The effective settings. */
export interface Config {
  /** The ini in use, or undefined when none was found (all defaults). */
  file?: string;
  values: ConfigValues;
  origins: Record<ConfigKey, Origin>;
  /** The text of each key the file sets validly, as written. */
  raw: Partial<Record<ConfigKey, string>>;
  /** Everything wrong with the file; keys with an error keep their default. */
  problems: ConfigProblem[];
}

/** Where to look. Defaults: the process's working folder and home. */
export interface ConfigLocation {
  cwd?: string;
  /** The home folder; `null` means "none", undefined means "ask the environment". */
  home?: string | null;
}

/** The user's home folder from HOME or USERPROFILE, or undefined. */
export function userHome(): string | undefined {
  try {
    return Deno.env.get("HOME") || Deno.env.get("USERPROFILE") || undefined;
  } catch {
    return undefined;
  }
}

function homeOf(loc: ConfigLocation): string | undefined {
  return loc.home === null ? undefined : loc.home ?? userHome();
}

/** `file:line: KEY: `, where a problem is: the form editors and terminals recognize. */
function problemPlace(p: ConfigProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ""}: ${p.key ? `${p.key}: ` : ""}`;
}

/** `file:line: KEY: message`; `message` defaults to the English one (the report passes its own language's). */
export function formatProblem(p: ConfigProblem, message: string = p.message): string {
  return `${problemPlace(p)}${message}`;
}

/** A problem from a catalogue text: English `message`, localized `text`. */
function configProblem(p: Omit<ConfigProblem, "message" | "text">, text: string | Msg): ConfigProblem {
  return typeof text === "string" ? { ...p, message: text } : { ...p, message: String(text), text };
}

/** The home config's path, or undefined without a home folder. */
export function homeConfigPath(loc: ConfigLocation = {}): string | undefined {
  const home = homeOf(loc);
  return home ? resolve(home, CONFIG_FILENAME) : undefined;
}

/** The files looked for, in order. */
export function configSearchPaths(loc: ConfigLocation = {}): string[] {
  const paths: string[] = [];
  let dir = resolve(loc.cwd ?? Deno.cwd());
  for (;;) {
    paths.push(resolve(dir, CONFIG_FILENAME), resolve(dir, CONFIG_FILENAME_LOWER));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const home = homeOf(loc);
  if (home) paths.push(resolve(home, CONFIG_FILENAME), resolve(home, CONFIG_FILENAME_LOWER));
  return [...new Set(paths)];
}

/** The first config file that exists, or undefined. */
export function findConfigFile(loc: ConfigLocation = {}): string | undefined {
  for (const p of configSearchPaths(loc)) {
    try {
      if (Deno.statSync(p).isFile) return p;
    } catch { /* not there */ }
  }
  return undefined;
}

function parseDefault<T>(spec: KeySpec<T>, home: string | undefined): T {
  try {
    return spec.type.parse(spec.defaultText, { baseDir: home ?? "/", home });
  } catch {
    // Only `~` without a home folder gets here; resolveRoot says what to do then.
    return "" as T;
  }
}

/** The built-in defaults. */
export function defaultConfig(loc: ConfigLocation = {}): Config {
  const home = homeOf(loc);
  const values = {} as Record<ConfigKey, unknown>;
  const origins = {} as Record<ConfigKey, Origin>;
  for (const k of CONFIG_KEY_NAMES) {
    values[k] = parseDefault(CONFIG_KEYS[k] as KeySpec<unknown>, home);
    origins[k] = { kind: "default" };
  }
  return { values: values as ConfigValues, origins, raw: {}, problems: [] };
}

/** Applies an ini's text over the defaults. Never throws for the text's content: see `problems`. */
export function configFromText(text: string, file: string, loc: ConfigLocation = {}): Config {
  const home = homeOf(loc);
  const config = defaultConfig(loc);
  config.file = file;
  const { entries, problems } = scanIni(text);
  for (const p of problems) {
    config.problems.push(configProblem({ severity: "error", file, line: p.line }, p.text));
  }
  const seen = new Map<string, number>();
  const values = config.values as Record<ConfigKey, unknown>;
  const once: WarnOnce | undefined = home
    ? { home, stateDir: userConfigDir(home), file, sha256: sha256Hex(new TextEncoder().encode(text)) }
    : undefined;
  for (const e of entries) {
    const known = (CONFIG_KEYS as Record<string, KeySpec<unknown>>)[e.key];
    if (!known) {
      const advice = RETIRED_KEYS[e.key];
      config.problems.push(configProblem(
        { severity: "warning", file, line: e.line, key: e.key, ...(advice && once ? { once } : {}) },
        advice ? msg("cli.ini.retired", { advice: msg(advice) }) : msg("cli.ini.unknownKey"),
      ));
      continue;
    }
    const before = seen.get(e.key);
    if (before !== undefined) {
      config.problems.push(
        configProblem(
          { severity: "warning", file, line: e.line, key: e.key },
          msg("cli.ini.setAgain", { line: before }),
        ),
      );
    }
    seen.set(e.key, e.line);
    const key = e.key as ConfigKey;
    try {
      values[key] = known.type.parse(e.value, { baseDir: dirname(file), home });
      config.origins[key] = { kind: "file", file, line: e.line };
      config.raw[key] = e.value;
    } catch (err) {
      values[key] = parseDefault(CONFIG_KEYS[key] as KeySpec<unknown>, home);
      config.origins[key] = { kind: "default" };
      delete config.raw[key];
      config.problems.push(
        configProblem({ severity: "error", file, line: e.line, key: e.key }, valueProblem(err)),
      );
    }
  }
  config.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return config;
}

/** Finds and reads the config. Content problems are in `problems`; an unreadable file throws. */
export function readConfig(loc: ConfigLocation = {}): Config {
  const file = findConfigFile(loc);
  if (!file) return defaultConfig(loc);
  let text: string;
  try {
    text = Deno.readTextFileSync(file);
  } catch (err) {
    throw new FatalError(msg("cli.ini.cannotRead", { file, error: errorMessage(err) }), { cause: err });
  }
  return configFromText(text, file, loc);
}

/** Throws a FatalError naming file, line and key if the config has an error. */
export function assertConfigValid(config: Config): void {
  const errors = config.problems.filter((p) => p.severity === "error");
  if (errors.length === 0) return;
  const first = errors[0];
  throw new FatalError(
    msg("cli.ini.bad", { where: problemPlace(first), problem: first.text ?? first.message }),
    {
      hint: errors.length > 1
        ? msg("cli.ini.badHintMore", { count: errors.length - 1 })
        : msg("cli.ini.badHint"),
    },
  );
}

/** Options for {@linkcode loadConfig}. */
export interface LoadOptions extends ConfigLocation {
  /** Told about each warning (unknown key, key set twice). */
  onWarning?: (problem: ConfigProblem) => void;
}

/**
 * Finds, reads and checks the config: errors throw FatalError, warnings go to `onWarning`. The
 * warnings about PyHardLinkBackup keys phlb does not use are left out (of `problems` too) once they
 * were shown for this file's content; {@linkcode readConfig} (`phlb config --show`) keeps them.
 */
export function loadConfig(options: LoadOptions = {}): Config {
  const config = readConfig(options);
  assertConfigValid(config);
  const once = config.problems.find((p) => p.once)?.once;
  if (once && wasShown(once)) config.problems = config.problems.filter((p) => !p.once);
  for (const p of config.problems) options.onWarning?.(p);
  return config;
}

/** Sets a key from a command-line flag: the flag wins over file and default. */
export function setFromFlag<K extends ConfigKey>(
  config: Config,
  key: K,
  options: { value: ConfigValues[K]; flag: string },
): void {
  config.values[key] = options.value;
  config.origins[key] = { kind: "flag", flag: options.flag };
}

/** Adds items to a list key from a command-line flag: the file's (or default) items stay. */
export function addFromFlag(
  config: Config,
  key: "SKIP_DIRS" | "SKIP_PATTERNS" | "EXCLUDE_IF_PRESENT",
  options: { items: string[]; flag: string },
): void {
  if (options.items.length === 0) return;
  config.values[key] = [...config.values[key], ...options.items];
  config.origins[key] = { kind: "flag", flag: options.flag, addedTo: config.origins[key] };
}

/**
 * The backup root every command uses: `explicit` (a DEST argument, relative to the working folder)
 * when given, else BACKUP_PATH from the config (see the search order above), else
 * `~/PyHardLinkBackups`. Config errors throw FatalError; warnings go to `onWarning`.
 */
export function resolveRoot(explicit?: string, options: LoadOptions = {}): string {
  if (explicit !== undefined && explicit !== "") return resolve(options.cwd ?? Deno.cwd(), explicit);
  return rootOf(loadConfig(options));
}

/** BACKUP_PATH of a loaded config; a UsageError when it is unknown for want of a home folder. */
export function rootOf(config: Config): string {
  const root = config.values.BACKUP_PATH;
  if (root === "") {
    throw new UsageError(msg("cli.ini.noHome"));
  }
  return root;
}
