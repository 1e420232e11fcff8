/**
 * PyHardLinkBackup's files in a snapshot that `phlb add` records (store/legacy.ts says which files
 * and how they are told from a user's).
 *
 * - The check: a file with a PyHardLinkBackup hash file `FILE.sha512` beside it (holding exactly a
 *   128-digit digest) has its sha512 taken in the same read as its sha256; a difference is damage.
 * - `--drop-legacy-files`: in a snapshot PyHardLinkBackup made (its `phlb_config.ini` or
 *   `ID summary.txt` says so), a `FILE.sha512` whose FILE was checked and matched, and the run config
 *   `phlb_config.ini`, are not recorded and are removed after the walk, so after the whole check;
 *   the folder's times are set back. A hash file whose FILE is missing, unreadable or different
 *   stays: it is the evidence of that damage. Nothing is removed while a snapshot's existing
 *   manifest has unreadable lines (then the manifest could not be written again without them).
 *
 * The walk visits FILE before `FILE.sha512` (names are sorted, and a name sorts before itself with a
 * suffix), so the hash file's verdict is known when the hash file is visited.
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { errorMessage } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import type { FileStat, FsBackend } from "../fs/native/mod.ts";
import { joinPath } from "../fs/path.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { sidecarPaths, type SnapshotDir } from "../store/layout.ts";
import {
  isLegacySnapshot,
  LEGACY_HASH_SUFFIX,
  LEGACY_RUN_CONFIG,
  type LegacyMarks,
  legacyMarks,
  parseLegacyHash,
} from "../store/legacy.ts";
import { readManifest } from "../store/manifest.ts";
import type { AddFrame } from "./links.ts";
import { type AddCallbacks, type AddProblem, type AddSummary, type PathProblem, said } from "./summary.ts";

/** What the legacy checks of one run need from it. */
export interface LegacyRunContext {
  root: string;
  fs: FsBackend;
  dryRun: boolean;
  /** `--drop-legacy-files`. */
  drop: boolean;
  summary: AddSummary;
  cb: AddCallbacks;
  problem: (p: AddProblem) => void;
  /** Puts a folder's times back after a file in it was removed. */
  restoreFolderTimes: (frame: AddFrame) => void;
}

function inodeKey(info: FileStat): string | undefined {
  return info.ino ? `${info.dev}:${info.ino}` : undefined;
}

/** The legacy checks of one `phlb add` run: the sha512 of inodes seen, across snapshots. */
export class LegacyRun {
  readonly ctx: LegacyRunContext;
  /** sha512 of inodes with more than one link, read in this run (the sha256 cache answers those unread). */
  readonly #sha512ByInode = new Map<string, string>();
  readonly #buf = new Uint8Array(1 << 20);

  constructor(ctx: LegacyRunContext) {
    this.ctx = ctx;
  }

  /** Remembers the sha512 of an inode that other paths can reach. */
  remember(info: FileStat, sha512Hex: string): void {
    const key = inodeKey(info);
    if (key !== undefined && info.nlink > 1) this.#sha512ByInode.set(key, sha512Hex);
  }

  /** The sha512 of an inode read earlier in this run, else read now. */
  sha512Of(path: string, info: FileStat): string {
    const key = inodeKey(info);
    const known = key === undefined ? undefined : this.#sha512ByInode.get(key);
    if (known !== undefined) return known;
    const hash = createHash("sha512");
    const file = this.ctx.fs.openRead(path);
    try {
      for (;;) {
        const n = file.readSync(this.#buf);
        if (n === null) break;
        hash.update(this.#buf.subarray(0, n));
      }
    } finally {
      file.close();
    }
    const hex = hash.digest("hex");
    this.remember(info, hex);
    return hex;
  }

  /**
   * Whether a recorded snapshot still holds files `--drop-legacy-files` removes: then it is
   * recorded again (read, checked, and the manifest written without them). Its summary beside it
   * alone is removed without that ({@linkcode LegacyRun.handleSummary}).
   */
  needsRescan(snap: SnapshotDir): boolean {
    if (!this.ctx.drop || !isLegacySnapshot(legacyMarks(this.ctx.root, snap))) return false;
    try {
      for (const e of readManifest(sidecarPaths(this.ctx.root, snap.name, snap.id).manifest)) {
        if (e.path === LEGACY_RUN_CONFIG || e.path.endsWith(LEGACY_HASH_SUFFIX)) return true;
      }
    } catch { /* unreadable: recording it again could not rewrite it either */ }
    return false;
  }

  /**
   * PyHardLinkBackup's `ID summary.txt` beside a snapshot just recorded, or a recorded one: counted,
   * and with `--drop-legacy-files` removed (not in a dry run).
   */
  handleSummary(snap: SnapshotDir): void {
    const summary = legacyMarks(this.ctx.root, snap).summary;
    if (summary === undefined) return;
    if (!this.ctx.drop) {
      this.ctx.summary.legacyFiles++;
      return;
    }
    if (!this.ctx.dryRun) {
      try {
        this.ctx.fs.remove(summary);
      } catch (err) {
        this.ctx.summary.legacyFiles++;
        this.ctx.problem({
          snapshot: `${snap.name}/${snap.id}`,
          path: "",
          severity: "warning",
          ...said(msg("add.legacy.cannotRemoveSummary", { path: summary, error: errorMessage(err) })),
        });
        return;
      }
    }
    this.ctx.summary.legacyDropped++;
  }
}

/** A file queued for removal, with what is needed to record it after all if it cannot be removed. */
export interface QueuedDrop {
  entry: WalkEntry;
  frame: AddFrame;
  /** Its line in the existing manifest, if it had one. */
  listedHash?: string;
}

/** The sha512 check of one file, started before it is read. */
export interface Sha512Check {
  /** Sees each chunk of the read. */
  onChunk: (chunk: Uint8Array) => void;
  /** After the read: compares, reports a difference as damage; true when they differ. */
  finish: (read: { cached: boolean }) => boolean;
}

/** PyHardLinkBackup's files in one snapshot being recorded. */
export class LegacySnapshot {
  readonly run: LegacyRun;
  readonly snap: SnapshotDir;
  readonly label: string;
  readonly marks: LegacyMarks;
  /** Made by PyHardLinkBackup, and its existing manifest (if any) can be rewritten: files may go. */
  readonly mayDrop: boolean;
  /** Per open folder (by rel): names that have a `NAME.sha512` beside them. */
  readonly #hashed = new Map<string, Set<string>>();
  /** Per open folder (by rel): `NAME.sha512` names without a NAME beside them. */
  readonly #orphans = new Map<string, Set<string>>();
  /** Hash files (rels) whose file was checked and matched, until they are visited. */
  readonly #matched = new Set<string>();
  readonly queued: QueuedDrop[] = [];
  /** Rels removed (or, in a dry run, that would be). */
  readonly dropped = new Set<string>();

  constructor(run: LegacyRun, at: { snap: SnapshotDir; manifestRewritable: boolean }) {
    this.run = run;
    this.snap = at.snap;
    this.label = `${at.snap.name}/${at.snap.id}`;
    this.marks = legacyMarks(run.ctx.root, at.snap);
    const legacy = isLegacySnapshot(this.marks);
    if (legacy) run.ctx.summary.legacySnapshots++;
    this.mayDrop = legacy && at.manifestRewritable;
    if (legacy && run.ctx.drop && !at.manifestRewritable) {
      this.#problem("", {
        severity: "warning",
        ...said(msg("add.legacy.manifestUnreadable")),
      });
    }
  }

  #problem(path: string, p: PathProblem): void {
    this.run.ctx.problem({ snapshot: this.label, path, ...p });
  }

  /** A folder's sorted names, as the walk read them: notes which names have a hash file beside them. */
  noteFolder(rel: string, names: readonly string[]): void {
    let all: Set<string> | undefined;
    for (const n of names) {
      if (n.length <= LEGACY_HASH_SUFFIX.length || !n.endsWith(LEGACY_HASH_SUFFIX)) continue;
      all ??= new Set(names);
      const base = n.slice(0, -LEGACY_HASH_SUFFIX.length);
      const into = all.has(base) ? this.#hashed : this.#orphans;
      let set = into.get(rel);
      if (!set) into.set(rel, set = new Set());
      set.add(all.has(base) ? base : n);
    }
  }

  /** A folder's walk is done. */
  leaveFolder(rel: string): void {
    this.#hashed.delete(rel);
    this.#orphans.delete(rel);
  }

  /**
   * The check of a file that has a PyHardLinkBackup hash file beside it, or undefined (none, or
   * the file beside it holds something else than a digest: a user's file, left alone).
   */
  startCheck(entry: WalkEntry, frame: AddFrame): Sha512Check | undefined {
    if (!this.#hashed.get(frame.rel)?.has(entry.name)) return undefined;
    const hashName = entry.name + LEGACY_HASH_SUFFIX;
    const expected = this.#readDigest(joinPath(frame.path, hashName));
    if (expected === undefined) return undefined;
    const hashRel = entry.rel + LEGACY_HASH_SUFFIX;
    let sha512: Hash | undefined = createHash("sha512");
    return {
      onChunk: (chunk) => sha512!.update(chunk),
      finish: ({ cached }) => {
        let got: string;
        try {
          got = cached ? this.run.sha512Of(entry.path, entry.info) : sha512!.digest("hex");
        } catch (err) {
          this.#problem(entry.rel, {
            severity: "error",
            ...said(msg("add.legacy.cannotRead", { hashName, error: errorMessage(err) })),
          });
          return false;
        } finally {
          sha512 = undefined;
        }
        if (!cached) this.run.remember(entry.info, got);
        this.run.ctx.summary.legacyChecked++;
        if (got === expected) {
          this.#matched.add(hashRel);
          return false;
        }
        this.run.ctx.summary.legacyMismatched++;
        this.#problem(entry.rel, {
          severity: "damage",
          ...said(
            msg("add.legacy.differs", { hashName, got: got.slice(0, 16), expected: expected.slice(0, 16) }),
          ),
        });
        return true;
      },
    };
  }

  /** The digest in a hash file, or undefined when it holds anything else (or cannot be read). */
  #readDigest(path: string): string | undefined {
    try {
      const info = this.run.ctx.fs.lstat(path);
      if (!info.isFile || info.size > 130) return undefined;
      const file = this.run.ctx.fs.openRead(path);
      try {
        const buf = new Uint8Array(131);
        let n = 0;
        for (;;) {
          const r = file.readSync(buf.subarray(n));
          if (r === null || r === 0) break;
          n += r;
          if (n === buf.length) return undefined;
        }
        return parseLegacyHash(buf.subarray(0, n));
      } finally {
        file.close();
      }
    } catch {
      return undefined;
    }
  }

  /**
   * Whether `entry` is one of PyHardLinkBackup's files that goes: a hash file whose file matched,
   * or the snapshot's run config. Such a file is counted; with `--drop-legacy-files` it is queued
   * for removal (and not recorded: true). Otherwise it is recorded like any file (false).
   */
  claims(entry: WalkEntry, frame: AddFrame, listedHash: string | undefined): boolean {
    if (this.#orphans.get(frame.rel)?.has(entry.name)) {
      this.#orphan(entry);
      return false;
    }
    const isHash = this.#matched.delete(entry.rel);
    const isRunConfig = !isHash && entry.rel === LEGACY_RUN_CONFIG && this.marks.runConfig !== undefined;
    if (!(isHash || isRunConfig) || !isLegacySnapshot(this.marks)) return false;
    const ctx = this.run.ctx;
    if (!ctx.drop || !this.mayDrop) {
      ctx.summary.legacyFiles++;
      return false;
    }
    this.queued.push({ entry, frame, listedHash });
    return true;
  }

  /**
   * A PyHardLinkBackup hash file whose file is not in the snapshot (deleted by hand, or lost): it
   * stays, as the only trace of that file, and is reported (in a snapshot PyHardLinkBackup made).
   */
  #orphan(entry: WalkEntry): void {
    if (!isLegacySnapshot(this.marks) || this.#readDigest(entry.path) === undefined) return;
    const name = entry.name.slice(0, -LEGACY_HASH_SUFFIX.length);
    this.#problem(entry.rel, {
      severity: "warning",
      ...said(msg("add.legacy.orphanHash", { name })),
    });
  }

  /**
   * After the walk: removes the queued files (not in a dry run) and sets their folders' times
   * back. Returns those that could not be removed, to be recorded as ordinary files.
   */
  removeQueued(): QueuedDrop[] {
    const ctx = this.run.ctx;
    const kept: QueuedDrop[] = [];
    const touched = new Set<AddFrame>();
    for (const q of this.queued) {
      if (!ctx.dryRun) {
        try {
          ctx.fs.remove(q.entry.path);
        } catch (err) {
          this.#problem(q.entry.rel, {
            severity: "warning",
            ...said(msg("add.legacy.cannotRemove", { error: errorMessage(err) })),
          });
          ctx.summary.legacyFiles++;
          kept.push(q);
          continue;
        }
        touched.add(q.frame);
      }
      this.dropped.add(q.entry.rel);
      ctx.summary.legacyDropped++;
    }
    for (const frame of touched) ctx.restoreFolderTimes(frame);
    this.queued.length = 0;
    return kept;
  }
}
