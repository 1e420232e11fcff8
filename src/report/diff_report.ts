/**
 * What `phlb diff` prints: one line per change (`+` added, `-` removed, `M` modified, `>` moved)
 * with sizes, then counts; or JSON.
 * @module
 */
import type { DiffResult } from "../diff/diff.ts";
import { out, styles } from "./term.ts";
import { formatBytes } from "./format.ts";

/** The human-readable diff. */
export function formatDiff(d: DiffResult): string {
  const st = styles("stdout");
  const show = (p: string) => JSON.stringify(p).slice(1, -1);
  const lines = [
    st.bold(`${d.a.name}@${d.a.id} -> ${d.b.name}@${d.b.id}${d.subpath ? `  (${d.subpath}/)` : ""}`),
  ];
  type Row = { path: string; line: string };
  const rows: Row[] = [
    ...d.added.map((f) => ({
      path: f.path,
      line: st.green(`+ ${show(f.path)}  (${formatBytes(f.sizeBytes)})`),
    })),
    ...d.removed.map((f) => ({
      path: f.path,
      line: st.red(`- ${show(f.path)}  (${formatBytes(f.sizeBytes)})`),
    })),
    ...d.modified.map((f) => ({
      path: f.path,
      line: st.yellow(
        `M ${show(f.path)}  (${formatBytes(f.oldSizeBytes)} -> ${formatBytes(f.newSizeBytes)})`,
      ),
    })),
    ...d.moved.map((f) => ({
      path: f.to,
      line: `> ${show(f.from)} -> ${show(f.to)}  (${formatBytes(f.sizeBytes)})`,
    })),
  ];
  rows.sort((x, y) => x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  for (const r of rows) lines.push(r.line);
  lines.push(
    `${d.added.length} added (${formatBytes(d.addedBytes)}), ${d.removed.length} removed ` +
      `(${formatBytes(d.removedBytes)}), ${d.modified.length} modified, ${d.moved.length} moved, ` +
      `${d.unchanged} unchanged`,
  );
  return lines.join("\n") + "\n";
}

/** Prints the diff (as JSON with `json`). */
export function printDiff(d: DiffResult, options: { json?: boolean }): void {
  out(options.json ? JSON.stringify(d, null, 2) + "\n" : formatDiff(d));
}
