/**
 * `phlb restore SNAPSHOT[/SUBPATH] TARGET`: copy a snapshot (or part of it) back out, checked.
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { ExitCode, UsageError } from "../errors.ts";
import { msg, t } from "../i18n/messages.ts";
import {
  collect,
  dryRunOption,
  exitCodesHelp,
  helpAfter,
  jsonOption,
  quietOption,
  rootOption,
  verboseOption,
} from "./common.ts";
import { compileGlob } from "../fs/glob.ts";
import { printRestoreSummary, restoreReporter } from "../report/restore_report.ts";
import { type OverwriteMode, runRestore } from "../restore/restore.ts";
import { resolveSnapshotRef } from "../store/ref.ts";
import { commandConfig, type CommandContext } from "./context.ts";

function globs(patterns: string[], flag: string) {
  return patterns.map((g) => {
    try {
      return compileGlob(g);
    } catch (e) {
      throw new UsageError(msg("cli.restore.badGlob", { flag, glob: g, error: (e as Error).message }));
    }
  });
}

/** Builds the `restore` subcommand. */
export function restoreCommand(ctx: CommandContext) {
  return new Command("restore")
    .description(t("cli.restore.description"))
    .argument("<snapshot>", t("cli.restore.arg.snapshot"))
    .argument("<target>", t("cli.restore.arg.target"))
    .addOption(rootOption())
    .option("--include <glob>", t("cli.restore.opt.include"), collect)
    .option("--exclude <glob>", t("cli.restore.opt.exclude"), collect)
    .addOption(
      new Option("--overwrite <mode>", t("cli.restore.opt.overwrite"))
        .choices(["never", "if-newer", "always"] as const),
    )
    .option("--unsafe-target", t("cli.restore.opt.unsafeTarget"))
    .addOption(dryRunOption(t("cli.restore.opt.dryRun")))
    .addOption(jsonOption())
    .addOption(quietOption())
    .addOption(verboseOption(t("cli.restore.opt.verbose")))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.restore.help"),
        examples: [
          ["phlb restore Documents@latest ~/Documents-restored", ""],
          ["phlb restore Documents@2026-11-28-101500/letters ~/letters --include '*.odt'", ""],
          ["phlb restore /media/usb/backups/Photos/2026-11-28-101500 ~/Photos --overwrite if-newer", ""],
          ["phlb restore Photos@latest /tmp/p -r /mnt/backup -n", t("cli.restore.example.dryRun")],
        ],
        exitCodes: exitCodesHelp(
          [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.ItemErrors, ExitCode.Interrupted],
          {
            [ExitCode.ItemErrors]: t("cli.restore.exit.itemErrors"),
            [ExitCode.Interrupted]: t("cli.restore.exit.interrupted"),
          },
        ),
      }),
    )
    .action(async (snapshot, target, opts) => {
      const { root, config } = commandConfig({ flag: opts.root });
      const ref = resolveSnapshotRef(snapshot, {
        root: () => root,
        timestampFormat: config.values.SUB_DIR_FORMATTER,
      });
      const reporter = restoreReporter({ quiet: opts.quiet, verbose: opts.verbose, json: opts.json });
      try {
        const summary = await runRestore({
          snapshot: ref,
          target,
          includes: globs(opts.include ?? [], "--include"),
          excludes: globs(opts.exclude ?? [], "--exclude"),
          overwrite: (opts.overwrite ?? "never") as OverwriteMode,
          dryRun: opts.dryRun ?? false,
          unsafeTarget: opts.unsafeTarget ?? false,
          signal: ctx.signal,
        }, reporter);
        reporter.done();
        printRestoreSummary(summary, { quiet: opts.quiet, json: opts.json });
        ctx.exitCode = summary.errors > 0 ? ExitCode.ItemErrors : ExitCode.Ok;
      } finally {
        reporter.done();
      }
    });
}
