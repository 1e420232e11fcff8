/**
 * `phlb diff A [B]`: added, removed, modified and moved files between two snapshots.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { diffSnapshots, predecessorOf } from "../diff/diff.ts";
import { ExitCode } from "../errors.ts";
import { exitCodesHelp, helpAfter, jsonOption, quietOption, rootOption, verboseOption } from "./common.ts";
import { printDiff } from "../report/diff_report.ts";
import { resolveSnapshotRef } from "../store/ref.ts";
import { commandConfig, type CommandContext } from "./context.ts";
import { pathExists } from "../fs/classify.ts";

/** Builds the `diff` subcommand. */
export function diffCommand(_ctx: CommandContext) {
  return new Command("diff")
    .description(
      "list what changed between two snapshots: added, removed, modified, moved, metadata (reads no file)",
    )
    .argument("<a>", "the older snapshot: a path, or NAME@latest / NAME@ID, optionally with /SUBPATH")
    .argument(
      "[b]",
      "the newer snapshot; an ID alone means A's name (default: A's predecessor is compared with A)",
    )
    .addOption(rootOption())
    .addOption(jsonOption("print the changes as JSON on stdout"))
    .addOption(quietOption())
    .addOption(
      verboseOption(
        "also say what changed in each modified entry (size, mode, mtime, owner, xattrs, target)",
      ),
    )
    .addHelpText(
      "after",
      helpAfter({
        text: `
One line per change: + added, - removed, M content modified, > moved (same content, new path),
m mode only, t mtime only, o owner only, x xattrs only, L symlink target changed; a file whose
metadata changed in several ways shows one letter per change. Moves are found by equal content
at a removed and an added path, each removed path paired with the added one nearest to it in the
tree. Everything comes from the index (the manifests without one): no file is read.`,
        examples: [
          ["phlb diff Documents@latest", "what the last run changed"],
          ["phlb diff Documents@2026-11-01-101500 latest", "from a snapshot to the newest"],
          ["phlb diff Photos@latest -q -r /mnt/backup", "the counts only"],
        ],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage]),
      }),
    )
    .action((aArg, bArg, opts) => {
      const { root, config } = commandConfig({ flag: opts.root });
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
      printDiff(diffSnapshots(older, newer), { json: opts.json, quiet: opts.quiet, verbose: opts.verbose });
    });
}
