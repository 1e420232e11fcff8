/**
 * Storing one regular file. In this order: a further name of a source hardlink group becomes a
 * link to the group's stored copy; an unchanged file is linked unread (link_unread.ts); anything
 * else is read. A file read whose content and identity are stored already is linked to that copy
 * (link_source.ts); otherwise it is copied, and the copy, hashed as it is written, becomes the link
 * source of its identity. The walk's lstat is the "before" state and an fstat of the open file
 * after the read the "after": a file that changed in between is stored as read and flagged.
 *
 * The bytes are read, hashed and written by a content runner (fs/content_pool.ts): a pool of
 * workers in runs that read every file, the main thread otherwise. Everything else happens here,
 * on the main thread, in walk order (pipeline.ts): a read file first decides, in order, whether it
 * is surely new content (neither in the index nor held by an earlier file still in flight: then
 * its write starts at once) or whether the link decision must wait until every earlier file is
 * recorded; then it finishes, in order. So a run stores the same links, copies, rows and manifest
 * whatever the number of workers, and two identical new files read at once end as one inode.
 * @module
 */
import { errorMessage, FatalError, itemProblem } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { isInterrupt, isNoSpace, isNotFound } from "../fs/classify.ts";
import type {
  ContentRunner,
  CopyDone,
  HashDone,
  JobFailed,
  JobResult,
  JobTarget,
  ReadDone,
  SourceFacts,
  WriteDone,
} from "../fs/content_pool.ts";
import { writeNewFile, type WrittenFile } from "../fs/copy.ts";
import { hexToBytes } from "../fs/hash.ts";
import type { FileStat } from "../fs/native/mod.ts";
import { IS_WINDOWS, joinPath } from "../fs/path.ts";
import { lstatOrUndefined, modeOf } from "../fs/stat.ts";
import { recordedMtime, sameMtime } from "../fs/times.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { digestOf, type XattrSet } from "../fs/xattrs.ts";
import { foreignMetaFlag } from "../store/link_source.ts";
import { contentSizesAbove } from "../index/content_sizes.ts";
import { isIndexError } from "../index/errors.ts";
import { EntryFlag } from "../index/index.ts";
import { copyTimes, type DirFrame } from "./frame.ts";
import { LargeContentSizes } from "./large_files.ts";
import type { LinkSources } from "./link_source.ts";
import type { LinkUnread } from "./link_unread.ts";
import type { OrderedStages, Step } from "./pipeline.ts";
import type { Recorder } from "./record.ts";
import type { BackupRun } from "./run.ts";

/** What reading a file found. */
interface ReadFile {
  /** The sha256 of the bytes read; "" for a large new file hashed as it is copied (`onePass`). */
  hashHex: string;
  /** The whole file, for one that fits in memory. */
  bytes?: Uint8Array;
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
  /** What the path named after the read (undefined: nothing). */
  now?: { ino: number; dev: number };
  /** The content key this file holds while it is in flight (see FileStore's held keys). */
  heldKey?: string;
  /** A large file hashed and kept open by the runner, to be copied or closed. */
  handle?: number;
}

/** Told of nothing: for a close, whose end no one waits for. */
const IGNORED: JobTarget = { jobDone: () => {}, jobFailed: () => {} };

/** How a file read in the pool goes on, decided in walk order. */
type Plan =
  | { kind: "failed"; failed: JobFailed }
  /** Surely new content: its copy was started (a write of its bytes, or a copy of a large file). */
  | { kind: "copying"; read: ReadFile }
  /** Its content may be stored already, or may be by an earlier file in flight: decided when it finishes. */
  | { kind: "deferred"; read: ReadFile };

/** What a file item's first job is: a read whole, a hash, or a one-pass copy. */
type FirstJob = "read" | "hash" | "copy";

/** A file read through the content runner: an item of the pipeline, told of its jobs by callback. */
class FileItem implements Step, JobTarget {
  /** The first job's result (read, hash, or one-pass copy). */
  result?: ReadDone | HashDone | CopyDone | JobFailed;
  plan?: Plan;
  /** The copy's result: the write or copy started when it decided (a one-pass copy's own result). */
  copied?: WriteDone | CopyDone | JobFailed;

  constructor(
    readonly store: FileStore,
    readonly entry: WalkEntry,
    readonly dir: DirFrame,
    readonly dest: string,
    readonly first: FirstJob,
    readonly bytes: number,
  ) {}

  jobDone(result: JobResult, tag: number): void {
    if (tag === 0) this.result = result as FileItem["result"];
    else this.copied = result as FileItem["copied"];
    this.store.poke();
  }

  jobFailed(err: unknown): void {
    this.store.fail(err);
  }

  decidable(): boolean {
    return this.result !== undefined;
  }

  decide(): void {
    this.plan = this.store.decideItem(this);
  }

  finishable(): boolean {
    return this.plan!.kind !== "copying" || this.copied !== undefined;
  }

  finish(): void | Promise<void> {
    return this.store.finishItem(this);
  }
}

/**
 * Items pending in the pipeline per worker, and the bytes of small files they hold. Small on
 * purpose: an item lives until the items before it are recorded, and the longer it lives the
 * likelier the garbage collector moves it to the old generation (measured on the benchmark tree,
 * 1 worker: 256 items gave 37 MB promoted and a 33 MB heap peak, 32 items 15 MB and 18 MB, for
 * about 5% more main-thread CPU).
 */
const ITEMS_PER_WORKER = 32;
const BYTES_PER_WORKER = 2 << 20;

/** Stores the regular files of one run. */
export class FileStore {
  readonly #run: BackupRun;
  readonly #record: Recorder;
  readonly #unread: LinkUnread;
  readonly #sources: LinkSources;
  /** Which files over smallFileBytes are surely new content, copied in one pass (large_files.ts). */
  readonly #largeSizes: LargeContentSizes;
  #runner!: ContentRunner;
  #stages!: OrderedStages;
  /** Content keys (`hash:size`) of files read and not finished: a later file of one waits to decide. */
  readonly #heldKeys = new Map<string, number>();
  /** Sizes of large files in flight (their content not known yet, or not recorded yet). */
  readonly #largeInFlight = new Map<number, number>();
  /** Source hardlink groups (dev:ino) the walk has met: their further names wait for the first. */
  readonly #groupsMet = new Set<string>();

  constructor(run: BackupRun, parts: { record: Recorder; unread: LinkUnread; sources: LinkSources }) {
    this.#run = run;
    this.#record = parts.record;
    this.#unread = parts.unread;
    this.#sources = parts.sources;
    this.#largeSizes = new LargeContentSizes(() => contentSizesAbove(run.index, run.smallFileBytes));
  }

  /** The window of a pipeline for `workers` workers (0: the main thread, one file at a time). */
  static window(workers: number): { maxItems: number; maxBytes: number } {
    return workers === 0
      ? { maxItems: 1, maxBytes: Infinity }
      : { maxItems: ITEMS_PER_WORKER * workers, maxBytes: BYTES_PER_WORKER * workers };
  }

  /** Where the bytes go, and the order things happen in: set before the walk. */
  use(runner: ContentRunner, stages: OrderedStages): void {
    this.#runner = runner;
    this.#stages = stages;
  }

  /**
   * Stores one file: at once when it needs no read and nothing is pending, else through the
   * pipeline. Returns a promise when the walk must wait for room.
   */
  store(entry: WalkEntry, dir: DirFrame): Promise<void> | undefined {
    const stages = this.#stages;
    const info = entry.info;
    let later = false;
    if (info.nlink > 1 && info.ino !== 0) {
      const group = `${info.dev}:${info.ino}`;
      // A further name: linked to the group's copy once the first name is recorded.
      later = this.#groupsMet.has(group);
      this.#groupsMet.add(group);
    }
    // The fast path links and records: in order, so at once only when nothing is pending.
    const unread = !this.#run.opt.checksum && this.#run.prevRow !== undefined;
    if (!later && unread && stages.idle && this.#unread.link(entry, dir)) return;
    if (later || (unread && !stages.idle)) {
      // Its turn comes after what is pending; if it must be read then, every later decision waits.
      this.#holdLarge(info.size);
      stages.pushFinish(() => this.#storeLater(entry, dir), { barrier: true });
    } else {
      this.#read(entry, dir);
    }
    return stages.room();
  }

  /** Starts reading a file and puts it in the pipeline. */
  #read(entry: WalkEntry, dir: DirFrame): void {
    const run = this.#run;
    const pre = entry.info;
    const dest = joinPath(dir.dest, entry.name);
    let item: FileItem;
    if (pre.size <= run.smallFileBytes) {
      item = new FileItem(this, entry, dir, dest, "read", pre.size);
      this.#runner.submit({ kind: "read", path: entry.path, sizeBytes: pre.size, facts: true }, item, 0);
    } else if (this.#largeSizes.isNew(pre.size) && !this.#largeInFlight.has(pre.size)) {
      // A large file no stored content, and no file in flight, could match: copied in one pass.
      this.#holdLarge(pre.size);
      item = new FileItem(this, entry, dir, dest, "copy", 0);
      this.#runner.submit({ kind: "copy", path: entry.path, dest, facts: true }, item, 0);
    } else {
      this.#holdLarge(pre.size);
      item = new FileItem(this, entry, dir, dest, "hash", 0);
      this.#runner.submit({ kind: "hash", path: entry.path, facts: true, keep: true }, item, 0);
    }
    this.#stages.push(item);
  }

  /** For the items: runs what can run now. */
  poke(): void {
    this.#stages.poke();
  }

  /** For the items: a job's failure that ends the run (an abort, a dead worker). */
  fail(err: unknown): void {
    this.#stages.fail(err);
  }

  #holdLarge(sizeBytes: number): void {
    if (sizeBytes <= this.#run.smallFileBytes) return;
    this.#largeInFlight.set(sizeBytes, (this.#largeInFlight.get(sizeBytes) ?? 0) + 1);
  }

  #releaseLarge(sizeBytes: number): void {
    if (sizeBytes <= this.#run.smallFileBytes) return;
    const n = this.#largeInFlight.get(sizeBytes)! - 1;
    if (n === 0) this.#largeInFlight.delete(sizeBytes);
    else this.#largeInFlight.set(sizeBytes, n);
  }

  /** What a read found, against the walk's lstat. `hashHex` "" for a one-pass copy (known after it). */
  #readOf(entry: WalkEntry, r: SourceFacts & { bytes?: Uint8Array }, hashHex: string): ReadFile {
    const run = this.#run;
    const pre = entry.info;
    const mid = r.mid;
    const bytes = r.bytes;
    const changed = mid.size !== pre.size || mid.mtimeMs !== pre.mtimeMs || mid.mtimeNsec !== pre.mtimeNsec ||
      mid.ino !== pre.ino || (bytes !== undefined && bytes.length !== pre.size);
    const recordInfo: FileStat = {
      ...pre,
      size: bytes ? bytes.length : mid.size,
      mtimeSec: mid.mtimeSec,
      mtimeNsec: mid.mtimeNsec,
      mtimeMs: mid.mtimeMs,
      mode: mid.mode,
      uid: mid.uid,
      gid: mid.gid,
    };
    const xattrs = r.xattrs && run.fs.fidelity.xattrs
      ? { list: r.xattrs, digest: digestOf(r.xattrs) }
      : undefined;
    return {
      hashHex,
      bytes,
      mid,
      changed,
      racy: this.#racy(mid, r.readAtMs),
      recordInfo,
      xattrs,
      now: r.now,
      handle: (r as { handle?: number }).handle,
    };
  }

  /**
   * Stage 1, in walk order: a file read whole or hashed is surely new content when neither the
   * index nor an earlier file in flight holds its content (nor a large file of its size whose
   * content is not known yet); then its copy starts now. Otherwise it is decided when it finishes,
   * when every earlier file is recorded, as one file at a time would be.
   */
  decideItem(item: FileItem): Plan {
    const r = item.result!;
    if (!r.ok) return { kind: "failed", failed: r };
    if (item.first === "copy") {
      // Copied already, in one pass: its hash is known once copied.
      item.copied = r as CopyDone;
      return { kind: "copying", read: this.#readOf(item.entry, r, "") };
    }
    const entry = item.entry;
    const read = this.#readOf(entry, r, (r as ReadDone | HashDone).hashHex);
    const size = read.recordInfo.size;
    const key = `${read.hashHex}:${size}`;
    const held = this.#heldKeys.get(key) ?? 0;
    this.#heldKeys.set(key, held + 1);
    read.heldKey = key;
    const largeHeld = (this.#largeInFlight.get(size) ?? 0) > (size > this.#run.smallFileBytes ? 1 : 0);
    if (
      !read.changed &&
      (held > 0 || largeHeld || this.#run.index.findContentId(hexToBytes(read.hashHex), size) !== undefined)
    ) {
      return { kind: "deferred", read };
    }
    const mode = modeOf(read.mid);
    if (read.bytes) {
      const times = copyTimes(read.mid);
      this.#runner.submit({ kind: "write", dest: item.dest, bytes: read.bytes, mode, times }, item, 1, true);
      // Its bytes are the write's now (moved to a worker): not used here again.
      if (this.#runner.ownsBytes) read.bytes = undefined;
    } else {
      // Copied from the file as it was opened and hashed, even if its path is gone since.
      this.#runner.submit(
        { kind: "copyOpen", handle: read.handle!, dest: item.dest, path: item.entry.path },
        item,
        1,
        true,
      );
      read.handle = undefined;
    }
    return { kind: "copying", read };
  }

  #release(read: ReadFile): void {
    if (read.handle !== undefined) {
      this.#runner.submit({ kind: "close", handle: read.handle }, IGNORED, 0);
      read.handle = undefined;
    }
    if (read.heldKey !== undefined) {
      const n = this.#heldKeys.get(read.heldKey)! - 1;
      if (n === 0) this.#heldKeys.delete(read.heldKey);
      else this.#heldKeys.set(read.heldKey, n);
      read.heldKey = undefined;
    }
    if (read.bytes) this.#runner.recycle(read.bytes);
    read.bytes = undefined;
  }

  /** Stage 2, in walk order: the link or the copy is done and recorded, or the problem reported. */
  finishItem(item: FileItem): void | Promise<void> {
    const plan = item.plan!;
    const { entry, dest } = item;
    if (plan.kind === "failed") {
      this.#releaseLarge(entry.info.size);
      this.#reportFailure(entry, dest, plan.failed);
      return;
    }
    const read = plan.read;
    if (plan.kind === "deferred") {
      let r: void | Promise<void>;
      try {
        r = this.#linkOrCopy(entry, { dir: item.dir, dest, read });
      } catch (err) {
        this.#released(item, read);
        throw err;
      }
      if (r === undefined) return this.#released(item, read);
      return r.finally(() => this.#released(item, read));
    }
    try {
      const done = item.copied!;
      if (!done.ok) {
        this.#reportFailure(entry, dest, done);
        return;
      }
      if ("post" in done) {
        // A copy of the file: its hash is that of the bytes written.
        const expectedHash = read.hashHex;
        let changed = read.changed;
        if (expectedHash === "" ? done.written.sizeBytes !== read.mid.size : done.hashHex !== expectedHash) {
          changed = true;
        }
        if (
          done.mid.ino !== read.mid.ino || done.post.size !== read.mid.size ||
          done.post.mtimeMs !== read.mid.mtimeMs || done.post.mtimeNsec !== read.mid.mtimeNsec
        ) {
          changed = true;
        }
        read.changed = changed;
        read.hashHex = done.hashHex;
        // What the path names after the copy: a file renamed over it since the hash pass is warned about.
        read.now = done.now;
        this.#recordCopy(entry, {
          dir: item.dir,
          dest,
          read,
          written: done.written,
          knownContentId: changed || expectedHash === "" ? undefined : null,
        });
      } else {
        this.#recordCopy(entry, {
          dir: item.dir,
          dest,
          read,
          written: done.written,
          knownContentId: read.changed ? undefined : null,
        });
      }
    } catch (err) {
      this.#failed(entry, dest, { err, wroteDest: true });
    } finally {
      this.#released(item, read);
    }
  }

  /** An item is done with its content key, its large size and its bytes. */
  #released(item: FileItem, read: ReadFile): void {
    this.#release(read);
    this.#releaseLarge(item.entry.info.size);
  }

  /**
   * A file stored in its turn (everything before it is recorded, and nothing after it has decided):
   * a further name of a source hardlink group is linked to the group's copy, an unchanged file
   * unread; else it is read now and stored as one file at a time would be.
   */
  async #storeLater(entry: WalkEntry, dir: DirFrame): Promise<void> {
    try {
      const dest = joinPath(dir.dest, entry.name);
      if (this.#record.linkToGroup(entry, { dir, dest })) return;
      if (!this.#run.opt.checksum && this.#unread.link(entry, dir)) return;
      const pre = entry.info;
      const small = pre.size <= this.#run.smallFileBytes;
      const r = small
        ? await this.#runner.run({ kind: "read", path: entry.path, sizeBytes: pre.size, facts: true })
        : await this.#runner.run({ kind: "hash", path: entry.path, facts: true, keep: true });
      if (!r.ok) {
        this.#reportFailure(entry, dest, r);
        return;
      }
      const read = this.#readOf(entry, r, r.hashHex);
      try {
        await this.#linkOrCopy(entry, { dir, dest, read });
      } finally {
        this.#release(read);
      }
    } finally {
      this.#releaseLarge(entry.info.size);
    }
  }

  /**
   * As one file at a time: linked to a stored copy of its identity when the index has one, else
   * copied (its bytes written here; a large file copied again from its path).
   */
  #linkOrCopy(entry: WalkEntry, at: { dir: DirFrame; dest: string; read: ReadFile }): void | Promise<void> {
    const run = this.#run;
    const { read, dest } = at;
    let knownContentId: number | null | undefined;
    let wroteDest = false;
    try {
      if (!read.changed) {
        knownContentId = run.index.findContentId(hexToBytes(read.hashHex), read.recordInfo.size) ?? null;
        if (
          knownContentId !== null &&
          this.#linkByContent(entry, { dir: at.dir, dest, read, contentId: knownContentId })
        ) {
          return;
        }
      }
      wroteDest = true;
      if (read.bytes) {
        const mode = modeOf(read.mid);
        const written = writeNewFile(dest, read.bytes, copyTimes(read.mid), { mode, backend: run.fs });
        this.#recordCopy(entry, { dir: at.dir, dest, read, written, knownContentId });
        return;
      }
    } catch (err) {
      this.#failed(entry, dest, { err, wroteDest });
      return;
    }
    return this.#copyAgain(entry, { dir: at.dir, dest, read, knownContentId });
  }

  /** A large file whose link decision was deferred and found none: copied from its path again. */
  async #copyAgain(
    entry: WalkEntry,
    at: { dir: DirFrame; dest: string; read: ReadFile; knownContentId: number | null | undefined },
  ): Promise<void> {
    const { read, dest } = at;
    try {
      const handle = read.handle!;
      read.handle = undefined;
      const done = await this.#runner.run({ kind: "copyOpen", handle, dest, path: entry.path });
      if (!done.ok) throw done.error;
      let knownContentId = at.knownContentId;
      if (
        done.hashHex !== read.hashHex || done.mid.ino !== read.mid.ino || done.post.size !== read.mid.size ||
        done.post.mtimeMs !== read.mid.mtimeMs || done.post.mtimeNsec !== read.mid.mtimeNsec
      ) {
        read.changed = true;
        knownContentId = undefined;
      }
      read.hashHex = done.hashHex;
      read.now = done.now;
      this.#recordCopy(entry, { dir: at.dir, dest, read, written: done.written, knownContentId });
    } catch (err) {
      this.#failed(entry, dest, { err, wroteDest: true });
    }
  }

  /** A job's failure: at the open a warning (vanished) or an error; later an item error, or the run's end. */
  #reportFailure(entry: WalkEntry, dest: string, failed: JobFailed): void {
    if (failed.stage === "open") {
      const err = failed.error;
      this.#run.problem(
        isNotFound(err)
          ? itemProblem(entry.rel, "warning", msg("backup.problem.vanished"))
          : itemProblem(entry.rel, "error", msg("backup.problem.cannotRead", { error: errorMessage(err) })),
      );
      return;
    }
    this.#failed(entry, dest, { err: failed.error, wroteDest: failed.stage === "write" });
  }

  /** After the open: a half-written copy removed; a full disk or a failing index ends the run. */
  #failed(entry: WalkEntry, dest: string, at: { err: unknown; wroteDest: boolean }): void {
    const run = this.#run;
    const { err } = at;
    if (isInterrupt(err)) throw err;
    // Remove a half-written copy, but never a file this call did not create (AlreadyExists).
    if (at.wroteDest && !(err instanceof Deno.errors.AlreadyExists)) {
      try {
        run.fs.remove(dest);
      } catch { /* nothing written */ }
    }
    if (isNoSpace(err)) throw run.diskFull(err);
    // The index failing is not this file's problem: it stops the run (see BackupRun.explain).
    if (err instanceof FatalError || isIndexError(err)) throw err;
    run.problem(
      itemProblem(entry.rel, "error", msg("backup.problem.cannotBackUp", { error: errorMessage(err) })),
    );
  }

  /**
   * Millisecond mtimes, whole-second ctimes and 2-second FAT times cannot tell a rewrite that lands
   * right after this read: such a recent file is read again next run. Through the Deno API the
   * ctime too: there it has whole seconds, so a rewrite in place with the mtime set back, in the
   * same second, would keep it (a second is added for the part it drops). With nanosecond ctimes
   * the fast path sees such a rewrite.
   */
  #racy(mid: FileStat, readAtMs: number): number {
    const run = this.#run;
    const coarseCtime = !run.fs.fidelity.nanosecondTimes && run.racyWindowMs > 0;
    return readAtMs - mid.mtimeMs < run.racyWindowMs ||
        (coarseCtime && readAtMs - mid.ctimeMs < run.racyWindowMs + 1000)
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
    if (read.handle !== undefined) {
      // A large file hashed a while before its turn came: what its path names is looked at now.
      const st = lstatOrUndefined(run.fs, entry.path);
      read.now = st && { ino: st.ino, dev: st.dev };
    }
    this.#warnIfSwapped(entry, read);
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
   * Records a new copy. Its bytes were hashed as written, so the manifest matches what is stored.
   * It was created with the source's mode and times (setting owner, mode or xattrs later leaves the
   * mtime alone); chmod and chown run only when the umask or the owner made it differ.
   * `knownContentId`: undefined when not looked up, null when looked up and not in the index.
   */
  #recordCopy(
    entry: WalkEntry,
    at: {
      dir: DirFrame;
      dest: string;
      read: ReadFile;
      written: WrittenFile;
      knownContentId: number | null | undefined;
    },
  ): void {
    const run = this.#run;
    const { dest, read, written } = at;
    const { mid, changed, hashHex } = read;
    const recordInfo = read.recordInfo;
    const mode = modeOf(mid);
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
    const contentId = at.knownContentId !== undefined && written.sizeBytes === sizeBytes
      ? at.knownContentId ?? run.index.addContent(hexToBytes(hashHex), written.sizeBytes)
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
      run.problem(itemProblem(entry.rel, "warning", msg("backup.problem.changedWhileRead")));
    } else {
      run.index.setSource(run.dedup.key(contentId, recordInfo, storedXattrs), {
        snapshotId: run.snapshotId,
        dirId: at.dir.dirId,
        name: entry.name,
      });
      this.#warnIfSwapped(entry, read);
    }
    run.summary.copied++;
    run.summary.copiedBytes += written.sizeBytes;
  }

  /**
   * Warns when the path no longer names the inode that was read: the file was deleted, or another
   * file was renamed over it, while it was read. The open inode was read whole and stored as it
   * was, so nothing is wrong with the copy, but the snapshot does not hold what the path names now.
   */
  #warnIfSwapped(entry: WalkEntry, read: ReadFile): void {
    const was = entry.info;
    const now = read.now;
    if (now && now.ino === was.ino && now.dev === was.dev) return;
    this.#run.problem(
      itemProblem(
        entry.rel,
        "warning",
        now ? msg("backup.problem.replacedWhileRead") : msg("backup.problem.deletedWhileRead"),
      ),
    );
  }
}
