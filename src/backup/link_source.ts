/**
 * Linking a file that was read to a stored copy of the same identity (content, and with
 * DEDUP=exact the metadata on the inode): the index's link source for it, checked before use. A
 * source that no longer shows what the index recorded is dropped, and the file becomes the new
 * source. A copy found at another inode (a root copied with `cp -a`) is read once and re-recorded
 * when it holds the content; a copy left by an interrupted run is read once before any link to it.
 * @module
 */
import { dirname } from "node:path";
import { errorMessage } from "../errors.ts";
import { isNoSpace } from "../fs/classify.ts";
import { hashReaderSync } from "../fs/hash.ts";
import { tryLink } from "../fs/link.ts";
import type { BackendFile, FileStat } from "../fs/native/mod.ts";
import { baseName, joinPath, relativeInside } from "../fs/path.ts";
import { isSameInode, lstatOrUndefined } from "../fs/stat.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { sourceXattrs } from "../fs/xattrs.ts";
import type { SourceKey } from "../index/index.ts";
import { sourceCopy, sourceCopyState } from "../store/link_source.ts";
import { sameBytes } from "./fast_path.ts";
import type { BackupRun } from "./run.ts";

/** The link sources of one run. */
export class LinkSources {
  readonly #run: BackupRun;
  /** Copies in partials of interrupted runs that were read and found to hold their recorded content. */
  readonly #checkedPartialCopies = new Set<string>();
  /** Read buffer for checking stored copies (not the scratch buffer: it may hold the file being stored). */
  #checkBuffer?: Uint8Array;
  /** Link sources found at another inode than recorded, read, and found to hold their content. */
  reRecordedInodes = 0;

  constructor(run: BackupRun) {
    this.#run = run;
  }

  /**
   * Links `to.dest` to a usable stored copy of identity `to.key` (content `to.hashHex`). Returns
   * the stored inode and its lstat, or undefined when there is none (then the file is copied).
   */
  link(
    entry: WalkEntry,
    to: { key: SourceKey; dest: string; hashHex: string },
  ): { ino: number | null; stored: FileStat } | undefined {
    const run = this.#run;
    const { key, dest } = to;
    const loc = run.index.findSource(key);
    if (!loc) return undefined;
    const { path } = sourceCopy(run.rootPath, loc);
    const st = lstatOrUndefined(run.fs, path);
    const state = sourceCopyState(st, loc);
    // The stored inode must still show the mtime the index recorded for it (dedup_policy.ts; not the
    // mode: ntfs-3g and SMB show their own). A stored "copy" that is the source file itself (a tree
    // put into the root with cp -al) would make every snapshot change with the live file.
    let stale = state === "gone" || isSameInode(st!, entry.info) || run.dedup.staleMtime(st!, { key, loc });
    if (!stale && state === "moved") {
      // Another inode at the same size and mtime: the root was copied to another disk (cp -a,
      // rsync -aH), or the file was replaced. It must be inside the snapshot (no folder on the way
      // replaced by a symlink), carry the identity's xattrs (a copy without -X drops them), and,
      // read once, hold the content: then it is re-recorded and linked, instead of every file of
      // the root being copied again.
      stale = !this.#insideRoot(path) ||
        (run.dedup.xattrsMatter &&
          !sameBytes(sourceXattrs(run.fs, path).digest, key.xattrs?.length ? key.xattrs : null)) ||
        !this.#holds(path, to.hashHex);
      if (!stale) {
        run.index.setEntryIno(loc, st!.ino);
        this.reRecordedInodes++;
      }
    }
    if (stale) {
      // Deleted by hand or replaced: forget it, and this file becomes the new source.
      run.index.dropSource(key);
      return undefined;
    }
    if (st!.nlink >= run.maxLinks) return undefined;
    if (loc.status === "partial" && !(loc.backupName === run.opt.name && loc.snapId === run.snapId)) {
      // A copy left by an interrupted run was never flushed to disk (that happens at the commit):
      // after a power cut it can hold other bytes than the index says, at the same size and mtime.
      // It is read once before anything is linked to it.
      if (!this.#checkedPartialCopies.has(path)) {
        if (!this.#holds(path, to.hashHex)) {
          run.index.dropSource(key);
          run.notice(
            `${JSON.stringify(entry.rel)}: the copy "${path}", left by an interrupted run, does not hold ` +
              `what the index records (lost in a crash?); not used, copied again`,
          );
          return undefined;
        }
        this.#checkedPartialCopies.add(path);
      }
    }
    const r = tryLink(path, dest, { backend: run.fs });
    if (!r.ok) {
      if (isNoSpace(r.error)) throw run.diskFull(r.error);
      if (!r.limit) {
        run.problem({
          path: entry.rel,
          severity: "warning",
          message: `link failed, copied instead: ${errorMessage(r.error)}`,
        });
      }
      return undefined;
    }
    return { ino: st!.ino, stored: st! };
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

  /** Whether the stored file at `path` holds content `hashHex` (read whole; false if unreadable). */
  #holds(path: string, hashHex: string): boolean {
    let file: BackendFile;
    try {
      file = this.#run.fs.openRead(path);
    } catch {
      return false;
    }
    try {
      return hashReaderSync(file, { buffer: this.#checkBuffer ??= new Uint8Array(256 << 10) }).hash ===
        hashHex;
    } catch {
      return false;
    } finally {
      file.close();
    }
  }
}
