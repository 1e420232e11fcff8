/**
 * Removing a whole tree that phlb made, even where it made folders read-only to mirror the source.
 * @module
 */
import { joinPath } from "./path.ts";

/**
 * Removes `path` recursively. Folders that deny writing (as snapshots of read-only folders do) are
 * made writable first. A missing path is not an error.
 */
export function removeTree(path: string): void {
  try {
    Deno.removeSync(path, { recursive: true });
    return;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    if (!(err instanceof Deno.errors.PermissionDenied)) throw err;
  }
  makeWritable(path);
  Deno.removeSync(path, { recursive: true });
}

/**
 * Removes everything inside the folder `path` and leaves the folder itself, empty (see
 * {@linkcode removeTree}). A missing path is not an error.
 */
export function emptyTree(path: string): void {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(path)];
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    if (!(err instanceof Deno.errors.PermissionDenied)) throw err;
    makeWritable(path);
    entries = [...Deno.readDirSync(path)];
  }
  for (const e of entries) removeTree(joinPath(path, e.name));
}

function makeWritable(dir: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(dir);
  } catch {
    return;
  }
  if (!info.isDirectory) return;
  try {
    Deno.chmodSync(dir, ((info.mode ?? 0o700) & 0o7777) | 0o700);
  } catch { /* Windows or not ours: removal will say */ }
  for (const e of Deno.readDirSync(dir)) if (e.isDirectory) makeWritable(joinPath(dir, e.name));
}
