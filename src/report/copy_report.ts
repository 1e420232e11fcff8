/**
 * What `phlb copy` shows: the plan, a progress line per snapshot, problems as they happen, and the
 * final summary (or the JSON of it).
 * @module
 */
import type { CopyCallbacks, CopySummary } from "../copy/copy.ts";
import { formatBytes, formatDuration } from "./format.ts";
import { err, out, ProgressLine, styles } from "./term.ts";

/** How chatty the report is. */
export interface CopyReportOptions {
  quiet?: boolean;
  verbose?: boolean;
  json?: boolean;
}

/** Builds the copy callbacks that draw progress and print problems to stderr. */
export function copyReporter(options: CopyReportOptions): CopyCallbacks & { done(): void } {
  const progress = new ProgressLine(!options.quiet);
  const st = styles("stderr");
  let position = "";
  return {
    onPlan: (snapshots) => {
      if (options.quiet || options.json) return;
      const todo = snapshots.filter((s) => s.action === "would-copy").length;
      const skipped = snapshots.length - todo;
      err(`${todo} snapshot${todo === 1 ? "" : "s"} to copy${skipped > 0 ? `, ${skipped} skipped` : ""}\n`);
      if (options.verbose) {
        for (const s of snapshots) {
          if (s.action === "skipped") err(`${st.dim("skipped")}: ${s.name}/${s.id} (${s.reason})\n`);
        }
      }
    },
    onSnapshotStart: (s) => {
      position = `[${s.index + 1}/${s.count}] ${s.name}/${s.id}`;
      if (options.quiet || options.json) return;
      progress.clear();
      err(`Copying ${position}\n`);
    },
    onProgress: (p) => {
      const rate = p.elapsedMs > 0 ? (p.bytes / (p.elapsedMs / 1000)) : 0;
      progress.update(
        `${position}: ${p.files} files, ${formatBytes(p.bytes)} (${formatBytes(rate)}/s), ` +
          `${formatBytes(p.copiedBytes)} new  ${p.currentPath}`,
      );
    },
    onProblem: (p) => {
      if (options.quiet && p.severity === "warning") return;
      progress.clear();
      const label = p.severity === "error" ? st.red("error") : st.yellow("warning");
      err(`${label}: ${p.snapshot}: ${JSON.stringify(p.path || ".")}: ${p.message}\n`);
    },
    onNotice: (message) => {
      if (options.quiet) return;
      progress.clear();
      err(`${st.yellow("warning")}: ${message}\n`);
    },
    onInfo: (message) => {
      if (!options.verbose) return;
      progress.clear();
      err(`${st.dim(message)}\n`);
    },
    done: () => progress.clear(),
  };
}

/** The human-readable summary lines. */
export function formatCopySummary(s: CopySummary): string {
  const st = styles("stdout");
  const lines: string[] = [];
  const dry = s.status === "dry-run";
  lines.push(st.bold(`${dry ? "Dry run: nothing was written. " : ""}Copy of ${s.source} to ${s.dest}`));
  for (const x of s.snapshots) {
    const what = `${x.name}/${x.id}`;
    if (x.action === "copied") {
      lines.push(
        `  copied   ${what}: ${x.files} files (${formatBytes(x.bytes)}), ${x.unchangedLinked} unchanged ` +
          `linked unread, ${x.dedupLinked} linked by content, ${x.copied} copied (${
            formatBytes(x.copiedBytes)
          })` +
          (x.errors > 0 ? st.red(`, ${x.errors} errors`) : ""),
      );
    } else if (x.action === "would-copy") lines.push(`  to copy  ${what}`);
    else if (x.action === "damaged") lines.push(st.red(`  DAMAGED  ${what}: ${x.reason}`));
    else lines.push(st.dim(`  skipped  ${what}: ${x.reason}`));
  }
  const n = dry ? `${s.copied} to copy` : `${s.copied} copied`;
  lines.push(
    `  snapshots: ${n}, ${s.skipped} skipped${s.damaged > 0 ? st.red(`, ${s.damaged} damaged`) : ""}`,
  );
  if (!dry) {
    lines.push(`  files:     ${s.files} (${formatBytes(s.bytes)}), ${formatBytes(s.copiedBytes)} written`);
    const errLine = `  errors:    ${s.errors}`;
    lines.push(s.errors > 0 ? st.red(errLine) : errLine);
    if (s.warnings > 0) {
      lines.push(st.yellow(`  warnings:  ${s.warnings} (each in the snapshot's .log at DEST)`));
    }
  }
  lines.push(`  duration:  ${formatDuration(s.durationMs)}`);
  if (s.damaged > 0) {
    lines.push(st.red(`Damaged source snapshots stay .partial at DEST; check the source with phlb verify`));
  }
  return lines.join("\n") + "\n";
}

/** Prints the final summary to stdout (as JSON with `--json`). */
export function printCopySummary(s: CopySummary, options: CopyReportOptions): void {
  if (options.json) out(JSON.stringify(s, null, 2) + "\n");
  else if (!options.quiet || s.errors > 0 || s.damaged > 0) out(formatCopySummary(s));
}
