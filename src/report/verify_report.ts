/**
 * What `phlb verify` shows: one line per problem on stdout (the result), progress and notes on
 * stderr, and a summary.
 * @module
 */
import { elapsedDurationWords } from "../durations.ts";
import type { RepairEvent, VerifyCallbacks, VerifyProblem, VerifySummary } from "../verify/summary.ts";
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
  /** The command line that checks the same selection again (for the next-step line), as words. */
  again?: readonly string[];
}

/** One repair event as a line: `repaired: "NAME/ID/PATH" (+2 other paths): from …`. */
export function formatRepair(e: RepairEvent): string {
  const first = JSON.stringify(e.paths[0] ?? "");
  const others = e.paths.length > 1 ? ` (+${countOf(e.paths.length - 1, "other path")})` : "";
  switch (e.action) {
    case "repaired":
      return `repaired: ${first}${others}: from ${e.from}`;
    case "would-repair":
      return `would repair: ${first}${others}: from ${e.from}`;
    case "already-repaired":
      return `already repaired: ${first}${others}: by an interrupted repair; the index now says so`;
    case "cannot-repair":
      return `cannot repair: ${e.paths.map((p) => JSON.stringify(p)).join(", ")}: ${e.reason}`;
  }
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
    onRepair: (e) => {
      if (options.json) return;
      progress.clear();
      const line = formatRepair(e);
      out(
        (e.action === "cannot-repair" ? st.red(line) : e.action === "repaired" ? st.green(line) : line) +
          "\n",
      );
    },
    onProgress: (p) => {
      progress.update(
        `${formatProgress(p)}  read ${formatRate(p.readBytes, p.elapsedMs)}  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
}

/** Quotes a word for a POSIX shell when it needs it. */
function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`;
}

/**
 * The last line after a DAMAGED verdict: what to run next. Undefined when nothing is damaged.
 * `again` is the command that checks the same selection (`phlb verify …`).
 */
export function nextStep(
  s: VerifySummary,
  again: readonly string[] = ["phlb", "verify"],
): string | undefined {
  if (s.status !== "damaged") return undefined;
  const cmd = (extra: string[]) =>
    [...again.slice(0, 2), ...extra, ...again.slice(2)].map(shellWord).join(" ");
  const copies = (["content", "size", "mtime", "mode", "owner"] as const).some((k) =>
    (s.problemsByKind[k] ?? 0) > 0
  );
  const r = s.repair;
  if (r?.dryRun && r.repaired > 0) return `next: ${cmd(["--repair"])}   heals what is listed above`;
  if (r && r.unrepairable > 0) {
    return "next: the copies that cannot be repaired have no intact source left: restore those files from " +
      "another backup if you have one. Damaged copies are never linked again, and the next `phlb backup` " +
      "stores each file afresh whose source is still there";
  }
  if (!r && (copies || s.damagedMarked > 0)) {
    return `next: ${cmd(["--repair", "--dry-run"])}   shows how the damaged copies can be healed; ` +
      "without --dry-run it heals them";
  }
  return 'next: missing, extra or manifest problems cannot be healed from other copies: see "When verify ' +
    'finds damage" in docs/verify.md. The next `phlb backup` makes a new, complete snapshot';
}

/** The one-line verdict: "OK: …", "REPAIRED: …" or "DAMAGED: …". */
export function formatVerifyVerdict(s: VerifySummary): string {
  const st = styles("stdout");
  const r = s.repair;
  if (r && !r.dryRun && s.status === "ok" && s.problems > 0) {
    const healed = countOf(r.repaired, "stored copy", "stored copies");
    return st.green(`REPAIRED: ${countOf(s.problems, "problem")}, in ${healed}; everything else matches`);
  }
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
  const left = s.problems - s.problemsRepaired;
  return st.red(
    `DAMAGED: ${countOf(s.problems, "problem")} (${kinds})` +
      (s.problemsRepaired > 0 ? `, ${left} left after the repair` : ""),
  );
}

/** The human-readable summary. */
export function formatVerifySummary(
  s: VerifySummary,
  options: { maxDurationMs?: number; again?: readonly string[] } = {},
): string {
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
  if (s.removed.length > 0) {
    fields.push(["removed", `${s.removed.join(", ")} (while verify ran: not checked, not damage)`]);
  }
  const copies = (n: number) => countOf(n, "stored copy", "stored copies");
  if (s.damagedCopies > 0 && !s.repair) {
    fields.push([
      "damaged",
      `${copies(s.damagedCopies)}, ` +
      (s.damagedMarked > 0 ? `${s.damagedMarked} marked in the index: never linked again` : "not marked"),
    ]);
  }
  const r = s.repair;
  if (r) {
    fields.push([
      "repair",
      `${r.dryRun ? "would heal" : "healed"} ${copies(r.repaired)} (${countOf(r.repairedPaths, "path")})` +
      (r.unrepairable > 0 ? `; ${copies(r.unrepairable)} cannot be` : "") +
      (r.leftoversRemoved > 0
        ? `; removed ${countOf(r.leftoversRemoved, "leftover")} of an interrupted repair`
        : ""),
    ]);
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
  const next = nextStep(s, options.again);
  if (next) lines.push(next);
  return lines.join("\n") + "\n";
}

/**
 * Prints the summary to stdout; with `quiet` only the verdict (the problems are lines already); with
 * `json` the JSON object: the summary, `problemList`, with `--repair` `repairList`, and `next` (the
 * last line after a DAMAGED verdict, else null).
 */
export function printVerifySummary(
  s: VerifySummary,
  lists: { problems: VerifyProblem[]; repairs?: RepairEvent[] },
  options: VerifyReportOptions,
): void {
  if (options.json) {
    const next = nextStep(s, options.again) ?? null;
    const repairList = s.repair ? { repairList: lists.repairs ?? [] } : {};
    out(JSON.stringify({ ...s, problemList: lists.problems, ...repairList, next }, null, 2) + "\n");
  } else if (options.quiet) out(formatVerifyVerdict(s) + "\n");
  else out(formatVerifySummary(s, options));
}
