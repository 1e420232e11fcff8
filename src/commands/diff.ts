/**
 * `phlb diff A [B]`: added, removed, modified and moved files between two snapshots.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { diffSnapshots, predecessorOf } from "../diff/diff.ts";
import { EXIT_CODES_HELP } from "../errors.ts";
import { printDiff } from "../report/diff_report.ts";
import { resolveSnapshotRef } from "../store/ref.ts";
import { commandConfig, type CommandContext } from "./context.ts";
import { pathExists } from "../fs/classify.ts";

/** Builds the `diff` subcommand. */
export function diffCommand(_ctx: CommandContext) {
  return new Command("diff")
    .description("list files added, removed, modified and moved between two snapshots (reads no file)")
    .argument("<a>", "the older snapshot: a path, or NAME@latest / NAME@ID, optionally with /SUBPATH")
    .argument(
      "[b]",
      "the newer snapshot; an ID alone means A's name (default: A's predecessor is compared with A)",
    )
    .option(
      "--root <path>",
      "the backup root for NAME@… (default: BACKUP_PATH from the config, or ~/PyHardLinkBackups)",
    )
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      `
Moves are found by equal content at a removed and an added path. Everything comes from the
manifests and the index: no file is read.

Examples:
  phlb diff Documents@latest                     # what the last run changed
  phlb diff Documents@2026-11-01-101500 latest   # from a snapshot to the newest
${EXIT_CODES_HELP}`,
    )
    .action((aArg, bArg, opts) => {
      const { root, config } = commandConfig(opts.root);
      const timestampFormat = config.values.SUB_DIR_FORMATTER;
      const first = resolveSnapshotRef(aArg, { root: () => root, timestampFormat });
      let older = first;
      let newer;
      if (bArg === undefined) {
        newer = first;
        older = predecessorOf(first, timestampFormat);
      } else if (!bArg.includes("@") && !pathExists(bArg)) {
        // A bare id: a snapshot of A's name in A's root.
        const ref = `${first.name}@${bArg}${first.subpath ? `/${first.subpath}` : ""}`;
        newer = resolveSnapshotRef(ref, { root: () => first.root, timestampFormat });
      } else {
        newer = resolveSnapshotRef(bArg, { root: () => root, timestampFormat });
      }
      printDiff(diffSnapshots(older, newer), { json: opts.json });
    });
}
