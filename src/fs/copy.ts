/**
 * Reading, hashing and writing file content. The engine's byte paths live here:
 * - {@linkcode readAllSync}: a small file into memory, so it is read once whether it ends up linked or copied;
 * - {@linkcode hashOpenFile}: a large file, hashed in chunks, yielding to the event loop so signals are seen;
 * - {@linkcode writeNewFile} / {@linkcode copyOpenFile}: a new file that is never an existing inode.
 * @module
 */
import { newSha256 } from "./hash.ts";

const CHUNK_BYTES = 1 << 20;

/** Reads an open file to its end. `expectedBytes` sizes the buffer; growth is handled. */
export function readAllSync(file: Deno.FsFile, expectedBytes: number): Uint8Array {
  let buf = new Uint8Array(Math.max(expectedBytes, 0) + 1);
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    const n = file.readSync(buf.subarray(len));
    if (n === null) break;
    len += n;
  }
  return buf.subarray(0, len);
}

/** Yields to the event loop, so signal handlers and timers run during long sync work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Options for the chunked, cancellable byte loops. */
export interface ChunkLoopOptions {
  /** Checked between chunks; when aborted the loop throws the signal's reason. */
  signal?: AbortSignal;
  /** Told about each chunk's byte count (progress). */
  onBytes?: (n: number) => void;
}

/** Hashes an open file from its current position to the end. Returns hex and byte count. */
export async function hashOpenFile(
  file: Deno.FsFile,
  options: ChunkLoopOptions = {},
): Promise<{ hash: string; sizeBytes: number }> {
  const h = newSha256();
  const buf = new Uint8Array(CHUNK_BYTES);
  let size = 0;
  let sinceYield = 0;
  for (;;) {
    const n = file.readSync(buf);
    if (n === null) break;
    h.update(n === buf.length ? buf : buf.subarray(0, n));
    size += n;
    options.onBytes?.(n);
    sinceYield += n;
    if (sinceYield >= 64 * CHUNK_BYTES) {
      sinceYield = 0;
      await yieldToEventLoop();
      options.signal?.throwIfAborted();
    }
  }
  return { hash: h.digest("hex"), sizeBytes: size };
}

/** Facts about a file just written. */
export interface WrittenFile {
  ino: number | null;
  sizeBytes: number;
}

function writeAll(file: Deno.FsFile, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += file.writeSync(data.subarray(off));
}

/**
 * Creates `path` (it must not exist) with `data`, and sets its mtime. The mode is applied by the
 * caller after close, because the create mode is filtered by the umask.
 */
export function writeNewFile(path: string, data: Uint8Array, mtime: Date): WrittenFile {
  const file = Deno.openSync(path, { write: true, createNew: true });
  try {
    writeAll(file, data);
    file.utimeSync(mtime, mtime);
    const st = file.statSync();
    return { ino: st.ino, sizeBytes: st.size };
  } finally {
    file.close();
  }
}

/**
 * Copies an open source from its current position into a new file `path`, hashing the bytes as
 * they are written, so the returned hash is that of the stored bytes.
 */
export async function copyOpenFile(
  src: Deno.FsFile,
  path: string,
  mtime: Date,
  options: ChunkLoopOptions = {},
): Promise<WrittenFile & { hash: string }> {
  const dst = Deno.openSync(path, { write: true, createNew: true });
  try {
    const h = newSha256();
    const buf = new Uint8Array(CHUNK_BYTES);
    let sinceYield = 0;
    for (;;) {
      const n = src.readSync(buf);
      if (n === null) break;
      const chunk = n === buf.length ? buf : buf.subarray(0, n);
      h.update(chunk);
      writeAll(dst, chunk);
      options.onBytes?.(n);
      sinceYield += n;
      if (sinceYield >= 64 * CHUNK_BYTES) {
        sinceYield = 0;
        await yieldToEventLoop();
        options.signal?.throwIfAborted();
      }
    }
    dst.utimeSync(mtime, mtime);
    const st = dst.statSync();
    return { ino: st.ino, sizeBytes: st.size, hash: h.digest("hex") };
  } finally {
    dst.close();
  }
}
