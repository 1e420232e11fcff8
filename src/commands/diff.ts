/**
 * `phlb diff A [B]`: added, removed, modified and moved files between two snapshots.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { diffSnapshots, predecessorOf } from "../diff/diff.ts";
import { ExitCode } from "../errors.ts";
import { t } from "../i18n/messages.ts";
import { exitCodesHelp, helpAfter, jsonOption, quietOption, rootOption, verboseOption } from "./common.ts";
import { printDiff } from "../report/diff_report.ts";
import { resolveSnapshotRef } from "../store/ref.ts";
import { commandConfig, type CommandContext } from "./context.ts";
import { pathExists } from "../fs/classify.ts";

/** Builds the `diff` subcommand. */
export function diffCommand(_ctx: CommandContext) {
  return new Command("diff")
    .description(t("cli.diff.description"))
    .argument("<a>", t("cli.diff.arg.a"))
    .argument("[b]", t("cli.diff.arg.b"))
    .addOption(rootOption())
    .addOption(jsonOption(t("cli.diff.opt.json")))
    .addOption(quietOption())
    .addOption(verboseOption(t("cli.diff.opt.verbose")))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.diff.help"),
        examples: [
          ["phlb diff Documents@latest", t("cli.diff.example.last")],
          ["phlb diff Documents@2026-11-01-101500 latest", t("cli.diff.example.toNewest")],
          ["phlb diff Photos@latest -q -r /mnt/backup", t("cli.diff.example.counts")],
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
