/**
 * phlb's entry point: builds the command tree, runs it, and maps outcomes to exit codes.
 * This is the only place that exits the process.
 * @module
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import { addCommand } from "./src/commands/add.ts";
import { backupCommand } from "./src/commands/backup.ts";
import { configCommand } from "./src/commands/config.ts";
import type { CommandContext } from "./src/commands/context.ts";
import { copyCommand } from "./src/commands/copy.ts";
import { diffCommand } from "./src/commands/diff.ts";
import { explainedFailure } from "./src/commands/failure.ts";
import { helperCommand } from "./src/commands/helper.ts";
import { listCommand } from "./src/commands/list.ts";
import { pruneCommand } from "./src/commands/prune.ts";
import { restoreCommand } from "./src/commands/restore.ts";
import { serveCommand } from "./src/commands/serve.ts";
import { verifyCommand } from "./src/commands/verify.ts";
import { versionCommand } from "./src/commands/version.ts";
import { EXIT_CODES_HELP, ExitCode, InterruptedError, UsageError } from "./src/errors.ts";
import { err, out, styles } from "./src/report/term.ts";
import { VERSION } from "./src/version.ts";

function debugEnabled(args: string[]): boolean {
  if (args.includes("--debug")) return true;
  try {
    return Boolean(Deno.env.get("PHLB_DEBUG"));
  } catch {
    return false;
  }
}

/** Runs phlb with `args` and returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const controller = new AbortController();
  const ctx: CommandContext = { exitCode: ExitCode.Ok, signal: controller.signal };
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT", "SIGBREAK"] : ["SIGINT", "SIGTERM"];
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) Deno.exit(ExitCode.Interrupted);
    controller.abort(new InterruptedError());
  };
  for (const s of signals) {
    try {
      Deno.addSignalListener(s, onSignal);
    } catch { /* not supported here */ }
  }

  const debug = debugEnabled(args);
  // commander would read FORCE_COLOR/CLICOLOR_FORCE itself, which phlb has no permission for; help is plain.
  const output = { writeOut: out, writeErr: err, getOutHasColors: () => false, getErrHasColors: () => false };
  const program = new Command("phlb")
    .description("hardlink snapshot backups: every snapshot a plain, complete folder")
    .version(VERSION, "-V, --version", "print the version")
    .option("--debug", "show full error causes")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput(output)
    .addHelpText("after", EXIT_CODES_HELP);
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
      versionCommand,
    ]
  ) {
    program.addCommand(make(ctx).exitOverride().configureOutput(output));
  }

  const st = styles("stderr");
  try {
    await program.parseAsync(args, { from: "user" });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version output are successes; everything else commander rejects is usage.
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0) {
        return ExitCode.Ok;
      }
      if (e.code === "commander.help") return ExitCode.Ok;
      return ExitCode.Usage;
    }
    if (e instanceof UsageError) {
      err(`${st.red("error")}: ${e.message}\n(run with --help for usage)\n`);
      return ExitCode.Usage;
    }
    if (e instanceof InterruptedError || controller.signal.aborted) {
      // What is left depends on the command: only a backup leaves an unfinished snapshot.
      const left: Record<string, string> = {
        backup: "; the unfinished snapshot stays .partial (the next backup reuses and removes it)",
        prune: "; the snapshots not reached yet are kept",
        add: "; each snapshot recorded so far stays recorded",
        restore: "; what was restored so far stays in the target",
      };
      const command = args.find((a) => !a.startsWith("-")) ?? "";
      err(
        `${st.yellow("interrupted")}: stopped cleanly${
          left[command === "rebuild" ? "add" : command] ?? ""
        }\n`,
      );
      return ExitCode.Interrupted;
    }
    // A FatalError, or damage the index's open check did not reach, met mid-way: one line, a hint.
    const fatal = explainedFailure(e);
    if (fatal) {
      err(`${st.red("error")}: ${fatal.message}\n`);
      if (fatal.hint) err(`hint: ${fatal.hint}\n`);
      if (debug && fatal.cause) err(`cause: ${(fatal.cause as Error)?.stack ?? String(fatal.cause)}\n`);
      return ExitCode.Fatal;
    }
    // A bug or an unexpected failure: still one line, the stack only with --debug.
    err(`${st.red("error")}: ${(e as Error)?.message ?? String(e)}\n`);
    if (debug) err(`${(e as Error)?.stack ?? ""}\n`);
    else err("(run with --debug for details)\n");
    return ExitCode.Fatal;
  } finally {
    for (const s of signals) {
      try {
        Deno.removeSignalListener(s, onSignal);
      } catch { /* not supported */ }
    }
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
