/**
 * The filesystem backend interface: the metadata calls whose fidelity depends on how phlb reaches
 * the OS (nanosecond times, xattrs, names that are not valid UTF-8). Code outside src/fs/ sees only
 * this interface and {@linkcode Fidelity}, never which implementation is behind it.
 *
 * All paths are fs-strings (names.ts): a name that is not valid UTF-8 carries its bytes as escaped
 * lone surrogates, which only a backend with `fidelity.rawNames` can hand to the OS.
 * @module
 */
import type { DirEntry, FileStat, FileTimes, Xattr } from "./types.ts";

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

/** The filesystem calls whose fidelity depends on the backend. Every call throws Deno-shaped errors. */
export interface FsBackend {
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

  /** A folder's entries in directory order (no "." or ".."). */
  readDir(path: string): DirEntry[];

  /** Opens a file for reading. */
  openRead(path: string): Deno.FsFile;
  /**
   * Opens a file for reading together with the stat of what was opened (not of whatever the path
   * names a moment later), for recording a file's metadata as it was read.
   */
  openReadWithStat(path: string): { file: Deno.FsFile; stat: FileStat };
  /** Creates a new file for writing; fails when `path` exists. `mode` defaults to 0o666 (umask applies). */
  createNew(path: string, options?: { mode?: number }): Deno.FsFile;
  /** Creates `newPath` as a hardlink of `existing`. */
  link(existing: string, newPath: string): void;
  /** Creates a symlink at `path` whose target text is `target`. */
  symlink(target: string, path: string): void;
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

  /** Releases what the backend holds (the loaded library). */
  close(): void;
}
