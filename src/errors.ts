/**
 * Error types and exit codes shared by every command.
 *
 * Owns the mapping from outcomes to exit codes. Nothing here prints or exits:
 * `main.ts` turns these into one `error: …` line and a process exit code.
 * @module
 */

import type { Msg } from "./i18n/messages.ts";

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
  readonly hint?: string | Msg;
  /** The message as a catalogue text, shown in the run's language; `message` is its English. */
  readonly text?: Msg;
  constructor(message: string | Msg, options?: { cause?: unknown; hint?: string | Msg }) {
    super(String(message), { cause: options?.cause });
    this.name = "FatalError";
    this.hint = options?.hint;
    if (typeof message !== "string") this.text = message;
  }
}

/** A bad command line: exit code 2. */
export class UsageError extends Error {
  /** The message as a catalogue text, shown in the run's language; `message` is its English. */
  readonly text?: Msg;
  constructor(message: string | Msg) {
    super(String(message));
    this.name = "UsageError";
    if (typeof message !== "string") this.text = message;
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
  /** What went wrong, in words: English (the log is English everywhere). */
  message: string;
  /** The same as a catalogue text, which the terminal shows in the run's language. */
  text?: Msg;
  /** "error" makes the run end with exit code 3; "warning" does not. */
  severity: "error" | "warning";
}

/**
 * An item problem from a catalogue text: `message` is its English (for the log), `text` the text
 * the terminal shows in the run's language.
 */
export function itemProblem(path: string, severity: ItemProblem["severity"], text: Msg): ItemProblem {
  return { path, severity, message: String(text), text };
}

/** What a person reads for an error: its catalogue text in the run's language, else its message. */
export function shownMessage(err: unknown): string {
  if ((err instanceof FatalError || err instanceof UsageError) && err.text) return err.text.in();
  return errorMessage(err);
}

/** Turns any thrown value into a one-line message without the stack. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
