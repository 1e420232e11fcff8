/**
 * Numbers, byte sizes, durations and dates for people, in a language, with `Intl` (Deno ships full
 * ICU): `1,234` / `1.234`, `12.5 MiB` / `12,5 MiB`, `6 Dec 2026` / `6. Dez. 2026`. Pure.
 * Snapshot IDs and anything machine-read (`--json`, logs, manifests) never come through here.
 * @module
 */
import type { Language } from "./languages.ts";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Language, fractionDigits: number | undefined): Intl.NumberFormat {
  const id = `${lang}/${fractionDigits ?? "-"}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(
      lang,
      fractionDigits === undefined
        ? { maximumFractionDigits: 3 }
        : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
    );
    numberFormats.set(id, f);
  }
  return f;
}

/** A number grouped for the language: "20,000" / "20.000"; `fractionDigits` fixes the decimals. */
export function formatNumber(n: number | bigint, lang: Language, fractionDigits?: number): string {
  return numberFormat(lang, fractionDigits).format(n);
}

/** A byte count: "0 B", "1.5 KiB", "3.2 GiB" (German "1,5 KiB"). Binary units, one decimal below 100. */
export function formatBytes(n: number, lang: Language): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${formatNumber(v, lang)} B` : `${formatNumber(v, lang, v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** A duration: "850 ms", "12.3 s" (German "12,3 s"), "4 min 05 s", "2 h 03 min". */
export function formatDuration(ms: number, lang: Language): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${formatNumber(s, lang, 1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Language, withTime: boolean): Intl.DateTimeFormat {
  const id = `${lang}/${withTime}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, {
      day: "numeric",
      month: "short",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
    });
    dateFormats.set(id, f);
  }
  return f;
}

/**
 * A date: "6 Dec 2026" / "6. Dez. 2026"; with `withTime` also the local time, 24-hour. English uses
 * the day-month-year order (en-GB): a backup's date read the same way in every English locale.
 */
export function formatDate(date: Date, lang: Language, withTime = false): string {
  return dateFormat(lang, withTime).format(date);
}
