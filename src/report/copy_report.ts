/**
 * What `phlb copy` shows: the plan, a progress line per snapshot, problems as they happen, and the
 * final summary (or the JSON of it).
 * @module
 */
import type { CopiedSnapshot, CopyCallbacks, CopySummary } from "../copy/copy.ts";
import { countOf, formatBytes, formatDuration, formatFields, formatProgress, formatRate } from "./format.ts";
import { err, out, ProgressLine, styles } from "./term.ts";

/** How chatty the report is. */
export interface CopyReportOptions {
  quiet?: boolean;
  verbose?: boolean;
  json?: boolean;
}

/** Builds the copy callbacks that draw progress and print problems to stderr. */
export function copyReporter(options: CopyReportOptions): CopyCallbacks & { done(): void } {
  const progress = new ProgressLine(!options.quiet && !options.json);
  const st = styles("stderr");
  const chatty = !options.quiet && !options.json;
  let position = "";
  return {
    onPlan: (snapshots) => {
      if (!chatty) return;
      const todo = snapshots.filter((s) => s.action === "would-copy").length;
      const skipped = snapshots.length - todo;
      err(`${countOf(todo, "snapshot")} to copy${skipped > 0 ? `, ${skipped} skipped` : ""}\n`);
      if (options.verbose) {
        for (const s of snapshots) {
          if (s.action === "skipped") err(`${st.dim("skipped")}: ${s.name}/${s.id} (${s.reason})\n`);
        }
      }
    },
    onSnapshotStart: (s) => {
      position = `[${s.index + 1}/${s.count}] ${s.name}/${s.id}`;
      if (!chatty) return;
      progress.clear();
      err(`Copying ${position}\n`);
    },
    onProgress: (p) => {
      progress.update(
        `${position} ${formatProgress(p)}  ${formatRate(p.bytes, p.elapsedMs)}, ` +
          `${formatBytes(p.copiedBytes)} new  ${p.currentPath}`,
      );
    },
    onProblem: (p) => {
      // -q prints problems, but warnings are only counted (in the snapshot's log at DEST).
      if (options.quiet && p.severity === "warning") return;
      progress.clear();
      const label = p.severity === "error" ? st.red("error") : st.yellow("warning");
      err(`${label}: ${p.snapshot}: ${JSON.stringify(p.path || ".")}: ${p.message}\n`);
    },
    onSnapshotDone: (s) => {
      // Damage at the source is a problem: printed under -q too.
      if (s.action !== "damaged") return;
      progress.clear();
      err(`${st.red("error")}: ${s.reason}; its copy stays ${s.name}/${s.id}.partial at DEST\n`);
    },
    onNotice: (message) => {
      if (options.quiet) return;
      progress.clear();
      err(`${st.yellow("warning")}: ${message}\n`);
    },
    onInfo: (message) => {
      if (!options.verbose || options.json) return;
      progress.clear();
      err(`${st.dim(message)}\n`);
    },
    done: () => progress.clear(),
  };
}

/** The one-line verdict `-q` prints (and the end of every summary). */
export function formatCopyVerdict(s: CopySummary): string {
  if (s.status === "dry-run") {
    return `Dry run of phlb copy to ${s.dest}: ${countOf(s.copied, "snapshot")} to copy, ${s.skipped} ` +
      `skipped; nothing was written`;
  }
  return `Copy to ${s.dest}: ${countOf(s.copied, "snapshot")} copied, ${s.skipped} skipped, ` +
    `${countOf(s.files, "file")} (${formatBytes(s.bytes)}), ${formatBytes(s.copiedBytes)} written, ` +
    `${countOf(s.errors, "error")}` + (s.damaged > 0 ? `, ${s.damaged} damaged at the source` : "");
}

/** One snapshot's line in the summary. */
function snapshotLine(x: CopiedSnapshot): [string, string] {
  const what = `${x.name}/${x.id}`;
  if (x.action === "copied") {
    return [
      "copied",
      `${what}: ${countOf(x.files, "file")} (${formatBytes(x.bytes)}): ${x.unchangedLinked} unchanged ` +
      `linked unread, ${x.dedupLinked} linked by content, ${x.copied} copied (${
        formatBytes(x.copiedBytes)
      })` +
      (x.errors > 0 ? `, ${countOf(x.errors, "error")}` : ""),
    ];
  }
  if (x.action === "would-copy") return ["to copy", what];
  if (x.action === "damaged") return ["DAMAGED", `${what}: ${x.reason}`];
  return ["skipped", `${what}: ${x.reason}`];
}

/** The human-readable summary lines. */
export function formatCopySummary(s: CopySummary): string {
  const st = styles("stdout");
  const dry = s.status === "dry-run";
  const lines: string[] = [
    st.bold(
      dry
        ? `Dry run of phlb copy from ${s.source} to ${s.dest}: nothing was written`
        : `Copy of ${s.source} to ${s.dest}`,
    ),
  ];
  // The snapshots' lines and the totals in one column.
  const fields: [string, string][] = s.snapshots.map(snapshotLine);
  fields.push([
    "snapshots",
    `${dry ? `${s.copied} to copy` : `${s.copied} copied`}, ${s.skipped} skipped` +
    (s.damaged > 0 ? `, ${s.damaged} damaged` : ""),
  ]);
  if (!dry) {
    fields.push(["files", `${s.files} (${formatBytes(s.bytes)}), ${formatBytes(s.copiedBytes)} written`]);
    fields.push(["errors", String(s.errors)]);
    if (s.warnings > 0) fields.push(["warnings", `${s.warnings} (each in the snapshot's .log at DEST)`]);
  }
  fields.push(["duration", formatDuration(s.durationMs)]);
  formatFields(fields).forEach((line, i) => {
    const action = s.snapshots[i]?.action;
    const label = fields[i][0];
    lines.push(
      action === "damaged" || (label === "snapshots" && s.damaged > 0) || (label === "errors" && s.errors > 0)
        ? st.red(line)
        : action === "skipped"
        ? st.dim(line)
        : label === "warnings"
        ? st.yellow(line)
        : line,
    );
  });
  if (s.damaged > 0) {
    lines.push(st.red(`Damaged source snapshots stay .partial at DEST; check the source with phlb verify`));
  }
  return lines.join("\n") + "\n";
}

/** Prints the summary to stdout (JSON with `json`, the one-line verdict with `quiet`). */
export function printCopySummary(s: CopySummary, options: CopyReportOptions): void {
  if (options.json) out(JSON.stringify(s, null, 2) + "\n");
  else if (options.quiet) {
    const line = formatCopyVerdict(s);
    out((s.errors > 0 || s.damaged > 0 ? styles("stdout").red(line) : line) + "\n");
  } else out(formatCopySummary(s));
}
