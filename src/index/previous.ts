/**
 * The fast path's view of the previous snapshot: the regular files of one folder, with what is
 * compared before linking a file unread and the hash its manifest line needs.
 *
 * Compact on purpose: rows come back as arrays (no object per row) and the hash as hex text (no
 * buffer per row, no conversion per file). These rows live while their folder is walked, long
 * enough to outlive young-generation collections, so their size is what the heap grows by.
 * @module
 */
import type { StatementSync } from "node:sqlite";
import { nameFromIndex } from "../fs/native/names.ts";
import { type BackupIndex, EntryKind } from "./index.ts";

/**
 * One previous file: `[name, sizeBytes, mtimeMs, mode, uid, gid, contentId, hashHex, ino, srcIno,
 * srcCtimeMs, flags, mtimeFracNs, srcCtimeFracNs, xattrs]`, the row as SQLite returns it (a name
 * that is not valid UTF-8 comes as bytes; the map key is its fs-string). Read the fields through
 * the `Prev` indexes.
 */
export type PreviousFile = readonly [
  name: string,
  sizeBytes: number,
  mtimeMs: number,
  mode: number,
  uid: number,
  gid: number,
  contentId: number | null,
  hashHex: string | null,
  ino: number | null,
  srcIno: number | null,
  srcCtimeMs: number | null,
  flags: number,
  mtimeFracNs: number | null,
  srcCtimeFracNs: number | null,
  xattrs: Uint8Array | null,
];

/** Indexes into a {@linkcode PreviousFile}. */
export const Prev = {
  name: 0,
  sizeBytes: 1,
  mtimeMs: 2,
  mode: 3,
  uid: 4,
  gid: 5,
  contentId: 6,
  hashHex: 7,
  ino: 8,
  srcIno: 9,
  srcCtimeMs: 10,
  flags: 11,
  mtimeFracNs: 12,
  srcCtimeFracNs: 13,
  xattrs: 14,
} as const;

const SQL = `SELECT e.name, e.size, e.mtime_ms, e.mode, e.uid, e.gid, e.content_id, lower(hex(c.hash)), e.ino,
  e.src_ino, e.src_ctime_ms, e.flags, e.mtime_frac_ns, e.src_ctime_frac_ns, e.xattrs FROM entries e LEFT JOIN contents c ON c.id = e.content_id
  WHERE e.snapshot_id = ? AND e.dir_id = ? AND e.kind = ${EntryKind.File}`;

/** The regular files snapshot `snapshotId` recorded in folder `dirId`, by name. */
export function previousFiles(
  index: BackupIndex,
  snapshotId: number,
  dirId: number,
): Map<string, PreviousFile> {
  // setReturnArrays is in Deno's node:sqlite but not yet in its type declarations.
  const stmt = index.statement(SQL) as StatementSync & { setReturnArrays?: (on: boolean) => void };
  const arrays = typeof stmt.setReturnArrays === "function";
  if (arrays) stmt.setReturnArrays!(true);
  const out = new Map<string, PreviousFile>();
  for (const r of stmt.all(snapshotId, dirId)) {
    const row = (arrays ? r : Object.values(r as Record<string, unknown>)) as unknown as PreviousFile;
    const name = row[Prev.name] as string | Uint8Array;
    out.set(typeof name === "string" ? name : nameFromIndex(name), row);
  }
  return out;
}
