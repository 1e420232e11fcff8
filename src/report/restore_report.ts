/**
 * What `phlb restore` prints: progress, problems as they happen, and the closing summary.
 * @module
 */
import type { ItemProblem } from "../errors.ts";
import type { RestoreCallbacks, RestoreSummary } from "../restore/restore.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatBytes, formatDuration } from "./format.ts";

/** Output switches. */
export interface RestoreReportOptions {
  quiet?: boolean;
  verbose?: boolean;
  json?: boolean;
}

/** Callbacks that draw progress and print problems on stderr. */
export function restoreReporter(options: RestoreReportOptions): RestoreCallbacks & { done(): void } {
  const progress = new ProgressLine(!options.quiet && !options.json);
  const st = styles("stderr");
  return {
    onProblem: (p: ItemProblem) => {
      if (options.quiet && p.severity === "warning") return;
      progress.clear();
      const label = p.severity === "error" ? st.red("error") : st.yellow("warning");
      err(`${label}: ${JSON.stringify(p.path || ".")}: ${p.message}\n`);
    },
    onKept: (rel, reason) => {
      if (!options.verbose) return;
      progress.clear();
      err(`${st.dim("kept")}: ${JSON.stringify(rel)} (${reason})\n`);
    },
    onProgress: (p) => progress.update(`${p.files} files, ${formatBytes(p.bytes)}  ${p.currentPath}`),
    done: () => progress.clear(),
  };
}

/** The closing summary (JSON with `json`). */
export function printRestoreSummary(s: RestoreSummary, options: RestoreReportOptions): void {
  if (options.json) {
    out(JSON.stringify(s, null, 2) + "\n");
    return;
  }
  if (options.quiet && s.errors === 0) return;
  const st = styles("stdout");
  const lines = [
    st.bold(
      s.dryRun
        ? `Dry run of restoring ${s.snapshot}${
          s.subpath ? `/${s.subpath}` : ""
        } into ${s.target}: nothing was written`
        : `Restored ${s.snapshot}${s.subpath ? `/${s.subpath}` : ""} into ${s.target}`,
    ),
    `  files:     ${s.files} (${formatBytes(s.bytes)})${
      s.dryRun ? " would be written" : ", each checked against the manifest"
    }`,
    `  symlinks:  ${s.symlinks}`,
    `  folders:   ${s.directories} new`,
  ];
  if (s.keptExisting > 0) {
    lines.push(`  kept existing: ${s.keptExisting} (see --overwrite; list them with -v)`);
  }
  if (s.excluded > 0) lines.push(`  excluded:  ${s.excluded}`);
  if (s.caseInsensitiveTarget) {
    lines.push("  target is case-insensitive: names differing only by case are reported");
  }
  lines.push(s.errors > 0 ? st.red(`  errors:    ${s.errors}`) : `  errors:    0`);
  if (s.warnings > 0) lines.push(st.yellow(`  warnings:  ${s.warnings}`));
  lines.push(`  duration:  ${formatDuration(s.durationMs)}`);
  out(lines.join("\n") + "\n");
}
