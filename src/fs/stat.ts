/**
 * Small facts about stat results that every job asks: an lstat that may find nothing, the
 * permission bits, whether two stats are one inode, and the times a new entry gets. No policy.
 * @module
 */
import type { FileStat, FileTimes, FolderCalls, FsBackend } from "./native/mod.ts";

/** lstat through the backend, or undefined when it fails for any reason (gone, unreadable). */
export function lstatOrUndefined(fs: FsBackend, path: string): FileStat | undefined {
  try {
    return fs.lstat(path);
  } catch {
    return undefined;
  }
}

/** lstat through a folder handle, or undefined on any error (as {@linkcode lstatOrUndefined}). */
export function lstatInFolderOrUndefined(
  folders: FolderCalls,
  at: { dir: number; name: string; path: string },
): FileStat | undefined {
  try {
    return folders.lstat(at.dir, at.name, at.path);
  } catch {
    return undefined;
  }
}

/** The permission bits of a mode (with set-id and sticky bits): what is recorded and restored. */
export function modeOf(info: { mode: number }): number {
  return info.mode & 0o7777;
}

/** True when two stats are of one inode (never for inode number 0, "unknown"). */
export function isSameInode(a: FileStat, b: FileStat): boolean {
  return a.ino !== 0 && a.ino === b.ino && a.dev === b.dev;
}

/** The times an entry copied from `info` gets: its own atime and mtime. */
export function timesOf(info: FileStat): FileTimes {
  return {
    atimeSec: info.atimeSec,
    atimeNsec: info.atimeNsec,
    mtimeSec: info.mtimeSec,
    mtimeNsec: info.mtimeNsec,
  };
}
