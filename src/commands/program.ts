/**
 * The command tree: the root command `phlb` and its subcommands, in the order a user meets them.
 * main.ts runs it; `phlb completion` and scripts/man.ts read it, so the completion scripts and the
 * man page say what `--help` says.
 * @module
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { VERSION } from "../version.ts";
import { addCommand } from "./add.ts";
import { backupCommand } from "./backup.ts";
import { ALL_EXIT_CODES_HELP, langOption } from "./common.ts";
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

/** The line after a usage error. */
const AFTER_ERROR = "(run with --help for usage)";

/** Builds `phlb` with every subcommand; commander throws instead of exiting (main.ts exits). */
export function buildProgram(ctx: CommandContext, io: ProgramOutput): CommandUnknownOpts {
  // commander would read FORCE_COLOR/CLICOLOR_FORCE itself, which phlb has no permission for; help is plain.
  const output = { ...io, getOutHasColors: () => false, getErrHasColors: () => false };
  const program = new Command("phlb")
    .description("hardlink snapshot backups: every snapshot a plain, complete folder")
    .version(VERSION, "-V, --version", "print the version")
    .option("--debug", "show full error causes")
    .addOption(langOption())
    .showHelpAfterError(AFTER_ERROR)
    .exitOverride()
    .configureOutput(output)
    .addHelpText("after", ALL_EXIT_CODES_HELP);
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
    program.addCommand(make(ctx).exitOverride().configureOutput(output).showHelpAfterError(AFTER_ERROR));
  }
  // What the completion scripts call for values from the index: not for people, so not in --help.
  program.addCommand(completeCommand(ctx).exitOverride().configureOutput(output), { hidden: true });
  return program as unknown as CommandUnknownOpts;
}
