/**
 * Where file contents are read, hashed and written: a small pool of Workers (content_worker.ts),
 * or the main thread. Backup, verify and scrub hand their byte work here; the walk, the index and
 * every decision stay with them on the main thread.
 *
 * The pool starts its workers at the first job, not before: a run that reads nothing starts none.
 * Jobs are sent in batches (a message per job costs about as much as reading a small file) and
 * answered in batches; read bytes move as transferables, never as copies, and buffers the caller
 * is done with go back with the next batch. Results carry no decision and no order beyond their own
 * promise: callers that need walk order keep it themselves.
 *
 * Failure: a file's failure is its job's result. A worker that dies (an uncaught error) rejects its
 * jobs with a FatalError, and every job after it too: a run never goes on with a silent gap. An
 * aborted signal terminates the workers at once and rejects what is pending with InterruptedError.
 * @module
 */
import { FatalError, InterruptedError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import {
  closeKept,
  type ContentJob,
  fromWire,
  type JobContext,
  type JobResult,
  type ResultOf,
  runJob,
  ScratchReads,
  type WireError,
} from "./content_jobs.ts";
import type { WorkerBatch, WorkerInit, WorkerReply } from "./content_worker.ts";
import { ScratchBuffer } from "./copy.ts";
import type { FsBackend } from "./native/mod.ts";

export type {
  CloseDone,
  ContentJob,
  CopyDone,
  HashDone,
  JobFailed,
  JobResult,
  ReadDone,
  SourceFacts,
  WriteDone,
} from "./content_jobs.ts";

/** The default number of workers: none on 2 cores or fewer, else the cores left beside the main thread, at most four. */
export function defaultWorkers(options: { mainThreadBusy: boolean } = { mainThreadBusy: true }): number {
  const cores = navigator.hardwareConcurrency || 1;
  // Measured on 2 cores (docs/performance.md, "Content workers"): one or two workers there won no
  // time over the main thread alone, warm or cold, and cost 40 MiB of peak RSS.
  if (cores <= 2) return 0;
  return Math.min(options.mainThreadBusy ? cores - 1 : cores, 4);
}

/**
 * Told of a job's end: a callback object rather than a promise per job, so that thousands of jobs
 * in flight cost a few objects each. `tag` is what the job was submitted with.
 */
export interface JobTarget {
  /** The job's result (a file's failure is a result too). */
  jobDone(result: JobResult, tag: number): void;
  /** The run's end: an abort, a dead worker. */
  jobFailed(err: unknown): void;
}

/** Runs content jobs: {@linkcode ContentPool} (workers) or {@linkcode InThreadContent} (the main thread). */
export interface ContentRunner {
  /** Workers this runner uses (0: the main thread). */
  readonly workers: number;
  /**
   * Whether results may hold their bytes after the next job: true for workers (each read gets its
   * own buffer), false for the main thread (one scratch buffer, valid until the next read).
   */
  readonly ownsBytes: boolean;
  /** Runs one job. Rejects only for the run's end: an abort, a dead worker. */
  run<J extends ContentJob>(job: J): Promise<ResultOf<J>>;
  /**
   * Runs one job and tells `target` how it ended. `urgent`: the caller is waiting for it (a write
   * it has just decided on); it runs before jobs queued earlier.
   */
  submit(job: ContentJob, target: JobTarget, tag: number, urgent?: boolean): void;
  /** Bytes of a read result the caller is done with: their buffer may be reused. */
  recycle(bytes: Uint8Array): void;
  /** Stops the workers; jobs still pending are rejected. */
  close(): void;
}

/** The main thread as a runner: each job runs when it is asked for, on one scratch buffer. */
export class InThreadContent implements ContentRunner {
  readonly workers = 0;
  readonly ownsBytes = false;
  readonly #ctx: JobContext;
  #nextId = 1;

  constructor(fs: FsBackend, options: { signal?: AbortSignal; scratch?: ScratchBuffer } = {}) {
    const scratch = options.scratch ?? new ScratchBuffer(1 << 20);
    this.#ctx = { fs, buffers: new ScratchReads(scratch), scratch, signal: options.signal, kept: new Map() };
  }

  run<J extends ContentJob>(job: J): Promise<ResultOf<J>> {
    return runJob(job, this.#ctx, this.#nextId++);
  }

  submit(job: ContentJob, target: JobTarget, tag: number): void {
    runJob(job, this.#ctx, this.#nextId++).then((r) => target.jobDone(r, tag), (e) => target.jobFailed(e));
  }

  recycle(): void {}

  close(): void {
    closeKept(this.#ctx);
  }
}

/** Options for {@linkcode ContentPool}. */
export interface ContentPoolOptions {
  /** Workers to start (at the first job). At least 1. */
  workers: number;
  /** The main thread's backend kind: workers open the same, for the same fidelity. */
  backend: "native" | "deno";
  /** Aborting terminates the workers and rejects pending jobs with InterruptedError. */
  signal?: AbortSignal;
  /** Told when the workers start (lazily, at the first job), with their number: for the run log. */
  onStart?: (workers: number) => void;
  /** Jobs sent in one message at most. Default 32. */
  batchJobs?: number;
  /** Bytes of small reads and writes in one message at most. Default 1 MiB. */
  batchBytes?: number;
  /** Free read buffers each worker keeps, in bytes. Default 4 MiB. */
  shelfBytes?: number;
  /** Tests only: a worker dies, uncaught, at the job whose path or destination ends with this. */
  crashOn?: string;
}

interface Pending {
  target: JobTarget;
  tag: number;
}

/** Turns a target back into a promise, for {@linkcode ContentPool.run}. */
class PromiseTarget implements JobTarget {
  constructor(readonly resolve: (r: JobResult) => void, readonly reject: (e: unknown) => void) {}
  jobDone(result: JobResult): void {
    this.resolve(result);
  }
  jobFailed(err: unknown): void {
    this.reject(err);
  }
}

interface Slot {
  worker: Worker;
  /** Jobs sent and not answered, by id. */
  pending: Map<number, Pending>;
  dead: boolean;
}

/** Jobs whose size is not known up front (a whole file hashed or copied) count as this many bytes. */
const STREAM_JOB_BYTES = 1 << 20;

/** Jobs gathered for one message. */
class Batch {
  jobs: { id: number; job: ContentJob; pending: Pending }[] = [];
  bytes = 0;
  constructor(readonly urgent: boolean) {}
}

/** A pool of content workers. */
export class ContentPool implements ContentRunner {
  readonly workers: number;
  readonly ownsBytes = true;
  readonly #opt: ContentPoolOptions;
  #slots?: Slot[];
  #nextId = 1;
  /** The batches being filled: jobs the caller waits on now (urgent), and the others. */
  #urgent = new Batch(true);
  #normal = new Batch(false);
  #flushQueued = false;
  /** Buffers to send back with the next batch. */
  #returned: ArrayBuffer[] = [];
  /** The worker holding each file a hash job kept open (its handle is the job's id). */
  #kept = new Map<number, Slot>();
  /** Set once the pool cannot go on: every later job is rejected with it. */
  #broken?: Error;
  #onAbort = () => this.#fail(new InterruptedError());

  constructor(options: ContentPoolOptions) {
    this.#opt = options;
    this.workers = Math.max(1, options.workers);
    options.signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** True once the workers were started. */
  get started(): boolean {
    return this.#slots !== undefined;
  }

  run<J extends ContentJob>(job: J): Promise<ResultOf<J>> {
    return new Promise<ResultOf<J>>((resolve, reject) => {
      this.submit(job, new PromiseTarget(resolve as (r: JobResult) => void, reject), 0, true);
    });
  }

  /**
   * Runs one job and tells `target` how it ended. An `urgent` job (the caller is waiting for it, as
   * for a write it has just decided on) is sent apart and runs before the workers' queued jobs.
   */
  submit(job: ContentJob, target: JobTarget, tag: number, urgent = false): void {
    if (this.#broken || this.#opt.signal?.aborted) {
      const err = this.#broken ?? new InterruptedError();
      queueMicrotask(() => target.jobFailed(err));
      return;
    }
    this.#slots ??= this.#start();
    if (job.kind === "copyOpen" || job.kind === "close") {
      // The file is open in one worker: the job goes there, at once.
      const slot = this.#kept.get(job.handle);
      this.#kept.delete(job.handle);
      if (!slot) throw new Error(`internal error: no open file ${job.handle}`);
      const batch = new Batch(urgent);
      batch.jobs.push({ id: this.#nextId++, job, pending: { target, tag } });
      this.#post(slot, batch);
      return;
    }
    const batch = urgent ? this.#urgent : this.#normal;
    batch.jobs.push({ id: this.#nextId++, job, pending: { target, tag } });
    batch.bytes += job.kind === "read"
      ? job.sizeBytes
      : job.kind === "write"
      ? job.bytes.length
      : STREAM_JOB_BYTES;
    if (
      batch.jobs.length >= (this.#opt.batchJobs ?? 32) ||
      batch.bytes >= (this.#opt.batchBytes ?? 1 << 20)
    ) {
      this.#send(batch);
    } else if (!this.#flushQueued) {
      // Sent once the caller's synchronous work is done (it is about to wait), unless full first.
      this.#flushQueued = true;
      queueMicrotask(() => this.#flush());
    }
  }

  recycle(bytes: Uint8Array): void {
    const buf = bytes.buffer;
    if (buf instanceof ArrayBuffer && buf.byteLength >= 4096 && !buf.detached) this.#returned.push(buf);
  }

  close(): void {
    this.#opt.signal?.removeEventListener("abort", this.#onAbort);
    this.#fail(new Error("the content pool was closed"));
  }

  #start(): Slot[] {
    const init: WorkerInit = {
      backend: this.#opt.backend,
      shelfBytes: this.#opt.shelfBytes ?? 4 << 20,
      crashOn: this.#opt.crashOn,
    };
    const slots: Slot[] = [];
    for (let i = 0; i < this.workers; i++) {
      // This exact form lets `deno compile` see the module (scripts/compile.ts also --includes it).
      const worker = new Worker(new URL("./content_worker.ts", import.meta.url), { type: "module" });
      const slot: Slot = { worker, pending: new Map(), dead: false };
      worker.onmessage = (e: MessageEvent) => this.#answer(slot, e.data as WorkerReply);
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        this.#fail(
          new FatalError(msg("fs.worker.stopped", { error: e.message }), {
            hint: msg("fs.worker.stopped.hint"),
          }),
        );
      };
      worker.postMessage(init);
      slots.push(slot);
    }
    this.#opt.onStart?.(slots.length);
    return slots;
  }

  #flush(): void {
    this.#flushQueued = false;
    this.#send(this.#urgent);
    this.#send(this.#normal);
  }

  #send(batch: Batch): void {
    if (batch.jobs.length === 0 || this.#broken) return;
    const jobs = batch.jobs;
    batch.jobs = [];
    batch.bytes = 0;
    // The least busy worker.
    let slot = this.#slots![0];
    for (const s of this.#slots!) if (s.pending.size < slot.pending.size) slot = s;
    this.#post(slot, { jobs, urgent: batch.urgent });
  }

  #post(slot: Slot, batch: { jobs: Batch["jobs"]; urgent: boolean }): void {
    const { jobs } = batch;
    const transfer = new Set<ArrayBuffer>();
    for (const { id, job, pending } of jobs) {
      slot.pending.set(id, pending);
      if (job.kind === "write" && job.bytes.buffer instanceof ArrayBuffer) transfer.add(job.bytes.buffer);
      if (job.kind === "hash" && job.keep) this.#kept.set(id, slot);
    }
    const returned = this.#returned.filter((b) => !b.detached && !transfer.has(b));
    for (const b of returned) transfer.add(b);
    this.#returned = [];
    const msg: WorkerBatch = {
      jobs: jobs.map(({ id, job }) => ({ id, job })),
      returned,
      urgent: batch.urgent,
    };
    slot.worker.postMessage(msg, [...transfer]);
  }

  #answer(slot: Slot, reply: WorkerReply): void {
    for (const { id, result } of reply.results) {
      const pending = slot.pending.get(id);
      if (!pending) continue;
      slot.pending.delete(id);
      if (!result.ok || !("handle" in result) || result.handle === undefined) this.#kept.delete(id);
      pending.target.jobDone(
        result.ok ? result : { ...result, error: fromWire(result.error as WireError) },
        pending.tag,
      );
    }
  }

  /** Ends the pool: workers terminated, every pending and later job rejected with `err`. */
  #fail(err: Error): void {
    this.#broken ??= err;
    const failed: Pending[] = [...this.#urgent.jobs, ...this.#normal.jobs].map((b) => b.pending);
    this.#urgent.jobs = [];
    this.#normal.jobs = [];
    for (const slot of this.#slots ?? []) {
      if (!slot.dead) slot.worker.terminate();
      slot.dead = true;
      failed.push(...slot.pending.values());
      slot.pending.clear();
    }
    for (const p of failed) p.target.jobFailed(this.#broken);
  }
}
