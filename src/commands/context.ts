/**
 * What every subcommand gets from main.ts: a way to set the exit code, and the stop signal.
 * Also the one way commands find the backup root, so all of them agree: `-r/--root` first, then a
 * positional ROOT (DEST for backup), then the PHLB_ROOT environment variable, then BACKUP_PATH from
 * the PyHardLinkBackup.ini in use, then ~/PyHardLinkBackups.
 * @module
 */
import { resolve } from "node:path";
import { type Config, type ConfigLocation, loadConfig, rootOf } from "../config/config.ts";
import { type ExitCode, UsageError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { printConfigProblem } from "../report/config_report.ts";

/** Shared by all subcommands of one invocation. */
export interface CommandContext {
  /** Set by a command's action; main.ts exits with it. */
  exitCode: ExitCode;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
}

/** The environment variable that names the backup root, between the command line and the ini. */
export const ROOT_ENV = "PHLB_ROOT";

/** How a command line names the backup root. */
export interface RootArgs {
  /** The value of `-r/--root`. */
  flag?: string;
  /** The positional ROOT (`phlb add ROOT`) or DEST (`phlb backup SOURCE DEST`). */
  positional?: string;
  /** What the positional is called in help and messages; default "ROOT". */
  positionalName?: string;
}

/** Where to look for the config and the environment; defaults are the process's. For tests. */
export interface RootLocation extends ConfigLocation {
  /** The environment; default Deno.env (PHLB_ROOT only). */
  env?: Record<string, string | undefined>;
}

/** Where the root came from: the command line (it then bounds the arguments), or a default. */
export type RootOrigin = "flag" | "positional" | "env" | "config";

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** PHLB_ROOT, or undefined when it is unset, empty, or may not be read. */
export function rootFromEnv(where: RootLocation = {}): string | undefined {
  if (where.env) return nonEmpty(where.env[ROOT_ENV]);
  try {
    return nonEmpty(Deno.env.get(ROOT_ENV));
  } catch {
    return undefined;
  }
}

/**
 * Sets the config's BACKUP_PATH (and its origin, for `config --show` and `backup -v`) from the
 * command line and the environment, in the one order: flag > positional > PHLB_ROOT > the ini >
 * the default. A flag and a positional that name different folders are a usage error: a backup
 * tool must not guess which of two roots was meant. Returns where the root came from.
 */
export function applyRootArgs(config: Config, args: RootArgs, where: RootLocation = {}): RootOrigin {
  const cwd = where.cwd ?? Deno.cwd();
  const flag = nonEmpty(args.flag);
  const positional = nonEmpty(args.positional);
  const name = args.positionalName ?? "ROOT";
  if (flag !== undefined && positional !== undefined && resolve(cwd, flag) !== resolve(cwd, positional)) {
    throw new UsageError(msg("cli.root.twice", { name, positional, flag }));
  }
  const set = (value: string, origin: Config["origins"]["BACKUP_PATH"]) => {
    config.values.BACKUP_PATH = resolve(cwd, value);
    config.origins.BACKUP_PATH = origin;
  };
  if (flag !== undefined) {
    set(flag, { kind: "flag", flag: "--root" });
    return "flag";
  }
  if (positional !== undefined) {
    set(positional, { kind: "flag", flag: name });
    return "positional";
  }
  const env = rootFromEnv(where);
  if (env !== undefined) {
    set(env, { kind: "env", name: ROOT_ENV });
    return "env";
  }
  return "config";
}

/** The backup root of a command, the config it came with, and whether the command line gave it. */
export interface CommandRoot {
  /** The backup root (absolute; not checked to exist). */
  root: string;
  config: Config;
  /**
   * True when the command line named the root (-r or a positional): snapshot arguments must then
   * be in it. A root from PHLB_ROOT, the ini or the default is only where names are looked up.
   */
  given: boolean;
}

/**
 * The config and the backup root of a command (see the module's order). Loads the config once
 * and prints its warnings; config errors throw FatalError (exit 1), a flag and a positional that
 * disagree a UsageError (exit 2). `where` is for tests (default: the working folder, HOME, Deno.env).
 */
export function commandConfig(args: RootArgs = {}, where: RootLocation = {}): CommandRoot {
  const config = loadConfig({ ...where, onWarning: printConfigProblem });
  const origin = applyRootArgs(config, args, where);
  return { root: rootOf(config), config, given: origin === "flag" || origin === "positional" };
}
