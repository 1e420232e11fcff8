/**
 * Path helpers for the per-file loop.
 *
 * Relative paths inside a source or snapshot are always "/"-separated, so manifests and the
 * index are the same on every platform. Absolute paths use the platform separator. This module
 * is deliberately tiny: `node:path` works too, but these run once or twice per file.
 * @module
 */

/** True on Windows, where absolute paths use "\\". */
export const IS_WINDOWS: boolean = Deno.build.os === "windows";

/** The platform's path separator. */
export const SEP: string = IS_WINDOWS ? "\\" : "/";

/** Joins an absolute folder path and a "/"-separated relative path. */
export function joinPath(dir: string, rel: string): string {
  if (rel === "") return dir;
  const tail = IS_WINDOWS ? rel.replaceAll("/", "\\") : rel;
  return dir.endsWith(SEP) || (IS_WINDOWS && dir.endsWith("/")) ? dir + tail : dir + SEP + tail;
}

/** Joins two "/"-separated relative paths. */
export function joinRel(parent: string, name: string): string {
  return parent === "" ? name : parent + "/" + name;
}

/** The last component of a "/"- or platform-separated path; "" for a filesystem root. */
export function baseName(path: string): string {
  const trimmed = path.replace(IS_WINDOWS ? /[\\/]+$/ : /\/+$/, "");
  const i = Math.max(trimmed.lastIndexOf("/"), IS_WINDOWS ? trimmed.lastIndexOf("\\") : -1);
  const base = trimmed.slice(i + 1);
  // "C:" is a drive root, not a name.
  return IS_WINDOWS && /^[A-Za-z]:$/.test(base) ? "" : base;
}

/** The parent of a "/"-separated relative path; "" for a top-level name. */
export function parentRel(rel: string): string {
  const i = rel.lastIndexOf("/");
  return i < 0 ? "" : rel.slice(0, i);
}

/**
 * If `child` is `parent` or inside it, returns the "/"-separated path of `child` relative to
 * `parent` ("" when equal); otherwise undefined. Both must be absolute and normalized.
 */
export function relativeInside(parent: string, child: string): string | undefined {
  const norm = (p: string) => {
    let s = IS_WINDOWS ? p.replaceAll("\\", "/").toLowerCase() : p;
    while (s.length > 1 && s.endsWith("/") && !/^[a-z]:\/$/.test(s)) s = s.slice(0, -1);
    return s;
  };
  const p = norm(parent);
  const c = norm(child);
  if (c === p) return "";
  const prefix = p.endsWith("/") ? p : p + "/";
  if (!c.startsWith(prefix)) return undefined;
  // Keep the original spelling of the child's tail.
  return (IS_WINDOWS ? child.replaceAll("\\", "/") : child).slice(prefix.length).replace(/\/+$/, "");
}
