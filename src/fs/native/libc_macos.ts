/**
 * FFI bindings to libSystem on macOS (arm64 and x86_64): lstat with nanosecond timespecs,
 * utimensat, listxattr/getxattr/setxattr with XATTR_NOFOLLOW, opendir/readdir with raw byte names,
 * and byte-path variants of the calls the backend needs.
 *
 * Only checked by `deno check` here and run by the macOS CI job. Two macOS-specific choices:
 * - x86_64 exports the 64-bit-inode variants under `$INODE64` names; arm64 only has those.
 * - open(2) is variadic, and Apple arm64 passes variadic arguments on the stack, so the mode of a
 *   new file cannot be given through FFI. A new file is made with creat(2) under a temporary name
 *   and moved into place with renamex_np(RENAME_EXCL), which fails like O_EXCL when the name exists.
 * The methods mirror the C calls they wrap.
 * @module
 */
import { decodeName, displayName } from "./names.ts";
import { DARWIN_ERRNO, errnoError } from "./errno.ts";
import {
  type DirEntry,
  type FileStat,
  type FileTimes,
  fileTypeOfDirent,
  fileTypeOfMode,
  type NativeLibc,
  type RawDirEntry,
} from "./types.ts";

const INODE64 = Deno.build.arch === "x86_64" ? "$INODE64" : "";

const SYMBOLS = {
  __error: { parameters: [], result: "pointer" },
  strerror: { parameters: ["i32"], result: "pointer" },
  lstat: { name: `lstat${INODE64}`, parameters: ["buffer", "buffer"], result: "i32" },
  fstat: { name: `fstat${INODE64}`, parameters: ["i32", "buffer"], result: "i32" },
  utimensat: { parameters: ["i32", "buffer", "buffer", "i32"], result: "i32" },
  listxattr: { parameters: ["buffer", "buffer", "usize", "i32"], result: "isize" },
  getxattr: { parameters: ["buffer", "buffer", "buffer", "usize", "u32", "i32"], result: "isize" },
  setxattr: { parameters: ["buffer", "buffer", "buffer", "usize", "u32", "i32"], result: "i32" },
  opendir: { name: `opendir${INODE64}`, parameters: ["buffer"], result: "pointer" },
  readdir: { name: `readdir${INODE64}`, parameters: ["pointer"], result: "pointer" },
  closedir: { parameters: ["pointer"], result: "i32" },
  // Two fixed arguments only: no O_CREAT here, so the variadic mode is never read.
  open: { parameters: ["buffer", "i32"], result: "i32" },
  creat: { parameters: ["buffer", "u16"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  read_nb: { name: "read", parameters: ["i32", "buffer", "usize"], result: "isize", nonblocking: true },
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  lseek: { parameters: ["i32", "i64", "i32"], result: "i64" },
  fsync: { parameters: ["i32"], result: "i32" },
  sync: { parameters: [], result: "void" },
  futimens: { parameters: ["i32", "buffer"], result: "i32" },
  link: { parameters: ["buffer", "buffer"], result: "i32" },
  symlink: { parameters: ["buffer", "buffer"], result: "i32" },
  readlink: { parameters: ["buffer", "buffer", "usize"], result: "isize" },
  mkdir: { parameters: ["buffer", "u16"], result: "i32" },
  rename: { parameters: ["buffer", "buffer"], result: "i32" },
  renamex_np: { parameters: ["buffer", "buffer", "u32"], result: "i32" },
  unlink: { parameters: ["buffer"], result: "i32" },
  rmdir: { parameters: ["buffer"], result: "i32" },
  chmod: { parameters: ["buffer", "u16"], result: "i32" },
  lchown: { parameters: ["buffer", "u32", "u32"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

const AT_FDCWD = -2;
const AT_SYMLINK_NOFOLLOW = 0x20;
const XATTR_NOFOLLOW = 0x1;
const O_NOCTTY = 0x20000;
const O_CLOEXEC = 0x1000000;
const RENAME_EXCL = 0x4;
const XATTR_MAX_BYTES = 1 << 16;
const PATH_MAX = 1024;
const TWO_32 = 2 ** 32;

function showPath(path: Uint8Array): string {
  const end = path.indexOf(0);
  return displayName(decodeName(path.subarray(0, end < 0 ? path.length : end)));
}

/** libSystem through FFI. Construct with {@linkcode openMacosLibc}. */
class MacosLibc implements NativeLibc {
  readonly description = `libSystem ${Deno.build.arch}: lstat, utimensat, xattr, readdir`;
  #lib: Deno.DynamicLibrary<typeof SYMBOLS>;
  #fn: Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
  #errno: Int32Array;
  #statBuf = new Uint8Array(144);
  #statU32 = new Uint32Array(this.#statBuf.buffer);
  #statI32 = new Int32Array(this.#statBuf.buffer);
  #statU16 = new Uint16Array(this.#statBuf.buffer);
  #times = new Int32Array(8);
  #xattrBuf = new Uint8Array(XATTR_MAX_BYTES);
  #linkBuf = new Uint8Array(PATH_MAX + 1);
  #tmpSeq = 0;

  constructor(lib: Deno.DynamicLibrary<typeof SYMBOLS>) {
    this.#lib = lib;
    this.#fn = lib.symbols;
    this.#errno = new Int32Array(Deno.UnsafePointerView.getArrayBuffer(this.#fn.__error()!, 4));
  }

  #fail(context: string): Error {
    const errno = this.#errno[0];
    const text = new Deno.UnsafePointerView(this.#fn.strerror(errno)!).getCString();
    return errnoError(errno, { text, context, table: DARWIN_ERRNO });
  }

  #check(rc: number, op: string, path: Uint8Array): void {
    if (rc < 0) throw this.#fail(`${op} '${showPath(path)}'`);
  }

  #check2(rc: number, op: string, paths: { from: Uint8Array; to: Uint8Array }): void {
    if (rc < 0) throw this.#fail(`${op} '${showPath(paths.from)}' -> '${showPath(paths.to)}'`);
  }

  lstat(path: Uint8Array): FileStat {
    this.#check(this.#fn.lstat(path, this.#statBuf), "lstat", path);
    return this.#parseStat();
  }

  fstat(fd: number): FileStat {
    if (this.#fn.fstat(fd, this.#statBuf) < 0) throw this.#fail(`fstat ${fd}`);
    return this.#parseStat();
  }

  /** The FileStat of the struct stat in the stat buffer. */
  #parseStat(): FileStat {
    const u32 = this.#statU32;
    const i32 = this.#statI32;
    const mode = this.#statU16[2];
    const type = fileTypeOfMode(mode);
    // struct stat (64-bit inodes): timespecs {i64 sec, i64 nsec} at bytes 32 (atime), 48 (mtime), 64 (ctime).
    const atimeSec = u32[8] + i32[9] * TWO_32;
    const mtimeSec = u32[12] + i32[13] * TWO_32;
    const ctimeSec = u32[16] + i32[17] * TWO_32;
    const atimeNsec = u32[10];
    const mtimeNsec = u32[14];
    const ctimeNsec = u32[18];
    return {
      type,
      isFile: type === "file",
      isDirectory: type === "dir",
      isSymlink: type === "symlink",
      mode,
      size: u32[24] + u32[25] * TWO_32,
      ino: u32[2] + u32[3] * TWO_32,
      dev: u32[0],
      nlink: this.#statU16[3],
      uid: u32[4],
      gid: u32[5],
      atimeSec,
      atimeNsec,
      mtimeSec,
      mtimeNsec,
      ctimeSec,
      ctimeNsec,
      mtimeMs: mtimeSec * 1000 + Math.floor(mtimeNsec / 1e6),
      ctimeMs: ctimeSec * 1000 + Math.floor(ctimeNsec / 1e6),
    };
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
    const flags = options.noFollow ? AT_SYMLINK_NOFOLLOW : 0;
    this.#check(this.#fn.utimensat(AT_FDCWD, path, this.#fillTimes(times), flags), "utimensat", path);
  }

  listXattrs(path: Uint8Array): Uint8Array[] {
    let buf = this.#xattrBuf;
    let n = Number(this.#fn.listxattr(path, buf, BigInt(buf.length), XATTR_NOFOLLOW));
    if (n < 0 && this.#errno[0] === DARWIN_ERRNO.ERANGE) {
      // More names than the scratch buffer holds: ask for the size, then read into a buffer that fits.
      const size = Number(this.#fn.listxattr(path, null, 0n, XATTR_NOFOLLOW));
      if (size >= 0) {
        buf = new Uint8Array(size);
        n = Number(this.#fn.listxattr(path, buf, BigInt(size), XATTR_NOFOLLOW));
      }
    }
    if (n < 0) {
      if (this.#errno[0] === DARWIN_ERRNO.ENOTSUP) return [];
      throw this.#fail(`listxattr '${showPath(path)}'`);
    }
    const names: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < n; i++) {
      if (buf[i] !== 0) continue;
      if (i > start) names.push(buf.slice(start, i));
      start = i + 1;
    }
    return names;
  }

  getXattr(path: Uint8Array, name: Uint8Array): Uint8Array | undefined {
    let buf = this.#xattrBuf;
    let n = Number(this.#fn.getxattr(path, name, buf, BigInt(buf.length), 0, XATTR_NOFOLLOW));
    if (n < 0 && this.#errno[0] === DARWIN_ERRNO.ERANGE) {
      // macOS values (resource forks) can exceed 64 KiB, unlike Linux's XATTR_SIZE_MAX.
      const size = Number(this.#fn.getxattr(path, name, null, 0n, 0, XATTR_NOFOLLOW));
      if (size >= 0) {
        buf = new Uint8Array(size);
        n = Number(this.#fn.getxattr(path, name, buf, BigInt(size), 0, XATTR_NOFOLLOW));
      }
    }
    if (n < 0) {
      if (this.#errno[0] === DARWIN_ERRNO.ENOATTR) return undefined;
      throw this.#fail(`getxattr '${showPath(path)}' '${showPath(name)}'`);
    }
    return buf === this.#xattrBuf ? buf.slice(0, n) : buf.subarray(0, n);
  }

  setXattr(path: Uint8Array, xattr: { name: Uint8Array; value: Uint8Array }): void {
    const size = BigInt(xattr.value.length);
    const rc = this.#fn.setxattr(path, xattr.name, xattr.value, size, 0, XATTR_NOFOLLOW);
    if (rc < 0) throw this.#fail(`setxattr '${showPath(path)}' '${showPath(xattr.name)}'`);
  }

  readDir(path: Uint8Array): RawDirEntry[] {
    const dir = this.#fn.opendir(path);
    if (dir === null) throw this.#fail(`readdir '${showPath(path)}'`);
    const out: RawDirEntry[] = [];
    try {
      for (;;) {
        // readdir returns NULL both at the end and on error; only errno tells them apart.
        this.#errno[0] = 0;
        const ent = this.#fn.readdir(dir);
        if (ent === null) {
          if (this.#errno[0] !== 0) throw this.#fail(`readdir '${showPath(path)}'`);
          break;
        }
        // struct dirent (64-bit inodes): u64 d_ino, u64 d_seekoff, u16 d_reclen, u16 d_namlen, u8 d_type, d_name.
        const view = new Deno.UnsafePointerView(ent);
        const len = view.getUint16(18);
        const name = new Uint8Array(len);
        view.copyInto(name, 21);
        if (len <= 2 && name[0] === 0x2e && (len === 1 || name[1] === 0x2e)) continue;
        out.push({
          name,
          type: fileTypeOfDirent(view.getUint8(20)),
          ino: view.getUint32(0) + view.getUint32(4) * TWO_32,
        });
      }
    } finally {
      this.#fn.closedir(dir);
    }
    return out;
  }

  readDirNames(path: Uint8Array): DirEntry[] {
    return this.readDir(path).map((e) => {
      const name = decodeName(e.name);
      return { name, type: e.type, rawBytes: !name.isWellFormed() };
    });
  }

  openRead(path: Uint8Array): number {
    const fd = this.#fn.open(path, O_CLOEXEC | O_NOCTTY);
    this.#check(fd, "open", path);
    return fd;
  }

  createNew(path: Uint8Array, mode: number): number {
    const end = path.indexOf(0);
    const bytes = path.subarray(0, end < 0 ? path.length : end);
    const slash = bytes.lastIndexOf(0x2f);
    const tmpName = new TextEncoder().encode(`.phlb-new-${Deno.pid}-${++this.#tmpSeq}\0`);
    const tmp = new Uint8Array(slash + 1 + tmpName.length);
    tmp.set(bytes.subarray(0, slash + 1));
    tmp.set(tmpName, slash + 1);
    const fd = this.#fn.creat(tmp, mode);
    this.#check(fd, "open", path);
    if (this.#fn.renamex_np(tmp, path, RENAME_EXCL) < 0) {
      const err = this.#fail(`open '${showPath(path)}'`);
      this.#fn.unlink(tmp);
      this.#fn.close(fd);
      throw err;
    }
    return fd;
  }

  closeFd(fd: number): void {
    if (this.#fn.close(fd) < 0) throw this.#fail(`close ${fd}`);
  }

  read(fd: number, buf: Uint8Array): number {
    for (;;) {
      const n = Number(this.#fn.read(fd, buf, BigInt(buf.length)));
      if (n >= 0) return n;
      if (this.#errno[0] !== DARWIN_ERRNO.EINTR) throw this.#fail(`read ${fd}`);
    }
  }

  async readAsync(fd: number, buf: Uint8Array): Promise<number> {
    const n = Number(await this.#fn.read_nb(fd, buf, BigInt(buf.length)));
    return n >= 0 ? n : this.read(fd, buf);
  }

  write(fd: number, buf: Uint8Array): number {
    for (;;) {
      const n = Number(this.#fn.write(fd, buf, BigInt(buf.length)));
      if (n >= 0) return n;
      if (this.#errno[0] !== DARWIN_ERRNO.EINTR) throw this.#fail(`write ${fd}`);
    }
  }

  seek(fd: number, position: { offset: number; whence: number }): number {
    const n = Number(this.#fn.lseek(fd, BigInt(position.offset), position.whence));
    if (n < 0) throw this.#fail(`seek ${fd}`);
    return n;
  }

  fsync(fd: number): void {
    if (this.#fn.fsync(fd) < 0) throw this.#fail(`fsync ${fd}`);
  }

  syncFilesystem(_path: Uint8Array): "sync" {
    // macOS has no syncfs; sync(2) writes every filesystem's dirty data.
    this.#fn.sync();
    return "sync";
  }

  futimens(fd: number, times: FileTimes): void {
    if (this.#fn.futimens(fd, this.#fillTimes(times)) < 0) throw this.#fail(`futimens ${fd}`);
  }

  link(existing: Uint8Array, newPath: Uint8Array): void {
    this.#check2(this.#fn.link(existing, newPath), "link", { from: existing, to: newPath });
  }

  symlink(target: Uint8Array, path: Uint8Array): void {
    this.#check2(this.#fn.symlink(target, path), "symlink", { from: target, to: path });
  }

  readLink(path: Uint8Array): Uint8Array {
    const n = Number(this.#fn.readlink(path, this.#linkBuf, BigInt(this.#linkBuf.length)));
    this.#check(n, "readlink", path);
    return this.#linkBuf.slice(0, n);
  }

  mkdir(path: Uint8Array, mode: number): void {
    this.#check(this.#fn.mkdir(path, mode), "mkdir", path);
  }

  rename(from: Uint8Array, to: Uint8Array): void {
    this.#check2(this.#fn.rename(from, to), "rename", { from, to });
  }

  unlink(path: Uint8Array): void {
    this.#check(this.#fn.unlink(path), "unlink", path);
  }

  rmdir(path: Uint8Array): void {
    this.#check(this.#fn.rmdir(path), "rmdir", path);
  }

  chmod(path: Uint8Array, mode: number): void {
    this.#check(this.#fn.chmod(path, mode), "chmod", path);
  }

  lchown(path: Uint8Array, owner: { uid: number; gid: number }): void {
    this.#check(this.#fn.lchown(path, owner.uid, owner.gid), "lchown", path);
  }

  close(): void {
    this.#lib.close();
  }
}

/** Loads libSystem. Throws when this is not macOS, FFI is not permitted, or a symbol is missing. */
export function openMacosLibc(): NativeLibc {
  if (Deno.build.os !== "darwin") throw new Error(`not macOS (${Deno.build.os})`);
  return new MacosLibc(Deno.dlopen("/usr/lib/libSystem.B.dylib", SYMBOLS));
}
