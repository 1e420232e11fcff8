/**
 * Storing one regular file. In this order: a further name of a source hardlink group becomes a
 * link to the group's stored copy; an unchanged file is linked unread (link_unread.ts); anything
 * else is read. A file read whose content and identity are stored already is linked to that copy
 * (link_source.ts); otherwise it is copied, and the copy, hashed as it is written, becomes the link
 * source of its identity. The walk's lstat is the "before" state and an fstat of the open file
 * after the read the "after": a file that changed in between is stored as read and flagged.
 * @module
 */
import { errorMessage, FatalError } from "../errors.ts";
import { isInterrupt, isNoSpace, isNotFound } from "../fs/classify.ts";
import {
  chunkBuffer,
  copyOpenFile,
  readAllSync,
  ScratchBuffer,
  writeNewFile,
  type WrittenFile,
} from "../fs/copy.ts";
import { hashReader, hexToBytes, sha256Hex } from "../fs/hash.ts";
import type { BackendFile, FileStat } from "../fs/native/mod.ts";
import { IS_WINDOWS, joinPath } from "../fs/path.ts";
import { lstatOrUndefined, modeOf } from "../fs/stat.ts";
import { recordedMtime, sameMtime } from "../fs/times.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { sourceXattrs, type XattrSet } from "../fs/xattrs.ts";
import { foreignMetaFlag } from "../store/link_source.ts";
import { contentSizesAbove } from "../index/content_sizes.ts";
import { isIndexError } from "../index/errors.ts";
import { EntryFlag } from "../index/index.ts";
import { copyTimes, type DirFrame } from "./frame.ts";
import { LargeContentSizes } from "./large_files.ts";
import type { LinkSources } from "./link_source.ts";
import type { LinkUnread } from "./link_unread.ts";
import type { AheadRead, ReadAhead } from "./read_ahead.ts";
import type { Recorder } from "./record.ts";
import type { BackupRun } from "./run.ts";

/** What reading a file found. */
interface ReadFile {
  /** The sha256 of the bytes read; "" when a large new file is hashed as it is copied (`onePass`). */
  hashHex: string;
  /** The whole file, for one that fits in memory (valid until the scratch buffer is used again). */
  buffer?: Uint8Array;
  /** A large file no stored content can match: copied while it is hashed. */
  onePass: boolean;
  /** The fstat after the read: what was read. */
  mid: FileStat;
  /** The file changed between the walk's lstat and the end of the read. */
  changed: boolean;
  /** EntryFlag.Racy when its times were too recent to trust next run, else 0. */
  racy: number;
  /** The lstat the entry is recorded with: the walk's, with the size, times, mode and owner read. */
  recordInfo: FileStat;
  /** The source's xattrs (none without the native backend): part of the identity. */
  xattrs?: XattrSet;
}

/** Stores the regular files of one run. */
export class FileStore {
  readonly #run: BackupRun;
  readonly #record: Recorder;
  readonly #unread: LinkUnread;
  readonly #sources: LinkSources;
  /** One read buffer for every file: fresh memory costs a page fault per 4 KiB. */
  readonly #scratch: ScratchBuffer;
  /** Which files over smallFileBytes are surely new content, copied in one pass (large_files.ts). */
  readonly #largeSizes: LargeContentSizes;
  /** Reads of the next small files, started ahead (read_ahead.ts); only in runs that read every file. */
  readAhead?: ReadAhead<BackendFile>;

  constructor(run: BackupRun, parts: { record: Recorder; unread: LinkUnread; sources: LinkSources }) {
    this.#run = run;
    this.#record = parts.record;
    this.#unread = parts.unread;
    this.#sources = parts.sources;
    // Sized for the largest in-memory file at once: pages only become resident when a file that
    // large is read, and there is no trail of outgrown buffers waiting for the collector.
    this.#scratch = new ScratchBuffer(Math.max(run.smallFileBytes + 1, 1 << 20));
    this.#largeSizes = new LargeContentSizes(() => contentSizesAbove(run.index, run.smallFileBytes));
  }

  /** Stores one file. Returns a promise only when the file is read (linked files stay synchronous). */
  store(entry: WalkEntry, dir: DirFrame): Promise<void> | undefined {
    // A second link of a source hardlink group: the same inode in the snapshot.
    if (
      entry.info.nlink > 1 && this.#record.linkToGroup(entry, { dir, dest: joinPath(dir.dest, entry.name) })
    ) {
      return;
    }
    if (!this.#run.opt.checksum && this.#unread.link(entry, dir)) return;
    return this.#readAndStore(entry, dir);
  }

  async #readAndStore(entry: WalkEntry, dir: DirFrame): Promise<void> {
    const run = this.#run;
    const dest = joinPath(dir.dest, entry.name);
    const pending = this.readAhead?.take(entry.path);
    const ahead = pending ? await pending : undefined;
    let file: BackendFile;
    try {
      if (ahead && !ahead.ok && ahead.stage === "open") throw ahead.error;
      file = ahead && "file" in ahead ? ahead.file : run.fs.openRead(entry.path);
    } catch (err) {
      run.problem({
        path: entry.rel,
        severity: isNotFound(err) ? "warning" : "error",
        message: isNotFound(err) ? "vanished during the backup" : `cannot read: ${errorMessage(err)}`,
      });
      return;
    }
    let wroteDest = false;
    try {
      if (ahead && !ahead.ok) throw ahead.error;
      const read = await this.#read(entry, { file, ahead });
      // undefined: not looked up; null: looked up and not in the index.
      let knownContentId: number | null | undefined;
      if (!read.changed && !read.onePass) {
        knownContentId = run.index.findContentId(hexToBytes(read.hashHex), read.recordInfo.size) ?? null;
        if (
          knownContentId !== null &&
          this.#linkByContent(entry, { dir, dest, read, contentId: knownContentId })
        ) {
          return;
        }
      }
      wroteDest = true;
      await this.#copy(entry, { dir, dest, file, read, knownContentId });
    } catch (err) {
      if (isInterrupt(err)) throw err;
      // Remove a half-written copy, but never a file this call did not create (AlreadyExists).
      if (wroteDest && !(err instanceof Deno.errors.AlreadyExists)) {
        try {
          run.fs.remove(dest);
        } catch { /* nothing written */ }
      }
      if (isNoSpace(err)) throw run.diskFull(err);
      // The index failing is not this file's problem: it stops the run (see BackupRun.explain).
      if (err instanceof FatalError || isIndexError(err)) throw err;
      run.problem({ path: entry.rel, severity: "error", message: `cannot back up: ${errorMessage(err)}` });
    } finally {
      file.close();
    }
  }

  /** Reads (or takes the read-ahead bytes of) a file: its hash, bytes, and what changed while read. */
  async #read(
    entry: WalkEntry,
    from: { file: BackendFile; ahead: AheadRead<BackendFile> | undefined },
  ): Promise<ReadFile> {
    const run = this.#run;
    const { file, ahead } = from;
    const pre = entry.info;
    let hashHex: string;
    let buffer: Uint8Array | undefined;
    // A large file no stored content could match is copied while it is hashed (large_files.ts).
    const onePass = pre.size > run.smallFileBytes && this.#largeSizes.isNew(pre.size);
    if (ahead?.ok && ahead.complete) {
      buffer = ahead.bytes;
      hashHex = ahead.hashHex;
    } else if (pre.size <= run.smallFileBytes) {
      // Also a file read ahead that grew: read whole here, from its start.
      if (ahead) file.seekSync(0, Deno.SeekMode.Start);
      buffer = readAllSync(file, pre.size, this.#scratch);
      hashHex = sha256Hex(buffer);
    } else if (onePass) {
      hashHex = ""; // the copy's
    } else {
      hashHex = (await hashReader(file, { buffer: chunkBuffer(this.#scratch), signal: run.opt.signal })).hash;
    }
    const mid = file.stat();
    const changed = mid.size !== pre.size || mid.mtimeMs !== pre.mtimeMs || mid.mtimeNsec !== pre.mtimeNsec ||
      mid.ino !== pre.ino || (buffer !== undefined && buffer.length !== pre.size);
    const recordInfo: FileStat = {
      ...pre,
      size: buffer ? buffer.length : mid.size,
      mtimeSec: mid.mtimeSec,
      mtimeNsec: mid.mtimeNsec,
      mtimeMs: mid.mtimeMs,
      mode: mid.mode,
      uid: mid.uid,
      gid: mid.gid,
    };
    const xattrs = run.fs.fidelity.xattrs ? sourceXattrs(run.fs, entry.path) : undefined;
    return { hashHex, buffer, onePass, mid, changed, racy: this.#racy(mid), recordInfo, xattrs };
  }

  /**
   * Millisecond mtimes, whole-second ctimes and 2-second FAT times cannot tell a rewrite that lands
   * right after this read: such a recent file is read again next run. Through the Deno API the
   * ctime too: there it has whole seconds, so a rewrite in place with the mtime set back, in the
   * same second, would keep it (a second is added for the part it drops). With nanosecond ctimes
   * the fast path sees such a rewrite.
   */
  #racy(mid: FileStat): number {
    const run = this.#run;
    const nowMs = Date.now();
    const coarseCtime = !run.fs.fidelity.nanosecondTimes && run.racyWindowMs > 0;
    return nowMs - mid.mtimeMs < run.racyWindowMs ||
        (coarseCtime && nowMs - mid.ctimeMs < run.racyWindowMs + 1000)
      ? EntryFlag.Racy
      : 0;
  }

  /** Links a read file to a stored copy of its identity and records it; false when there is none. */
  #linkByContent(
    entry: WalkEntry,
    at: { dir: DirFrame; dest: string; read: ReadFile; contentId: number },
  ): boolean {
    const run = this.#run;
    const { read, contentId } = at;
    const info = read.recordInfo;
    const key = run.dedup.key(contentId, info, read.xattrs?.digest ?? null);
    const linked = this.#sources.link(entry, {
      key,
      dest: at.dest,
      hashHex: read.hashHex,
      xattrs: read.xattrs?.list,
    });
    if (!linked) return false;
    run.summary.dedupLinked++;
    run.summary.dedupBytes += info.size;
    this.#record.file(entry, {
      dir: at.dir,
      info,
      contentId,
      hashHex: read.hashHex,
      ino: linked.ino,
      flags: read.racy | this.#metaFlags(linked.stored, info),
      xattrs: read.xattrs?.digest ?? null,
    });
    this.#warnIfSwapped(entry);
    return true;
  }

  /**
   * How the stored inode a file was linked to relates to the file's entry. With DEDUP=content it may
   * show another file's mode, mtime or owner: flag 8. With DEDUP=exact the identity is the same
   * (the link source was checked), and only a destination that shows its own mode or owner can make
   * them differ: flag 32 (store/link_source.ts).
   */
  #metaFlags(stored: FileStat, info: FileStat): number {
    const run = this.#run;
    if (run.dedup.mode === "content") {
      const ns = run.fs.fidelity.nanosecondTimes;
      return !sameMtime(
          recordedMtime(stored, ns),
          recordedMtime(info, ns),
          run.identity.storedTimeGranularityNs,
        ) ||
          modeOf(stored) !== modeOf(info) ||
          (run.asRoot && (stored.uid !== info.uid || stored.gid !== info.gid))
        ? EntryFlag.SharedMeta
        : 0;
    }
    return foreignMetaFlag(stored, { mode: modeOf(info), ...run.ownerOf(info) }, { asRoot: run.asRoot });
  }

  /**
   * A new copy. Its bytes are hashed as written, so the manifest matches what is stored. It is
   * created with the source's mode and times (setting owner, mode or xattrs later leaves the mtime
   * alone); chmod and chown run only when the umask or the owner made it differ.
   */
  async #copy(
    entry: WalkEntry,
    at: {
      dir: DirFrame;
      dest: string;
      file: BackendFile;
      read: ReadFile;
      knownContentId: number | null | undefined;
    },
  ): Promise<void> {
    const run = this.#run;
    const { dest, file, read } = at;
    const { mid, recordInfo } = read;
    let changed = read.changed;
    let hashHex = read.hashHex;
    let knownContentId = at.knownContentId;
    const mode = modeOf(mid);
    const times = copyTimes(mid);
    let written: WrittenFile;
    if (read.buffer) {
      written = writeNewFile(dest, read.buffer, times, { mode, backend: run.fs });
    } else {
      file.seekSync(0, Deno.SeekMode.Start);
      const copied = await copyOpenFile(file, dest, times, {
        signal: run.opt.signal,
        scratch: this.#scratch,
        mode,
        backend: run.fs,
      });
      if (read.onePass ? copied.sizeBytes !== mid.size : copied.hash !== hashHex) {
        changed = true;
        knownContentId = undefined;
      }
      hashHex = copied.hash;
      written = copied;
      const post = file.stat();
      if (post.size !== mid.size || post.mtimeMs !== mid.mtimeMs || post.mtimeNsec !== mid.mtimeNsec) {
        changed = true;
      }
    }
    const sizeBytes = recordInfo.size;
    recordInfo.size = written.sizeBytes;
    let chowned = false;
    if (run.asRoot && mid.uid >= 0 && mid.gid >= 0 && (written.uid !== mid.uid || written.gid !== mid.gid)) {
      run.fs.chown(dest, { uid: mid.uid, gid: mid.gid });
      chowned = true;
    }
    // chown clears set-id bits, so the mode is set again after it.
    const chmodded = !IS_WINDOWS && (chowned || written.mode !== mode);
    if (chmodded) run.fs.chmod(dest, mode);
    // What the copy shows: as created (then it is the mode and owner asked for), or after a chown or
    // chmod as the destination took them: ntfs-3g and SMB mounts ignore both, and the entry then says
    // so (flag 32, store/link_source.ts). Windows does not report the mode of a new file (a read-only
    // source's copy is not read-only): there it is looked at too.
    const shown = chowned || chmodded || written.mode === null ? lstatOrUndefined(run.fs, dest) : undefined;
    const foreign = shown ? foreignMetaFlag(shown, { mode, ...run.ownerOf(mid) }, { asRoot: run.asRoot }) : 0;
    // After the owner: a chown clears security.capability.
    const storedXattrs = read.xattrs
      ? run.applyXattrs(dest, { rel: entry.rel, list: read.xattrs.list })
      : null;
    const contentId = knownContentId !== undefined && written.sizeBytes === sizeBytes
      ? knownContentId ?? run.index.addContent(hexToBytes(hashHex), written.sizeBytes)
      : run.index.contentId(hexToBytes(hashHex), written.sizeBytes);
    if (written.sizeBytes > run.smallFileBytes) this.#largeSizes.add(written.sizeBytes);
    this.#record.file(entry, {
      dir: at.dir,
      info: recordInfo,
      contentId,
      hashHex,
      ino: written.ino,
      flags: EntryFlag.Written | (changed ? EntryFlag.Unstable : 0) | read.racy | foreign,
      xattrs: storedXattrs,
    });
    if (changed) {
      run.problem({
        path: entry.rel,
        severity: "warning",
        message: "changed while it was read: the stored copy is what was read, and the manifest hash " +
          "matches it; the next run reads it again",
      });
    } else {
      run.index.setSource(run.dedup.key(contentId, recordInfo, storedXattrs), {
        snapshotId: run.snapshotId,
        dirId: at.dir.dirId,
        name: entry.name,
      });
      this.#warnIfSwapped(entry);
    }
    run.summary.copied++;
    run.summary.copiedBytes += written.sizeBytes;
  }

  /**
   * Warns when the path no longer names the inode that was read: the file was deleted, or another
   * file was renamed over it, while it was read. The open inode was read whole and stored as it
   * was, so nothing is wrong with the copy, but the snapshot does not hold what the path names now.
   */
  #warnIfSwapped(entry: WalkEntry): void {
    const read = entry.info;
    const now = lstatOrUndefined(this.#run.fs, entry.path);
    if (now && now.ino === read.ino && now.dev === read.dev) return;
    this.#run.problem({
      path: entry.rel,
      severity: "warning",
      message: `${now ? "replaced" : "deleted"} while it was read: the snapshot holds the version that was ` +
        "opened, whole and as the manifest says",
    });
  }
}
