/**
 * Terminal output: writing to stdout and stderr, colour only on a terminal and without NO_COLOR,
 * and a throttled one-line progress display on stderr. The only writers to stdout/stderr besides
 * main.ts live in src/report/; the number formatting they share with the web pages is format.ts.
 * @module
 */

const enc = new TextEncoder();

/**
 * The streams whose reader has gone (`phlb diff … | head`, a cron job whose mail pipe closed).
 * A closed pipe is a quiet end of that stream, as for `cat`: nothing more is written to it, no
 * error is raised, and the job goes on (a backup still finishes its snapshot).
 */
const closed = { stdout: false, stderr: false };

/** Writes text to stdout; nothing once its reader has gone. */
export function out(text: string): void {
  write("stdout", text);
}

/** Writes text to stderr; nothing once its reader has gone. */
export function err(text: string): void {
  write("stderr", text);
}

/** Whether stdout's reader has gone (a pipe closed by `head`, say). */
export function stdoutClosed(): boolean {
  return closed.stdout;
}

/**
 * A write error that means "nobody reads this stream any more": EPIPE (Linux, macOS), the Windows
 * pipe-closing errors (232, 109), and a closed or invalid descriptor.
 */
export function isClosedStream(err: unknown): boolean {
  if (err instanceof Deno.errors.BrokenPipe || err instanceof Deno.errors.BadResource) return true;
  const message = err instanceof Error ? err.message : "";
  return /\(os error (32|232|109|9)\)/.test(message);
}

function write(stream: "stdout" | "stderr", text: string): void {
  if (closed[stream]) return;
  const w = stream === "stdout" ? Deno.stdout : Deno.stderr;
  const data = enc.encode(text);
  try {
    let off = 0;
    while (off < data.length) off += w.writeSync(data.subarray(off));
  } catch (e) {
    if (!isClosedStream(e)) throw e;
    closed[stream] = true;
  }
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
      // A terminal that says it has no width (a pty nobody sized, a serial console) gets 80.
      cols = Deno.consoleSize().columns || 80;
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
