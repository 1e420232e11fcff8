/**
 * The filesystem backend interface: the metadata calls whose fidelity depends on how phlb reaches
 * the OS (nanosecond times, xattrs, names that are not valid UTF-8). Code outside src/fs/ sees only
 * this interface and {@linkcode Fidelity}, never which implementation is behind it.
 *
 * File contents flow through {@linkcode BackendFile}: Deno refuses to reopen a descriptor through
 * /proc/self/fd or /dev/fd without --allow-all, so a file opened by libc stays a libc descriptor.
 *
 * All paths are fs-strings (names.ts): a name that is not valid UTF-8 carries its bytes as escaped
 * lone surrogates, which only a backend with `fidelity.rawNames` can hand to the OS.
 * @module
 */
import type { Msg } from "../../i18n/messages.ts";
import type { DirEntry, FileStat, FileTimes, RawDirEntry, Xattr } from "./types.ts";

/** What a backend can keep. */
export interface Fidelity {
  /** mtime/atime/ctime with nanoseconds; otherwise milliseconds, and ctime in whole seconds. */
  nanosecondTimes: boolean;
  /** Extended attributes are read and written; otherwise none are seen. */
  xattrs: boolean;
  /** Names that are not valid UTF-8 are read, opened and created under their exact bytes. */
  rawNames: boolean;
  /** A symlink's own times can be set. */
  symlinkTimes: boolean;
}

/** Options for {@linkcode FsBackend.setTimes}. */
export interface SetTimesOptions {
  /** Set the times of a symlink itself, not of its target. */
  noFollow?: boolean;
}

/** Options for {@linkcode FsBackend.symlink}. */
export interface SymlinkOptions {
  /** An existing symlink whose kind (file or folder link, on Windows) the new one takes. */
  like?: string;
}

/**
 * An open file. The calls mirror Deno.FsFile's sync ones, so code written for Deno.FsFile's
 * readSync/writeSync/seekSync/syncSync/close works on it, plus a stat and a time setter with the
 * backend's precision.
 */
export interface BackendFile {
  /** Reads into `p`; the count read, or null at the end of the file. */
  readSync(p: Uint8Array): number | null;
  /** Reads into `p` off the JS thread (Deno's I/O or FFI threads); the count read, or null at the end. */
  read(p: Uint8Array): Promise<number | null>;
  /** Writes from `p`; the count written (may be less than `p.length`). */
  writeSync(p: Uint8Array): number;
  /** Moves the position; returns the new one. */
  seekSync(offset: number, whence: Deno.SeekMode): number;
  /** Flushes the file's data and metadata to disk. */
  syncSync(): void;
  /** The stat of the open file: what was opened, not what the path names now. */
  stat(): FileStat;
  /** Sets the open file's atime and mtime. */
  setTimes(times: FileTimes): void;
  /** Closes the file. A second close does nothing. */
  close(): void;
}

/**
 * Calls relative to an open folder handle: the kernel resolves one name instead of every folder of
 * a path, which is most of an lstat's or a link's cost in a deep tree (measured: a fifth of a
 * no-change backup's CPU time went to path lookups). `path` arguments are the full paths, for
 * error messages only. Errors are Deno-shaped, as everywhere here.
 */
export interface FolderCalls {
  /** Opens a folder handle. Close it with {@linkcode FolderCalls.close}. */
  open(path: string): number;
  close(handle: number): void;
  /** lstat of `name` in folder `dir` (never follows a symlink). */
  lstat(dir: number, name: string, path: string): FileStat;
  /** Creates `to.name` in folder `to.dir` as a hardlink of `from.name` in folder `from.dir`. */
  link(from: FolderName, to: FolderName): void;
}

/** A name in an open folder, with its full path for messages. */
export interface FolderName {
  dir: number;
  name: string;
  path: string;
}

/**
 * An open folder or file of {@linkcode HandleCalls}: a descriptor of the native backend (`fd`), and
 * the full path it was opened by, for messages (and for the Deno-API emulation's calls).
 */
export interface Handle {
  readonly fd: number;
  readonly path: string;
}

/** A name in an open folder. */
export interface HandleName {
  dir: Handle;
  name: string;
}

/**
 * Writing inside a folder tree that another user may change while phlb works in it (a restore's
 * target): every call names an entry in an open folder handle, and none follows a symlink found
 * there. The native backend holds descriptors (openat with O_NOFOLLOW, mkdirat, renameat, unlinkat,
 * symlinkat; a new file is O_CREAT|O_EXCL|O_NOFOLLOW; metadata goes through fchmod, fchown,
 * futimens and fsetxattr on the open entry), so once a folder is open no rename or symlink made
 * elsewhere can redirect a call: `raceFree` is true. The Deno-API backend emulates the calls with
 * full paths (`raceFree` false): each call resolves its path again, so a user who can write in a
 * folder on the way can send it elsewhere between a check and the write.
 */
export interface HandleCalls {
  /** True when no call can be redirected by a change made elsewhere in the tree (descriptors). */
  readonly raceFree: boolean;
  /** Opens folder `path`, which must be a real path: no component of it may be a symlink. */
  openFolder(path: string): Handle;
  /** Opens folder `at.name`; fails when that is a symlink or no folder. */
  openFolderAt(at: HandleName): Handle;
  /** Closes a folder handle (a file's handle goes with its file). */
  close(handle: Handle): void;
  /** The stat of what a handle holds. */
  stat(handle: Handle): FileStat;
  /** lstat of `at.name` (never follows a symlink). */
  lstatAt(at: HandleName): FileStat;
  /** Creates folder `at.name` with permission bits `mode` (before the umask). */
  mkdirAt(at: HandleName, mode: number): void;
  /**
   * Creates the new file `at.name` for writing, failing when anything, a symlink too, is there.
   * `handle` is for the metadata calls below, valid until `file` is closed.
   */
  createAt(at: HandleName, mode: number): { file: BackendFile; handle: Handle };
  /** Creates the symlink `at.name` with target text `target`. */
  symlinkAt(target: string, at: HandleName, options?: SymlinkOptions): void;
  /** The target text of the symlink `at.name`. */
  readLinkAt(at: HandleName): string;
  /** Renames `from` to `to` (replacing a file or symlink at `to`, never following one). */
  renameAt(from: HandleName, to: HandleName): void;
  /** Removes the file or symlink `at.name`; with `folder`, the empty folder. */
  removeAt(at: HandleName, options?: { folder?: boolean }): void;
  /** Sets the permission bits of what `handle` holds. */
  chmod(handle: Handle, mode: number): void;
  /** Sets the owner of what `handle` holds. */
  chown(handle: Handle, owner: { uid: number; gid: number }): void;
  /** Sets the atime and mtime of what `handle` holds. */
  setTimes(handle: Handle, times: FileTimes): void;
  /** Sets one xattr on what `handle` holds. */
  setXattr(handle: Handle, xattr: Xattr): void;
  /**
   * Sets the owner and the times of the symlink `at.name` itself; fails when it is no longer a
   * symlink. Times only where `fidelity.symlinkTimes`.
   */
  setSymlinkMeta(at: HandleName, meta: { owner?: { uid: number; gid: number }; times?: FileTimes }): void;
}

/** The filesystem calls whose fidelity depends on the backend. Every call throws Deno-shaped errors. */
export interface FsBackend {
  /** Calls relative to open folders, where the backend has them (native on Linux); else undefined. */
  readonly folders?: FolderCalls;
  /** Writing in a tree others may change (see {@linkcode HandleCalls}); race-free where `raceFree`. */
  readonly handles: HandleCalls;
  /** "native" (libc through FFI) or "deno" (the Deno file API). */
  readonly kind: "native" | "deno";
  /** What this backend keeps. */
  readonly fidelity: Fidelity;
  /** One line for the run log, e.g. "metadata: native (glibc 2.36 …): nanosecond times, xattrs, raw names". */
  readonly summary: string;
  /** {@linkcode summary} as a catalogue text, which a report shows in the run's language. */
  readonly summaryText: Msg;

  /** lstat: never follows a symlink. */
  lstat(path: string): FileStat;
  /** Sets atime and mtime (nanoseconds where the backend keeps them). */
  setTimes(path: string, times: FileTimes, options?: SetTimesOptions): void;

  /** The xattr names of an entry (never following a symlink); none without xattr support. */
  listXattrs(path: string): string[];
  /** One xattr's value, or undefined when it is not set. */
  getXattr(path: string, name: string): Uint8Array | undefined;
  /** Sets one xattr (creating or replacing it). Throws where xattrs are not supported. */
  setXattr(path: string, xattr: Xattr): void;
  /** Every xattr of an entry, sorted by name. Empty without xattr support. */
  readXattrs(path: string): Xattr[];

  /** A folder's entries in directory order (no "." or ".."), names as fs-strings. */
  readDir(path: string): DirEntry[];
  /**
   * A folder's entries with names as bytes. Exact with the native backend; the Deno-API backend
   * can only give the UTF-8 of its lossy names, and ino 0.
   */
  readDirRaw(path: string): RawDirEntry[];

  /** The exact bytes of an fs-string path or name (names.ts `encodeName`). */
  encodePath(path: string): Uint8Array;
  /** Bytes as an fs-string (names.ts `decodeName`): the inverse of {@linkcode FsBackend.encodePath}. */
  decodePath(bytes: Uint8Array): string;

  /** Opens a file for reading. */
  openRead(path: string): BackendFile;
  /** Creates a new file for writing; fails when `path` exists. `mode` defaults to 0o666 (umask applies). */
  createNew(path: string, options?: { mode?: number }): BackendFile;
  /** Creates `newPath` as a hardlink of `existing`. */
  link(existing: string, newPath: string): void;
  /**
   * Creates a symlink at `path` whose target text is `target`. On Windows a link is a file link or
   * a folder link: it gets the kind of what the existing symlink `options.like` points at (a file
   * link when that is broken or not given).
   */
  symlink(target: string, path: string, options?: SymlinkOptions): void;
  /** A symlink's target text. */
  readLink(path: string): string;
  /** Creates one folder; `mode` defaults to 0o777 (umask applies). */
  mkdir(path: string, options?: { mode?: number }): void;
  /** Renames (replacing a file at `to`, as rename(2)). */
  rename(from: string, to: string): void;
  /** Removes a file, a symlink or an empty folder. */
  remove(path: string): void;
  /** Sets the permission bits (follows a symlink, as chmod(2)). */
  chmod(path: string, mode: number): void;
  /** Sets the owner of the entry itself (never follows a symlink). */
  chown(path: string, owner: { uid: number; gid: number }): void;

  /**
   * Writes everything written to the filesystem holding folder `path` to its disk before it
   * returns, and says how: "syncfs" (that filesystem), "sync" (sync(2), every filesystem), or
   * undefined where the system offers no such call to this process (Windows). Throws when the
   * system reports that writing failed.
   */
  syncFilesystem(path: string): "syncfs" | "sync" | undefined;

  /** Releases what the backend holds (the loaded library). */
  close(): void;
}
