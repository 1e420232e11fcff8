/**
 * Path helpers for the per-file loop.
 *
 * Relative paths inside a source or snapshot are always "/"-separated, so manifests and the
 * index are the same on every platform. Absolute paths use the platform separator. This module
 * is deliberately tiny: `node:path` works too, but these run once or twice per file (and
 * `node:path`'s win32.resolve reads per-drive environment variables, outside phlb's permissions).
 *
 * Windows forms handled: drive paths (`C:\x`, `C:/x`), drive roots (`C:\`), UNC paths
 * (`\\server\share\x`), long-path and device prefixes (`\\?\C:\x`, `\\?\UNC\server\share\x`),
 * rooted paths without a drive (`\x`) and drive-relative paths (`C:x`). In `\\?\` paths "/" is
 * not a separator, so joins always write "\\" on Windows.
 *
 * Every function takes `{ windows }` to pick the rules; the default is the running platform, and
 * tests pass `true` to check the Windows rules on any machine.
 * @module
 */

/** True on Windows, where absolute paths use "\\". */
export const IS_WINDOWS: boolean = Deno.build.os === "windows";

/** Which platform's path rules to apply. */
export interface PathOptions {
  /** Windows rules (default: whether phlb runs on Windows). */
  windows?: boolean;
}

/** Joins an absolute folder path and a "/"-separated relative path. */
export function joinPath(dir: string, rel: string, options?: PathOptions): string {
  if (rel === "") return dir;
  const win = options?.windows ?? IS_WINDOWS;
  if (!win) return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
  const tail = rel.replaceAll("/", "\\");
  return dir.endsWith("\\") || dir.endsWith("/") ? dir + tail : dir + "\\" + tail;
}

/** Joins two "/"-separated relative paths. */
export function joinRel(parent: string, name: string): string {
  return parent === "" ? name : parent + "/" + name;
}

/**
 * The last component of a "/"- or platform-separated path; "" for a filesystem root (`/`, `C:\`,
 * `\\?\C:\`). A UNC share root (`\\server\share`) gives the share's name.
 */
export function baseName(path: string, options?: PathOptions): string {
  const win = options?.windows ?? IS_WINDOWS;
  if (!win) {
    const trimmed = path.replace(/\/+$/, "");
    return trimmed.slice(trimmed.lastIndexOf("/") + 1);
  }
  const trimmed = path.replace(/[\\/]+$/, "");
  const base = trimmed.slice(Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\")) + 1);
  // "C:" is a drive root, and in "C:name" (drive-relative) the name follows the colon.
  return base.replace(/^[A-Za-z]:/, "");
}

/** Whether a path is absolute: `/x`; on Windows `C:\x`, `C:/x`, `\\server\share`, `\\?\…`. */
export function isAbsolutePath(path: string, options?: PathOptions): boolean {
  if (!(options?.windows ?? IS_WINDOWS)) return path.startsWith("/");
  return /^[A-Za-z]:[\\/]/.test(path) || /^[\\/]{2}/.test(path);
}

/**
 * Makes `path` absolute against `cwd` (an absolute folder). On Windows a rooted path (`\x`) takes
 * the drive (or UNC share) of `cwd`, and a drive-relative path (`D:x`) is taken from that drive's
 * root unless `cwd` is on that drive (Windows keeps a current folder per drive; phlb cannot see it).
 * `.` and `..` are left for the OS to resolve.
 */
export function absolutePath(path: string, options: PathOptions & { cwd: string }): string {
  const win = options.windows ?? IS_WINDOWS;
  if (isAbsolutePath(path, options)) return path;
  if (!win) return joinPath(options.cwd, path, options);
  if (/^[\\/]/.test(path)) {
    const root = options.cwd.match(/^[A-Za-z]:/)?.[0] ?? uncShare(options.cwd) ?? "";
    return root + path.replaceAll("/", "\\");
  }
  const drive = path.match(/^([A-Za-z]):/);
  if (drive) {
    const rest = path.slice(2);
    const sameDrive = options.cwd.slice(0, 2).toLowerCase() === `${drive[1]}:`.toLowerCase();
    return joinPath(sameDrive ? options.cwd : `${drive[1]}:\\`, rest, options);
  }
  return joinPath(options.cwd, path, options);
}

/** `\\server\share` of a UNC path (also behind `\\?\UNC\`), or undefined. */
function uncShare(path: string): string | undefined {
  const p = stripLongPathPrefix(path);
  const m = p.match(/^[\\/]{2}([^\\/?]+)[\\/]([^\\/]+)/);
  return m ? `\\\\${m[1]}\\${m[2]}` : undefined;
}

/**
 * Removes Windows' long-path prefix: `\\?\C:\x` becomes `C:\x`, `\\?\UNC\server\share` becomes
 * `\\server\share`. Other paths are returned as they are.
 */
export function stripLongPathPrefix(path: string): string {
  if (/^[\\/]{2}[?.][\\/]UNC[\\/]/i.test(path)) return "\\\\" + path.slice(8);
  if (/^[\\/]{2}[?.][\\/][A-Za-z]:/.test(path)) return path.slice(4);
  return path;
}

/**
 * If `child` is `parent` or inside it, returns the "/"-separated path of `child` relative to
 * `parent` ("" when equal); otherwise undefined. Both must be absolute and normalized. On Windows
 * the comparison ignores case, separators and the `\\?\` prefix; the result keeps the child's case.
 */
export function relativeInside(parent: string, child: string, options?: PathOptions): string | undefined {
  const win = options?.windows ?? IS_WINDOWS;
  const norm = (p: string) => {
    let s = win ? stripLongPathPrefix(p).replaceAll("\\", "/") : p;
    // Keep "/" and "C:/" whole; drop any other trailing separator.
    while (s.length > 1 && s.endsWith("/") && !/^[A-Za-z]:\/$/.test(s)) s = s.slice(0, -1);
    return s;
  };
  const key = (s: string) => win ? s.toLowerCase() : s;
  const p = norm(parent);
  const c = norm(child);
  if (key(c) === key(p)) return "";
  const prefix = p.endsWith("/") ? p : p + "/";
  if (!key(c).startsWith(key(prefix))) return undefined;
  return c.slice(prefix.length);
}
