/**
 * What `phlb verify` shows: one line per problem on stdout (the result), progress and notes on
 * stderr, and a summary.
 * @module
 */
import { elapsedDurationWords } from "../durations.ts";
import type { VerifyCallbacks, VerifyProblem, VerifySummary } from "../verify/summary.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { countOf, formatBytes, formatDuration, formatFields, formatProgress, formatRate } from "./format.ts";

/** How chatty the report is. */
export interface VerifyReportOptions {
  /** Only problems and the verdict. */
  quiet?: boolean;
  /** Also each snapshot's recorded files and bytes. */
  verbose?: boolean;
  /** A scrub's --max-duration, said in words in its summary. */
  maxDurationMs?: number;
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
      const figures = options.verbose && info.recorded
        ? `: ${countOf(info.recorded.files, "file")} (${formatBytes(info.recorded.bytes)})`
        : "";
      err(`Checking ${info.snapshot}${figures}\n`);
    },
    onNotice: (message) => {
      if (options.quiet) return;
      progress.clear();
      err(`note: ${message}\n`);
    },
    onProgress: (p) => {
      progress.update(
        `${formatProgress(p)}  read ${formatRate(p.readBytes, p.elapsedMs)}  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
}

/** The one-line verdict: "OK: …" or "DAMAGED: …". */
export function formatVerifyVerdict(s: VerifySummary): string {
  const st = styles("stdout");
  if (s.problems === 0) {
    // A scrub reads each stored content through one of its paths: it does not vouch for every path.
    return st.green(
      s.mode === "scrub"
        ? "OK: every content read matches (`phlb verify --all` checks every path of every snapshot)"
        : s.mode === "fast"
        ? "OK: everything matches (metadata only: --fast reads no content)"
        : "OK: everything matches",
    );
  }
  const kinds = Object.entries(s.problemsByKind).map(([k, n]) => `${k} ${n}`).join(", ");
  return st.red(`DAMAGED: ${countOf(s.problems, "problem")} (${kinds})`);
}

/** The human-readable summary. */
export function formatVerifySummary(s: VerifySummary, options: { maxDurationMs?: number } = {}): string {
  const st = styles("stdout");
  const lines: string[] = [];
  const rate = formatRate(s.readBytes, Math.max(s.durationMs, 1));
  const fields: [string, string][] = [];
  if (s.mode === "scrub" && s.scrub) {
    const c = s.scrub;
    lines.push(st.bold(`Scrub of ${s.root}`));
    const pct = c.contentsTotal > 0 ? Math.floor(c.contentsVerified * 100 / c.contentsTotal) : 100;
    fields.push(
      [
        "this run",
        `${countOf(c.verifiedThisRun, "content")}, ${countOf(s.files, "file")}, read ${
          formatBytes(s.readBytes)
        } (${rate})`,
      ],
      [
        "pass",
        `${c.contentsVerified} of ${c.contentsTotal} contents verified since ${c.passStartedAt} (${pct}%)`,
      ],
    );
    if (options.maxDurationMs !== undefined) {
      fields.push(["limit", `${elapsedDurationWords(options.maxDurationMs)} (--max-duration)`]);
    }
  } else {
    lines.push(st.bold(`Verified ${countOf(s.snapshots.length, "snapshot")} under ${s.root}`));
    fields.push([
      "files",
      `${s.files} (${formatBytes(s.bytes)}), ${countOf(s.directories, "folder")}, ${
        countOf(s.symlinks, "symlink")
      }`,
    ]);
    if (s.mode === "fast") fields.push(["content", "not read (--fast)"]);
    else {
      fields.push(["read", `${countOf(s.readFiles, "file")}, ${formatBytes(s.readBytes)} (${rate})`]);
      if (s.reusedFiles > 0) {
        fields.push(["reused", `${countOf(s.reusedFiles, "file")} share an inode already read`]);
      }
    }
  }
  fields.push(["duration", formatDuration(s.durationMs)]);
  lines.push(...formatFields(fields));
  if (s.mode === "scrub" && s.scrub) {
    const c = s.scrub;
    lines.push(
      c.complete
        ? "  the pass is complete; the next --resume starts a new one"
        : `  continue with: phlb verify --resume${c.stoppedByDuration ? " --max-duration …" : ""}`,
    );
  }
  lines.push(formatVerifyVerdict(s));
  return lines.join("\n") + "\n";
}

/** Prints the summary to stdout, or the JSON object with `json`. */
export function printVerifySummary(
  s: VerifySummary,
  problems: VerifyProblem[],
  options: VerifyReportOptions,
): void {
  if (options.json) out(JSON.stringify({ ...s, problemList: problems }, null, 2) + "\n");
  else if (options.quiet) out(formatVerifyVerdict(s) + "\n");
  else out(formatVerifySummary(s, options));
}
