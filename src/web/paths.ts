/**
 * Request paths for `phlb serve`: splitting a raw request target into checked segments, and
 * resolving a snapshot-relative path inside one snapshot folder without ever following a symlink.
 *
 * Deno.serve hands the request target over as sent (`/a/../b`, `/a/%2e%2e/b` and `/a\..\b` all
 * arrive unchanged), so this module parses it itself instead of through `new URL`, whose dot-segment
 * rules would silently turn a traversal attempt into some other path. Anything that could name a
 * place outside the snapshot is refused, not repaired: the caller answers 404.
 *
 * Segments decode to fs-strings (src/fs/native/names.ts): each %XX is a byte of the name, so a
 * name that is not valid UTF-8 round-trips, and every lstat and open goes through the FS backend,
 * the only way to reach such a name.
 * @module
 */
import type { BackendFile, FileStat, FsBackend } from "../fs/native/mod.ts";
import { decodeName, displayName, hasRawBytes } from "../fs/native/names.ts";
import { joinPath, relativeInside } from "../fs/path.ts";

/** A request target split into decoded, checked path segments and its query. */
export interface RequestTarget {
  /** Decoded path segments; none is empty, ".", "..", or holds "/", "\\" or NUL. */
  segments: string[];
  /** The path ended with "/" (a folder view). */
  trailingSlash: boolean;
  /** The query parameters. */
  query: URLSearchParams;
}

/** Whether `name` can only name an entry inside its folder: not empty, ".", "..", and no "/", "\\" or NUL. */
export function isSafeName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[/\\\0]/.test(name);
}

const utf8 = new TextEncoder();

/**
 * The bytes a percent-encoded segment stands for: each %XX is one byte, every other character its
 * UTF-8. Undefined for a "%" not followed by two hex digits.
 */
export function percentDecodeBytes(raw: string): Uint8Array | undefined {
  const out: number[] = [];
  let i = 0;
  while (i < raw.length) {
    if (raw[i] === "%") {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 3;
      continue;
    }
    const next = raw.indexOf("%", i);
    const end = next < 0 ? raw.length : next;
    for (const b of utf8.encode(raw.slice(i, end))) out.push(b);
    i = end;
  }
  return new Uint8Array(out);
}

/**
 * Decodes one raw path segment to an fs-string, or returns undefined when it must be refused:
 * malformed percent-encoding, an encoded or literal "/" or "\\", NUL, "." and "..". The %XX
 * escapes are bytes of the name, decoded as names on disk are (names.ts `decodeName`), so `%FF`
 * names the byte 0xFF (U+DCFF), never U+FFFD. A byte of 0x80 or above never decodes to an ASCII
 * character, so no escape of that kind can spell "." or "/". It is decoded exactly once, so
 * "%252e%252e" names a file called "%2e%2e", never the parent folder.
 */
export function decodeSegment(raw: string): string | undefined {
  if (raw === "" || raw.includes("\\")) return undefined;
  const bytes = percentDecodeBytes(raw);
  if (!bytes) return undefined;
  const s = decodeName(bytes);
  return isSafeName(s) ? s : undefined;
}

/**
 * Parses a request URL as Deno.serve gives it (`http://host/raw/path?query`). Returns undefined
 * for any path that is not a plain list of safe segments (see {@linkcode decodeSegment}).
 */
export function parseRequestTarget(url: string): RequestTarget | undefined {
  // Skip "scheme://authority"; everything from the next "/" on is the target as the client sent it.
  const schemeEnd = url.indexOf("://");
  let rest = schemeEnd < 0 ? url : url.slice(schemeEnd + 3);
  if (schemeEnd >= 0) {
    const slash = rest.search(/[/?#]/);
    rest = slash < 0 ? "/" : rest.slice(slash);
  }
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  const rawPath = q < 0 ? rest : rest.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : rest.slice(q + 1));
  if (!rawPath.startsWith("/")) return undefined;
  const parts = rawPath.slice(1).split("/");
  const trailingSlash = parts.length > 0 && parts[parts.length - 1] === "";
  if (trailingSlash) parts.pop();
  const segments: string[] = [];
  for (const raw of parts) {
    const s = decodeSegment(raw);
    if (s === undefined) return undefined;
    segments.push(s);
  }
  return { segments, trailingSlash, query };
}

/** What a snapshot-relative path is on disk. */
export interface ResolvedEntry {
  kind: "dir" | "file" | "symlink" | "other";
  /** Absolute path (an fs-string: it may hold escaped bytes). */
  path: string;
  /** "/"-separated path relative to the snapshot ("" for its top). */
  rel: string;
  /** lstat of the entry itself (a symlink is not followed). */
  info: FileStat;
}

/** Options for {@linkcode resolveInSnapshot} and {@linkcode openResolvedFile}. */
export interface ResolveOptions {
  /**
   * The filesystem backend every lstat and open goes through: only one with `fidelity.rawNames`
   * (the native one) can reach a name that is not valid UTF-8; any other refuses such names.
   */
  fs: FsBackend;
}

function lstatOrUndefined(fs: FsBackend, path: string): FileStat | undefined {
  try {
    return fs.lstat(path);
  } catch {
    return undefined;
  }
}

function kindOf(info: FileStat): ResolvedEntry["kind"] {
  if (info.isSymlink) return "symlink";
  if (info.isDirectory) return "dir";
  if (info.isFile) return "file";
  return "other";
}

/**
 * The real path of folder `path`. A valid UTF-8 path goes to Deno; one holding escaped bytes,
 * which Deno cannot name, is opened by the backend as a folder handle (O_PATH, never following a
 * symlink) and the kernel says where that handle is (/proc/self/fd). Throws where neither works.
 */
function realFolderPath(fs: FsBackend, path: string): string {
  if (path.isWellFormed()) return Deno.realPathSync(path);
  if (!fs.fidelity.rawNames || !fs.folders || Deno.build.os !== "linux") {
    throw new Error(`cannot find the real path of "${displayName(path)}" with this backend`);
  }
  const handle = fs.folders.open(path);
  try {
    return fs.readLink(`/proc/self/fd/${handle}`);
  } finally {
    fs.folders.close(handle);
  }
}

/**
 * Resolves checked segments inside `snapshotDir`. Every folder on the way must be a real folder:
 * a symlink anywhere but the last segment makes the whole path unknown, and the last one, when a
 * symlink, is returned as such (never followed). As a second guard, the real path of the entry's
 * folder must lie inside the snapshot's real path. Returns undefined for anything not found or refused.
 */
export function resolveInSnapshot(
  snapshotDir: string,
  segments: readonly string[],
  options: ResolveOptions,
): ResolvedEntry | undefined {
  const { fs } = options;
  const top = lstatOrUndefined(fs, snapshotDir);
  if (!top?.isDirectory) return undefined;
  let path = snapshotDir;
  let info: FileStat = top;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (!isSafeName(s)) return undefined;
    // The Deno API would turn the escaped bytes into U+FFFD and could find another file.
    if (hasRawBytes(s) && !fs.fidelity.rawNames) return undefined;
    path = joinPath(path, s);
    const next = lstatOrUndefined(fs, path);
    if (!next) return undefined;
    if (i < segments.length - 1 && !next.isDirectory) return undefined;
    info = next;
  }
  const folder = info.isDirectory ? path : joinPath(snapshotDir, segments.slice(0, -1).join("/"));
  try {
    if (relativeInside(realFolderPath(fs, snapshotDir), realFolderPath(fs, folder)) === undefined) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  return { kind: kindOf(info), path, rel: segments.join("/"), info };
}

/**
 * Opens a resolved regular file for reading, making sure it is still the inode that was resolved
 * (a swap for a symlink or another file between lstat and open is refused). Returns undefined
 * when it is not.
 */
export function openResolvedFile(entry: ResolvedEntry, options: ResolveOptions): BackendFile | undefined {
  if (entry.kind !== "file") return undefined;
  let file: BackendFile;
  try {
    file = options.fs.openRead(entry.path);
  } catch {
    return undefined;
  }
  try {
    const st = file.stat();
    if (st.isFile && st.ino === entry.info.ino && st.dev === entry.info.dev) return file;
  } catch { /* fall through */ }
  file.close();
  return undefined;
}
