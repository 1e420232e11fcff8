/**
 * What `phlb restore` prints: progress, problems as they happen, and the closing summary.
 * @module
 */
import type { ItemProblem } from "../errors.ts";
import type { RestoreCallbacks, RestoreSummary } from "../restore/restore.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { countOf, formatBytes, formatDuration, formatFields, formatProgress } from "./format.ts";

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
    onProgress: (p) => progress.update(`${formatProgress(p)}  ${p.currentPath}`),
    done: () => progress.clear(),
  };
}

/** What was restored where, in one line: the verdict `-q` prints. */
export function formatRestoreVerdict(s: RestoreSummary): string {
  const what = `${s.snapshot}${s.subpath ? `/${s.subpath}` : ""}`;
  const counts = `${countOf(s.files, "file")} (${formatBytes(s.bytes)}), ${countOf(s.errors, "error")}`;
  return s.dryRun
    ? `Dry run of restoring ${what} into ${s.target}: ${counts}; nothing was written`
    : `Restored ${what} into ${s.target}: ${counts}`;
}

/** The closing summary (JSON with `json`, one line with `quiet`). */
export function printRestoreSummary(s: RestoreSummary, options: RestoreReportOptions): void {
  if (options.json) {
    out(JSON.stringify(s, null, 2) + "\n");
    return;
  }
  const st = styles("stdout");
  if (options.quiet) {
    const line = formatRestoreVerdict(s);
    out((s.errors > 0 ? st.red(line) : line) + "\n");
    return;
  }
  const lines = [
    st.bold(
      s.dryRun
        ? `Dry run of restoring ${s.snapshot}${
          s.subpath ? `/${s.subpath}` : ""
        } into ${s.target}: nothing was written`
        : `Restored ${s.snapshot}${s.subpath ? `/${s.subpath}` : ""} into ${s.target}`,
    ),
  ];
  const fields: [string, string][] = [
    [
      "files",
      `${s.files} (${formatBytes(s.bytes)})${
        s.dryRun ? " would be written" : ", each checked against the manifest"
      }`,
    ],
    ["symlinks", String(s.symlinks)],
    ["folders", `${s.directories} new`],
  ];
  if (s.keptExisting > 0) {
    fields.push(["kept existing", `${s.keptExisting} (see --overwrite; list them with -v)`]);
  }
  if (s.excluded > 0) fields.push(["excluded", String(s.excluded)]);
  fields.push(["errors", String(s.errors)]);
  if (s.warnings > 0) fields.push(["warnings", String(s.warnings)]);
  fields.push(["duration", formatDuration(s.durationMs)]);
  for (const [i, line] of formatFields(fields).entries()) {
    const label = fields[i][0];
    lines.push(
      label === "errors" && s.errors > 0 ? st.red(line) : label === "warnings" ? st.yellow(line) : line,
    );
  }
  if (s.caseInsensitiveTarget) {
    lines.push("  target is case-insensitive: names differing only by case are reported");
  }
  out(lines.join("\n") + "\n");
}
