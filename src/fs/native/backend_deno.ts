/**
 * The fallback backend over Deno's file API: what phlb does without FFI. Times are milliseconds
 * (ctime whole seconds), no xattrs are seen, and a name that is not valid UTF-8 comes back with
 * U+FFFD in place of its bad bytes, so it cannot be opened.
 * @module
 */
import { lchownSync } from "node:fs";
import { joinPath } from "../path.ts";
import { type Msg, msg } from "../../i18n/messages.ts";
import type {
  BackendFile,
  FsBackend,
  HandleCalls,
  HandleName,
  SetTimesOptions,
  SymlinkOptions,
} from "./backend.ts";
import { decodeName, encodeName } from "./names.ts";
import type { DirEntry, FileStat, FileTimes, FileType, RawDirEntry, Xattr } from "./types.ts";

function typeOf(info: Deno.FileInfo): FileType {
  if (info.isFile) return "file";
  if (info.isDirectory) return "dir";
  if (info.isSymlink) return "symlink";
  if (info.isFifo) return "fifo";
  if (info.isSocket) return "socket";
  if (info.isBlockDevice) return "block";
  if (info.isCharDevice) return "char";
  return "unknown";
}

function splitMs(ms: number): { sec: number; nsec: number } {
  const sec = Math.floor(ms / 1000);
  return { sec, nsec: (ms - sec * 1000) * 1e6 };
}

/** A FileStat from a Deno.FileInfo (milliseconds; ctime as Deno has it). */
export function fileStatOfInfo(info: Deno.FileInfo): FileStat {
  const type = typeOf(info);
  const mtimeMs = info.mtime?.getTime() ?? 0;
  const ctimeMs = info.ctime?.getTime() ?? 0;
  const m = splitMs(mtimeMs);
  const a = splitMs(info.atime?.getTime() ?? 0);
  const c = splitMs(ctimeMs);
  return {
    type,
    isFile: type === "file",
    isDirectory: type === "dir",
    isSymlink: type === "symlink",
    mode: info.mode ?? 0,
    size: info.size,
    ino: info.ino ?? 0,
    dev: info.dev,
    nlink: info.nlink ?? 1,
    uid: info.uid ?? -1,
    gid: info.gid ?? -1,
    atimeSec: a.sec,
    atimeNsec: a.nsec,
    mtimeSec: m.sec,
    mtimeNsec: m.nsec,
    ctimeSec: c.sec,
    ctimeNsec: c.nsec,
    mtimeMs,
    ctimeMs,
  };
}

/** A Deno.FsFile as a {@linkcode BackendFile}. */
class DenoFile implements BackendFile {
  #file: Deno.FsFile;
  #closed = false;

  constructor(file: Deno.FsFile) {
    this.#file = file;
  }

  readSync(p: Uint8Array): number | null {
    return this.#file.readSync(p);
  }

  read(p: Uint8Array): Promise<number | null> {
    return this.#file.read(p);
  }

  writeSync(p: Uint8Array): number {
    return this.#file.writeSync(p);
  }

  seekSync(offset: number, whence: Deno.SeekMode): number {
    return this.#file.seekSync(offset, whence);
  }

  syncSync(): void {
    this.#file.syncSync();
  }

  stat(): FileStat {
    return fileStatOfInfo(this.#file.statSync());
  }

  setTimes(times: FileTimes): void {
    const atime = new Date(times.atimeSec * 1000 + Math.floor(times.atimeNsec / 1e6));
    const mtime = new Date(times.mtimeSec * 1000 + Math.floor(times.mtimeNsec / 1e6));
    this.#file.utimeSync(atime, mtime);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#file.close();
  }
}

/** Options for {@linkcode DenoBackend}. */
export interface DenoBackendOptions {
  /** Why the native backend is not used, for the summary line. */
  reason?: string;
}

/** The Deno-API backend. */
export class DenoBackend implements FsBackend {
  readonly kind = "deno";
  readonly fidelity = { nanosecondTimes: false, xattrs: false, rawNames: false, symlinkTimes: false };
  readonly summary: string;
  readonly summaryText: Msg;
  readonly handles: HandleCalls = this.#pathHandles();

  constructor(options: DenoBackendOptions = {}) {
    // Deno's ctime is the change time: whole seconds on Linux and macOS, milliseconds on Windows.
    const ctimes = Deno.build.os === "windows" ? msg("fs.backend.ctimesMs") : msg("fs.backend.ctimesS");
    this.summaryText = msg("fs.backend.deno", {
      reason: options.reason ? ` (${options.reason})` : "",
      ctimes,
    });
    this.summary = String(this.summaryText);
  }

  /**
   * {@linkcode HandleCalls} by full paths: a handle is its path, and every call resolves it again
   * (`raceFree` false). Checks at open time only: a folder is opened when it is a folder and not a
   * symlink, as the native backend's O_NOFOLLOW opens it.
   */
  #pathHandles(): HandleCalls {
    const full = (at: HandleName) => joinPath(at.dir.path, at.name);
    return {
      raceFree: false,
      openFolder: (path) => {
        if (!Deno.statSync(path).isDirectory) throw new Deno.errors.NotADirectory(`not a folder: '${path}'`);
        return { fd: -1, path };
      },
      openFolderAt: (at) => {
        const path = full(at);
        const st = Deno.lstatSync(path);
        if (st.isSymlink) throw new Deno.errors.FilesystemLoop(`a symlink, not followed: '${path}'`);
        if (!st.isDirectory) throw new Deno.errors.NotADirectory(`not a folder: '${path}'`);
        return { fd: -1, path };
      },
      close: () => {},
      stat: (handle) => this.lstat(handle.path),
      lstatAt: (at) => this.lstat(full(at)),
      mkdirAt: (at, mode) => this.mkdir(full(at), { mode }),
      createAt: (at, mode) => {
        const path = full(at);
        return { file: this.createNew(path, { mode }), handle: { fd: -1, path } };
      },
      symlinkAt: (target, at, options) => this.symlink(target, full(at), options),
      readLinkAt: (at) => this.readLink(full(at)),
      renameAt: (from, to) => this.rename(full(from), full(to)),
      removeAt: (at) => this.remove(full(at)),
      chmod: (handle, mode) => this.chmod(handle.path, mode),
      chown: (handle, owner) => this.chown(handle.path, owner),
      setTimes: (handle, times) => this.setTimes(handle.path, times),
      setXattr: (handle, xattr) => this.setXattr(handle.path, xattr),
      setSymlinkMeta: (at, meta) => {
        const path = full(at);
        if (meta.owner) this.chown(path, meta.owner);
        if (meta.times) this.setTimes(path, meta.times, { noFollow: true });
      },
    };
  }

  lstat(path: string): FileStat {
    return fileStatOfInfo(Deno.lstatSync(path));
  }

  setTimes(path: string, times: FileTimes, options: SetTimesOptions = {}): void {
    if (options.noFollow && Deno.lstatSync(path).isSymlink) {
      throw new Error(`cannot set the times of symlink '${path}' through the Deno file API`);
    }
    const atime = new Date(times.atimeSec * 1000 + Math.floor(times.atimeNsec / 1e6));
    const mtime = new Date(times.mtimeSec * 1000 + Math.floor(times.mtimeNsec / 1e6));
    Deno.utimeSync(path, atime, mtime);
  }

  listXattrs(_path: string): string[] {
    return [];
  }

  getXattr(_path: string, _name: string): Uint8Array | undefined {
    return undefined;
  }

  setXattr(path: string, xattr: Xattr): void {
    throw new Error(`cannot set xattr "${xattr.name}" on '${path}': the Deno file API has no xattrs`);
  }

  readXattrs(_path: string): Xattr[] {
    return [];
  }

  readDir(path: string): DirEntry[] {
    const out: DirEntry[] = [];
    for (const e of Deno.readDirSync(path)) {
      out.push({
        name: e.name,
        type: e.isFile ? "file" : e.isDirectory ? "dir" : e.isSymlink ? "symlink" : "unknown",
        // Deno replaced the bad bytes; a real U+FFFD in a name is counted too.
        rawBytes: e.name.includes("\uFFFD"),
      });
    }
    return out;
  }

  readDirRaw(path: string): RawDirEntry[] {
    return this.readDir(path).map((e) => ({ name: encodeName(e.name), type: e.type, ino: 0 }));
  }

  encodePath(path: string): Uint8Array {
    return encodeName(path);
  }

  decodePath(bytes: Uint8Array): string {
    return decodeName(bytes);
  }

  openRead(path: string): BackendFile {
    return new DenoFile(Deno.openSync(path, { read: true }));
  }

  createNew(path: string, options: { mode?: number } = {}): BackendFile {
    return new DenoFile(Deno.openSync(path, { write: true, createNew: true, mode: options.mode ?? 0o666 }));
  }

  link(existing: string, newPath: string): void {
    Deno.linkSync(existing, newPath);
  }

  symlink(target: string, path: string, options: SymlinkOptions = {}): void {
    if (Deno.build.os !== "windows") return Deno.symlinkSync(target, path);
    // A Windows link is a file or a folder link: the kind of what the copied link points at.
    let type: "file" | "dir" = "file";
    try {
      if (options.like !== undefined && Deno.statSync(options.like).isDirectory) type = "dir";
    } catch { /* a broken link: a file link */ }
    Deno.symlinkSync(target, path, { type });
  }

  readLink(path: string): string {
    return Deno.readLinkSync(path);
  }

  mkdir(path: string, options: { mode?: number } = {}): void {
    Deno.mkdirSync(path, { mode: options.mode ?? 0o777 });
  }

  rename(from: string, to: string): void {
    Deno.renameSync(from, to);
  }

  remove(path: string): void {
    Deno.removeSync(path);
  }

  chmod(path: string, mode: number): void {
    Deno.chmodSync(path, mode);
  }

  chown(path: string, owner: { uid: number; gid: number }): void {
    // Deno.chownSync follows symlinks; node:fs lchown never does.
    lchownSync(path, owner.uid, owner.gid);
  }

  /**
   * Without FFI: coreutils `sync -f` (syncfs) on Linux, falling back to `sync`; `sync` on macOS.
   * Windows has no call that flushes a volume for a non-administrator: undefined.
   */
  syncFilesystem(path: string): "syncfs" | "sync" | undefined {
    if (Deno.build.os === "windows") return undefined;
    if (Deno.build.os === "linux" && runSync(["-f", path])) return "syncfs";
    if (runSync([])) return "sync";
    throw new Error(`cannot write the data under '${path}' to disk: \`sync\` failed`);
  }

  close(): void {}
}

/**
 * Runs coreutils `sync`; true when it exits 0. Found on PATH, else where every Linux and macOS
 * system has it: a run started with an empty environment (no PATH) must still flush its data.
 */
function runSync(args: string[]): boolean {
  for (const program of ["sync", "/bin/sync", "/usr/bin/sync"]) {
    try {
      return new Deno.Command(program, { args, stdout: "null", stderr: "null" }).outputSync().success;
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) return false;
    }
  }
  return false;
}
