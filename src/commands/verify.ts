/**
 * `phlb verify [SNAPSHOT_PATH…]`: flags → verify or scrub options → run → report.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { EXIT_CODES_HELP, ExitCode, UsageError } from "../errors.ts";
import { printVerifySummary, verifyReporter } from "../report/verify_report.ts";
import { runScrub } from "../verify/scrub.ts";
import type { VerifyProblem } from "../verify/summary.ts";
import { runVerify } from "../verify/verify.ts";
import { commandConfig, type CommandContext } from "./context.ts";
import { flagValue } from "../config/keys.ts";
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
    .option("--root <path>", "the backup root (default: BACKUP_PATH from the config, or ~/PyHardLinkBackups)")
    .option("--all", "check every complete snapshot, not only the newest of each name")
    .option("--fast", "check presence, size, mtime, permissions and owner only; read no content")
    .option(
      "--max-duration <duration>",
      "scrub: verify stored contents, least recently verified first, for at most this long (90s, 30m, 2h)",
    )
    .option("--resume", "scrub: continue the current scrub pass instead of starting a new one")
    .option("--jobs <n>", "workers reading and hashing files: a number, 0 (none) or auto (JOBS)")
    .option("--json", "print the summary and every problem as JSON on stdout")
    .option("-q, --quiet", "print only problems and the verdict")
    .addHelpText(
      "after",
      `
Each problem is one line on stdout: KIND: "NAME/ID/PATH": what differs. Kinds: no-manifest,
bad-manifest, missing, extra, type, size, mtime, mode, owner, content, symlink-target, unreadable.

A scrub (--max-duration and/or --resume) covers every snapshot of the root, content by content,
and records in the index when each content was verified; every run verifies at least one.

Examples:
  phlb verify                                  newest snapshot of every name under ~/PyHardLinkBackups
  phlb verify --all --fast --root /mnt/backup  every snapshot, metadata only
  phlb verify /mnt/backup/Documents/2026-11-28-101500
  phlb verify --root /mnt/backup --resume --max-duration 1h   a nightly slice of a scrub
${EXIT_CODES_HELP}`,
    )
    .action(async (paths, opts) => {
      const scrub = opts.maxDuration !== undefined || opts.resume === true;
      if (scrub && paths.length > 0) {
        throw new UsageError(
          "a scrub (--max-duration, --resume) covers the whole root: give --root, not snapshots",
        );
      }
      if (scrub && opts.fast) throw new UsageError("a scrub reads content: it cannot be --fast");
      const maxDurationMs = opts.maxDuration === undefined
        ? undefined
        : parseDurationMs(opts.maxDuration, "--max-duration");
      // Names and no argument mean the root given with --root, else the configured one; paths bring theirs.
      const { root: configured, config } = commandConfig(opts.root);
      const root = opts.root !== undefined ? configured : undefined;
      const timestampFormat = config.values.SUB_DIR_FORMATTER;
      const jobs = opts.jobs !== undefined ? flagValue("JOBS", opts.jobs, "--jobs") : config.values.JOBS;
      const problems: VerifyProblem[] = [];
      const reporter = verifyReporter({ quiet: opts.quiet, json: opts.json });
      const callbacks = {
        ...reporter,
        onProblem: (p: VerifyProblem) => {
          if (opts.json) problems.push(p);
          reporter.onProblem?.(p);
        },
      };
      try {
        const summary = scrub
          ? await runScrub(
            { root: configured, maxDurationMs, resume: opts.resume, jobs, signal: ctx.signal },
            callbacks,
          )
          : await runVerify({
            root,
            defaultRoot: () => configured,
            paths,
            all: opts.all,
            fast: opts.fast,
            timestampFormat,
            jobs,
            signal: ctx.signal,
          }, callbacks);
        reporter.done();
        printVerifySummary(summary, problems, { quiet: opts.quiet, json: opts.json });
        ctx.exitCode = summary.status === "damaged" ? ExitCode.Damage : ExitCode.Ok;
      } finally {
        reporter.done();
      }
    });
}
