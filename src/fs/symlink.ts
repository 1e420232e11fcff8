/**
 * Recreating a symlink elsewhere (backup stores one, restore puts one back): the same target
 * text, on Windows the same kind of link (the backend probes it), the owner when asked, and the
 * link's own times where the backend can set them. No policy: the caller says where and whether
 * to keep the owner, and reports what this returns.
 * @module
 */
import { errorMessage } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { isSymlinkPrivilegeError } from "./classify.ts";
import type { FileStat, FileTimes, FsBackend } from "./native/mod.ts";
import { timesOf } from "./stat.ts";

/** What {@linkcode copySymlink} makes. */
export interface SymlinkCopy {
  /** The existing symlink (for the kind of link on Windows). */
  from: string;
  /** Its lstat: its owner and times. */
  info: FileStat;
  /** Its target text, as read. */
  target: string;
  /** Where the new symlink goes (nothing may be there). */
  to: string;
  /** Give the new symlink the original's owner (as root). */
  keepOwner: boolean;
  /** The times it gets; default the original's. */
  times?: FileTimes;
}

/**
 * Creates the symlink `link.to` like `link.from`. Throws what creating it throws (see
 * {@linkcode symlinkFailureText} for the words); an owner or times that cannot be set come back as
 * warnings, the link being made.
 */
export function copySymlink(fs: FsBackend, link: SymlinkCopy): Msg[] {
  fs.symlink(link.target, link.to, { like: link.from });
  const warnings: Msg[] = [];
  if (link.keepOwner && link.info.uid >= 0 && link.info.gid >= 0) {
    try {
      fs.chown(link.to, { uid: link.info.uid, gid: link.info.gid });
    } catch (err) {
      warnings.push(msg("fs.symlink.cannotSetOwner", { error: errorMessage(err) }));
    }
  }
  if (fs.fidelity.symlinkTimes) {
    try {
      fs.setTimes(link.to, link.times ?? timesOf(link.info), { noFollow: true });
    } catch (err) {
      warnings.push(msg("fs.symlink.cannotSetTime", { error: errorMessage(err) }));
    }
  }
  return warnings;
}

/**
 * The message for a symlink that could not be created, with what Windows needs for one: a catalogue
 * text (English as a string, for logs; shown in the run's language).
 */
export function symlinkFailureText(target: string, err: unknown): Msg {
  const hint = isSymlinkPrivilegeError(err) ? msg("fs.symlink.windowsHint") : "";
  return msg("fs.symlink.cannotCreate", { target, error: errorMessage(err), hint });
}
