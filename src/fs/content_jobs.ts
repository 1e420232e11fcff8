/**
 * The jobs of the content pool (content_pool.ts) and how one is done: a small file read whole and
 * hashed, a file hashed in chunks, a file copied into a new one while it is hashed, bytes written
 * into a new file. The same code runs in a worker (content_worker.ts) and on the main thread (the
 * pool's in-thread mode), so both give the same results.
 *
 * A job decides nothing: it reports what it read and wrote (hash, the open file's fstat, the new
 * file's facts) and where it failed (open, read or write). Whether a failure is a warning, an item
 * error or the end of the run is the caller's business. A new file is only ever created with
 * O_EXCL: a job never writes into an existing inode.
 * @module
 */
import {
  chunkBuffer,
  copyOpenFile,
  readAllSync,
  type ScratchBuffer,
  writeNewFile,
  type WrittenFile,
} from "./copy.ts";
import { hashReader, sha256Hex } from "./hash.ts";
import type { BackendFile, FileStat, FileTimes, FsBackend, Xattr } from "./native/mod.ts";
import { lstatOrUndefined, modeOf } from "./stat.ts";
import { sourceXattrs } from "./xattrs.ts";

/** Reads a file whole (its lstat size, or more if it grew) and hashes it: for files that fit in memory. */
export interface ReadJob {
  kind: "read";
  path: string;
  /** The size the caller's lstat saw: the buffer is sized for it (plus one byte, to see growth). */
  sizeBytes: number;
  /** Also report the source's facts: its xattrs and what its path names after the read. */
  facts: boolean;
}

/**
 * Hashes a file in chunks, keeping no bytes. With `keep`, the file stays open afterwards, as the
 * result's `handle`, for a {@linkcode CopyOpenJob} or a {@linkcode CloseJob}: a file deleted or
 * replaced after it was hashed is then still copied as it was read.
 */
export interface HashJob {
  kind: "hash";
  path: string;
  facts: boolean;
  keep?: boolean;
}

/**
 * Copies a file into the new file `dest` while hashing the bytes written. The copy gets the
 * source's permission bits and its mtime (as atime too), both from the fstat of the open source.
 */
export interface CopyJob {
  kind: "copy";
  path: string;
  dest: string;
  facts: boolean;
}

/** Writes `bytes` into the new file `dest`, with `mode` (before the umask) and `times`. */
export interface WriteJob {
  kind: "write";
  dest: string;
  bytes: Uint8Array;
  mode: number;
  times: FileTimes;
}

/**
 * Copies a file a hash job kept open, from its start, as a {@linkcode CopyJob} does; then closes it.
 * With `path` (where it was opened), the result's `now` says what that path names after the copy.
 */
export interface CopyOpenJob {
  kind: "copyOpen";
  handle: number;
  dest: string;
  path?: string;
}

/** Closes a file a hash job kept open. */
export interface CloseJob {
  kind: "close";
  handle: number;
}

/** One job. */
export type ContentJob = ReadJob | HashJob | CopyJob | WriteJob | CopyOpenJob | CloseJob;

/** What a job that read a source found out about it. */
export interface SourceFacts {
  /** The fstat of the open source: after the read (before the copy, for a copy job). */
  mid: FileStat;
  /** Date.now() right after the read. */
  readAtMs: number;
  /** With `facts`: the source's xattrs a copy can get (none without xattr support). */
  xattrs?: Xattr[];
  /**
   * With `facts` (a copy of a kept file: with its `path`): what the path names once the file was
   * closed (undefined: nothing, or it cannot be seen).
   */
  now?: { ino: number; dev: number };
}

/** A read job done: the bytes (the whole file) and their sha256. */
export interface ReadDone extends SourceFacts {
  ok: true;
  hashHex: string;
  bytes: Uint8Array;
}

/** A hash job done. */
export interface HashDone extends SourceFacts {
  ok: true;
  hashHex: string;
  sizeBytes: number;
  /** With `keep`: the open file, for a copyOpen or close job (of the same runner, and worker). */
  handle?: number;
}

/** A copy job done: the hash of the bytes written, the new file's facts, the source's fstat after. */
export interface CopyDone extends SourceFacts {
  ok: true;
  hashHex: string;
  written: WrittenFile;
  post: FileStat;
}

/** A write job done. */
export interface WriteDone {
  ok: true;
  written: WrittenFile;
}

/** A close job done. */
export interface CloseDone {
  ok: true;
  closed: true;
}

/**
 * A job that failed, and at which step: opening the source, reading it, or copying or writing the
 * new file (which may then exist, partly written: the caller removes it unless the error is
 * AlreadyExists, when it is not this job's file).
 */
export interface JobFailed {
  ok: false;
  stage: "open" | "read" | "write";
  error: unknown;
}

/** The result type of each job kind. */
export type ResultOf<J extends ContentJob> =
  | (J extends ReadJob ? ReadDone
    : J extends HashJob ? HashDone
    : J extends CopyJob | CopyOpenJob ? CopyDone
    : J extends CloseJob ? CloseDone
    : WriteDone)
  | JobFailed;

/** Any job's result. */
export type JobResult = ReadDone | HashDone | CopyDone | WriteDone | CloseDone | JobFailed;

/** Where a job's read bytes land. */
export interface ReadBuffers {
  /**
   * A buffer of at least `minBytes` for one file's bytes. The worker takes one it owns (its bytes
   * move to the main thread); the main thread reuses one scratch buffer.
   */
  take(minBytes: number): Uint8Array;
}

/** The free buffers of a worker, by power-of-two size, up to a total: buffers come back after use. */
export class BufferShelf implements ReadBuffers {
  #free = new Map<number, ArrayBuffer[]>();
  #bytes = 0;
  readonly #maxBytes: number;

  /** Keeps at most `maxBytes` of free buffers; more are left to the garbage collector. */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  static #classOf(n: number): number {
    return Math.max(4096, 2 ** Math.ceil(Math.log2(Math.max(n, 1))));
  }

  take(minBytes: number): Uint8Array {
    const size = BufferShelf.#classOf(minBytes);
    const buf = this.#free.get(size)?.pop();
    if (buf) {
      this.#bytes -= buf.byteLength;
      return new Uint8Array(buf);
    }
    return new Uint8Array(size);
  }

  /** Gives a buffer back (one taken here, or any other; odd sizes are filed under the class below). */
  put(buf: ArrayBuffer): void {
    if (buf.byteLength < 4096 || this.#bytes + buf.byteLength > this.#maxBytes) return;
    const size = 2 ** Math.floor(Math.log2(buf.byteLength));
    let list = this.#free.get(size);
    if (!list) this.#free.set(size, list = []);
    list.push(buf);
    this.#bytes += buf.byteLength;
  }

  /** Bytes held free now. */
  get bytes(): number {
    return this.#bytes;
  }
}

/** The main thread's buffers: one scratch buffer, reused by every read (bytes valid until the next). */
export class ScratchReads implements ReadBuffers {
  readonly #scratch: ScratchBuffer;
  constructor(scratch: ScratchBuffer) {
    this.#scratch = scratch;
  }
  take(minBytes: number): Uint8Array {
    return this.#scratch.get(minBytes);
  }
}

/** What a runner needs: the backend files are reached through, and where bytes land. */
export interface JobContext {
  fs: FsBackend;
  buffers: ReadBuffers;
  /** Chunks of hash and copy loops come from here. */
  scratch: ScratchBuffer;
  /** Checked while a large file is hashed or copied (the main thread's runs; workers are terminated). */
  signal?: AbortSignal;
  /** Files hash jobs kept open, by handle (the job's id). */
  kept: Map<number, BackendFile>;
}

/**
 * Runs one job; `id` names a file a hash job keeps open. Never throws for a file's failure (that
 * is a {@linkcode JobFailed}); throws an abort.
 */
export async function runJob<J extends ContentJob>(
  job: J,
  ctx: JobContext,
  id: number,
): Promise<ResultOf<J>> {
  if (job.kind === "write") return writeJob(job, ctx) as ResultOf<J>;
  let file: BackendFile;
  if (job.kind === "copyOpen" || job.kind === "close") {
    const kept = ctx.kept.get(job.handle);
    if (!kept) throw new Error(`internal error: no open file ${job.handle}`);
    ctx.kept.delete(job.handle);
    file = kept;
  } else {
    try {
      file = ctx.fs.openRead(job.path);
    } catch (error) {
      return { ok: false, stage: "open", error };
    }
  }
  let keep = false;
  let result: JobResult;
  try {
    switch (job.kind) {
      case "read":
        result = readJob(job, file, ctx);
        break;
      case "hash": {
        const r = await hashJob(job, file, ctx);
        if (r.ok && job.keep) {
          ctx.kept.set(id, file);
          keep = true;
          r.handle = id;
        }
        result = r;
        break;
      }
      case "copy":
        result = await copyJob(job, file, ctx);
        break;
      case "copyOpen":
        file.seekSync(0, Deno.SeekMode.Start);
        result = await copyJob(job, file, ctx);
        break;
      case "close":
        return { ok: true, closed: true } as ResultOf<J>;
      default:
        throw new Error(`unknown content job ${(job as ContentJob).kind}`);
    }
  } finally {
    if (!keep) file.close();
  }
  // What the path names once the file is closed (a kept file: after its hash; its copy looks again),
  // so a file renamed over or deleted at any time while it was open is seen (SourceFacts.now).
  const path = job.kind === "copyOpen" ? job.path : "facts" in job && job.facts ? job.path : undefined;
  if (result.ok && path !== undefined) (result as SourceFacts).now = nowAt(ctx, path);
  return result as ResultOf<J>;
}

/** Closes every file kept open (at the end of a runner). */
export function closeKept(ctx: JobContext): void {
  for (const f of ctx.kept.values()) {
    try {
      f.close();
    } catch { /* closed */ }
  }
  ctx.kept.clear();
}

function facts(job: ReadJob | HashJob | CopyJob | CopyOpenJob, ctx: JobContext, mid: FileStat): SourceFacts {
  const readAtMs = Date.now();
  // A copy of a kept file: its xattrs were read with its hash. `now` is set by runJob.
  if (job.kind === "copyOpen" || !job.facts) return { mid, readAtMs };
  const xattrs = ctx.fs.fidelity.xattrs ? sourceXattrs(ctx.fs, job.path).list : undefined;
  return { mid, readAtMs, xattrs };
}

/** What `path` names now: its inode, or undefined when nothing is there. */
function nowAt(ctx: JobContext, path: string): { ino: number; dev: number } | undefined {
  const st = lstatOrUndefined(ctx.fs, path);
  return st && { ino: st.ino, dev: st.dev };
}

function readJob(job: ReadJob, file: BackendFile, ctx: JobContext): ReadDone | JobFailed {
  let bytes: Uint8Array;
  let mid: FileStat;
  try {
    // One byte of room more than the lstat said, so a file that grew is read whole in one go.
    bytes = readAllSync(file, job.sizeBytes, { get: (n: number) => ctx.buffers.take(n) });
    mid = file.stat();
  } catch (error) {
    return { ok: false, stage: "read", error };
  }
  return { ok: true, hashHex: sha256Hex(bytes), bytes, ...facts(job, ctx, mid) };
}

async function hashJob(job: HashJob, file: BackendFile, ctx: JobContext): Promise<HashDone | JobFailed> {
  let r;
  let mid: FileStat;
  try {
    r = await hashReader(file, { buffer: chunkBuffer(ctx.scratch), signal: ctx.signal });
    mid = file.stat();
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    return { ok: false, stage: "read", error };
  }
  return { ok: true, hashHex: r.hash, sizeBytes: r.sizeBytes, ...facts(job, ctx, mid) };
}

async function copyJob(
  job: CopyJob | CopyOpenJob,
  file: BackendFile,
  ctx: JobContext,
): Promise<CopyDone | JobFailed> {
  let mid: FileStat;
  try {
    mid = file.stat();
  } catch (error) {
    return { ok: false, stage: "read", error };
  }
  const times = {
    atimeSec: mid.mtimeSec,
    atimeNsec: mid.mtimeNsec,
    mtimeSec: mid.mtimeSec,
    mtimeNsec: mid.mtimeNsec,
  };
  try {
    const copied = await copyOpenFile(file, job.dest, times, {
      signal: ctx.signal,
      scratch: ctx.scratch,
      mode: modeOf(mid),
      backend: ctx.fs,
    });
    const post = file.stat();
    const { hash, ...written } = copied;
    return { ok: true, hashHex: hash, written, post, ...facts(job, ctx, mid) };
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    return { ok: false, stage: "write", error };
  }
}

function writeJob(job: WriteJob, ctx: JobContext): WriteDone | JobFailed {
  try {
    return {
      ok: true,
      written: writeNewFile(job.dest, job.bytes, job.times, { mode: job.mode, backend: ctx.fs }),
    };
  } catch (error) {
    return { ok: false, stage: "write", error };
  }
}

/** An error as it crosses to another thread: Deno's error classes do not survive structured cloning. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

/** An error as plain data. */
export function toWire(err: unknown): WireError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, message: err.message, code: typeof code === "string" ? code : undefined };
  }
  return { name: "Error", message: String(err) };
}

/** The error again, as the class Deno's file API throws for it (Deno.errors.NotFound, …), with its code. */
export function fromWire(w: WireError): Error {
  const Ctor = (Deno.errors as unknown as Record<string, (new (m: string) => Error) | undefined>)[w.name];
  const err = Ctor ? new Ctor(w.message) : new Error(w.message);
  if (!Ctor) err.name = w.name;
  if (w.code !== undefined) (err as { code?: string }).code = w.code;
  return err;
}
