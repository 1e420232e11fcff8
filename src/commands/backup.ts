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
import { msg, t } from "../i18n/messages.ts";
import { compileGlob, type Glob } from "../fs/glob.ts";
import { baseName } from "../fs/path.ts";
import { backupReporter, printBackupSummary } from "../report/backup_report.ts";
import { formatSettings, printConfigProblem } from "../report/config_report.ts";
import { printLockWait } from "../report/lock_report.ts";
import { err } from "../report/term.ts";
import { applyRootArgs, type CommandContext } from "./context.ts";
import { lockSettings, lockWaitHelp } from "./lock_options.ts";

function glob(pattern: string, rule: string): Glob {
  try {
    return { ...compileGlob(pattern), rule };
  } catch (e) {
    throw new UsageError(
      msg("cli.backup.badPattern", { rule, pattern, error: (e as UsageError).text ?? (e as Error).message }),
    );
  }
}

/** Builds the `backup` subcommand. */
export function backupCommand(ctx: CommandContext) {
  return new Command("backup")
    .description(t("cli.backup.description"))
    .argument("<source>", t("cli.backup.arg.source"))
    .argument("[dest]", t("cli.arg.rootAsWithRoot"))
    .addOption(rootOption())
    .addOption(new Option("--name <name>", t("cli.backup.opt.name")).argParser(backupNameArg))
    .addOption(dryRunOption(t("cli.backup.opt.dryRun")))
    .option("--exclude <glob>", t("cli.backup.opt.exclude"), collect)
    .option("--exclude-from <file>", t("cli.backup.opt.excludeFrom"), collect)
    .option("--exclude-if-present <name>", t("cli.backup.opt.excludeIfPresent"), collect)
    .option("--exclude-caches", t("cli.backup.opt.excludeCaches"))
    .option("--no-exclude-caches", t("cli.backup.opt.noExcludeCaches"))
    .option("--one-file-system", t("cli.backup.opt.oneFileSystem"))
    .option("--no-one-file-system", t("cli.backup.opt.noOneFileSystem"))
    .addOption(
      new Option("--dedup <mode>", t("cli.backup.opt.dedup")).choices(["exact", "content"] as const),
    )
    .option("--checksum", t("cli.backup.opt.checksum"))
    .addOption(racyWindowOption())
    .option("--jobs <n>", t("cli.backup.opt.jobs"))
    .option("--lock-wait <duration>", lockWaitHelp())
    .addOption(jsonOption())
    .addOption(quietOption())
    .addOption(verboseOption(t("cli.backup.opt.verbose")))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.backup.help"),
        examples: [
          ["phlb backup ~/Documents", "-> ~/PyHardLinkBackups/Documents/2026-11-28-101500/"],
          ["phlb backup ~/Photos /media/usb/backups --exclude '*.tmp' --exclude cache/", ""],
          ["phlb backup ~/src -r /mnt/backup --exclude-if-present .nobackup", ""],
          ["phlb backup ~/Documents -n", t("cli.backup.example.dryRun")],
        ],
        exitCodes: exitCodesHelp(
          [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.ItemErrors, ExitCode.Interrupted],
          {
            [ExitCode.ItemErrors]: t("cli.backup.exit.itemErrors"),
            [ExitCode.Interrupted]: t("cli.backup.exit.interrupted"),
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
            name === "" ? msg("cli.backup.noFolderName", { source }) : msg("cli.backup.dotName", { name }),
          );
        }
      }
      const excludes = excludeGlobs(config, opts);
      if (verbose && !opts.json) {
        err(`${t("cli.backup.settings")}\n${indent(formatSettings(config, flagExcludeRows(excludes)))}`);
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
        }, {
          ...reporter,
          onLockWait: (holder, text) => printLockWait(text ?? holder, { waitMs: lock.waitMs, quiet }),
        });
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
    label: t("cli.backup.excludeRow"),
    value: g.source,
    origin: g.rule ?? "",
  }));
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, "  ");
}
