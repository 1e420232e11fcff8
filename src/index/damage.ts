/**
 * Damage marks: stored inodes found not to hold what their entries record (other bytes, size,
 * mtime, mode or owner), by verify, a scrub, add, restore or a backup that read them. A mark is per
 * stored inode and content, `(content_id, ino)`, never per content: another copy of the same
 * content stays usable. Nothing is linked to a marked inode again (backup's fast path and dedup
 * link, add); `phlb verify --repair` gives its paths a new inode and drops the mark. A mark goes
 * when no entry records its inode any more (prune, repair).
 *
 * Marks are few (usually none): a run loads them all once ({@linkcode DamagedInodes}) and asks in
 * memory, so the fast path pays no query per file.
 * @module
 */
import { nameFromIndex, nameToIndex } from "../fs/native/names.ts";
import { destinationFilesystem } from "../fs/platform.ts";
import { BackupIndex } from "./index.ts";
import { DROP_ORPHAN_DAMAGE, EntryFlag } from "./schema.ts";

/** What was found wrong with a stored inode. */
export type DamageProblem = "content" | "size" | "mtime" | "mode" | "owner";

/** One damage mark. */
export interface DamageMark {
  contentId: number;
  /** The stored inode's number. */
  ino: number;
  /** When it was found (ms since the epoch). */
  foundMs: number;
  /** The command that found it: verify, scrub, add, restore, backup. */
  foundBy: string;
  problem: DamageProblem;
  /** Where it was found, `NAME/ID/REL` (an fs-string). */
  path: string;
}

/** True when the index has the table (an index of version 3 or older, opened read-only, has not). */
function hasTable(index: BackupIndex): boolean {
  const r = index.statement("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'damaged'")
    .get();
  return r !== undefined;
}

/** Marks stored inode `ino` of content `contentId` damaged (again: the newest finding wins). */
export function markDamaged(
  index: BackupIndex,
  mark: Omit<DamageMark, "foundMs"> & { foundMs?: number },
): void {
  index.statement(
    `INSERT INTO damaged(content_id, ino, found_ms, found_by, problem, path) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(content_id, ino) DO UPDATE SET found_ms = excluded.found_ms, found_by = excluded.found_by,
        problem = excluded.problem, path = excluded.path`,
  ).run(
    mark.contentId,
    mark.ino,
    mark.foundMs ?? Date.now(),
    mark.foundBy,
    mark.problem,
    nameToIndex(mark.path),
  );
}

/** Every mark, oldest first. */
export function damageMarks(index: BackupIndex): DamageMark[] {
  if (!hasTable(index)) return [];
  const rows = index.statement(
    "SELECT content_id, ino, found_ms, found_by, problem, path FROM damaged ORDER BY found_ms, content_id, ino",
  ).all() as Record<string, unknown>[];
  return rows.map((r) => ({
    contentId: Number(r.content_id),
    ino: Number(r.ino),
    foundMs: Number(r.found_ms),
    foundBy: String(r.found_by),
    problem: String(r.problem) as DamageProblem,
    path: nameFromIndex(r.path as string | Uint8Array),
  }));
}

/** Removes the mark of one inode (repaired: no path holds it any more). */
export function clearDamage(index: BackupIndex, at: { contentId: number; ino: number }): void {
  index.statement("DELETE FROM damaged WHERE content_id = ? AND ino = ?").run(at.contentId, at.ino);
}

/** Drops the marks of inodes no entry records any more (see schema.ts DROP_ORPHAN_DAMAGE). */
export function dropOrphanDamage(index: BackupIndex): void {
  if (hasTable(index)) index.statement(DROP_ORPHAN_DAMAGE).run();
}

/** The id of the content with sha256 `hashHex` (any size: a damaged file's size is no guide). */
export function contentIdOfHash(index: BackupIndex, hashHex: string): number | undefined {
  const r = index.statement("SELECT id FROM contents WHERE hash = unhex(?) ORDER BY id LIMIT 1").get(
    hashHex,
  ) as
    | { id: number }
    | undefined;
  return r ? Number(r.id) : undefined;
}

/**
 * Every mark of `index` by the sha256 (lowercase hex) of the content its copy must hold: for a
 * reader of another root's files (`phlb copy`), which knows a file's hash and inode, not the
 * content ids of that root's index.
 */
export function damageByHash(index: BackupIndex): Map<string, DamageMark[]> {
  const out = new Map<string, DamageMark[]>();
  for (const m of damageMarks(index)) {
    const hash = contentById(index, m.contentId)?.hashHex;
    if (hash === undefined) continue;
    const list = out.get(hash);
    if (list) list.push(m);
    else out.set(hash, [m]);
  }
  return out;
}

/** The marks of one run, loaded once: asked per file, in memory. */
export class DamagedInodes {
  /** Inode number → the contents it is marked damaged for (almost always one). */
  readonly #byIno = new Map<number, number[]>();
  /** The contents with a marked copy. */
  readonly #contents = new Set<number>();
  /**
   * False on a root whose inode numbers mean nothing (sshfs shows its own, per mount): there a mark
   * stands for every copy of its content, since the root cannot tell one copy from another. Safe,
   * not exact: no copy of that content is linked until `phlb verify --repair` heals it.
   */
  inodesStable = true;

  /** Adds the marks of `index` (none when it has no table yet). */
  load(index: BackupIndex): this {
    for (const m of damageMarks(index)) this.add(m.ino, m.contentId);
    return this;
  }

  /** How many inodes are marked. */
  get size(): number {
    return this.#byIno.size;
  }

  /** Adds a mark found during the run. */
  add(ino: number, contentId: number): void {
    const contents = this.#byIno.get(ino);
    if (!contents) this.#byIno.set(ino, [contentId]);
    else if (!contents.includes(contentId)) contents.push(contentId);
    this.#contents.add(contentId);
  }

  /**
   * Whether stored inode `ino`, recorded as content `contentId`, is marked damaged (where inode
   * numbers are not stable: whether any copy of the content is).
   */
  has(ino: number | null, contentId: number | null): boolean {
    if (this.#byIno.size === 0 || contentId === null) return false;
    if (!this.inodesStable) return this.#contents.has(contentId);
    if (ino === null) return false;
    return this.#byIno.get(ino)?.includes(contentId) ?? false;
  }
}

/** A content's hash (lowercase hex) and size, by id. */
export function contentById(
  index: BackupIndex,
  id: number,
): { hashHex: string; sizeBytes: number } | undefined {
  const r = index.statement("SELECT lower(hex(hash)) AS h, size FROM contents WHERE id = ?").get(id) as
    | { h: string; size: number }
    | undefined;
  return r ? { hashHex: String(r.h), sizeBytes: Number(r.size) } : undefined;
}

/**
 * Records that the file entry at `at` now holds a repaired copy: stored inode `to.ino`, content
 * `to.contentId` of `to.sizeBytes`. An entry `phlb add` recorded by the damaged bytes (another
 * content, flag 2) gets the content back and loses flag 2; flag 32 is set as the new inode shows.
 */
export function setRepairedEntry(
  index: BackupIndex,
  at: { snapshotId: number; dirId: number; name: string },
  to: { ino: number; contentId: number; sizeBytes: number; foreignMeta: boolean },
): void {
  index.statement(
    `UPDATE entries SET ino = :ino, size = :size,
      flags = (CASE WHEN content_id IS NOT :content THEN flags & ~${EntryFlag.Unstable} ELSE flags END
        & ~${EntryFlag.ForeignMeta}) | :foreign,
      content_id = :content
      WHERE snapshot_id = :sid AND dir_id = :did AND name = :name`,
  ).run({
    ino: to.ino,
    size: to.sizeBytes,
    content: to.contentId,
    foreign: to.foreignMeta ? EntryFlag.ForeignMeta : 0,
    sid: at.snapshotId,
    did: at.dirId,
    name: nameToIndex(at.name),
  });
}

/** A damaged stored copy found by a command: its inode, the content it must hold, where it was. */
export interface FoundCopy {
  ino: number;
  /** The sha256 (lowercase hex) it must hold: its manifest's. */
  hashHex: string;
  problem: DamageProblem;
  /** `NAME/ID/REL`. */
  path: string;
}

/** Marks each found copy whose content the index knows; returns how many were marked. */
export function markCopies(
  index: BackupIndex,
  found: readonly FoundCopy[],
  options: { foundBy: string },
): number {
  let marked = 0;
  for (const f of found) {
    const contentId = contentIdOfHash(index, f.hashHex);
    if (contentId === undefined || f.ino === 0) continue;
    markDamaged(index, { contentId, ino: f.ino, foundBy: options.foundBy, problem: f.problem, path: f.path });
    marked++;
  }
  return marked;
}

/**
 * Marks found copies in the index of the root whose meta folder is `metaPath`, opened to write for
 * this alone, by a command that otherwise only reads (verify, restore): briefly, in one transaction
 * that SQLite orders with a running backup's. On a network root SQLite orders nothing across
 * machines, and the index is a local copy written back whole (open.ts): there it is written only
 * under the root's lock, which `takeLock` takes (without waiting: it throws when the root is in
 * use), and written back only while the lock is still held. Returns how many were marked (0 when
 * the root has no index); throws what locking, opening or writing the index threw, for the caller
 * to report.
 */
export function markCopiesInRoot(
  metaPath: string,
  found: readonly FoundCopy[],
  options: { foundBy: string; takeLock: () => { assertHeld(): void; release(): void } },
): number {
  if (found.length === 0) return 0;
  if (!BackupIndex.isIn(metaPath)) return 0;
  const network = destinationFilesystem(metaPath).network;
  const lock = network ? options.takeLock() : undefined;
  try {
    const index = BackupIndex.open(metaPath, {
      network,
      beforeWriteBack: lock ? () => lock.assertHeld() : undefined,
    });
    try {
      index.begin();
      const marked = markCopies(index, found, options);
      index.commit();
      return marked;
    } finally {
      index.close();
    }
  } finally {
    lock?.release();
  }
}
