/**
 * Plain-text tables for the management commands: columns padded to their widest cell, numbers
 * right-aligned. No colour inside cells, so widths stay right.
 * @module
 */

/** A column: its header and whether its cells are right-aligned. */
export interface Column {
  header: string;
  right?: boolean;
}

/** Formats rows under headers, two spaces between columns, each line indented by `indent`. */
export function formatTable(columns: readonly Column[], rows: readonly string[][], indent = ""): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    indent +
    cells.map((cell, i) => columns[i].right ? cell.padStart(widths[i]) : cell.padEnd(widths[i])).join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join("\n") + "\n";
}
