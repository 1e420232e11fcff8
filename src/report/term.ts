/**
 * Terminal output: writing to stdout and stderr, colour only on a terminal and without NO_COLOR,
 * and a throttled one-line progress display on stderr. The only writers to stdout/stderr besides
 * main.ts live in src/report/; the number formatting they share with the web pages is format.ts.
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
