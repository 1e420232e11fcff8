/**
 * `phlb config`: create the home PyHardLinkBackup.ini if there is none, open the file in use in
 * an editor; `--show` prints the effective values with their origins, `--path` the file in use.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { configSearchPaths, findConfigFile, homeConfigPath, readConfig } from "../config/config.ts";
import { createConfigFile } from "../config/template.ts";
import { errorMessage, ExitCode, FatalError, UsageError } from "../errors.ts";
import { msg, t } from "../i18n/messages.ts";
import {
  configJson,
  formatConfigSource,
  formatSettings,
  printConfigProblem,
} from "../report/config_report.ts";
import { exitCodesHelp, helpAfter, jsonOption } from "./common.ts";
import { out } from "../report/term.ts";
import { applyRootArgs, type CommandContext, ROOT_ENV } from "./context.ts";

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined;
  }
}

/** Splits an $EDITOR value such as `code --wait` or `"C:\Program Files\x.exe" -n` into words. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

/** The editor command: $VISUAL, $EDITOR, notepad on Windows; undefined if none is known. */
function editorCommand(): string[] | undefined {
  const configured = env("VISUAL") ?? env("EDITOR");
  if (configured) return splitCommandLine(configured);
  if (Deno.build.os === "windows") return ["notepad"];
  return undefined;
}

async function openInEditor(file: string, editor: string[]): Promise<void> {
  let status: Deno.CommandStatus;
  try {
    status = await new Deno.Command(editor[0], {
      args: [...editor.slice(1), file],
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    }).spawn().status;
  } catch (err) {
    throw new FatalError(
      msg("cli.config.editorStart", { editor: editor.join(" "), error: errorMessage(err) }),
      {
        cause: err,
        hint: msg("cli.config.editorHint"),
      },
    );
  }
  if (!status.success) {
    throw new FatalError(msg("cli.config.editorCode", { editor: editor.join(" "), code: status.code }));
  }
}

/** Builds the `config` subcommand. */
export function configCommand(ctx: CommandContext) {
  return new Command("config")
    .description(t("cli.config.description"))
    .option("--show", t("cli.config.opt.show"))
    .option("--path", t("cli.config.opt.path"))
    .addOption(jsonOption(t("cli.config.opt.json")))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.config.help"),
        examples: [
          ["phlb config", t("cli.config.example.edit")],
          ["phlb config --show", t("cli.config.example.show")],
          // i18n-ignore: a command line
          [`${ROOT_ENV}=/mnt/backup phlb config --show`, t("cli.config.example.env")],
          ["phlb config --path", t("cli.config.example.path")],
        ],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage], {
          [ExitCode.Fatal]: t("cli.config.exit.fatal"),
        }),
      }),
    )
    .action(async (opts) => {
      if (opts.path && opts.show) throw new UsageError(msg("cli.config.showAndPath"));
      if (opts.json && !opts.path && !opts.show) throw new UsageError(msg("cli.config.jsonNeeds"));
      if (opts.path) {
        const file = findConfigFile();
        if (!file) {
          throw new FatalError(msg("cli.config.noIni"), { hint: msg("cli.config.noIniHint") });
        }
        out(opts.json ? JSON.stringify({ path: file }) + "\n" : `${file}\n`);
        return;
      }
      if (opts.show) {
        const config = readConfig();
        applyRootArgs(config, {});
        const paths = configSearchPaths();
        if (opts.json) out(JSON.stringify(configJson(config, paths), null, 2) + "\n");
        else {
          const searched = paths.length > 2 ? `${paths[0]} … ${paths[paths.length - 1]}` : paths.join(", ");
          out(formatConfigSource(config, searched));
          out(formatSettings(config));
        }
        for (const p of config.problems) printConfigProblem(p);
        const errors = config.problems.filter((p) => p.severity === "error").length;
        if (errors > 0) {
          throw new FatalError(msg("cli.config.hasErrors", { file: config.file ?? "", count: errors }));
        }
        return;
      }
      const home = homeConfigPath();
      if (!home) throw new FatalError(msg("cli.config.noHome"));
      if (createConfigFile(home)) out(`${t("cli.config.created", { file: home })}\n`);
      const file = findConfigFile() ?? home;
      const editor = editorCommand();
      if (!editor) {
        out(`${t("cli.config.inUse", { file })}\n`);
        return;
      }
      out(`${t("cli.config.opening", { file })}\n`);
      await openInEditor(file, editor);
      const config = readConfig();
      for (const p of config.problems) printConfigProblem(p);
      if (config.problems.length === 0) out(`${t("cli.config.checked", { file })}\n`);
      if (config.problems.some((p) => p.severity === "error")) ctx.exitCode = ExitCode.Fatal;
    });
}
