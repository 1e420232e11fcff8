/**
 * Parsing durations given on the command line: "90s", "30m", "2h", "1h30m", "500ms", "1d";
 * a bare number is seconds.
 * @module
 */
import { UsageError } from "../errors.ts";

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Parses a duration into milliseconds. Throws {@linkcode UsageError} naming the option when malformed. */
export function parseDuration(text: string, optionName = "duration"): number {
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
    throw new UsageError(`bad ${optionName} "${text}": use e.g. 90s, 30m, 2h, 1h30m or 500ms`);
  }
  return Math.round(total);
}
