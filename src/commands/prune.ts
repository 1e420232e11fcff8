/**
 * `phlb prune`: remove snapshots by retention rules (restic `forget` semantics), exactly accounted.
 * @module
 */
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { ExitCode, UsageError } from "../errors.ts";
import { msg, t } from "../i18n/messages.ts";
import {
  backupNameArg,
  dryRunOption,
  exitCodesHelp,
  helpAfter,
  jsonOption,
  quietOption,
  rootOption,
  verboseOption,
} from "./common.ts";
import { parseCalendarDuration } from "../durations.ts";
import { isEmptyPolicy, type RetentionPolicy } from "../prune/policy.ts";
import { runPrune } from "../prune/prune.ts";
import { printPruneResult, pruneReporter } from "../report/prune_report.ts";
import { type ConfigValues, keepCountValue } from "../config/keys.ts";
import { commandConfig, type CommandContext } from "./context.ts";
import { lockSettings, lockWaitHelp } from "./lock_options.ts";
import { printLockNotice, printLockWait } from "../report/lock_report.ts";

/** The keep rules of the config's KEEP_* keys. */
function configPolicy(values: ConfigValues): RetentionPolicy {
  return {
    last: values.KEEP_LAST,
    hourly: values.KEEP_HOURLY,
    daily: values.KEEP_DAILY,
    weekly: values.KEEP_WEEKLY,
    monthly: values.KEEP_MONTHLY,
    yearly: values.KEEP_YEARLY,
    within: values.KEEP_WITHIN,
  };
}

/** A --keep-* count, parsed as the KEEP_* keys are: a whole number or `unlimited` (-1). */
function count(value: string): number {
  let n: number | undefined;
  try {
    n = keepCountValue.parse(value, { baseDir: "." });
  } catch {
    // The key's message offers "nothing" too, which an option cannot take.
  }
  if (n === undefined) throw new InvalidArgumentError(t("cli.prune.badCount"));
  return n;
}

/** Builds the `prune` subcommand. */
export function pruneCommand(ctx: CommandContext) {
  return new Command("prune")
    .description(t("cli.prune.description"))
    .argument("[root]", t("cli.arg.rootAsWithRoot"))
    .addOption(rootOption())
    .addOption(new Option("--name <name>", t("cli.prune.opt.name")).argParser(backupNameArg))
    .option("--keep-last <n>", t("cli.prune.opt.keepLast"), count)
    .option("--keep-hourly <n>", t("cli.prune.opt.keepHourly"), count)
    .option("--keep-daily <n>", t("cli.prune.opt.keepDaily"), count)
    .option("--keep-weekly <n>", t("cli.prune.opt.keepWeekly"), count)
    .option("--keep-monthly <n>", t("cli.prune.opt.keepMonthly"), count)
    .option("--keep-yearly <n>", t("cli.prune.opt.keepYearly"), count)
    .option("--keep-within <duration>", t("cli.prune.opt.keepWithin"))
    .option("--lock-wait <duration>", lockWaitHelp())
    .addOption(dryRunOption(t("cli.prune.opt.dryRun")))
    .addOption(jsonOption(t("cli.prune.opt.json")))
    .addOption(quietOption())
    .addOption(verboseOption(t("cli.prune.opt.verbose")))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.prune.help"),
        examples: [
          ["phlb prune --keep-daily 7 --keep-weekly 4 --keep-monthly 12 --dry-run", ""],
          ["phlb prune /mnt/backup --keep-daily 7", t("cli.prune.example.rootArg")],
          ["phlb prune --name Photos --keep-within 1y6m", t("cli.prune.example.within")],
          ["phlb prune -q", t("cli.prune.example.quiet")],
        ],
        exitCodes: exitCodesHelp(
          [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.ItemErrors, ExitCode.Interrupted],
          {
            [ExitCode.ItemErrors]: t("cli.prune.exit.itemErrors"),
            [ExitCode.Interrupted]: t("cli.prune.exit.interrupted"),
          },
        ),
      }),
    )
    .action(async (rootArg, opts) => {
      let within;
      if (opts.keepWithin !== undefined) {
        try {
          within = parseCalendarDuration(opts.keepWithin);
        } catch (e) {
          throw new UsageError(
            msg("cli.prune.badKeepWithin", { error: (e as UsageError).text ?? (e as Error).message }),
          );
        }
      }
      const { root, config } = commandConfig({ flag: opts.root, positional: rootArg });
      const lock = lockSettings(config, opts.lockWait);
      let policy: RetentionPolicy = {
        last: opts.keepLast,
        hourly: opts.keepHourly,
        daily: opts.keepDaily,
        weekly: opts.keepWeekly,
        monthly: opts.keepMonthly,
        yearly: opts.keepYearly,
        within,
      };
      // Flags replace the config's rules as a whole: a command line says the complete policy, even
      // one that is all zeros (then no rule is left, a usage error).
      const flagGiven = [opts.keepLast, opts.keepHourly, opts.keepDaily, opts.keepWeekly, opts.keepMonthly]
        .concat([opts.keepYearly]).some((v) => v !== undefined) || within !== undefined;
      if (!flagGiven) policy = configPolicy(config.values);
      if (isEmptyPolicy(policy)) {
        throw new UsageError(msg("cli.prune.noRule"));
      }
      const report = {
        json: opts.json,
        quiet: opts.quiet,
        verbose: opts.verbose,
        dryRun: opts.dryRun ?? false,
        policy,
      };
      const result = await runPrune({
        root,
        timestampFormat: config.values.SUB_DIR_FORMATTER,
        name: opts.name,
        policy,
        dryRun: opts.dryRun ?? false,
        lock,
        signal: ctx.signal,
      }, {
        ...pruneReporter(report),
        onLockWait: (holder, text) =>
          printLockWait(text ?? holder, { waitMs: lock.waitMs, quiet: opts.quiet }),
        onNotice: (message, text) => printLockNotice(text ?? message, { quiet: opts.quiet }),
      });
      printPruneResult(result, report);
      ctx.exitCode = result.failed > 0 ? ExitCode.ItemErrors : ExitCode.Ok;
    });
}
