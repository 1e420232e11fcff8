/**
 * What `phlb verify` shows: one line per problem on stdout (the result), progress and notes on
 * stderr, and a summary.
 * @module
 */
import type { VerifyCallbacks, VerifyProblem, VerifySummary } from "../verify/summary.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatBytes, formatDuration } from "./format.ts";

/** How chatty the report is. */
export interface VerifyReportOptions {
  /** Only problems and the verdict. */
  quiet?: boolean;
  /** Problems go into the JSON summary instead of lines. */
  json?: boolean;
}

/** One problem as a line: `KIND: "NAME/ID/path": what differs`. */
export function formatProblem(p: VerifyProblem): string {
  const where = p.path === "" ? p.snapshot : `${p.snapshot}/${p.path}`;
  return `${p.kind}: ${JSON.stringify(where)}: ${p.message}`;
}

/** Builds the callbacks that print problems as they are found and draw the progress line. */
export function verifyReporter(options: VerifyReportOptions): VerifyCallbacks & { done(): void } {
  const progress = new ProgressLine(!options.quiet && !options.json);
  const st = styles("stdout");
  return {
    onProblem: (p) => {
      if (options.json) return;
      progress.clear();
      out(st.red(formatProblem(p)) + "\n");
    },
    onSnapshot: (info) => {
      if (options.quiet || options.json) return;
      progress.clear();
      err(`Checking ${info.snapshot}\n`);
    },
    onNotice: (message) => {
      if (options.quiet) return;
      progress.clear();
      err(`note: ${message}\n`);
    },
    onProgress: (p) => {
      const rate = p.elapsedMs > 0 ? p.readBytes / (p.elapsedMs / 1000) : 0;
      progress.update(
        `${p.files} files, ${formatBytes(p.bytes)}, read ${formatBytes(p.readBytes)} ` +
          `(${(rate / 1e6).toFixed(0)} MB/s)  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
}

/** The human-readable summary. */
export function formatVerifySummary(s: VerifySummary): string {
  const st = styles("stdout");
  const lines: string[] = [];
  const secs = Math.max(s.durationMs, 1) / 1000;
  const rate = `${(s.readBytes / secs / 1e6).toFixed(0)} MB/s`;
  if (s.mode === "scrub" && s.scrub) {
    const c = s.scrub;
    lines.push(st.bold(`Scrub of ${s.root}`));
    lines.push(
      `  this run:   ${c.verifiedThisRun} contents, ${s.files} files, read ${
        formatBytes(s.readBytes)
      } (${rate})`,
    );
    const pct = c.contentsTotal > 0 ? Math.floor(c.contentsVerified * 100 / c.contentsTotal) : 100;
    lines.push(
      `  pass:       ${c.contentsVerified} of ${c.contentsTotal} contents verified since ${c.passStartedAt} (${pct}%)`,
    );
    lines.push(
      c.complete
        ? "  the pass is complete; the next --resume starts a new one"
        : `  continue with: phlb verify --resume${c.stoppedByDuration ? " --max-duration …" : ""}`,
    );
  } else {
    lines.push(
      st.bold(
        `Verified ${s.snapshots.length} snapshot${s.snapshots.length === 1 ? "" : "s"} under ${s.root}`,
      ),
    );
    lines.push(
      `  files:      ${s.files} (${formatBytes(s.bytes)}), ${s.directories} folders, ${s.symlinks} symlinks`,
    );
    if (s.mode === "fast") lines.push("  content:    not read (--fast)");
    else {
      lines.push(`  read:       ${s.readFiles} files, ${formatBytes(s.readBytes)} (${rate})`);
      if (s.reusedFiles > 0) lines.push(`  reused:     ${s.reusedFiles} files share an inode already read`);
    }
  }
  lines.push(`  duration:   ${formatDuration(s.durationMs)}`);
  if (s.problems === 0) {
    // A scrub reads each stored content through one of its paths: it does not vouch for every path.
    lines.push(st.green(
      s.mode === "scrub"
        ? "OK: every content read matches (`phlb verify --all` checks every path of every snapshot)"
        : s.mode === "fast"
        ? "OK: everything matches (metadata only: --fast reads no content)"
        : "OK: everything matches",
    ));
  } else {
    const kinds = Object.entries(s.problemsByKind).map(([k, n]) => `${k} ${n}`).join(", ");
    lines.push(st.red(`DAMAGED: ${s.problems} problem${s.problems === 1 ? "" : "s"} (${kinds})`));
  }
  return lines.join("\n") + "\n";
}

/** Prints the summary to stdout, or the JSON object with `json`. */
export function printVerifySummary(
  s: VerifySummary,
  problems: VerifyProblem[],
  options: VerifyReportOptions,
): void {
  if (options.json) out(JSON.stringify({ ...s, problemList: problems }, null, 2) + "\n");
  else if (!options.quiet || s.problems > 0) out(formatVerifySummary(s));
}
