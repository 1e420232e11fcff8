/**
 * What every subcommand gets from main.ts: a way to set the exit code, and the stop signal.
 * Also the one way commands find the backup root, so all of them agree with `phlb backup`.
 * @module
 */
import { resolveRoot, userHome } from "../config/config.ts";
import type { ExitCode } from "../errors.ts";
import { printConfigProblem } from "../report/config_report.ts";

/** Shared by all subcommands of one invocation. */
export interface CommandContext {
  /** Set by a command's action; main.ts exits with it. */
  exitCode: ExitCode;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
}

/** The user's home folder, or undefined when the environment has none. */
export function homeDir(): string | undefined {
  return userHome();
}

/**
 * The backup root for a command: `explicit` (a DEST/ROOT argument) when given, else BACKUP_PATH
 * from the PyHardLinkBackup.ini in use, else ~/PyHardLinkBackups. Config warnings are printed;
 * config errors throw FatalError (exit 1).
 */
export function backupRoot(explicit?: string): string {
  return resolveRoot(explicit, { onWarning: printConfigProblem });
}
