/**
 * What `phlb prune` prints: the plan (keep/remove with the rules), the bytes freed, and problems.
 * @module
 */
import type { ItemProblem } from "../errors.ts";
import type { PruneCallbacks, PruneItem, PruneResult } from "../prune/prune.ts";
import { err, out, styles } from "./term.ts";
import { formatBytes } from "./format.ts";
import { formatTable } from "./table.ts";

/** Output switches. */
export interface PruneReportOptions {
  json?: boolean;
  quiet?: boolean;
  dryRun?: boolean;
}

/** The plan as a table per name. */
export function formatPlan(items: readonly PruneItem[], bytesFreed: number | null, dryRun: boolean): string {
  const st = styles("stdout");
  const parts: string[] = [];
  const names = [...new Set(items.map((i) => i.name))];
  for (const name of names) {
    const mine = items.filter((i) => i.name === name);
    const n = mine.filter((i) => i.action === "remove").length;
    parts.push(st.bold(name) + `  (keep ${mine.length - n}, remove ${n})\n`);
    parts.push(formatTable(
      [{ header: "action" }, { header: "snapshot" }, { header: "why" }],
      mine.map((i) => [
        i.action,
        i.id + (i.status === "complete" ? "" : i.status === "partial" ? ".partial" : ".deleting"),
        i.reasons.join(", "),
      ]),
      "  ",
    ));
  }
  const removing = items.filter((i) => i.action === "remove").length;
  if (bytesFreed === null) {
    parts.push(`${dryRun ? "Would free" : "Frees"}: unknown (no index; \`phlb add\` rebuilds it)\n`);
  } else {
    const unindexed = items.filter((i) => i.action === "remove" && !i.indexed).length;
    parts.push(
      `${dryRun ? "Would remove" : "Removing"} ${removing} snapshot(s), freeing ${formatBytes(bytesFreed)}` +
        ` (${bytesFreed} bytes of files with no link outside them)` +
        (unindexed ? `, plus ${unindexed} snapshot(s) the index does not know` : "") + "\n",
    );
  }
  if (dryRun) parts.push("Dry run: nothing was removed.\n");
  return parts.join("");
}

/** Callbacks that print the plan and problems as they come. */
export function pruneReporter(options: PruneReportOptions): PruneCallbacks {
  const st = styles("stderr");
  return {
    onPlan: (items, bytesFreed) => {
      if (options.json || (options.quiet && !options.dryRun)) return;
      out(formatPlan(items, bytesFreed, options.dryRun ?? false));
    },
    onRemoved: (item) => {
      if (options.json || options.quiet) return;
      err(`removed ${item.name}/${item.id}\n`);
    },
    onProblem: (p: ItemProblem) => {
      err(`${st.red("error")}: ${JSON.stringify(p.path)}: ${p.message}\n`);
    },
  };
}

/** The closing line, or the JSON result. */
export function printPruneResult(r: PruneResult, options: PruneReportOptions): void {
  if (options.json) {
    out(JSON.stringify(r, null, 2) + "\n");
    return;
  }
  if (r.dryRun || options.quiet) return;
  out(`Removed ${r.removed} snapshot(s)${r.failed ? `, ${r.failed} could not be removed` : ""}.\n`);
}
