/**
 * What `phlb verify` shows: one line per problem on stdout (the result), progress and notes on
 * stderr, and a summary.
 * @module
 */
import type { RepairEvent, VerifyCallbacks, VerifyProblem, VerifySummary } from "../verify/summary.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatBytes, formatDuration } from "./format.ts";

/** How chatty the report is. */
export interface VerifyReportOptions {
  /** Only problems and the verdict. */
  quiet?: boolean;
  /** Problems go into the JSON summary instead of lines. */
  json?: boolean;
  /** The command line that checks the same selection again (for the next-step line), as words. */
  again?: readonly string[];
}

/** One repair event as a line: `repaired: "NAME/ID/PATH" (+2 other paths): from …`. */
export function formatRepair(e: RepairEvent): string {
  const first = JSON.stringify(e.paths[0] ?? "");
  const others = e.paths.length > 1
    ? ` (+${e.paths.length - 1} other path${e.paths.length === 2 ? "" : "s"})`
    : "";
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
      err(`Checking ${info.snapshot}\n`);
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
      const rate = p.elapsedMs > 0 ? p.readBytes / (p.elapsedMs / 1000) : 0;
      progress.update(
        `${p.files} files, ${formatBytes(p.bytes)}, read ${formatBytes(p.readBytes)} ` +
          `(${(rate / 1e6).toFixed(0)} MB/s)  ${p.currentPath}`,
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

/** The human-readable summary. */
export function formatVerifySummary(s: VerifySummary, again?: readonly string[]): string {
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
  if (s.removed.length > 0) {
    lines.push(`  removed:    ${s.removed.join(", ")} (while verify ran: not checked, not damage)`);
  }
  if (s.damagedCopies > 0 && !s.repair) {
    lines.push(
      `  damaged:    ${s.damagedCopies} stored cop${s.damagedCopies === 1 ? "y" : "ies"}, ` +
        (s.damagedMarked > 0 ? `${s.damagedMarked} marked in the index: never linked again` : "not marked"),
    );
  }
  const r = s.repair;
  if (r) {
    const copies = (n: number) => `${n} stored cop${n === 1 ? "y" : "ies"}`;
    lines.push(
      `  repair:     ${r.dryRun ? "would heal" : "healed"} ${copies(r.repaired)} (${r.repairedPaths} paths)` +
        (r.unrepairable > 0 ? `; ${copies(r.unrepairable)} cannot be` : "") +
        (r.leftoversRemoved > 0 ? `; removed ${r.leftoversRemoved} leftovers of an interrupted repair` : ""),
    );
  }
  lines.push(`  duration:   ${formatDuration(s.durationMs)}`);
  if (r && !r.dryRun && s.status === "ok" && s.problems > 0) {
    lines.push(
      st.green(
        `REPAIRED: ${s.problems} problem${s.problems === 1 ? "" : "s"}, in ${r.repaired} stored ` +
          `cop${r.repaired === 1 ? "y" : "ies"}; everything else matches`,
      ),
    );
  } else if (s.problems === 0) {
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
    const left = s.problems - s.problemsRepaired;
    lines.push(st.red(
      `DAMAGED: ${s.problems} problem${s.problems === 1 ? "" : "s"} (${kinds})` +
        (s.problemsRepaired > 0 ? `, ${left} left after the repair` : ""),
    ));
  }
  const next = nextStep(s, again);
  if (next) lines.push(next);
  return lines.join("\n") + "\n";
}

/**
 * Prints the summary to stdout, or with `json` the JSON object: the summary, `problemList`, with
 * `--repair` `repairList`, and `next` (the last line after a DAMAGED verdict, else null).
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
  } else if (!options.quiet || s.problems > 0) out(formatVerifySummary(s, options.again));
}
