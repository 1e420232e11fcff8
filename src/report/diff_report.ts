/**
 * What `phlb diff` prints: one line per change, then the counts; or JSON. Markers: `+` added,
 * `-` removed, `M` content modified, `>` moved, and for an entry whose content stayed one letter
 * per change: `m` mode, `t` mtime, `o` owner, `x` xattrs, `L` symlink target, `T` type.
 * @module
 */
import type { DiffChanged, DiffFile, DiffMeta, DiffResult, MetaChange } from "../diff/diff.ts";
import { t } from "../i18n/messages.ts";
import { out, styles } from "./term.ts";
import { formatBytes } from "./format.ts";

/** Output switches of `phlb diff`. */
export interface DiffReportOptions {
  json?: boolean;
  /** The counts line only. */
  quiet?: boolean;
  /** Also what changed with each modified file's content. */
  verbose?: boolean;
}

/** The marker letter of each metadata change, in the order they are shown. */
export const CHANGE_MARKERS: Record<MetaChange, string> = {
  type: "T",
  target: "L",
  mode: "m",
  mtime: "t",
  owner: "o",
  xattrs: "x",
};

function octal(mode: number): string {
  return "0" + (mode & 0o7777).toString(8).padStart(3, "0");
}

function time(m: DiffMeta): string {
  const iso = new Date(m.mtimeMs).toISOString();
  if (m.mtimeFracNs === undefined || m.mtimeFracNs === 0) return iso;
  // The nanoseconds within the millisecond, after the ISO form's milliseconds.
  return iso.replace(/Z$/, `${String(m.mtimeFracNs).padStart(6, "0")}Z`);
}

const show = (p: string) => JSON.stringify(p).slice(1, -1);

/** One change in words, e.g. `mode 0644 -> 0600`. */
function changeText(change: MetaChange, a: DiffMeta, b: DiffMeta): string {
  switch (change) {
    case "type":
      return t("diff.change.type", { from: kindText(a.kind), to: kindText(b.kind) });
    case "target":
      return t("diff.change.target", { from: show(a.target ?? ""), to: show(b.target ?? "") });
    case "mode":
      return t("diff.change.mode", { from: octal(a.mode), to: octal(b.mode) });
    case "mtime":
      return t("diff.change.mtime", { from: time(a), to: time(b) });
    case "owner":
      return t("diff.change.owner", { from: `${a.uid}:${a.gid}`, to: `${b.uid}:${b.gid}` });
    case "xattrs":
      return t("diff.change.xattrs");
  }
}

function kindText(kind: DiffMeta["kind"]): string {
  return kind === "symlink" ? t("diff.kind.symlink") : t("diff.kind.file");
}

/** The markers of a metadata change, e.g. `mt` for mode and mtime. */
export function changeMarkers(changes: readonly MetaChange[]): string {
  return (Object.keys(CHANGE_MARKERS) as MetaChange[]).filter((c) => changes.includes(c))
    .map((c) => CHANGE_MARKERS[c]).join("");
}

function changedLine(c: DiffChanged): string {
  const words = c.changes.map((k) => changeText(k, c.old, c.new)).join("; ");
  return `${changeMarkers(c.changes)} ${show(c.path)}  (${words})`;
}

function fileText(f: DiffFile): string {
  return f.symlink === undefined
    ? `${show(f.path)}  (${formatBytes(f.sizeBytes)})`
    : `${show(f.path)} -> ${show(f.symlink)}  (${t("diff.kind.symlink")})`;
}

/** The counts line. */
export function formatDiffCounts(d: DiffResult): string {
  return t("diff.counts", {
    added: d.added.length,
    addedSize: d.addedBytes,
    removed: d.removed.length,
    removedSize: d.removedBytes,
    modified: d.modified.length,
    moved: d.moved.length,
    changed: d.changed.length,
    unchanged: d.unchanged,
  });
}

/** The human-readable diff. */
export function formatDiff(d: DiffResult, options: { verbose?: boolean } = {}): string {
  const st = styles("stdout");
  const lines = [
    st.bold(`${d.a.name}@${d.a.id} -> ${d.b.name}@${d.b.id}${d.subpath ? `  (${d.subpath}/)` : ""}`),
  ];
  type Row = { path: string; line: string };
  const rows: Row[] = [
    ...d.added.map((f) => ({ path: f.path, line: st.green(`+ ${fileText(f)}`) })),
    ...d.removed.map((f) => ({ path: f.path, line: st.red(`- ${fileText(f)}`) })),
    ...d.modified.map((f) => {
      const extra = options.verbose && f.changes?.length && f.old && f.new
        ? `; ${f.changes.map((k) => changeText(k, f.old!, f.new!)).join("; ")}`
        : "";
      return {
        path: f.path,
        line: st.yellow(
          `M ${show(f.path)}  (${formatBytes(f.oldSizeBytes)} -> ${formatBytes(f.newSizeBytes)}${extra})`,
        ),
      };
    }),
    ...d.changed.map((c) => ({ path: c.path, line: st.yellow(changedLine(c)) })),
    ...d.moved.map((f) => ({
      path: f.to,
      line: `> ${show(f.from)} -> ${show(f.to)}  (${formatBytes(f.sizeBytes)})`,
    })),
  ];
  rows.sort((x, y) => x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  for (const r of rows) lines.push(r.line);
  lines.push(formatDiffCounts(d));
  return lines.join("\n") + "\n";
}

/** Prints the diff (as JSON with `json`, the counts alone with `quiet`). */
export function printDiff(d: DiffResult, options: DiffReportOptions): void {
  if (options.json) out(JSON.stringify(d, null, 2) + "\n");
  else if (options.quiet) out(formatDiffCounts(d) + "\n");
  else out(formatDiff(d, options));
}
