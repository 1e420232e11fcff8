/**
 * `phlb list [NAME]`: the snapshots of a root with their sizes, from the index.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { EXIT_CODES_HELP, FatalError, UsageError } from "../errors.ts";
import { IS_WINDOWS } from "../fs/path.ts";
import { rootOrNameFolder } from "../store/layout.ts";
import { realRoot } from "../verify/select.ts";
import { listRoot } from "../list/list.ts";
import { printList } from "../report/list_report.ts";
import { commandConfig, type CommandContext } from "./context.ts";

/**
 * A backup name never holds a path separator and is never `.` or `..`, so such an argument is a path:
 * a backup root or a `ROOT/NAME` folder. Anything else is a name.
 */
function rootOfPathArgument(arg: string, explicitRoot: string | undefined) {
  const isPath = arg.includes("/") || (IS_WINDOWS && arg.includes("\\")) || arg === "." || arg === "..";
  if (!isPath) return undefined;
  let real: string;
  try {
    real = Deno.realPathSync(resolve(arg));
  } catch (err) {
    throw new FatalError(`"${arg}" does not exist`, { cause: err });
  }
  const folder = rootOrNameFolder(real);
  if (!folder) {
    throw new FatalError(`"${arg}" is neither a backup root nor a backup name's folder under one`, {
      hint: "a backup root holds a .phlb folder; `phlb list` alone lists the configured root",
    });
  }
  if (explicitRoot !== undefined && realRoot(explicitRoot) !== folder.root) {
    throw new UsageError(`"${arg}" is not in the backup root given with --root`);
  }
  return folder;
}

/** Builds the `list` subcommand. */
export function listCommand(_ctx: CommandContext) {
  return new Command("list")
    .description("list snapshots with status, sizes, unique and new bytes; the root's total and dedup ratio")
    .argument("[name]", "only this backup name; or a path: a backup root, or its ROOT/NAME folder")
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
    .action((arg, opts) => {
      const byPath = arg === undefined ? undefined : rootOfPathArgument(arg, opts.root);
      const { root, config } = commandConfig(byPath?.root ?? opts.root);
      const name = byPath ? byPath.name : arg;
      const result = listRoot({ root, name, timestampFormat: config.values.SUB_DIR_FORMATTER });
      printList(result, { json: opts.json });
    });
}
