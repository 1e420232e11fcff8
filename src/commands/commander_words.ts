/**
 * commander's own words in the run's language: the help layout (`Usage:`, `Options:`, `[options]`,
 * `(default: …)`, `(choices: …)`) and its error lines (`unknown option`, `missing required
 * argument`, …). commander 15 has no i18n, so its help is configured here (the title and term
 * styling hooks of its Help class) and its error lines are matched by pattern and said again from
 * the catalogue. In English every text is commander's own, character for character (the man page
 * and the tests compare it). Nothing here prints: program.ts wires it to commander's output.
 * @module
 */
import type { Argument, HelpConfiguration, Option } from "@commander-js/extra-typings";
import { type MessageKey, t } from "../i18n/messages.ts";

/** commander's section titles, by the English word its Help class passes to `styleTitle`. */
const TITLES: Record<string, MessageKey> = {
  "Usage:": "cli.help.usage",
  "Options:": "cli.help.options",
  "Arguments:": "cli.help.arguments",
  "Commands:": "cli.help.commands",
};

/** The `(choices: …, default: …)` tail commander adds to an option's or argument's description. */
function withExtra(
  description: string,
  item: { argChoices?: readonly string[]; defaultValue?: unknown; defaultValueDescription?: string },
  showDefault: boolean,
): string {
  const extra: string[] = [];
  if (item.argChoices) {
    extra.push(t("cli.help.choices", { values: item.argChoices.map((c) => JSON.stringify(c)).join(", ") }));
  }
  if (item.defaultValue !== undefined && showDefault) {
    extra.push(
      t("cli.help.default", { value: item.defaultValueDescription || JSON.stringify(item.defaultValue) }),
    );
  }
  if (extra.length === 0) return description;
  const tail = `(${extra.join(", ")})`;
  return description ? `${description} ${tail}` : tail;
}

/**
 * The help configuration every command of the tree gets (commander does not pass it on to commands
 * added with addCommand). Each hook returns what commander's own would, with the catalogue's words.
 */
export function helpWords(): HelpConfiguration {
  return {
    styleTitle: (str: string) => TITLES[str] ? t(TITLES[str]) : str,
    // Called for every option term too: only commander's placeholder word is a text.
    styleOptionText: (str: string) => str === "[options]" ? t("cli.help.optionsWord") : str,
    styleSubcommandText: (str: string) => str === "[command]" ? t("cli.help.commandWord") : str,
    // The argument of commander's own `help [command]`: its word too.
    styleArgumentText: (str: string) => str === "[command]" ? t("cli.help.commandWord") : str,
    optionDescription: (option: Option) => {
      const o = option as unknown as Option & { argChoices?: string[]; defaultValueDescription?: string };
      const showDefault = o.required || o.optional ||
        (o.isBoolean() && typeof o.defaultValue === "boolean");
      // preset and env are not used by phlb's options; commander's words for them would stay English.
      return withExtra(o.description, o, showDefault);
    },
    argumentDescription: (argument: Argument) => {
      const a = argument as unknown as Argument & { argChoices?: string[]; defaultValueDescription?: string };
      return withExtra(a.description, a, true);
    },
  };
}

/** One of commander's error lines, as a pattern over its English, and how to say it from the catalogue. */
const ERRORS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^unknown option '(.*)'$/s, (m) => t("cli.commander.unknownOption", { option: m[1] })],
  [/^unknown command '(.*)'$/s, (m) => t("cli.commander.unknownCommand", { command: m[1] })],
  [/^missing required argument '(.*)'$/s, (m) => t("cli.commander.missingArgument", { name: m[1] })],
  [/^option '(.*)' argument missing$/s, (m) => t("cli.commander.optionArgumentMissing", { option: m[1] })],
  [/^required option '(.*)' not specified$/s, (m) => t("cli.commander.requiredOption", { option: m[1] })],
  [
    /^too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+): (.*)\.$/s,
    (m) =>
      t("cli.commander.tooManyArgumentsFor", {
        command: m[1],
        count: Number(m[2]),
        received: Number(m[3]),
        details: m[4],
      }),
  ],
  [
    /^too many arguments\. Expected (\d+) arguments? but got (\d+): (.*)\.$/s,
    (m) =>
      t("cli.commander.tooManyArguments", { count: Number(m[1]), received: Number(m[2]), details: m[3] }),
  ],
  [
    /^option '(.*?)' argument '(.*)' is invalid\.(?: (.*))?$/s,
    (m) => joined(t("cli.commander.invalidOptionArgument", { option: m[1], value: m[2] }), m[3]),
  ],
  [
    /^command-argument value '(.*)' is invalid for argument '(.*?)'\.(?: (.*))?$/s,
    (m) => joined(t("cli.commander.invalidArgument", { value: m[1], name: m[2] }), m[3]),
  ],
];

/** A reason commander appends: its own "Allowed choices are …." said again, or ours (already translated). */
function joined(head: string, reason: string | undefined): string {
  if (reason === undefined) return head;
  const choices = /^Allowed choices are (.*)\.$/s.exec(reason);
  return `${head} ${choices ? t("cli.commander.allowedChoices", { choices: choices[1] }) : reason}`;
}

/** commander's "(Did you mean …?)" line. */
function suggestion(line: string): string {
  const many = /^\(Did you mean one of (.*)\?\)$/.exec(line);
  if (many) return t("cli.commander.didYouMeanOneOf", { suggestions: many[1] });
  const one = /^\(Did you mean (.*)\?\)$/.exec(line);
  return one ? t("cli.commander.didYouMean", { suggestion: one[1] }) : line;
}

/**
 * commander's error text (`error: unknown option '--x'\n(Did you mean --y?)\n`) in the run's
 * language; a text of another form is returned as it is.
 */
export function commanderError(text: string): string {
  const m = /^error: (.*?)(\n\(Did you mean [^\n]*\?\))?(\n?)$/s.exec(text);
  if (!m) return text;
  const [, message, hint, end] = m;
  const rule = ERRORS.map(([re, say]) => [re.exec(message), say] as const).find(([found]) => found);
  const said = rule ? rule[1](rule[0]!) : message;
  return `${t("common.error")}: ${said}${hint ? `\n${suggestion(hint.slice(1))}` : ""}${end}`;
}
