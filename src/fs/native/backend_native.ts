/**
 * The native backend: libc through FFI, with nanosecond times, xattrs and exact byte names.
 *
 * Paths arrive as fs-strings and go to C as NUL-terminated bytes, encoded into two reusable
 * buffers (every call is sync and none re-enters, so two are enough). File contents still flow
 * through Deno.FsFile: a well-formed path is opened by Deno directly; a path with raw bytes is
 * opened by libc and the descriptor reopened by Deno through /proc/self/fd (Linux) or /dev/fd.
 * @module
 */
import type { FsBackend, SetTimesOptions } from "./backend.ts";
import { decodeName, encodeName, encodeNameInto } from "./names.ts";
import type { DirEntry, FileStat, FileTimes, NativeLibc, Xattr } from "./types.ts";

const SCRATCH_BYTES = 4096 * 3 + 1;

/** The libc-backed backend. */
export class NativeBackend implements FsBackend {
  readonly kind = "native";
  readonly fidelity = { nanosecondTimes: true, xattrs: true, rawNames: true, symlinkTimes: true };
  readonly summary: string;
  #libc: NativeLibc;
  #a = new Uint8Array(SCRATCH_BYTES);
  #b = new Uint8Array(SCRATCH_BYTES);

  /** Wraps a loaded C library (see libc_linux.ts / libc_macos.ts). */
  constructor(libc: NativeLibc) {
    this.#libc = libc;
    this.summary = `metadata: native (${libc.description}): nanosecond times, xattrs, exact byte names`;
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

  /** Opens a raw-byte path through libc and hands the file to Deno by its descriptor's path. */
  #reopen(fd: number, options: Deno.OpenOptions): Deno.FsFile {
    try {
      return Deno.openSync(this.#libc.fdPath(fd), options);
    } finally {
      this.#libc.closeFd(fd);
    }
  }

  openRead(path: string): Deno.FsFile {
    if (path.isWellFormed()) return Deno.openSync(path, { read: true });
    return this.#reopen(this.#libc.openRead(this.#c(path, this.#a)), { read: true });
  }

  openReadWithStat(path: string): { file: Deno.FsFile; stat: FileStat } {
    const fd = this.#libc.openRead(this.#c(path, this.#a));
    let stat: FileStat;
    try {
      stat = this.#libc.fstat(fd);
    } catch (err) {
      this.#libc.closeFd(fd);
      throw err;
    }
    return { file: this.#reopen(fd, { read: true }), stat };
  }

  createNew(path: string, options: { mode?: number } = {}): Deno.FsFile {
    const mode = options.mode ?? 0o666;
    if (path.isWellFormed()) return Deno.openSync(path, { write: true, createNew: true, mode });
    return this.#reopen(this.#libc.createNew(this.#c(path, this.#a), mode), { write: true });
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

  close(): void {
    this.#libc.close();
  }
}
