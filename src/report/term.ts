/**
 * Terminal output helpers: colour only on a terminal and without NO_COLOR, a throttled one-line
 * progress display on stderr, and number formatting. The only writers to stdout/stderr besides
 * main.ts live in src/report/.
 * @module
 */

const enc = new TextEncoder();

/** Writes text to stdout. */
export function out(text: string): void {
  writeAll(Deno.stdout, enc.encode(text));
}

/** Writes text to stderr. */
export function err(text: string): void {
  writeAll(Deno.stderr, enc.encode(text));
}

function writeAll(w: { writeSync(p: Uint8Array): number }, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += w.writeSync(data.subarray(off));
}

/** Whether stderr is an interactive terminal. */
export function stderrIsTerminal(): boolean {
  try {
    return Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

function colorEnabled(stream: "stdout" | "stderr"): boolean {
  if (Deno.noColor) return false;
  try {
    return stream === "stdout" ? Deno.stdout.isTerminal() : Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

/** ANSI styles that turn into no-ops off a terminal. */
export function styles(stream: "stdout" | "stderr") {
  const on = colorEnabled(stream);
  const wrap = (open: number, close: number) => (s: string) => on ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

/** Formats a byte count: "0 B", "1.5 KiB", "3.2 GiB". */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** Formats a duration: "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** A one-line progress display on stderr; does nothing off a terminal. */
export class ProgressLine {
  #active: boolean;
  #shown = false;
  #lastMs = 0;

  constructor(enabled: boolean) {
    this.#active = enabled && stderrIsTerminal();
  }

  /** Shows `text` (cut to the terminal width), at most 10 times a second. */
  update(text: string): void {
    if (!this.#active) return;
    const now = Date.now();
    if (now - this.#lastMs < 100) return;
    this.#lastMs = now;
    let cols = 80;
    try {
      cols = Deno.consoleSize().columns;
    } catch { /* not a console */ }
    const line = text.length >= cols ? text.slice(0, Math.max(cols - 2, 10)) + "…" : text;
    err(`\r\x1b[2K${line}`);
    this.#shown = true;
  }

  /** Clears the line so other output starts clean. */
  clear(): void {
    if (this.#active && this.#shown) err("\r\x1b[2K");
    this.#shown = false;
  }
}
