/**
 * `phlb prune`: remove snapshots by retention rules (restic `forget` semantics), exactly accounted.
 * @module
 */
import { Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { EXIT_CODES_HELP, ExitCode, UsageError } from "../errors.ts";
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
    .option("--root <path>", "the backup root (default: BACKUP_PATH from the config, or ~/PyHardLinkBackups)")
    .option("--name <name>", "only this backup name (default: every name, each on its own)")
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
    .option("--keep-within <duration>", "keep every snapshot within this long of the newest (30d, 12h, 1y6m)")
    .option(
      "-n, --dry-run",
      "show every snapshot with keep/remove, the rules and the bytes freed; remove nothing",
    )
    .option("--lock-wait <duration>", LOCK_WAIT_HELP)
    .option("--json", "machine-readable output")
    .option("-q, --quiet", "print only errors")
    .addHelpText(
      "after",
      `
Rules add up: a snapshot stays when any rule keeps it. Periods are local time; a count of
'unlimited' keeps one per period forever. When there are fewer periods than n, the oldest snapshot
is kept too. Without any --keep flag, the KEEP_* keys of PyHardLinkBackup.ini are the rules;
any --keep flag replaces them all. Always kept: the newest complete snapshot of each name. Partial snapshots never count;
those older than the newest complete one (left by dead runs) are removed.

Example:
  phlb prune --keep-daily 7 --keep-weekly 4 --keep-monthly 12 --dry-run
${EXIT_CODES_HELP}`,
    )
    .action(async (opts) => {
      let within;
      if (opts.keepWithin !== undefined) {
        try {
          within = parseCalendarDuration(opts.keepWithin);
        } catch (e) {
          throw new UsageError(`bad --keep-within: ${(e as Error).message}`);
        }
      }
      const { root, config } = commandConfig(opts.root);
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
      const report = { json: opts.json, quiet: opts.quiet, dryRun: opts.dryRun ?? false };
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
