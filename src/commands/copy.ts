/**
 * `phlb copy SRC_ROOT DEST_ROOT`: flags → copy options → run → report → exit code.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { loadConfig } from "../config/config.ts";
import { runCopy } from "../copy/copy.ts";
import { EXIT_CODES_HELP, ExitCode } from "../errors.ts";
import { printConfigProblem } from "../report/config_report.ts";
import { copyReporter, printCopySummary } from "../report/copy_report.ts";
import { printLockWait } from "../report/lock_report.ts";
import type { CommandContext } from "./context.ts";
import { LOCK_WAIT_HELP, lockSettings } from "./lock_options.ts";

/** Builds the `copy` subcommand. */
export function copyCommand(ctx: CommandContext) {
  return new Command("copy")
    .description(
      "copy the snapshots of one backup root to another (a second disk, a NAS), oldest first, keeping " +
        "their names and IDs; unchanged and duplicate files are hardlinks there too",
    )
    .argument("<src_root>", "the backup root to copy from")
    .argument("<dest_root>", "the backup root to copy to (made when missing)")
    .option("--name <name>", "only this backup name (default: every name)")
    .option("--since <id>", "only snapshots taken at or after snapshot ID, e.g. 2026-11-28-101500")
    .option("-n, --dry-run", "show which snapshots would be copied; write nothing")
    .option("--lock-wait <duration>", LOCK_WAIT_HELP)
    .option("--json", "print the summary as JSON on stdout")
    .option("-q, --quiet", "print only errors")
    .option("-v, --verbose", "also list skipped snapshots and run details")
    .addHelpText(
      "after",
      `
Each snapshot is written at DEST as a backup would write it (.partial until complete): files
unchanged since DEST's previous snapshot are linked unread, content DEST holds already is linked,
and only new content is copied. Every file copied is hashed and checked against the source
snapshot's manifest: a difference is damage at the source; that snapshot stays .partial at DEST
and the exit code is 4. Snapshots complete at DEST are skipped, so an interrupted copy is simply
run again. Memory does not grow with the number of hardlinks.

Examples:
  phlb copy ~/PyHardLinkBackups /media/offsite/backups
  phlb copy /mnt/nas/backups /media/usb/backups --name Documents --since 2026-11-01-000000
${EXIT_CODES_HELP}`,
    )
    .action(async (srcRoot, destRoot, opts) => {
      const config = loadConfig({ onWarning: opts.quiet ? undefined : printConfigProblem });
      const lock = lockSettings(config, opts.lockWait);
      const reporter = copyReporter({ quiet: opts.quiet, verbose: opts.verbose, json: opts.json });
      try {
        const summary = await runCopy({
          source: resolve(srcRoot),
          dest: resolve(destRoot),
          name: opts.name,
          since: opts.since,
          dryRun: opts.dryRun ?? false,
          timestampFormat: config.values.SUB_DIR_FORMATTER,
          maxLinks: config.values.MAX_LINKS,
          newFolderMode: config.values.DEFAULT_NEW_PATH_MODE,
          lock,
          signal: ctx.signal,
        }, {
          ...reporter,
          onLockWait: (holder) => printLockWait(holder, { waitMs: lock.waitMs, quiet: opts.quiet }),
        });
        reporter.done();
        printCopySummary(summary, { quiet: opts.quiet, json: opts.json });
        ctx.exitCode = summary.damaged > 0
          ? ExitCode.Damage
          : summary.errors > 0
          ? ExitCode.ItemErrors
          : ExitCode.Ok;
      } finally {
        reporter.done();
      }
    });
}
