/**
 * Atomic small-file writes: write a temporary sibling, fsync it, rename it over the target.
 * A crash leaves either the old file or the new one, never a torn one. Also the renames that
 * commit a snapshot, retried while Windows reports the files as in use.
 * @module
 */

/** Options for {@linkcode renameRetrying}. */
export interface RenameRetryOptions {
  /**
   * How long to keep retrying a rename that failed because something holds the files open, in ms.
   * Default: 10 s on Windows, 0 (no retry) elsewhere, where such errors are real.
   */
  retryForMs?: number;
  /** The rename to call; default `Deno.renameSync`. Tests inject one that fails. */
  rename?: (from: string, to: string) => void;
  /** Called before each wait, with the error and the attempt that failed (1 for the first). */
  onRetry?: (error: unknown, attempt: number) => void;
}

/** Windows: "Access is denied" (5) and "sharing violation" (32), what a scanner's open handle gives. */
function heldOpen(err: unknown): boolean {
  if (err instanceof Deno.errors.PermissionDenied || err instanceof Deno.errors.Busy) return true;
  return /\(os error (5|32)\)/.test(String((err as Error)?.message ?? ""));
}

/** Blocks the thread for `ms` (the callers are synchronous commit steps). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Renames `from` to `to`. On Windows an antivirus scanner or the search indexer often holds a
 * handle on files just written, and renaming their folder fails with "Access is denied" until it
 * lets go: such failures are retried, waiting 50 ms and doubling up to 1 s, for
 * `options.retryForMs`. Any other error, or the last one, is thrown.
 */
export function renameRetrying(from: string, to: string, options: RenameRetryOptions = {}): void {
  const rename = options.rename ?? Deno.renameSync;
  const retryForMs = options.retryForMs ?? (Deno.build.os === "windows" ? 10_000 : 0);
  const start = performance.now();
  let waitMs = 50;
  for (let attempt = 1;; attempt++) {
    try {
      rename(from, to);
      return;
    } catch (err) {
      const left = retryForMs - (performance.now() - start);
      if (!heldOpen(err) || left <= 0) throw err;
      options.onRetry?.(err, attempt);
      sleepSync(Math.min(waitMs, left));
      waitMs = Math.min(waitMs * 2, 1000);
    }
  }
}

/** Writes `text` to `path` atomically; a new file gets `options.mode` (before the umask). */
export function writeTextAtomic(path: string, text: string, options: { mode?: number } = {}): void {
  const tmp = `${path}.tmp-${Deno.pid}`;
  const file = Deno.openSync(tmp, { write: true, create: true, truncate: true, mode: options.mode });
  try {
    if (options.mode !== undefined && Deno.build.os !== "windows") {
      // A temporary file left by an earlier process of this pid keeps its own mode otherwise.
      const now = file.statSync().mode;
      if (now !== null && (now & 0o777 & ~options.mode) !== 0) Deno.chmodSync(tmp, options.mode);
    }
    const data = new TextEncoder().encode(text);
    let off = 0;
    while (off < data.length) off += file.writeSync(data.subarray(off));
    file.syncSync();
  } finally {
    file.close();
  }
  renameRetrying(tmp, path);
}

/**
 * Fsyncs a folder, so that a rename into it is on the disk. Windows cannot open a folder as a
 * file (and NTFS journals the rename): there it does nothing.
 */
export function syncDir(path: string): void {
  if (Deno.build.os === "windows") return;
  const dir = Deno.openSync(path, { read: true });
  try {
    dir.syncSync();
  } finally {
    dir.close();
  }
}
