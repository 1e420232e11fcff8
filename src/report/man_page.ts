/**
 * The man page `phlb.1`, in roff (man macros), made from the same command tree as `--help`: every
 * command's usage, description, arguments, options (with the words `--help` gives them), and its
 * help epilogue (prose, examples, exit codes). `deno task man` writes it; a test checks that the
 * committed file is what the tree makes now. Pure: returns text.
 * @module
 */
import type { CommandUnknownOpts, Help } from "@commander-js/extra-typings";

/** roff text: backslashes, hyphens (so options copy as typed), and lines that would read as requests. */
export function roffEscape(text: string): string {
  return text.replaceAll("\\", "\\e").replaceAll("-", "\\-").split("\n")
    .map((l) => /^[.']/.test(l) ? `\\&${l}` : l).join("\n");
}

/** The text a command prints after its options (addHelpText "after"), as `--help` prints it. */
export function helpEpilogue(cmd: CommandUnknownOpts): string {
  let text = "";
  // commander keeps that text in an "afterHelp" listener: emitting the event is how --help gets it.
  const emitter = cmd as unknown as { emit(event: string, context: unknown): boolean };
  emitter.emit("afterHelp", { error: false, command: cmd, write: (s: string) => text += s });
  return text;
}

/** One epilogue as roff: prose paragraphs, an Examples block kept as typed, exit codes as a list. */
function epilogueRoff(text: string): string[] {
  const out: string[] = [];
  const blocks = text.split(/\n\s*\n/).map((b) => b.replace(/^\n+|\s+$/g, "")).filter((b) => b !== "");
  for (const block of blocks) {
    const [first, ...rest] = block.split("\n");
    if (first === "Examples:") {
      out.push(
        ".PP",
        "Examples:",
        ".RS 4",
        ".nf",
        ...rest.map((l) => roffEscape(l.replace(/^ {2}/, ""))),
        ".fi",
        ".RE",
      );
    } else if (first === "Exit codes:") {
      out.push(".PP", "Exit codes:", ".RS 4", ".PD 0");
      for (const l of rest) {
        const m = /^\s*(\d+)\s+(.*)$/.exec(l);
        if (m) out.push(".TP 6", m[1], roffEscape(m[2]));
      }
      out.push(".PD", ".RE");
    } else {
      out.push(".PP", roffEscape(block.split("\n").map((l) => l.trim()).join(" ")));
    }
  }
  return out;
}

/** Arguments and options of one command, each as a tagged paragraph with its `--help` words. */
function termsRoff(cmd: CommandUnknownOpts, help: Help): string[] {
  const out: string[] = [];
  const args = cmd.registeredArguments.filter((a) => a.description);
  if (args.length > 0) {
    out.push(".PP", "Arguments:");
    for (const a of args) {
      out.push(".TP", `.I ${roffEscape(a.name())}`, roffEscape(help.argumentDescription(a)));
    }
  }
  const options = help.visibleOptions(cmd);
  if (options.length > 0) {
    out.push(".PP", "Options:");
    for (const o of options) {
      out.push(".TP", `.B ${roffEscape(help.optionTerm(o))}`, roffEscape(help.optionDescription(o)));
    }
  }
  return out;
}

/** Facts the page states beside the commands: where settings come from, what the environment changes. */
export interface ManPageFacts {
  version: string;
  environment: [string, string][];
  files: [string, string][];
  seeAlso: string;
}

/** The whole page for `program`. */
export function manPage(program: CommandUnknownOpts, facts: ManPageFacts): string {
  const help = program.createHelp();
  const name = program.name();
  const lines: string[] = [
    `.\\" ${name}.1: made by \`deno task man\` from the command tree; do not edit.`,
    `.TH ${name.toUpperCase()} 1 "" "${name} ${facts.version}" "User Commands"`,
    ".SH NAME",
    `${name} \\- ${roffEscape(program.description())}`,
    ".SH SYNOPSIS",
    `.B ${name}`,
    roffEscape(program.usage()),
    ".SH DESCRIPTION",
    roffEscape(program.description()) + ".",
    ...termsRoff(program, help),
    ".SH COMMANDS",
  ];
  for (const cmd of help.visibleCommands(program)) {
    const names = [cmd.name(), ...cmd.aliases()].join(", ");
    // The usage line as `--help` writes it (its first alias too: "phlb add|rebuild [options] [root]").
    const usage = help.commandUsage(cmd);
    const path = usage.slice(0, usage.length - cmd.usage().length).trim();
    lines.push(
      `.SS "${roffEscape(`${name} ${names}`)}"`,
      `.B ${roffEscape(path)}`,
      roffEscape(cmd.usage()),
      ".PP",
      roffEscape(cmd.description()),
      ...termsRoff(cmd, help),
      ...epilogueRoff(helpEpilogue(cmd)),
    );
  }
  lines.push(".SH ENVIRONMENT");
  for (const [k, v] of facts.environment) lines.push(".TP", `.B ${k}`, roffEscape(v));
  lines.push(".SH FILES");
  for (const [k, v] of facts.files) lines.push(".TP", `.I ${roffEscape(k)}`, roffEscape(v));
  lines.push('.SH "EXIT STATUS"', ...epilogueRoff(helpEpilogue(program)).slice(2));
  lines.push('.SH "SEE ALSO"', roffEscape(facts.seeAlso));
  return lines.join("\n") + "\n";
}
