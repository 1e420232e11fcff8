/**
 * The two duration grammars, apart from any job that uses them:
 * - calendar durations as restic writes them (`1y2m3d4h`: years, months, days, hours), for
 *   KEEP_WITHIN and --keep-within, whose arithmetic is by the calendar (src/prune/policy.ts);
 * - elapsed durations in milliseconds (`90s`, `30m`, `1h30m`, `500ms`), for --max-duration.
 * Pure functions; no clock.
 * @module
 */
import { UsageError } from "./errors.ts";
import { msg } from "./i18n/messages.ts";

/** A calendar duration as restic writes it: `1y2m3d4h`. */
export interface CalendarDuration {
  years: number;
  months: number;
  days: number;
  hours: number;
}

/**
 * Parses `1y2m3d4h`-style durations (any subset of the units, each at most once). Throws a
 * {@linkcode UsageError} (with its catalogue text) on anything else.
 */
export function parseCalendarDuration(text: string): CalendarDuration {
  const d: CalendarDuration = { years: 0, months: 0, days: 0, hours: 0 };
  const units: Record<string, keyof CalendarDuration> = { y: "years", m: "months", d: "days", h: "hours" };
  const s = text.trim();
  if (s === "") throw new UsageError(msg("cli.duration.empty"));
  const seen = new Set<string>();
  const re = /(\d+)([a-zA-Z])/y;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) throw new UsageError(msg("cli.duration.notCalendar", { text: JSON.stringify(text) }));
    const unit = units[m[2]];
    if (!unit) {
      throw new UsageError(
        msg("cli.duration.unknownUnit", { unit: JSON.stringify(m[2]), text: JSON.stringify(text) }),
      );
    }
    if (seen.has(m[2])) {
      throw new UsageError(
        msg("cli.duration.unitTwice", { unit: JSON.stringify(m[2]), text: JSON.stringify(text) }),
      );
    }
    seen.add(m[2]);
    d[unit] = Number(m[1]);
    pos = re.lastIndex;
  }
  if (d.years + d.months + d.days + d.hours === 0) {
    throw new UsageError(msg("cli.duration.zero", { text: JSON.stringify(text) }));
  }
  return d;
}

/** Writes a duration back as `1y2m3d4h` (zero units left out). */
export function formatCalendarDuration(d: CalendarDuration): string {
  const s = (d.years ? `${d.years}y` : "") + (d.months ? `${d.months}m` : "") + (d.days ? `${d.days}d` : "") +
    (d.hours ? `${d.hours}h` : "");
  return s || "0h";
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a duration given on the command line into milliseconds: "90s", "30m", "2h", "1h30m",
 * "500ms", "1d"; a bare number is seconds. Throws {@linkcode UsageError} naming the option when malformed.
 */
export function parseDurationMs(text: string, optionName = "duration"): number {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const part = /(\d+(?:\.\d+)?)(ms|min|s|m|h|d)/gy;
  let total = 0;
  let end = 0;
  for (let m = part.exec(s); m; m = part.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    end = part.lastIndex;
  }
  if (s === "" || end !== s.length) {
    throw new UsageError(msg("cli.duration.badElapsed", { option: optionName, text: JSON.stringify(text) }));
  }
  return Math.round(total);
}
