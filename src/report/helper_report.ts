/**
 * What `phlb helper` prints: each file written or kept, which phlb the scripts run, and the
 * settings copied into a new ini; or the same as JSON.
 * @module
 */
import { HELPER_SH, type HelperFile } from "../helper/helper.ts";
import { out } from "./term.ts";

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
    const what = f.status === "kept" ? "kept (exists; not changed)" : f.status;
    out(`${what.padEnd(8)} ${f.path}\n`);
  }
  out(
    r.phlbPath ? `The scripts run ${r.phlbPath} (else phlb on PATH).\n` : "The scripts run phlb from PATH.\n",
  );
  if (r.denoDir) {
    out(`${HELPER_SH} adds ${r.denoDir} to PATH: the launcher needs Deno there (cron's PATH is short).\n`);
  }
  if (r.copied.length > 0) {
    out(
      `Copied ${r.copied.join(", ")} from ${r.copiedFrom} into the new ini, which backups of this ` +
        `folder now use instead.\n`,
    );
  }
}
