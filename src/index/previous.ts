/**
 * The fast path's view of the previous snapshot: the regular files of one folder, with what is
 * compared before linking a file unread and the hash its manifest line needs.
 *
 * Compact on purpose: rows come back as arrays (no object per row) and the hash as hex text (no
 * buffer per row, no conversion per file). And bounded: a folder's rows are read in name order, a
 * chunk at a time, alongside the walk's sorted listing, so a folder of 100,000 files never has all
 * its rows in memory at once.
 * @module
 */
import type { StatementSync } from "node:sqlite";
import { nameToIndex } from "../fs/native/names.ts";
import { type BackupIndex, EntryFlag, EntryKind } from "./index.ts";

/**
 * One previous file: `[name, sizeBytes, mtimeMs, mode, uid, gid, contentId, hashHex, ino, srcIno,
 * srcCtimeMs, flags, mtimeFracNs, srcCtimeFracNs, xattrs]`, the row as SQLite returns it (a name
 * that is not valid UTF-8 comes as bytes: see `nameFromIndex`). Read the fields through the `Prev`
 * indexes.
 */
export type PreviousFile = readonly [
  name: string | Uint8Array,
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

/**
 * The primary key (snapshot_id, dir_id, name) gives the rows in name order without a sort. The
 * limit is part of the text: bound as a parameter, it made the query twice as slow here.
 */
function chunkSql(chunkRows: number): string {
  return `SELECT e.name, e.size, e.mtime_ms, e.mode, e.uid, e.gid, e.content_id, lower(hex(c.hash)), e.ino,
  e.src_ino, e.src_ctime_ms, e.flags, e.mtime_frac_ns, e.src_ctime_frac_ns, e.xattrs
  FROM entries e LEFT JOIN contents c ON c.id = e.content_id
  WHERE e.snapshot_id = ? AND e.dir_id = ? AND e.name > ? AND e.kind = ${EntryKind.File}
  ORDER BY e.name LIMIT ${chunkRows}`;
}

/** One file row by its stored name: for a name stored as bytes, which sorts after every text name. */
const BY_NAME_SQL =
  `SELECT e.name, e.size, e.mtime_ms, e.mode, e.uid, e.gid, e.content_id, lower(hex(c.hash)), e.ino,
  e.src_ino, e.src_ctime_ms, e.flags, e.mtime_frac_ns, e.src_ctime_frac_ns, e.xattrs
  FROM entries e LEFT JOIN contents c ON c.id = e.content_id
  WHERE e.snapshot_id = ? AND e.dir_id = ? AND e.name = ? AND e.kind = ${EntryKind.File}`;

/** The statements a {@linkcode PreviousFiles} reads with (returning arrays). */
interface PreviousStatements {
  chunk: StatementSync;
  byName: StatementSync;
}

/** Rows read per query: one query for a usual folder, and little memory for a huge one. */
const DEFAULT_CHUNK_ROWS = 1000;

/**
 * Compares two names as SQLite's default (BINARY) collation orders their UTF-8 bytes: by code
 * point. JavaScript's `<` compares UTF-16 code units, which differs when a name holds a character
 * above U+FFFF (a surrogate pair) and the other one in U+E000–U+FFFF at the same place.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  let x = a.charCodeAt(i);
  let y = b.charCodeAt(i);
  if (x >= 0xd800 && y >= 0xd800) {
    // Surrogates (D800–DFFF) encode code points above FFFF: they sort after E000–FFFF.
    x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
  }
  return x - y;
}

/** A name whose order between JavaScript and SQLite can differ (see {@linkcode compareCodePoints}). */
const MAY_SORT_APART = /[\ue000-\uffff]/;

/** Options for {@linkcode previousFiles}. */
export interface PreviousFilesOptions {
  /** Rows per query. Default 1000. */
  chunkRows?: number;
}

/**
 * The regular files one snapshot recorded in one folder, handed out by name as the walk asks for
 * them. Asking in the walk's order (sorted names) reads every row once; a name asked out of order
 * may be missed (then the file is read, which is never wrong).
 */
export class PreviousFiles {
  #stmts?: PreviousStatements;
  #snapshotId: number;
  #dirId: number;
  #chunkRows: number;
  #rows: PreviousFile[] = [];
  #pos = 0;
  /** Rows of the folder read past so far, in SQLite's order. */
  #consumed = 0;
  #more: boolean;
  /** Rows passed over whose names may still come (see MAY_SORT_APART): few, in practice none. */
  #passed?: Map<string, PreviousFile>;

  constructor(
    stmts: PreviousStatements | undefined,
    at: { snapshotId: number; dirId: number; chunkRows: number },
  ) {
    this.#stmts = stmts;
    this.#snapshotId = at.snapshotId;
    this.#dirId = at.dirId;
    this.#chunkRows = at.chunkRows;
    this.#more = stmts !== undefined;
  }

  /**
   * The position of the row the last {@linkcode take} returned among the folder's file rows in
   * SQLite's (name) order, or -1 when it came out of order. Two rows taken with consecutive
   * positions have no other file row between them: see {@linkcode copyPreviousFiles}.
   */
  takenSeq = -1;

  /** The previous row of file `name`, if the snapshot recorded one; each row is handed out once. */
  take(name: string): PreviousFile | undefined {
    this.takenSeq = -1;
    // A name that is not valid UTF-8 is stored as bytes, after every text name in SQLite's order
    // and not in the walk's: looked up by itself, out of order.
    if (!name.isWellFormed()) return this.#byName(name);
    if (this.#passed !== undefined) {
      const p = this.#passed.get(name);
      if (p !== undefined) {
        this.#passed.delete(name);
        return p;
      }
    }
    for (;;) {
      if (this.#pos >= this.#rows.length && !this.#fetch()) return undefined;
      const row = this.#rows[this.#pos];
      const rowName = row[Prev.name];
      // Rows stored as bytes come last and are never a valid name's: no text row is left.
      if (typeof rowName !== "string") return undefined;
      if (rowName === name) {
        this.#pos++;
        this.takenSeq = this.#consumed++;
        return row;
      }
      if (compareCodePoints(rowName, name) > 0) return undefined;
      // A name the walk did not ask for: gone from the source, excluded, or (rarely) sorted apart.
      this.#pos++;
      this.#consumed++;
      if (MAY_SORT_APART.test(rowName)) (this.#passed ??= new Map()).set(rowName, row);
    }
  }

  #byName(name: string): PreviousFile | undefined {
    if (this.#stmts === undefined) return undefined;
    return this.#stmts.byName.get(this.#snapshotId, this.#dirId, nameToIndex(name)) as unknown as
      | PreviousFile
      | undefined;
  }

  #fetch(): boolean {
    if (!this.#more) return false;
    const after = this.#rows.length > 0 ? this.#rows[this.#rows.length - 1][Prev.name] : "";
    this.#rows = this.#stmts!.chunk.all(this.#snapshotId, this.#dirId, after) as unknown as PreviousFile[];
    this.#pos = 0;
    this.#more = this.#rows.length === this.#chunkRows;
    return this.#rows.length > 0;
  }
}

/** No previous snapshot: nothing to take. */
export const NO_PREVIOUS_FILES: PreviousFiles = new PreviousFiles(undefined, {
  snapshotId: 0,
  dirId: 0,
  chunkRows: 0,
});

/** The regular files snapshot `snapshotId` recorded in folder `dirId`, read as they are taken. */
export function previousFiles(
  index: BackupIndex,
  at: { snapshotId: number; dirId: number },
  options: PreviousFilesOptions = {},
): PreviousFiles {
  const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
  // setReturnArrays is in Deno's node:sqlite but not yet in its type declarations.
  type ArrayStatement = StatementSync & { setReturnArrays(on: boolean): void };
  const chunk = index.statement(chunkSql(chunkRows)) as ArrayStatement;
  chunk.setReturnArrays(true);
  const byName = index.statement(BY_NAME_SQL) as ArrayStatement;
  byName.setReturnArrays(true);
  return new PreviousFiles({ chunk, byName }, { ...at, chunkRows });
}

const COPY_SQL =
  `INSERT OR REPLACE INTO entries(snapshot_id, dir_id, name, kind, size, mtime_ms, mode, uid, gid,
  content_id, ino, src_ino, src_ctime_ms, target, flags, mtime_frac_ns, src_ctime_frac_ns, xattrs)
  SELECT :to, dir_id, name, kind, size, mtime_ms, mode, uid, gid, content_id, ino, src_ino, src_ctime_ms, NULL,
    (flags & ${EntryFlag.SharedMeta | EntryFlag.ForeignMeta}) | ${EntryFlag.Unchanged}, mtime_frac_ns,
    src_ctime_frac_ns, xattrs
  FROM entries WHERE snapshot_id = :from AND dir_id = :dir AND kind = ${EntryKind.File}
  AND name BETWEEN :first AND :last`;

/** A run of consecutive previous file rows of one folder, from `firstName` to `lastName`. */
export interface PreviousRun {
  /** The previous snapshot, whose rows are copied. */
  fromSnapshotId: number;
  /** The snapshot being written. */
  toSnapshotId: number;
  dirId: number;
  /** Valid names only (stored as text): a name stored as bytes is never part of a run. */
  firstName: string;
  lastName: string;
}

/**
 * Records files linked unread whose new entries equal their previous rows (same folder, name,
 * size, mtime and ctime with their nanoseconds, mode, owner, content, stored inode, source inode
 * and xattrs digest; no target; of the flags SharedMeta and ForeignMeta, as the fast path keeps them,
 * and Unchanged),
 * in one statement for a run of consecutive rows instead of one insert per file. The caller makes
 * sure the run holds exactly those files (consecutive {@linkcode PreviousFiles.takenSeq}).
 * Returns how many entries were recorded.
 */
export function copyPreviousFiles(index: BackupIndex, run: PreviousRun): number {
  const r = index.statement(COPY_SQL).run({
    to: run.toSnapshotId,
    from: run.fromSnapshotId,
    dir: run.dirId,
    first: run.firstName,
    last: run.lastName,
  });
  return Number(r.changes);
}
