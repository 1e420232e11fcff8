/**
 * `phlb restore`: copies a snapshot (or a part of it) into a target folder.
 *
 * Rules it owns:
 * - Every file is a new inode (never a hardlink into the backup), written with its mode, mtime
 *   and, when running as root, its owner; its bytes are hashed while copied and checked against
 *   the manifest. Symlinks are recreated with their target text; empty folders too. A stored
 *   copy that does not match is marked damaged in the index at the end (index/damage.ts), when
 *   the root has an index it can write; restore needs none.
 * - Nothing is written outside TARGET: every write names an entry in an open folder (target.ts,
 *   backend.ts HandleCalls) and never follows a symlink there (files are created with O_EXCL and
 *   O_NOFOLLOW or renamed into place, a symlink where a folder should be is an error); metadata is
 *   set on the open file or folder. Without the native layer a root restore refuses targets that
 *   another user could change (target.ts).
 * - Names Windows cannot hold are reported and skipped there, never renamed; names that collide
 *   by case on a case-insensitive target are reported and skipped, never merged.
 * - Existing entries are kept, replaced when newer, or replaced (`--overwrite`); folders are
 *   never replaced.
 * Never prints; problems go to callbacks, setup failures throw FatalError.
 * @module
 */
import { basename } from "node:path";
import { errorMessage, FatalError, InterruptedError, type ItemProblem, itemProblem } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { isInterrupt, isNoSpace, specialKindText } from "../fs/classify.ts";
import { copyOpenFile, readAllSync, writeNewFile } from "../fs/copy.ts";
import { firstMatch, globReason } from "../fs/glob.ts";
import { sha256Hex } from "../fs/hash.ts";
import {
  type BackendFile,
  type FileStat,
  type FsBackend,
  type Handle,
  type HandleName,
  withBackend,
} from "../fs/native/mod.ts";
import { RunMeter, type RunTotal } from "../fs/pacer.ts";
import { BackupIndex } from "../index/index.ts";
import { filesUnder } from "../index/manage.ts";
import { metaDir } from "../store/layout.ts";
import { IS_WINDOWS, joinPath, joinRel } from "../fs/path.ts";
import { isRoot } from "../fs/platform.ts";
import { CaseCollisionTracker, windowsNameProblemText } from "../fs/portable_names.ts";
import { lstatOrUndefined, modeOf, timesOf } from "../fs/stat.ts";
import { symlinkFailureText } from "../fs/symlink.ts";
import { walk, type WalkEntry, walkTree } from "../fs/walk.ts";
import { sourceXattrs, writeXattrs } from "../fs/xattrs.ts";
import { type FoundCopy, markCopiesInRoot } from "../index/damage.ts";
import { acquireRootLock } from "../store/lock.ts";
import { ManifestCursor } from "./manifest_cursor.ts";
import {
  emptyRestoreSummary,
  type OverwriteMode,
  type RestoreCallbacks,
  type RestoreOptions,
  type RestoreSummary,
} from "./summary.ts";
import { type HeldFolder, type RestoreFrame, TargetFolders } from "./target.ts";

export type { OverwriteMode, RestoreCallbacks, RestoreOptions, RestoreSummary } from "./summary.ts";

/**
 * What the index recorded under the restored path: the end of the progress line (an estimate with
 * --include or --exclude, which leave some out); undefined when the index does not know the snapshot.
 */
function restoreTotal(options: RestoreOptions): RunTotal | undefined {
  const snap = options.snapshot;
  let index: BackupIndex | undefined;
  try {
    // Immutable: no -wal/-shm files, and no private copy of the index on a read-only backup disk.
    index = BackupIndex.openIfPresent(metaDir(snap.root), { immutable: true });
    const row = index?.findSnapshot(snap.name, snap.id);
    if (!index || !row) return undefined;
    const filtered = (options.includes ?? []).length + (options.excludes ?? []).length > 0;
    return { ...filesUnder(index, row.id, snap.subpath), estimated: filtered };
  } catch {
    // Only a progress line depends on it: a damaged index is the restore's to report, not this.
    return undefined;
  } finally {
    index?.close();
  }
}

/** Restores `options.snapshot` into `options.target`. */
export async function runRestore(
  options: RestoreOptions,
  callbacks: RestoreCallbacks = {},
): Promise<RestoreSummary> {
  // The snapshot is read, and the target written, with the backend's fidelity.
  return await withBackend((fs) => new Restorer(options, { ...callbacks, fs }).run(), {
    prefer: options.fsBackend,
  });
}

/** One restore run. */
export class Restorer {
  readonly opt: RestoreOptions;
  readonly cb: RestoreCallbacks;
  readonly overwrite: OverwriteMode;
  readonly dryRun: boolean;
  readonly windowsNames: boolean;
  readonly asRoot = isRoot();
  readonly smallFileBytes: number;
  readonly meter: RunMeter<{ files: number; bytes: number }>;
  summary: RestoreSummary;
  target = "";
  targetExisted = false;
  manifest?: ManifestCursor;
  /** The snapshot path names one file or symlink, not a folder. */
  singleEntry = false;
  caseInsensitive = false;
  /** Entries that were skipped with a reported problem rather than excluded by a rule. */
  refused = new Set<string>();
  /** Stored copies found not to hold their manifest's content: marked in the index at the end. */
  readonly damaged: FoundCopy[] = [];
  tmpCounter = 0;

  readonly fs: FsBackend;
  readonly folders: TargetFolders = new TargetFolders(this);

  constructor(options: RestoreOptions, callbacks: RestoreCallbacks & { fs: FsBackend }) {
    this.opt = options;
    this.cb = callbacks;
    this.fs = callbacks.fs;
    this.overwrite = options.overwrite ?? "never";
    this.dryRun = options.dryRun ?? false;
    this.windowsNames = options.windowsNames ?? IS_WINDOWS;
    this.smallFileBytes = options.smallFileBytes ?? 8 << 20;
    this.meter = new RunMeter({
      signal: options.signal,
      counts: () => ({ files: this.summary.files, bytes: this.summary.bytes }),
      onProgress: this.cb.onProgress,
    });
    this.summary = emptyRestoreSummary(options);
  }

  /** An error of one entry: a catalogue text, or an OS error's text as it is. */
  failItem(path: string, text: Msg | string): void {
    const severity = "error";
    const problem: ItemProblem = typeof text === "string"
      ? { path, severity, message: text }
      : itemProblem(path, severity, text);
    this.problem(problem);
  }

  /** A warning about one entry: a catalogue text, or an OS error's text as it is. */
  warnItem(path: string, text: Msg | string): void {
    const severity = "warning";
    const problem: ItemProblem = typeof text === "string"
      ? { path, severity, message: text }
      : itemProblem(path, severity, text);
    this.problem(problem);
  }

  problem(p: ItemProblem): void {
    if (p.severity === "error") this.summary.errors++;
    else this.summary.warnings++;
    this.cb.onProblem?.(p);
  }

  /** The source: the snapshot folder plus the sub-path, checked to contain no symlinked folder. */
  source(): { path: string; info: FileStat } {
    const snap = this.opt.snapshot;
    let path = snap.path;
    let info = lstatOrUndefined(this.fs, path);
    if (!info?.isDirectory) throw new FatalError(msg("restore.snapshotMissing", { path }));
    const parts = snap.subpath === "" ? [] : snap.subpath.split("/");
    parts.forEach((part, i) => {
      path = joinPath(path, part);
      info = lstatOrUndefined(this.fs, path);
      const snapshot = `${snap.name}@${snap.id}`;
      if (!info) throw new FatalError(msg("restore.notInSnapshot", { path: snap.subpath, snapshot }));
      if (i < parts.length - 1 && !info.isDirectory) {
        const at = { path: parts.slice(0, i + 1).join("/"), snapshot };
        throw new FatalError(
          info.isSymlink ? msg("restore.pathIsSymlink", at) : msg("restore.pathNotFolder", at),
        );
      }
    });
    return { path, info: info! };
  }

  openManifest(): void {
    const path = this.opt.snapshot.manifestPath;
    try {
      this.manifest = new ManifestCursor(path);
    } catch (err) {
      this.warnItem("", msg("restore.manifestUnreadable", { path, error: errorMessage(err) }));
    }
  }

  async run(): Promise<RestoreSummary> {
    const src = this.source();
    try {
      this.folders.prepare();
    } catch (err) {
      this.folders.dispose();
      throw err;
    }
    const top: RestoreFrame = {
      rel: "",
      name: "",
      dest: this.target,
      info: src.info,
      src: src.path,
      included: (this.opt.includes ?? []).length === 0,
      ready: true,
      preexisting: this.targetExisted,
      failed: false,
      names: new CaseCollisionTracker(),
      depth: 0,
      handle: this.folders.top,
      missing: this.folders.top === undefined,
    };
    const frames: RestoreFrame[] = [];
    try {
      this.openManifest();
      this.meter.total = restoreTotal(this.opt);
      if (!src.info.isDirectory) {
        // A single file or symlink: it goes into TARGET under its own name.
        const name = basename(src.path);
        const entry: WalkEntry = { rel: name, path: src.path, name, info: src.info };
        this.singleEntry = true;
        top.included = true;
        if (src.info.isSymlink) this.restoreSymlink(entry, top);
        else if (src.info.isFile) await this.restoreFile(entry, top);
        else this.warnItem(name, msg("restore.skippedSpecial", { kind: specialKindText(src.info) }));
      } else {
        await this.walkTree(src.path, { top, frames });
      }
    } finally {
      // Normally each folder's leave closed its handle; a run that stopped leaves some open.
      for (const frame of [top, ...frames]) {
        if (frame.handle) this.folders.close(frame.handle);
        frame.handle = undefined;
      }
      this.folders.dispose();
    }
    if (!this.dryRun) this.flushToDisk();
    this.markDamaged();
    this.summary.durationMs = Date.now() - this.meter.startedMs;
    return this.summary;
  }

  /**
   * Marks the damaged stored copies this restore read in the index (index/damage.ts), so that no
   * backup links to them again. Restore needs no index: without one, or one it cannot write, it
   * says so and goes on.
   */
  markDamaged(): void {
    const snap = this.opt.snapshot;
    try {
      const meta = metaDir(snap.root);
      markCopiesInRoot(meta, this.damaged, {
        foundBy: "restore",
        takeLock: () => acquireRootLock(meta, "restore"),
      });
    } catch (err) {
      this.warnItem("", msg("restore.markFailed", { error: errorMessage(err) }));
    }
  }

  /** Writes what was restored to the disk before the run says it is done (as backup does). */
  flushToDisk(): void {
    try {
      this.fs.syncFilesystem(this.target);
    } catch (err) {
      this.failItem(this.target, msg("restore.flushFailed", { error: errorMessage(err) }));
    }
  }

  full(rel: string): string {
    // A single file or symlink is the sub-path itself; its rel is only its name in TARGET.
    return this.singleEntry ? this.opt.snapshot.subpath : joinRel(this.opt.snapshot.subpath, rel);
  }

  exclusion(entry: WalkEntry, frames: RestoreFrame[]): string | undefined {
    const parent = frames[frames.length - 1];
    const excluded = globReason(this.opt.excludes ?? [], {
      rel: entry.rel,
      name: entry.name,
      isDir: entry.info.isDirectory,
    });
    if (excluded) return excluded;
    const refuse = (message: Msg) => {
      this.refused.add(entry.rel);
      this.failItem(this.full(entry.rel), message);
      return "refused";
    };
    if (entry.name === "" || entry.name === "." || entry.name === ".." || entry.name.includes("/")) {
      return refuse(msg("restore.unusableName"));
    }
    if (this.caseInsensitive && parent) {
      const earlier = parent.names.add(entry.name);
      if (earlier !== undefined) {
        return refuse(msg("restore.caseCollision", { other: this.full(joinRel(parent.rel, earlier)) }));
      }
    }
    return undefined;
  }

  async walkTree(root: string, at: { top: RestoreFrame; frames: RestoreFrame[] }): Promise<void> {
    const { top, frames } = at;
    const events = walk(root, {
      exclude: (e) => e.rel === "" ? undefined : this.exclusion(e, frames),
      onExcluded: (e) => {
        if (!this.refused.has(e.rel)) this.summary.excluded++;
      },
      onProblem: (p) => this.problem({ ...p, path: this.full(p.path) }),
      oneFileSystem: false,
      backend: this.fs,
      // Before the walk looks at the entry: on Windows a path cannot even reach such a name.
      nameProblem: (name) => {
        const why = this.windowsNames ? windowsNameProblemText(name) : undefined;
        return why && msg("restore.windowsName", { why });
      },
    });
    await walkTree<RestoreFrame>(events, {
      tick: (entry) => this.meter.tick(entry.rel),
      enter: (entry, parent) => parent ? this.enterDir(entry, parent) : top,
      leave: (frame) => this.folders.leave(frame),
      file: (entry, parent) =>
        this.item(entry, {
          parent,
          restore: async () => {
            if (this.folders.ensure(parent)) await this.restoreFile(entry, parent);
          },
        }),
      symlink: (entry, parent) =>
        this.item(entry, {
          parent,
          restore: () => {
            if (this.folders.ensure(parent)) this.restoreSymlink(entry, parent);
          },
        }),
      other: (entry, parent) =>
        this.item(entry, {
          parent,
          restore: () =>
            this.warnItem(
              this.full(entry.rel),
              msg("restore.specialNotRestored", { kind: specialKindText(entry.info) }),
            ),
        }),
    }, { frames });
  }

  /** A folder's frame: included when its parent is or an include matches it; made when included. */
  enterDir(entry: WalkEntry, parent: RestoreFrame): RestoreFrame {
    const included = parent.included ||
      firstMatch(this.opt.includes ?? [], entry.rel, entry.name, true) !== undefined;
    const frame: RestoreFrame = {
      rel: entry.rel,
      name: entry.name,
      dest: joinPath(parent.dest, entry.name),
      info: entry.info,
      src: entry.path,
      included,
      ready: false,
      preexisting: false,
      failed: parent.failed,
      names: new CaseCollisionTracker(),
      parent,
      depth: parent.depth + 1,
    };
    if (included) this.folders.ensure(frame);
    return frame;
  }

  /**
   * Restores one entry that is not a folder, unless its folder failed or no include takes it. A
   * failure is the item's: reported, and the walk goes on (a full target and a stop end the run).
   */
  async item(
    entry: WalkEntry,
    at: { parent: RestoreFrame; restore: () => Promise<void> | void },
  ): Promise<void> {
    const { parent, restore } = at;
    if (parent.failed) return;
    if (!parent.included && !firstMatch(this.opt.includes ?? [], entry.rel, entry.name, false)) return;
    try {
      await restore();
    } catch (err) {
      if (err instanceof InterruptedError || err instanceof FatalError) throw err;
      if (isInterrupt(err)) throw new InterruptedError();
      if (isNoSpace(err)) throw this.diskFull(err);
      this.failItem(this.full(entry.rel), errorMessage(err));
    }
  }

  diskFull(err: unknown): FatalError {
    return new FatalError(msg("restore.targetFull", { path: this.target, error: errorMessage(err) }), {
      cause: err,
    });
  }

  /**
   * Decides about an existing entry at `at` (none when its folder does not exist, in a dry run):
   * whether to leave it, or to write (replacing it if present). A folder is never replaced.
   */
  existingDecision(
    rel: string,
    at: HandleName | undefined,
    info: FileStat,
  ): { keep: boolean; replace: boolean } {
    let existing: FileStat | undefined;
    try {
      existing = at && this.fs.handles.lstatAt(at);
    } catch { /* nothing there, or nothing we can see: writing it will tell */ }
    if (!existing) return { keep: false, replace: false };
    if (existing.isDirectory) {
      this.failItem(this.full(rel), msg("restore.folderInTheWay"));
      return { keep: true, replace: false };
    }
    const keep = (reason: Msg) => {
      this.summary.keptExisting++;
      this.cb.onKept?.(this.full(rel), String(reason), reason);
      return { keep: true, replace: false };
    };
    if (this.overwrite === "never") return keep(msg("restore.kept.never"));
    if (this.overwrite === "if-newer" && existing.mtimeMs >= info.mtimeMs) {
      return keep(msg("restore.kept.ifNewer"));
    }
    return { keep: false, replace: true };
  }

  /** A name for a replacement while it is written, beside what it replaces. */
  tmpName(): string {
    return `.phlb-restore-${Deno.pid}-${++this.tmpCounter}`;
  }

  /** The open handle of an entry's folder for the time of `job` (none in a dry run into a folder to make). */
  async inFolder<T>(parent: RestoreFrame, job: (dir: HeldFolder | undefined) => T | Promise<T>): Promise<T> {
    const dir = this.folders.handleOf(parent);
    try {
      return await job(dir);
    } finally {
      dir?.release();
    }
  }

  async restoreFile(entry: WalkEntry, parent: RestoreFrame): Promise<void> {
    await this.inFolder(parent, (dir) => this.restoreFileIn(entry, dir?.handle));
  }

  async restoreFileIn(entry: WalkEntry, dir: Handle | undefined): Promise<void> {
    const h = this.fs.handles;
    const at = dir && { dir, name: entry.name };
    const decision = this.existingDecision(entry.rel, at, entry.info);
    if (decision.keep) return;
    const full = this.full(entry.rel);
    const expected = this.manifest?.lookup(full);
    if (this.dryRun || !dir || !at) {
      this.summary.files++;
      this.summary.bytes += entry.info.size;
      return;
    }
    this.folders.checkParent(dir);
    let src: BackendFile;
    try {
      src = this.fs.openRead(entry.path);
    } catch (err) {
      this.failItem(full, msg("restore.cannotRead", { error: errorMessage(err) }));
      return;
    }
    // A new file is created with O_EXCL|O_NOFOLLOW (a symlink put there meanwhile makes it fail,
    // never followed); a replacement is written beside it and renamed over the old entry.
    const writeAt: HandleName = decision.replace ? { dir, name: this.tmpName() } : at;
    let handle: Handle | undefined;
    let written;
    try {
      // Private until done: owner, then mode (a chown clears set-id bits), then xattrs (a chown
      // clears security.capability), all on the open file; its times are set as it is written.
      const fileOptions = {
        backend: this.fs,
        sync: decision.replace,
        create: () => {
          const made = h.createAt(writeAt, 0o600);
          handle = made.handle;
          return made.file;
        },
        finish: () => {
          if (this.asRoot && entry.info.uid >= 0 && entry.info.gid >= 0) {
            h.chown(handle!, { uid: entry.info.uid, gid: entry.info.gid });
          }
          if (!IS_WINDOWS) h.chmod(handle!, modeOf(entry.info));
          this.restoreXattrs(entry.path, { handle: handle!, rel: entry.rel });
        },
      };
      const times = timesOf(entry.info);
      const path = joinPath(dir.path, writeAt.name);
      if (entry.info.size <= this.smallFileBytes) {
        // Small files are read once into memory: the hash is of exactly the bytes written.
        const data = readAllSync(src, entry.info.size);
        written = { ...writeNewFile(path, data, times, fileOptions), hash: sha256Hex(data) };
      } else {
        written = await copyOpenFile(src, path, times, { ...fileOptions, signal: this.opt.signal });
      }
    } catch (err) {
      // Not made (AlreadyExists: something appeared at the name since we looked, not ours to remove).
      if (handle !== undefined) {
        try {
          h.removeAt(writeAt);
        } catch { /* gone already */ }
      }
      throw err;
    } finally {
      src.close();
    }
    if (this.manifest && expected === undefined) {
      this.warnItem(full, msg("restore.notInManifest"));
    } else if (expected !== undefined && expected !== written.hash) {
      const snap = this.opt.snapshot;
      this.damaged.push({
        ino: entry.info.ino,
        hashHex: expected,
        problem: "content",
        path: `${snap.name}/${snap.id}/${full}`,
      });
      if (decision.replace) {
        h.removeAt(writeAt);
        this.failItem(full, msg("restore.damagedKept", { actual: written.hash, expected }));
        return;
      }
      this.failItem(full, msg("restore.damagedRestored", { actual: written.hash, expected }));
    }
    if (decision.replace) h.renameAt(writeAt, at);
    this.summary.files++;
    this.summary.bytes += written.sizeBytes;
  }

  restoreSymlink(entry: WalkEntry, parent: RestoreFrame): void {
    const dir = this.folders.handleOf(parent);
    try {
      this.restoreSymlinkIn(entry, dir?.handle);
    } finally {
      dir?.release();
    }
  }

  restoreSymlinkIn(entry: WalkEntry, dir: Handle | undefined): void {
    const h = this.fs.handles;
    const at = dir && { dir, name: entry.name };
    const full = this.full(entry.rel);
    const decision = this.existingDecision(entry.rel, at, entry.info);
    if (decision.keep) return;
    const target = this.fs.readLink(entry.path);
    if (this.dryRun || !dir || !at) {
      this.summary.symlinks++;
      return;
    }
    this.folders.checkParent(dir);
    const writeAt: HandleName = decision.replace ? { dir, name: this.tmpName() } : at;
    try {
      h.symlinkAt(target, writeAt, { like: entry.path });
    } catch (err) {
      if (isNoSpace(err)) throw this.diskFull(err);
      this.failItem(full, symlinkFailureText(target, err));
      return;
    }
    // Its owner and times, on the symlink itself (failing if it is no longer the one just made).
    const info = entry.info;
    if (this.asRoot && info.uid >= 0 && info.gid >= 0) {
      try {
        h.setSymlinkMeta(writeAt, { owner: { uid: info.uid, gid: info.gid } });
      } catch (err) {
        this.warnItem(full, msg("restore.symlinkOwner", { error: errorMessage(err) }));
      }
    }
    if (this.fs.fidelity.symlinkTimes) {
      try {
        h.setSymlinkMeta(writeAt, { times: timesOf(info) });
      } catch (err) {
        this.warnItem(full, msg("restore.symlinkTime", { error: errorMessage(err) }));
      }
    }
    if (decision.replace) h.renameAt(writeAt, at);
    this.summary.symlinks++;
  }

  /** Copies the xattrs of a stored entry onto what restore just created (open); failures are warnings. */
  restoreXattrs(from: string, to: { handle: Handle; rel: string }): void {
    const list = sourceXattrs(this.fs, from).list;
    if (list.length === 0) return;
    const r = writeXattrs(to.handle.path, { backend: this.fs, list, handle: to.handle });
    for (const text of r.texts) this.warnItem(this.full(to.rel), text);
  }
}
