/**
 * `phlb backup SOURCE [DEST]`: config + flags → engine options → run → report.
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { runBackup } from "../backup/engine.ts";
import { Excluder } from "../backup/exclude.ts";
import { addFromFlag, type Config, loadConfig, rootOf, setFromFlag } from "../config/config.ts";
import { isBackupName } from "../store/layout.ts";
import {
  backupNameArg,
  collect,
  dryRunOption,
  exitCodesHelp,
  helpAfter,
  jsonOption,
  quietOption,
  racyWindowOption,
  rootOption,
  verboseOption,
} from "./common.ts";
import { flagValue } from "../config/keys.ts";
import { readExcludeFile } from "../config/exclude_file.ts";
import { ExitCode, UsageError } from "../errors.ts";
import { compileGlob, type Glob } from "../fs/glob.ts";
import { baseName } from "../fs/path.ts";
import { backupReporter, printBackupSummary } from "../report/backup_report.ts";
import { formatSettings, printConfigProblem } from "../report/config_report.ts";
import { printLockWait } from "../report/lock_report.ts";
import { err } from "../report/term.ts";
import { applyRootArgs, type CommandContext } from "./context.ts";
import { LOCK_WAIT_HELP, lockSettings } from "./lock_options.ts";

function glob(pattern: string, rule: string): Glob {
  try {
    return { ...compileGlob(pattern), rule };
  } catch (e) {
    throw new UsageError(`bad ${rule} pattern "${pattern}": ${(e as Error).message}`);
  }
}

/** Builds the `backup` subcommand. */
export function backupCommand(ctx: CommandContext) {
  return new Command("backup")
    .description(
      "make a new snapshot of SOURCE under ROOT/NAME/: unchanged and duplicate files are hardlinks",
    )
    .argument("<source>", "the folder to back up")
    .argument("[dest]", "the backup root, as with --root")
    .addOption(rootOption())
    .addOption(
      new Option(
        "--name <name>",
        "backup name, the folder under the root (default: the source folder's name)",
      ).argParser(backupNameArg),
    )
    .addOption(dryRunOption("show what would be done; write nothing"))
    .option("--exclude <glob>", "leave out matching files and folders (repeatable)", collect)
    .option("--exclude-from <file>", "read exclude globs from FILE, one per line (repeatable)", collect)
    .option(
      "--exclude-if-present <name>",
      "leave out folders holding a file with this name, e.g. .nobackup (repeatable)",
      collect,
    )
    .option("--exclude-caches", "leave out folders holding a valid CACHEDIR.TAG (default)")
    .option("--no-exclude-caches", "back up folders holding a CACHEDIR.TAG too")
    .option("--one-file-system", "stay on the source's filesystem (default)")
    .option("--no-one-file-system", "descend into other mounted filesystems")
    .addOption(
      new Option("--dedup <mode>", "exact: same content and metadata are linked; content: same content alone")
        .choices(["exact", "content"] as const),
    )
    .option(
      "--checksum",
      "trust nothing: read every file (no unchanged-file fast path) and every stored copy before linking to " +
        "it; reads both sides, about twice the bytes of a first backup",
    )
    .addOption(racyWindowOption())
    .option("--jobs <n>", "workers reading, hashing and writing new files: a number, 0 (none) or auto (JOBS)")
    .option("--lock-wait <duration>", LOCK_WAIT_HELP)
    .addOption(jsonOption())
    .addOption(quietOption())
    .addOption(verboseOption("also list the settings, excluded entries and run details"))
    .addHelpText(
      "after",
      helpAfter({
        text: `
Settings not given as options come from the first PyHardLinkBackup.ini found in the current folder,
its parents, or the home folder (see \`phlb config --show\`). --exclude, --exclude-from and
--exclude-if-present add to the file's SKIP_PATTERNS and EXCLUDE_IF_PRESENT. The root is DEST or
--root, else $PHLB_ROOT, else BACKUP_PATH, else ~/PyHardLinkBackups.`,
        examples: [
          ["phlb backup ~/Documents", "-> ~/PyHardLinkBackups/Documents/2026-11-28-101500/"],
          ["phlb backup ~/Photos /media/usb/backups --exclude '*.tmp' --exclude cache/", ""],
          ["phlb backup ~/src -r /mnt/backup --exclude-if-present .nobackup", ""],
          ["phlb backup ~/Documents -n", "what would be read, linked and copied"],
        ],
        exitCodes: exitCodesHelp(
          [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.ItemErrors, ExitCode.Interrupted],
          {
            [ExitCode.ItemErrors]: "the snapshot was made, but some items failed (each is named in ID.log)",
            [ExitCode.Interrupted]: "interrupted (Ctrl-C or SIGTERM): the snapshot stays .partial",
          },
        ),
      }),
    )
    .action(async (source, dest, opts) => {
      // Errors in the ini throw here; what is left are warnings, printed unless the run is quiet.
      const config = loadConfig();
      applyRootArgs(config, { flag: opts.root, positional: dest, positionalName: "DEST" });
      if (opts.oneFileSystem !== undefined) {
        setFromFlag(config, "ONE_FILE_SYSTEM", {
          value: opts.oneFileSystem,
          flag: opts.oneFileSystem ? "--one-file-system" : "--no-one-file-system",
        });
      }
      if (opts.excludeCaches !== undefined) {
        setFromFlag(config, "EXCLUDE_CACHES", {
          value: opts.excludeCaches,
          flag: opts.excludeCaches ? "--exclude-caches" : "--no-exclude-caches",
        });
      }
      if (opts.dedup !== undefined) setFromFlag(config, "DEDUP", { value: opts.dedup, flag: "--dedup" });
      if (opts.jobs !== undefined) {
        setFromFlag(config, "JOBS", { value: flagValue("JOBS", opts.jobs, "--jobs"), flag: "--jobs" });
      }
      addFromFlag(config, "EXCLUDE_IF_PRESENT", {
        items: opts.excludeIfPresent ?? [],
        flag: "--exclude-if-present",
      });
      if (opts.quiet) setFromFlag(config, "LOGGING_LEVEL", { value: "ERROR", flag: "-q" });
      else if (opts.verbose) setFromFlag(config, "LOGGING_LEVEL", { value: "INFO", flag: "-v" });
      const level = config.values.LOGGING_LEVEL;
      const quiet = level === "ERROR" || level === "CRITICAL";
      const verbose = level === "INFO" || level === "DEBUG";
      if (!quiet) { for (const p of config.problems) printConfigProblem(p); }

      const lock = lockSettings(config, opts.lockWait);
      const root = rootOf(config);
      let name = opts.name;
      if (name === undefined) {
        let real = source;
        try {
          real = Deno.realPathSync(source);
        } catch { /* the engine reports a missing source */ }
        name = baseName(real);
        if (!isBackupName(name)) {
          throw new UsageError(
            name === ""
              ? `the source "${source}" has no folder name; give one with --name`
              : `the source's folder name "${name}" cannot be a backup name (it starts with a dot); give one with --name`,
          );
        }
      }
      const excludes = excludeGlobs(config, opts);
      if (verbose && !opts.json) {
        err(`settings:\n${indent(formatSettings(config, flagExcludeRows(excludes)))}`);
      }
      const reporter = backupReporter({ quiet, verbose, json: opts.json });
      try {
        const summary = await runBackup({
          source,
          root,
          name,
          dryRun: opts.dryRun ?? false,
          exclude: new Excluder({
            globs: excludes,
            skipDirNames: config.values.SKIP_DIRS,
            markerFiles: config.values.EXCLUDE_IF_PRESENT,
            caches: config.values.EXCLUDE_CACHES,
          }),
          oneFileSystem: config.values.ONE_FILE_SYSTEM,
          timestampFormat: config.values.SUB_DIR_FORMATTER,
          dedup: config.values.DEDUP,
          maxLinks: config.values.MAX_LINKS,
          jobs: config.values.JOBS,
          newFolderMode: config.values.DEFAULT_NEW_PATH_MODE,
          checksum: opts.checksum ?? false,
          racyWindowMs: opts.racyWindowMs,
          lock,
          signal: ctx.signal,
        }, { ...reporter, onLockWait: (holder) => printLockWait(holder, { waitMs: lock.waitMs, quiet }) });
        reporter.done();
        printBackupSummary(summary, { quiet, json: opts.json });
        ctx.exitCode = summary.errors > 0 ? ExitCode.ItemErrors : ExitCode.Ok;
      } finally {
        reporter.done();
      }
    });
}

/** SKIP_PATTERNS, then --exclude, then each --exclude-from file; each glob names its origin. */
function excludeGlobs(config: Config, opts: { exclude?: string[]; excludeFrom?: string[] }): Glob[] {
  const globs = config.values.SKIP_PATTERNS.map((p) => glob(p, "SKIP_PATTERNS"));
  for (const p of opts.exclude ?? []) globs.push(glob(p, "--exclude"));
  for (const file of opts.excludeFrom ?? []) {
    for (const l of readExcludeFile(file)) globs.push(glob(l.pattern, `--exclude-from ${file}:${l.line}`));
  }
  return globs;
}

function flagExcludeRows(globs: Glob[]) {
  return globs.filter((g) => g.rule !== "SKIP_PATTERNS").map((g) => ({
    label: "exclude",
    value: g.source,
    origin: g.rule ?? "",
  }));
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, "  ");
}
