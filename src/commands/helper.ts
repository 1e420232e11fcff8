/**
 * `phlb helper DIR`: writes the "back up this folder" scripts and an ini template into DIR.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { type Config, readConfig } from "../config/config.ts";
import { ExitCode } from "../errors.ts";
import { t } from "../i18n/messages.ts";
import { printHelperResult } from "../report/helper_report.ts";
import { exitCodesHelp, helpAfter, jsonOption, quietOption } from "./common.ts";
import { HELPER_CMD, HELPER_SH, writeHelper } from "../helper/helper.ts";
import { helperTarget } from "../helper/launcher.ts";
import { VERSION } from "../version.ts";
import type { CommandContext } from "./context.ts";

/** Builds the `helper` subcommand. */
export function helperCommand(_ctx: CommandContext) {
  return new Command("helper")
    .description(t("cli.helper.description", { sh: HELPER_SH, cmd: HELPER_CMD }))
    .argument("<dir>", t("cli.helper.arg.dir"))
    .addOption(jsonOption(t("cli.helper.opt.json")))
    .addOption(quietOption())
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.helper.help"),
        examples: [
          ["phlb helper ~/Documents", t("cli.helper.example.run", { sh: HELPER_SH, cmd: HELPER_CMD })],
          ["phlb helper 'D:\\Photos'", t("cli.helper.example.windows")],
        ],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage]),
      }),
    )
    .action((dirArg, opts) => {
      const dir = resolve(dirArg);
      // Which settings the folder used before a new ini beside the scripts takes over.
      let before: Config | undefined;
      try {
        before = readConfig({ cwd: dir });
      } catch { /* unreadable: nothing to compare */ }
      const os = Deno.build.os === "windows" ? "windows" : "posix";
      const target = helperTarget(os);
      const files = writeHelper(dir, {
        ...target,
        os,
        version: VERSION,
        inherit: before,
      });
      const ini = files[2];
      const copied = before?.file && ini.status === "created"
        ? Object.entries(before.origins).filter(([, o]) => o.kind === "file").map(([k]) => k)
        : [];
      printHelperResult({
        files,
        phlbPath: target.phlbPath,
        denoDir: os === "posix" ? target.denoDir : undefined,
        copied,
        copiedFrom: before?.file,
      }, { json: opts.json, quiet: opts.quiet });
    });
}
