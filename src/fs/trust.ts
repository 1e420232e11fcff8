/**
 * Who besides this process can change a folder: the fact a root restore needs about the folders on
 * the way to its target and in it, where another user who can rename entries could swap in a
 * symlink (restore/target.ts). Trusted owners are root and this process's user; a folder is open
 * to others when someone else owns it, or a group (other than root's) or everyone may write to it.
 * A sticky folder (/tmp) lets others add entries but not rename or remove ours. ACLs are not read
 * (the Deno API does not show them). Also whether a Windows process is elevated. No policy:
 * callers decide what to refuse.
 * @module
 */
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
