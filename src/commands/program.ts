/**
 * The command tree: the root command `phlb` and its subcommands, in the order a user meets them.
 * main.ts runs it; `phlb completion` and scripts/man.ts read it, so the completion scripts and the
 * man page say what `--help` says.
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { t } from "../i18n/messages.ts";
import { VERSION } from "../version.ts";
import { addCommand } from "./add.ts";
import { backupCommand } from "./backup.ts";
import { allExitCodesHelp, langOption } from "./common.ts";
import { commanderError, helpWords } from "./commander_words.ts";
import { completeCommand, completionCommand } from "./completion.ts";
import { configCommand } from "./config.ts";
import { copyCommand } from "./copy.ts";
import type { CommandContext } from "./context.ts";
import { diffCommand } from "./diff.ts";
import { helperCommand } from "./helper.ts";
import { listCommand } from "./list.ts";
import { pruneCommand } from "./prune.ts";
import { restoreCommand } from "./restore.ts";
import { serveCommand } from "./serve.ts";
import { verifyCommand } from "./verify.ts";
import { versionCommand } from "./version.ts";

/** Where commander writes help and its errors. */
export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** Builds `phlb` with every subcommand; commander throws instead of exiting (main.ts exits). */
export function buildProgram(ctx: CommandContext, io: ProgramOutput): CommandUnknownOpts {
  // commander would read FORCE_COLOR/CLICOLOR_FORCE itself, which phlb has no permission for; help is plain.
  // commander's own error lines and help words are said in the run's language (commander_words.ts).
  const output = {
    ...io,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
    outputError: (text: string, write: (text: string) => void) => write(commanderError(text)),
  };
  const afterError = t("common.runWithHelp");
  const help = helpWords();
  const program = new Command("phlb")
    .description(t("cli.program.description"))
    .version(VERSION, "-V, --version", t("cli.program.version"))
    .option("--debug", t("cli.program.debug"))
    .addOption(langOption())
    .helpOption("-h, --help", t("cli.help.display"))
    .helpCommand("help [command]", t("cli.help.display")) // i18n-ignore: the command's name and argument
    .configureHelp(help)
    .showHelpAfterError(afterError)
    .exitOverride()
    .configureOutput(output)
    .addHelpText("after", allExitCodesHelp());
  for (
    // In the order a user meets them: make, look, check, get back, tidy, set up, extras.
    const make of [
      backupCommand,
      listCommand,
      verifyCommand,
      restoreCommand,
      diffCommand,
      pruneCommand,
      copyCommand,
      addCommand,
      configCommand,
      helperCommand,
      serveCommand,
      completionCommand,
      versionCommand,
    ]
  ) {
    program.addCommand(
      make(ctx).helpOption("-h, --help", t("cli.help.display")).configureHelp(help).exitOverride()
        .configureOutput(output).showHelpAfterError(afterError),
    );
  }
  // What the completion scripts call for values from the index: not for people, so not in --help.
  program.addCommand(completeCommand(ctx).exitOverride().configureOutput(output), { hidden: true });
  return program as unknown as CommandUnknownOpts;
}
