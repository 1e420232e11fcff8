/**
 * What `phlb list` prints: one table per backup name, then the root's totals; or JSON.
 * @module
 */
import type { ListedSnapshot, ListResult } from "../list/list.ts";
import { formatNumber } from "../i18n/format.ts";
import { currentLanguage, localize, type MessageKey, Msg, t } from "../i18n/messages.ts";
import { out, styles } from "./term.ts";
import { formatBytes, formatDuration, formatFields } from "./format.ts";
import { formatTable } from "./table.ts";

function statusText(s: ListedSnapshot): string {
  if (s.status === "partial") return s.interrupted ? t("list.status.interrupted") : t("list.status.running");
  if (s.status === "deleting") return t("list.status.deleting");
  return t("list.status.complete");
}

/** A count in a table cell, grouped for the language; "-" when unknown. */
function count(n: number | null): string {
  return n === null ? "-" : formatNumber(n, currentLanguage());
}

/** The table's columns: headers by key, so that every key is written out. */
const COLUMNS: readonly { key: MessageKey; right?: boolean }[] = [
  { key: "list.column.snapshot" },
  { key: "list.column.status" },
  { key: "list.column.files", right: true },
  { key: "list.column.size", right: true },
  { key: "list.column.unique", right: true },
  { key: "list.column.new", right: true },
  { key: "list.column.duration", right: true },
  { key: "list.column.errors", right: true },
];
const VERBOSE_COLUMNS: readonly { key: MessageKey; right?: boolean }[] = [
  { key: "list.column.warnings", right: true },
  { key: "list.column.folder" },
];

function bytes(n: number | null): string {
  return n === null ? "-" : formatBytes(n);
}

/** Output switches of `phlb list`. */
export interface ListReportOptions {
  json?: boolean;
  /** Only the one-line verdict. */
  quiet?: boolean;
  /** Also each snapshot's warnings and folder. */
  verbose?: boolean;
}

/** The one line `phlb list -q` prints: the root, its snapshots and the space they take. */
export function formatListVerdict(r: ListResult): string {
  const total = r.total;
  const space = r.indexed ? t("list.onDisk", { size: total.onDiskBytes }) : t("list.sizesUnknown");
  return `${
    t("list.verdict", {
      root: r.root,
      snapshots: t("common.snapshots", { count: total.snapshots }),
      names: t("list.names", { count: r.names.length }),
      space,
    })
  }\n`;
}

/** The human-readable list. */
export function formatList(r: ListResult, options: { verbose?: boolean } = {}): string {
  const st = styles("stdout");
  const parts: string[] = [];
  for (const n of r.names) {
    parts.push(
      st.bold(`${n.name}`) +
        `  (${t("common.snapshots", { count: n.snapshots.length })}, ${
          t("list.onDisk", { size: n.onDiskBytes })
        })\n`,
    );
    const rows = n.snapshots.map((s) => [
      s.id,
      statusText(s),
      count(s.files),
      bytes(s.sizeBytes),
      bytes(s.uniqueBytes),
      bytes(s.newBytes),
      s.durationMs === null ? "-" : formatDuration(s.durationMs),
      count(s.errors),
      ...(options.verbose ? [count(s.warnings), s.path] : []),
    ]);
    parts.push(formatTable(
      [...COLUMNS, ...(options.verbose ? VERBOSE_COLUMNS : [])].map((c) => ({
        header: t(c.key),
        right: c.right,
      })),
      rows,
      "  ",
    ));
    if (n.snapshots.some((s) => !s.indexed)) {
      parts.push(st.yellow(`  - : ${t("list.notIndexed")}\n`));
    }
    parts.push("\n");
  }
  const total = r.total;
  parts.push(
    `${t("list.root", { root: r.root, snapshots: t("common.snapshots", { count: total.snapshots }) })}\n`,
  );
  const fields: [string, string][] = [];
  if (r.indexed) {
    fields.push([t("list.label.onDisk"), formatBytes(total.onDiskBytes)]);
    fields.push([t("list.label.apparent"), formatBytes(total.apparentBytes)]);
    if (total.dedupRatio !== null) {
      fields.push([t("list.label.dedup"), `${formatNumber(total.dedupRatio, currentLanguage(), 2)}x`]);
    }
  }
  if (r.lockHolder) fields.push([t("list.label.inUse"), localize(r.lockHolderText ?? r.lockHolder)]);
  for (const line of formatFields(fields)) parts.push(line + "\n");
  if (!r.indexed) parts.push(st.yellow(`  ${t("list.noIndex")}\n`));
  parts.push(`  ${t("list.legend")}\n`);
  return parts.join("");
}

/** Prints the list (as JSON with `json`, one line with `quiet`). */
export function printList(r: ListResult, options: ListReportOptions): void {
  // The JSON stays English: the catalogue texts beside the English fields are left out.
  if (options.json) {
    out(JSON.stringify(r, (_key, value) => value instanceof Msg ? undefined : value, 2) + "\n");
  } else if (options.quiet) out(formatListVerdict(r));
  else out(formatList(r, options));
}
