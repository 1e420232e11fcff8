/**
 * Linking a file that was read to a stored copy of the same identity (content, and with
 * DEDUP=exact the metadata on the inode): the index's link source for it, checked before use. A
 * stored copy is used only when it still shows what the index recorded for it: size, mtime, mode
 * and (as root) owner (store/link_source.ts has the rule for destinations that show their own),
 * the identity's xattrs, and no damage mark. With `--checksum` its bytes are read first, too.
 *
 * A source that fails is dropped; another recorded copy of the identity is tried (the index knows
 * every path of a content: a file deleted by hand from the oldest snapshot is still stored under
 * later ones) before the file is copied and becomes the new source. A copy found at another inode
 * (a root copied with `cp -a`) is read once and re-recorded when it holds the content; a copy left
 * by an interrupted run is read once before any link to it.
 * @module
 */
import { dirname } from "node:path";
import { errorMessage, itemProblem } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { isNoSpace } from "../fs/classify.ts";
import { hashReaderSync } from "../fs/hash.ts";
import { tryLink } from "../fs/link.ts";
import type { BackendFile, FileStat, Xattr } from "../fs/native/mod.ts";
import { baseName, joinPath, relativeInside } from "../fs/path.ts";
import { isSameInode, lstatOrUndefined } from "../fs/stat.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { sourceXattrs } from "../fs/xattrs.ts";
import { copiesWithIdentity } from "../index/copies.ts";
import { markDamaged } from "../index/damage.ts";
import type { SourceKey, SourceLocation } from "../index/index.ts";
import { showsRecordedMeta, sourceCopy, sourceCopyState } from "../store/link_source.ts";
import { sameBytes } from "./fast_path.ts";
import type { BackupRun } from "./run.ts";

/** Other recorded copies tried when the link source is gone or differs, before the file is copied. */
const OTHER_COPIES_TRIED = 8;

/** A stored copy linked to: its inode and lstat. */
export interface LinkedCopy {
  ino: number | null;
  stored: FileStat;
}

/** Why a stored copy was not linked: copy the file now, or this path (or its whole inode) is unusable. */
type Unused = "copy" | "bad-path" | "bad-inode";

/** The link sources of one run. */
export class LinkSources {
  readonly #run: BackupRun;
  /** Stored inodes read in this run and found to hold their recorded content (`dev:ino`). */
  readonly #checkedCopies = new Set<string>();
  /** Read buffer for checking stored copies (not the scratch buffer: it may hold the file being stored). */
  #checkBuffer?: Uint8Array;
  /** Link sources found at another inode than recorded, read, and found to hold their content. */
  reRecordedInodes = 0;

  constructor(run: BackupRun) {
    this.#run = run;
  }

  /**
   * Links `to.dest` to a usable stored copy of identity `to.key` (content `to.hashHex`, xattrs
   * `to.xattrs`). Returns the stored inode and its lstat, or undefined when there is none (then
   * the file is copied, and the copy becomes the source).
   */
  link(
    entry: WalkEntry,
    to: { key: SourceKey; dest: string; hashHex: string; xattrs?: readonly Xattr[] },
  ): LinkedCopy | undefined {
    const run = this.#run;
    const loc = run.index.findSource(to.key);
    if (!loc) return undefined;
    const first = this.#use(entry, { loc, to, recorded: true });
    if (first === "copy") return undefined;
    if (typeof first === "object") return first;
    // Deleted by hand, replaced, changed or damaged: forget it, and try the identity's other copies.
    run.index.dropSource(to.key);
    const badInodes = new Set<number>();
    if (first === "bad-inode" && loc.ino !== null) badInodes.add(loc.ino);
    const contentOnly = run.dedup.mode === "content";
    for (const other of copiesWithIdentity(run.index, to.key, { contentOnly, limit: OTHER_COPIES_TRIED })) {
      if (sameEntry(other, loc) || (other.ino !== null && badInodes.has(other.ino))) continue;
      const r = this.#use(entry, { loc: other, to, recorded: false });
      if (r === "copy") return undefined;
      if (typeof r === "object") {
        run.index.setSource(to.key, other);
        return r;
      }
      if (r === "bad-inode" && other.ino !== null) badInodes.add(other.ino);
    }
    return undefined;
  }

  /**
   * Links `to.dest` to the stored copy of `at.loc` when it is usable. `at.recorded`: `loc` is the
   * source row (a copy at another inode may be re-recorded; a partial's copy is read first); other
   * copies must be at their recorded inode in a complete snapshot.
   */
  #use(
    entry: WalkEntry,
    at: {
      loc: SourceLocation;
      to: { key: SourceKey; dest: string; hashHex: string; xattrs?: readonly Xattr[] };
      recorded: boolean;
    },
  ): LinkedCopy | Unused {
    const run = this.#run;
    const { loc, to } = at;
    const { key } = to;
    const { path, label } = sourceCopy(run.rootPath, loc);
    const st = lstatOrUndefined(run.fs, path);
    const state = sourceCopyState(st, loc);
    if (state === "gone" || (state === "moved" && !at.recorded)) return "bad-path";
    // A stored "copy" that is the source file itself (a tree put into the root with cp -al) would
    // make every snapshot change with the live file.
    if (isSameInode(st!, entry.info)) return "bad-path";
    // The stored inode must still show what the index recorded for it (dedup_policy.ts, and
    // store/link_source.ts for mode and owner), carry the identity's xattrs, and not be damaged.
    if (
      run.damaged.has(st!.ino, key.contentId) || run.dedup.staleMtime(st!, { key, loc }) ||
      !showsRecordedMeta(st!, loc, { asRoot: run.asRoot }) || !this.#carries(path, to.xattrs)
    ) {
      run.storedDiffers.note(entry.rel);
      return "bad-inode";
    }
    if (state === "moved") {
      // Another inode at the same size and mtime: the root was copied to another disk (cp -a,
      // rsync -aH), or the file was replaced. It must be inside the snapshot (no folder on the way
      // replaced by a symlink), carry the identity's xattrs (a copy without -X drops them), and,
      // read once, hold the content: then it is re-recorded and linked, instead of every file of
      // the root being copied again.
      const usable = this.#insideRoot(path) &&
        (!run.dedup.xattrsMatter ||
          sameBytes(sourceXattrs(run.fs, path).digest, key.xattrs?.length ? key.xattrs : null)) &&
        this.#holds(path, { stored: st!, hashHex: to.hashHex });
      if (!usable) return "bad-path";
      run.index.setEntryIno(loc, st!.ino);
      this.reRecordedInodes++;
    }
    if (st!.nlink >= run.maxLinks) return "copy";
    if (
      at.recorded && loc.status === "partial" &&
      !(loc.backupName === run.opt.name && loc.snapId === run.snapId)
    ) {
      // A copy left by an interrupted run was never flushed to disk (that happens at the commit):
      // after a power cut it can hold other bytes than the index says, at the same size and mtime.
      // It is read once before anything is linked to it.
      if (!this.#holds(path, { stored: st!, hashHex: to.hashHex })) {
        run.notice(msg("backup.notice.partialCopyDiffers", { rel: JSON.stringify(entry.rel), path }));
        return "bad-inode";
      }
    } else if (run.opt.checksum && !this.#holds(path, { stored: st!, hashHex: to.hashHex })) {
      // --checksum trusts nothing: a stored copy is linked only once its bytes were read and match.
      markDamaged(run.index, {
        contentId: key.contentId,
        ino: st!.ino,
        foundBy: "backup",
        problem: "content",
        path: label,
      });
      run.damaged.add(st!.ino, key.contentId);
      run.storedDiffers.note(entry.rel);
      run.notice(msg("backup.notice.storedCopyDamaged", { path: label, rel: JSON.stringify(entry.rel) }));
      return "bad-inode";
    }
    const r = tryLink(path, to.dest, { backend: run.fs });
    if (!r.ok) {
      if (isNoSpace(r.error)) throw run.diskFull(r.error);
      if (!r.limit) {
        run.problem(
          itemProblem(
            entry.rel,
            "warning",
            msg("backup.problem.linkFailed", { error: errorMessage(r.error) }),
          ),
        );
      }
      return "copy";
    }
    return { ino: st!.ino, stored: st! };
  }

  /**
   * Whether the stored file at `path` carries each xattr of the identity, with its value (read
   * only when the identity has xattrs). Ones the destination adds itself (an inherited ACL, a
   * security label) are not compared: they are the destination's, not the identity's.
   */
  #carries(path: string, xattrs: readonly Xattr[] | undefined): boolean {
    const run = this.#run;
    if (!xattrs || xattrs.length === 0 || !run.dedup.xattrsMatter || !run.fs.fidelity.xattrs) return true;
    const stored = new Map(sourceXattrs(run.fs, path).list.map((x) => [x.name, x.value]));
    return xattrs.every((x) => {
      const v = stored.get(x.name);
      return v !== undefined && sameBytes(v, x.value);
    });
  }

  /** Whether `path`, its folders' symlinks resolved, is inside the backup root. */
  #insideRoot(path: string): boolean {
    try {
      const real = joinPath(Deno.realPathSync(dirname(path)), baseName(path));
      return relativeInside(this.#run.rootPath, real) !== undefined;
    } catch {
      return false; // a name Deno cannot resolve: not trusted
    }
  }

  /**
   * Whether the stored file at `path` (lstat `stored`) holds content `hashHex`: read whole once
   * per run and inode; false if unreadable.
   */
  #holds(path: string, at: { stored: FileStat; hashHex: string }): boolean {
    const inode = `${at.stored.dev}:${at.stored.ino}:${at.hashHex}`;
    if (at.stored.ino !== 0 && this.#checkedCopies.has(inode)) return true;
    let file: BackendFile;
    try {
      file = this.#run.fs.openRead(path);
    } catch {
      return false;
    }
    try {
      const ok = hashReaderSync(file, { buffer: this.#checkBuffer ??= new Uint8Array(256 << 10) }).hash ===
        at.hashHex;
      if (ok && at.stored.ino !== 0) this.#checkedCopies.add(inode);
      return ok;
    } catch {
      return false;
    } finally {
      file.close();
    }
  }
}

function sameEntry(a: SourceLocation, b: SourceLocation): boolean {
  return a.snapshotId === b.snapshotId && a.dirId === b.dirId && a.name === b.name;
}
