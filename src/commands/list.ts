/**
 * `phlb list [NAME]`: the snapshots of a root with their sizes, from the index.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode } from "../errors.ts";
import { t } from "../i18n/messages.ts";
import { selectSnapshots } from "../store/select.ts";
import { listRoot } from "../list/list.ts";
import { printList } from "../report/list_report.ts";
import { exitCodesHelp, helpAfter, jsonOption, quietOption, rootOption, verboseOption } from "./common.ts";
import { commandConfig, type CommandContext } from "./context.ts";

/** Builds the `list` subcommand. */
export function listCommand(_ctx: CommandContext) {
  return new Command("list")
    .description(t("cli.list.description"))
    .argument("[name]", t("cli.list.arg.name"))
    .addOption(rootOption())
    .addOption(jsonOption(t("cli.list.opt.json")))
    .addOption(quietOption())
    .addOption(verboseOption(t("cli.list.opt.verbose")))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.list.help"),
        examples: [
          ["phlb list", t("cli.list.example.all")],
          ["phlb list Documents -r /mnt/backup", t("cli.list.example.name")],
          ["phlb list /mnt/backup/Photos", t("cli.list.example.folder")],
          ["phlb list -q", t("cli.list.example.quiet")],
        ],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage]),
      }),
    )
    .action((arg, opts) => {
      const { root: configured, config, given } = commandConfig({ flag: opts.root });
      const timestampFormat = config.values.SUB_DIR_FORMATTER;
      // The one grammar of every command: a name, a path (root, ROOT/NAME, snapshot), NAME@ID.
      const selected = arg === undefined ? undefined : selectSnapshots([arg], {
        root: given ? configured : undefined,
        defaultRoot: () => configured,
        timestampFormat,
      });
      const result = listRoot({
        root: selected?.root ?? configured,
        name: selected?.names?.[0],
        timestampFormat,
      });
      printList(result, { json: opts.json, quiet: opts.quiet, verbose: opts.verbose });
    });
}
