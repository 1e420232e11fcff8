/**
 * What `phlb prune` prints: the rules in words, the plan (keep/remove with the rules), what it
 * frees (file contents, and the estimated total on disk), problems, and the closing line.
 * @module
 */
import type { ItemProblem } from "../errors.ts";
import { localize, Msg, t } from "../i18n/messages.ts";
import { type RetentionPolicy, spanText } from "../prune/policy.ts";
import type { PruneCallbacks, PruneItem, PruneResult } from "../prune/prune.ts";
import { err, out, styles } from "./term.ts";
import { formatFields } from "./format.ts";
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
  const n = (v: number) => v === -1 ? t("prune.policy.unlimited") : String(v);
  const parts: string[] = [];
  if (p.last) parts.push(t("prune.policy.last", { count: p.last, n: n(p.last) }));
  if (p.hourly) parts.push(t("prune.policy.hourly", { n: n(p.hourly) }));
  if (p.daily) parts.push(t("prune.policy.daily", { n: n(p.daily) }));
  if (p.weekly) parts.push(t("prune.policy.weekly", { n: n(p.weekly) }));
  if (p.monthly) parts.push(t("prune.policy.monthly", { n: n(p.monthly) }));
  if (p.yearly) parts.push(t("prune.policy.yearly", { n: n(p.yearly) }));
  if (p.within) parts.push(t("prune.policy.within", { span: spanText(p.within) }));
  return t("prune.policy.keep", { rules: parts.join(", ") });
}

/** What the removals free, as summary lines (or the reason it is unknown). */
function formatFreed(
  freed: { bytes: number; onDiskBytes: number } | null,
  options: { dryRun: boolean; unindexed: number },
): string {
  if (freed === null) {
    return `  ${options.dryRun ? t("prune.freed.unknownDry") : t("prune.freed.unknown")}\n`;
  }
  const fields: [string, string][] = [
    [t("prune.label.contents"), t("prune.freed.contents", { size: freed.bytes, bytes: freed.bytes })],
    [t("prune.label.onDisk"), t("prune.freed.onDisk", { size: freed.onDiskBytes })],
  ];
  const lines = formatFields(fields).map((l) => l + "\n");
  if (options.unindexed > 0) {
    lines.push(
      `  ${t("prune.freed.unindexed", { snapshots: t("common.snapshots", { count: options.unindexed }) })}\n`,
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
  if (options.policy) parts.push(`${t("prune.plan.rules", { rules: formatPolicy(options.policy) })}\n`);
  const names = [...new Set(items.map((i) => i.name))];
  for (const name of names) {
    const mine = items.filter((i) => i.name === name);
    const n = mine.filter((i) => i.action === "remove").length;
    parts.push(st.bold(name) + `  (${t("prune.plan.counts", { keep: mine.length - n, remove: n })})\n`);
    parts.push(formatTable(
      [
        { header: t("prune.column.action") },
        { header: t("prune.column.snapshot") },
        ...(options.verbose ? [{ header: t("prune.column.time") }] : []),
        { header: t("prune.column.why") },
      ],
      mine.map((i) => [
        i.action === "keep" ? t("prune.action.keep") : t("prune.action.remove"),
        i.id + (i.status === "complete" ? "" : i.status === "partial" ? ".partial" : ".deleting"),
        ...(options.verbose ? [i.time === null ? "-" : new Date(i.time).toLocaleString("sv")] : []),
        (i.reasonTexts ?? i.reasons).map((r) => localize(r)).join(", "),
      ]),
      "  ",
    ));
  }
  const removing = items.filter((i) => i.action === "remove");
  const snapshots = t("common.snapshots", { count: removing.length });
  parts.push(
    `${
      options.dryRun ? t("prune.plan.wouldRemove", { snapshots }) : t("prune.plan.removing", { snapshots })
    }\n`,
  );
  parts.push(formatFreed(freed, {
    dryRun: options.dryRun,
    unindexed: removing.filter((i) => !i.indexed).length,
  }));
  if (options.dryRun) parts.push(`${t("prune.plan.dryRun")}\n`);
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
      err(`${t("prune.removed", { snapshot: `${item.name}/${item.id}` })}\n`);
    },
    onProblem: (p: ItemProblem) => {
      err(`${st.red(t("common.error"))}: ${JSON.stringify(p.path)}: ${localize(p.text ?? p.message)}\n`);
    },
  };
}

/** The closing line: what was (or would be) removed and freed. */
export function formatPruneVerdict(r: PruneResult): string {
  const known = r.bytesFreed !== null && r.onDiskBytesFreed !== null;
  const bytes = { size: r.bytesFreed ?? 0, onDisk: r.onDiskBytesFreed ?? 0 };
  const removing = r.items.filter((i) => i.action === "remove").length;
  if (r.dryRun) {
    const snapshots = t("common.snapshots", { count: removing });
    return known
      ? t("prune.verdict.wouldRemoveFreeing", { snapshots, ...bytes })
      : t("prune.verdict.wouldRemove", { snapshots });
  }
  const snapshots = t("common.snapshots", { count: r.removed });
  const done = known && r.removed === removing
    ? t("prune.verdict.removedFreeing", { snapshots, ...bytes })
    : t("prune.verdict.removed", { snapshots });
  return (r.failed ? t("prune.verdict.failed", { done, count: r.failed }) : done) + ".";
}

/** The closing line, or the JSON result. */
export function printPruneResult(r: PruneResult, options: PruneReportOptions): void {
  if (options.json) {
    // The JSON stays English: the catalogue texts beside the English reasons are left out.
    out(
      JSON.stringify(
        r,
        (key, value) => key === "reasonTexts" || value instanceof Msg ? undefined : value,
        2,
      ) + "\n",
    );
    return;
  }
  // The plan said it all in a dry run; -q has only this line.
  if (r.dryRun && !options.quiet) return;
  out(formatPruneVerdict(r) + "\n");
}
