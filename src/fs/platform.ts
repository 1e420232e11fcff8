/**
 * Facts about the running process and platform that the engine needs: who we are, and
 * the hardlink limit of the destination filesystem.
 * @module
 */
import { IS_WINDOWS } from "./path.ts";

/** True when running as root on a POSIX system: then file owners are kept. */
export function isRoot(): boolean {
  if (IS_WINDOWS) return false;
  try {
    return Deno.uid() === 0;
  } catch {
    return false;
  }
}

/** The uid and gid new files get when we do not chown them; -1 where the platform has none. */
export function processOwner(): { uid: number; gid: number } {
  if (IS_WINDOWS) return { uid: -1, gid: -1 };
  try {
    return { uid: Deno.uid() ?? -1, gid: Deno.gid() ?? -1 };
  } catch {
    return { uid: -1, gid: -1 };
  }
}

/**
 * The number of links one inode may have, as the link-source rotation should see it.
 *
 * NTFS allows 1023. ext4 allows 65000, btrfs and XFS more; there the engine relies on the
 * EMLINK error instead of a count, so the POSIX default is effectively unlimited.
 */
export function defaultMaxLinks(): number {
  return IS_WINDOWS ? 1023 : Number.MAX_SAFE_INTEGER;
}
