/**
 * What `phlb add` shows: problems on stderr as they are found, progress, the links made (with
 * -v or in a dry run), and the summary.
 * @module
 */
import type { AddCallbacks, AddProblem, AddSummary } from "../add/summary.ts";
import { localize, type MessageKey, t } from "../i18n/messages.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatFields, formatProgress, formatRate } from "./format.ts";

const SEVERITY: Record<AddProblem["severity"], MessageKey> = {
  damage: "add.severity.damage",
  error: "common.error",
  warning: "common.warning",
};

/** How chatty the report is. */
export interface AddReportOptions {
  quiet?: boolean;
  verbose?: boolean;
  json?: boolean;
  /** List every link that would be made. */
  dryRun?: boolean;
  /** The run was asked to remove PyHardLinkBackup's files (so kept ones need no hint). */
  dropLegacyFiles?: boolean;
}

/** One problem as a line: `SEVERITY: "NAME/ID/path": message`. */
export function formatAddProblem(p: AddProblem): string {
  const where = p.snapshot === "" ? p.path : p.path === "" ? p.snapshot : `${p.snapshot}/${p.path}`;
  return `${t(SEVERITY[p.severity])}: ${JSON.stringify(where)}: ${localize(p.text ?? p.message)}`;
}

/** Builds the callbacks that draw progress and print problems, snapshots and links. */
export function addReporter(options: AddReportOptions): AddCallbacks & { done(): void } {
  const progress = new ProgressLine(!options.quiet && !options.json);
  const st = styles("stderr");
  const chatty = !options.quiet && !options.json;
  return {
    onProblem: (p) => {
      if (options.quiet && p.severity === "warning") return;
      progress.clear();
      const line = formatAddProblem(p);
      err((p.severity === "warning" ? st.yellow(line) : st.red(line)) + "\n");
    },
    onSnapshot: (info) => {
      if (!chatty) return;
      if (info.action === "recorded" && !options.verbose) return;
      progress.clear();
      const what = info.action === "scan"
        ? t("add.snapshot.recording")
        : info.action === "recorded"
        ? t("add.snapshot.recorded")
        : t("add.snapshot.skipped", { reason: localize(info.text ?? info.reason ?? "") });
      err(`${info.snapshot}: ${what}\n`);
    },
    onLink: (info) => {
      if (!chatty || !(options.verbose || options.dryRun)) return;
      progress.clear();
      const params = {
        path: JSON.stringify(info.path),
        source: JSON.stringify(info.source),
        size: info.sizeBytes,
      };
      const key: MessageKey = options.dryRun
        ? (info.reclaimed ? "add.link.wouldFree" : "add.link.would")
        : (info.reclaimed ? "add.link.freed" : "add.link.done");
      err(t(key, params) + "\n");
    },
    onInfo: (message, text) => {
      if (!chatty) return;
      progress.clear();
      err(`${st.dim(localize(text ?? message))}\n`);
    },
    onProgress: (p) => {
      progress.update(
        `${formatProgress(p)}  ${
          t("add.progress", {
            read: p.readBytes,
            rate: formatRate(p.readBytes, p.elapsedMs),
            linked: p.linked,
            freed: p.reclaimedBytes,
          })
        }  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
}

/** The one-line verdict `-q` prints. */
export function formatAddVerdict(s: AddSummary): string {
  const params = {
    root: s.root,
    recorded: s.recorded,
    linked: s.linked,
    freed: s.reclaimedBytes,
    errors: t("common.errors", { count: s.errors }),
    damaged: s.damage > 0 ? t("add.verdict.damaged", { count: s.damage }) : "",
  };
  return s.status === "dry-run" ? t("add.verdict.dryRun", params) : t("add.verdict", params);
}

/** The human-readable summary. */
export function formatAddSummary(s: AddSummary, options: AddReportOptions = {}): string {
  const st = styles("stdout");
  const dry = s.status === "dry-run";
  const lines: string[] = [];
  lines.push(
    st.bold(dry ? t("add.summary.titleDryRun", { root: s.root }) : t("add.summary.title", { root: s.root })),
  );
  const indexState = s.index === "existing"
    ? t("add.summary.index.updated")
    : s.index === "created"
    ? (dry ? t("add.summary.index.wouldCreate") : t("add.summary.index.created"))
    : (dry
      ? t("add.summary.index.wouldRebuild")
      : t("add.summary.index.rebuilt", { path: s.indexMovedTo ?? "" }));
  const snapshots = {
    complete: s.snapshots,
    recorded: s.recorded,
    already: s.alreadyRecorded,
    skipped: s.skipped > 0 ? t("add.summary.snapshots.skipped", { count: s.skipped }) : "",
  };
  const fields: [string, string][] = [
    [t("add.summary.index"), indexState],
    [
      t("add.summary.snapshots"),
      dry ? t("add.summary.snapshots.valueDryRun", snapshots) : t("add.summary.snapshots.value", snapshots),
    ],
    [
      t("add.summary.manifests"),
      t(dry ? "add.summary.manifests.valueDryRun" : "add.summary.manifests.value", {
        checked: s.manifestsChecked,
        written: s.manifestsWritten,
      }),
    ],
    [
      t("add.summary.files"),
      t("add.summary.files.value", { count: s.files, size: s.bytes, read: s.readBytes }),
    ],
    [
      dry ? t("add.summary.wouldLink") : t("add.summary.linked"),
      t(dry ? "add.summary.linked.valueDryRun" : "add.summary.linked.value", {
        count: s.linked,
        size: s.linkedBytes,
        freed: s.reclaimedBytes,
      }),
    ],
  ];
  if (s.legacySnapshots > 0 || s.legacyChecked > 0) {
    const differ = t("add.summary.legacy.differ", { count: s.legacyMismatched });
    fields.push([
      "PyHardLinkBackup", // i18n-ignore: the name of the program whose snapshots these are
      t("add.summary.legacy.value", {
        snapshots: t("common.snapshots", { count: s.legacySnapshots }),
        files: t("common.files", { count: s.legacyChecked }),
        differ: s.legacyMismatched > 0 ? st.red(differ) : differ,
      }),
    ]);
  }
  if (s.legacyDropped > 0) {
    fields.push([
      t("add.summary.legacyFiles"),
      t(dry ? "add.summary.legacyFiles.toRemove" : "add.summary.legacyFiles.removed", {
        count: s.legacyDropped,
      }),
    ]);
  }
  if (s.legacyFiles > 0) {
    fields.push([
      t("add.summary.legacyFiles"),
      t(options.dropLegacyFiles ? "add.summary.legacyFiles.kept" : "add.summary.legacyFiles.keptHint", {
        count: s.legacyFiles,
      }),
    ]);
  }
  const damageRow = s.damage > 0 ? fields.length : -1;
  if (s.damage > 0) {
    fields.push([
      t("add.summary.damage"),
      t(s.legacyMismatched > 0 ? "add.summary.damage.valueLegacy" : "add.summary.damage.value", {
        count: s.damage,
      }),
    ]);
  }
  const errorsRow = fields.length;
  fields.push([t("add.summary.errors"), t("add.summary.count", { count: s.errors })]);
  const warningsRow = s.warnings > 0 ? fields.length : -1;
  if (s.warnings > 0) fields.push([t("add.summary.warnings"), t("add.summary.count", { count: s.warnings })]);
  fields.push([t("add.summary.duration"), t("add.summary.duration.value", { d: s.durationMs })]);
  formatFields(fields).forEach((line, i) => {
    lines.push(
      i === damageRow || (i === errorsRow && s.errors > 0)
        ? st.red(line)
        : i === warningsRow
        ? st.yellow(line)
        : line,
    );
  });
  return lines.join("\n") + "\n";
}

/** Prints the summary to stdout (JSON with `json`, one line with `quiet`). */
export function printAddSummary(s: AddSummary, options: AddReportOptions): void {
  if (options.json) out(JSON.stringify(s, null, 2) + "\n");
  else if (options.quiet) out(formatAddVerdict(s) + "\n");
  else out(formatAddSummary(s, options));
}
