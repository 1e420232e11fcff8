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
import { t } from "../i18n/messages.ts";
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
import { lockSettings, lockWaitHelp } from "./lock_options.ts";

/** Builds the `copy` subcommand. */
export function copyCommand(ctx: CommandContext) {
  return new Command("copy")
    .description(t("cli.copy.description"))
    .argument("<src_root>", t("cli.copy.arg.src"))
    .argument("[dest_root]", t("cli.copy.arg.dest"))
    .addOption(rootOption())
    .option("--name <name>", t("cli.copy.opt.name"), backupNameArg)
    .option("--since <id>", t("cli.copy.opt.since"))
    .addOption(dryRunOption(t("cli.copy.opt.dryRun")))
    .option("--lock-wait <duration>", lockWaitHelp())
    .addOption(jsonOption(t("cli.copy.opt.json")))
    .addOption(quietOption())
    .addOption(verboseOption(t("cli.copy.opt.verbose")))
    .addOption(racyWindowOption())
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.copy.help"),
        examples: [
          ["phlb copy ~/PyHardLinkBackups /media/offsite/backups", t("cli.copy.example.usb")],
          ["phlb copy /mnt/nas/backups -r /media/usb/backups -n", t("cli.copy.example.dryRun")],
          [
            "phlb copy /mnt/nas/backups /media/usb/backups --name Documents --since 2026-11-01-000000",
            t("cli.copy.example.since"),
          ],
          // i18n-ignore: a command line
          ["PHLB_ROOT=/media/usb/backups phlb copy /mnt/nas/backups -q", t("cli.copy.example.env")],
          ["phlb copy ~/PyHardLinkBackups /mnt/nas/backups --lock-wait 2h", t("cli.copy.example.lockWait")],
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
            [ExitCode.ItemErrors]: t("cli.copy.exit.itemErrors"),
            [ExitCode.Damage]: t("cli.copy.exit.damage"),
            [ExitCode.Interrupted]: t("cli.copy.exit.interrupted"),
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
          onLockWait: (holder, text) => printLockWait(text ?? holder, { waitMs: lock.waitMs, quiet }),
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
