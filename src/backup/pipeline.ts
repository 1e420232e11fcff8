/**
 * Walk order for a run whose file contents are read ahead. Reads (and writes) of files run in the
 * content pool while the walk goes on; what they lead to happens in walk order, in two stages:
 *
 * 1. decide: once an item's read is done and every earlier item has decided, it decides (for a
 *    file: write it as new content, or leave the choice to stage 2) and may start a write;
 * 2. finish: once it has decided and every earlier item has finished, it finishes: links, index
 *    rows, manifest lines, folder metadata, problems, all in the order of the walk.
 *
 * So the index, the manifest and the log come out the same whatever the number of workers. An
 * item with no read (a folder's leave, a symlink) only finishes; when nothing is pending it
 * finishes at once, synchronously, which is all a run with no reads ever does. A "barrier" item
 * also holds back the decisions of every item after it until it has finished.
 *
 * The first error ends the run: nothing after it decides or finishes, and the walk gets the error
 * at its next push or wait. This module knows nothing of files: it orders callbacks.
 * @module
 */

/** Options for {@linkcode OrderedStages}. */
export interface OrderedStagesOptions {
  /** Items pending at most before the walk waits. At least 1 (1: each item is done before the next). */
  maxItems: number;
  /** Bytes held by pending items at most before the walk waits (an item over it alone still goes). */
  maxBytes?: number;
}

/** Items pushed in walk order, decided and finished in that order. */
export class OrderedStages {
  readonly #maxItems: number;
  readonly #maxBytes: number;
  /** The last item's decision (never rejects: errors flow through the finish chain). */
  #decided: Promise<unknown> = Promise.resolve();
  /** The last item's finish. */
  #done: Promise<void> = Promise.resolve();
  #pending = 0;
  #bytes = 0;
  #failed = false;
  #error: unknown;
  /** Waiters for room, woken as items finish. */
  #waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(options: OrderedStagesOptions) {
    this.#maxItems = Math.max(1, options.maxItems);
    this.#maxBytes = options.maxBytes ?? Infinity;
  }

  /** Items pushed and not finished. */
  get pending(): number {
    return this.#pending;
  }

  /** The first error, once an item failed. */
  get failed(): boolean {
    return this.#failed;
  }

  /**
   * An item that waits for `work` (its read), decides in order, and finishes in order. `decide`'s
   * result is what `finish` gets. `bytes` count against the window until it finishes.
   */
  push<R, T>(
    work: Promise<R>,
    steps: { decide: (r: R) => T; finish: (t: T) => void | Promise<void>; bytes?: number },
  ): void {
    this.#check();
    // Rejections flow through the chain; until the chain gets to it, the read is not waited for.
    work.catch(() => {});
    const decided = this.#decided.then(() => work).then((r) => {
      // After a failure nothing more decides (a decision may start a write).
      if (this.#failed) throw this.#error;
      return steps.decide(r);
    });
    decided.catch(() => {});
    this.#decided = decided.catch(() => {});
    this.#chain(this.#done.then(() => decided).then(steps.finish), steps.bytes ?? 0);
  }

  /**
   * An item with nothing to read: `finish` runs in order, at once when nothing is pending. With
   * `barrier`, the items after it decide only once it has finished (it may store content that
   * their decisions must see).
   */
  pushFinish(finish: () => void | Promise<void>, options: { barrier?: boolean } = {}): void {
    this.#check();
    if (this.#pending === 0) {
      const r = finish();
      if (r === undefined) return;
      this.#chain(r, 0);
    } else {
      this.#chain(this.#done.then(finish), 0);
    }
    if (options.barrier) {
      const done = this.#done;
      this.#decided = this.#decided.then(() => done).catch(() => {});
    }
  }

  /** Undefined while there is room for another item; else a promise that settles once there is. */
  room(): Promise<void> | undefined {
    this.#check();
    if (this.#pending < this.#maxItems && this.#bytes < this.#maxBytes) return undefined;
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Waits until every item has finished; throws the first error. */
  async drain(): Promise<void> {
    await this.#done;
    this.#check();
  }

  /** Waits until every item has settled, ignoring errors (after a failure, before cleaning up). */
  async settle(): Promise<void> {
    await this.#done.catch(() => {});
  }

  #check(): void {
    if (this.#failed) throw this.#error;
  }

  #chain(done: Promise<void>, bytes: number): void {
    this.#pending++;
    this.#bytes += bytes;
    const settled = () => {
      this.#pending--;
      this.#bytes -= bytes;
      this.#wake();
    };
    this.#done = done.then(settled, (err) => {
      if (!this.#failed) {
        this.#failed = true;
        this.#error = err;
      }
      settled();
      throw this.#error;
    });
    // The walk sees the error at its next push, wait or drain; the chain itself is always handled.
    this.#done.catch(() => {});
  }

  #wake(): void {
    if (this.#failed) {
      for (const w of this.#waiting.splice(0)) w.reject(this.#error);
      return;
    }
    while (this.#waiting.length > 0 && this.#pending < this.#maxItems && this.#bytes < this.#maxBytes) {
      this.#waiting.shift()!.resolve();
    }
  }
}
