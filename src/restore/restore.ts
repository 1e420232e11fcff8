/**
 * `phlb restore`: copies a snapshot (or a part of it) into a target folder.
 *
 * Rules it owns:
 * - Every file is a new inode (never a hardlink into the backup), written with its mode, mtime
 *   and, when running as root, its owner; its bytes are hashed while copied and checked against
 *   the manifest. Symlinks are recreated with their target text; empty folders too.
 * - Nothing is written outside TARGET: symlinks inside TARGET are never followed (files are
 *   created with O_EXCL or renamed into place, a symlink where a folder should be is an error),
 *   and every folder is checked to be a real folder inside TARGET before anything goes into it.
 * - Names Windows cannot hold are reported and skipped there, never renamed; names that collide
 *   by case on a case-insensitive target are reported and skipped, never merged.
 * - Existing entries are kept, replaced when newer, or replaced (`--overwrite`); folders are
 *   never replaced.
 * Never prints; problems go to callbacks, setup failures throw FatalError.
 * @module
 */
import { basename, dirname, relative, resolve } from "node:path";
import { errorMessage, FatalError, InterruptedError, type ItemProblem } from "../errors.ts";
import { isNoSpace, specialKind } from "../fs/classify.ts";
import { copyOpenFile, readAllSync, writeNewFile, yieldToEventLoop } from "../fs/copy.ts";
import { sha256Hex } from "../fs/hash.ts";
import { firstMatch, type Glob } from "../fs/glob.ts";
import { IS_WINDOWS, joinPath, joinRel, relativeInside } from "../fs/path.ts";
import { isRoot } from "../fs/platform.ts";
import { CaseCollisionTracker, probeCaseInsensitive, windowsNameProblem } from "../fs/portable_names.ts";
import { walk, type WalkEntry } from "../fs/walk.ts";
import {
  type BackendFile,
  type FileStat,
  type FsBackend,
  hasRawBytes,
  openBackend,
} from "../fs/native/mod.ts";
import { sourceXattrs, writeXattrs } from "../fs/xattrs.ts";
import type { SnapshotRef } from "../store/ref.ts";
import { ManifestCursor } from "./manifest_cursor.ts";

/** How existing entries in the target are treated. */
export type OverwriteMode = "never" | "if-newer" | "always";

/** What to restore where. */
export interface RestoreOptions {
  snapshot: SnapshotRef;
  /** The folder to restore into; created when missing. */
  target: string;
  /** Restore only entries matching one of these (and everything inside matching folders). */
  includes?: readonly Glob[];
  excludes?: readonly Glob[];
  /** Default "never". */
  overwrite?: OverwriteMode;
  /** Decide and count, write nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Files up to this size are read into memory once, larger ones streamed. Default 8 MiB. */
  smallFileBytes?: number;
  /** Apply Windows' name rules. Default: on Windows. */
  windowsNames?: boolean;
  /** Whether the target folds case. Default: probed. */
  caseInsensitive?: boolean;
}

/** What a restore did. */
export interface RestoreSummary {
  snapshot: string;
  snapshotPath: string;
  subpath: string;
  target: string;
  dryRun: boolean;
  files: number;
  bytes: number;
  symlinks: number;
  directories: number;
  /** Entries left as they were because something exists there (see --overwrite). */
  keptExisting: number;
  excluded: number;
  errors: number;
  warnings: number;
  caseInsensitiveTarget: boolean;
  durationMs: number;
}

/** Progress, at most every 100 ms. */
export interface RestoreProgress {
  files: number;
  bytes: number;
  currentPath: string;
}

/** Callbacks through which restore reports. */
export interface RestoreCallbacks {
  onProblem?: (problem: ItemProblem) => void;
  onProgress?: (progress: RestoreProgress) => void;
  /** An entry was not written because something is already there. */
  onKept?: (rel: string, reason: string) => void;
}

interface Frame {
  rel: string;
  dest: string;
  info: FileStat;
  /** The folder in the snapshot. */
  src: string;
  /** Matched by an include (or everything is included). */
  included: boolean;
  /** The folder exists in the target and was checked. */
  ready: boolean;
  /** It was there before: its metadata is only replaced with --overwrite always. */
  preexisting: boolean;
  /** It could not be made; its subtree is skipped (reported once). */
  failed: boolean;
  names: CaseCollisionTracker;
  parent?: Frame;
}

function lstatOrUndefined(fs: FsBackend, path: string): FileStat | undefined {
  try {
    return fs.lstat(path);
  } catch {
    return undefined;
  }
}

function modeOf(info: FileStat): number {
  return info.mode & 0o7777;
}

/** The times a restored entry gets: those of the stored one, with the backend's precision. */
function timesOf(info: FileStat) {
  return {
    atimeSec: info.atimeSec,
    atimeNsec: info.atimeNsec,
    mtimeSec: info.mtimeSec,
    mtimeNsec: info.mtimeNsec,
  };
}

/** Restores `options.snapshot` into `options.target`. */
export async function runRestore(
  options: RestoreOptions,
  callbacks: RestoreCallbacks = {},
): Promise<RestoreSummary> {
  // Opened once per run: the snapshot is read, and the target written, with its fidelity.
  const fs = openBackend();
  try {
    return await new Restorer(options, { ...callbacks, fs }).run();
  } finally {
    fs.close();
  }
}

class Restorer {
  readonly opt: RestoreOptions;
  readonly cb: RestoreCallbacks;
  readonly overwrite: OverwriteMode;
  readonly dryRun: boolean;
  readonly windowsNames: boolean;
  readonly asRoot = isRoot();
  readonly smallFileBytes: number;
  readonly startedMs = Date.now();
  summary: RestoreSummary;
  target = "";
  targetExisted = false;
  manifest?: ManifestCursor;
  /** The snapshot path names one file or symlink, not a folder. */
  singleEntry = false;
  caseInsensitive = false;
  /** Entries that were skipped with a reported problem rather than excluded by a rule. */
  refused = new Set<string>();
  lastTickMs = 0;
  tmpCounter = 0;

  readonly fs: FsBackend;

  constructor(options: RestoreOptions, callbacks: RestoreCallbacks & { fs: FsBackend }) {
    this.opt = options;
    this.cb = callbacks;
    this.fs = callbacks.fs;
    this.overwrite = options.overwrite ?? "never";
    this.dryRun = options.dryRun ?? false;
    this.windowsNames = options.windowsNames ?? IS_WINDOWS;
    this.smallFileBytes = options.smallFileBytes ?? 8 << 20;
    this.summary = {
      snapshot: `${options.snapshot.name}@${options.snapshot.id}`,
      snapshotPath: options.snapshot.path,
      subpath: options.snapshot.subpath,
      target: "",
      dryRun: this.dryRun,
      files: 0,
      bytes: 0,
      symlinks: 0,
      directories: 0,
      keptExisting: 0,
      excluded: 0,
      errors: 0,
      warnings: 0,
      caseInsensitiveTarget: false,
      durationMs: 0,
    };
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
    if (!info?.isDirectory) throw new FatalError(`Snapshot folder "${path}" is missing`);
    const parts = snap.subpath === "" ? [] : snap.subpath.split("/");
    parts.forEach((part, i) => {
      path = joinPath(path, part);
      info = lstatOrUndefined(this.fs, path);
      if (!info) throw new FatalError(`"${snap.subpath}" is not in snapshot ${snap.name}@${snap.id}`);
      if (i < parts.length - 1 && !info.isDirectory) {
        throw new FatalError(
          `"${parts.slice(0, i + 1).join("/")}" in snapshot ${snap.name}@${snap.id} is ` +
            (info.isSymlink
              ? "a symlink; restore does not follow symlinks inside a snapshot"
              : "not a folder"),
        );
      }
    });
    return { path, info: info! };
  }

  prepareTarget(): void {
    const abs = resolve(this.opt.target);
    const info = (() => {
      try {
        return Deno.statSync(abs);
      } catch {
        return undefined;
      }
    })();
    if (info && !info.isDirectory) throw new FatalError(`Target "${abs}" exists and is not a folder`);
    // Restoring into the backup root would change snapshots (or make a folder look like a backup name).
    let existing = abs;
    while (!lstatOrUndefined(this.fs, existing) && dirname(existing) !== existing) {
      existing = dirname(existing);
    }
    const realExisting = joinPath(Deno.realPathSync(existing), relative(existing, abs));
    if (relativeInside(this.opt.snapshot.root, realExisting) !== undefined) {
      throw new FatalError(`Target "${abs}" is inside the backup root "${this.opt.snapshot.root}"`, {
        hint: "restore into a folder outside the backup root; snapshots are never changed",
      });
    }
    this.targetExisted = info !== undefined;
    if (!info && !this.dryRun) {
      try {
        Deno.mkdirSync(abs, { recursive: true });
      } catch (err) {
        throw new FatalError(`Cannot create target "${abs}": ${errorMessage(err)}`, { cause: err });
      }
    }
    this.target = info || !this.dryRun ? Deno.realPathSync(abs) : abs;
    this.summary.target = this.target;
    if (this.opt.caseInsensitive !== undefined) this.caseInsensitive = this.opt.caseInsensitive;
    else {
      let probeDir = this.target;
      while (!lstatOrUndefined(this.fs, probeDir) && dirname(probeDir) !== probeDir) {
        probeDir = dirname(probeDir);
      }
      this.caseInsensitive = probeCaseInsensitive(probeDir, { mayWrite: !this.dryRun });
    }
    this.summary.caseInsensitiveTarget = this.caseInsensitive;
  }

  openManifest(): void {
    const path = this.opt.snapshot.manifestPath;
    try {
      this.manifest = new ManifestCursor(path);
    } catch (err) {
      this.problem({
        path: "",
        severity: "warning",
        message: `cannot read the manifest "${path}" (${errorMessage(err)}): restored files are not checked`,
      });
    }
  }

  async run(): Promise<RestoreSummary> {
    const src = this.source();
    this.prepareTarget();
    this.openManifest();
    const top: Frame = {
      rel: "",
      dest: this.target,
      info: src.info,
      src: src.path,
      included: (this.opt.includes ?? []).length === 0,
      ready: true,
      preexisting: this.targetExisted,
      failed: false,
      names: new CaseCollisionTracker(),
    };
    if (!src.info.isDirectory) {
      // A single file or symlink: it goes into TARGET under its own name.
      const name = basename(src.path);
      const entry: WalkEntry = { rel: name, path: src.path, name, info: src.info };
      this.singleEntry = true;
      top.included = true;
      if (src.info.isSymlink) this.restoreSymlink(entry, top);
      else if (src.info.isFile) await this.restoreFile(entry, top);
      else this.problem({ path: name, severity: "warning", message: `skipped: a ${specialKind(src.info)}` });
    } else {
      await this.walkTree(src.path, top);
    }
    if (!this.dryRun) this.flushToDisk();
    this.summary.durationMs = Date.now() - this.startedMs;
    return this.summary;
  }

  /** Writes what was restored to the disk before the run says it is done (as backup does). */
  flushToDisk(): void {
    try {
      this.fs.syncFilesystem(this.target);
    } catch (err) {
      this.problem({
        path: this.target,
        severity: "error",
        message: `the restored files could not all be written to disk: ${errorMessage(err)}`,
      });
    }
  }

  full(rel: string): string {
    // A single file or symlink is the sub-path itself; its rel is only its name in TARGET.
    return this.singleEntry ? this.opt.snapshot.subpath : joinRel(this.opt.snapshot.subpath, rel);
  }

  exclusion(entry: WalkEntry, frames: Frame[]): string | undefined {
    const parent = frames[frames.length - 1];
    const g = this.opt.excludes &&
      firstMatch(this.opt.excludes, entry.rel, entry.name, entry.info.isDirectory);
    if (g) return `exclude pattern "${g.source}"`;
    const refuse = (message: string) => {
      this.refused.add(entry.rel);
      this.problem({ path: this.full(entry.rel), severity: "error", message });
      return "refused";
    };
    if (entry.name === "" || entry.name === "." || entry.name === ".." || entry.name.includes("/")) {
      return refuse("not a usable name");
    }
    if (this.caseInsensitive && parent) {
      const earlier = parent.names.add(entry.name);
      if (earlier !== undefined) {
        return refuse(
          `not restored: on this case-insensitive target it would be the same entry as "${
            this.full(joinRel(parent.rel, earlier))
          }"`,
        );
      }
    }
    return undefined;
  }

  async walkTree(root: string, top: Frame): Promise<void> {
    const frames: Frame[] = [];
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
        const why = this.windowsNames ? windowsNameProblem(name) : undefined;
        return why && `not restored: the name ${why}, which Windows cannot hold (it is not renamed)`;
      },
    });
    for (const ev of events) {
      const parent = frames[frames.length - 1];
      if (ev.kind === "leave") {
        const frame = frames.pop()!;
        this.leaveDir(frame);
        continue;
      }
      await this.tick(ev.entry.rel);
      if (ev.kind === "enter") {
        if (ev.entry.rel === "") {
          frames.push(top);
          continue;
        }
        const included = parent.included ||
          firstMatch(this.opt.includes ?? [], ev.entry.rel, ev.entry.name, true) !== undefined;
        const frame: Frame = {
          rel: ev.entry.rel,
          dest: joinPath(parent.dest, ev.entry.name),
          info: ev.entry.info,
          src: ev.entry.path,
          included,
          ready: false,
          preexisting: false,
          failed: parent.failed,
          names: new CaseCollisionTracker(),
          parent,
        };
        frames.push(frame);
        if (included) this.ensureDir(frame);
        continue;
      }
      if (parent.failed) continue;
      if (!parent.included && !firstMatch(this.opt.includes ?? [], ev.entry.rel, ev.entry.name, false)) {
        continue;
      }
      try {
        if (ev.kind === "file") {
          if (this.ensureDir(parent)) await this.restoreFile(ev.entry, parent);
        } else if (ev.kind === "symlink") {
          if (this.ensureDir(parent)) this.restoreSymlink(ev.entry, parent);
        } else {
          this.problem({
            path: this.full(ev.entry.rel),
            severity: "warning",
            message: `skipped: a ${specialKind(ev.entry.info)} is not restored`,
          });
        }
      } catch (err) {
        if (err instanceof InterruptedError || err instanceof FatalError) throw err;
        if (err instanceof DOMException && err.name === "AbortError") throw new InterruptedError();
        if (isNoSpace(err)) throw this.diskFull(err);
        this.problem({ path: this.full(ev.entry.rel), severity: "error", message: errorMessage(err) });
      }
    }
  }

  diskFull(err: unknown): FatalError {
    return new FatalError(`The target "${this.target}" is full: ${errorMessage(err)}`, { cause: err });
  }

  async tick(rel: string): Promise<void> {
    const now = Date.now();
    if (now - this.lastTickMs < 100) return;
    this.lastTickMs = now;
    this.cb.onProgress?.({ files: this.summary.files, bytes: this.summary.bytes, currentPath: rel });
    await yieldToEventLoop();
    if (this.opt.signal?.aborted) throw new InterruptedError();
  }

  /**
   * Makes sure a folder exists in the target as a real folder inside TARGET (creating its parents
   * first). Returns false, reporting once, when it cannot be.
   */
  ensureDir(frame: Frame): boolean {
    if (frame.ready) return true;
    if (frame.failed) return false;
    if (frame.parent && !this.ensureDir(frame.parent)) {
      frame.failed = true;
      return false;
    }
    const fail = (message: string) => {
      frame.failed = true;
      this.problem({ path: this.full(frame.rel), severity: "error", message });
      return false;
    };
    const existing = lstatOrUndefined(this.fs, frame.dest);
    if (existing?.isSymlink) {
      return fail("a symlink is in the target where this folder goes; restore never follows symlinks there");
    }
    if (existing && !existing.isDirectory) return fail("a file is in the target where this folder goes");
    if (this.dryRun) {
      frame.ready = true;
      frame.preexisting = existing !== undefined;
      if (!existing) this.summary.directories++;
      return true;
    }
    if (!existing) {
      try {
        this.fs.mkdir(frame.dest);
      } catch (err) {
        if (isNoSpace(err)) throw this.diskFull(err);
        return fail(`cannot create folder: ${errorMessage(err)}`);
      }
      this.summary.directories++;
    }
    // The folder must really be where we think: inside TARGET, reached without a symlink.
    let real: string;
    try {
      const after = this.fs.lstat(frame.dest);
      if (!after.isDirectory) return fail("the folder was replaced while restoring");
      // Deno cannot resolve a name that is not valid UTF-8. Such a folder was just seen (lstat,
      // not followed) to be a real folder in its parent, which was checked the same way.
      real = hasRawBytes(frame.dest) ? this.target + "/" + frame.rel : Deno.realPathSync(frame.dest);
    } catch (err) {
      return fail(`cannot check folder: ${errorMessage(err)}`);
    }
    if (relativeInside(this.target, real) === undefined) {
      return fail(`the folder resolves to "${real}", outside the target; nothing is written there`);
    }
    frame.preexisting = existing !== undefined;
    frame.ready = true;
    return true;
  }

  leaveDir(frame: Frame): void {
    if (frame.failed) return;
    if (frame.included && !frame.ready && !this.ensureDir(frame)) return;
    if (!frame.ready || this.dryRun) return;
    if (frame.preexisting && this.overwrite !== "always") return;
    const info = frame.info;
    try {
      // Owner, mode, xattrs (a chown clears security.capability), then the times, last because
      // filling the folder changed them.
      if (this.asRoot && info.uid >= 0 && info.gid >= 0) {
        this.fs.chown(frame.dest, { uid: info.uid, gid: info.gid });
      }
      if (!IS_WINDOWS) this.fs.chmod(frame.dest, modeOf(info));
      this.restoreXattrs(frame.src, { dest: frame.dest, rel: frame.rel });
      this.fs.setTimes(frame.dest, timesOf(info));
    } catch (err) {
      this.problem({
        path: this.full(frame.rel),
        severity: "warning",
        message: `cannot set folder metadata: ${errorMessage(err)}`,
      });
    }
  }

  /**
   * Decides about an existing entry at `dest`: undefined to write (replacing it if present), or
   * a reason to leave it. A folder is never replaced.
   */
  existingDecision(rel: string, dest: string, info: FileStat): { keep: boolean; replace: boolean } {
    const existing = lstatOrUndefined(this.fs, dest);
    if (!existing) return { keep: false, replace: false };
    if (existing.isDirectory) {
      this.problem({
        path: this.full(rel),
        severity: "error",
        message: "a folder is in the target where this entry goes; folders are never replaced",
      });
      return { keep: true, replace: false };
    }
    const keep = (reason: string) => {
      this.summary.keptExisting++;
      this.cb.onKept?.(this.full(rel), reason);
      return { keep: true, replace: false };
    };
    if (this.overwrite === "never") return keep("exists (--overwrite never)");
    if (this.overwrite === "if-newer" && existing.mtimeMs >= info.mtimeMs) {
      return keep("exists and is not older (--overwrite if-newer)");
    }
    return { keep: false, replace: true };
  }

  tmpName(dir: string): string {
    return joinPath(dir, `.phlb-restore-${Deno.pid}-${++this.tmpCounter}`);
  }

  /** The parent folder must still be a real folder right before we create something in it. */
  checkParent(parent: Frame): void {
    const st = this.fs.lstat(parent.dest);
    if (!st.isDirectory) throw new Error("its folder in the target is no longer a real folder; not written");
  }

  async restoreFile(entry: WalkEntry, parent: Frame): Promise<void> {
    const dest = joinPath(parent.dest, entry.name);
    const decision = this.existingDecision(entry.rel, dest, entry.info);
    if (decision.keep) return;
    const full = this.full(entry.rel);
    const expected = this.manifest?.lookup(full);
    if (this.dryRun) {
      this.summary.files++;
      this.summary.bytes += entry.info.size;
      return;
    }
    this.checkParent(parent);
    let src: BackendFile;
    try {
      src = this.fs.openRead(entry.path);
    } catch (err) {
      this.problem({
        path: full,
        severity: "error",
        message: `cannot read from the snapshot: ${errorMessage(err)}`,
      });
      return;
    }
    // A new file is created with O_EXCL (a symlink put there meanwhile makes it fail, never
    // followed); a replacement is written beside it and renamed over the old entry.
    const writePath = decision.replace ? this.tmpName(parent.dest) : dest;
    let written;
    try {
      // The times are set as the file is written: owner, mode and xattrs set after it leave them.
      const times = timesOf(entry.info);
      if (entry.info.size <= this.smallFileBytes) {
        // Small files are read once into memory: the hash is of exactly the bytes written.
        const data = readAllSync(src, entry.info.size);
        written = {
          ...writeNewFile(writePath, data, times, { backend: this.fs, sync: decision.replace }),
          hash: sha256Hex(data),
        };
      } else {
        written = await copyOpenFile(src, writePath, times, {
          signal: this.opt.signal,
          backend: this.fs,
          sync: decision.replace,
        });
      }
      if (this.asRoot && entry.info.uid >= 0 && entry.info.gid >= 0) {
        this.fs.chown(writePath, { uid: entry.info.uid, gid: entry.info.gid });
      }
      if (!IS_WINDOWS) this.fs.chmod(writePath, modeOf(entry.info));
      this.restoreXattrs(entry.path, { dest: writePath, rel: entry.rel });
    } catch (err) {
      // AlreadyExists: something appeared at the path since we looked; it is not ours to remove.
      if (!(err instanceof Deno.errors.AlreadyExists)) {
        try {
          this.fs.remove(writePath);
        } catch { /* nothing was created */ }
      }
      throw err;
    } finally {
      src.close();
    }
    if (this.manifest && expected === undefined) {
      this.problem({ path: full, severity: "warning", message: "not in the manifest: restored unchecked" });
    } else if (expected !== undefined && expected !== written.hash) {
      if (decision.replace) {
        this.fs.remove(writePath);
        this.problem({
          path: full,
          severity: "error",
          message: `the snapshot's copy does not match the manifest (sha256 ${written.hash}, manifest ` +
            `${expected}): the existing file was left in place`,
        });
        return;
      }
      this.problem({
        path: full,
        severity: "error",
        message: `restored, but the snapshot's copy does not match the manifest (sha256 ${written.hash}, ` +
          `manifest ${expected}): it is damaged`,
      });
    }
    if (decision.replace) this.fs.rename(writePath, dest);
    this.summary.files++;
    this.summary.bytes += written.sizeBytes;
  }

  restoreSymlink(entry: WalkEntry, parent: Frame): void {
    const dest = joinPath(parent.dest, entry.name);
    const full = this.full(entry.rel);
    const decision = this.existingDecision(entry.rel, dest, entry.info);
    if (decision.keep) return;
    const target = this.fs.readLink(entry.path);
    if (this.dryRun) {
      this.summary.symlinks++;
      return;
    }
    this.checkParent(parent);
    const writePath = decision.replace ? this.tmpName(parent.dest) : dest;
    try {
      if (IS_WINDOWS) {
        let type: "file" | "dir" = "file";
        try {
          if (Deno.statSync(entry.path).isDirectory) type = "dir";
        } catch { /* broken: a file link */ }
        Deno.symlinkSync(target, writePath, { type });
      } else {
        this.fs.symlink(target, writePath);
      }
    } catch (err) {
      if (isNoSpace(err)) throw this.diskFull(err);
      this.problem({
        path: full,
        severity: "error",
        message: `cannot create symlink to "${target}": ${errorMessage(err)}`,
      });
      return;
    }
    if (this.asRoot && entry.info.uid >= 0 && entry.info.gid >= 0) {
      try {
        this.fs.chown(writePath, { uid: entry.info.uid, gid: entry.info.gid });
      } catch (err) {
        this.problem({
          path: full,
          severity: "warning",
          message: `cannot set the symlink's owner: ${errorMessage(err)}`,
        });
      }
    }
    if (decision.replace) this.fs.rename(writePath, dest);
    if (this.fs.fidelity.symlinkTimes) {
      try {
        this.fs.setTimes(dest, timesOf(entry.info), { noFollow: true });
      } catch (err) {
        this.problem({
          path: full,
          severity: "warning",
          message: `cannot set the symlink's time: ${errorMessage(err)}`,
        });
      }
    }
    this.summary.symlinks++;
  }

  /** Copies the xattrs of a stored entry onto what restore just created; failures are warnings. */
  restoreXattrs(from: string, to: { dest: string; rel: string }): void {
    const list = sourceXattrs(this.fs, from).list;
    if (list.length === 0) return;
    const r = writeXattrs(to.dest, { backend: this.fs, list });
    for (const message of r.failures) this.problem({ path: this.full(to.rel), severity: "warning", message });
  }
}
