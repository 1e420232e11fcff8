/**
 * Classifies filesystem errors by what they mean for a run, across Deno's error shapes.
 * @module
 */
import { errorMessage } from "../errors.ts";

/** The destination is full (ENOSPC 28 / ERROR_DISK_FULL 112 / quota EDQUOT 122). */
export function isNoSpace(err: unknown): boolean {
  const msg = errorMessage(err);
  return /\(os error (28|112|122)\)/.test(msg) || /no space left|disk full|quota exceeded/i.test(msg);
}

/**
 * Windows refused to create a symlink for lack of a privilege (ERROR_PRIVILEGE_NOT_HELD, 1314):
 * creating symlinks needs Developer Mode or an elevated process there.
 */
export function isSymlinkPrivilegeError(err: unknown): boolean {
  return /\(os error 1314\)/.test(errorMessage(err));
}

/** The path does not exist (any more). */
export function isNotFound(err: unknown): boolean {
  return err instanceof Deno.errors.NotFound;
}

/** A short description of a non-regular, non-folder, non-symlink entry. */
export function specialKind(info: Deno.FileInfo): string {
  if (info.isFifo) return "FIFO";
  if (info.isSocket) return "socket";
  if (info.isBlockDevice) return "block device";
  if (info.isCharDevice) return "character device";
  return "special file";
}
