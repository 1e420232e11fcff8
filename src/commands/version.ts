/**
 * `phlb version`: the version, the Deno runtime, and whether this is a compiled binary.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode } from "../errors.ts";
import { t } from "../i18n/messages.ts";
import { exitCodesHelp, helpAfter, jsonOption } from "./common.ts";
import { out } from "../report/term.ts";
import { VERSION } from "../version.ts";
import type { CommandContext } from "./context.ts";

/** Builds the `version` subcommand. */
export function versionCommand(_ctx: CommandContext) {
  return new Command("version")
    .description(t("cli.version.description"))
    .addOption(jsonOption(t("cli.version.opt.json")))
    .addHelpText(
      "after",
      helpAfter({
        examples: [["phlb version", ""], ["phlb --version", t("cli.version.example.short")]],
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
            `deno ${info.deno} (${info.target})\n` + // i18n-ignore: names and versions
            `${info.compiled ? t("cli.version.compiled") : t("cli.version.fromSource")}\n`,
        );
      }
    });
}
