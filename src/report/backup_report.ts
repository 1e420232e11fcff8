/**
 * What `phlb backup` shows: progress, problems as they happen, and the final summary.
 * @module
 */
import type { BackupCallbacks } from "../backup/engine.ts";
import type { BackupSummary } from "../backup/summary.ts";
import type { ItemProblem } from "../errors.ts";
import { localize, t } from "../i18n/messages.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatFields, formatProgress, formatRate } from "./format.ts";

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
    const label = p.severity === "error" ? st.red(t("common.error")) : st.yellow(t("common.warning"));
    err(`${label}: ${JSON.stringify(p.path || ".")}: ${localize(p.text ?? p.message)}\n`);
  };
  return {
    onProblem: problem,
    onExcluded: (rel, reason, text) => {
      if (!options.verbose) return;
      progress.clear();
      err(`${st.dim(t("backup.excluded"))}: ${JSON.stringify(rel)} (${localize(text ?? reason)})\n`);
    },
    onInfo: (message, text) => {
      if (!options.verbose) return;
      progress.clear();
      err(`${st.dim(localize(text ?? message))}\n`);
    },
    onNotice: (message, text) => {
      if (options.quiet) return;
      progress.clear();
      err(`${st.yellow(t("common.warning"))}: ${localize(text ?? message)}\n`);
    },
    onStart: (info) => {
      if (options.quiet || options.json) return;
      const line = info.dryRun
        ? t("backup.start.dryRun")
        : info.previous
        ? t("backup.start.withPrevious", { path: info.snapshotPath, previous: info.previous })
        : t("backup.start", { path: info.snapshotPath });
      err(line + "\n");
    },
    onProgress: (p) => {
      progress.update(
        `${formatProgress(p)}  ${
          t("backup.progress.rateNew", { rate: formatRate(p.bytes, p.elapsedMs), copied: p.copiedBytes })
        }  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
}

/** The one-line verdict `-q` prints (and the end of every summary). */
export function formatBackupVerdict(s: BackupSummary): string {
  const files = t("common.files", { count: s.files });
  const errors = t("common.errors", { count: s.errors });
  return s.status === "dry-run"
    ? t("backup.verdict.dryRun", { name: s.name, files, size: s.bytes, errors, toRead: s.toRead })
    : t("backup.verdict", { path: s.snapshotPath, files, size: s.bytes, errors, copied: s.copiedBytes });
}

/** The human-readable summary lines. */
export function formatBackupSummary(s: BackupSummary): string {
  const st = styles("stdout");
  const lines: string[] = [];
  const fields: [string, string][] = [];
  const count = (n: number) => t("backup.summary.count", { count: n });
  if (s.status === "dry-run") {
    lines.push(st.bold(t("backup.summary.titleDryRun", { name: s.name })));
    fields.push(
      [t("backup.summary.files"), t("backup.summary.countSize", { count: s.files, size: s.bytes })],
      [
        t("backup.summary.unchanged"),
        t("backup.summary.unchangedValue", { count: s.unchangedLinked, size: s.unchangedBytes }),
      ],
      [t("backup.summary.toRead"), t("backup.summary.toReadValue", { count: s.toRead, size: s.toReadBytes })],
    );
  } else {
    lines.push(st.bold(t("backup.summary.title", { path: s.snapshotPath })));
    fields.push(
      [t("backup.summary.files"), t("backup.summary.countSize", { count: s.files, size: s.bytes })],
      [
        t("backup.summary.unchangedLinked"),
        t("backup.summary.countSize", { count: s.unchangedLinked, size: s.unchangedBytes }),
      ],
      [
        t("backup.summary.dedupLinked"),
        t("backup.summary.savedValue", { count: s.dedupLinked, size: s.dedupBytes }),
      ],
    );
    if (s.hardlinkGroupLinked > 0) {
      fields.push([t("backup.summary.hardlinksKept"), count(s.hardlinkGroupLinked)]);
    }
    fields.push([
      t("backup.summary.copied"),
      t("backup.summary.countSize", { count: s.copied, size: s.copiedBytes }),
    ]);
  }
  fields.push([t("backup.summary.symlinks"), count(s.symlinks)], [
    t("backup.summary.folders"),
    count(s.directories),
  ]);
  if (s.skipped > 0) fields.push([t("backup.summary.skipped"), count(s.skipped)]);
  if (s.excluded > 0) {
    fields.push([t("backup.summary.excluded"), t("backup.summary.excludedValue", { count: s.excluded })]);
  }
  const errorsRow = fields.length;
  fields.push([t("backup.summary.errors"), count(s.errors)]);
  const warningsRow = s.warnings > 0 ? fields.length : -1;
  if (s.warnings > 0) {
    fields.push([
      t("backup.summary.warnings"),
      s.status === "dry-run"
        ? count(s.warnings)
        : t("backup.summary.warningsValue", { count: s.warnings, path: s.snapshotPath }),
    ]);
  }
  fields.push([
    t("backup.summary.duration"),
    t("backup.summary.durationValue", { d: s.durationMs, rate: formatRate(s.bytes, s.durationMs) }),
  ]);
  formatFields(fields).forEach((line, i) => {
    lines.push(i === errorsRow && s.errors > 0 ? st.red(line) : i === warningsRow ? st.yellow(line) : line);
  });
  if (s.errors > 0 && s.status !== "dry-run") {
    lines.push(st.red(t("backup.summary.someFailed", { path: s.snapshotPath })));
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
