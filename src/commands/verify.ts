/**
 * `phlb verify [SNAPSHOT_PATH…]`: flags → verify or scrub options → run → report.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode, UsageError } from "../errors.ts";
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
import { LOCK_WAIT_HELP, lockSettings } from "./lock_options.ts";
import { printLockWait } from "../report/lock_report.ts";
import { parseDurationMs } from "../durations.ts";

/** Builds the `verify` subcommand. */
export function verifyCommand(ctx: CommandContext) {
  return new Command("verify")
    .description(
      "check snapshots against their manifests and the index: missing, extra, changed and damaged files",
    )
    .argument(
      "[snapshots...]",
      "snapshots: NAME@ID, NAME@latest or a folder ROOT/NAME/ID; a name, ROOT/NAME or a backup root " +
        "stands for its newest snapshots (default: the newest snapshot of every name)",
    )
    .addOption(rootOption())
    .option("--all", "check every complete snapshot, not only the newest of each name")
    .option("--fast", "check presence, size, mtime, permissions and owner only; read no content")
    .option(
      "--max-duration <duration>",
      "scrub: verify stored contents, least recently verified first, for at most this long " +
        "(90s, 30m = 30 minutes, 2h, 1h30m)",
    )
    .option("--resume", "scrub: continue the current scrub pass instead of starting a new one")
    .option(
      "--repair",
      "heal damaged stored copies (found now, or marked by an earlier verify, scrub, add, restore or backup) " +
        "from intact ones: another stored copy, or the source file; takes the root's lock",
    )
    .addOption(dryRunOption("with --repair: show what would be repaired, and from where; change nothing"))
    .option("--jobs <n>", "workers reading and hashing files: a number, 0 (none) or auto (JOBS)")
    .option("--lock-wait <duration>", `with --repair or a scrub: ${LOCK_WAIT_HELP}`)
    .addOption(jsonOption("print the summary and every problem (and repair) as JSON on stdout"))
    .addOption(quietOption())
    .addOption(verboseOption("also say how many files and bytes each snapshot holds as its check starts"))
    .addHelpText(
      "after",
      helpAfter({
        text: `
Each problem is one line on stdout: KIND: "NAME/ID/PATH": what differs. Kinds: no-manifest,
bad-manifest, missing, extra, type, size, mtime, mode, owner, content, symlink-target, unreadable.

A scrub (--max-duration and/or --resume) covers every snapshot of the root, content by content,
and records in the index when each content was verified; every run verifies at least one. In
--max-duration, m is minutes (30m); in prune's --keep-within it is months.

A stored copy found damaged (other bytes, size, mtime, permissions or owner than recorded) is
marked in the index: no backup or add links to it again. --repair gives every path that shares it
a new copy with the recorded bytes and metadata, from another stored copy or the source file (its
sha256 checked first); the damaged file is never changed, and a repair killed at any moment leaves
each path with the old copy or the new one. A copy with no intact source stays damaged (exit 4).

verify takes no lock, so a backup is never refused because a verify runs. A snapshot removed while
it runs (by phlb prune, or by hand) is reported as removed, not as damage. --repair and a scrub
take the root's lock: they wait for no one, and are refused while a backup, prune or add runs.`,
        examples: [
          ["phlb verify", "the newest snapshot of every name"],
          ["phlb verify --all --fast -r /mnt/backup", "every snapshot, metadata only"],
          ["phlb verify /mnt/backup/Documents/2026-11-28-101500", ""],
          ["phlb verify Documents@latest -q", "problems and the verdict only"],
          ["phlb verify -r /mnt/backup --resume --max-duration 1h", "a nightly slice of a scrub"],
          ["phlb verify --all --repair -n", "what a repair would heal, and from where"],
        ],
        exitCodes: exitCodesHelp(
          [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.Damage, ExitCode.Interrupted],
          {
            [ExitCode.Damage]:
              "damage found, each problem a line on stdout; with --repair: a copy is still damaged",
          },
        ),
      }),
    )
    .action(async (paths, opts) => {
      const scrub = opts.maxDuration !== undefined || opts.resume === true;
      if (scrub && paths.length > 0) {
        throw new UsageError(
          "a scrub (--max-duration, --resume) covers the whole root: give --root, not snapshots",
        );
      }
      if (scrub && opts.fast) throw new UsageError("a scrub reads content: it cannot be --fast");
      if (scrub && opts.repair) {
        throw new UsageError(
          "a scrub finds and marks damage; repair it with a run of its own: phlb verify --repair",
        );
      }
      if (opts.dryRun && !opts.repair) throw new UsageError("--dry-run goes with --repair");
      // Only a repair and a scrub take the root's lock for their run: a plain verify has nothing to wait for.
      if (opts.lockWait !== undefined && !(scrub || (opts.repair && !opts.dryRun))) {
        throw new UsageError("--lock-wait goes with --repair or a scrub (--max-duration, --resume)");
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
        onLockWait: (holder: string) =>
          printLockWait(holder, { waitMs: lock?.waitMs ?? 0, quiet: opts.quiet }),
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
