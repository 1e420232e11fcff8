/**
 * Pacing for long loops made of sync calls (backup, verify, scrub, add): a progress report at most
 * every 100 ms, a yield to the event loop every 100 ms so signal listeners run, and a stop once the
 * run is aborted. No printing: the caller decides what a progress report is.
 * @module
 */
import { InterruptedError } from "../errors.ts";

/** Yields to the event loop, so signal handlers and timers run during long sync work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

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

/** The hashing counts a run summary carries: files and bytes read, files answered from a cache. */
export interface ReadCounts {
  readFiles: number;
  readBytes: number;
  reusedFiles?: number;
}

/**
 * The end of a run's work, when the job knows it: from a manifest or the index (exact), or from
 * the previous snapshot of a backup (an estimate). Progress lines show a percentage and an ETA.
 */
export interface RunTotal {
  files: number;
  bytes: number;
  /** An estimate: shown as "about", never as 100% before the run ends. */
  estimated?: boolean;
  /** Still being counted (a walk ahead): the counts so far, no percentage yet. */
  counting?: boolean;
}

/** What a progress report carries besides the job's counts. */
export interface RunPosition {
  /** The entry the run is at. */
  currentPath: string;
  /** How long the run has run. */
  elapsedMs: number;
  /** The end of the work, when known. */
  total?: RunTotal;
}

/** Options for {@linkcode RunMeter}. */
export interface RunMeterOptions<P> {
  /** Stops the run: {@linkcode RunMeter.tick} throws {@linkcode InterruptedError} once it is aborted. */
  signal?: AbortSignal;
  /** The job's counts for a progress report (asked only when one is due). */
  counts?: () => P;
  /** Told, at most every interval, the counts, where the run is, how long it has run, the total. */
  onProgress?: (progress: P & RunPosition) => void;
  /** Spaces progress reports and yields; default 100 ms. */
  intervalMs?: number;
}

/**
 * One run's clock and pace: when it started, a progress report and a yield to the event loop at
 * most every 100 ms, the stop once aborted, and the times (and hashing counts) of its summary.
 * Every job's per-entry loop ticks one of these; what a progress report counts is the job's.
 */
export class RunMeter<P extends object = Record<never, never>> {
  /** When the run started (ms since the epoch). */
  readonly startedMs: number = Date.now();
  #pacer: Pacer;
  #counts: () => P;
  #onProgress?: (progress: P & RunPosition) => void;
  /** The end of the run's work, once the job knows it (a progress line then shows % and ETA). */
  total?: RunTotal;

  constructor(options: RunMeterOptions<P> = {}) {
    this.#pacer = new Pacer({ signal: options.signal, intervalMs: options.intervalMs });
    this.#counts = options.counts ?? (() => ({}) as P);
    this.#onProgress = options.onProgress;
  }

  /**
   * Per entry: reports progress when due, yields when due, throws once aborted. Returns a promise
   * only when it yields, so a per-file loop does not pay an await per entry.
   */
  tick(currentPath: string): Promise<void> | undefined {
    const nowMs = Date.now();
    if (this.#onProgress && this.#pacer.progressDue(nowMs)) {
      this.#onProgress({
        ...this.#counts(),
        currentPath,
        elapsedMs: nowMs - this.startedMs,
        total: this.total,
      });
    }
    return this.#pacer.pace(nowMs);
  }

  /** Throws {@linkcode InterruptedError} when the run was aborted. */
  checkAborted(): void {
    this.#pacer.checkAborted();
  }

  /**
   * Stamps the summary's times, ending now, and copies a hasher's counts into it when given
   * (`reusedFiles` only into a summary that has that field).
   */
  finish(summary: RunTimes & Partial<ReadCounts>, hashed?: { counts(): Required<ReadCounts> }): void {
    stampRunTimes(summary, this.startedMs);
    if (!hashed) return;
    const counts = hashed.counts();
    summary.readFiles = counts.readFiles;
    summary.readBytes = counts.readBytes;
    if ("reusedFiles" in summary) summary.reusedFiles = counts.reusedFiles;
  }
}
