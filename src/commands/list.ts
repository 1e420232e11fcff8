/**
 * `phlb list [NAME]`: the snapshots of a root with their sizes, from the index.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode } from "../errors.ts";
import { selectSnapshots } from "../store/select.ts";
import { listRoot } from "../list/list.ts";
import { printList } from "../report/list_report.ts";
import { exitCodesHelp, helpAfter, jsonOption, quietOption, rootOption, verboseOption } from "./common.ts";
import { commandConfig, type CommandContext } from "./context.ts";

/** Builds the `list` subcommand. */
export function listCommand(_ctx: CommandContext) {
  return new Command("list")
    .description("list snapshots with status, sizes, unique and new bytes; the root's total and dedup ratio")
    .argument(
      "[name]",
      "only this backup name; or a path: a backup root or its ROOT/NAME folder (a snapshot, " +
        "NAME@ID or ROOT/NAME/ID, stands for its name)",
    )
    .addOption(rootOption())
    .addOption(jsonOption("print the snapshots and the totals as JSON on stdout"))
    .addOption(quietOption())
    .addOption(verboseOption("also show each snapshot's warnings and folder"))
    .addHelpText(
      "after",
      helpAfter({
        text: `
Columns: size is the snapshot's files as they appear; unique is what deleting that snapshot alone
would free (files with no link outside it); new is what its run copied. Figures come from the
index, no tree is walked.`,
        examples: [
          ["phlb list", "every backup name under the root"],
          ["phlb list Documents -r /mnt/backup", "only the snapshots of Documents"],
          ["phlb list /mnt/backup/Photos", "a name's folder stands for its root and name"],
          ["phlb list -q", "one line: snapshots and space of the root"],
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
