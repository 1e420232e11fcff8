/**
 * What a command that writes a root says while it waits for the root's lock (--lock-wait).
 * @module
 */
import { localize, type Msg, t } from "../i18n/messages.ts";
import { formatElapsedWords } from "./format.ts";
import { err, styles } from "./term.ts";

/** One line on stderr: who holds the root, and how long this run waits for it. */
export function printLockWait(holder: string | Msg, options: { waitMs: number; quiet?: boolean }): void {
  if (options.quiet) return;
  const st = styles("stderr");
  err(
    `${st.dim(t("cli.lock.waiting"))} ${
      t("cli.lock.waitingFor", { holder: localize(holder), duration: formatElapsedWords(options.waitMs) })
    }\n`,
  );
}

/** A warning on stderr about the lock (a stale one taken over): a core notice, in the run's language. */
export function printLockNotice(message: string | Msg, options: { quiet?: boolean } = {}): void {
  if (options.quiet) return;
  err(`${styles("stderr").yellow(t("common.warning"))}: ${localize(message)}\n`);
}
