/**
 * What `phlb add` shows: problems on stderr as they are found, progress, the links made (with
 * -v or in a dry run), and the summary.
 * @module
 */
import type { AddCallbacks, AddProblem, AddSummary } from "../add/summary.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { countOf, formatBytes, formatDuration, formatFields, formatProgress, formatRate } from "./format.ts";

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
  return `${p.severity}: ${JSON.stringify(where)}: ${p.message}`;
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
        ? "recording"
        : info.action === "recorded"
        ? "already in the index"
        : `skipped: ${info.reason}`;
      err(`${info.snapshot}: ${what}\n`);
    },
    onLink: (info) => {
      if (!chatty || !(options.verbose || options.dryRun)) return;
      progress.clear();
      err(
        `${options.dryRun ? "would link" : "linked"} ${JSON.stringify(info.path)} -> ${
          JSON.stringify(info.source)
        }` +
          ` (${formatBytes(info.sizeBytes)}${info.reclaimed ? ", freed" : ""})\n`,
      );
    },
    onInfo: (message) => {
      if (!chatty) return;
      progress.clear();
      err(`${st.dim(message)}\n`);
    },
    onProgress: (p) => {
      progress.update(
        `${formatProgress(p)}  read ${formatBytes(p.readBytes)} (${formatRate(p.readBytes, p.elapsedMs)}), ` +
          `${p.linked} linked, ${formatBytes(p.reclaimedBytes)} freed  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
}

/** The one-line verdict `-q` prints. */
export function formatAddVerdict(s: AddSummary): string {
  const dry = s.status === "dry-run";
  return `${dry ? "Dry run of phlb add in" : "Added snapshots in"} ${s.root}: ${s.recorded} ${
    dry ? "to record" : "recorded"
  }, ${s.linked} ${dry ? "to link" : "linked"}, ${dry ? "would free" : "freed"} ${
    formatBytes(s.reclaimedBytes)
  }, ` +
    `${countOf(s.errors, "error")}` + (s.damage > 0 ? `, ${countOf(s.damage, "path")} damaged` : "");
}

/** The human-readable summary. */
export function formatAddSummary(s: AddSummary, options: AddReportOptions = {}): string {
  const st = styles("stdout");
  const dry = s.status === "dry-run";
  const lines: string[] = [];
  lines.push(
    st.bold(dry ? `Dry run of phlb add in ${s.root}: nothing was written` : `Added snapshots in ${s.root}`),
  );
  const indexState = s.index === "existing"
    ? "updated"
    : s.index === "created"
    ? (dry ? "would be created" : "created")
    : (dry ? "damaged: would be moved aside and rebuilt" : `rebuilt; the damaged one is ${s.indexMovedTo}`);
  const fields: [string, string][] = [
    ["index", indexState],
    [
      "snapshots",
      `${s.snapshots} complete: ${s.recorded} ${dry ? "to record" : "recorded"}, ` +
      `${s.alreadyRecorded} already in the index` +
      (s.skipped > 0 ? `; ${s.skipped} unfinished skipped` : ""),
    ],
    ["manifests", `${s.manifestsChecked} checked, ${s.manifestsWritten} ${dry ? "to write" : "written"}`],
    ["files", `${s.files} (${formatBytes(s.bytes)}), read ${formatBytes(s.readBytes)}`],
    [
      dry ? "would link" : "linked",
      `${countOf(s.linked, "duplicate")} (${formatBytes(s.linkedBytes)}), ${dry ? "would free" : "freed"} ${
        formatBytes(s.reclaimedBytes)
      }`,
    ],
  ];
  if (s.legacySnapshots > 0 || s.legacyChecked > 0) {
    const differ = `${s.legacyMismatched} ${s.legacyMismatched === 1 ? "differs" : "differ"}`;
    fields.push([
      "PyHardLinkBackup",
      `${countOf(s.legacySnapshots, "snapshot")}; ${
        countOf(s.legacyChecked, "file")
      } checked against their ` +
      `.sha512, ${s.legacyMismatched > 0 ? st.red(differ) : differ}`,
    ]);
  }
  if (s.legacyDropped > 0) {
    fields.push([
      "legacy files",
      `${s.legacyDropped} ${dry ? "to remove" : "removed"} (.sha512, phlb_config.ini, summary.txt)`,
    ]);
  }
  if (s.legacyFiles > 0) {
    fields.push([
      "legacy files",
      `${s.legacyFiles} kept` +
      (options.dropLegacyFiles ? "" : " (phlb add --drop-legacy-files removes them)"),
    ]);
  }
  if (s.damage > 0) {
    const what = s.legacyMismatched > 0 ? "their manifest or PyHardLinkBackup's .sha512" : "their manifest";
    fields.push([
      "damage",
      `${countOf(s.damage, "path")} ${s.damage === 1 ? "differs" : "differ"} from ${what}`,
    ]);
  }
  fields.push(["errors", String(s.errors)]);
  if (s.warnings > 0) fields.push(["warnings", String(s.warnings)]);
  fields.push(["duration", formatDuration(s.durationMs)]);
  formatFields(fields).forEach((line, i) => {
    const label = fields[i][0];
    lines.push(
      label === "damage" || (label === "errors" && s.errors > 0)
        ? st.red(line)
        : label === "warnings"
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
