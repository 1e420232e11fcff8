/**
 * The target side of a restore: TARGET found and opened once, and every folder below it reached
 * from its parent's handle (backend.ts HandleCalls), never through a symlink; a folder's metadata
 * set on its handle when its children are done. Nothing is ever written outside TARGET.
 *
 * With the native backend the handles are descriptors: once a folder is open, nothing another
 * user renames or symlinks can redirect a write. TARGET itself is found component by component
 * from "/", each through the handle of the folder before it; a symlink on the way is followed only
 * when no other user could have put it there (as root; `unsafeTarget` lifts this).
 *
 * Without it (the Deno API: Windows, no --allow-ffi) every call resolves a path again, so a user who
 * can change a folder on the way can redirect it between a check and a write. There a root (or
 * Administrator) restore refuses a TARGET that another user owns or can write to, or that is reached
 * through such a folder, and each folder in it that such a user could change, unless `unsafeTarget`.
 * @module
 */
import { dirname, relative, win32 } from "node:path";
import { errorMessage, FatalError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { isNoSpace, isNotFound } from "../fs/classify.ts";
import type { FileStat, Handle, HandleCalls, HandleName } from "../fs/native/mod.ts";
import { absolutePath, IS_WINDOWS, joinPath, relativeInside } from "../fs/path.ts";
import type { CaseCollisionTracker } from "../fs/portable_names.ts";
import { probeCaseInsensitive } from "../fs/portable_names.ts";
import { modeOf, timesOf } from "../fs/stat.ts";
import { processOwner } from "../fs/platform.ts";
import { openWindowsSecurity, type WindowsSecurity } from "../fs/native/win_security.ts";
import { isWindowsAdministrator, openToOthersText, windowsOpenToOthersText } from "../fs/trust.ts";
import type { Restorer } from "./restore.ts";

/** A folder being restored. */
export interface RestoreFrame {
  rel: string;
  /** Its name in its parent ("" for the top). */
  name: string;
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
  /** How deep it is (0 for the top). */
  depth: number;
  /** Its handle while its children are restored (folders up to MAX_TARGET_HANDLE_DEPTH deep). */
  handle?: Handle;
  /** A dry run into a folder that does not exist: there is nothing in it to look at. */
  missing?: boolean;
}

/**
 * Folders at most this deep keep their handle open while their children are restored; a deeper one
 * is opened for each use from the deepest open folder above it, so no tree can use up the process's
 * descriptors.
 */
export const MAX_TARGET_HANDLE_DEPTH = 200;

/** An open folder handle and how to give it back (a no-op for a kept one). */
export interface HeldFolder {
  handle: Handle;
  release(): void;
}

const NO_RELEASE = () => {};

/** The folders of one restore's target. */
export class TargetFolders {
  readonly #r: Restorer;
  /** TARGET's handle, once opened (a dry run into a TARGET that does not exist has none). */
  top?: Handle;
  #guarding?: boolean;
  /** Windows: the token's and folders' security (FFI), or null where it cannot be read. */
  #win?: WindowsSecurity | null;

  constructor(restorer: Restorer) {
    this.#r = restorer;
  }

  /** Root or Administrator, and not `unsafeTarget`: folders other users can change are checked. */
  get #guard(): boolean {
    const r = this.#r;
    this.#guarding ??= !r.opt.unsafeTarget && (r.asRoot || this.#windowsAdministrator());
    return this.#guarding;
  }

  #windowsAdministrator(): boolean {
    if (!IS_WINDOWS) return false;
    this.#win ??= openWindowsSecurity() ?? null;
    return this.#win ? this.#win.elevated : isWindowsAdministrator();
  }

  /** Releases what the checks hold (Windows' libraries). */
  dispose(): void {
    this.#win?.close();
    this.#win = null;
  }

  /**
   * Windows, as Administrator: no folder from the drive down to the last existing folder of TARGET
   * may be one another user can rename or replace, and that last folder (TARGET, or where it is
   * made) none they can write to: phlb works by path there, and a junction swapped in would lead
   * its writes elsewhere.
   */
  #checkWindowsWay(target: string, existing: string): void {
    const win = this.#win;
    if (!win) {
      throw new FatalError(msg("restore.target.adminNoFfi", { target }), {
        hint: msg("restore.target.adminNoFfi.hint"),
      });
    }
    const root = win32.parse(existing).root;
    const parts = existing.slice(root.length).split(/[\\/]/).filter((p) => p !== "");
    const way = [root, ...parts.map((_, i) => win32.join(root, ...parts.slice(0, i + 1)))];
    way.forEach((folder, i) => {
      let why: string | Msg | undefined;
      try {
        why = windowsOpenToOthersText(win.folderAcl(folder), {
          userSid: win.userSid,
          into: i === way.length - 1,
        });
      } catch (err) {
        why = errorMessage(err);
      }
      if (why) refuse(target, { path: folder, why });
    });
  }

  get #h(): HandleCalls {
    return this.#r.fs.handles;
  }

  /**
   * Finds TARGET (a folder outside the backup root), checks the way to it, makes what is missing of
   * it (not in a dry run), opens it, and probes whether it folds case.
   */
  prepare(): void {
    const r = this.#r;
    const abs = absolutePath(r.opt.target, { cwd: Deno.cwd() });
    const found = this.#resolve(abs);
    if (IS_WINDOWS && this.#guard) this.#checkWindowsWay(abs, found.existingPath);
    // Restoring into the backup root would change snapshots (or make a folder look like a backup name).
    if (relativeInside(r.opt.snapshot.root, found.path) !== undefined) {
      this.#closeHeld(found.held);
      throw new FatalError(msg("restore.target.insideRoot", { target: abs, root: r.opt.snapshot.root }), {
        hint: msg("restore.target.insideRoot.hint"),
      });
    }
    r.targetExisted = found.missing.length === 0;
    try {
      this.top = this.#openRest(found, r.dryRun);
    } catch (err) {
      throw new FatalError(msg("restore.target.cannotCreate", { target: abs, error: errorMessage(err) }), {
        cause: err,
      });
    }
    r.target = found.path;
    r.summary.target = r.target;
    if (this.top && r.targetExisted && !this.#h.raceFree && this.#guard) {
      const why = openToOthersText(this.#h.stat(this.top), { self: this.#self(), sticky: false });
      if (why) {
        this.close(this.top);
        throw new FatalError(msg("restore.target.rootOpen", { target: abs, why }), {
          hint: msg("restore.target.unsafeHint"),
        });
      }
    }
    if (r.opt.caseInsensitive !== undefined) r.caseInsensitive = r.opt.caseInsensitive;
    else {
      r.caseInsensitive = probeCaseInsensitive(this.top ? r.target : found.existingPath, {
        mayWrite: !r.dryRun,
        at: this.top ? { handles: this.#h, dir: this.top } : undefined,
      });
    }
    r.summary.caseInsensitiveTarget = r.caseInsensitive;
  }

  #self(): { uid: number } {
    return { uid: processOwner().uid };
  }

  /**
   * Walks `abs` from "/" through folder handles, following symlinks (each read through the handle
   * of its folder) and stopping at the first name that does not exist. Refuses (as root) a way that
   * another user could change: a symlink in a folder they can change; without the native layer,
   * any such folder.
   */
  #resolve(abs: string): Resolved {
    if (IS_WINDOWS) return resolveByPath(abs);
    const h = this.#h;
    const queue = abs.split("/").filter((p) => p !== "" && p !== ".");
    const held: { handle: Handle; stat: FileStat }[] = [];
    const openRoot = () => {
      this.#closeHeld(held);
      const handle = h.openFolder("/");
      held.push({ handle, stat: h.stat(handle) });
    };
    try {
      openRoot();
    } catch (err) {
      throw new FatalError(msg("restore.target.cannotOpen", { target: abs, error: errorMessage(err) }), {
        cause: err,
      });
    }
    let hops = 0;
    try {
      while (queue.length > 0) {
        const part = queue.shift()!;
        const cur = held[held.length - 1];
        if (part === "..") {
          if (held.length > 1) this.close(held.pop()!.handle);
          continue;
        }
        const at: HandleName = { dir: cur.handle, name: part };
        let info: FileStat;
        try {
          info = h.lstatAt(at);
        } catch (err) {
          if (!isNotFound(err)) throw err;
          const missing = [part, ...queue];
          return {
            held,
            path: joinPath(cur.handle.path, missing.join("/")),
            existingPath: cur.handle.path,
            missing,
          };
        }
        const path = joinPath(cur.handle.path, part);
        const changeable = this.#guard ? this.#changeableEntry(cur.stat, info) : undefined;
        if (info.isSymlink) {
          if (changeable) refuse(abs, { path, why: msg("restore.target.symlinkAnd", { why: changeable }) });
          if (++hops > 40) throw new Deno.errors.FilesystemLoop(`too many symlinks on the way to "${abs}"`);
          const target = h.readLinkAt(at);
          queue.unshift(...target.split("/").filter((p) => p !== "" && p !== "."));
          if (target.startsWith("/")) openRoot();
          continue;
        }
        if (!info.isDirectory) {
          throw new FatalError(
            queue.length === 0
              ? msg("restore.target.notAFolder", { target: abs })
              : msg("restore.target.pathNotAFolder", { path }),
          );
        }
        if (changeable && !h.raceFree) refuse(abs, { path, why: changeable });
        const handle = h.openFolderAt(at);
        held.push({ handle, stat: h.stat(handle) });
        if (queue.length > 0 && this.#guard && !h.raceFree) {
          const why = openToOthersText(held[held.length - 1].stat, { self: this.#self() });
          if (why) refuse(abs, { path, why });
        }
      }
      const last = held[held.length - 1].handle;
      return { held, path: last.path, existingPath: last.path, missing: [] };
    } catch (err) {
      this.#closeHeld(held);
      if (err instanceof FatalError) throw err;
      throw new FatalError(msg("restore.target.cannotOpen", { target: abs, error: errorMessage(err) }), {
        cause: err,
      });
    }
  }

  /** Why another user could replace an entry (`info`) of the folder `folder`, or undefined. */
  #changeableEntry(folder: FileStat, info: FileStat): Msg | undefined {
    const self = this.#self();
    const why = openToOthersText(folder, { self });
    if (why) return msg("restore.target.folderChangeable", { why });
    const shared = (folder.mode & 0o1000) !== 0 && (folder.mode & 0o022) !== 0;
    if (shared && info.uid !== 0 && info.uid !== self.uid) {
      return msg("restore.target.foreignInShared", { uid: String(info.uid) });
    }
    return undefined;
  }

  /** Makes the missing part of TARGET and returns its handle (none in a dry run that would make it). */
  #openRest(found: Resolved, dryRun: boolean): Handle | undefined {
    const h = this.#h;
    const held = found.held;
    try {
      if (found.missing.length > 0 && dryRun) return undefined;
      if (IS_WINDOWS) {
        if (found.missing.length > 0) Deno.mkdirSync(found.path, { recursive: true });
        return h.openFolder(Deno.realPathSync(found.path));
      }
      let dir = held[held.length - 1].handle;
      for (const part of found.missing) {
        const at = { dir, name: part };
        try {
          h.mkdirAt(at, 0o777);
        } catch (err) {
          if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
        }
        const next = h.openFolderAt(at);
        held.push({ handle: next, stat: h.stat(next) });
        dir = next;
      }
      held.pop();
      return dir;
    } finally {
      this.#closeHeld(held);
    }
  }

  #closeHeld(held: { handle: Handle }[]): void {
    while (held.length > 0) this.close(held.pop()!.handle);
  }

  /** Closes a folder handle; never throws (a close error loses nothing here). */
  close(handle: Handle): void {
    try {
      this.#h.close(handle);
    } catch { /* nothing to do */ }
  }

  /**
   * The handle of a ready folder, opened for this use when the folder is too deep to keep one;
   * undefined in a dry run for a folder that does not exist.
   */
  handleOf(frame: RestoreFrame): HeldFolder | undefined {
    if (frame.handle) return { handle: frame.handle, release: NO_RELEASE };
    if (frame.missing || !frame.ready) return undefined;
    const chain: RestoreFrame[] = [];
    let f: RestoreFrame | undefined = frame;
    while (f && !f.handle) {
      chain.unshift(f);
      f = f.parent;
    }
    if (!f) return undefined;
    const opened: Handle[] = [];
    let dir = f.handle!;
    try {
      for (const c of chain) {
        dir = this.#h.openFolderAt({ dir, name: c.name });
        opened.push(dir);
      }
    } catch (err) {
      for (const o of opened) this.close(o);
      throw err;
    }
    const handle = dir;
    return { handle, release: () => opened.forEach((o) => this.close(o)) };
  }

  /**
   * Makes sure a folder exists in the target as a real folder in its parent (creating its parents
   * first), and opens it. Returns false, reporting once, when it cannot be.
   */
  ensure(frame: RestoreFrame): boolean {
    const r = this.#r;
    if (frame.ready) return true;
    if (frame.failed) return false;
    const parent = frame.parent!;
    if (!this.ensure(parent)) {
      frame.failed = true;
      return false;
    }
    const fail = (message: string | Msg) => {
      frame.failed = true;
      r.failItem(r.full(frame.rel), message);
      return false;
    };
    const dir = this.handleOf(parent);
    if (!dir) {
      // A dry run inside a folder that would be made: this one would be made too.
      frame.ready = frame.missing = true;
      r.summary.directories++;
      return true;
    }
    const h = this.#h;
    const at = { dir: dir.handle, name: frame.name };
    try {
      let existing: FileStat | undefined;
      try {
        existing = h.lstatAt(at);
      } catch (err) {
        if (!isNotFound(err)) return fail(msg("restore.target.cannotCheck", { error: errorMessage(err) }));
      }
      if (existing?.isSymlink) {
        return fail(msg("restore.target.symlinkInTheWay"));
      }
      if (existing && !existing.isDirectory) return fail(msg("restore.target.fileInTheWay"));
      if (!existing) {
        if (r.dryRun) {
          frame.ready = frame.missing = true;
          r.summary.directories++;
          return true;
        }
        try {
          // Private while it is filled: its own mode comes when its children are done.
          h.mkdirAt(at, 0o700);
        } catch (err) {
          if (isNoSpace(err)) throw r.diskFull(err);
          return fail(msg("restore.target.cannotCreateFolder", { error: errorMessage(err) }));
        }
        r.summary.directories++;
      }
      let handle: Handle;
      try {
        handle = h.openFolderAt(at);
      } catch (err) {
        return fail(
          err instanceof Deno.errors.FilesystemLoop || err instanceof Deno.errors.NotADirectory
            ? msg("restore.target.folderReplaced")
            : msg("restore.target.cannotOpenFolder", { error: errorMessage(err) }),
        );
      }
      if (!h.raceFree) {
        const why = this.#pathFolderProblem(handle, existing);
        if (why) {
          this.close(handle);
          return fail(why);
        }
      }
      frame.preexisting = existing !== undefined;
      frame.ready = true;
      if (frame.depth <= (r.opt.maxHandleDepth ?? MAX_TARGET_HANDLE_DEPTH)) frame.handle = handle;
      else this.close(handle);
      return true;
    } finally {
      dir.release();
    }
  }

  /**
   * Without the native layer: the folder must really be where we think, inside TARGET, and (as
   * root) one that no other user can change, or a later call by path could land elsewhere.
   */
  #pathFolderProblem(handle: Handle, existing: FileStat | undefined): Msg | undefined {
    const r = this.#r;
    let real: string;
    try {
      real = Deno.realPathSync(handle.path);
    } catch (err) {
      return msg("restore.target.cannotCheck", { error: errorMessage(err) });
    }
    if (relativeInside(r.target, real) === undefined) {
      return msg("restore.target.resolvesOutside", { real });
    }
    if (existing && this.#guard) {
      const why = IS_WINDOWS
        ? this.#windowsFolderProblem(handle.path)
        : openToOthersText(existing, { self: this.#self(), sticky: false });
      if (why) {
        return msg("restore.target.folderOpen", { why });
      }
    }
    return undefined;
  }

  /** Windows: why another user can write to the folder at `path` (or its ACL cannot be read). */
  #windowsFolderProblem(path: string): string | Msg | undefined {
    const win = this.#win;
    if (!win) return msg("restore.target.aclNoFfi");
    try {
      return windowsOpenToOthersText(win.folderAcl(path), { userSid: win.userSid, into: true });
    } catch (err) {
      return errorMessage(err);
    }
  }

  /**
   * Sets a folder's metadata once its children are restored (not on folders that were there, unless
   * --overwrite always), on its handle, and closes the handle.
   */
  leave(frame: RestoreFrame): void {
    const r = this.#r;
    try {
      if (frame.failed) return;
      if (frame.included && !frame.ready && !this.ensure(frame)) return;
      if (!frame.ready || r.dryRun) return;
      if (frame.preexisting && r.overwrite !== "always") return;
      const dir = this.handleOf(frame);
      if (!dir) return;
      const h = this.#h;
      const info = frame.info;
      try {
        // Owner, mode, xattrs (a chown clears security.capability), then the times, last because
        // filling the folder changed them.
        if (r.asRoot && info.uid >= 0 && info.gid >= 0) h.chown(dir.handle, { uid: info.uid, gid: info.gid });
        if (!IS_WINDOWS) h.chmod(dir.handle, modeOf(info));
        r.restoreXattrs(frame.src, { handle: dir.handle, rel: frame.rel });
        h.setTimes(dir.handle, timesOf(info));
      } catch (err) {
        r.warnItem(r.full(frame.rel), msg("restore.target.folderMeta", { error: errorMessage(err) }));
      } finally {
        dir.release();
      }
    } finally {
      if (frame.handle) {
        this.close(frame.handle);
        frame.handle = undefined;
      }
    }
  }

  /**
   * Without the native layer, the parent folder must still be a real folder right before we create
   * something in it. With it, the handle is that folder, whatever its name now leads to.
   */
  checkParent(dir: Handle): void {
    if (this.#h.raceFree) return;
    const st = this.#r.fs.lstat(dir.path);
    if (!st.isDirectory) throw new Error("its folder in the target is no longer a real folder; not written");
  }
}

/** The way to TARGET, as far as it exists. */
interface Resolved {
  /** Open handles from "/" to the last existing folder. */
  held: { handle: Handle; stat: FileStat }[];
  /** TARGET's path with every symlink resolved. */
  path: string;
  /** The last folder of it that exists. */
  existingPath: string;
  /** The names below it to make. */
  missing: string[];
}

/**
 * Windows: the path as given, checked with the Deno API (there is no native layer, and the
 * Administrator's guard refused before this): its real path where it exists, else the real path
 * of the nearest folder that does, with the rest.
 */
function resolveByPath(abs: string): Resolved {
  let info: Deno.FileInfo | undefined;
  try {
    info = Deno.statSync(abs);
  } catch { /* missing */ }
  if (info && !info.isDirectory) throw new FatalError(msg("restore.target.notAFolder", { target: abs }));
  if (info) {
    const real = Deno.realPathSync(abs);
    return { held: [], path: real, existingPath: real, missing: [] };
  }
  let existing = abs;
  while (dirname(existing) !== existing) {
    existing = dirname(existing);
    try {
      Deno.lstatSync(existing);
      break;
    } catch { /* go up */ }
  }
  const real = Deno.realPathSync(existing);
  return { held: [], path: joinPath(real, relative(existing, abs)), existingPath: real, missing: [abs] };
}

function refuse(target: string, at: { path: string; why: string | Msg }): never {
  const who = IS_WINDOWS ? "Administrator" : "root";
  throw new FatalError(msg("restore.target.wayOpen", { who, target, path: at.path, why: at.why }), {
    hint: msg("restore.target.wayOpen.hint", { who }),
  });
}
