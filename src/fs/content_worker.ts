/**
 * The worker of the content pool (content_pool.ts): runs the jobs it is sent (content_jobs.ts) in
 * the order they come, and answers each batch with one message whose read bytes move as
 * transferables. It opens its own filesystem backend of the kind the main thread uses, so names,
 * nanosecond times and xattrs are handled alike; its permissions are the main thread's (a Worker
 * inherits them; none is asked for here).
 *
 * It decides nothing and never prints: a file's failure is a result; anything else (a bug) is left
 * uncaught, which the pool sees as this worker's death.
 * @module
 */
import { ScratchBuffer } from "./copy.ts";
import {
  BufferShelf,
  type ContentJob,
  type JobContext,
  type JobResult,
  runJob,
  toWire,
} from "./content_jobs.ts";
import { type FsBackend, openBackend } from "./native/mod.ts";

/** The first message: how to reach the filesystem, and a test's fault. */
export interface WorkerInit {
  backend: "native" | "deno";
  /** Free buffers kept for reads, in bytes. */
  shelfBytes: number;
  /** Tests only: a job whose path or destination ends with this makes the worker die uncaught. */
  crashOn?: string;
}

/** A batch of jobs, with buffers the main thread is done with. */
export interface WorkerBatch {
  jobs: { id: number; job: ContentJob }[];
  returned: ArrayBuffer[];
  /** Run before the batches waiting (writes the main thread decided on: it is waiting for them). */
  urgent: boolean;
}

/** The answer to a batch, in job order; failures carry their error as plain data. */
export interface WorkerReply {
  results: { id: number; result: JobResult }[];
}

const self_ = self as unknown as {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

let fs: FsBackend | undefined;
let shelf: BufferShelf;
let ctx: JobContext;
let crashOn: string | undefined;
/** Batches received and not run yet: urgent ones first, each kind in order. */
const urgent: WorkerBatch[] = [];
const waiting: WorkerBatch[] = [];
let running = false;
/**
 * A macrotask turn, so batches sent meanwhile are received (and an urgent one can go first); a
 * message to itself, since nested timers are clamped to 4 ms.
 */
const turn = new MessageChannel();
let resume: (() => void) | undefined;
turn.port1.onmessage = () => resume?.();
function nextTurn(): Promise<void> {
  return new Promise((r) => {
    resume = r;
    turn.port2.postMessage(null);
  });
}

/** Runs the batches received, one at a time; stops when none is left. */
async function runQueued(): Promise<void> {
  running = true;
  for (;;) {
    const batch = urgent.shift() ?? waiting.shift();
    if (!batch) break;
    await runBatch(batch);
    if (urgent.length + waiting.length > 0) await nextTurn();
  }
  running = false;
}

async function runBatch(batch: WorkerBatch): Promise<void> {
  const results: WorkerReply["results"] = [];
  const transfer: Transferable[] = [];
  for (const { id, job } of batch.jobs) {
    const where = ("path" in job ? job.path : undefined) ?? ("dest" in job ? job.dest : "");
    if (crashOn !== undefined && where.endsWith(crashOn)) {
      throw new Error(`test fault: the content worker dies at ${crashOn}`);
    }
    const result = await runJob(job, ctx, id);
    if (!result.ok) {
      results.push({ id, result: { ...result, error: toWire(result.error) } });
      continue;
    }
    if ("bytes" in result) transfer.push(result.bytes.buffer as ArrayBuffer);
    // A written buffer is free again: reads reuse it.
    if (job.kind === "write") shelf.put(job.bytes.buffer as ArrayBuffer);
    results.push({ id, result });
  }
  self_.postMessage({ results } satisfies WorkerReply, transfer);
}

self_.onmessage = (e: MessageEvent) => {
  const msg = e.data as WorkerInit | WorkerBatch;
  if ("backend" in msg) {
    fs = openBackend({ prefer: msg.backend });
    shelf = new BufferShelf(msg.shelfBytes);
    ctx = { fs, buffers: shelf, scratch: new ScratchBuffer(1 << 20), kept: new Map() };
    crashOn = msg.crashOn;
    return;
  }
  for (const b of msg.returned) shelf.put(b);
  (msg.urgent ? urgent : waiting).push(msg);
  // A rejection here is uncaught: the pool hears of it as this worker's error event.
  if (!running) void runQueued();
};
