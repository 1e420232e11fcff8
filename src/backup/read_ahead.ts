/**
 * Read-ahead for the backup's per-file loop. While the engine stores one file, the next few small
 * files it is going to read are opened and read by Deno's async file reads, which run on its I/O
 * thread pool: disk waits and the kernel's read work overlap with the engine's writes, on the other
 * core. The opens stay on the main thread (Deno checks permissions there).
 *
 * Measured in-process on the benchmark tree (first backup, cold cache): wall time 10-15% lower,
 * main-thread CPU a little lower, total CPU about 20% higher (each async read is a hand-off to the
 * thread pool). Hashing there too, with Web Crypto's digest, cost one more hand-off per file and was
 * slower overall; so was leaving files under 4 KiB out (their disk wait is most of their cost).
 *
 * Only the bytes and their hash come from here; every decision stays in the engine, in walk order.
 * A read is taken once, in the order reads were started; reads that were started but not taken
 * (the engine linked that file unread after all) are dropped and their files closed.
 *
 * What it keeps true: a file is opened only after the walk's lstat of it (that lstat is the
 * engine's "before" state), and the taker gets the open file to fstat after the read. The bytes
 * are those read from that open file; a file that grew past its lstat size is returned as
 * `complete: false`, for the taker to read whole itself.
 * @module
 */
import { ScratchBuffer } from "../fs/copy.ts";
import { sha256Hex } from "../fs/hash.ts";

/** The file calls read-ahead needs; a Deno.FsFile is one. */
export interface AheadFile {
  /** Reads into `p` off the main thread; the count read, or null at the end. */
  read(p: Uint8Array): Promise<number | null>;
  /** Closes the file. */
  close(): void;
}

/** A read done ahead. The taker owns `file` and closes it. */
export type AheadRead<F extends AheadFile> =
  | {
    ok: true;
    file: F;
    /** The bytes read: valid until the next {@linkcode ReadAhead.take}. */
    bytes: Uint8Array;
    /** sha256 hex of `bytes`. */
    hashHex: string;
    /** False when the file held more bytes than its lstat said: `bytes` is not all of it. */
    complete: boolean;
  }
  | { ok: false; stage: "open"; error: unknown }
  | { ok: false; stage: "read"; file: F; error: unknown };

/** Options for {@linkcode ReadAhead}. */
export interface ReadAheadOptions<F extends AheadFile> {
  /** Opens a file for reading (the engine's open, so a different backend plugs in here). */
  open: (path: string) => F;
  /** Reads in flight at most. Default 4. */
  depth?: number;
  /** Files larger than this are not read ahead. Default 256 KiB (each read holds a buffer this large). */
  maxFileBytes?: number;
}

interface Pending<F extends AheadFile> {
  path: string;
  slot: ScratchBuffer;
  result: Promise<AheadRead<F>>;
}

/** The reads started ahead of the engine, in walk order. */
export class ReadAhead<F extends AheadFile> {
  #open: (path: string) => F;
  #depth: number;
  #queue: Pending<F>[] = [];
  #free: ScratchBuffer[] = [];
  /** The slot whose bytes the engine holds now (the last read taken). */
  #held?: ScratchBuffer;
  /** Reads being dropped: their slots come back once the read has settled. */
  #dropping = new Set<Promise<unknown>>();
  /** Files read ahead and taken, for tests and the run log. */
  taken = 0;
  /** Reads started and then dropped unused. */
  dropped = 0;
  /** The largest file read ahead. */
  readonly maxFileBytes: number;

  constructor(options: ReadAheadOptions<F>) {
    this.#open = options.open;
    this.#depth = options.depth ?? 4;
    this.maxFileBytes = options.maxFileBytes ?? 256 << 10;
  }

  /** True when another read may start. */
  get hasRoom(): boolean {
    return this.#queue.length < this.#depth;
  }

  /**
   * Opens `path` now and starts reading it, when there is room and its size (from the walk's
   * lstat) is within `maxFileBytes`. Returns whether it started. Never throws: an open that fails
   * is kept as the result, for the taker to report.
   */
  start(path: string, sizeBytes: number): boolean {
    if (!this.hasRoom || sizeBytes > this.maxFileBytes) return false;
    const slot = this.#free.pop() ?? new ScratchBuffer(Math.min(this.maxFileBytes + 1, 64 << 10));
    this.#queue.push({ path, slot, result: this.#read(path, sizeBytes, slot) });
    return true;
  }

  /**
   * The read of `path`, if it was started. Reads started before it and not taken are dropped. The
   * bytes of the previous take become invalid.
   */
  take(path: string): Promise<AheadRead<F>> | undefined {
    const at = this.#queue.findIndex((p) => p.path === path);
    if (at < 0) return undefined;
    for (const stale of this.#queue.splice(0, at)) this.#drop(stale);
    const pending = this.#queue.shift()!;
    if (this.#held) this.#free.push(this.#held);
    this.#held = pending.slot;
    this.taken++;
    return pending.result;
  }

  /** Drops every read not taken and waits until their files are closed. */
  async clear(): Promise<void> {
    for (const stale of this.#queue.splice(0)) this.#drop(stale);
    await Promise.all(this.#dropping);
  }

  #drop(p: Pending<F>): void {
    this.dropped++;
    const done = p.result.then((r) => {
      if ("file" in r) {
        try {
          r.file.close();
        } catch { /* already closed */ }
      }
    }).finally(() => {
      this.#free.push(p.slot);
      this.#dropping.delete(done);
    });
    this.#dropping.add(done);
  }

  async #read(path: string, sizeBytes: number, slot: ScratchBuffer): Promise<AheadRead<F>> {
    let file: F;
    try {
      file = this.#open(path);
    } catch (error) {
      return { ok: false, stage: "open", error };
    }
    try {
      // One byte of room more than the lstat said, to see a file that grew.
      const buf = slot.get(sizeBytes + 1).subarray(0, sizeBytes + 1);
      let len = 0;
      for (;;) {
        const room = buf.length - len;
        const n = await file.read(buf.subarray(len));
        if (n === null) break;
        len += n;
        if (len === buf.length || (n < room && len === sizeBytes)) break;
      }
      const bytes = buf.subarray(0, len);
      return { ok: true, file, bytes, hashHex: sha256Hex(bytes), complete: len <= sizeBytes };
    } catch (error) {
      return { ok: false, stage: "read", file, error };
    }
  }
}

/**
 * An iterator that can look ahead: the events it has already pulled from `source` wait in a
 * buffer, in order, until they are iterated.
 */
export class Lookahead<T> implements IterableIterator<T> {
  #source: Iterator<T>;
  #buffer: T[] = [];
  #done = false;

  constructor(source: Iterable<T>) {
    this.#source = source[Symbol.iterator]();
  }

  /** Up to `n` next items, without consuming them. */
  peek(n: number): readonly T[] {
    while (this.#buffer.length < n && !this.#done) {
      const r = this.#source.next();
      if (r.done) this.#done = true;
      else this.#buffer.push(r.value);
    }
    return this.#buffer.length <= n ? this.#buffer : this.#buffer.slice(0, n);
  }

  /** The next item. */
  next(): IteratorResult<T> {
    if (this.#buffer.length > 0) return { done: false, value: this.#buffer.shift()! };
    if (this.#done) return { done: true, value: undefined };
    const r = this.#source.next();
    if (r.done) this.#done = true;
    return r;
  }

  /** Ends the source too (a generator's finally blocks run), as a for-of loop that stops early does. */
  return(value?: unknown): IteratorResult<T> {
    this.#buffer = [];
    this.#done = true;
    this.#source.return?.(value);
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this;
  }
}
