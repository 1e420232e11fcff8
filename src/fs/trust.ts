/**
 * Who besides this process can change a folder: the fact a root restore needs about the folders on
 * the way to its target and in it, where another user who can rename entries could swap in a
 * symlink (restore/target.ts). Trusted owners are root and this process's user; a folder is open
 * to others when someone else owns it, or a group (other than root's) or everyone may write to it.
 * A sticky folder (/tmp) lets others add entries but not rename or remove ours. ACLs are not read
 * (the Deno API does not show them); on Windows the owner and DACL are (windowsOpenToOthers).
 * Also whether a Windows process is elevated. No policy: callers decide what to refuse.
 * @module
 */
import { type Msg, msg } from "../i18n/messages.ts";

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
  const why = openToOthersText(info, options);
  return why && String(why);
}

/** {@linkcode openToOthers} as a catalogue text, shown in the run's language. */
export function openToOthersText(
  info: OwnerMode,
  options: { self: Self; sticky?: boolean },
): Msg | undefined {
  const mode = info.mode ?? 0;
  if (info.uid === undefined || info.uid === null || info.uid < 0) return undefined; // no owners here (Windows)
  if (!trustedUid(info.uid, options.self)) return msg("fs.trust.ownedByUid", { uid: info.uid });
  const sticky = (options.sticky ?? true) && (mode & 0o1000) !== 0;
  if (sticky) return undefined;
  if (mode & 0o002) return msg("fs.trust.worldWritable");
  if ((mode & 0o020) && info.gid !== 0) return msg("fs.trust.groupWritable", { gid: String(info.gid) });
  return undefined;
}

/** SIDs no other user stands behind: SYSTEM, Administrators, TrustedInstaller. */
const TRUSTED_SIDS = new Set([
  "S-1-5-18",
  "S-1-5-32-544",
  "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
]);
/** CREATOR OWNER and OWNER RIGHTS: whoever owns the entry, checked apart. */
const OWNER_SIDS = new Set(["S-1-3-0", "S-1-3-4"]);
const SID_NAMES: Record<string, string> = {
  "S-1-1-0": "Everyone",
  "S-1-5-11": "Authenticated Users",
  "S-1-5-32-545": "Users",
  "S-1-5-4": "Interactive",
  "S-1-5-32-546": "Guests",
};

const DELETE = 0x10000;
const WRITE_DAC = 0x40000;
const WRITE_OWNER = 0x80000;
const MAXIMUM_ALLOWED = 0x2000000;
const GENERIC_ALL = 0x10000000;
const GENERIC_WRITE = 0x40000000;
const FILE_ADD_FILE = 0x2;
const FILE_ADD_SUBDIRECTORY = 0x4;
const FILE_DELETE_CHILD = 0x40;
/** Rights that let a trustee rename or replace the folder, or what is in it. */
const REPLACE_RIGHTS = DELETE | WRITE_DAC | WRITE_OWNER | MAXIMUM_ALLOWED | GENERIC_ALL | FILE_DELETE_CHILD;
/** And those that let it add entries (a junction, say) or make the folder one. */
const WRITE_RIGHTS = REPLACE_RIGHTS | GENERIC_WRITE | FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY;
const INHERIT_ONLY = 0x8;
const INHERITS = 0x3;

/** A folder's owner and DACL as src/fs/native/win_security.ts reads them (`aces` undefined: a null DACL). */
export interface WindowsAcl {
  owner: string;
  aces: { type: number; flags: number; mask: number; sid: string }[] | undefined;
}

/**
 * Why a Windows user other than this process's (and SYSTEM, Administrators, TrustedInstaller) can
 * change a folder, from its owner and DACL; undefined when none can. With `into` (a folder we write
 * into) adding entries counts, and so do entries that its new children inherit; without (a folder
 * we only pass through), only rights to rename or replace it or what is in it. Deny entries are not
 * weighed: a right granted anywhere counts.
 */
export function windowsOpenToOthers(
  acl: WindowsAcl,
  options: { userSid: string; into: boolean },
): string | undefined {
  const why = windowsOpenToOthersText(acl, options);
  return why && String(why);
}

/** {@linkcode windowsOpenToOthers} as a catalogue text, shown in the run's language. */
export function windowsOpenToOthersText(
  acl: WindowsAcl,
  options: { userSid: string; into: boolean },
): Msg | undefined {
  const trusted = (sid: string) => TRUSTED_SIDS.has(sid) || sid === options.userSid;
  const name = (sid: string) => SID_NAMES[sid] ? `${SID_NAMES[sid]} (${sid})` : sid;
  if (!trusted(acl.owner)) return msg("fs.trust.ownedBy", { owner: name(acl.owner) });
  if (acl.aces === undefined) return msg("fs.trust.noAcl");
  for (const ace of acl.aces) {
    if (ace.type !== 0 || trusted(ace.sid) || OWNER_SIDS.has(ace.sid)) continue;
    const inheritOnly = (ace.flags & INHERIT_ONLY) !== 0;
    if (inheritOnly && (!options.into || (ace.flags & INHERITS) === 0)) continue;
    const rights = ace.mask & (options.into ? WRITE_RIGHTS : REPLACE_RIGHTS);
    if (rights === 0) continue;
    const at = { who: name(ace.sid), mask: `0x${ace.mask.toString(16)}` };
    return inheritOnly
      ? msg("fs.trust.mayChangeNew", at)
      : options.into
      ? msg("fs.trust.mayWrite", at)
      : msg("fs.trust.mayReplace", at);
  }
  return undefined;
}

let elevated: boolean | undefined;

/**
 * True when this Windows process runs elevated (as Administrator: its token has the high or the
 * system integrity level, SIDs S-1-16-12288 / S-1-16-16384, which `whoami /groups` lists by SID in
 * any language). False elsewhere, and when it cannot be told. For processes without FFI; with it,
 * src/fs/native/win_security.ts asks the token itself.
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
