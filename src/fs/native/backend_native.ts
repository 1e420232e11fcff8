/**
 * The native backend: libc through FFI, with nanosecond times, xattrs and exact byte names.
 *
 * Paths arrive as fs-strings and go to C as NUL-terminated bytes, encoded into two reusable
 * buffers (every call is sync and none re-enters, so two are enough). Files are libc descriptors
 * read and written through FFI (NativeFile), for every name: Deno will not adopt a descriptor.
 * @module
 */
import type {
  BackendFile,
  FolderCalls,
  FsBackend,
  HandleCalls,
  HandleName,
  SetTimesOptions,
} from "./backend.ts";
import { decodeName, encodeName, encodeNameInto } from "./names.ts";
import { type Msg, msg } from "../../i18n/messages.ts";
import type { DirEntry, FileStat, FileTimes, NativeLibc, RawDirEntry, Xattr } from "./types.ts";

const SCRATCH_BYTES = 4096 * 3 + 1;

/** A libc file descriptor as a {@linkcode BackendFile}. */
class NativeFile implements BackendFile {
  #libc: NativeLibc;
  #fd: number;

  constructor(libc: NativeLibc, fd: number) {
    this.#libc = libc;
    this.#fd = fd;
  }

  #open(): number {
    if (this.#fd < 0) throw new Deno.errors.BadResource("the file is closed");
    return this.#fd;
  }

  readSync(p: Uint8Array): number | null {
    if (p.length === 0) return 0;
    const n = this.#libc.read(this.#open(), p);
    return n === 0 ? null : n;
  }

  async read(p: Uint8Array): Promise<number | null> {
    if (p.length === 0) return 0;
    const n = await this.#libc.readAsync(this.#open(), p);
    return n === 0 ? null : n;
  }

  writeSync(p: Uint8Array): number {
    return this.#libc.write(this.#open(), p);
  }

  seekSync(offset: number, whence: Deno.SeekMode): number {
    return this.#libc.seek(this.#open(), { offset, whence });
  }

  syncSync(): void {
    this.#libc.fsync(this.#open());
  }

  stat(): FileStat {
    return this.#libc.fstat(this.#open());
  }

  setTimes(times: FileTimes): void {
    this.#libc.futimens(this.#open(), times);
  }

  close(): void {
    if (this.#fd < 0) return;
    const fd = this.#fd;
    this.#fd = -1;
    this.#libc.closeFd(fd);
  }
}

/** The libc-backed backend. */
export class NativeBackend implements FsBackend {
  readonly kind = "native";
  readonly fidelity = { nanosecondTimes: true, xattrs: true, rawNames: true, symlinkTimes: true };
  readonly summary: string;
  readonly summaryText: Msg;
  #libc: NativeLibc;
  #a = new Uint8Array(SCRATCH_BYTES);
  #b = new Uint8Array(SCRATCH_BYTES);

  readonly folders?: FolderCalls;
  readonly handles: HandleCalls;

  /** Wraps a loaded C library (see libc_linux.ts / libc_macos.ts). */
  constructor(libc: NativeLibc) {
    this.#libc = libc;
    this.handles = this.#handleCalls(libc);
    const at = libc.folderCalls;
    if (at) {
      this.folders = {
        open: (path) => at.openFolder(this.#c(path, this.#a)),
        close: (handle) => libc.closeFd(handle),
        lstat: (dir, name, path) => at.lstatAt(dir, this.#c(name, this.#a), path),
        link: (from, to) =>
          at.linkAt(
            { dir: from.dir, name: this.#c(from.name, this.#a) },
            { dir: to.dir, name: this.#c(to.name, this.#b) },
            { from: from.path, to: to.path },
          ),
      };
    }
    this.summaryText = msg("fs.backend.native", { libc: libc.description });
    this.summary = String(this.summaryText);
  }

  /** The descriptor calls of {@linkcode HandleCalls}, over the C library's. */
  #handleCalls(libc: NativeLibc): HandleCalls {
    const h = libc.handleCalls;
    const full = (at: HandleName) =>
      at.dir.path.endsWith("/") ? at.dir.path + at.name : `${at.dir.path}/${at.name}`;
    const name = (at: HandleName, buf = this.#a) => ({ dir: at.dir.fd, name: this.#c(at.name, buf) });
    return {
      raceFree: true,
      openFolder: (path) => ({ fd: h.openFolder(this.#c(path, this.#a)), path }),
      openFolderAt: (at) => {
        const path = full(at);
        return { fd: h.openFolderAt(name(at), path), path };
      },
      close: (handle) => h.closeFd(handle.fd),
      stat: (handle) => h.stat(handle.fd),
      lstatAt: (at) => h.lstatAt(name(at), full(at)),
      mkdirAt: (at, mode) => h.mkdirAt(name(at), { mode, shown: full(at) }),
      createAt: (at, mode) => {
        const path = full(at);
        const fd = h.createAt(name(at), { mode, shown: path });
        return { file: new NativeFile(libc, fd), handle: { fd, path } };
      },
      symlinkAt: (target, at) => h.symlinkAt(this.#c(target, this.#b), name(at), full(at)),
      readLinkAt: (at) => decodeName(h.readLinkAt(name(at), full(at))),
      renameAt: (from, to) => h.renameAt(name(from), name(to, this.#b), { from: full(from), to: full(to) }),
      removeAt: (at, options = {}) =>
        h.removeAt(name(at), { folder: options.folder ?? false, shown: full(at) }),
      chmod: (handle, mode) => h.chmod(handle.fd, mode, handle.path),
      chown: (handle, owner) => h.chown(handle.fd, owner, handle.path),
      setTimes: (handle, times) => h.setTimes(handle.fd, times, handle.path),
      setXattr: (handle, xattr) =>
        h.setXattr(handle.fd, { name: this.#c(xattr.name, this.#a), value: xattr.value }, handle.path),
      setSymlinkMeta: (at, meta) => h.setSymlinkMeta(name(at), { ...meta, shown: full(at) }),
    };
  }

  /** `s` as a C string in scratch buffer `buf` (or a new buffer when it does not fit). */
  #c(s: string, buf: Uint8Array): Uint8Array {
    const n = encodeNameInto(s, buf.subarray(0, buf.length - 1));
    if (n < 0) {
      const bytes = encodeName(s);
      const out = new Uint8Array(bytes.length + 1);
      out.set(bytes);
      return out;
    }
    buf[n] = 0;
    return buf;
  }

  lstat(path: string): FileStat {
    return this.#libc.lstat(this.#c(path, this.#a));
  }

  setTimes(path: string, times: FileTimes, options: SetTimesOptions = {}): void {
    this.#libc.setTimes(this.#c(path, this.#a), times, { noFollow: options.noFollow ?? false });
  }

  listXattrs(path: string): string[] {
    return this.#libc.listXattrs(this.#c(path, this.#a)).map(decodeName);
  }

  getXattr(path: string, name: string): Uint8Array | undefined {
    return this.#libc.getXattr(this.#c(path, this.#a), this.#c(name, this.#b));
  }

  setXattr(path: string, xattr: Xattr): void {
    this.#libc.setXattr(this.#c(path, this.#a), { name: this.#c(xattr.name, this.#b), value: xattr.value });
  }

  readXattrs(path: string): Xattr[] {
    const names = this.listXattrs(path).sort();
    const out: Xattr[] = [];
    for (const name of names) {
      const value = this.getXattr(path, name);
      // Removed between the list and the read: it is simply not there.
      if (value !== undefined) out.push({ name, value });
    }
    return out;
  }

  readDir(path: string): DirEntry[] {
    return this.#libc.readDirNames(this.#c(path, this.#a));
  }

  readDirRaw(path: string): RawDirEntry[] {
    return this.#libc.readDir(this.#c(path, this.#a));
  }

  encodePath(path: string): Uint8Array {
    return encodeName(path);
  }

  decodePath(bytes: Uint8Array): string {
    return decodeName(bytes);
  }

  openRead(path: string): BackendFile {
    return new NativeFile(this.#libc, this.#libc.openRead(this.#c(path, this.#a)));
  }

  createNew(path: string, options: { mode?: number } = {}): BackendFile {
    return new NativeFile(this.#libc, this.#libc.createNew(this.#c(path, this.#a), options.mode ?? 0o666));
  }

  link(existing: string, newPath: string): void {
    this.#libc.link(this.#c(existing, this.#a), this.#c(newPath, this.#b));
  }

  symlink(target: string, path: string): void {
    this.#libc.symlink(this.#c(target, this.#a), this.#c(path, this.#b));
  }

  readLink(path: string): string {
    return decodeName(this.#libc.readLink(this.#c(path, this.#a)));
  }

  mkdir(path: string, options: { mode?: number } = {}): void {
    this.#libc.mkdir(this.#c(path, this.#a), options.mode ?? 0o777);
  }

  rename(from: string, to: string): void {
    this.#libc.rename(this.#c(from, this.#a), this.#c(to, this.#b));
  }

  remove(path: string): void {
    const c = this.#c(path, this.#a);
    if (this.#libc.lstat(c).isDirectory) this.#libc.rmdir(c);
    else this.#libc.unlink(c);
  }

  chmod(path: string, mode: number): void {
    this.#libc.chmod(this.#c(path, this.#a), mode);
  }

  chown(path: string, owner: { uid: number; gid: number }): void {
    this.#libc.lchown(this.#c(path, this.#a), owner);
  }

  syncFilesystem(path: string): "syncfs" | "sync" {
    return this.#libc.syncFilesystem(this.#c(path, this.#a));
  }

  close(): void {
    this.#libc.close();
  }
}
