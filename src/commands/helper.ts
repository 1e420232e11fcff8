/**
 * `phlb helper DIR`: writes the "back up this folder" scripts and an ini template into DIR.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { type Config, readConfig } from "../config/config.ts";
import { EXIT_CODES_HELP } from "../errors.ts";
import { HELPER_CMD, HELPER_SH, writeHelper } from "../helper/helper.ts";
import { helperTarget } from "../helper/launcher.ts";
import { out } from "../report/term.ts";
import { VERSION } from "../version.ts";
import type { CommandContext } from "./context.ts";

/** Builds the `helper` subcommand. */
export function helperCommand(_ctx: CommandContext) {
  return new Command("helper")
    .description(`write ${HELPER_SH} and ${HELPER_CMD} into DIR: each backs up the folder it is in`)
    .argument("<dir>", "the folder the scripts will back up")
    .addHelpText(
      "after",
      `
Also writes a PyHardLinkBackup.ini template into DIR, unless one exists (it is never overwritten).
The scripts run the phlb binary they were made with (made from source: the clone's launcher,
phlb or phlb.cmd), else \`phlb\` on PATH, and exit with phlb's exit code. The .cmd keeps its
window open when double-clicked; give it --no-pause in Task Scheduler.
${EXIT_CODES_HELP}`,
    )
    .action((dirArg) => {
      const dir = resolve(dirArg);
      // Which settings the folder used before a new ini beside the scripts takes over.
      let before: Config | undefined;
      try {
        before = readConfig({ cwd: dir });
      } catch { /* unreadable: nothing to compare */ }
      const os = Deno.build.os === "windows" ? "windows" : "posix";
      const target = helperTarget(os);
      const files = writeHelper(dir, {
        ...target,
        os,
        version: VERSION,
        inherit: before,
      });
      for (const f of files) {
        const what = f.status === "kept" ? "kept (exists; not changed)" : f.status;
        out(`${what.padEnd(8)} ${f.path}\n`);
      }
      out(
        target.phlbPath
          ? `The scripts run ${target.phlbPath} (else phlb on PATH).\n`
          : "The scripts run phlb from PATH.\n",
      );
      if (target.denoDir && os === "posix") {
        out(
          `${HELPER_SH} adds ${target.denoDir} to PATH: the launcher needs Deno there (cron's PATH is short).\n`,
        );
      }
      const ini = files[2];
      const copied = before?.file && ini.status === "created"
        ? Object.entries(before.origins).filter(([, o]) => o.kind === "file").map(([k]) => k)
        : [];
      if (copied.length > 0) {
        out(
          `Copied ${copied.join(", ")} from ${before!.file} into the new ini, which backups of this ` +
            `folder now use instead.\n`,
        );
      }
    });
}
