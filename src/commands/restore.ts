/**
 * `phlb restore SNAPSHOT[/SUBPATH] TARGET`: copy a snapshot (or part of it) back out, checked.
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { ExitCode, UsageError } from "../errors.ts";
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
      throw new UsageError(`bad ${flag} "${g}": ${(e as Error).message}`);
    }
  });
}

/** Builds the `restore` subcommand. */
export function restoreCommand(ctx: CommandContext) {
  return new Command("restore")
    .description("copy a snapshot, or a folder or file in it, into TARGET: new files, each checked")
    .argument(
      "<snapshot>",
      "a snapshot folder path, or NAME@latest / NAME@ID, optionally followed by /SUBPATH",
    )
    .argument("<target>", "the folder to restore into (created when missing)")
    .addOption(rootOption())
    .option("--include <glob>", "restore only matching entries (repeatable)", collect)
    .option("--exclude <glob>", "leave out matching entries (repeatable)", collect)
    .addOption(
      new Option("--overwrite <mode>", "what to do with entries already in TARGET (default: never)")
        .choices(["never", "if-newer", "always"] as const),
    )
    .option(
      "--unsafe-target",
      "as root, restore even into a target another user could redirect (see docs/security.md)",
    )
    .addOption(dryRunOption("show what would be restored; write nothing"))
    .addOption(jsonOption())
    .addOption(quietOption())
    .addOption(verboseOption("also list entries kept because they exist"))
    .addHelpText(
      "after",
      helpAfter({
        text: `
A folder's contents go into TARGET; a single file or symlink goes into TARGET under its name.
Globs work as for backup --exclude, relative to what is restored. Restored files are new files
(never hardlinks into the backup), with mode, mtime and (as root) owner; folders are never
replaced, and nothing is ever written outside TARGET, even while someone changes it. As root, a
TARGET that another user could redirect is refused unless --unsafe-target is given
(docs/security.md).`,
        examples: [
          ["phlb restore Documents@latest ~/Documents-restored", ""],
          ["phlb restore Documents@2026-11-28-101500/letters ~/letters --include '*.odt'", ""],
          ["phlb restore /media/usb/backups/Photos/2026-11-28-101500 ~/Photos --overwrite if-newer", ""],
          ["phlb restore Photos@latest /tmp/p -r /mnt/backup -n", "what would be written"],
        ],
        exitCodes: exitCodesHelp(
          [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.ItemErrors, ExitCode.Interrupted],
          {
            [ExitCode.ItemErrors]: "done, but some entries were not restored (each is named on stderr)",
            [ExitCode.Interrupted]: "interrupted (Ctrl-C or SIGTERM): what was restored so far stays",
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
