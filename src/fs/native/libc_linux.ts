/**
 * FFI bindings to glibc on Linux (x86_64 and aarch64) through `Deno.dlopen`: the calls Deno's file
 * API lacks (statx with nanosecond times, utimensat, l*xattr, getdents64 with raw byte names) and
 * byte-path variants of open/link/symlink/mkdir/rename for names that are not valid UTF-8.
 *
 * Every path is a NUL-terminated byte buffer. Failures throw Deno-shaped errors (errno.ts), with
 * errno read through `__errno_location` right after the failing call. Nothing here decides policy;
 * the backend in backend_native.ts turns fs-strings into buffers and picks the calls.
 *
 * The methods mirror the C calls they wrap, so each can be checked against its man page; those the
 * macOS binding has alike (read, write, link, rename, …) are in libc_posix.ts.
 * @module
 */
import { decodeJoinedNames, displayName } from "./names.ts";
import { LINUX_ERRNO } from "./errno.ts";
import { POSIX_SYMBOLS, PosixLibc, showPath } from "./libc_posix.ts";
import {
  type DirEntry,
  type FileStat,
  fileStatOf,
  type FileTimes,
  type FileType,
  fileTypeOfDirent,
  type NativeFolderCalls,
  type NativeHandleCalls,
  type NativeLibc,
  type NativeName,
  type RawDirEntry,
} from "./types.ts";

const SYMBOLS = {
  ...POSIX_SYMBOLS,
  gnu_get_libc_version: { parameters: [], result: "pointer" },
  __errno_location: { parameters: [], result: "pointer" },
  statx: { parameters: ["i32", "buffer", "i32", "u32", "buffer"], result: "i32" },
  llistxattr: { parameters: ["buffer", "buffer", "usize"], result: "isize" },
  lgetxattr: { parameters: ["buffer", "buffer", "buffer", "usize"], result: "isize" },
  lsetxattr: { parameters: ["buffer", "buffer", "buffer", "usize", "i32"], result: "i32" },
  // open(2) is variadic. On x86_64 and aarch64 Linux a variadic int travels in the same register
  // as a fixed one, so declaring the mode as a third parameter is exact there (not on Apple arm64).
  open: { parameters: ["buffer", "i32", "u32"], result: "i32" },
  syncfs: { parameters: ["i32"], result: "i32" },
  getdents64: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  linkat: { parameters: ["i32", "buffer", "i32", "buffer", "i32"], result: "i32" },
  // openat(2) is variadic as open(2) is: the same holds for its mode.
  openat: { parameters: ["i32", "buffer", "i32", "u32"], result: "i32" },
  fchownat: { parameters: ["i32", "buffer", "u32", "u32", "i32"], result: "i32" },
  fsetxattr: { parameters: ["i32", "buffer", "buffer", "usize", "i32"], result: "i32" },
  // Following calls, for /proc/self/fd/N of a folder held with O_PATH (see #pathOnly).
  setxattr: { parameters: ["buffer", "buffer", "buffer", "usize", "i32"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

const AT_FDCWD = -100;
const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_EMPTY_PATH = 0x1000;
const AT_REMOVEDIR = 0x200;
const O_RDONLY = 0;
const EMPTY_PATH = new Uint8Array(1);
const STATX_BASIC_STATS = 0x7ff;
const O_WRONLY = 0o1;
const O_CREAT = 0o100;
const O_EXCL = 0o200;
const O_NOCTTY = 0o400;
const O_CLOEXEC = 0o2000000;
const O_PATH = 0o10000000; // the same on x86_64 and aarch64
const XATTR_MAX_BYTES = 1 << 16; // XATTR_LIST_MAX and XATTR_SIZE_MAX: one call always suffices
const XATTR_MAX_BYTES_N = BigInt(XATTR_MAX_BYTES);
const DIRENT_BUFFER_BYTES = 1 << 16;
const DIRENT_BUFFER_BYTES_N = BigInt(DIRENT_BUFFER_BYTES);
const PATH_MAX = 4096;
const MAX_KEPT_JOIN_BYTES = 1 << 22;
const TWO_32 = 2 ** 32;

/** O_DIRECTORY differs between the x86 and the generic (aarch64) flag sets. */
function oDirectory(arch: typeof Deno.build.arch): number {
  return arch === "aarch64" ? 0o40000 : 0o200000;
}

/** O_NOFOLLOW differs between the x86 and the generic (aarch64) flag sets. */
function oNoFollow(arch: typeof Deno.build.arch): number {
  return arch === "aarch64" ? 0o100000 : 0o400000;
}

/** `/proc/self/fd/N` as a C string: the folder a descriptor holds, by a path no rename changes. */
function procFd(fd: number): Uint8Array {
  return new TextEncoder().encode(`/proc/self/fd/${fd}\0`);
}

/** glibc through FFI. Construct with {@linkcode openLinuxLibc}. */
class LinuxLibc extends PosixLibc implements NativeLibc {
  readonly description: string;
  #fn: Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
  #oDirectory: number;
  #oNoFollow: number;
  /**
   * Folder descriptors opened with O_PATH because the folder may be searched but not read (a
   * user's own `-wx` folder): fchmod, futimens and fsetxattr refuse those, so their metadata is set
   * through /proc/self/fd/N, which names exactly that folder (as glibc's fchmodat does).
   */
  #pathOnly = new Set<number>();
  #statBuf = new Uint8Array(256);
  #statU32 = new Uint32Array(this.#statBuf.buffer);
  #statI32 = new Int32Array(this.#statBuf.buffer);
  #statU16 = new Uint16Array(this.#statBuf.buffer);
  #xattrBuf = new Uint8Array(XATTR_MAX_BYTES);
  #direntBuf = new Uint8Array(DIRENT_BUFFER_BYTES);
  #direntView = new DataView(this.#direntBuf.buffer);
  #joinBuf = new Uint8Array(1 << 16);

  constructor(lib: Deno.DynamicLibrary<typeof SYMBOLS>) {
    // errno is thread-local; sync FFI calls run on this (the JS) thread, so its address is fixed.
    const errno = new Int32Array(Deno.UnsafePointerView.getArrayBuffer(lib.symbols.__errno_location()!, 4));
    super(lib, {
      errno,
      errnoTable: LINUX_ERRNO,
      atFdCwd: AT_FDCWD,
      atSymlinkNoFollow: AT_SYMLINK_NOFOLLOW,
      atRemoveDir: AT_REMOVEDIR,
      pathMax: PATH_MAX,
    });
    this.#fn = lib.symbols;
    this.#oDirectory = oDirectory(Deno.build.arch);
    this.#oNoFollow = oNoFollow(Deno.build.arch);
    const version = new Deno.UnsafePointerView(this.#fn.gnu_get_libc_version()!).getCString();
    this.description = `glibc ${version} ${Deno.build.arch}: statx, utimensat, l*xattr, getdents64`;
  }

  readonly folderCalls: NativeFolderCalls = {
    openFolder: (path) => {
      // Not through a symlink put in the folder's place: that fails (ENOTDIR).
      const fd = this.#fn.open(path, O_PATH | this.#oDirectory | this.#oNoFollow | O_CLOEXEC, 0);
      if (fd < 0) throw this.fail(`open '${showPath(path)}'`);
      return fd;
    },
    lstatAt: (dir, name, shown) => {
      if (this.#fn.statx(dir, name, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, this.#statBuf) < 0) {
        throw this.fail(`lstat '${displayName(shown)}'`);
      }
      return this.#parseStat();
    },
    linkAt: (from, to, shown) => {
      if (this.#fn.linkat(from.dir, from.name, to.dir, to.name, 0) < 0) {
        throw this.fail(`link '${displayName(shown.from)}' -> '${displayName(shown.to)}'`);
      }
    },
  };

  readonly handleCalls: NativeHandleCalls = {
    openFolder: (path) => this.#openFolderPath(path),
    openFolderAt: (at, shown) => this.#openFolderAt(at, shown),
    lstatAt: (at, shown) => this.folderCalls.lstatAt(at.dir, at.name, shown),
    mkdirAt: (at, options) => this.mkdirAt(at, options),
    createAt: (at, options) => {
      const flags = O_WRONLY | O_CREAT | O_EXCL | this.#oNoFollow | O_CLOEXEC | O_NOCTTY;
      const fd = this.#fn.openat(at.dir, at.name, flags, options.mode);
      this.checkAt(fd, "open", options.shown);
      return fd;
    },
    symlinkAt: (target, at, shown) => this.symlinkAt(target, at, shown),
    readLinkAt: (at, shown) => this.readLinkAt(at, shown),
    renameAt: (from, to, shown) => this.renameAt(from, to, shown),
    removeAt: (at, options) => this.removeAt(at, options),
    stat: (fd) => this.fstat(fd),
    chmod: (fd, mode, shown) => {
      if (this.#pathOnly.has(fd)) this.checkAt(this.fn.chmod(procFd(fd), mode), "chmod", shown);
      else this.fchmod(fd, mode, shown);
    },
    chown: (fd, owner, shown) => {
      // fchownat with AT_EMPTY_PATH takes any descriptor, O_PATH ones too.
      this.checkAt(this.#fn.fchownat(fd, EMPTY_PATH, owner.uid, owner.gid, AT_EMPTY_PATH), "chown", shown);
    },
    setTimes: (fd, times, shown) => {
      if (!this.#pathOnly.has(fd)) return this.futimensShown(fd, times, shown);
      this.checkAt(this.utimensatRc(AT_FDCWD, { name: procFd(fd), times, flags: 0 }), "utimensat", shown);
    },
    setXattr: (fd, xattr, shown) => {
      const size = BigInt(xattr.value.length);
      const rc = this.#pathOnly.has(fd)
        ? this.#fn.setxattr(procFd(fd), xattr.name, xattr.value, size, 0)
        : this.#fn.fsetxattr(fd, xattr.name, xattr.value, size, 0);
      if (rc < 0) throw this.fail(`setxattr '${displayName(shown)}' '${showPath(xattr.name)}'`);
    },
    setSymlinkMeta: (at, meta) => this.#setSymlinkMeta(at, meta),
    closeFd: (fd) => {
      this.#pathOnly.delete(fd);
      this.closeFd(fd);
    },
  };

  /**
   * Opens a folder by a path that holds no symlink: "/" and then each component with O_NOFOLLOW,
   * so a symlink swapped in anywhere on the way fails the open instead of leading elsewhere. The
   * folders on the way are opened with O_PATH (searching them is enough).
   */
  #openFolderPath(path: Uint8Array): number {
    const end = path.indexOf(0);
    const bytes = path.subarray(0, end < 0 ? path.length : end);
    const parts: Uint8Array[] = [];
    let from = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x2f) continue;
      if (i > from) {
        const part = new Uint8Array(i - from + 1);
        part.set(bytes.subarray(from, i));
        parts.push(part);
      }
      from = i + 1;
    }
    if (bytes[0] !== 0x2f) throw new Deno.errors.InvalidData(`not an absolute path: '${showPath(path)}'`);
    const root = new Uint8Array([0x2f, 0]);
    let fd = this.#fn.open(root, (parts.length === 0 ? O_RDONLY : O_PATH) | this.#oDirectory | O_CLOEXEC, 0);
    this.check(fd, "open", root);
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      let next: number;
      try {
        next = last
          ? this.#openFolderAt({ dir: fd, name: parts[i] }, showPath(path))
          : this.#fn.openat(fd, parts[i], O_PATH | this.#oDirectory | this.#oNoFollow | O_CLOEXEC, 0);
        if (next < 0) throw this.fail(`open '${showPath(path)}'`);
      } finally {
        this.#fn.close(fd);
      }
      fd = next;
    }
    return fd;
  }

  /** A folder for reading, never through a symlink; O_PATH when it may be searched but not read. */
  #openFolderAt(at: NativeName, shown: string): number {
    const flags = this.#oDirectory | this.#oNoFollow | O_CLOEXEC;
    let fd = this.#fn.openat(at.dir, at.name, O_RDONLY | flags, 0);
    if (fd < 0 && this.errno[0] === LINUX_ERRNO.EACCES) {
      fd = this.#fn.openat(at.dir, at.name, O_PATH | flags, 0);
      if (fd >= 0) this.#pathOnly.add(fd);
    }
    this.checkAt(fd, "open", shown);
    return fd;
  }

  /** Owner and times of a symlink through an O_PATH descriptor of the symlink itself. */
  #setSymlinkMeta(
    at: NativeName,
    meta: { owner?: { uid: number; gid: number }; times?: FileTimes; shown: string },
  ): void {
    const fd = this.#fn.openat(at.dir, at.name, O_PATH | this.#oNoFollow | O_CLOEXEC, 0);
    this.checkAt(fd, "open", meta.shown);
    try {
      if (!this.fstat(fd).isSymlink) {
        throw new Deno.errors.AlreadyExists(
          `'${displayName(meta.shown)}' is no longer the symlink made there`,
        );
      }
      const flags = AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW;
      if (meta.owner) {
        const rc = this.#fn.fchownat(fd, EMPTY_PATH, meta.owner.uid, meta.owner.gid, flags);
        this.checkAt(rc, "lchown", meta.shown);
      }
      if (meta.times) {
        let rc = this.utimensatRc(fd, { name: EMPTY_PATH, times: meta.times, flags });
        // Kernels before 5.8 take no AT_EMPTY_PATH here: the name then, never followed.
        if (rc < 0 && this.errno[0] === LINUX_ERRNO.EINVAL) {
          rc = this.utimensatRc(at.dir, { name: at.name, times: meta.times, flags: AT_SYMLINK_NOFOLLOW });
        }
        this.checkAt(rc, "utimensat", meta.shown);
      }
    } finally {
      this.#fn.close(fd);
    }
  }

  lstat(path: Uint8Array): FileStat {
    this.check(
      this.#fn.statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, this.#statBuf),
      "lstat",
      path,
    );
    return this.#parseStat();
  }

  fstat(fd: number): FileStat {
    const rc = this.#fn.statx(
      fd,
      EMPTY_PATH,
      AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW,
      STATX_BASIC_STATS,
      this.#statBuf,
    );
    if (rc < 0) throw this.fail(`fstat ${fd}`);
    return this.#parseStat();
  }

  /** The FileStat of the struct statx in the stat buffer. */
  #parseStat(): FileStat {
    const u32 = this.#statU32;
    const i32 = this.#statI32;
    const major = u32[34];
    const minor = u32[35];
    // struct statx: timestamps are {i64 sec, u32 nsec, i32 pad} at bytes 64 (atime), 96 (ctime), 112 (mtime).
    return fileStatOf({
      mode: this.#statU16[14],
      size: u32[10] + u32[11] * TWO_32,
      ino: u32[8] + u32[9] * TWO_32,
      // glibc's makedev, so the number matches Deno.FileInfo.dev.
      dev: (major & 0xfff) * 256 + (minor & 0xff) + (minor >>> 8) * 2 ** 20 + (major >>> 12) * 2 ** 44,
      nlink: u32[4],
      uid: u32[5],
      gid: u32[6],
      atimeSec: u32[16] + i32[17] * TWO_32,
      atimeNsec: u32[18],
      mtimeSec: u32[28] + i32[29] * TWO_32,
      mtimeNsec: u32[30],
      ctimeSec: u32[24] + i32[25] * TWO_32,
      ctimeNsec: u32[26],
    });
  }

  listXattrs(path: Uint8Array): Uint8Array[] {
    const n = Number(this.#fn.llistxattr(path, this.#xattrBuf, XATTR_MAX_BYTES_N));
    if (n < 0) {
      // A filesystem without xattrs has none to list.
      if (this.errno[0] === LINUX_ERRNO.EOPNOTSUPP) return [];
      throw this.fail(`llistxattr '${showPath(path)}'`);
    }
    const names: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < n; i++) {
      if (this.#xattrBuf[i] !== 0) continue;
      if (i > start) names.push(this.#xattrBuf.slice(start, i));
      start = i + 1;
    }
    return names;
  }

  getXattr(path: Uint8Array, name: Uint8Array): Uint8Array | undefined {
    const n = Number(this.#fn.lgetxattr(path, name, this.#xattrBuf, XATTR_MAX_BYTES_N));
    if (n < 0) {
      if (this.errno[0] === LINUX_ERRNO.ENODATA) return undefined;
      throw this.fail(`lgetxattr '${showPath(path)}' '${showPath(name)}'`);
    }
    return this.#xattrBuf.slice(0, n);
  }

  setXattr(path: Uint8Array, xattr: { name: Uint8Array; value: Uint8Array }): void {
    const rc = this.#fn.lsetxattr(path, xattr.name, xattr.value, BigInt(xattr.value.length), 0);
    if (rc < 0) throw this.fail(`lsetxattr '${showPath(path)}' '${showPath(xattr.name)}'`);
  }

  /**
   * Reads a folder with getdents64, calling `onEntry` with the offsets of each name (not "." or
   * "..") in the dirent buffer, which is only valid during the call.
   */
  #scanDir(path: Uint8Array, onEntry: (off: number, nameStart: number, nameEnd: number) => void): void {
    const fd = this.#fn.open(path, this.#oDirectory | O_CLOEXEC, 0);
    this.check(fd, "readdir", path);
    const buf = this.#direntBuf;
    const view = this.#direntView;
    try {
      for (;;) {
        const n = Number(this.#fn.getdents64(fd, buf, DIRENT_BUFFER_BYTES_N));
        this.check(n, "readdir", path);
        if (n === 0) break;
        // struct linux_dirent64 { u64 d_ino; i64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
        for (let off = 0; off < n;) {
          const reclen = view.getUint16(off + 16, true);
          const nameStart = off + 19;
          let nameEnd = buf.indexOf(0, nameStart);
          if (nameEnd < 0 || nameEnd > off + reclen) nameEnd = off + reclen;
          const len = nameEnd - nameStart;
          const dot = len <= 2 && buf[nameStart] === 0x2e && (len === 1 || buf[nameStart + 1] === 0x2e);
          if (!dot) onEntry(off, nameStart, nameEnd);
          off += reclen;
        }
      }
    } finally {
      this.#fn.close(fd);
    }
  }

  readDir(path: Uint8Array): RawDirEntry[] {
    const out: RawDirEntry[] = [];
    const buf = this.#direntBuf;
    const view = this.#direntView;
    this.#scanDir(path, (off, nameStart, nameEnd) => {
      out.push({
        name: buf.slice(nameStart, nameEnd),
        type: fileTypeOfDirent(buf[off + 18]),
        ino: view.getUint32(off, true) + view.getUint32(off + 4, true) * TWO_32,
      });
    });
    return out;
  }

  readDirNames(path: Uint8Array): DirEntry[] {
    // Names are copied back to back (NUL-separated) and decoded in one call: per-name slices and
    // decoder calls cost several times more than the system call (measured).
    let joined = this.#joinBuf;
    let len = 0;
    const types: FileType[] = [];
    const buf = this.#direntBuf;
    this.#scanDir(path, (off, nameStart, nameEnd) => {
      if (len + (nameEnd - nameStart) + 1 > joined.length) {
        const bigger = new Uint8Array(joined.length * 2 + (nameEnd - nameStart));
        bigger.set(joined.subarray(0, len));
        joined = bigger;
      }
      for (let i = nameStart; i < nameEnd; i++) joined[len++] = buf[i];
      joined[len++] = 0;
      types.push(fileTypeOfDirent(buf[off + 18]));
    });
    if (joined.length <= MAX_KEPT_JOIN_BYTES) this.#joinBuf = joined;
    const names = decodeJoinedNames(joined.subarray(0, len), types.length);
    const out: DirEntry[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      out[i] = { name: names[i], type: types[i], rawBytes: !names[i].isWellFormed() };
    }
    return out;
  }

  openRead(path: Uint8Array): number {
    const fd = this.#fn.open(path, O_CLOEXEC | O_NOCTTY, 0);
    this.check(fd, "open", path);
    return fd;
  }

  createNew(path: Uint8Array, mode: number): number {
    const fd = this.#fn.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
    this.check(fd, "open", path);
    return fd;
  }

  syncFilesystem(path: Uint8Array): "syncfs" {
    const fd = this.#fn.open(path, this.#oDirectory | O_CLOEXEC, 0);
    this.check(fd, "open", path);
    try {
      // Since Linux 5.8, syncfs also reports writeback errors (EIO, ENOSPC) seen since the open.
      this.check(this.#fn.syncfs(fd), "syncfs", path);
    } finally {
      this.#fn.close(fd);
    }
    return "syncfs";
  }
}

/**
 * Loads glibc. Throws when this is not x86_64/aarch64 Linux, FFI is not permitted, or the library
 * or one of its symbols (statx needs glibc 2.28, getdents64 2.30) is missing.
 */
export function openLinuxLibc(): NativeLibc {
  if (Deno.build.os !== "linux") throw new Error(`not Linux (${Deno.build.os})`);
  if (Deno.build.arch !== "x86_64" && Deno.build.arch !== "aarch64") {
    throw new Error(`no bindings for ${Deno.build.arch}`);
  }
  return new LinuxLibc(Deno.dlopen("libc.so.6", SYMBOLS));
}
