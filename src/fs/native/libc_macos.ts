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
 * The methods mirror the C calls they wrap; those the Linux binding has alike are in libc_posix.ts.
 * @module
 */
import { decodeName, displayName } from "./names.ts";
import { DARWIN_ERRNO } from "./errno.ts";
import { POSIX_SYMBOLS, PosixLibc, showPath } from "./libc_posix.ts";
import {
  type DirEntry,
  type FileStat,
  fileStatOf,
  fileTypeOfDirent,
  type NativeHandleCalls,
  type NativeLibc,
  type RawDirEntry,
} from "./types.ts";

const INODE64 = Deno.build.arch === "x86_64" ? "$INODE64" : "";

const SYMBOLS = {
  ...POSIX_SYMBOLS,
  __error: { parameters: [], result: "pointer" },
  lstat: { name: `lstat${INODE64}`, parameters: ["buffer", "buffer"], result: "i32" },
  fstat: { name: `fstat${INODE64}`, parameters: ["i32", "buffer"], result: "i32" },
  listxattr: { parameters: ["buffer", "buffer", "usize", "i32"], result: "isize" },
  getxattr: { parameters: ["buffer", "buffer", "buffer", "usize", "u32", "i32"], result: "isize" },
  setxattr: { parameters: ["buffer", "buffer", "buffer", "usize", "u32", "i32"], result: "i32" },
  opendir: { name: `opendir${INODE64}`, parameters: ["buffer"], result: "pointer" },
  readdir: { name: `readdir${INODE64}`, parameters: ["pointer"], result: "pointer" },
  closedir: { parameters: ["pointer"], result: "i32" },
  // Two fixed arguments only: no O_CREAT here, so the variadic mode is never read.
  open: { parameters: ["buffer", "i32"], result: "i32" },
  creat: { parameters: ["buffer", "u16"], result: "i32" },
  sync: { parameters: [], result: "void" },
  // mode_t is 16 bits here.
  mkdir: { parameters: ["buffer", "u16"], result: "i32" },
  chmod: { parameters: ["buffer", "u16"], result: "i32" },
  renamex_np: { parameters: ["buffer", "buffer", "u32"], result: "i32" },
  mkdirat: { parameters: ["i32", "buffer", "u16"], result: "i32" },
  fchmod: { parameters: ["i32", "u16"], result: "i32" },
  fstatat: { name: `fstatat${INODE64}`, parameters: ["i32", "buffer", "buffer", "i32"], result: "i32" },
  fsetxattr: { parameters: ["i32", "buffer", "buffer", "usize", "u32", "i32"], result: "i32" },
  fchownat: { parameters: ["i32", "buffer", "u32", "u32", "i32"], result: "i32" },
  // openat(2) without O_CREAT: three fixed arguments, the variadic mode is never read.
  openat: { parameters: ["i32", "buffer", "i32"], result: "i32" },
  // openat(2) with O_CREAT, whose mode is variadic. x86_64 passes it in the next register, as a fixed
  // argument; Apple arm64 passes every variadic argument in its own 8-byte stack slot, so five unused
  // i64 arguments fill the argument registers x3..x7 and the mode, the ninth, lands in the first
  // stack slot, where openat's va_arg reads it.
  openat_create: Deno.build.arch === "aarch64"
    ? {
      name: "openat",
      parameters: ["i32", "buffer", "i32", "i64", "i64", "i64", "i64", "i64", "i64"],
      result: "i32",
    }
    : { name: "openat", parameters: ["i32", "buffer", "i32", "i64"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

const AT_FDCWD = -2;
const AT_SYMLINK_NOFOLLOW = 0x20;
const AT_REMOVEDIR = 0x80;
const O_RDONLY = 0;
const O_WRONLY = 0x1;
const O_NOFOLLOW = 0x100;
const O_CREAT = 0x200;
const O_EXCL = 0x800;
const O_DIRECTORY = 0x100000;
/** Opens a symlink itself (for fchown and futimens on it). */
const O_SYMLINK = 0x200000;
/** macOS 11+: no symlink in any component of the path. */
const O_NOFOLLOW_ANY = 0x20000000;
const XATTR_NOFOLLOW = 0x1;
const O_NOCTTY = 0x20000;
const O_CLOEXEC = 0x1000000;
const RENAME_EXCL = 0x4;
const XATTR_MAX_BYTES = 1 << 16;
const PATH_MAX = 1024;
const TWO_32 = 2 ** 32;

/** libSystem through FFI. Construct with {@linkcode openMacosLibc}. */
class MacosLibc extends PosixLibc implements NativeLibc {
  readonly description = `libSystem ${Deno.build.arch}: lstat, utimensat, xattr, readdir`;
  #fn: Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
  #statBuf = new Uint8Array(144);
  #statU32 = new Uint32Array(this.#statBuf.buffer);
  #statI32 = new Int32Array(this.#statBuf.buffer);
  #statU16 = new Uint16Array(this.#statBuf.buffer);
  #xattrBuf = new Uint8Array(XATTR_MAX_BYTES);
  #tmpSeq = 0;

  constructor(lib: Deno.DynamicLibrary<typeof SYMBOLS>) {
    super(lib, {
      errno: new Int32Array(Deno.UnsafePointerView.getArrayBuffer(lib.symbols.__error()!, 4)),
      errnoTable: DARWIN_ERRNO,
      atFdCwd: AT_FDCWD,
      atSymlinkNoFollow: AT_SYMLINK_NOFOLLOW,
      atRemoveDir: AT_REMOVEDIR,
      pathMax: PATH_MAX,
    });
    this.#fn = lib.symbols;
  }

  readonly handleCalls: NativeHandleCalls = {
    openFolder: (path) => {
      const fd = this.#fn.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW_ANY | O_CLOEXEC);
      this.check(fd, "open", path);
      return fd;
    },
    openFolderAt: (at, shown) => {
      const fd = this.#fn.openat(at.dir, at.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      this.checkAt(fd, "open", shown);
      return fd;
    },
    lstatAt: (at, shown) => {
      this.checkAt(this.#fn.fstatat(at.dir, at.name, this.#statBuf, AT_SYMLINK_NOFOLLOW), "lstat", shown);
      return this.#parseStat();
    },
    mkdirAt: (at, options) => this.mkdirAt(at, options),
    createAt: (at, options) => {
      const flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
      const mode = BigInt(options.mode);
      const fd = Deno.build.arch === "aarch64"
        ? this.#fn.openat_create(at.dir, at.name, flags, 0n, 0n, 0n, 0n, 0n, mode)
        : this.#fn.openat_create(at.dir, at.name, flags, mode);
      this.checkAt(fd, "open", options.shown);
      return fd;
    },
    symlinkAt: (target, at, shown) => this.symlinkAt(target, at, shown),
    readLinkAt: (at, shown) => this.readLinkAt(at, shown),
    renameAt: (from, to, shown) => this.renameAt(from, to, shown),
    removeAt: (at, options) => this.removeAt(at, options),
    stat: (fd) => this.fstat(fd),
    chmod: (fd, mode, shown) => this.fchmod(fd, mode, shown),
    chown: (fd, owner, shown) => this.fchown(fd, owner, shown),
    setTimes: (fd, times, shown) => this.futimensShown(fd, times, shown),
    setXattr: (fd, xattr, shown) => {
      const rc = this.#fn.fsetxattr(fd, xattr.name, xattr.value, BigInt(xattr.value.length), 0, 0);
      if (rc < 0) throw this.fail(`fsetxattr '${displayName(shown)}' '${showPath(xattr.name)}'`);
    },
    setSymlinkMeta: (at, meta) => {
      // O_SYMLINK opens the symlink itself; whatever else is there now is not touched.
      const fd = this.#fn.openat(at.dir, at.name, O_RDONLY | O_SYMLINK | O_CLOEXEC);
      this.checkAt(fd, "open", meta.shown);
      try {
        if (!this.fstat(fd).isSymlink) {
          throw new Deno.errors.AlreadyExists(
            `'${displayName(meta.shown)}' is no longer the symlink made there`,
          );
        }
        if (meta.owner) this.fchown(fd, meta.owner, meta.shown);
        if (meta.times) this.futimensShown(fd, meta.times, meta.shown);
      } finally {
        this.#fn.close(fd);
      }
    },
    closeFd: (fd) => this.closeFd(fd),
  };

  lstat(path: Uint8Array): FileStat {
    this.check(this.#fn.lstat(path, this.#statBuf), "lstat", path);
    return this.#parseStat();
  }

  fstat(fd: number): FileStat {
    if (this.#fn.fstat(fd, this.#statBuf) < 0) throw this.fail(`fstat ${fd}`);
    return this.#parseStat();
  }

  /** The FileStat of the struct stat in the stat buffer. */
  #parseStat(): FileStat {
    const u32 = this.#statU32;
    const i32 = this.#statI32;
    // struct stat (64-bit inodes): timespecs {i64 sec, i64 nsec} at bytes 32 (atime), 48 (mtime), 64 (ctime).
    return fileStatOf({
      mode: this.#statU16[2],
      size: u32[24] + u32[25] * TWO_32,
      ino: u32[2] + u32[3] * TWO_32,
      dev: u32[0],
      nlink: this.#statU16[3],
      uid: u32[4],
      gid: u32[5],
      atimeSec: u32[8] + i32[9] * TWO_32,
      atimeNsec: u32[10],
      mtimeSec: u32[12] + i32[13] * TWO_32,
      mtimeNsec: u32[14],
      ctimeSec: u32[16] + i32[17] * TWO_32,
      ctimeNsec: u32[18],
    });
  }

  listXattrs(path: Uint8Array): Uint8Array[] {
    let buf = this.#xattrBuf;
    let n = Number(this.#fn.listxattr(path, buf, BigInt(buf.length), XATTR_NOFOLLOW));
    if (n < 0 && this.errno[0] === DARWIN_ERRNO.ERANGE) {
      // More names than the scratch buffer holds: ask for the size, then read into a buffer that fits.
      const size = Number(this.#fn.listxattr(path, null, 0n, XATTR_NOFOLLOW));
      if (size >= 0) {
        buf = new Uint8Array(size);
        n = Number(this.#fn.listxattr(path, buf, BigInt(size), XATTR_NOFOLLOW));
      }
    }
    if (n < 0) {
      if (this.errno[0] === DARWIN_ERRNO.ENOTSUP) return [];
      throw this.fail(`listxattr '${showPath(path)}'`);
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
    if (n < 0 && this.errno[0] === DARWIN_ERRNO.ERANGE) {
      // macOS values (resource forks) can exceed 64 KiB, unlike Linux's XATTR_SIZE_MAX.
      const size = Number(this.#fn.getxattr(path, name, null, 0n, 0, XATTR_NOFOLLOW));
      if (size >= 0) {
        buf = new Uint8Array(size);
        n = Number(this.#fn.getxattr(path, name, buf, BigInt(size), 0, XATTR_NOFOLLOW));
      }
    }
    if (n < 0) {
      if (this.errno[0] === DARWIN_ERRNO.ENOATTR) return undefined;
      throw this.fail(`getxattr '${showPath(path)}' '${showPath(name)}'`);
    }
    return buf === this.#xattrBuf ? buf.slice(0, n) : buf.subarray(0, n);
  }

  setXattr(path: Uint8Array, xattr: { name: Uint8Array; value: Uint8Array }): void {
    const size = BigInt(xattr.value.length);
    const rc = this.#fn.setxattr(path, xattr.name, xattr.value, size, 0, XATTR_NOFOLLOW);
    if (rc < 0) throw this.fail(`setxattr '${showPath(path)}' '${showPath(xattr.name)}'`);
  }

  readDir(path: Uint8Array): RawDirEntry[] {
    const dir = this.#fn.opendir(path);
    if (dir === null) throw this.fail(`readdir '${showPath(path)}'`);
    const out: RawDirEntry[] = [];
    try {
      for (;;) {
        // readdir returns NULL both at the end and on error; only errno tells them apart.
        this.errno[0] = 0;
        const ent = this.#fn.readdir(dir);
        if (ent === null) {
          if (this.errno[0] !== 0) throw this.fail(`readdir '${showPath(path)}'`);
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
    this.check(fd, "open", path);
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
    this.check(fd, "open", path);
    if (this.#fn.renamex_np(tmp, path, RENAME_EXCL) < 0) {
      const err = this.fail(`open '${showPath(path)}'`);
      this.#fn.unlink(tmp);
      this.#fn.close(fd);
      throw err;
    }
    return fd;
  }

  syncFilesystem(_path: Uint8Array): "sync" {
    // macOS has no syncfs; sync(2) writes every filesystem's dirty data.
    this.#fn.sync();
    return "sync";
  }
}

/** Loads libSystem. Throws when this is not macOS, FFI is not permitted, or a symbol is missing. */
export function openMacosLibc(): NativeLibc {
  if (Deno.build.os !== "darwin") throw new Error(`not macOS (${Deno.build.os})`);
  return new MacosLibc(Deno.dlopen("/usr/lib/libSystem.B.dylib", SYMBOLS));
}
