/**
 * Classifies filesystem errors by what they mean for a run, across Deno's error shapes.
 * @module
 */
import { statfsSync } from "node:fs";
import { errorMessage, InterruptedError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import type { FileStat } from "./native/mod.ts";

/**
 * The destination is full (ENOSPC 28 / ERROR_DISK_FULL 112 / quota EDQUOT 122), or SQLite says so
 * (SQLITE_FULL, "database or disk is full", which carries no OS error number).
 */
export function isNoSpace(err: unknown): boolean {
  const msg = errorMessage(err);
  return /\(os error (28|112|122)\)/.test(msg) ||
    /no space left|disk full|disk is full|quota exceeded/i.test(msg);
}

/**
 * Bytes this process may still write on the filesystem holding `path`, or undefined where the
 * platform cannot tell. For telling "full" from failures that do not say why (SQLite reports a
 * full disk while creating or growing its -wal/-shm files as a plain "disk I/O error").
 */
export function freeBytes(path: string): number | undefined {
  try {
    const s = statfsSync(path);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
}

/**
 * Windows refused to create a symlink for lack of a privilege (ERROR_PRIVILEGE_NOT_HELD, 1314):
 * creating symlinks needs Developer Mode or an elevated process there.
 */
export function isSymlinkPrivilegeError(err: unknown): boolean {
  return /\(os error 1314\)/.test(errorMessage(err));
}

/** The run was stopped: an {@linkcode InterruptedError}, or the AbortError of an aborted signal. */
export function isInterrupt(err: unknown): boolean {
  return err instanceof InterruptedError || (err instanceof DOMException && err.name === "AbortError");
}

/** The path does not exist (any more). */
export function isNotFound(err: unknown): boolean {
  return err instanceof Deno.errors.NotFound;
}

/**
 * A short description of a non-regular, non-folder, non-symlink entry: a catalogue text (English
 * as a string, for logs; shown in the run's language).
 */
export function specialKindText(info: Deno.FileInfo | FileStat): Msg {
  if ("type" in info) {
    const kinds: Record<string, Msg> = {
      fifo: msg("fs.kind.fifo"),
      socket: msg("fs.kind.socket"),
      block: msg("fs.kind.block"),
      char: msg("fs.kind.char"),
    };
    return kinds[info.type] ?? msg("fs.kind.special");
  }
  if (info.isFifo) return msg("fs.kind.fifo");
  if (info.isSocket) return msg("fs.kind.socket");
  if (info.isBlockDevice) return msg("fs.kind.block");
  if (info.isCharDevice) return msg("fs.kind.char");
  return msg("fs.kind.special");
}

/** True when anything (even a broken symlink) is at `path`; false when it cannot be seen. */
export function pathExists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
