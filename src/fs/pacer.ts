/**
 * Pacing for long loops made of sync calls (backup, verify, scrub, add): a progress report at most
 * every 100 ms, a yield to the event loop every 100 ms so signal listeners run, and a stop once the
 * run is aborted. No printing: the caller decides what a progress report is.
 * @module
 */
import { InterruptedError } from "../errors.ts";
import { yieldToEventLoop } from "./copy.ts";

/** Throttles progress and yields for one run. */
export class Pacer {
  #signal?: AbortSignal;
  #intervalMs: number;
  #lastProgressMs = 0;
  #lastYieldMs = Date.now();

  /** `signal` stops the run; `intervalMs` (default 100) spaces reports and yields. */
  constructor(options: { signal?: AbortSignal; intervalMs?: number } = {}) {
    this.#signal = options.signal;
    this.#intervalMs = options.intervalMs ?? 100;
  }

  /** True when a progress report is due; the next one is then due an interval later. */
  progressDue(nowMs: number): boolean {
    if (nowMs - this.#lastProgressMs < this.#intervalMs) return false;
    this.#lastProgressMs = nowMs;
    return true;
  }

  /**
   * Yields to the event loop when an interval has passed, and throws {@linkcode InterruptedError}
   * once the run is aborted. Returns a promise only when it yields, so a per-file loop does not pay
   * an await per entry.
   */
  pace(nowMs: number): Promise<void> | undefined {
    if (nowMs - this.#lastYieldMs >= this.#intervalMs) {
      this.#lastYieldMs = nowMs;
      return yieldToEventLoop().then(() => this.checkAborted());
    }
    this.checkAborted();
  }

  /** Throws {@linkcode InterruptedError} when the run was aborted. */
  checkAborted(): void {
    if (this.#signal?.aborted) throw new InterruptedError();
  }
}

/** The time fields every run summary carries. */
export interface RunTimes {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** Fills a summary's start and finish times (ISO-8601 UTC) and wall duration, ending now. */
export function stampRunTimes(summary: RunTimes, startedMs: number): void {
  const nowMs = Date.now();
  summary.startedAt = new Date(startedMs).toISOString();
  summary.finishedAt = new Date(nowMs).toISOString();
  summary.durationMs = nowMs - startedMs;
}
