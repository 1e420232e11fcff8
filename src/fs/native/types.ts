/**
 * Shapes shared by the filesystem backends and the libc bindings: what a stat returns, what a
 * directory read returns, and the byte-path calls a C library must offer. Types and tiny pure
 * helpers only.
 * @module
 */

/** What kind of entry a stat or a directory read found. */
export type FileType = "file" | "dir" | "symlink" | "fifo" | "socket" | "block" | "char" | "unknown";

/** The three timestamps of an inode as seconds + nanoseconds (sub-second part, 0..999999999). */
export interface FileTimes {
  atimeSec: number;
  atimeNsec: number;
  mtimeSec: number;
  mtimeNsec: number;
}

/**
 * The lstat of one entry (symlinks are never followed). Times are split into whole seconds and
 * nanoseconds so they stay exact JS numbers; `mtimeMs`/`ctimeMs` are the same instants floored to
 * milliseconds, which is what the Deno API reports.
 */
export interface FileStat extends FileTimes {
  type: FileType;
  isFile: boolean;
  isDirectory: boolean;
  isSymlink: boolean;
  /** st_mode including the type bits, as Deno.FileInfo.mode. */
  mode: number;
  size: number;
  ino: number;
  /** st_dev encoded as glibc's makedev (as Deno reports it), for same-filesystem checks. */
  dev: number;
  nlink: number;
  uid: number;
  gid: number;
  ctimeSec: number;
  ctimeNsec: number;
  /** mtime floored to whole milliseconds. */
  mtimeMs: number;
  /** ctime floored to whole milliseconds. */
  ctimeMs: number;
}

/** One directory entry with its name as bytes, as the C library returned it. */
export interface RawDirEntry {
  /** The exact bytes of the name (no NUL). */
  name: Uint8Array;
  /** The type from d_type; "unknown" on filesystems that do not fill it. */
  type: FileType;
  /** d_ino; 0 where unknown. */
  ino: number;
}

/** One directory entry with its name as an fs-string (see names.ts). */
export interface DirEntry {
  /** The name; escaped bytes (U+DC80..U+DCFF) where the name is not valid UTF-8. */
  name: string;
  /** The type from d_type; "unknown" on filesystems that do not fill it. */
  type: FileType;
  /** True when the name on disk is not valid UTF-8. */
  rawBytes: boolean;
}

/** One extended attribute. */
export interface Xattr {
  /** The name with its namespace, e.g. `user.xdg.tags`; an fs-string. */
  name: string;
  value: Uint8Array;
}

/**
 * The calls a native C library binding offers. Every path is a NUL-terminated byte buffer (see
 * names.ts `cString`/`encodeNameInto`), so names that are not valid UTF-8 work. Failures throw
 * errors shaped like Deno's (see errno.ts).
 */
/**
 * Calls relative to an open folder (the *at family): the kernel resolves one name instead of a whole
 * path. Names are NUL-terminated C strings; `shown` is the full path for error messages.
 */
export interface NativeFolderCalls {
  /** Opens folder `path` as a handle for the calls below (O_PATH: needs no read permission). */
  openFolder(path: Uint8Array): number;
  /** lstat of `name` in folder `dir`. */
  lstatAt(dir: number, name: Uint8Array, shown: string): FileStat;
  /** A hardlink `to.name` in folder `to.dir` of `from.name` in folder `from.dir`. */
  linkAt(
    from: { dir: number; name: Uint8Array },
    to: { dir: number; name: Uint8Array },
    shown: { from: string; to: string },
  ): void;
}

/** A name in an open folder as the C calls take it: the folder's descriptor and a C string. */
export interface NativeName {
  dir: number;
  /** NUL-terminated. */
  name: Uint8Array;
}

/**
 * The calls of backend.ts `HandleCalls` at the C level: each names an entry in an open folder
 * descriptor and never follows a symlink there. Names and targets are NUL-terminated C strings;
 * `shown` is the full path for error messages.
 */
export interface NativeHandleCalls {
  /** Opens a folder whose path holds no symlink at all, for reading (its descriptor). */
  openFolder(path: Uint8Array): number;
  /** Opens folder `at.name` for reading; fails (ELOOP, ENOTDIR) when it is a symlink or no folder. */
  openFolderAt(at: NativeName, shown: string): number;
  /** lstat of `at.name`. */
  lstatAt(at: NativeName, shown: string): FileStat;
  /** mkdirat(2). */
  mkdirAt(at: NativeName, options: { mode: number; shown: string }): void;
  /** A new file opened for writing: O_CREAT|O_EXCL|O_NOFOLLOW, so any entry there, a symlink too, fails it. */
  createAt(at: NativeName, options: { mode: number; shown: string }): number;
  /** symlinkat(2): the symlink `at.name` with target text `target`. */
  symlinkAt(target: Uint8Array, at: NativeName, shown: string): void;
  /** readlinkat(2): the target text of the symlink `at.name`. */
  readLinkAt(at: NativeName, shown: string): Uint8Array;
  /** renameat(2). */
  renameAt(from: NativeName, to: NativeName, shown: { from: string; to: string }): void;
  /** unlinkat(2); `folder` removes an empty folder (AT_REMOVEDIR). */
  removeAt(at: NativeName, options: { folder: boolean; shown: string }): void;
  /** The stat of an open descriptor (a file, or a folder opened by the calls above). */
  stat(fd: number): FileStat;
  /** fchmod(2) on an open descriptor; `shown` names it in a message. */
  chmod(fd: number, mode: number, shown: string): void;
  /** fchown(2) on an open descriptor. */
  chown(fd: number, owner: { uid: number; gid: number }, shown: string): void;
  /** futimens(2) on an open descriptor. */
  setTimes(fd: number, times: FileTimes, shown: string): void;
  /** fsetxattr(2) on an open descriptor. */
  setXattr(fd: number, xattr: { name: Uint8Array; value: Uint8Array }, shown: string): void;
  /**
   * Sets the owner and the times of the symlink `at.name` itself, through a descriptor of the
   * symlink (O_PATH on Linux, O_SYMLINK on macOS): fails when what is there is no symlink.
   */
  setSymlinkMeta(
    at: NativeName,
    meta: { owner?: { uid: number; gid: number }; times?: FileTimes; shown: string },
  ): void;
  closeFd(fd: number): void;
}

export interface NativeLibc {
  /** e.g. "glibc x86_64: statx, utimensat, l*xattr, getdents64". */
  readonly description: string;
  /** The *at calls, where this library offers them (glibc). */
  readonly folderCalls?: NativeFolderCalls;
  /** The calls restore writes its target with (both libraries). */
  readonly handleCalls: NativeHandleCalls;
  lstat(path: Uint8Array): FileStat;
  /** The stat of an open file descriptor. */
  fstat(fd: number): FileStat;
  /** Sets atime and mtime with nanoseconds; `noFollow` sets a symlink's own times. */
  setTimes(path: Uint8Array, times: FileTimes, options: { noFollow: boolean }): void;
  /** Raw xattr names (no NUL); empty where the filesystem has no xattrs. */
  listXattrs(path: Uint8Array): Uint8Array[];
  /** An xattr's value; undefined when it does not exist. */
  getXattr(path: Uint8Array, name: Uint8Array): Uint8Array | undefined;
  setXattr(path: Uint8Array, xattr: { name: Uint8Array; value: Uint8Array }): void;
  readDir(path: Uint8Array): RawDirEntry[];
  /** A folder's entries with names decoded to fs-strings (names.ts): what the walk needs, made cheaply. */
  readDirNames(path: Uint8Array): DirEntry[];
  /** Opens for reading; returns a file descriptor. */
  openRead(path: Uint8Array): number;
  /** Creates a new file (fails when the path exists) for writing; returns a file descriptor. */
  createNew(path: Uint8Array, mode: number): number;
  closeFd(fd: number): void;
  /** read(2) into `buf`; the count read, 0 at the end. Retries EINTR. */
  read(fd: number, buf: Uint8Array): number;
  /**
   * read(2) on one of Deno's FFI threads (a nonblocking symbol), so the JS thread goes on. errno of
   * that thread cannot be read from here: a failed read is repeated synchronously, which throws the
   * error (or succeeds, for EINTR). `buf` must not be touched until the promise settles.
   */
  readAsync(fd: number, buf: Uint8Array): Promise<number>;
  /** write(2) from `buf`; the count written. Retries EINTR. */
  write(fd: number, buf: Uint8Array): number;
  /** lseek(2); `whence` as Deno.SeekMode (0 start, 1 current, 2 end, as SEEK_SET/CUR/END). */
  seek(fd: number, position: { offset: number; whence: number }): number;
  fsync(fd: number): void;
  /**
   * Writes what was written to the filesystem holding folder `path` to its disk, and returns how:
   * "syncfs" (that filesystem, and only once its writes are done) or "sync" (sync(2): every
   * filesystem). Throws when the system reports that the writing failed.
   */
  syncFilesystem(path: Uint8Array): "syncfs" | "sync";
  /** futimens(2): sets the open file's atime and mtime with nanoseconds. */
  futimens(fd: number, times: FileTimes): void;
  link(existing: Uint8Array, newPath: Uint8Array): void;
  symlink(target: Uint8Array, path: Uint8Array): void;
  readLink(path: Uint8Array): Uint8Array;
  mkdir(path: Uint8Array, mode: number): void;
  rename(from: Uint8Array, to: Uint8Array): void;
  unlink(path: Uint8Array): void;
  rmdir(path: Uint8Array): void;
  chmod(path: Uint8Array, mode: number): void;
  /** Changes the owner of the entry itself (never follows a symlink). */
  lchown(path: Uint8Array, owner: { uid: number; gid: number }): void;
  /** Releases the library. */
  close(): void;
}

/** What a C stat struct holds: a {@linkcode FileStat} but for what follows from it. */
export type StatFields = Omit<
  FileStat,
  "type" | "isFile" | "isDirectory" | "isSymlink" | "mtimeMs" | "ctimeMs"
>;

/** The {@linkcode FileStat} of a C stat struct's fields: the type from the mode, times in whole ms. */
export function fileStatOf(st: StatFields): FileStat {
  const type = fileTypeOfMode(st.mode);
  // Every field by name, in one order: one object shape for every stat (no spread copy per call).
  return {
    type,
    isFile: type === "file",
    isDirectory: type === "dir",
    isSymlink: type === "symlink",
    mode: st.mode,
    size: st.size,
    ino: st.ino,
    dev: st.dev,
    nlink: st.nlink,
    uid: st.uid,
    gid: st.gid,
    atimeSec: st.atimeSec,
    atimeNsec: st.atimeNsec,
    mtimeSec: st.mtimeSec,
    mtimeNsec: st.mtimeNsec,
    ctimeSec: st.ctimeSec,
    ctimeNsec: st.ctimeNsec,
    mtimeMs: st.mtimeSec * 1000 + Math.floor(st.mtimeNsec / 1e6),
    ctimeMs: st.ctimeSec * 1000 + Math.floor(st.ctimeNsec / 1e6),
  };
}

/** The type bits of st_mode as a {@linkcode FileType}. */
export function fileTypeOfMode(mode: number): FileType {
  switch (mode & 0o170000) {
    case 0o100000:
      return "file";
    case 0o040000:
      return "dir";
    case 0o120000:
      return "symlink";
    case 0o010000:
      return "fifo";
    case 0o140000:
      return "socket";
    case 0o060000:
      return "block";
    case 0o020000:
      return "char";
    default:
      return "unknown";
  }
}

/** A d_type value (the same on Linux and macOS) as a {@linkcode FileType}. */
export function fileTypeOfDirent(dType: number): FileType {
  switch (dType) {
    case 8:
      return "file";
    case 4:
      return "dir";
    case 10:
      return "symlink";
    case 1:
      return "fifo";
    case 12:
      return "socket";
    case 6:
      return "block";
    case 2:
      return "char";
    default:
      return "unknown";
  }
}

/** An instant as nanoseconds since the epoch (exact; a bigint because it exceeds 2^53). */
export function timeNs(sec: number, nsec: number): bigint {
  return BigInt(sec) * 1_000_000_000n + BigInt(nsec);
}

/** Splits nanoseconds since the epoch into seconds and a 0..999999999 remainder. */
export function splitNs(ns: bigint): { sec: number; nsec: number } {
  let sec = ns / 1_000_000_000n;
  let nsec = ns % 1_000_000_000n;
  if (nsec < 0n) {
    nsec += 1_000_000_000n;
    sec -= 1n;
  }
  return { sec: Number(sec), nsec: Number(nsec) };
}

/** An instant floored to whole milliseconds. */
export function timeMs(sec: number, nsec: number): number {
  return sec * 1000 + Math.floor(nsec / 1_000_000);
}
