/**
 * What `phlb helper` prints: each file written or kept, which phlb the scripts run, and the
 * settings copied into a new ini; or the same as JSON.
 * @module
 */
import { HELPER_SH, type HelperFile } from "../helper/helper.ts";
import { type MessageKey, t } from "../i18n/messages.ts";
import { out } from "./term.ts";

const STATUS: Record<HelperFile["status"], MessageKey> = {
  created: "cli.helper.report.created",
  replaced: "cli.helper.report.replaced",
  kept: "cli.helper.report.kept",
};

/** What `phlb helper` did. */
export interface HelperResult {
  files: HelperFile[];
  /** The phlb the scripts run, when not the one on PATH. */
  phlbPath?: string;
  /** The folder the .sh adds to PATH for Deno (launcher runs only). */
  denoDir?: string;
  /** Keys copied from the ini the folder used before into the new one. */
  copied: string[];
  copiedFrom?: string;
}

/** Prints the files and notes (JSON with `json`; nothing with `quiet`, whose problems are errors). */
export function printHelperResult(r: HelperResult, options: { json?: boolean; quiet?: boolean }): void {
  if (options.json) {
    out(JSON.stringify(r, null, 2) + "\n");
    return;
  }
  if (options.quiet) return;
  for (const f of r.files) {
    out(`${t(STATUS[f.status]).padEnd(8)} ${f.path}\n`);
  }
  out(
    `${r.phlbPath ? t("cli.helper.report.runs", { path: r.phlbPath }) : t("cli.helper.report.runsPath")}\n`,
  );
  if (r.denoDir) out(`${t("cli.helper.report.denoDir", { sh: HELPER_SH, dir: r.denoDir })}\n`);
  if (r.copied.length > 0) {
    out(`${t("cli.helper.report.copied", { keys: r.copied.join(", "), file: r.copiedFrom ?? "" })}\n`);
  }
}
