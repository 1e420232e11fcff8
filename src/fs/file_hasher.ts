/**
 * Hashing stored files for checks (verify, add): one reused read buffer, large sync reads through
 * node:crypto, and a per-run cache by inode so that a file linked from many snapshots is read
 * once. No policy: callers decide what a hash is compared with.
 * @module
 */
import { newSha256 } from "./hash.ts";
import { yieldToEventLoop } from "./copy.ts";

/** Options for {@linkcode FileHasher}. */
export interface FileHasherOptions {
  /** Bytes per read. Default 1 MiB (measured here: larger reads are not faster). */
  chunkBytes?: number;
  /** Checked between chunks of large files; when aborted, hashing throws the signal's reason. */
  signal?: AbortSignal;
  /** Told about every chunk read (progress). */
  onBytes?: (n: number) => void;
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

/** Bytes after which a long read yields to the event loop, so Ctrl-C is seen. */
const YIELD_BYTES = 64 << 20;

/** Hashes files, each inode at most once per instance. */
export class FileHasher {
  #buf: Uint8Array;
  #signal?: AbortSignal;
  #onBytes?: (n: number) => void;
  #byInode = new Map<string, { hashHex: string; sizeBytes: number }>();
  /** Files actually read, and their bytes. */
  readFiles = 0;
  readBytes = 0;
  /** Files answered from the inode cache. */
  cachedFiles = 0;

  constructor(options: FileHasherOptions = {}) {
    this.#buf = new Uint8Array(options.chunkBytes ?? 1 << 20);
    this.#signal = options.signal;
    this.#onBytes = options.onBytes;
  }

  /** The cache key of an inode, or undefined when the platform gives no inode number. */
  static inodeKey(info: Deno.FileInfo): string | undefined {
    return info.ino === null || info.ino === undefined ? undefined : `${info.dev}:${info.ino}`;
  }

  /** The cached hash of an inode, if it was hashed in this run. */
  cachedHash(info: Deno.FileInfo): FileHash | undefined {
    const key = FileHasher.inodeKey(info);
    const hit = key === undefined ? undefined : this.#byInode.get(key);
    return hit ? { ...hit, cached: true } : undefined;
  }

  /**
   * Hashes the file at `path`, whose lstat is `info`. An inode with more than one link is cached,
   * so its other paths are answered without reading. Throws what opening or reading throws.
   */
  async hash(path: string, info: Deno.FileInfo): Promise<FileHash> {
    const hit = this.cachedHash(info);
    if (hit) {
      this.cachedFiles++;
      return hit;
    }
    const result = await this.#read(path);
    const key = FileHasher.inodeKey(info);
    // Only inodes that other paths can reach are worth remembering.
    if (key !== undefined && (info.nlink ?? 1) > 1) this.#byInode.set(key, result);
    return { ...result, cached: false };
  }

  async #read(path: string): Promise<{ hashHex: string; sizeBytes: number }> {
    const file = Deno.openSync(path, { read: true });
    try {
      const h = newSha256();
      const buf = this.#buf;
      let size = 0;
      let sinceYield = 0;
      for (;;) {
        const n = file.readSync(buf);
        if (n === null) break;
        h.update(n === buf.length ? buf : buf.subarray(0, n));
        size += n;
        this.#onBytes?.(n);
        sinceYield += n;
        if (sinceYield >= YIELD_BYTES) {
          sinceYield = 0;
          await yieldToEventLoop();
          this.#signal?.throwIfAborted();
        }
      }
      this.readFiles++;
      this.readBytes += size;
      return { hashHex: h.digest("hex"), sizeBytes: size };
    } finally {
      file.close();
    }
  }
}
