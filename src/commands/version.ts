/**
 * `phlb version`: the version, the Deno runtime, and whether this is a compiled binary.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode } from "../errors.ts";
import { exitCodesHelp, helpAfter, jsonOption } from "./common.ts";
import { out } from "../report/term.ts";
import { VERSION } from "../version.ts";
import type { CommandContext } from "./context.ts";

/** Builds the `version` subcommand. */
export function versionCommand(_ctx: CommandContext) {
  return new Command("version")
    .description("print the phlb version, the Deno version, and whether this is a compiled binary")
    .addOption(jsonOption("print the versions as JSON on stdout"))
    .addHelpText(
      "after",
      helpAfter({
        examples: [["phlb version", ""], ["phlb --version", "the phlb version alone"]],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Usage]),
      }),
    )
    .action((opts) => {
      const info = {
        phlb: VERSION,
        deno: Deno.version.deno,
        v8: Deno.version.v8,
        typescript: Deno.version.typescript,
        target: Deno.build.target,
        compiled: Deno.build.standalone === true,
      };
      if (opts.json) out(JSON.stringify(info, null, 2) + "\n");
      else {
        out(
          `phlb ${info.phlb}\n` +
            `deno ${info.deno} (${info.target})\n` +
            `${info.compiled ? "compiled binary" : "running from source (deno run)"}\n`,
        );
      }
    });
}
