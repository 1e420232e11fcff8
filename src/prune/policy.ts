/**
 * Retention rules with restic `forget` semantics, as a pure function over timestamps.
 *
 * Snapshots are taken newest first. `--keep-last N` keeps the N newest. `--keep-hourly/daily/
 * weekly/monthly/yearly N` each keep the newest snapshot of each of the N newest periods (hours,
 * days, ISO weeks, months, years, in local time) that have a snapshot; when fewer periods exist
 * than N, the oldest snapshot is kept too ("oldest daily snapshot"). `--keep-within D` keeps every
 * snapshot newer than the newest snapshot minus D (calendar arithmetic: 1m back from Mar 31 is
 * Mar 3, as in Go). A count of -1 means unlimited. Rules add up: a snapshot is kept when any rule
 * keeps it, and every rule that keeps it is named. This module knows nothing about disks.
 * @module
 */
import type { CalendarDuration } from "../durations.ts";
import { type MessageKey, type Msg, msg } from "../i18n/messages.ts";

/** The keep rules. A count of -1 is unlimited; 0 or undefined turns a rule off. */
export interface RetentionPolicy {
  last?: number;
  hourly?: number;
  daily?: number;
  weekly?: number;
  monthly?: number;
  yearly?: number;
  within?: CalendarDuration;
}

/** One snapshot to decide about. */
export interface Dated<T> {
  item: T;
  /** When it was taken: orders the snapshots, and `within` counts from it. */
  time: Date;
  /**
   * The local time its periods (hour, day, week, month, year) are taken from, when that is not
   * `time`: a snapshot's name, which says the wall-clock time where it was taken.
   */
  periodTime?: Date;
}

/** The decision about one snapshot. */
export interface RetentionDecision<T> {
  item: T;
  time: Date;
  keep: boolean;
  /** The rules that keep it, e.g. ["last snapshot", "daily snapshot", "within 30 days"]: English. */
  reasons: string[];
  /** The same as catalogue texts, for the terminal. */
  reasonTexts: Msg[];
}

/** A calendar span as a text: "1 year 6 months" / "1 Jahr 6 Monate". */
export function spanText(d: CalendarDuration): Msg {
  const parts: Msg[] = [];
  if (d.years > 0) parts.push(msg("prune.span.years", { count: d.years }));
  if (d.months > 0) parts.push(msg("prune.span.months", { count: d.months }));
  if (d.days > 0) parts.push(msg("prune.span.days", { count: d.days }));
  if (d.hours > 0) parts.push(msg("prune.span.hours", { count: d.hours }));
  if (parts.length === 0) return msg("prune.span.hours", { count: 0 });
  return parts.reduceRight((rest, first) => msg("prune.span.join", { first, rest }));
}

/** True when no rule is switched on. */
export function isEmptyPolicy(p: RetentionPolicy): boolean {
  return !p.last && !p.hourly && !p.daily && !p.weekly && !p.monthly && !p.yearly && !p.within;
}

/** ISO-8601 week-numbering year and week of a local date, as YYYYWW. */
export function isoYearWeek(d: Date): number {
  // The Thursday of d's week decides the year; weeks start on Monday.
  const day = (d.getDay() + 6) % 7;
  const thursday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - day + 3);
  const firstThursday = new Date(thursday.getFullYear(), 0, 4);
  const firstDay = (firstThursday.getDay() + 6) % 7;
  const week1Monday = new Date(firstThursday.getFullYear(), 0, 4 - firstDay);
  const week = 1 + Math.round((thursday.getTime() - week1Monday.getTime()) / (7 * 86400000));
  return thursday.getFullYear() * 100 + week;
}

type Bucker = (d: Date, nr: number) => number;

const BUCKETS: { key: keyof Omit<RetentionPolicy, "within">; reason: MessageKey; bucker: Bucker }[] = [
  { key: "last", reason: "prune.reason.last", bucker: (_d, nr) => nr },
  {
    key: "hourly",
    reason: "prune.reason.hourly",
    bucker: (d) => d.getFullYear() * 1000000 + (d.getMonth() + 1) * 10000 + d.getDate() * 100 + d.getHours(),
  },
  {
    key: "daily",
    reason: "prune.reason.daily",
    bucker: (d) => d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate(),
  },
  { key: "weekly", reason: "prune.reason.weekly", bucker: (d) => isoYearWeek(d) },
  { key: "monthly", reason: "prune.reason.monthly", bucker: (d) => d.getFullYear() * 100 + d.getMonth() + 1 },
  { key: "yearly", reason: "prune.reason.yearly", bucker: (d) => d.getFullYear() },
];

/** The oldest time `within` still keeps, counted back from `latest`. */
export function withinLimit(latest: Date, within: CalendarDuration): Date {
  const l = latest;
  const shifted = new Date(
    l.getFullYear() - within.years,
    l.getMonth() - within.months,
    l.getDate() - within.days,
    l.getHours(),
    l.getMinutes(),
    l.getSeconds(),
    l.getMilliseconds(),
  );
  return new Date(shifted.getTime() - within.hours * 3600000);
}

/**
 * Applies `policy` to `snapshots` and returns one decision per snapshot, in the order given.
 * `now` (default: the current time) only matters for `within`: snapshots dated in the future are
 * not taken as the newest, as in restic.
 */
export function applyRetention<T>(
  snapshots: readonly Dated<T>[],
  policy: RetentionPolicy,
  options: { now?: Date } = {},
): RetentionDecision<T>[] {
  const decisions = snapshots.map((s) => ({
    item: s.item,
    time: s.time,
    periodTime: s.periodTime ?? s.time,
    keep: false,
    reasons: [] as string[],
    reasonTexts: [] as Msg[],
  }));
  const keep = (d: { keep: boolean; reasons: string[]; reasonTexts: Msg[] }, why: Msg) => {
    d.keep = true;
    d.reasons.push(String(why));
    d.reasonTexts.push(why);
  };
  // Newest first; equal times keep their given order reversed, so the later-listed counts as newer.
  const order = decisions.map((_d, i) => i).sort((a, b) =>
    decisions[b].time.getTime() - decisions[a].time.getTime() || b - a
  );
  if (order.length === 0) return decisions;
  const nowMs = (options.now ?? new Date()).getTime();
  let latestMs = -Infinity;
  for (const d of decisions) {
    const t = d.time.getTime();
    if (t > latestMs && t < nowMs) latestMs = t;
  }
  const limit = policy.within && Number.isFinite(latestMs)
    ? withinLimit(new Date(latestMs), policy.within).getTime()
    : undefined;
  const state = BUCKETS.map((b) => ({ ...b, count: policy[b.key] ?? 0, last: -1 }));
  order.forEach((idx, nr) => {
    const cur = decisions[idx];
    if (policy.within && limit !== undefined && cur.time.getTime() > limit) {
      keep(cur, msg("prune.reason.within", { span: spanText(policy.within) }));
    }
    const oldest = nr === order.length - 1;
    for (const b of state) {
      if (!(b.count > 0 || b.count === -1)) continue;
      const val = b.bucker(cur.periodTime, nr);
      if (val !== b.last || oldest) {
        keep(cur, val === b.last ? msg("prune.reason.oldest", { reason: msg(b.reason) }) : msg(b.reason));
        b.last = val;
        if (b.count > 0) b.count--;
      }
    }
  });
  return decisions;
}
