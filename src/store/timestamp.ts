/**
 * Snapshot folder names: strftime-style formatting in local time, and parsing back.
 * Supports %Y %m %d %H %M %S %y %j and %%; anything else is kept literally.
 * @module
 */

import { type Msg, msg } from "../i18n/messages.ts";

/** The default `SUB_DIR_FORMATTER`, as in PyHardLinkBackup. */
export const DEFAULT_TIMESTAMP_FORMAT = "%Y-%m-%d-%H%M%S";

const FIELDS: Record<string, { re: string; fmt: (d: Date) => string }> = {
  Y: { re: "(\\d{4})", fmt: (d) => String(d.getFullYear()).padStart(4, "0") },
  y: { re: "(\\d{2})", fmt: (d) => String(d.getFullYear() % 100).padStart(2, "0") },
  m: { re: "(\\d{2})", fmt: (d) => String(d.getMonth() + 1).padStart(2, "0") },
  d: { re: "(\\d{2})", fmt: (d) => String(d.getDate()).padStart(2, "0") },
  H: { re: "(\\d{2})", fmt: (d) => String(d.getHours()).padStart(2, "0") },
  M: { re: "(\\d{2})", fmt: (d) => String(d.getMinutes()).padStart(2, "0") },
  S: { re: "(\\d{2})", fmt: (d) => String(d.getSeconds()).padStart(2, "0") },
  j: {
    re: "(\\d{3})",
    fmt: (d) => {
      const start = new Date(d.getFullYear(), 0, 1);
      return String(Math.floor((d.getTime() - start.getTime()) / 86400000) + 1).padStart(3, "0");
    },
  },
};

/** Checks a format: it must produce a usable, single-level folder name. Returns a problem or undefined. */
export function checkTimestampFormat(format: string): Msg | undefined {
  if (format.trim() === "") return msg("store.format.empty");
  if (/[\\/]/.test(format)) return msg("store.format.slash");
  if (format.startsWith(".")) return msg("store.format.dot");
  const reserved = [".partial", ".deleting", ".sha256", ".log", ".summary.json"].find((s) =>
    format.endsWith(s)
  );
  if (reserved) return msg("store.format.reserved", { suffix: JSON.stringify(reserved) });
  const bad = format.match(/%[^YymdHMSj%]/);
  if (bad) return msg("store.format.unsupported", { field: bad[0] });
  if (!/%[YymdHMSj]/.test(format)) return msg("store.format.noDate");
  return undefined;
}

/** Formats `date` (local time) with a strftime-style format. */
export function formatTimestamp(date: Date, format: string): string {
  return format.replace(/%(.)/g, (all, ch: string) => {
    if (ch === "%") return "%";
    const f = FIELDS[ch];
    return f ? f.fmt(date) : all;
  });
}

/** The suffix a second run in the same second gets: `NAME_2`, `NAME_3`, … */
export function withSequence(base: string, seq: number): string {
  return seq <= 1 ? base : `${base}_${seq}`;
}

/** Parses a folder name made by {@linkcode formatTimestamp} (with an optional `_N` suffix). */
export function parseTimestamp(name: string, format: string): { date: Date; seq: number } | undefined {
  const order: string[] = [];
  let re = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === "%" && i + 1 < format.length) {
      const f = format[++i];
      if (f === "%") re += "%";
      else if (FIELDS[f]) {
        re += FIELDS[f].re;
        order.push(f);
      } else re += "%" + f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else {
      re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  const m = new RegExp("^" + re + "(?:_(\\d+))?$").exec(name);
  if (!m) return undefined;
  const v: Record<string, number> = { Y: 1970, m: 1, d: 1, H: 0, M: 0, S: 0 };
  order.forEach((f, i) => v[f] = Number(m[i + 1]));
  if (order.includes("y") && !order.includes("Y")) v.Y = 2000 + v.y;
  const date = new Date(v.Y, v.m - 1, v.d, v.H, v.M, v.S);
  if (order.includes("j")) date.setMonth(0, v.j);
  if (Number.isNaN(date.getTime())) return undefined;
  const seq = m[order.length + 1] ? Number(m[order.length + 1]) : 1;
  return { date, seq };
}
