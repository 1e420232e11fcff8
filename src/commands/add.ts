/**
 * `phlb add` (alias `phlb rebuild`): flags → add options → run → report.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode } from "../errors.ts";
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
import { LOCK_WAIT_HELP, lockSettings } from "./lock_options.ts";
import { printLockNotice, printLockWait } from "../report/lock_report.ts";

/** Builds the `add` subcommand. */
export function addCommand(ctx: CommandContext) {
  return new Command("add")
    .alias("rebuild")
    .description(
      "record every snapshot folder under the root in the index (also trees copied in by hand as " +
        "NAME/YYYY-MM-DD-HHMMSS/), write missing manifests, and hardlink identical files",
    )
    .argument("[root]", "the backup root, as with --root")
    .addOption(rootOption())
    .addOption(dryRunOption("show what would be recorded, linked and freed; write nothing"))
    .addOption(jsonOption())
    .addOption(quietOption())
    .addOption(verboseOption("also list every link made and every snapshot already in the index"))
    .option("--lock-wait <duration>", LOCK_WAIT_HELP)
    .option(
      "--drop-legacy-files",
      "remove PyHardLinkBackup's FILE.sha512 files (each after FILE matched it), phlb_config.ini and " +
        "'ID summary.txt' from the snapshots it made; the manifests are written without them",
    )
    .addHelpText(
      "after",
      helpAfter({
        text: `
Snapshots the index records already are left as they are (check them with phlb verify). A missing
or damaged index (.phlb/index.sqlite) is rebuilt from the trees; a damaged one is moved aside to
index.sqlite.corrupt-TIMESTAMP. Existing manifests are checked, never rewritten: a file that
differs from its manifest, or that the manifest does not list, is reported as damage (exit code 4),
never linked and never linked to; one that differs is marked damaged (phlb verify --repair heals it).

Two files are linked only when content, size, mtime, permissions and owner are all equal, so no
snapshot shows anything different afterwards.

Snapshots made by PyHardLinkBackup are adopted too: each file with a FILE.sha512 beside it is
checked against it (a difference is damage). --drop-legacy-files then removes PyHardLinkBackup's
own files (see docs/migrating.md).`,
        examples: [
          ["phlb add", "record and deduplicate the configured root"],
          ["phlb add /mnt/backup -n", "what would be linked and freed"],
          ["phlb add --drop-legacy-files", "adopt PyHardLinkBackup's snapshots without its .sha512 files"],
          ["rm -rf /mnt/backup/.phlb && phlb rebuild /mnt/backup", "a new index from the trees"],
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
            [ExitCode.Damage]:
              "files differ from their manifest or their .sha512 (each is named; none is linked)",
            [ExitCode.Interrupted]:
              "interrupted (Ctrl-C or SIGTERM): each snapshot recorded so far stays recorded",
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
          onLockWait: (holder) => printLockWait(holder, { waitMs: lock.waitMs, quiet: opts.quiet }),
          onNotice: (message) => printLockNotice(message, { quiet: opts.quiet }),
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
