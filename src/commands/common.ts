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
import { type MessageKey, msg, t } from "../i18n/messages.ts";
import { isBackupName } from "../store/layout.ts";
import { ROOT_ENV } from "./context.ts";

/** `-r, --root PATH`. */
export function rootOption() {
  return new Option("-r, --root <path>", t("cli.opt.root", { env: `$${ROOT_ENV}` }));
}

/**
 * The hidden, test-only `--racy-window-ms` of the commands that run the engine (backup, copy): a
 * fixture written a moment ago has a change time of now (utime sets it, on Windows too), so every
 * file of it would be racy; 0 takes such files as settled.
 */
export function racyWindowOption() {
  return new Option("--racy-window-ms <ms>", t("cli.opt.racyWindow")).hideHelp()
    .argParser(
      (v) => {
        if (!/^\d+$/.test(v)) throw new UsageError(msg("cli.opt.racyWindowBad", { value: v }));
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
  return new Option("-q, --quiet", t("cli.opt.quiet"));
}

/** `-v, --verbose`, saying what more it shows. */
export function verboseOption(more: string) {
  return new Option("-v, --verbose", more);
}

/** `--json`. */
export function jsonOption(what = t("cli.opt.json")) {
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
    value.startsWith(".") ? t("cli.name.dot") : t("cli.name.plain"),
  );
}

/** What each exit code means, where a command does not say it its own way. */
const MEANINGS: Record<number, MessageKey> = {
  [ExitCode.Ok]: "cli.exit.ok",
  [ExitCode.Fatal]: "cli.exit.fatal",
  [ExitCode.Usage]: "cli.exit.usage",
  [ExitCode.ItemErrors]: "cli.exit.itemErrors",
  [ExitCode.Damage]: "cli.exit.damage",
  [ExitCode.Interrupted]: "cli.exit.interrupted",
};

/**
 * The "Exit codes:" block of a help text: `codes` in order, each with its meaning, or the
 * command's own words from `own`.
 */
export function exitCodesHelp(
  codes: readonly ExitCode[],
  own: Partial<Record<ExitCode, string>> = {},
): string {
  const lines = codes.map((c) => `  ${String(c).padEnd(5)}${own[c] ?? t(MEANINGS[c])}`);
  return `\n${t("cli.help.exitCodes")}\n${lines.join("\n")}`;
}

/** The exit codes of `phlb` as a whole, for the top-level help (in the run's language: made when asked). */
export function allExitCodesHelp(): string {
  return exitCodesHelp(
    [ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage, ExitCode.ItemErrors, ExitCode.Damage, ExitCode.Interrupted],
    {
      [ExitCode.ItemErrors]: t("cli.exit.all.itemErrors"),
      [ExitCode.Damage]: t("cli.exit.all.damage"),
    },
  );
}

/** A help epilogue: free text, examples (each `[command, what it does]`), then the exit codes. */
export function helpAfter(parts: { text?: string; examples: [string, string][]; exitCodes: string }): string {
  // Short commands get their words beside them, in one column; a long one gets them below.
  const short = parts.examples.filter(([c]) => c.length <= 48);
  const width = Math.max(0, ...short.map(([c]) => c.length));
  const examples = parts.examples.map(([c, what]) =>
    what === "" ? `  ${c}` : c.length > 48 ? `  ${c}\n      ${what}` : `  ${c.padEnd(width)}  ${what}`
  );
  return `${parts.text ? `\n${parts.text.trim()}\n` : ""}\n${t("cli.help.examples")}\n${
    examples.join("\n")
  }\n${parts.exitCodes}`;
}
