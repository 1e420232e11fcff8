/**
 * The per-snapshot run log `ID.log`: one line per warning or error, each with its path,
 * written as they happen so an interrupted run still leaves its story. Its lines are English in
 * every language (an item problem's `message`, never its localized `text`), so that one log format
 * can be searched everywhere.
 * @module
 */
import type { ItemProblem } from "../errors.ts";

/** Appends timestamped lines to a log file. */
export class RunLog {
  #file: Deno.FsFile | undefined;
  #encoder = new TextEncoder();

  /** Opens `path` for appending; creates it (with `options.mode`, before the umask). */
  constructor(path: string, options: { mode?: number } = {}) {
    this.#file = Deno.openSync(path, { append: true, create: true, mode: options.mode });
  }

  /** Writes one line: `TIME LEVEL message`. */
  line(level: "INFO" | "WARNING" | "ERROR", message: string): void {
    if (!this.#file) return;
    const text = `${new Date().toISOString()} ${level} ${message.replaceAll("\n", "\\n")}\n`;
    const data = this.#encoder.encode(text);
    let off = 0;
    while (off < data.length) off += this.#file.writeSync(data.subarray(off));
  }

  /** Writes an item problem as `LEVEL "path": message`. */
  problem(p: ItemProblem): void {
    this.line(p.severity === "error" ? "ERROR" : "WARNING", `${JSON.stringify(p.path || ".")}: ${p.message}`);
  }

  /** Flushes to disk and closes. */
  close(): void {
    if (!this.#file) return;
    try {
      this.#file.syncSync();
    } catch { /* best effort */ }
    this.#file.close();
    this.#file = undefined;
  }
}
