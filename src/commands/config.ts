/**
 * `phlb config`: create the home PyHardLinkBackup.ini if there is none, open the file in use in
 * an editor; `--show` prints the effective values with their origins, `--path` the file in use.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { configSearchPaths, findConfigFile, homeConfigPath, readConfig } from "../config/config.ts";
import { createConfigFile } from "../config/template.ts";
import { errorMessage, ExitCode, FatalError, UsageError } from "../errors.ts";
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
    throw new FatalError(`Cannot start the editor "${editor.join(" ")}": ${errorMessage(err)}`, {
      cause: err,
      hint: "set VISUAL or EDITOR to an editor command, or edit the file with any text editor",
    });
  }
  if (!status.success) {
    throw new FatalError(`The editor "${editor.join(" ")}" ended with code ${status.code}`);
  }
}

/** Builds the `config` subcommand. */
export function configCommand(ctx: CommandContext) {
  return new Command("config")
    .description(
      "edit PyHardLinkBackup.ini (created in the home folder, every key commented out, if there is none)",
    )
    .option("--show", "print the effective settings and where each comes from")
    .option("--path", "print the path of the PyHardLinkBackup.ini in use")
    .addOption(jsonOption("with --show or --path: print the result as JSON on stdout"))
    .addHelpText(
      "after",
      helpAfter({
        text: `
phlb reads the first PyHardLinkBackup.ini found in the current folder, then each parent folder,
then the home folder. Keys that file does not set get built-in defaults; options given to
\`phlb backup\` override both, and $${ROOT_ENV} overrides BACKUP_PATH (--root and DEST override
it). \`phlb config\` opens the file in use with $VISUAL or $EDITOR (Notepad on Windows).`,
        examples: [
          ["phlb config", "create (if missing) and edit the ini"],
          ["phlb config --show", "every setting with its origin"],
          ["PHLB_ROOT=/mnt/backup phlb config --show", "BACKUP_PATH from the environment"],
          ["phlb config --path", "which file is in use"],
        ],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage], {
          [ExitCode.Fatal]: 'fatal error, or the ini has errors (each is listed; see the "error:" line)',
        }),
      }),
    )
    .action(async (opts) => {
      if (opts.path && opts.show) throw new UsageError("give --show or --path, not both");
      if (opts.json && !opts.path && !opts.show) throw new UsageError("--json goes with --show or --path");
      if (opts.path) {
        const file = findConfigFile();
        if (!file) {
          throw new FatalError("No PyHardLinkBackup.ini found: the built-in defaults are in use", {
            hint: "`phlb config` creates one in your home folder",
          });
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
          throw new FatalError(`${config.file} has ${errors} error${errors > 1 ? "s" : ""} (listed above)`);
        }
        return;
      }
      const home = homeConfigPath();
      if (!home) throw new FatalError("No home folder is known (HOME/USERPROFILE): cannot create the config");
      if (createConfigFile(home)) out(`Created ${home}, every key commented out with its default.\n`);
      const file = findConfigFile() ?? home;
      const editor = editorCommand();
      if (!editor) {
        out(`The config in use is ${file}\nOpen it in any text editor, or set EDITOR (e.g. EDITOR=nano).\n`);
        return;
      }
      out(`Opening ${file}\n`);
      await openInEditor(file, editor);
      const config = readConfig();
      for (const p of config.problems) printConfigProblem(p);
      if (config.problems.length === 0) out(`Checked ${file}: no problems.\n`);
      if (config.problems.some((p) => p.severity === "error")) ctx.exitCode = ExitCode.Fatal;
    });
}
