/**
 * Hashing stored files for checks (verify, add): one reused read buffer, large sync reads through
 * node:crypto, and a per-run cache by inode so that a file linked from many snapshots is read
 * once. {@linkcode FileHasher.hashSoon} also overlaps hashing with the caller's work on other
 * cores: in a pool of workers when it is given one (fs/content_pool.ts), else, for files from
 * 256 KiB, through Web Crypto's digest on Deno's thread pool. No policy: callers decide what a
 * hash is compared with.
 * @module
 */
import type { ContentRunner } from "./content_pool.ts";
import { bytesToHex, hashReader } from "./hash.ts";
import type { FsBackend } from "./native/mod.ts";

/** What the hasher needs of an lstat: a Deno.FileInfo or a backend's FileStat. */
export interface HashedInfo {
  ino: number | null;
  dev: number;
  nlink: number | null;
  size: number;
}

/** Options for {@linkcode FileHasher}. */
export interface FileHasherOptions {
  /** Bytes per read. Default 1 MiB (measured here: larger reads are not faster). */
  chunkBytes?: number;
  /** Checked between chunks of large files; when aborted, hashing throws the signal's reason. */
  signal?: AbortSignal;
  /** Told about every chunk read (progress). */
  onBytes?: (n: number) => void;
  /** {@linkcode FileHasher.hashSoon} reads files up to this size whole and hashes them off-thread. Default 16 MiB. */
  offloadMaxBytes?: number;
  /**
   * Files under this size are hashed on the caller's thread instead. Default 256 KiB: Web Crypto's
   * digest costs 30-40 us of CPU per call here (node:crypto's about 1 us) and hashes at 1.1-1.4 GB/s
   * of CPU (node:crypto 1.7), so only larger files gain from the second thread.
   */
  offloadMinBytes?: number;
  /** Opens the files (so names that are not valid UTF-8 work); default the Deno file API. */
  backend?: FsBackend;
  /**
   * Where {@linkcode FileHasher.hashSoon} reads and hashes: a pool of workers (fs/content_pool.ts),
   * which open files with a backend of the same kind. Default: the main thread (as described there).
   */
  runner?: ContentRunner;
}

/** The hash of one file's bytes. */
export interface FileHash {
  /** Lowercase hex sha256. */
  hashHex: string;
  /** Bytes read. */
  sizeBytes: number;
  /** True when the inode was hashed earlier in this run and not read again. */
  cached: boolean;
}

/** Hashes files, each inode at most once per instance. */
export class FileHasher {
  #buf: Uint8Array;
  #signal?: AbortSignal;
  #onBytes?: (n: number) => void;
  #byInode = new Map<string, { hashHex: string; sizeBytes: number }>();
  #soonByInode = new Map<string, Promise<{ hashHex: string; sizeBytes: number }>>();
  #offloadMaxBytes: number;
  #offloadMinBytes: number;
  #whole?: Uint8Array<ArrayBuffer>;
  #backend?: FsBackend;
  #runner?: ContentRunner;
  /** Files actually read, and their bytes. */
  readFiles = 0;
  readBytes = 0;
  /** Files answered from the inode cache. */
  cachedFiles = 0;

  constructor(options: FileHasherOptions = {}) {
    this.#buf = new Uint8Array(options.chunkBytes ?? 1 << 20);
    this.#signal = options.signal;
    this.#onBytes = options.onBytes;
    this.#offloadMaxBytes = options.offloadMaxBytes ?? 16 << 20;
    this.#offloadMinBytes = options.offloadMinBytes ?? 256 << 10;
    this.#backend = options.backend;
    this.#runner = options.runner?.workers ? options.runner : undefined;
  }

  /** Hashes {@linkcode FileHasher.hashSoon} may have running at once to keep its workers busy. */
  get concurrency(): number {
    return this.#runner ? 32 * this.#runner.workers : 4;
  }

  #open(path: string): { readSync(p: Uint8Array): number | null; close(): void } {
    return this.#backend ? this.#backend.openRead(path) : Deno.openSync(path, { read: true });
  }

  /** The cache key of an inode, or undefined when the platform gives no inode number. */
  static inodeKey(info: HashedInfo): string | undefined {
    // A backend's FileStat says 0 where Deno.FileInfo says null: no inode number.
    return info.ino === null || info.ino === undefined || info.ino === 0
      ? undefined
      : `${info.dev}:${info.ino}`;
  }

  /** The cached hash of an inode, if it was hashed in this run. */
  cachedHash(info: HashedInfo): FileHash | undefined {
    const key = FileHasher.inodeKey(info);
    const hit = key === undefined ? undefined : this.#byInode.get(key);
    return hit ? { ...hit, cached: true } : undefined;
  }

  /**
   * Hashes the file at `path`, whose lstat is `info`. An inode with more than one link is cached,
   * so its other paths are answered without reading. Throws what opening or reading throws.
   * `options.onChunk` sees each chunk read (another hash of the same read); it is not called when
   * the answer comes from the cache (`cached`).
   */
  async hash(
    path: string,
    info: HashedInfo,
    options: { onChunk?: (chunk: Uint8Array) => void } = {},
  ): Promise<FileHash> {
    const hit = this.cachedHash(info);
    if (hit) {
      this.cachedFiles++;
      return hit;
    }
    const result = await this.#read(path, options.onChunk);
    const key = FileHasher.inodeKey(info);
    // Only inodes that other paths can reach are worth remembering.
    if (key !== undefined && (info.nlink ?? 1) > 1) this.#byInode.set(key, result);
    return { ...result, cached: false };
  }

  /**
   * Starts hashing and returns the promise of the result, without waiting for it. A file from
   * `offloadMinBytes` up to `offloadMaxBytes` is read here, synchronously, and hashed by Web Crypto
   * on Deno's blocking thread pool (its digest copies the input before returning, so the read
   * buffer is reused at once): hashing then runs beside the caller's next reads, which matters
   * with cold caches. Smaller and larger files go through {@linkcode FileHasher.hash}, here. An
   * inode with more than one link is read once, even while its first hash is still running. The
   * promise rejects with what opening or reading threw.
   */
  hashSoon(path: string, info: HashedInfo): Promise<FileHash> {
    const key = FileHasher.inodeKey(info);
    const shared = key !== undefined && (info.nlink ?? 1) > 1;
    if (shared) {
      const done = this.#byInode.get(key);
      const running = done ? Promise.resolve(done) : this.#soonByInode.get(key);
      if (running) {
        this.cachedFiles++;
        return running.then((r) => ({ ...r, cached: true }));
      }
    }
    let started: Promise<{ hashHex: string; sizeBytes: number }>;
    try {
      started = this.#runner
        ? this.#inWorker(path)
        : info.size > this.#offloadMaxBytes || info.size < this.#offloadMinBytes
        ? this.hash(path, info)
        : this.#offload(path, info);
    } catch (err) {
      return Promise.reject(err);
    }
    if (shared) {
      this.#soonByInode.set(key, started);
      started.then((r) => this.#byInode.set(key, r), () => {}).finally(() => this.#soonByInode.delete(key));
    }
    return started.then((r) => ({ hashHex: r.hashHex, sizeBytes: r.sizeBytes, cached: false }));
  }

  /** Reads and hashes a file in a worker. */
  async #inWorker(path: string): Promise<{ hashHex: string; sizeBytes: number }> {
    const r = await this.#runner!.run({ kind: "hash", path, facts: false });
    if (!r.ok) throw r.error;
    this.readFiles++;
    this.readBytes += r.sizeBytes;
    this.#onBytes?.(r.sizeBytes);
    return { hashHex: r.hashHex, sizeBytes: r.sizeBytes };
  }

  /** Reads a file whole (sync) and hands its bytes to an off-thread digest. */
  #offload(path: string, info: HashedInfo): Promise<{ hashHex: string; sizeBytes: number }> {
    const whole = this.#whole ??= new Uint8Array(this.#offloadMaxBytes + 1);
    const file = this.#open(path);
    let n = 0;
    try {
      for (;;) {
        // The file grew beyond the buffer since its lstat: hash it in chunks instead.
        if (n === whole.length) return this.hash(path, info);
        const r = file.readSync(whole.subarray(n));
        if (r === null) break;
        n += r;
      }
    } finally {
      file.close();
    }
    this.readFiles++;
    this.readBytes += n;
    this.#onBytes?.(n);
    const sizeBytes = n;
    return crypto.subtle.digest("SHA-256", whole.subarray(0, n)).then((digest) => ({
      hashHex: bytesToHex(new Uint8Array(digest)),
      sizeBytes,
    }));
  }

  async #read(
    path: string,
    onChunk?: (chunk: Uint8Array) => void,
  ): Promise<{ hashHex: string; sizeBytes: number }> {
    const file = this.#open(path);
    try {
      const onBytes = this.#onBytes;
      const r = await hashReader(file, {
        buffer: this.#buf,
        signal: this.#signal,
        onChunk: onChunk && onBytes
          ? (chunk) => {
            onChunk(chunk);
            onBytes(chunk.length);
          }
          : onChunk ?? (onBytes && ((chunk) => onBytes(chunk.length))),
      });
      this.readFiles++;
      this.readBytes += r.sizeBytes;
      return { hashHex: r.hash, sizeBytes: r.sizeBytes };
    } finally {
      file.close();
    }
  }

  /** Files read, bytes read, and files answered from the inode cache, for a run's summary. */
  counts(): { readFiles: number; readBytes: number; reusedFiles: number } {
    return { readFiles: this.readFiles, readBytes: this.readBytes, reusedFiles: this.cachedFiles };
  }
}
