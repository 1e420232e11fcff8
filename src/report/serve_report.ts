/**
 * What `phlb serve` prints: where it serves, the warning for a non-loopback address, and the stop.
 * @module
 */
import { err, out, styles } from "./term.ts";

/** The start lines: the URL on stdout (one line, easy to read by scripts), a warning on stderr. */
export function printServeStart(info: { url: string; root: string; exposedTo?: string }): void {
  if (info.exposedTo !== undefined) {
    const st = styles("stderr");
    err(
      `${st.yellow("warning")}: listening on ${info.exposedTo}: anyone who can reach that address can read ` +
        `every file of these backups (there is no login)\n`,
    );
  }
  out(`phlb serve: ${info.root} read-only at ${info.url}\n`);
  out("(Ctrl-C stops it)\n");
}

/** The line after a clean stop. */
export function printServeStopped(): void {
  err("phlb serve: stopped\n");
}
