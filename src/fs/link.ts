/**
 * Hardlink primitives: create a link, recognise "too many links", probe support.
 * No policy here: the engine decides what to do when a link fails.
 * @module
 */
import { errorMessage } from "../errors.ts";
import type { FolderCalls, FolderName, FsBackend } from "./native/mod.ts";
import { joinPath } from "./path.ts";

/**
 * True when an error from a link call means the inode is at its link limit.
 * Deno.link throws a plain Error whose message holds "(os error 31)" (EMLINK on Linux and macOS)
 * or "(os error 1142)" (ERROR_TOO_MANY_LINKS on Windows); node:fs gives code "EMLINK".
 */
export function isLinkLimitError(err: unknown): boolean {
  if (err && typeof err === "object" && (err as { code?: unknown }).code === "EMLINK") return true;
  const msg = errorMessage(err);
  return msg.includes("(os error 31)") || msg.includes("(os error 1142)");
}

/** Outcome of {@linkcode tryLink}. */
export type LinkResult = { ok: true } | { ok: false; limit: boolean; error: unknown };

/** Options for {@linkcode tryLink}. */
export interface TryLinkOptions {
  /** Makes the link (so names that are not valid UTF-8 work); default Deno.linkSync. */
  backend?: FsBackend;
}

/** Creates `newPath` as a hardlink of `existing`, reporting failure instead of throwing. */
export function tryLink(existing: string, newPath: string, options: TryLinkOptions = {}): LinkResult {
  try {
    if (options.backend) options.backend.link(existing, newPath);
    else Deno.linkSync(existing, newPath);
    return { ok: true };
  } catch (error) {
    return { ok: false, limit: isLinkLimitError(error), error };
  }
}

/** {@linkcode tryLink} through folder handles (the backend's folder calls). */
export function tryLinkInFolders(from: FolderName, to: FolderName, folders: FolderCalls): LinkResult {
  try {
    folders.link(from, to);
    return { ok: true };
  } catch (error) {
    return { ok: false, limit: isLinkLimitError(error), error };
  }
}

/**
 * Checks that hardlinks work inside `dir` by linking a scratch file. Throws the underlying error
 * when they do not. Leaves nothing behind.
 */
export function probeHardlinks(dir: string): void {
  const a = joinPath(dir, `.phlb-probe-${Deno.pid}-a`);
  const b = joinPath(dir, `.phlb-probe-${Deno.pid}-b`);
  try {
    Deno.writeFileSync(a, new Uint8Array([1]));
    Deno.linkSync(a, b);
    const info = Deno.lstatSync(a);
    if (info.nlink !== null && info.nlink < 2) throw new Error("the link count did not rise");
  } finally {
    for (const p of [b, a]) {
      try {
        Deno.removeSync(p);
      } catch { /* already gone */ }
    }
  }
}
