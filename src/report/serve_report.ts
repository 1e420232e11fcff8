/**
 * What `phlb serve` prints: where it serves, the warning for a non-loopback address, and the stop.
 * @module
 */
import { t } from "../i18n/messages.ts";
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
    err(`${st.yellow(t("common.warning"))}: ${t("web.serve.exposed", { address: info.exposedTo })}\n`);
  }
  if (options.json) {
    out(JSON.stringify({ url: info.url, root: info.root, exposed: info.exposedTo !== undefined }) + "\n");
    return;
  }
  // The URL is the first "http://" of the output in every language (tests/serve_fixture.ts reads it).
  // One write for both lines: a reader that stops at the URL line has the hint too.
  const hint = options.quiet ? "" : `${t("web.serve.stopHint")}\n`;
  out(`${t("web.serve.start", { root: info.root, url: info.url })}\n${hint}`);
}

/** The line after a clean stop. */
export function printServeStopped(options: ServeReportOptions = {}): void {
  if (!options.quiet && !options.json) err(`${t("web.serve.stopped")}\n`);
}
