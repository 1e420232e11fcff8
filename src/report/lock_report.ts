/**
 * What a command that writes a root says while it waits for the root's lock (--lock-wait).
 * @module
 */
import { elapsedDurationWords } from "../durations.ts";
import { err, styles } from "./term.ts";

/** One line on stderr: who holds the root, and how long this run waits for it. */
export function printLockWait(holder: string, options: { waitMs: number; quiet?: boolean }): void {
  if (options.quiet) return;
  const st = styles("stderr");
  err(
    `${st.dim("waiting")} for the backup root: ${holder} holds it (waiting up to ${
      elapsedDurationWords(options.waitMs)
    })\n`,
  );
}

/** A warning on stderr about the lock (a stale one taken over). */
export function printLockNotice(message: string, options: { quiet?: boolean } = {}): void {
  if (options.quiet) return;
  err(`${styles("stderr").yellow("warning")}: ${message}\n`);
}
