/**
 * Link sources on disk: the stored copy a link-source row of the index names, and whether it is
 * still the copy the row recorded. Backup and add both find and check a source this way before
 * they link a file to it; what else each requires of it (metadata, content) is theirs.
 *
 * The rule for mode and owner: a stored copy must still show what it showed when its entry was
 * recorded. Most filesystems show what phlb set, so that is the entry's mode (and owner); an entry
 * whose stored inode showed its own (ntfs-3g, SMB and FAT mounts ignore chmod and chown) carries
 * EntryFlag.ForeignMeta, set when it was recorded ({@linkcode foreignMetaFlag}), and its copy's
 * mode and owner are not compared: they cannot have been changed there. Comparing with the source
 * instead would refuse every copy on such a mount.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { joinPath } from "../fs/path.ts";
import { modeOf } from "../fs/stat.ts";
import { EntryFlag } from "../index/index.ts";
import type { SourceLocation } from "../index/index.ts";
import { snapshotPath } from "./layout.ts";

/** Where a link source's stored copy is. */
export interface SourceCopy {
  /** Its absolute path. */
  path: string;
  /** `NAME/ID/REL`, for messages. */
  label: string;
}

/** The stored copy link source `loc` names under `root`. */
export function sourceCopy(root: string, loc: SourceLocation): SourceCopy {
  const rel = loc.dirPath === "" ? loc.name : `${loc.dirPath}/${loc.name}`;
  return {
    path: joinPath(snapshotPath(root, loc.backupName, loc.snapId, loc.status), rel),
    label: `${loc.backupName}/${loc.snapId}/${rel}`,
  };
}

/**
 * What the stored copy (its lstat `stored`, undefined when gone) is against its row: "gone" when
 * it is missing, no regular file, or of another size (deleted or replaced by hand); "moved" when
 * it is at another inode than recorded (the root was copied to another disk, or the file
 * replaced); else "recorded".
 */
export function sourceCopyState(
  stored: FileStat | undefined,
  loc: SourceLocation,
): "gone" | "moved" | "recorded" {
  if (!stored || !stored.isFile || stored.size !== loc.sizeBytes) return "gone";
  if (loc.ino !== null && stored.ino !== loc.ino) return "moved";
  return "recorded";
}

/** What an entry recorded of its stored inode's mode and owner, and whether that binds it. */
export interface RecordedMeta {
  mode: number;
  uid: number;
  gid: number;
  /** Flag 8: the entry holds another file's metadata (DEDUP=content); nothing to compare. */
  sharedMeta: boolean;
  /** Flag 32: the stored inode showed its own mode or owner when recorded; nothing to compare. */
  foreignMeta: boolean;
}

/**
 * Whether `stored` shows the mode, and as root the owner, its entry `rec` recorded (always true
 * when the entry binds neither: see the module). Owners count only as root: only then are they kept.
 */
export function showsRecordedMeta(
  stored: FileStat,
  rec: RecordedMeta,
  options: { asRoot: boolean },
): boolean {
  if (rec.sharedMeta || rec.foreignMeta) return true;
  return modeOf(stored) === rec.mode &&
    (!options.asRoot || (stored.uid === rec.uid && stored.gid === rec.gid));
}

/**
 * EntryFlag.ForeignMeta when a stored inode that shows `stored` is recorded with mode `mode` and
 * owner `owner`: the destination did not keep what phlb set. 0 when it shows them.
 */
export function foreignMetaFlag(
  stored: FileStat,
  recorded: { mode: number; uid: number; gid: number },
  options: { asRoot: boolean },
): number {
  const same = modeOf(stored) === recorded.mode &&
    (!options.asRoot || (stored.uid === recorded.uid && stored.gid === recorded.gid));
  return same ? 0 : EntryFlag.ForeignMeta;
}
