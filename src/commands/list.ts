/**
 * `phlb list [NAME]`: the snapshots of a root with their sizes, from the index.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { EXIT_CODES_HELP } from "../errors.ts";
import { listRoot } from "../list/list.ts";
import { printList } from "../report/list_report.ts";
import { commandConfig, type CommandContext } from "./context.ts";

/** Builds the `list` subcommand. */
export function listCommand(_ctx: CommandContext) {
  return new Command("list")
    .description("list snapshots with status, sizes, unique and new bytes; the root's total and dedup ratio")
    .argument("[name]", "only this backup name")
    .option("--root <path>", "the backup root (default: BACKUP_PATH from the config, or ~/PyHardLinkBackups)")
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      `
Columns: size is the snapshot's files as they appear; unique is what deleting that snapshot alone
would free (files with no link outside it); new is what its run copied. Figures come from the
index, no tree is walked.
${EXIT_CODES_HELP}`,
    )
    .action((name, opts) => {
      const { root, config } = commandConfig(opts.root);
      const result = listRoot({ root, name, timestampFormat: config.values.SUB_DIR_FORMATTER });
      printList(result, { json: opts.json });
    });
}
