/**
 * What `phlb backup` shows: progress, problems as they happen, and the final summary.
 * @module
 */
import type { BackupCallbacks } from "../backup/engine.ts";
import type { BackupSummary } from "../backup/summary.ts";
import type { ItemProblem } from "../errors.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatBytes, formatDuration } from "./format.ts";

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
      const rate = p.elapsedMs > 0 ? (p.bytes / (p.elapsedMs / 1000)) : 0;
      progress.update(
        `${p.files} files, ${formatBytes(p.bytes)} (${formatBytes(rate)}/s), ` +
          `${formatBytes(p.copiedBytes)} new  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
}

/** The human-readable summary lines. */
export function formatBackupSummary(s: BackupSummary): string {
  const st = styles("stdout");
  const lines: string[] = [];
  if (s.status === "dry-run") {
    lines.push(st.bold(`Dry run of ${s.name}: nothing was written`));
    lines.push(`  files:            ${s.files} (${formatBytes(s.bytes)})`);
    lines.push(
      `  unchanged:        ${s.unchangedLinked} (${formatBytes(s.unchangedBytes)}), would be linked unread`,
    );
    lines.push(
      `  to read:          ${s.toRead} (${formatBytes(s.toReadBytes)}), then linked by content or copied`,
    );
  } else {
    lines.push(st.bold(`Snapshot ${s.snapshotPath}`));
    lines.push(`  files:            ${s.files} (${formatBytes(s.bytes)})`);
    lines.push(`  unchanged, linked: ${s.unchangedLinked} (${formatBytes(s.unchangedBytes)})`);
    lines.push(`  same content, linked: ${s.dedupLinked} (${formatBytes(s.dedupBytes)} saved)`);
    if (s.hardlinkGroupLinked > 0) lines.push(`  source hardlinks kept: ${s.hardlinkGroupLinked}`);
    lines.push(`  copied:           ${s.copied} (${formatBytes(s.copiedBytes)})`);
  }
  lines.push(`  symlinks:         ${s.symlinks}`);
  lines.push(`  folders:          ${s.directories}`);
  if (s.skipped > 0) lines.push(`  skipped (special files): ${s.skipped}`);
  if (s.excluded > 0) lines.push(`  excluded:         ${s.excluded} (list them with -v)`);
  const errLine = `  errors:           ${s.errors}`;
  lines.push(s.errors > 0 ? st.red(errLine) : errLine);
  if (s.warnings > 0) {
    const where = s.status === "dry-run" ? "" : ` (each in ${s.snapshotPath}.log)`;
    lines.push(st.yellow(`  warnings:         ${s.warnings}${where}`));
  }
  lines.push(`  duration:         ${formatDuration(s.durationMs)}`);
  if (s.errors > 0 && s.status !== "dry-run") {
    lines.push(st.red(`Some items were not backed up; see ${s.snapshotPath}.log`));
  }
  return lines.join("\n") + "\n";
}

/** Prints the final summary to stdout (as JSON with `--json`). */
export function printBackupSummary(s: BackupSummary, options: ReportOptions): void {
  if (options.json) {
    out(JSON.stringify(s, null, 2) + "\n");
  } else if (!options.quiet || s.errors > 0) {
    out(formatBackupSummary(s));
  }
}
