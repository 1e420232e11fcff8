/**
 * What a command that writes a root says while it waits for the root's lock (--lock-wait).
 * @module
 */
import { localize, type MessageKey, type Msg, t } from "../i18n/messages.ts";
import { err, styles } from "./term.ts";

const UNITS: [MessageKey, number][] = [
  ["cli.unit.days", 86400],
  ["cli.unit.hours", 3600],
  ["cli.unit.minutes", 60],
  ["cli.unit.seconds", 1],
];

/** "2 hours 30 minutes" / "2 Stunden 30 Minuten" (the words of durations.ts's elapsedDurationWords). */
function waitWords(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  let rest = Math.round(ms / 1000);
  const words: string[] = [];
  for (const [key, secs] of UNITS) {
    const n = Math.floor(rest / secs);
    rest -= n * secs;
    if (n > 0) words.push(t(key, { count: n }));
  }
  return words.join(" ");
}

/** One line on stderr: who holds the root, and how long this run waits for it. */
export function printLockWait(holder: string | Msg, options: { waitMs: number; quiet?: boolean }): void {
  if (options.quiet) return;
  const st = styles("stderr");
  err(
    `${st.dim(t("cli.lock.waiting"))} ${
      t("cli.lock.waitingFor", { holder: localize(holder), duration: waitWords(options.waitMs) })
    }\n`,
  );
}

/** A warning on stderr about the lock (a stale one taken over): a core notice, in the run's language. */
export function printLockNotice(message: string | Msg, options: { quiet?: boolean } = {}): void {
  if (options.quiet) return;
  err(`${styles("stderr").yellow(t("common.warning"))}: ${localize(message)}\n`);
}
