/**
 * The target side of a restore: TARGET checked (a folder, never inside the backup root) and made,
 * and each folder made in it only once it is known to be a real folder inside TARGET, reached
 * without a symlink; a folder's metadata set when its children are done. Nothing is ever written
 * outside TARGET.
 * @module
 */
import { dirname, relative, resolve } from "node:path";
import { errorMessage, FatalError } from "../errors.ts";
import { isNoSpace } from "../fs/classify.ts";
import { type FileStat, hasRawBytes } from "../fs/native/mod.ts";
import { IS_WINDOWS, joinPath, relativeInside } from "../fs/path.ts";
import type { CaseCollisionTracker } from "../fs/portable_names.ts";
import { probeCaseInsensitive } from "../fs/portable_names.ts";
import { lstatOrUndefined, modeOf, timesOf } from "../fs/stat.ts";
import type { Restorer } from "./restore.ts";

/** A folder being restored. */
export interface RestoreFrame {
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
  parent?: RestoreFrame;
}

/** The folders of one restore's target. */
export class TargetFolders {
  readonly #r: Restorer;

  constructor(restorer: Restorer) {
    this.#r = restorer;
  }

  /** Checks TARGET (a folder, outside the backup root), makes it, and probes whether it folds case. */
  prepare(): void {
    const r = this.#r;
    const abs = resolve(r.opt.target);
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
    while (!lstatOrUndefined(r.fs, existing) && dirname(existing) !== existing) {
      existing = dirname(existing);
    }
    const realExisting = joinPath(Deno.realPathSync(existing), relative(existing, abs));
    if (relativeInside(r.opt.snapshot.root, realExisting) !== undefined) {
      throw new FatalError(`Target "${abs}" is inside the backup root "${r.opt.snapshot.root}"`, {
        hint: "restore into a folder outside the backup root; snapshots are never changed",
      });
    }
    r.targetExisted = info !== undefined;
    if (!info && !r.dryRun) {
      try {
        Deno.mkdirSync(abs, { recursive: true });
      } catch (err) {
        throw new FatalError(`Cannot create target "${abs}": ${errorMessage(err)}`, { cause: err });
      }
    }
    r.target = info || !r.dryRun ? Deno.realPathSync(abs) : abs;
    r.summary.target = r.target;
    if (r.opt.caseInsensitive !== undefined) r.caseInsensitive = r.opt.caseInsensitive;
    else {
      let probeDir = r.target;
      while (!lstatOrUndefined(r.fs, probeDir) && dirname(probeDir) !== probeDir) {
        probeDir = dirname(probeDir);
      }
      r.caseInsensitive = probeCaseInsensitive(probeDir, { mayWrite: !r.dryRun });
    }
    r.summary.caseInsensitiveTarget = r.caseInsensitive;
  }

  /**
   * Makes sure a folder exists in the target as a real folder inside TARGET (creating its parents
   * first). Returns false, reporting once, when it cannot be.
   */
  ensure(frame: RestoreFrame): boolean {
    const r = this.#r;
    if (frame.ready) return true;
    if (frame.failed) return false;
    if (frame.parent && !this.ensure(frame.parent)) {
      frame.failed = true;
      return false;
    }
    const fail = (message: string) => {
      frame.failed = true;
      r.problem({ path: r.full(frame.rel), severity: "error", message });
      return false;
    };
    const existing = lstatOrUndefined(r.fs, frame.dest);
    if (existing?.isSymlink) {
      return fail("a symlink is in the target where this folder goes; restore never follows symlinks there");
    }
    if (existing && !existing.isDirectory) return fail("a file is in the target where this folder goes");
    if (r.dryRun) {
      frame.ready = true;
      frame.preexisting = existing !== undefined;
      if (!existing) r.summary.directories++;
      return true;
    }
    if (!existing) {
      try {
        r.fs.mkdir(frame.dest);
      } catch (err) {
        if (isNoSpace(err)) throw r.diskFull(err);
        return fail(`cannot create folder: ${errorMessage(err)}`);
      }
      r.summary.directories++;
    }
    // The folder must really be where we think: inside TARGET, reached without a symlink.
    let real: string;
    try {
      const after = r.fs.lstat(frame.dest);
      if (!after.isDirectory) return fail("the folder was replaced while restoring");
      // Deno cannot resolve a name that is not valid UTF-8. Such a folder was just seen (lstat,
      // not followed) to be a real folder in its parent, which was checked the same way.
      real = hasRawBytes(frame.dest) ? r.target + "/" + frame.rel : Deno.realPathSync(frame.dest);
    } catch (err) {
      return fail(`cannot check folder: ${errorMessage(err)}`);
    }
    if (relativeInside(r.target, real) === undefined) {
      return fail(`the folder resolves to "${real}", outside the target; nothing is written there`);
    }
    frame.preexisting = existing !== undefined;
    frame.ready = true;
    return true;
  }

  /** Sets a folder's metadata once its children are restored (not on folders that were there, unless --overwrite always). */
  leave(frame: RestoreFrame): void {
    const r = this.#r;
    if (frame.failed) return;
    if (frame.included && !frame.ready && !this.ensure(frame)) return;
    if (!frame.ready || r.dryRun) return;
    if (frame.preexisting && r.overwrite !== "always") return;
    const info = frame.info;
    try {
      // Owner, mode, xattrs (a chown clears security.capability), then the times, last because
      // filling the folder changed them.
      if (r.asRoot && info.uid >= 0 && info.gid >= 0) {
        r.fs.chown(frame.dest, { uid: info.uid, gid: info.gid });
      }
      if (!IS_WINDOWS) r.fs.chmod(frame.dest, modeOf(info));
      r.restoreXattrs(frame.src, { dest: frame.dest, rel: frame.rel });
      r.fs.setTimes(frame.dest, timesOf(info));
    } catch (err) {
      r.problem({
        path: r.full(frame.rel),
        severity: "warning",
        message: `cannot set folder metadata: ${errorMessage(err)}`,
      });
    }
  }

  /** The parent folder must still be a real folder right before we create something in it. */
  checkParent(parent: RestoreFrame): void {
    const r = this.#r;
    const st = r.fs.lstat(parent.dest);
    if (!st.isDirectory) throw new Error("its folder in the target is no longer a real folder; not written");
  }
}
