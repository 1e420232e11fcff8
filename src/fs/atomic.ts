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
