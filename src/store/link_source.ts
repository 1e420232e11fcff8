/**
 * Link sources on disk: the stored copy a link-source row of the index names, and whether it is
 * still the copy the row recorded. Backup and add both find and check a source this way before
 * they link a file to it; what else each requires of it (metadata, content) is theirs.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { joinPath } from "../fs/path.ts";
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
