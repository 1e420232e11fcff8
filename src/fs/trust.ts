/**
 * Who besides this process can change a folder, or the way to it: the facts a root restore needs
 * when it must work by path (no native layer), where another user who can rename entries in a
 * folder on the way could swap in a symlink between a check and a write. Trusted owners are root
 * and this process's user; a folder is open to others when someone else owns it, or a group
 * (other than root's) or everyone may write to it. A sticky folder (/tmp) lets others add entries
 * but not rename or remove ours: passing through it is safe when the entry taken is ours or root's.
 * ACLs are not read (the Deno API does not show them). No policy: callers decide what to refuse.
 * @module
 */
import { dirname, isAbsolute, join } from "node:path";

/** Who this process is, as the checks need it. */
export interface Self {
  uid: number;
}

/** What a folder's lstat says about who may change it. */
export interface OwnerMode {
  uid?: number | null;
  gid?: number | null;
  mode?: number | null;
}

function trustedUid(uid: number | null | undefined, self: Self): boolean {
  return uid === 0 || uid === self.uid;
}

/**
 * Why a user other than root and this process's can change the folder `info` describes (rename,
 * add or remove its entries, or its mode), or undefined when none can. With `sticky` (the default)
 * a sticky folder's world or group write is not counted: others may add entries there, but not
 * touch ours.
 */
export function openToOthers(info: OwnerMode, options: { self: Self; sticky?: boolean }): string | undefined {
  const mode = info.mode ?? 0;
  if (info.uid === undefined || info.uid === null || info.uid < 0) return undefined; // no owners here (Windows)
  if (!trustedUid(info.uid, options.self)) return `it belongs to uid ${info.uid}`;
  const sticky = (options.sticky ?? true) && (mode & 0o1000) !== 0;
  if (sticky) return undefined;
  if (mode & 0o002) return "every user can write to it";
  if ((mode & 0o020) && info.gid !== 0) return `group ${info.gid} can write to it`;
  return undefined;
}

/** A folder on the way to a path that others can change, and why. */
export interface OpenFolder {
  /** The folder (or symlink) as reached, absolute. */
  path: string;
  why: string;
}

/**
 * The first entry on the way to `path` (not `path` itself) that another user could replace, so
 * that `path` would lead somewhere else: a folder open to others ({@linkcode openToOthers}), or an
 * entry of a sticky folder that is not ours or root's. Symlinks on the way are followed as the
 * kernel follows them, and checked the same way. Undefined when the way is safe, or where it stops
 * existing: the rest is made by us, in a folder only we can change.
 */
export function wayOpenToOthers(path: string, options: { self: Self }): OpenFolder | undefined {
  if (!isAbsolute(path)) throw new Error(`not an absolute path: "${path}"`);
  const self = options.self;
  let cur = "/";
  let curInfo = Deno.lstatSync(cur);
  let why = openToOthers(curInfo, { self });
  if (why) return { path: cur, why };
  const queue = path.split("/").filter((p) => p !== "" && p !== ".");
  let hops = 0;
  while (queue.length > 0) {
    const part = queue.shift()!;
    if (part === "..") {
      cur = dirname(cur);
      curInfo = Deno.lstatSync(cur);
      continue;
    }
    const next = join(cur, part);
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(next);
    } catch {
      return undefined;
    }
    // In a sticky folder others may write to, an entry's owner may rename or replace it.
    const curMode = curInfo.mode ?? 0;
    if ((curMode & 0o1000) && (curMode & 0o022) && !trustedUid(info.uid, self)) {
      return { path: next, why: `it belongs to uid ${info.uid}, in the shared folder "${cur}"` };
    }
    if (info.isSymlink) {
      if (++hops > 40) throw new Deno.errors.FilesystemLoop(`too many symlinks on the way to "${path}"`);
      const target = Deno.readLinkSync(next);
      queue.unshift(...target.split("/").filter((p) => p !== "" && p !== "."));
      if (isAbsolute(target)) {
        cur = "/";
        curInfo = Deno.lstatSync(cur);
      }
      continue;
    }
    if (!info.isDirectory || queue.length === 0) return undefined;
    why = openToOthers(info, { self });
    if (why) return { path: next, why };
    cur = next;
    curInfo = info;
  }
  return undefined;
}

let elevated: boolean | undefined;

/**
 * True when this Windows process runs elevated (as Administrator: its token has the high or the
 * system integrity level, SIDs S-1-16-12288 / S-1-16-16384, which `whoami /groups` lists by SID in
 * any language). False elsewhere, and when it cannot be told.
 */
export function isWindowsAdministrator(): boolean {
  if (Deno.build.os !== "windows") return false;
  if (elevated !== undefined) return elevated;
  try {
    const out = new Deno.Command("whoami", { args: ["/groups"], stdout: "piped", stderr: "null" })
      .outputSync();
    const text = new TextDecoder().decode(out.stdout);
    elevated = out.success && (text.includes("S-1-16-12288") || text.includes("S-1-16-16384"));
  } catch {
    elevated = false;
  }
  return elevated;
}
