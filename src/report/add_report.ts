/**
 * What `phlb add` shows: problems on stderr as they are found, progress, the links made (with
 * -v or in a dry run), and the summary.
 * @module
 */
import type { AddCallbacks, AddProblem, AddSummary } from "../add/summary.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatBytes, formatDuration } from "./format.ts";

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
      const rate = p.elapsedMs > 0 ? p.readBytes / (p.elapsedMs / 1000) : 0;
      progress.update(
        `${p.files} files, read ${formatBytes(p.readBytes)} (${(rate / 1e6).toFixed(0)} MB/s), ` +
          `${p.linked} linked, ${formatBytes(p.reclaimedBytes)} freed  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
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
  lines.push(`  index:            ${indexState}`);
  lines.push(
    `  snapshots:        ${s.snapshots} complete: ${s.recorded} ${dry ? "to record" : "recorded"}, ` +
      `${s.alreadyRecorded} already in the index` +
      (s.skipped > 0 ? `; ${s.skipped} unfinished skipped` : ""),
  );
  lines.push(
    `  manifests:        ${s.manifestsChecked} checked, ${s.manifestsWritten} ${
      dry ? "to write" : "written"
    }`,
  );
  lines.push(`  files:            ${s.files} (${formatBytes(s.bytes)}), read ${formatBytes(s.readBytes)}`);
  lines.push(
    `  ${dry ? "would link:      " : "linked:          "} ${s.linked} duplicates (${
      formatBytes(s.linkedBytes)
    }), ` +
      `${dry ? "would free" : "freed"} ${formatBytes(s.reclaimedBytes)}`,
  );
  if (s.legacySnapshots > 0 || s.legacyChecked > 0) {
    const differ = `${s.legacyMismatched} differ`;
    lines.push(
      `  PyHardLinkBackup: ${s.legacySnapshots} snapshots; ${s.legacyChecked} files checked against their ` +
        `.sha512, ${s.legacyMismatched > 0 ? st.red(differ) : differ}`,
    );
  }
  if (s.legacyDropped > 0) {
    lines.push(
      `  legacy files:     ${s.legacyDropped} ${
        dry ? "to remove" : "removed"
      } (.sha512, phlb_config.ini, summary.txt)`,
    );
  }
  if (s.legacyFiles > 0) {
    lines.push(
      `  legacy files:     ${s.legacyFiles} kept` +
        (options.dropLegacyFiles ? "" : " (phlb add --drop-legacy-files removes them)"),
    );
  }
  if (s.damage > 0) {
    const what = s.legacyMismatched > 0 ? "their manifest or PyHardLinkBackup's .sha512" : "their manifest";
    lines.push(st.red(`  damage:           ${s.damage} paths differ from ${what}`));
  }
  const errLine = `  errors:           ${s.errors}`;
  lines.push(s.errors > 0 ? st.red(errLine) : errLine);
  if (s.warnings > 0) lines.push(st.yellow(`  warnings:         ${s.warnings}`));
  lines.push(`  duration:         ${formatDuration(s.durationMs)}`);
  return lines.join("\n") + "\n";
}

/** Prints the summary to stdout, or JSON with `json`. */
export function printAddSummary(s: AddSummary, options: AddReportOptions): void {
  if (options.json) out(JSON.stringify(s, null, 2) + "\n");
  else if (!options.quiet || s.errors > 0 || s.damage > 0) out(formatAddSummary(s, options));
}
