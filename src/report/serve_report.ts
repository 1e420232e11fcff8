/**
 * What `phlb serve` prints: where it serves, the warning for a non-loopback address, and the stop.
 * @module
 */
import { err, out, styles } from "./term.ts";

/** Output switches of `phlb serve`. */
export interface ServeReportOptions {
  /** The address as one JSON line. */
  json?: boolean;
  /** Only the address line (and the warning for a non-loopback address). */
  quiet?: boolean;
}

/** The start lines: the URL on stdout (one line, easy to read by scripts), a warning on stderr. */
export function printServeStart(
  info: { url: string; root: string; exposedTo?: string },
  options: ServeReportOptions = {},
): void {
  if (info.exposedTo !== undefined) {
    const st = styles("stderr");
    err(
      `${st.yellow("warning")}: listening on ${info.exposedTo}: anyone who can reach that address can read ` +
        `every file of these backups (there is no login)\n`,
    );
  }
  if (options.json) {
    out(JSON.stringify({ url: info.url, root: info.root, exposed: info.exposedTo !== undefined }) + "\n");
    return;
  }
  out(`phlb serve: ${info.root} read-only at ${info.url}\n`);
  if (!options.quiet) out("(Ctrl-C stops it)\n");
}

/** The line after a clean stop. */
export function printServeStopped(options: ServeReportOptions = {}): void {
  if (!options.quiet && !options.json) err("phlb serve: stopped\n");
}
