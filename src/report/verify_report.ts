/**
 * What `phlb verify` shows: one line per problem on stdout (the result), progress and notes on
 * stderr, and a summary.
 * @module
 */
import { localize, Msg, msg, t } from "../i18n/messages.ts";
import type { RepairEvent, VerifyCallbacks, VerifyProblem, VerifySummary } from "../verify/summary.ts";
import { err, out, ProgressLine, styles } from "./term.ts";
import { formatDuration, formatElapsedWords, formatFields, formatProgress, formatRate } from "./format.ts";
import { quoteArg } from "./shell_quote.ts";

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
  const path = e.paths.length > 1
    ? `${first} ${t("verify.report.otherPaths", { count: e.paths.length - 1 })}`
    : first;
  const from = localize(e.fromText ?? e.from ?? "");
  switch (e.action) {
    case "repaired":
      return t("verify.report.repaired", { path, from });
    case "would-repair":
      return t("verify.report.wouldRepair", { path, from });
    case "already-repaired":
      return t("verify.report.alreadyRepaired", { path });
    case "cannot-repair":
      return t("verify.report.cannotRepair", {
        paths: e.paths.map((p) => JSON.stringify(p)).join(", "),
        reason: localize(e.reasonText ?? e.reason ?? ""),
      });
  }
}

/** One problem as a line: `KIND: "NAME/ID/path": what differs`. */
export function formatProblem(p: VerifyProblem): string {
  const where = p.path === "" ? p.snapshot : `${p.snapshot}/${p.path}`;
  // The kind stays the token of --json and the help text, so that a line can be searched for.
  return `${p.kind}: ${JSON.stringify(where)}: ${localize(p.text ?? p.message)}`;
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
      const line = options.verbose && info.recorded
        ? t("verify.report.checkingFigures", {
          snapshot: info.snapshot,
          files: t("common.files", { count: info.recorded.files }),
          size: info.recorded.bytes,
        })
        : t("verify.report.checking", { snapshot: info.snapshot });
      err(`${line}\n`);
    },
    onNotice: (message, text) => {
      if (options.quiet) return;
      progress.clear();
      err(`${t("verify.report.note", { text: localize(text ?? message) })}\n`);
    },
    onRepair: (e) => {
      if (options.json) return;
      progress.clear();
      const line = formatRepair(e);
      const shown = e.action === "cannot-repair"
        ? st.red(line)
        : e.action === "repaired"
        ? st.green(line)
        : line;
      out(shown + "\n");
    },
    onProgress: (p) => {
      progress.update(
        `${formatProgress(p)}  ${
          t("verify.report.progressRead", { rate: formatRate(p.readBytes, p.elapsedMs) })
        }  ${p.currentPath}`,
      );
    },
    done: () => progress.clear(),
  };
}

/**
 * The last line after a DAMAGED verdict: what to run next. Undefined when nothing is damaged.
 * `again` is the command that checks the same selection (`phlb verify …`). A text: English in
 * `--json` (`String(…)`), the run's language on the terminal.
 */
export function nextStep(
  s: VerifySummary,
  again: readonly string[] = ["phlb", "verify"],
): Msg | undefined {
  if (s.status !== "damaged") return undefined;
  const cmd = (extra: string[]) =>
    [...again.slice(0, 2), ...extra, ...again.slice(2)].map((w) => quoteArg(w)).join(" ");
  const copies = (["content", "size", "mtime", "mode", "owner"] as const).some((k) =>
    (s.problemsByKind[k] ?? 0) > 0
  );
  const r = s.repair;
  if (r?.dryRun && r.repaired > 0) return msg("verify.next.repair", { command: cmd(["--repair"]) });
  if (r && r.unrepairable > 0) return msg("verify.next.unrepairable");
  if (!r && (copies || s.damagedMarked > 0)) {
    return msg("verify.next.dryRun", { command: cmd(["--repair", "--dry-run"]) });
  }
  return msg("verify.next.cannotHeal");
}

/** The one-line verdict: "OK: …", "REPAIRED: …" or "DAMAGED: …". */
export function formatVerifyVerdict(s: VerifySummary): string {
  const st = styles("stdout");
  const r = s.repair;
  if (r && !r.dryRun && s.status === "ok" && s.problems > 0) {
    return st.green(
      t("verify.verdict.repaired", {
        count: r.repaired,
        problems: t("verify.report.problems", { count: s.problems }),
      }),
    );
  }
  if (s.problems === 0) {
    // A scrub reads each stored content through one of its paths: it does not vouch for every path.
    return st.green(
      s.mode === "scrub"
        ? t("verify.verdict.okScrub")
        : s.mode === "fast"
        ? t("verify.verdict.okFast")
        : t("verify.verdict.ok"),
    );
  }
  const kinds = Object.entries(s.problemsByKind).map(([k, n]) => `${k} ${n}`).join(", ");
  const left = s.problems - s.problemsRepaired;
  const problems = t("verify.report.problems", { count: s.problems });
  return st.red(
    s.problemsRepaired > 0
      ? t("verify.verdict.damagedLeft", { problems, kinds, left })
      : t("verify.verdict.damaged", { problems, kinds }),
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
    lines.push(st.bold(t("verify.report.scrubOf", { root: s.root })));
    const pct = c.contentsTotal > 0 ? Math.floor(c.contentsVerified * 100 / c.contentsTotal) : 100;
    fields.push(
      [
        t("verify.label.thisRun"),
        t("verify.report.thisRun", {
          contents: t("verify.report.contents", { count: c.verifiedThisRun }),
          files: t("common.files", { count: s.files }),
          size: s.readBytes,
          rate,
        }),
      ],
      [
        t("verify.label.pass"),
        t("verify.report.pass", {
          verified: c.contentsVerified,
          total: c.contentsTotal,
          since: c.passStartedAt,
          pct,
        }),
      ],
    );
    if (options.maxDurationMs !== undefined) {
      const limit = formatElapsedWords(options.maxDurationMs);
      fields.push([t("verify.label.limit"), t("verify.report.limit", { limit })]);
    }
  } else {
    lines.push(st.bold(t("verify.report.verified", {
      snapshots: t("common.snapshots", { count: s.snapshots.length }),
      root: s.root,
    })));
    fields.push([
      t("verify.label.files"),
      t("verify.report.files", {
        count: s.files,
        size: s.bytes,
        folders: t("common.folders", { count: s.directories }),
        symlinks: t("verify.report.symlinks", { count: s.symlinks }),
      }),
    ]);
    if (s.mode === "fast") fields.push([t("verify.label.content"), t("verify.report.notRead")]);
    else {
      fields.push([
        t("verify.label.read"),
        t("verify.report.read", {
          files: t("common.files", { count: s.readFiles }),
          size: s.readBytes,
          rate,
        }),
      ]);
      if (s.reusedFiles > 0) {
        fields.push([t("verify.label.reused"), t("verify.report.reused", { count: s.reusedFiles })]);
      }
    }
  }
  if (s.removed.length > 0) {
    fields.push([t("verify.label.removed"), t("verify.report.removed", { snapshots: s.removed.join(", ") })]);
  }
  const copies = (n: number) => t("verify.report.storedCopies", { count: n });
  if (s.damagedCopies > 0 && !s.repair) {
    fields.push([
      t("verify.label.damaged"),
      s.damagedMarked > 0
        ? t("verify.report.damagedMarked", { copies: copies(s.damagedCopies), marked: s.damagedMarked })
        : t("verify.report.damagedNotMarked", { copies: copies(s.damagedCopies) }),
    ]);
  }
  const r = s.repair;
  if (r) {
    const healed = {
      copies: copies(r.repaired),
      paths: t("verify.report.paths", { count: r.repairedPaths }),
    };
    const parts = [r.dryRun ? t("verify.report.wouldHeal", healed) : t("verify.report.healed", healed)];
    if (r.unrepairable > 0) parts.push(t("verify.report.cannotHeal", { copies: copies(r.unrepairable) }));
    if (r.leftoversRemoved > 0) {
      parts.push(t("verify.report.leftoversRemoved", { count: r.leftoversRemoved }));
    }
    fields.push([t("verify.label.repair"), parts.join("; ")]);
  }
  fields.push([t("verify.label.duration"), formatDuration(s.durationMs)]);
  lines.push(...formatFields(fields));
  if (s.mode === "scrub" && s.scrub) {
    const c = s.scrub;
    lines.push(
      c.complete ? `  ${t("verify.report.passComplete")}` : `  ${
        t("verify.report.continueWith", {
          command: `phlb verify --resume${c.stoppedByDuration ? " --max-duration …" : ""}`,
        })
      }`,
    );
  }
  lines.push(formatVerifyVerdict(s));
  const next = nextStep(s, options.again);
  if (next) lines.push(next.in());
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
    const step = nextStep(s, options.again);
    const next = step === undefined ? null : String(step);
    const repairList = s.repair ? { repairList: lists.repairs ?? [] } : {};
    // The JSON stays English: the catalogue texts beside the English fields are left out.
    const english = (_key: string, value: unknown) => value instanceof Msg ? undefined : value;
    out(JSON.stringify({ ...s, problemList: lists.problems, ...repairList, next }, english, 2) + "\n");
  } else if (options.quiet) out(formatVerifyVerdict(s) + "\n");
  else out(formatVerifySummary(s, options));
}
