/**
 * What every subcommand gets from main.ts: a way to set the exit code, and the stop signal.
 * Also the one way commands find the backup root, so all of them agree with `phlb backup`.
 * @module
 */
import { type Config, type ConfigLocation, loadConfig, resolveRoot, rootOf } from "../config/config.ts";
import type { ExitCode } from "../errors.ts";
import { printConfigProblem } from "../report/config_report.ts";

/** Shared by all subcommands of one invocation. */
export interface CommandContext {
  /** Set by a command's action; main.ts exits with it. */
  exitCode: ExitCode;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
}

/**
 * The backup root for a command: `explicit` (a DEST/ROOT argument) when given, else BACKUP_PATH
 * from the PyHardLinkBackup.ini in use, else ~/PyHardLinkBackups. Config warnings are printed;
 * config errors throw FatalError (exit 1).
 */
export function backupRoot(explicit?: string): string {
  return resolveRoot(explicit, { onWarning: printConfigProblem });
}

/**
 * The config and the backup root, for commands that need more settings than the root (e.g. the
 * snapshot name format `config.values.SUB_DIR_FORMATTER`, which listing snapshots needs). Loads the
 * config once and prints its warnings; `explicitRoot` (a DEST/ROOT argument) wins over BACKUP_PATH.
 * `where` is for tests (default: the working folder and HOME).
 */
export function commandConfig(
  explicitRoot?: string,
  where: ConfigLocation = {},
): { root: string; config: Config } {
  const config = loadConfig({ ...where, onWarning: printConfigProblem });
  const root = explicitRoot !== undefined && explicitRoot !== ""
    ? resolveRoot(explicitRoot, where)
    : rootOf(config);
  return { root, config };
}
