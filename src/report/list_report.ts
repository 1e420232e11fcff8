/**
 * What `phlb list` prints: one table per backup name, then the root's totals; or JSON.
 * @module
 */
import type { ListedSnapshot, ListResult } from "../list/list.ts";
import { out, styles } from "./term.ts";
import { countOf, formatBytes, formatDuration, formatFields } from "./format.ts";
import { formatTable } from "./table.ts";

function statusText(s: ListedSnapshot): string {
  if (s.status === "partial") return s.interrupted ? "partial (interrupted run)" : "partial (running)";
  if (s.status === "deleting") return "deleting (unfinished prune)";
  return "complete";
}

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
  const t = r.total;
  const space = r.indexed ? `${formatBytes(t.onDiskBytes)} on disk` : "sizes unknown (no index)";
  return `Root ${r.root}: ${countOf(t.snapshots, "snapshot")} of ${
    countOf(r.names.length, "name")
  }, ${space}\n`;
}

/** The human-readable list. */
export function formatList(r: ListResult, options: { verbose?: boolean } = {}): string {
  const st = styles("stdout");
  const parts: string[] = [];
  for (const n of r.names) {
    parts.push(
      st.bold(`${n.name}`) +
        `  (${countOf(n.snapshots.length, "snapshot")}, ${formatBytes(n.onDiskBytes)} on disk)\n`,
    );
    const rows = n.snapshots.map((s) => [
      s.id,
      statusText(s),
      s.files === null ? "-" : String(s.files),
      bytes(s.sizeBytes),
      bytes(s.uniqueBytes),
      bytes(s.newBytes),
      s.durationMs === null ? "-" : formatDuration(s.durationMs),
      s.errors === null ? "-" : String(s.errors),
      ...(options.verbose ? [s.warnings === null ? "-" : String(s.warnings), s.path] : []),
    ]);
    parts.push(formatTable(
      [
        { header: "snapshot" },
        { header: "status" },
        { header: "files", right: true },
        { header: "size", right: true },
        { header: "unique", right: true },
        { header: "new", right: true },
        { header: "duration", right: true },
        { header: "errors", right: true },
        ...(options.verbose ? [{ header: "warnings", right: true }, { header: "folder" }] : []),
      ],
      rows,
      "  ",
    ));
    if (n.snapshots.some((s) => !s.indexed)) {
      parts.push(st.yellow("  - : not in the index; run `phlb add` to rebuild it\n"));
    }
    parts.push("\n");
  }
  const t = r.total;
  parts.push(`Root ${r.root}: ${countOf(t.snapshots, "snapshot")}\n`);
  const fields: [string, string][] = [];
  if (r.indexed) {
    fields.push(["on disk (each file once)", formatBytes(t.onDiskBytes)]);
    fields.push(["apparent size (all snapshots)", formatBytes(t.apparentBytes)]);
    if (t.dedupRatio !== null) fields.push(["dedup ratio", `${t.dedupRatio.toFixed(2)}x`]);
  }
  if (r.lockHolder) fields.push(["in use", r.lockHolder]);
  for (const line of formatFields(fields)) parts.push(line + "\n");
  if (!r.indexed) parts.push(st.yellow("  no index: sizes unknown; `phlb add` rebuilds it\n"));
  parts.push("  unique: freed by deleting that snapshot alone; new: bytes its run copied\n");
  return parts.join("");
}

/** Prints the list (as JSON with `json`, one line with `quiet`). */
export function printList(r: ListResult, options: ListReportOptions): void {
  if (options.json) out(JSON.stringify(r, null, 2) + "\n");
  else if (options.quiet) out(formatListVerdict(r));
  else out(formatList(r, options));
}
