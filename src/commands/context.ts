/**
 * What every subcommand gets from main.ts: a way to set the exit code, and the stop signal.
 * @module
 */
import type { ExitCode } from "../errors.ts";

/** Shared by all subcommands of one invocation. */
export interface CommandContext {
  /** Set by a command's action; main.ts exits with it. */
  exitCode: ExitCode;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
}

/** The user's home folder, or undefined when the environment has none. */
export function homeDir(): string | undefined {
  try {
    return Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE");
  } catch {
    return undefined;
  }
}
