/**
 * Reading, hashing and writing file content. The engine's byte paths live here:
 * - {@linkcode readAllSync}: a small file into memory, so it is read once whether it ends up linked or copied;
 * - {@linkcode chunkBuffer}: the buffer a large file is hashed through (fs/hash.ts `hashReader`);
 * - {@linkcode writeNewFile} / {@linkcode copyOpenFile}: a new file that is never an existing inode.
 * @module
 */
import { hashReader } from "./hash.ts";
import type { BackendFile, FileStat, FileTimes, FsBackend } from "./native/mod.ts";

/** The read side of an open file: a Deno.FsFile or a backend's {@linkcode BackendFile}. */
export type SyncReader = Pick<BackendFile, "readSync">;

/** The mtime (and atime) a new file gets, with the backend's precision. */
export type NewFileTimes = FileTimes;

const CHUNK_BYTES = 1 << 20;

/**
 * A buffer reused from file to file. Fresh memory is expensive: every new page is a page fault
 * (measured here: about 2.5 ms per new MiB, 250 times the cost of reusing one), so the byte loops
 * borrow from one of these instead of allocating per file.
 */
export class ScratchBuffer {
  #buf: Uint8Array;

  /** Starts with `initialBytes`; grows on demand and keeps its largest size. */
  constructor(initialBytes = 64 << 10) {
    this.#buf = new Uint8Array(initialBytes);
  }

  /** A buffer of at least `minBytes`. Its content is whatever the last user left. */
  get(minBytes: number): Uint8Array {
    if (this.#buf.length < minBytes) this.#buf = new Uint8Array(Math.max(minBytes, 2 * this.#buf.length));
    return this.#buf;
  }
}

/**
 * Reads an open file to its end. `expectedBytes` (its size when opened) sizes the buffer; growth
 * is handled. With `scratch`, the bytes land in that reused buffer: the result is only valid until
 * the scratch buffer is used again.
 *
 * A read that returns exactly `expectedBytes` and stops short of the space offered is taken as
 * the end of the file, saving the final empty read. That is what a regular file does; if the
 * file grows at that moment, the caller's size check after the read sees it.
 */
export function readAllSync(
  file: SyncReader,
  expectedBytes: number,
  scratch?: Pick<ScratchBuffer, "get">,
): Uint8Array {
  const want = Math.max(expectedBytes, 0) + 1;
  let buf = scratch ? scratch.get(want) : new Uint8Array(want);
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    const room = buf.length - len;
    const n = file.readSync(buf.subarray(len));
    if (n === null) break;
    len += n;
    if (n < room && len === expectedBytes) break;
  }
  return buf.subarray(0, len);
}

/** Options for the chunked, cancellable byte loops. */
export interface ChunkLoopOptions {
  /** Checked between chunks; when aborted the loop throws the signal's reason. */
  signal?: AbortSignal;
  /** Where the chunks are read into; by default a new 1 MiB buffer per call. */
  scratch?: ScratchBuffer;
}

/** The chunk buffer of a byte loop: the scratch buffer's first MiB, or a new one. */
export function chunkBuffer(scratch?: ScratchBuffer): Uint8Array {
  return (scratch?.get(CHUNK_BYTES) ?? new Uint8Array(CHUNK_BYTES)).subarray(0, CHUNK_BYTES);
}

/** Facts about a file just written, from an fstat of the new file. */
export interface WrittenFile {
  ino: number | null;
  sizeBytes: number;
  /** Permission bits as created (the umask may have removed some), or null on Windows. */
  mode: number | null;
  uid: number | null;
  gid: number | null;
}

/** Options for creating a new file. */
export interface NewFileOptions {
  /** Permission bits to create it with (before the umask). Default 0o666. */
  mode?: number;
  /** Creates the file and sets its times (the run's backend, from openBackend). */
  backend: FsBackend;
  /**
   * Fsyncs the file before it is closed: for a file that is then renamed over an existing one,
   * so a power cut leaves the old file or the new one, never an empty one.
   */
  sync?: boolean;
  /**
   * Creates the file instead of `backend.createNew(path)` (restore: by name in an open folder,
   * backend.ts HandleCalls); `path` then only names it.
   */
  create?: () => BackendFile;
  /** Called once the content and times are written, before the file is synced and closed. */
  finish?: () => void;
}

function writeAll(file: Pick<BackendFile, "writeSync">, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += file.writeSync(data.subarray(off));
}

function written(st: FileStat): WrittenFile {
  return {
    ino: st.ino,
    sizeBytes: st.size,
    mode: Deno.build.os === "windows" ? null : st.mode & 0o7777,
    uid: st.uid < 0 ? null : st.uid,
    gid: st.gid < 0 ? null : st.gid,
  };
}

/**
 * Creates `path` (it must not exist) with `data`, and sets its times. The umask may filter the
 * mode: the caller compares the returned mode and fixes it after close when it differs.
 */
export function writeNewFile(
  path: string,
  data: Uint8Array,
  times: NewFileTimes,
  options: NewFileOptions,
): WrittenFile {
  const file = options.create ? options.create() : options.backend.createNew(path, { mode: options.mode });
  try {
    writeAll(file, data);
    file.setTimes(times);
    options.finish?.();
    if (options.sync) file.syncSync();
    return written(file.stat());
  } finally {
    file.close();
  }
}

/**
 * Copies an open source from its current position into a new file `path`, hashing the bytes as
 * they are written, so the returned hash is that of the stored bytes.
 */
export async function copyOpenFile(
  src: SyncReader,
  path: string,
  times: NewFileTimes,
  options: ChunkLoopOptions & NewFileOptions,
): Promise<WrittenFile & { hash: string }> {
  const dst = options.create ? options.create() : options.backend.createNew(path, { mode: options.mode });
  try {
    const copied = await hashReader(src, {
      buffer: chunkBuffer(options.scratch),
      signal: options.signal,
      onChunk: (chunk) => writeAll(dst, chunk),
    });
    dst.setTimes(times);
    options.finish?.();
    if (options.sync) dst.syncSync();
    return { ...written(dst.stat()), hash: copied.hash };
  } finally {
    dst.close();
  }
}
