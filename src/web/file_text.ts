/**
 * A snapshot file's text, for previews and diffs on `phlb serve`'s pages: read whole through the
 * backend (so names that are not valid UTF-8 work), and only when it is small UTF-8 text with no NUL.
 * @module
 */
import type { FsBackend } from "../fs/native/mod.ts";
import { openResolvedFile, type ResolvedEntry } from "./paths.ts";

/** A file's text, or why there is none to show. */
export type FileText = { text: string } | { why: "too large" | "not text" | "unreadable" };

/** Reads a resolved file as text when it is at most `maxBytes` of UTF-8 without NUL. */
export function readFileText(entry: ResolvedEntry, options: { fs: FsBackend; maxBytes: number }): FileText {
  if (entry.info.size === 0) return { text: "" };
  if (entry.info.size > options.maxBytes) return { why: "too large" };
  const file = openResolvedFile(entry, { fs: options.fs });
  if (!file) return { why: "unreadable" };
  try {
    const buf = new Uint8Array(entry.info.size);
    let off = 0;
    while (off < buf.length) {
      const n = file.readSync(buf.subarray(off));
      if (n === null) break;
      off += n;
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, off));
    } catch {
      return { why: "not text" };
    }
    return text.includes("\0") ? { why: "not text" } : { text };
  } catch {
    return { why: "unreadable" };
  } finally {
    file.close();
  }
}
