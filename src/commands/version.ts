/**
 * `phlb version`: the version, the Deno runtime, and whether this is a compiled binary.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { EXIT_CODES_HELP } from "../errors.ts";
import { out } from "../report/term.ts";
import { VERSION } from "../version.ts";
import type { CommandContext } from "./context.ts";

/** Builds the `version` subcommand. */
export function versionCommand(_ctx: CommandContext) {
  return new Command("version")
    .description("print the phlb version, the Deno version, and whether this is a compiled binary")
    .option("--json", "machine-readable output")
    .addHelpText("after", EXIT_CODES_HELP)
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
