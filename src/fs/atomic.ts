/**
 * Atomic small-file writes: write a temporary sibling, fsync it, rename it over the target.
 * A crash leaves either the old file or the new one, never a torn one.
 * @module
 */

/** Writes `text` to `path` atomically. */
export function writeTextAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${Deno.pid}`;
  const file = Deno.openSync(tmp, { write: true, create: true, truncate: true });
  try {
    const data = new TextEncoder().encode(text);
    let off = 0;
    while (off < data.length) off += file.writeSync(data.subarray(off));
    file.syncSync();
  } finally {
    file.close();
  }
  Deno.renameSync(tmp, path);
}
