/**
 * What removing snapshots gives back to the disk, estimated before anything is removed: the file
 * contents whose every link goes (from the index, each rounded up to whole blocks), plus what the
 * file contents leave out: every folder and symlink of the removed snapshots and their sidecar
 * files (each lstat'ed for the blocks it holds). `du` counts all of these; on a tree of many small
 * folders they are most of what a prune frees. Reads metadata only; never prints, never writes.
 * @module
 */
import { joinPath } from "../fs/path.ts";
import type { BackupIndex } from "../index/index.ts";
import { fileBlocksFreedBy, folderAndLinkPaths } from "../index/manage.ts";

/** A snapshot being removed: where it is, and its index row when the index records it. */
export interface RemovedSnapshot {
  path: string;
  /** The sidecar files beside it (manifest, log, summary), present or not. */
  sidecars: readonly string[];
  rowId?: number;
}

/** The filesystem's allocation unit at `path` (st_blksize), 4096 where it is not told. */
function blockBytesAt(path: string): number {
  try {
    return Deno.statSync(path).blksize ?? 4096;
  } catch {
    return 4096;
  }
}

/** The bytes `info` holds on the disk: its blocks where the platform tells them, else its size rounded up. */
function allocated(info: Deno.FileInfo, blockBytes: number): number {
  if (info.blocks !== null && info.blocks !== undefined) return info.blocks * 512;
  return info.isFile ? Math.ceil(info.size / blockBytes) * blockBytes : 0;
}

function allocatedAt(path: string, blockBytes: number): number {
  try {
    return allocated(Deno.lstatSync(path), blockBytes);
  } catch {
    // Gone, or a name the Deno API cannot reach: an estimate does without it.
    return 0;
  }
}

/**
 * A snapshot the index does not record, walked: its folders, symlinks and the files with no other
 * link (where a file's other links are cannot be known without the index).
 */
function walkAllocated(path: string, blockBytes: number): number {
  let total = 0;
  const stack = [path];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    total += allocatedAt(dir, blockBytes);
    let names: Deno.DirEntry[];
    try {
      names = [...Deno.readDirSync(dir)];
    } catch {
      continue;
    }
    for (const e of names) {
      const p = joinPath(dir, e.name);
      if (e.isDirectory) stack.push(p);
      else {
        try {
          const info = Deno.lstatSync(p);
          if (!info.isFile || (info.nlink ?? 1) === 1) total += allocated(info, blockBytes);
        } catch { /* gone */ }
      }
    }
  }
  return total;
}

/**
 * The estimated bytes the disk gets back when `removed` go while the snapshots `liveRowIds` (every
 * snapshot on disk that the index records, removed ones included) stay otherwise. Without an index
 * only the walk of each snapshot counts.
 */
export function estimateOnDiskFreed(
  root: string,
  removed: readonly RemovedSnapshot[],
  options: { index?: BackupIndex; liveRowIds: readonly number[] },
): number {
  const blockBytes = blockBytesAt(root);
  const index = options.index;
  const rowIds = removed.flatMap((s) => s.rowId === undefined ? [] : [s.rowId]);
  let total = index ? fileBlocksFreedBy(index, { live: options.liveRowIds, removed: rowIds }, blockBytes) : 0;
  for (const snap of removed) {
    if (index && snap.rowId !== undefined) {
      total += allocatedAt(snap.path, blockBytes);
      for (const rel of folderAndLinkPaths(index, snap.rowId)) {
        total += allocatedAt(joinPath(snap.path, rel), blockBytes);
      }
    } else {
      total += walkAllocated(snap.path, blockBytes);
    }
    for (const p of snap.sidecars) total += allocatedAt(p, blockBytes);
  }
  return total;
}
