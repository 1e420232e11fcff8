/**
 * `phlb verify [SNAPSHOT_PATH…]`: flags → verify or scrub options → run → report.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode, UsageError } from "../errors.ts";
import { type Msg, msg, t } from "../i18n/messages.ts";
import {
  dryRunOption,
  exitCodesHelp,
  helpAfter,
  jsonOption,
  quietOption,
  rootOption,
  verboseOption,
} from "./common.ts";
import { printVerifySummary, verifyReporter } from "../report/verify_report.ts";
import { runScrub } from "../verify/scrub.ts";
import type { RepairEvent, VerifyProblem } from "../verify/summary.ts";
import { runVerify } from "../verify/verify.ts";
import { commandConfig, type CommandContext } from "./context.ts";
import { flagValue } from "../config/keys.ts";
import { lockSettings, lockWaitHelp } from "./lock_options.ts";
import { printLockWait } from "../report/lock_report.ts";
import { parseDurationMs } from "../durations.ts";

/** Builds the `verify` subcommand. */
export function verifyCommand(ctx: CommandContext) {
  return new Command("verify")
    .description(t("cli.verify.description"))
    .argument("[snapshots...]", t("cli.verify.arg.snapshots"))
    .addOption(rootOption())
    .option("--all", t("cli.verify.opt.all"))
    .option("--fast", t("cli.verify.opt.fast"))
    .option("--max-duration <duration>", t("cli.verify.opt.maxDuration"))
    .option("--resume", t("cli.verify.opt.resume"))
    .option("--repair", t("cli.verify.opt.repair"))
    .addOption(dryRunOption(t("cli.verify.opt.dryRun")))
    .option("--jobs <n>", t("cli.verify.opt.jobs"))
    .option("--lock-wait <duration>", t("cli.verify.opt.lockWait", { help: lockWaitHelp() }))
    .addOption(jsonOption(t("cli.verify.opt.json")))
    .addOption(quietOption())
    .addOption(verboseOption(t("cli.verify.opt.verbose")))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.verify.help"),
        examples: [
          ["phlb verify", t("cli.verify.example.newest")],
          ["phlb verify --all --fast -r /mnt/backup", t("cli.verify.example.allFast")],
          ["phlb verify /mnt/backup/Documents/2026-11-28-101500", ""],
          ["phlb verify Documents@latest -q", t("cli.verify.example.quiet")],
          ["phlb verify -r /mnt/backup --resume --max-duration 1h", t("cli.verify.example.scrub")],
          ["phlb verify --all --repair -n", t("cli.verify.example.repair")],
        ],
        exitCodes: exitCodesHelp(
          [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.Damage, ExitCode.Interrupted],
          {
            [ExitCode.Damage]: t("cli.verify.exit.damage"),
          },
        ),
      }),
    )
    .action(async (paths, opts) => {
      const scrub = opts.maxDuration !== undefined || opts.resume === true;
      if (scrub && paths.length > 0) {
        throw new UsageError(msg("cli.verify.scrubWithSnapshots"));
      }
      if (scrub && opts.fast) throw new UsageError(msg("cli.verify.scrubFast"));
      if (scrub && opts.repair) throw new UsageError(msg("cli.verify.scrubRepair"));
      if (opts.dryRun && !opts.repair) throw new UsageError(msg("cli.verify.dryRunNeedsRepair"));
      // Only a repair and a scrub take the root's lock for their run: a plain verify has nothing to wait for.
      if (opts.lockWait !== undefined && !(scrub || (opts.repair && !opts.dryRun))) {
        throw new UsageError(msg("cli.verify.lockWaitNeeds"));
      }
      const maxDurationMs = opts.maxDuration === undefined
        ? undefined
        : parseDurationMs(opts.maxDuration, "--max-duration");
      // Names and no argument mean the root given with --root, else the configured one; paths bring theirs.
      const { root: configured, config, given } = commandConfig({ flag: opts.root });
      const root = given ? configured : undefined;
      const timestampFormat = config.values.SUB_DIR_FORMATTER;
      const jobs = opts.jobs !== undefined ? flagValue("JOBS", opts.jobs, "--jobs") : config.values.JOBS;
      // The ini's LOCK_* keys are checked where they are used: a plain verify takes no lock for its run.
      const lock = scrub || opts.repair ? lockSettings(config, opts.lockWait) : undefined;
      const problems: VerifyProblem[] = [];
      const repairs: RepairEvent[] = [];
      const reporter = verifyReporter({ quiet: opts.quiet, verbose: opts.verbose, json: opts.json });
      const callbacks = {
        ...reporter,
        onLockWait: (holder: string, text?: Msg) =>
          printLockWait(text ?? holder, { waitMs: lock?.waitMs ?? 0, quiet: opts.quiet }),
        onProblem: (p: VerifyProblem) => {
          if (opts.json) problems.push(p);
          reporter.onProblem?.(p);
        },
        onRepair: (e: RepairEvent) => {
          if (opts.json) repairs.push(e);
          reporter.onRepair?.(e);
        },
      };
      try {
        const summary = scrub
          ? await runScrub(
            { root: configured, maxDurationMs, resume: opts.resume, jobs, lock, signal: ctx.signal },
            callbacks,
          )
          : await runVerify({
            root,
            defaultRoot: () => configured,
            paths,
            all: opts.all,
            fast: opts.fast,
            repair: opts.repair,
            dryRun: opts.dryRun,
            lock,
            timestampFormat,
            jobs,
            signal: ctx.signal,
          }, callbacks);
        reporter.done();
        // The next step names this selection (a repair also heals what the index marks, root-wide).
        const again = ["phlb", "verify", ...(opts.all ? ["--all"] : []), ...(root ? ["--root", root] : [])];
        if (scrub) again.push("--root", summary.root);
        again.push(...(scrub ? [] : paths));
        printVerifySummary(summary, { problems, repairs }, {
          quiet: opts.quiet,
          json: opts.json,
          maxDurationMs,
          again,
        });
        ctx.exitCode = summary.status === "damaged" ? ExitCode.Damage : ExitCode.Ok;
      } finally {
        reporter.done();
      }
    });
}
