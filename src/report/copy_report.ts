/**
 * What `phlb copy` shows: the plan, a progress line per snapshot, problems as they happen, and the
 * final summary (or the JSON of it).
 * @module
 */
import type { CopiedSnapshot, CopyCallbacks, CopySummary } from "../copy/copy.ts";
import { formatNumber } from "../i18n/format.ts";
import { currentLanguage, localize, Msg, t } from "../i18n/messages.ts";
import { formatDuration, formatFields, formatProgress, formatRate } from "./format.ts";
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
      const plan = { snapshots: t("common.snapshots", { count: todo }), skipped };
      err(`${skipped > 0 ? t("copy.plan.toCopySkipped", plan) : t("copy.plan.toCopy", plan)}\n`);
      if (options.verbose) {
        for (const s of snapshots) {
          if (s.action !== "skipped") continue;
          err(
            `${st.dim(t("copy.skipped"))}: ${s.name}/${s.id} (${localize(s.reasonText ?? s.reason ?? "")})\n`,
          );
        }
      }
    },
    onSnapshotStart: (s) => {
      position = `[${s.index + 1}/${s.count}] ${s.name}/${s.id}`;
      if (!chatty) return;
      progress.clear();
      err(`${t("copy.copying", { position })}\n`);
    },
    onProgress: (p) => {
      progress.update(
        `${position} ${formatProgress(p)}  ${formatRate(p.bytes, p.elapsedMs)}, ` +
          `${t("copy.progressNew", { size: p.copiedBytes })}  ${p.currentPath}`,
      );
    },
    onProblem: (p) => {
      // -q prints problems, but warnings are only counted (in the snapshot's log at DEST).
      if (options.quiet && p.severity === "warning") return;
      progress.clear();
      const label = p.severity === "error" ? st.red(t("common.error")) : st.yellow(t("common.warning"));
      err(`${label}: ${p.snapshot}: ${JSON.stringify(p.path || ".")}: ${localize(p.text ?? p.message)}\n`);
    },
    onSnapshotDone: (s) => {
      // Damage at the source is a problem: printed under -q too.
      if (s.action !== "damaged") return;
      progress.clear();
      const reason = localize(s.reasonText ?? s.reason ?? "");
      err(
        `${st.red(t("common.error"))}: ${
          t("copy.damagedStays", { reason, snapshot: `${s.name}/${s.id}` })
        }\n`,
      );
    },
    onNotice: (message, text) => {
      if (options.quiet) return;
      progress.clear();
      err(`${st.yellow(t("common.warning"))}: ${localize(text ?? message)}\n`);
    },
    onInfo: (message, text) => {
      if (!options.verbose || options.json) return;
      progress.clear();
      err(`${st.dim(localize(text ?? message))}\n`);
    },
    done: () => progress.clear(),
  };
}

/** The one-line verdict `-q` prints (and the end of every summary). */
export function formatCopyVerdict(s: CopySummary): string {
  const snapshots = t("common.snapshots", { count: s.copied });
  if (s.status === "dry-run") {
    return t("copy.verdict.dryRun", { dest: s.dest, snapshots, skipped: s.skipped });
  }
  const figures = {
    dest: s.dest,
    snapshots,
    skipped: s.skipped,
    files: t("common.files", { count: s.files }),
    size: s.bytes,
    written: s.copiedBytes,
    errors: t("common.errors", { count: s.errors }),
  };
  return s.damaged > 0
    ? t("copy.verdict.damaged", { ...figures, damaged: s.damaged })
    : t("copy.verdict.done", figures);
}

/** One snapshot's line in the summary. */
function snapshotLine(x: CopiedSnapshot): [string, string] {
  const what = `${x.name}/${x.id}`;
  if (x.action === "copied") {
    const line = t("copy.line.copied", {
      what,
      files: t("common.files", { count: x.files }),
      size: x.bytes,
      unchanged: x.unchangedLinked,
      dedup: x.dedupLinked,
      copied: x.copied,
      copiedSize: x.copiedBytes,
    });
    return [
      t("copy.label.copied"),
      x.errors > 0 ? `${line}, ${t("common.errors", { count: x.errors })}` : line,
    ];
  }
  if (x.action === "would-copy") return [t("copy.label.toCopy"), what];
  const reason = localize(x.reasonText ?? x.reason ?? "");
  if (x.action === "damaged") return [t("copy.label.damaged"), `${what}: ${reason}`];
  return [t("copy.label.skipped"), `${what}: ${reason}`];
}

/** The human-readable summary lines. */
export function formatCopySummary(s: CopySummary): string {
  const st = styles("stdout");
  const dry = s.status === "dry-run";
  const lines: string[] = [
    st.bold(
      dry
        ? t("copy.title.dryRun", { source: s.source, dest: s.dest })
        : t("copy.title.done", { source: s.source, dest: s.dest }),
    ),
  ];
  // The snapshots' lines and the totals in one column.
  const fields: [string, string][] = s.snapshots.map(snapshotLine);
  // Which total each later row is, for its colour (the labels are in the run's language).
  const kinds: ("snapshot" | "snapshots" | "files" | "errors" | "warnings" | "duration")[] = s.snapshots.map(
    () => "snapshot",
  );
  const counts = { count: s.copied, skipped: s.skipped };
  const snapshots = dry ? t("copy.totals.toCopy", counts) : t("copy.totals.copied", counts);
  fields.push([
    t("copy.label.snapshots"),
    s.damaged > 0 ? t("copy.totals.damaged", { snapshots, damaged: s.damaged }) : snapshots,
  ]);
  kinds.push("snapshots");
  if (!dry) {
    fields.push([
      t("copy.label.files"),
      t("copy.totals.files", { count: s.files, size: s.bytes, written: s.copiedBytes }),
    ]);
    fields.push([t("copy.label.errors"), formatNumber(s.errors, currentLanguage())]);
    kinds.push("files", "errors");
    if (s.warnings > 0) {
      fields.push([t("copy.label.warnings"), t("copy.totals.warnings", { count: s.warnings })]);
      kinds.push("warnings");
    }
  }
  fields.push([t("copy.label.duration"), formatDuration(s.durationMs)]);
  kinds.push("duration");
  formatFields(fields).forEach((line, i) => {
    const action = s.snapshots[i]?.action;
    const row = kinds[i];
    lines.push(
      action === "damaged" || (row === "snapshots" && s.damaged > 0) || (row === "errors" && s.errors > 0)
        ? st.red(line)
        : action === "skipped"
        ? st.dim(line)
        : row === "warnings"
        ? st.yellow(line)
        : line,
    );
  });
  if (s.damaged > 0) lines.push(st.red(t("copy.damagedStayPartial")));
  return lines.join("\n") + "\n";
}

/** Prints the summary to stdout (JSON with `json`, the one-line verdict with `quiet`). */
export function printCopySummary(s: CopySummary, options: CopyReportOptions): void {
  // The JSON stays English: the catalogue texts beside the English reasons are left out.
  if (options.json) {
    out(JSON.stringify(s, (_key, value) => value instanceof Msg ? undefined : value, 2) + "\n");
  } else if (options.quiet) {
    const line = formatCopyVerdict(s);
    out((s.errors > 0 || s.damaged > 0 ? styles("stdout").red(line) : line) + "\n");
  } else out(formatCopySummary(s));
}
