/**
 * phlb's entry point: builds the command tree, runs it, and maps outcomes to exit codes.
 * This is the only place that exits the process.
 * @module
 */
import { CommanderError } from "@commander-js/extra-typings";
import { buildProgram } from "./src/commands/program.ts";
import type { CommandContext } from "./src/commands/context.ts";
import { explainedFailure } from "./src/commands/failure.ts";
import { ExitCode, InterruptedError, shownMessage, UsageError } from "./src/errors.ts";
import { localize, type MessageKey, setLanguage, t } from "./src/i18n/messages.ts";
import { LANGUAGES } from "./src/i18n/languages.ts";
import { runLanguage } from "./src/commands/language.ts";
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
  const st = styles("stderr");
  // Before the command tree: its --help texts are in the run's language.
  const language = runLanguage(args);
  setLanguage(language.language);
  if (language.unknown) {
    err(
      `${st.yellow(t("common.warning"))}: ${
        t("common.unknownLanguage", {
          code: language.unknown.code,
          from: language.unknown.from,
          available: LANGUAGES.join(", "),
        })
      }\n`,
    );
  }
  const program = buildProgram(ctx, { writeOut: out, writeErr: err });

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
      err(`${st.red(t("common.error"))}: ${shownMessage(e)}\n${t("common.runWithHelp")}\n`);
      return ExitCode.Usage;
    }
    if (e instanceof InterruptedError || controller.signal.aborted) {
      // What is left depends on the command: only a backup leaves an unfinished snapshot.
      const left: Record<string, MessageKey> = {
        backup: "common.stoppedCleanly.backup",
        prune: "common.stoppedCleanly.prune",
        add: "common.stoppedCleanly.add",
        restore: "common.stoppedCleanly.restore",
      };
      const command = args.find((a) => !a.startsWith("-")) ?? "";
      err(
        `${st.yellow(t("common.interrupted"))}: ${
          t(left[command === "rebuild" ? "add" : command] ?? "common.stoppedCleanly")
        }\n`,
      );
      return ExitCode.Interrupted;
    }
    // A FatalError, or damage the index's open check did not reach, met mid-way: one line, a hint.
    const fatal = explainedFailure(e);
    if (fatal) {
      err(`${st.red(t("common.error"))}: ${shownMessage(fatal)}\n`);
      if (fatal.hint) err(`${t("common.hint")}: ${localize(fatal.hint)}\n`);
      if (debug && fatal.cause) {
        err(`${t("common.cause")}: ${(fatal.cause as Error)?.stack ?? String(fatal.cause)}\n`);
      }
      return ExitCode.Fatal;
    }
    // A bug or an unexpected failure: still one line, the stack only with --debug.
    err(`${st.red(t("common.error"))}: ${shownMessage(e)}\n`);
    if (debug) err(`${(e as Error)?.stack ?? ""}\n`);
    else err(`${t("common.runWithDebug")}\n`);
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
