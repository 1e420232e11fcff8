/**
 * What `phlb backup` shows: progress, problems as they happen, and the final summary.
 * @module
 */
import type { BackupCallbacks } from "../backup/engine.ts";
import type { BackupSummary } from "../backup/summary.ts";
import type { ItemProblem } from "../errors.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { countOf, formatBytes, formatDuration, formatFields, formatProgress, formatRate } from "./format.ts";

/** How chatty the report is. */
export interface ReportOptions {
  quiet?: boolean;
  verbose?: boolean;
  json?: boolean;
}

/** Builds the engine callbacks that draw progress and print problems to stderr. */
export function backupReporter(options: ReportOptions): BackupCallbacks & { done(): void } {
  const progress = new ProgressLine(!options.quiet);
  const st = styles("stderr");
  const problem = (p: ItemProblem) => {
    if (options.quiet && p.severity === "warning") return;
    progress.clear();
    const label = p.severity === "error" ? st.red("error") : st.yellow("warning");
    err(`${label}: ${JSON.stringify(p.path || ".")}: ${p.message}\n`);
  };
  return {
    onProblem: problem,
    onExcluded: (rel, reason) => {
      if (!options.verbose) return;
      progress.clear();
      err(`${st.dim("excluded")}: ${JSON.stringify(rel)} (${reason})\n`);
    },
    onInfo: (message) => {
      if (!options.verbose) return;
      progress.clear();
      err(`${st.dim(message)}\n`);
    },
    onNotice: (message) => {
      if (options.quiet) return;
      progress.clear();
      err(`${st.yellow("warning")}: ${message}\n`);
    },
    onStart: (info) => {
      if (options.quiet || options.json) return;
      err(
        info.dryRun
          ? `Dry run: nothing will be written.\n`
          : `Backing up into ${info.snapshotPath}${info.previous ? ` (previous: ${info.previous})` : ""}\n`,
      );
    },
    onProgress: (p) => {
      progress.update(
        `${formatProgress(p)}  ${formatRate(p.bytes, p.elapsedMs)}, ${formatBytes(p.copiedBytes)} new  ` +
          p.currentPath,
      );
    },
    done: () => progress.clear(),
  };
}

/** The one-line verdict `-q` prints (and the end of every summary). */
export function formatBackupVerdict(s: BackupSummary): string {
  const counts = `${countOf(s.files, "file")} (${formatBytes(s.bytes)}), ${countOf(s.errors, "error")}`;
  return s.status === "dry-run"
    ? `Dry run of ${s.name}: ${counts}, ${s.toRead} to read; nothing was written`
    : `Snapshot ${s.snapshotPath}: ${counts}, ${formatBytes(s.copiedBytes)} new`;
}

/** The human-readable summary lines. */
export function formatBackupSummary(s: BackupSummary): string {
  const st = styles("stdout");
  const lines: string[] = [];
  const fields: [string, string][] = [];
  if (s.status === "dry-run") {
    lines.push(st.bold(`Dry run of ${s.name}: nothing was written`));
    fields.push(
      ["files", `${s.files} (${formatBytes(s.bytes)})`],
      ["unchanged", `${s.unchangedLinked} (${formatBytes(s.unchangedBytes)}), would be linked unread`],
      ["to read", `${s.toRead} (${formatBytes(s.toReadBytes)}), then linked by content or copied`],
    );
  } else {
    lines.push(st.bold(`Snapshot ${s.snapshotPath}`));
    fields.push(
      ["files", `${s.files} (${formatBytes(s.bytes)})`],
      ["unchanged, linked", `${s.unchangedLinked} (${formatBytes(s.unchangedBytes)})`],
      ["same content, linked", `${s.dedupLinked} (${formatBytes(s.dedupBytes)} saved)`],
    );
    if (s.hardlinkGroupLinked > 0) fields.push(["source hardlinks kept", String(s.hardlinkGroupLinked)]);
    fields.push(["copied", `${s.copied} (${formatBytes(s.copiedBytes)})`]);
  }
  fields.push(["symlinks", String(s.symlinks)], ["folders", String(s.directories)]);
  if (s.skipped > 0) fields.push(["skipped (special files)", String(s.skipped)]);
  if (s.excluded > 0) fields.push(["excluded", `${s.excluded} (list them with -v)`]);
  fields.push(["errors", String(s.errors)]);
  if (s.warnings > 0) {
    const where = s.status === "dry-run" ? "" : ` (each in ${s.snapshotPath}.log)`;
    fields.push(["warnings", `${s.warnings}${where}`]);
  }
  fields.push(["duration", `${formatDuration(s.durationMs)} (${formatRate(s.bytes, s.durationMs)})`]);
  formatFields(fields).forEach((line, i) => {
    const label = fields[i][0];
    lines.push(
      label === "errors" && s.errors > 0 ? st.red(line) : label === "warnings" ? st.yellow(line) : line,
    );
  });
  if (s.errors > 0 && s.status !== "dry-run") {
    lines.push(st.red(`Some items were not backed up; see ${s.snapshotPath}.log`));
  }
  return lines.join("\n") + "\n";
}

/** Prints the final summary to stdout (as JSON with `--json`, one line with `quiet`). */
export function printBackupSummary(s: BackupSummary, options: ReportOptions): void {
  if (options.json) {
    out(JSON.stringify(s, null, 2) + "\n");
  } else if (options.quiet) {
    const line = formatBackupVerdict(s);
    out((s.errors > 0 ? styles("stdout").red(line) : line) + "\n");
  } else {
    out(formatBackupSummary(s));
  }
}
