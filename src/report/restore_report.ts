/**
 * What `phlb restore` prints: progress, problems as they happen, and the closing summary.
 * @module
 */
import type { ItemProblem } from "../errors.ts";
import type { RestoreCallbacks, RestoreSummary } from "../restore/restore.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatNumber } from "../i18n/format.ts";
import { currentLanguage, localize, t } from "../i18n/messages.ts";
import { formatDuration, formatFields, formatProgress } from "./format.ts";

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
      const label = p.severity === "error" ? st.red(t("common.error")) : st.yellow(t("common.warning"));
      err(`${label}: ${JSON.stringify(p.path || ".")}: ${localize(p.text ?? p.message)}\n`);
    },
    onKept: (rel, reason, text) => {
      if (!options.verbose) return;
      progress.clear();
      err(`${st.dim(t("restore.report.kept"))}: ${JSON.stringify(rel)} (${localize(text ?? reason)})\n`);
    },
    onProgress: (p) => progress.update(`${formatProgress(p)}  ${p.currentPath}`),
    done: () => progress.clear(),
  };
}

/** What was restored where, in one line: the verdict `-q` prints. */
export function formatRestoreVerdict(s: RestoreSummary): string {
  const what = `${s.snapshot}${s.subpath ? `/${s.subpath}` : ""}`;
  const counts = {
    what,
    target: s.target,
    files: t("common.files", { count: s.files }),
    size: s.bytes,
    errors: t("common.errors", { count: s.errors }),
  };
  return s.dryRun ? t("restore.verdict.dryRun", counts) : t("restore.verdict.restored", counts);
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
  const what = { what: `${s.snapshot}${s.subpath ? `/${s.subpath}` : ""}`, target: s.target };
  const lines = [
    st.bold(s.dryRun ? t("restore.title.dryRun", what) : t("restore.title.restored", what)),
  ];
  const n = (v: number) => formatNumber(v, currentLanguage());
  const fields: [string, string][] = [
    [
      t("restore.label.files"),
      s.dryRun
        ? t("restore.files.dryRun", { count: s.files, size: s.bytes })
        : t("restore.files.checked", { count: s.files, size: s.bytes }),
    ],
    [t("restore.label.symlinks"), n(s.symlinks)],
    [t("restore.label.folders"), t("restore.folders.new", { count: s.directories })],
  ];
  if (s.keptExisting > 0) {
    fields.push([t("restore.label.keptExisting"), t("restore.keptExisting", { count: s.keptExisting })]);
  }
  if (s.excluded > 0) fields.push([t("restore.label.excluded"), n(s.excluded)]);
  const errorsRow = fields.length;
  fields.push([t("restore.label.errors"), n(s.errors)]);
  if (s.warnings > 0) fields.push([t("restore.label.warnings"), n(s.warnings)]);
  fields.push([t("restore.label.duration"), formatDuration(s.durationMs)]);
  for (const [i, line] of formatFields(fields).entries()) {
    lines.push(
      i === errorsRow && s.errors > 0
        ? st.red(line)
        : i === errorsRow + 1 && s.warnings > 0
        ? st.yellow(line)
        : line,
    );
  }
  if (s.caseInsensitiveTarget) lines.push(`  ${t("restore.caseInsensitive")}`);
  out(lines.join("\n") + "\n");
}
