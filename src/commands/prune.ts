/**
 * `phlb prune`: remove snapshots by retention rules (restic `forget` semantics), exactly accounted.
 * @module
 */
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { ExitCode, UsageError } from "../errors.ts";
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
import { LOCK_WAIT_HELP, lockSettings } from "./lock_options.ts";
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
  if (n === undefined) throw new InvalidArgumentError("expected a whole number, or 'unlimited'");
  return n;
}

/** Builds the `prune` subcommand. */
export function pruneCommand(ctx: CommandContext) {
  return new Command("prune")
    .description("remove snapshots that no keep rule keeps (restic forget rules); --dry-run shows the plan")
    .argument("[root]", "the backup root, as with --root")
    .addOption(rootOption())
    .addOption(
      new Option("--name <name>", "only this backup name (default: every name, each on its own)").argParser(
        backupNameArg,
      ),
    )
    .option("--keep-last <n>", "keep the n newest snapshots", count)
    .option("--keep-hourly <n>", "keep the newest snapshot of each of the last n hours that have one", count)
    .option("--keep-daily <n>", "keep the newest snapshot of each of the last n days that have one", count)
    .option(
      "--keep-weekly <n>",
      "keep the newest snapshot of each of the last n ISO weeks that have one",
      count,
    )
    .option(
      "--keep-monthly <n>",
      "keep the newest snapshot of each of the last n months that have one",
      count,
    )
    .option("--keep-yearly <n>", "keep the newest snapshot of each of the last n years that have one", count)
    .option(
      "--keep-within <duration>",
      "keep every snapshot within this long of the newest: y years, m months (not minutes), d days, " +
        "h hours (30d, 12h, 1y6m)",
    )
    .option("--lock-wait <duration>", LOCK_WAIT_HELP)
    .addOption(
      dryRunOption("show every snapshot with keep/remove, the rules and the bytes freed; remove nothing"),
    )
    .addOption(jsonOption("print the plan and what was removed as JSON on stdout"))
    .addOption(quietOption())
    .addOption(verboseOption("also show each snapshot's time in the plan"))
    .addHelpText(
      "after",
      helpAfter({
        text: `
Rules add up: a snapshot stays when any rule keeps it. Periods are local time; a count of
'unlimited' keeps one per period forever. When there are fewer periods than n, the oldest snapshot
is kept too. In --keep-within, m is months (restic's grammar; verify's --max-duration 30m is
minutes): the plan says the duration in words. Without any --keep flag, the KEEP_* keys of
PyHardLinkBackup.ini are the rules; any --keep flag replaces them all. Always kept: the newest
complete snapshot of each name. Partial snapshots never count; those older than the newest
complete one (left by dead runs) are removed.

What a removal frees is said twice: the file contents no other snapshot links to (from the
index), and the estimated total on disk, with the folders, symlinks and sidecar files counted.`,
        examples: [
          ["phlb prune --keep-daily 7 --keep-weekly 4 --keep-monthly 12 --dry-run", ""],
          ["phlb prune /mnt/backup --keep-daily 7", "the root as an argument"],
          ["phlb prune --name Photos --keep-within 1y6m", "keep 1 year 6 months of Photos"],
          ["phlb prune -q", "the KEEP_* rules of the ini; problems and one line"],
        ],
        exitCodes: exitCodesHelp(
          [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.ItemErrors, ExitCode.Interrupted],
          {
            [ExitCode.ItemErrors]: "done, but some snapshots could not be removed (each is named)",
            [ExitCode.Interrupted]: "interrupted (Ctrl-C or SIGTERM): the snapshots not reached yet are kept",
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
          throw new UsageError(`bad --keep-within: ${(e as Error).message}`);
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
        throw new UsageError(
          "give at least one keep rule (--keep-last, --keep-daily, …, --keep-within), " +
            "or set KEEP_DAILY etc. in PyHardLinkBackup.ini",
        );
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
        onLockWait: (holder) => printLockWait(holder, { waitMs: lock.waitMs, quiet: opts.quiet }),
        onNotice: (message) => printLockNotice(message, { quiet: opts.quiet }),
      });
      printPruneResult(result, report);
      ctx.exitCode = result.failed > 0 ? ExitCode.ItemErrors : ExitCode.Ok;
    });
}
