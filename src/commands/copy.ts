/**
 * `phlb copy SRC_ROOT [DEST_ROOT]`: flags → copy options → run → report → exit code. DEST_ROOT is the
 * root the copy writes, chosen as backup's DEST is (`-r`, the argument, PHLB_ROOT, BACKUP_PATH, the
 * default): like a backup, a copy brings snapshots from somewhere (SRC_ROOT) into the root.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { loadConfig, rootOf } from "../config/config.ts";
import { runCopy } from "../copy/copy.ts";
import { ExitCode } from "../errors.ts";
import { copyReporter, printCopySummary } from "../report/copy_report.ts";
import { printLockWait } from "../report/lock_report.ts";
import { printConfigProblem } from "../report/config_report.ts";
import {
  backupNameArg,
  dryRunOption,
  exitCodesHelp,
  helpAfter,
  jsonOption,
  quietOption,
  racyWindowOption,
  rootOption,
  verboseOption,
} from "./common.ts";
import { applyRootArgs, type CommandContext } from "./context.ts";
import { LOCK_WAIT_HELP, lockSettings } from "./lock_options.ts";

/** Builds the `copy` subcommand. */
export function copyCommand(ctx: CommandContext) {
  return new Command("copy")
    .description(
      "copy the snapshots of one backup root into another (a second disk, a NAS), oldest first, keeping " +
        "their names and IDs; unchanged and duplicate files are hardlinks there too",
    )
    .argument("<src_root>", "the backup root to copy from")
    .argument("[dest_root]", "the backup root to copy into, as with --root (made when missing)")
    .addOption(rootOption())
    .option("--name <name>", "only this backup name (default: every name)", backupNameArg)
    .option("--since <id>", "only snapshots taken at or after snapshot ID, e.g. 2026-11-28-101500")
    .addOption(dryRunOption("show which snapshots would be copied and which skipped; write nothing"))
    .option("--lock-wait <duration>", LOCK_WAIT_HELP)
    .addOption(jsonOption("print the plan and what was copied as JSON on stdout (problems stay on stderr)"))
    .addOption(quietOption())
    .addOption(verboseOption("also list the skipped snapshots and the run details (fidelity, the lock)"))
    .addOption(racyWindowOption())
    .addHelpText(
      "after",
      helpAfter({
        text: `
DEST_ROOT is the root the copy writes into, found as backup's DEST is: DEST_ROOT or --root, else
$PHLB_ROOT, else BACKUP_PATH, else ~/PyHardLinkBackups. SRC_ROOT is always given.

Each snapshot is written at DEST as a backup would write it (.partial until complete): files
unchanged since DEST's previous snapshot are linked unread, content DEST holds already is linked,
and only new content is copied. Every file copied is hashed and checked against the source
snapshot's manifest: a difference is damage at the source; that snapshot stays .partial at DEST
and the exit code is 4. Snapshots complete at DEST are skipped, so an interrupted copy is simply
run again. Memory does not grow with the number of hardlinks. DEST's lock is held for the whole
copy; --lock-wait waits for it (m is minutes: 30m = 30 minutes).`,
        examples: [
          ["phlb copy ~/PyHardLinkBackups /media/offsite/backups", "every snapshot not yet at the USB disk"],
          ["phlb copy /mnt/nas/backups -r /media/usb/backups -n", "what would be copied"],
          [
            "phlb copy /mnt/nas/backups /media/usb/backups --name Documents --since 2026-11-01-000000",
            "one name, from November on",
          ],
          ["PHLB_ROOT=/media/usb/backups phlb copy /mnt/nas/backups -q", "into $PHLB_ROOT; one line"],
          [
            "phlb copy ~/PyHardLinkBackups /mnt/nas/backups --lock-wait 2h",
            "wait while a backup writes there",
          ],
        ],
        exitCodes: exitCodesHelp(
          [
            ExitCode.Ok,
            ExitCode.Fatal,
            ExitCode.Usage,
            ExitCode.ItemErrors,
            ExitCode.Damage,
            ExitCode.Interrupted,
          ],
          {
            [ExitCode.ItemErrors]: "copied, but some items failed (each is named, and in the snapshot's log)",
            [ExitCode.Damage]:
              "a source snapshot is damaged (files differ from its manifest): its copy stays .partial",
            [ExitCode.Interrupted]:
              "interrupted (Ctrl-C or SIGTERM): the snapshot being copied stays .partial",
          },
        ),
      }),
    )
    .action(async (srcRoot, destRoot, opts) => {
      const quiet = opts.quiet;
      const config = loadConfig({ onWarning: quiet ? undefined : printConfigProblem });
      applyRootArgs(config, { flag: opts.root, positional: destRoot, positionalName: "DEST_ROOT" });
      const lock = lockSettings(config, opts.lockWait);
      const reporter = copyReporter({ quiet, verbose: opts.verbose, json: opts.json });
      try {
        const summary = await runCopy({
          source: resolve(srcRoot),
          dest: rootOf(config),
          name: opts.name,
          since: opts.since,
          dryRun: opts.dryRun ?? false,
          timestampFormat: config.values.SUB_DIR_FORMATTER,
          maxLinks: config.values.MAX_LINKS,
          newFolderMode: config.values.DEFAULT_NEW_PATH_MODE,
          racyWindowMs: opts.racyWindowMs,
          lock,
          signal: ctx.signal,
        }, {
          ...reporter,
          onLockWait: (holder) => printLockWait(holder, { waitMs: lock.waitMs, quiet }),
        });
        reporter.done();
        printCopySummary(summary, { quiet, json: opts.json });
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
