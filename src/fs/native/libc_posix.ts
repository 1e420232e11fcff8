/**
 * What the Linux (glibc) and macOS (libSystem) bindings share: the C calls both bind with the same
 * signature, and the methods over them, which are the same code on both (read, write, link,
 * rename, …). Each platform file adds its symbols, constants and the calls that differ (stat
 * layouts, xattrs, folder reading, creating a file). Nothing here decides policy.
 * @module
 */
import { decodeName, displayName } from "./names.ts";
import { errnoError } from "./errno.ts";
import type { FileTimes, NativeName } from "./types.ts";

/** The symbols both C libraries export with these signatures. */
export const POSIX_SYMBOLS = {
  strerror: { parameters: ["i32"], result: "pointer" },
  utimensat: { parameters: ["i32", "buffer", "buffer", "i32"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  read_nb: { name: "read", parameters: ["i32", "buffer", "usize"], result: "isize", nonblocking: true },
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  lseek: { parameters: ["i32", "i64", "i32"], result: "i64" },
  fsync: { parameters: ["i32"], result: "i32" },
  futimens: { parameters: ["i32", "buffer"], result: "i32" },
  link: { parameters: ["buffer", "buffer"], result: "i32" },
  symlink: { parameters: ["buffer", "buffer"], result: "i32" },
  readlink: { parameters: ["buffer", "buffer", "usize"], result: "isize" },
  // mode_t is 32 bits on Linux, 16 on macOS: macOS overrides these two with "u16".
  mkdir: { parameters: ["buffer", "u32"], result: "i32" },
  chmod: { parameters: ["buffer", "u32"], result: "i32" },
  rename: { parameters: ["buffer", "buffer"], result: "i32" },
  unlink: { parameters: ["buffer"], result: "i32" },
  rmdir: { parameters: ["buffer"], result: "i32" },
  lchown: { parameters: ["buffer", "u32", "u32"], result: "i32" },
  // The *at calls restore writes its target with (libc_posix handleCalls); mkdirat and fchmod take
  // a mode_t, "u16" on macOS as above.
  mkdirat: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  fchmod: { parameters: ["i32", "u32"], result: "i32" },
  fchown: { parameters: ["i32", "u32", "u32"], result: "i32" },
  renameat: { parameters: ["i32", "buffer", "i32", "buffer"], result: "i32" },
  unlinkat: { parameters: ["i32", "buffer", "i32"], result: "i32" },
  symlinkat: { parameters: ["buffer", "i32", "buffer"], result: "i32" },
  readlinkat: { parameters: ["i32", "buffer", "buffer", "usize"], result: "isize" },
} as const satisfies Deno.ForeignLibraryInterface;

/** The bound calls of {@linkcode POSIX_SYMBOLS}. */
export type PosixSymbols = Deno.DynamicLibrary<typeof POSIX_SYMBOLS>["symbols"];

/** What differs between the platforms for the shared calls. */
export interface PosixPlatform {
  /** The errno cell of the JS thread (sync FFI calls run on it, so its address is fixed). */
  errno: Int32Array;
  /** errno numbers by name (errno.ts). */
  errnoTable: Readonly<Record<string, number>>;
  /** AT_FDCWD, AT_SYMLINK_NOFOLLOW and AT_REMOVEDIR. */
  atFdCwd: number;
  atSymlinkNoFollow: number;
  atRemoveDir: number;
  /** The longest symlink target, in bytes. */
  pathMax: number;
}

const TWO_32 = 2 ** 32;

/** The text of a C path buffer for messages (up to its NUL). */
export function showPath(path: Uint8Array): string {
  const end = path.indexOf(0);
  return displayName(decodeName(path.subarray(0, end < 0 ? path.length : end)));
}

/** The shared half of a POSIX C library binding; a platform class extends it. */
export abstract class PosixLibc {
  protected readonly fn: PosixSymbols;
  protected readonly errno: Int32Array;
  readonly #lib: { close(): void };
  readonly #platform: PosixPlatform;
  readonly #eintr: number;
  readonly #times = new Int32Array(8);
  readonly #linkBuf: Uint8Array;

  constructor(lib: { symbols: PosixSymbols; close(): void }, platform: PosixPlatform) {
    this.#lib = lib;
    this.fn = lib.symbols;
    this.errno = platform.errno;
    this.#platform = platform;
    this.#eintr = platform.errnoTable.EINTR;
    this.#linkBuf = new Uint8Array(platform.pathMax + 1);
  }

  /** The error for the errno the last failing call left, Deno-shaped. */
  protected fail(context: string): Error {
    const errno = this.errno[0];
    const text = new Deno.UnsafePointerView(this.fn.strerror(errno)!).getCString();
    return errnoError(errno, { text, context, table: this.#platform.errnoTable });
  }

  protected check(rc: number, op: string, path: Uint8Array): void {
    if (rc < 0) throw this.fail(`${op} '${showPath(path)}'`);
  }

  protected check2(rc: number, op: string, paths: { from: Uint8Array; to: Uint8Array }): void {
    if (rc < 0) throw this.fail(`${op} '${showPath(paths.from)}' -> '${showPath(paths.to)}'`);
  }

  /** Fills the struct timespec[2] buffer for utimensat/futimens. */
  #fillTimes(times: FileTimes): Int32Array {
    const t = this.#times;
    t[0] = times.atimeSec >>> 0;
    t[1] = Math.floor(times.atimeSec / TWO_32);
    t[2] = times.atimeNsec;
    t[3] = 0;
    t[4] = times.mtimeSec >>> 0;
    t[5] = Math.floor(times.mtimeSec / TWO_32);
    t[6] = times.mtimeNsec;
    t[7] = 0;
    return t;
  }

  setTimes(path: Uint8Array, times: FileTimes, options: { noFollow: boolean }): void {
    const { atFdCwd, atSymlinkNoFollow } = this.#platform;
    const flags = options.noFollow ? atSymlinkNoFollow : 0;
    this.check(this.fn.utimensat(atFdCwd, path, this.#fillTimes(times), flags), "utimensat", path);
  }

  /** utimensat(2) with the times filled in: the return code, for a caller that handles errno itself. */
  protected utimensatRc(dir: number, at: { name: Uint8Array; times: FileTimes; flags: number }): number {
    return this.fn.utimensat(dir, at.name, this.#fillTimes(at.times), at.flags);
  }

  futimens(fd: number, times: FileTimes): void {
    if (this.fn.futimens(fd, this.#fillTimes(times)) < 0) throw this.fail(`futimens ${fd}`);
  }

  closeFd(fd: number): void {
    if (this.fn.close(fd) < 0) throw this.fail(`close ${fd}`);
  }

  read(fd: number, buf: Uint8Array): number {
    for (;;) {
      const n = Number(this.fn.read(fd, buf, BigInt(buf.length)));
      if (n >= 0) return n;
      if (this.errno[0] !== this.#eintr) throw this.fail(`read ${fd}`);
    }
  }

  async readAsync(fd: number, buf: Uint8Array): Promise<number> {
    const n = Number(await this.fn.read_nb(fd, buf, BigInt(buf.length)));
    return n >= 0 ? n : this.read(fd, buf);
  }

  write(fd: number, buf: Uint8Array): number {
    for (;;) {
      const n = Number(this.fn.write(fd, buf, BigInt(buf.length)));
      if (n >= 0) return n;
      if (this.errno[0] !== this.#eintr) throw this.fail(`write ${fd}`);
    }
  }

  seek(fd: number, position: { offset: number; whence: number }): number {
    const n = Number(this.fn.lseek(fd, BigInt(position.offset), position.whence));
    if (n < 0) throw this.fail(`seek ${fd}`);
    return n;
  }

  fsync(fd: number): void {
    if (this.fn.fsync(fd) < 0) throw this.fail(`fsync ${fd}`);
  }

  link(existing: Uint8Array, newPath: Uint8Array): void {
    this.check2(this.fn.link(existing, newPath), "link", { from: existing, to: newPath });
  }

  symlink(target: Uint8Array, path: Uint8Array): void {
    this.check2(this.fn.symlink(target, path), "symlink", { from: target, to: path });
  }

  readLink(path: Uint8Array): Uint8Array {
    const n = Number(this.fn.readlink(path, this.#linkBuf, BigInt(this.#linkBuf.length)));
    this.check(n, "readlink", path);
    return this.#linkBuf.slice(0, n);
  }

  mkdir(path: Uint8Array, mode: number): void {
    this.check(this.fn.mkdir(path, mode), "mkdir", path);
  }

  rename(from: Uint8Array, to: Uint8Array): void {
    this.check2(this.fn.rename(from, to), "rename", { from, to });
  }

  unlink(path: Uint8Array): void {
    this.check(this.fn.unlink(path), "unlink", path);
  }

  rmdir(path: Uint8Array): void {
    this.check(this.fn.rmdir(path), "rmdir", path);
  }

  chmod(path: Uint8Array, mode: number): void {
    this.check(this.fn.chmod(path, mode), "chmod", path);
  }

  lchown(path: Uint8Array, owner: { uid: number; gid: number }): void {
    this.check(this.fn.lchown(path, owner.uid, owner.gid), "lchown", path);
  }

  /** Throws the errno of a failed call on `shown` (a full path, for the message). */
  protected checkAt(rc: number, op: string, shown: string): void {
    if (rc < 0) throw this.fail(`${op} '${displayName(shown)}'`);
  }

  mkdirAt(at: NativeName, options: { mode: number; shown: string }): void {
    this.checkAt(this.fn.mkdirat(at.dir, at.name, options.mode), "mkdir", options.shown);
  }

  symlinkAt(target: Uint8Array, at: NativeName, shown: string): void {
    if (this.fn.symlinkat(target, at.dir, at.name) < 0) {
      throw this.fail(`symlink '${showPath(target)}' -> '${displayName(shown)}'`);
    }
  }

  readLinkAt(at: NativeName, shown: string): Uint8Array {
    const n = Number(this.fn.readlinkat(at.dir, at.name, this.#linkBuf, BigInt(this.#linkBuf.length)));
    this.checkAt(n, "readlink", shown);
    return this.#linkBuf.slice(0, n);
  }

  renameAt(from: NativeName, to: NativeName, shown: { from: string; to: string }): void {
    if (this.fn.renameat(from.dir, from.name, to.dir, to.name) < 0) {
      throw this.fail(`rename '${displayName(shown.from)}' -> '${displayName(shown.to)}'`);
    }
  }

  removeAt(at: NativeName, options: { folder: boolean; shown: string }): void {
    const flags = options.folder ? this.#platform.atRemoveDir : 0;
    this.checkAt(
      this.fn.unlinkat(at.dir, at.name, flags),
      options.folder ? "rmdir" : "unlink",
      options.shown,
    );
  }

  /** fchmod(2); `shown` names the entry in a message. */
  fchmod(fd: number, mode: number, shown: string): void {
    this.checkAt(this.fn.fchmod(fd, mode), "chmod", shown);
  }

  /** fchown(2); `shown` names the entry in a message. */
  fchown(fd: number, owner: { uid: number; gid: number }, shown: string): void {
    this.checkAt(this.fn.fchown(fd, owner.uid, owner.gid), "chown", shown);
  }

  /** futimens(2); `shown` names the entry in a message. */
  futimensShown(fd: number, times: FileTimes, shown: string): void {
    this.checkAt(this.fn.futimens(fd, this.#fillTimes(times)), "utimensat", shown);
  }

  close(): void {
    this.#lib.close();
  }
}
