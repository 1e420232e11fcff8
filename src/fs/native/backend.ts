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

/** The filesystem calls whose fidelity depends on the backend. Every call throws Deno-shaped errors. */
export interface FsBackend {
  /** Calls relative to open folders, where the backend has them (native on Linux); else undefined. */
  readonly folders?: FolderCalls;
  /** "native" (libc through FFI) or "deno" (the Deno file API). */
  readonly kind: "native" | "deno";
  /** What this backend keeps. */
  readonly fidelity: Fidelity;
  /** One line for the run log, e.g. "metadata: native (glibc 2.36 …): nanosecond times, xattrs, raw names". */
  readonly summary: string;

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
