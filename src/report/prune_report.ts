/**
 * What `phlb prune` prints: the rules in words, the plan (keep/remove with the rules), what it
 * frees (file contents, and the estimated total on disk), problems, and the closing line.
 * @module
 */
import { calendarDurationWords } from "../durations.ts";
import type { ItemProblem } from "../errors.ts";
import type { RetentionPolicy } from "../prune/policy.ts";
import type { PruneCallbacks, PruneItem, PruneResult } from "../prune/prune.ts";
import { err, out, styles } from "./term.ts";
import { countOf, formatBytes, formatFields } from "./format.ts";
import { formatTable } from "./table.ts";

/** Output switches. */
export interface PruneReportOptions {
  json?: boolean;
  /** Problems and the closing line only. */
  quiet?: boolean;
  /** Also each snapshot's time. */
  verbose?: boolean;
  dryRun?: boolean;
  /** The rules, said in words above the plan. */
  policy?: RetentionPolicy;
}

/** The rules in words: "keep the 3 newest, 7 daily, within 1 year 6 months of the newest". */
export function formatPolicy(p: RetentionPolicy): string {
  const n = (v: number) => v === -1 ? "unlimited" : String(v);
  const parts: string[] = [];
  if (p.last) parts.push(`the ${n(p.last)} newest`);
  for (const [v, what] of [[p.hourly, "hourly"], [p.daily, "daily"], [p.weekly, "weekly"]] as const) {
    if (v) parts.push(`${n(v)} ${what}`);
  }
  for (const [v, what] of [[p.monthly, "monthly"], [p.yearly, "yearly"]] as const) {
    if (v) parts.push(`${n(v)} ${what}`);
  }
  if (p.within) parts.push(`every snapshot within ${calendarDurationWords(p.within)} of the newest`);
  return `keep ${parts.join(", ")}`;
}

/** What the removals free, as summary lines (or the reason it is unknown). */
function formatFreed(
  freed: { bytes: number; onDiskBytes: number } | null,
  options: { dryRun: boolean; unindexed: number },
): string {
  if (freed === null) {
    return `  ${options.dryRun ? "would free" : "frees"}: unknown (no index; \`phlb add\` rebuilds it)\n`;
  }
  const fields: [string, string][] = [
    [
      "file contents",
      `${formatBytes(freed.bytes)} (${freed.bytes} bytes of files with no link outside them)`,
    ],
    [
      "on disk, about",
      `${formatBytes(freed.onDiskBytes)} (with the folders, symlinks and sidecar files)`,
    ],
  ];
  const lines = formatFields(fields).map((l) => l + "\n");
  if (options.unindexed > 0) {
    lines.push(
      `  ${countOf(options.unindexed, "snapshot")} the index does not know: only their folders and ` +
        `unlinked files are counted\n`,
    );
  }
  return lines.join("");
}

/** The plan as a table per name, then what it frees. */
export function formatPlan(
  items: readonly PruneItem[],
  freed: { bytes: number; onDiskBytes: number } | null,
  options: { dryRun: boolean; verbose?: boolean; policy?: RetentionPolicy },
): string {
  const st = styles("stdout");
  const parts: string[] = [];
  if (options.policy) parts.push(`Rules: ${formatPolicy(options.policy)}\n`);
  const names = [...new Set(items.map((i) => i.name))];
  for (const name of names) {
    const mine = items.filter((i) => i.name === name);
    const n = mine.filter((i) => i.action === "remove").length;
    parts.push(st.bold(name) + `  (keep ${mine.length - n}, remove ${n})\n`);
    parts.push(formatTable(
      [
        { header: "action" },
        { header: "snapshot" },
        ...(options.verbose ? [{ header: "time" }] : []),
        { header: "why" },
      ],
      mine.map((i) => [
        i.action,
        i.id + (i.status === "complete" ? "" : i.status === "partial" ? ".partial" : ".deleting"),
        ...(options.verbose ? [i.time === null ? "-" : new Date(i.time).toLocaleString("sv")] : []),
        i.reasons.join(", "),
      ]),
      "  ",
    ));
  }
  const removing = items.filter((i) => i.action === "remove");
  parts.push(`${options.dryRun ? "Would remove" : "Removing"} ${countOf(removing.length, "snapshot")}:\n`);
  parts.push(formatFreed(freed, {
    dryRun: options.dryRun,
    unindexed: removing.filter((i) => !i.indexed).length,
  }));
  if (options.dryRun) parts.push("Dry run: nothing was removed.\n");
  return parts.join("");
}

/** Callbacks that print the plan and problems as they come. */
export function pruneReporter(options: PruneReportOptions): PruneCallbacks {
  const st = styles("stderr");
  return {
    onPlan: (items, freed) => {
      if (options.json || options.quiet) return;
      out(formatPlan(items, freed, { ...options, dryRun: options.dryRun ?? false }));
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

/** The closing line: what was (or would be) removed and freed. */
export function formatPruneVerdict(r: PruneResult): string {
  const freed = r.bytesFreed === null || r.onDiskBytesFreed === null
    ? ""
    : `, freeing ${formatBytes(r.bytesFreed)} of file contents, about ${
      formatBytes(r.onDiskBytesFreed)
    } on disk`;
  const removing = r.items.filter((i) => i.action === "remove").length;
  if (r.dryRun) return `Would remove ${countOf(removing, "snapshot")}${freed}; nothing was removed.`;
  return `Removed ${countOf(r.removed, "snapshot")}${r.removed === removing ? freed : ""}` +
    (r.failed ? `; ${r.failed} could not be removed` : "") + ".";
}

/** The closing line, or the JSON result. */
export function printPruneResult(r: PruneResult, options: PruneReportOptions): void {
  if (options.json) {
    out(JSON.stringify(r, null, 2) + "\n");
    return;
  }
  // The plan said it all in a dry run; -q has only this line.
  if (r.dryRun && !options.quiet) return;
  out(formatPruneVerdict(r) + "\n");
}
