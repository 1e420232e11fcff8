/**
 * `phlb add` (alias `phlb rebuild`): flags → add options → run → report.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode } from "../errors.ts";
import { t } from "../i18n/messages.ts";
import {
  dryRunOption,
  exitCodesHelp,
  helpAfter,
  jsonOption,
  quietOption,
  rootOption,
  verboseOption,
} from "./common.ts";
import { runAdd } from "../add/add.ts";
import { addReporter, printAddSummary } from "../report/add_report.ts";
import { commandConfig, type CommandContext } from "./context.ts";
import { lockSettings, lockWaitHelp } from "./lock_options.ts";
import { printLockNotice, printLockWait } from "../report/lock_report.ts";

/** Builds the `add` subcommand. */
export function addCommand(ctx: CommandContext) {
  return new Command("add")
    .alias("rebuild")
    .description(t("cli.add.description"))
    .argument("[root]", t("cli.arg.rootAsWithRoot"))
    .addOption(rootOption())
    .addOption(dryRunOption(t("cli.add.opt.dryRun")))
    .addOption(jsonOption())
    .addOption(quietOption())
    .addOption(verboseOption(t("cli.add.opt.verbose")))
    .option("--lock-wait <duration>", lockWaitHelp())
    .option("--drop-legacy-files", t("cli.add.opt.dropLegacy"))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.add.help"),
        examples: [
          ["phlb add", t("cli.add.example.record")],
          ["phlb add /mnt/backup -n", t("cli.add.example.dryRun")],
          ["phlb add --drop-legacy-files", t("cli.add.example.dropLegacy")],
          // i18n-ignore: a command line
          ["rm -rf /mnt/backup/.phlb && phlb rebuild /mnt/backup", t("cli.add.example.rebuild")],
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
            [ExitCode.Damage]: t("cli.add.exit.damage"),
            [ExitCode.Interrupted]: t("cli.add.exit.interrupted"),
          },
        ),
      }),
    )
    .action(async (rootArg, opts) => {
      const { root, config } = commandConfig({ flag: opts.root, positional: rootArg });
      const lock = lockSettings(config, opts.lockWait);
      const reporter = addReporter({
        quiet: opts.quiet,
        verbose: opts.verbose,
        json: opts.json,
        dryRun: opts.dryRun,
      });
      try {
        const summary = await runAdd({
          root,
          dryRun: opts.dryRun ?? false,
          timestampFormat: config.values.SUB_DIR_FORMATTER,
          maxLinks: config.values.MAX_LINKS,
          dropLegacyFiles: opts.dropLegacyFiles ?? false,
          lock,
          signal: ctx.signal,
        }, {
          ...reporter,
          onLockWait: (holder, text) =>
            printLockWait(text ?? holder, { waitMs: lock.waitMs, quiet: opts.quiet }),
          onNotice: (message, text) => printLockNotice(text ?? message, { quiet: opts.quiet }),
        });
        reporter.done();
        printAddSummary(summary, {
          quiet: opts.quiet,
          json: opts.json,
          dropLegacyFiles: opts.dropLegacyFiles,
        });
        ctx.exitCode = summary.damage > 0
          ? ExitCode.Damage
          : summary.errors > 0
          ? ExitCode.ItemErrors
          : ExitCode.Ok;
      } finally {
        reporter.done();
      }
    });
}
