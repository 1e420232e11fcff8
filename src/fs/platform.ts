/**
 * Facts about the running process and platform that the engine needs: who we are, and
 * the hardlink limit of the destination filesystem.
 * @module
 */
import { statfsSync } from "node:fs";
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

/** No count-based limit: the filesystem reports its own with EMLINK, and the engine copies then. */
export const UNLIMITED_LINKS: number = Number.MAX_SAFE_INTEGER;

/** NTFS: Windows refuses the 1024th link of a file. */
export const NTFS_MAX_LINKS = 1023;

/**
 * The number of links one inode may have, as the link-source rotation should see it, when the
 * destination filesystem is unknown: NTFS's on Windows, otherwise no count (EMLINK decides).
 */
export function defaultMaxLinks(): number {
  return IS_WINDOWS ? NTFS_MAX_LINKS : UNLIMITED_LINKS;
}

/** Linux filesystem types (statfs f_type magic numbers) whose link limit phlb must count itself. */
const FS_TYPES: Record<number, { name: string; maxLinks: number }> = {
  // NTFS through the kernel: Windows refuses the 1024th link. The old ntfs driver reports
  // NTFS_SB_MAGIC, ntfs3 its own "ntfs" magic.
  0x5346544e: { name: "NTFS", maxLinks: NTFS_MAX_LINKS },
  0x7366746e: { name: "NTFS (ntfs3)", maxLinks: NTFS_MAX_LINKS },
  // FUSE: in practice ntfs-3g, which lets a file collect 1100 links and more (measured) that
  // Windows cannot handle. Other FUSE filesystems pay one extra copy per 1023 links.
  0x65735546: { name: "FUSE (ntfs-3g?)", maxLinks: NTFS_MAX_LINKS },
  // SMB shares are often NTFS behind the server.
  0xff534d42: { name: "CIFS/SMB", maxLinks: NTFS_MAX_LINKS },
  0xfe534d42: { name: "SMB2", maxLinks: NTFS_MAX_LINKS },
  // These report EMLINK themselves (ext4 at 65000): named for the log only.
  0xef53: { name: "ext2/3/4", maxLinks: UNLIMITED_LINKS },
  0x9123683e: { name: "btrfs", maxLinks: UNLIMITED_LINKS },
  0x58465342: { name: "XFS", maxLinks: UNLIMITED_LINKS },
  0x01021994: { name: "tmpfs", maxLinks: UNLIMITED_LINKS },
  0x2fc12fc1: { name: "ZFS", maxLinks: UNLIMITED_LINKS },
};

/**
 * The link limit to keep on a Linux filesystem with this statfs type number, and its name for
 * the log. Unknown types rely on EMLINK.
 */
export function linkLimitForFsType(fsType: number): { maxLinks: number; fsName?: string } {
  const known = FS_TYPES[fsType];
  return known ? { maxLinks: known.maxLinks, fsName: known.name } : { maxLinks: UNLIMITED_LINKS };
}

/**
 * The link limit of the filesystem holding `dir`. On Linux it comes from the filesystem's type
 * (statfs; see {@linkcode linkLimitForFsType}); on Windows it is NTFS's; elsewhere the
 * filesystem's EMLINK decides. /proc/self/mountinfo would name fuseblk apart from other FUSE
 * mounts, but Deno lets only --allow-all read /proc; statfs needs just --allow-sys=statfs.
 */
export function destinationMaxLinks(dir: string): { maxLinks: number; fsName?: string } {
  if (Deno.build.os !== "linux") return { maxLinks: defaultMaxLinks() };
  try {
    return linkLimitForFsType(statfsSync(dir).type);
  } catch {
    return { maxLinks: defaultMaxLinks() };
  }
}
