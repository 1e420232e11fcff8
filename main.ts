/**
 * phlb's entry point: builds the command tree, runs it, and maps outcomes to exit codes.
 * This is the only place that exits the process.
 * @module
 */
import { CommanderError } from "@commander-js/extra-typings";
import { buildProgram } from "./src/commands/program.ts";
import type { CommandContext } from "./src/commands/context.ts";
import { explainedFailure } from "./src/commands/failure.ts";
import { ExitCode, InterruptedError, UsageError } from "./src/errors.ts";
import { err, out, styles } from "./src/report/term.ts";

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
  const program = buildProgram(ctx, { writeOut: out, writeErr: err });

  const st = styles("stderr");
  try {
    await program.parseAsync(args, { from: "user" });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help asked for and version output are successes; everything else commander rejects is
      // usage, `phlb` without a command included (the help then goes to stderr).
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0) {
        return ExitCode.Ok;
      }
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
