/**
 * What `phlb list` prints: one table per backup name, then the root's totals; or JSON.
 * @module
 */
import type { ListedSnapshot, ListResult } from "../list/list.ts";
import { out, styles } from "./term.ts";
import { formatBytes, formatDuration } from "./format.ts";
import { formatTable } from "./table.ts";

function statusText(s: ListedSnapshot): string {
  if (s.status === "partial") return s.interrupted ? "partial (interrupted run)" : "partial (running)";
  if (s.status === "deleting") return "deleting (unfinished prune)";
  return "complete";
}

function bytes(n: number | null): string {
  return n === null ? "-" : formatBytes(n);
}

/** The human-readable list. */
export function formatList(r: ListResult): string {
  const st = styles("stdout");
  const parts: string[] = [];
  for (const n of r.names) {
    parts.push(
      st.bold(`${n.name}`) + `  (${n.snapshots.length} snapshots, ${formatBytes(n.onDiskBytes)} on disk)\n`,
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
  parts.push(`Root ${r.root}: ${t.snapshots} snapshots\n`);
  if (r.indexed) {
    parts.push(`  on disk (each file once): ${formatBytes(t.onDiskBytes)}\n`);
    parts.push(`  apparent size (all snapshots): ${formatBytes(t.apparentBytes)}\n`);
    if (t.dedupRatio !== null) parts.push(`  dedup ratio: ${t.dedupRatio.toFixed(2)}x\n`);
  } else {
    parts.push(st.yellow("  no index: sizes unknown; `phlb add` rebuilds it\n"));
  }
  parts.push("  unique: freed by deleting that snapshot alone; new: bytes its run copied\n");
  if (r.lockHolder) parts.push(`  in use: ${r.lockHolder}\n`);
  return parts.join("");
}

/** Prints the list (as JSON with `json`). */
export function printList(r: ListResult, options: { json?: boolean }): void {
  out(options.json ? JSON.stringify(r, null, 2) + "\n" : formatList(r));
}
