/**
 * Walk order for a run whose file contents are read ahead. Reads (and writes) of files run in the
 * content pool while the walk goes on; what they lead to happens in walk order, in two stages:
 *
 * 1. decide: once an item's read is done and every earlier item has decided, it decides (for a
 *    file: write it as new content, or leave the choice to stage 2) and may start a write;
 * 2. finish: once it has decided, its write is done and every earlier item has finished, it
 *    finishes: links, index rows, manifest lines, folder metadata, problems, in walk order.
 *
 * So the index, the manifest and the log come out the same whatever the number of workers. An
 * item with nothing to read (a folder's leave, a symlink) only finishes; when nothing is pending
 * it finishes at once, synchronously, which is all a run with no reads ever does. A barrier item
 * also holds back the decisions of the items after it until it has finished.
 *
 * Items are plain objects told of their jobs by callbacks, and the queue is driven by `poke()`:
 * no promise per item, since thousands are in flight at once and each would outlive the young
 * generation of the garbage collector (measured: promise chains per file tripled the main thread's
 * scavenge work). The first error ends the run: nothing after it decides or finishes, and the walk
 * gets the error at its next push or wait. This module knows nothing of files.
 * @module
 */

/** One item of the queue. */
export interface Step {
  /** Holds back the decisions of later items until this one has finished. */
  readonly barrier?: boolean;
  /** Bytes it holds while pending (counted against the window). */
  readonly bytes?: number;
  /** Whether stage 1 can run: its read is done (true for an item with nothing to read). */
  decidable(): boolean;
  /** Stage 1, in order. */
  decide(): void;
  /** Whether stage 2 can run: what it decided to start is done. */
  finishable(): boolean;
  /** Stage 2, in order; a promise holds the queue until it settles. */
  finish(): void | Promise<void>;
}

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
  /** Pending items from #head on (finished ones are cleared at once); those before #decided have decided. */
  #items: (Step | undefined)[] = [];
  #head = 0;
  #decided = 0;
  #bytes = 0;
  /** A finish is running (async): nothing else finishes until it settles. */
  #busy = false;
  /** A barrier that has decided and not finished: nothing after it decides. */
  #blockedBy?: Step;
  #pumping = false;
  #failed = false;
  #error: unknown;
  /** The walk waiting for room or for the end. */
  #waiter?: { resolve: () => void; reject: (e: unknown) => void; drain: boolean };

  constructor(options: OrderedStagesOptions) {
    this.#maxItems = Math.max(1, options.maxItems);
    this.#maxBytes = options.maxBytes ?? Infinity;
  }

  /** Items pushed and not finished. */
  get pending(): number {
    return this.#items.length - this.#head;
  }

  /** Nothing pending and nothing running: an item pushed now would run at once. */
  get idle(): boolean {
    return this.pending === 0 && !this.#busy;
  }

  /** Pending items, a running async finish counted as one. */
  #load(): number {
    return this.pending + (this.#busy ? 1 : 0);
  }

  /** Adds an item; it runs as soon as it can (at once, when nothing is pending and it is ready). */
  push(step: Step): void {
    this.#check();
    this.#items.push(step);
    this.#bytes += step.bytes ?? 0;
    this.poke();
  }

  /**
   * An item with nothing to read: `finish` runs in order, at once when nothing is pending. With
   * `barrier`, the items after it decide only once it has finished.
   */
  pushFinish(finish: () => void | Promise<void>, options: { barrier?: boolean } = {}): void {
    this.#check();
    if (this.pending === 0 && !this.#busy) {
      const r = finish();
      // Async: it holds the queue while it runs (and, as a barrier, every decision after it).
      if (r !== undefined) this.#hold(r, options.barrier ? BARRIER : undefined);
      return;
    }
    this.push(new FinishStep(finish, options.barrier ?? false));
  }

  /** Undefined while there is room for another item; else a promise that settles once there is. */
  room(): Promise<void> | undefined {
    this.#check();
    if (this.#load() < this.#maxItems && this.#bytes < this.#maxBytes) return undefined;
    return new Promise((resolve, reject) => this.#waiter = { resolve, reject, drain: false });
  }

  /** Waits until every item has finished; throws the first error. */
  drain(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#error);
    if (this.pending === 0 && !this.#busy) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiter = { resolve, reject, drain: true });
  }

  /** Waits until nothing is running any more, ignoring errors (after a failure, before cleanup). */
  async settle(): Promise<void> {
    while (this.#busy) await new Promise<void>((r) => setTimeout(r, 1));
  }

  /** Ends the queue with `err` (a job's failure seen by a callback); the walk gets it next. */
  fail(err: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#error = err;
    this.#items = [];
    this.#head = this.#decided = 0;
    this.#bytes = 0;
    const w = this.#waiter;
    this.#waiter = undefined;
    w?.reject(err);
  }

  /** Runs what can run now: called when an item's job is done, and after each push. */
  poke(): void {
    if (this.#pumping || this.#failed) return;
    this.#pumping = true;
    try {
      this.#pump();
    } catch (err) {
      this.fail(err);
    } finally {
      this.#pumping = false;
    }
    this.#wake();
  }

  #pump(): void {
    const items = this.#items;
    for (;;) {
      let progress = false;
      // Stage 1: decide in order, not past a barrier that has not finished.
      while (this.#decided < items.length && !this.#blockedBy && !this.#failed) {
        const step = items[this.#decided]!;
        if (!step.decidable()) break;
        step.decide();
        this.#decided++;
        progress = true;
        if (step.barrier) this.#blockedBy = step;
      }
      // Stage 2: finish in order.
      while (!this.#busy && this.#head < this.#decided && !this.#failed) {
        const step = items[this.#head]!;
        if (!step.finishable()) break;
        // Dropped now: a finished item must not live on (through a few scavenges, into the old generation).
        items[this.#head] = undefined;
        this.#head++;
        this.#bytes -= step.bytes ?? 0;
        progress = true;
        const r = step.finish();
        if (r !== undefined) this.#hold(r, step);
        else if (this.#blockedBy === step) this.#blockedBy = undefined;
      }
      if (this.#head > 256 && this.#head * 2 > items.length) {
        items.splice(0, this.#head);
        this.#decided -= this.#head;
        this.#head = 0;
      }
      if (!progress || this.#failed) return;
    }
  }

  /** An async finish: the queue waits for it, then goes on. */
  #hold(r: Promise<void>, step: Step | undefined): void {
    this.#busy = true;
    if (step?.barrier) this.#blockedBy = step;
    r.then(() => {
      this.#busy = false;
      if (this.#blockedBy === step) this.#blockedBy = undefined;
      this.poke();
    }, (err) => {
      this.#busy = false;
      this.fail(err);
    });
  }

  #check(): void {
    if (this.#failed) throw this.#error;
  }

  #wake(): void {
    const w = this.#waiter;
    if (!w) return;
    if (this.#failed) {
      this.#waiter = undefined;
      w.reject(this.#error);
      return;
    }
    const done = this.pending === 0 && !this.#busy;
    if (done || (!w.drain && this.#load() < this.#maxItems && this.#bytes < this.#maxBytes)) {
      this.#waiter = undefined;
      w.resolve();
    }
  }
}

/** An item that only finishes. */
class FinishStep implements Step {
  constructor(readonly run: () => void | Promise<void>, readonly barrier: boolean) {}
  decidable(): boolean {
    return true;
  }
  decide(): void {}
  finishable(): boolean {
    return true;
  }
  finish(): void | Promise<void> {
    return this.run();
  }
}

/** Stands for a barrier whose finish started at once, when nothing was pending. */
const BARRIER: Step = new FinishStep(() => {}, true);
