/**
 * Error types and exit codes shared by every command.
 *
 * Owns the mapping from outcomes to exit codes. Nothing here prints or exits:
 * `main.ts` turns these into one `error: …` line and a process exit code.
 * @module
 */

/** Process exit codes, documented at the end of every `--help` (src/commands/common.ts). */
export const ExitCode = {
  /** Done, everything as asked. */
  Ok: 0,
  /** Fatal error: nothing (or nothing more) was done. */
  Fatal: 1,
  /** Bad command line. */
  Usage: 2,
  /** Done, but some items failed; the log names each one. */
  ItemErrors: 3,
  /** `verify` found damage, or `add` found files that differ from their manifest. */
  Damage: 4,
  /** Interrupted by Ctrl-C or SIGTERM. */
  Interrupted: 130,
} as const;

/** Exit code type. */
export type ExitCode = typeof ExitCode[keyof typeof ExitCode];

/** A setup error that stops the whole command, e.g. a missing source or a held lock. */
export class FatalError extends Error {
  /** Optional hint printed after the error line, e.g. "run `phlb add` to rebuild it". */
  readonly hint?: string;
  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, { cause: options?.cause });
    this.name = "FatalError";
    this.hint = options?.hint;
  }
}

/** A bad command line: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The run was stopped by a signal; partial work is left marked as partial. */
export class InterruptedError extends Error {
  constructor(message = "interrupted") {
    super(message);
    this.name = "InterruptedError";
  }
}

/** One problem with one file or folder. The run records it and goes on. */
export interface ItemProblem {
  /** Path relative to the source (or snapshot), "/"-separated; "" for the top folder. */
  path: string;
  /** What went wrong, in words. */
  message: string;
  /** "error" makes the run end with exit code 3; "warning" does not. */
  severity: "error" | "warning";
}

/** Turns any thrown value into a one-line message without the stack. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
