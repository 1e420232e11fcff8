/**
 * The options every command spells the same way (`-r/--root`, `-q`, `-v`, `--json`, `-n`), the
 * exit-code table each command's help ends with (only the codes that command returns), and the
 * argument parsers shared by several commands. One definition, so the commands, the completion
 * scripts and the man page cannot disagree.
 * @module
 */
import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { ExitCode, UsageError } from "../errors.ts";
import { isLanguageCode } from "../i18n/languages.ts";
import { msg, t } from "../i18n/messages.ts";
import { isBackupName } from "../store/layout.ts";
import { ROOT_ENV } from "./context.ts";

/** `-r, --root PATH`. */
export function rootOption() {
  return new Option(
    "-r, --root <path>",
    `the backup root (default: $${ROOT_ENV}, else BACKUP_PATH from PyHardLinkBackup.ini, else ~/PyHardLinkBackups)`,
  );
}

/**
 * The hidden, test-only `--racy-window-ms` of the commands that run the engine (backup, copy): a
 * fixture written a moment ago has a change time of now (utime sets it, on Windows too), so every
 * file of it would be racy; 0 takes such files as settled.
 */
export function racyWindowOption() {
  return new Option("--racy-window-ms <ms>", "test only: the racy window (default 2000)").hideHelp()
    .argParser(
      (v) => {
        if (!/^\d+$/.test(v)) throw new UsageError(`--racy-window-ms takes whole milliseconds, not "${v}"`);
        return Number(v);
      },
    );
}

/**
 * `--lang CODE`, global: main.ts reads it before commander (the help is already in the language);
 * here it is checked and documented.
 */
export function langOption() {
  return new Option("--lang <code>", t("common.langOption")).argParser((v) => {
    if (!isLanguageCode(v)) throw new UsageError(msg("common.langBadValue", { value: v }));
    return v;
  });
}

/** `-q, --quiet`: problems and the one-line verdict. */
export function quietOption() {
  return new Option("-q, --quiet", "print only problems and the one-line verdict");
}

/** `-v, --verbose`, saying what more it shows. */
export function verboseOption(more: string) {
  return new Option("-v, --verbose", more);
}

/** `--json`. */
export function jsonOption(what = "print the result as JSON on stdout (problems stay on stderr)") {
  return new Option("--json", what);
}

/** `-n, --dry-run`. */
export function dryRunOption(what: string) {
  return new Option("-n, --dry-run", what);
}

/** Collects a repeatable option's values (no default: commander would print "(default: [])"). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Parses `--name`: a plain folder name, or a usage error (exit 2). */
export function backupNameArg(value: string): string {
  if (isBackupName(value)) return value;
  throw new InvalidArgumentError(
    value.startsWith(".")
      ? "a backup name must not start with a dot (hidden folders and .phlb are not backups)"
      : "give a plain folder name, without / or \\",
  );
}

/** What each exit code means, where a command says it its own way. */
const MEANINGS: Record<number, string> = {
  [ExitCode.Ok]: "done",
  [ExitCode.Fatal]: 'fatal error, see the "error:" line',
  [ExitCode.Usage]: "usage error",
  [ExitCode.ItemErrors]: "done, but some items failed (each is named)",
  [ExitCode.Damage]: "damage found",
  [ExitCode.Interrupted]: "interrupted (Ctrl-C or SIGTERM)",
};

/**
 * The "Exit codes:" block of a help text: `codes` in order, each with its meaning, or the
 * command's own words from `own`.
 */
export function exitCodesHelp(
  codes: readonly ExitCode[],
  own: Partial<Record<ExitCode, string>> = {},
): string {
  const lines = codes.map((c) => `  ${String(c).padEnd(5)}${own[c] ?? MEANINGS[c]}`);
  return `\nExit codes:\n${lines.join("\n")}`;
}

/** The exit codes of `phlb` as a whole, for the top-level help. */
export const ALL_EXIT_CODES_HELP = exitCodesHelp(
  [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.ItemErrors, ExitCode.Damage, ExitCode.Interrupted],
  {
    [ExitCode.ItemErrors]: "done, but some items failed (each is named in the log)",
    [ExitCode.Damage]: "verify found damage (or add, copy: files differ from their manifest)",
  },
);

/** A help epilogue: free text, examples (each `[command, what it does]`), then the exit codes. */
export function helpAfter(parts: { text?: string; examples: [string, string][]; exitCodes: string }): string {
  // Short commands get their words beside them, in one column; a long one gets them below.
  const short = parts.examples.filter(([c]) => c.length <= 48);
  const width = Math.max(0, ...short.map(([c]) => c.length));
  const examples = parts.examples.map(([c, what]) =>
    what === "" ? `  ${c}` : c.length > 48 ? `  ${c}\n      ${what}` : `  ${c.padEnd(width)}  ${what}`
  );
  return `${parts.text ? `\n${parts.text.trim()}\n` : ""}\nExamples:\n${
    examples.join("\n")
  }\n${parts.exitCodes}`;
}
