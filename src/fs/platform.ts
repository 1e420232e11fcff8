/**
 * Facts about the running process and platform that the engine needs: who we are, and the
 * destination filesystem: its type, whether it is reached over a network, and its hardlink limit.
 * What a destination does with links and times is probed, not looked up here (probe.ts).
 * @module
 */
import { statfsSync } from "node:fs";
import { type FsBackend, openBackend } from "./native/mod.ts";
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

/** A Linux filesystem type as phlb treats it. */
interface FsTypeInfo {
  name: string;
  maxLinks: number;
  /** Reached over a network: other machines may write to it too (index and lock rules, FORMAT.md). */
  network: boolean;
}

const local = (name: string, maxLinks = UNLIMITED_LINKS): FsTypeInfo => ({ name, maxLinks, network: false });
const remote = (name: string, maxLinks = UNLIMITED_LINKS): FsTypeInfo => ({ name, maxLinks, network: true });

/** The statfs f_type of every FUSE filesystem: the mount table tells which one (MOUNT_TYPES). */
const FUSE_MAGIC = 0x65735546;

/** Linux filesystem types (statfs f_type magic numbers) phlb names or treats specially. */
const FS_TYPES: Record<number, FsTypeInfo> = {
  // NTFS through the kernel: Windows refuses the 1024th link. The old ntfs driver reports
  // NTFS_SB_MAGIC, ntfs3 its own "ntfs" magic.
  0x5346544e: local("NTFS", NTFS_MAX_LINKS),
  0x7366746e: local("NTFS (ntfs3)", NTFS_MAX_LINKS),
  // FUSE, when the mount table cannot be read (no FFI): ntfs-3g lets a file collect 1100 links and
  // more (measured) that Windows cannot handle, so 1023 is kept; and it may be a network
  // filesystem (sshfs, GlusterFS), so it is treated as one: that costs an index copy, nothing else.
  [FUSE_MAGIC]: remote("FUSE (type unknown: sshfs, ntfs-3g, …)", NTFS_MAX_LINKS),
  // SMB shares are often NTFS behind the server.
  0xff534d42: remote("CIFS/SMB", NTFS_MAX_LINKS),
  0xfe534d42: remote("SMB2/3", NTFS_MAX_LINKS),
  0x517b: remote("SMB (smbfs)", NTFS_MAX_LINKS),
  0x6969: remote("NFS"),
  0x00c36400: remote("Ceph"),
  0x01021997: remote("9p"),
  0x5346414f: remote("AFS"),
  0x0bd00bd0: remote("Lustre"),
  0x47504653: remote("GPFS"),
  0x01161970: remote("GFS2"),
  0x7461636f: remote("OCFS2"),
  // These report EMLINK themselves (ext4 at 65000): named for the log only.
  0xef53: local("ext2/3/4"),
  0x9123683e: local("btrfs"),
  0x58465342: local("XFS"),
  0x01021994: local("tmpfs"),
  0x2fc12fc1: local("ZFS"),
};

/**
 * FUSE filesystems by their mount-table type (`fuse.SUBTYPE`, `fuseblk` for block devices), read
 * where the process can read /proc/self/mountinfo (through the C library: Deno's own file API
 * needs --allow-all for /proc). A FUSE type not listed here is treated as a network filesystem.
 */
const MOUNT_TYPES: Record<string, FsTypeInfo> = {
  "fuse.sshfs": remote("sshfs (SFTP)", NTFS_MAX_LINKS),
  "fuse.glusterfs": remote("GlusterFS", NTFS_MAX_LINKS),
  "fuse.ceph-fuse": remote("Ceph (FUSE)", NTFS_MAX_LINKS),
  "fuse.rclone": remote("rclone", NTFS_MAX_LINKS),
  "fuseblk": local("FUSE block device (ntfs-3g, exFAT)", NTFS_MAX_LINKS),
  "fuse.ntfs-3g": local("NTFS (ntfs-3g)", NTFS_MAX_LINKS),
  "fuse.mergerfs": local("mergerfs", NTFS_MAX_LINKS),
};

/**
 * The link limit to keep on a Linux filesystem with this statfs type number, and its name for
 * the log. Unknown types rely on EMLINK.
 */
export function linkLimitForFsType(fsType: number): { maxLinks: number; fsName?: string } {
  const known = FS_TYPES[fsType];
  return known ? { maxLinks: known.maxLinks, fsName: known.name } : { maxLinks: UNLIMITED_LINKS };
}

/** What phlb knows of the filesystem holding a folder. */
export interface DestinationFs {
  /** Its name for the log ("sshfs (SFTP)", "NFS", "ext2/3/4"), when known. */
  name?: string;
  /** The mount table's type ("fuse.sshfs", "nfs4", "cifs"), where it could be read. */
  mountType?: string;
  /** Other machines may reach it: the index is never opened in place for writing, the lock is a heartbeat file. */
  network: boolean;
  /** Links one inode may have, as the link-source rotation should see it. */
  maxLinks: number;
}

const detected = new Map<string, DestinationFs>();

/**
 * The filesystem holding `dir`: on Linux from statfs, and for FUSE from the mount table (through
 * `options.backend`, or a backend opened for the look); on Windows a `\\server\share` path is SMB.
 * Elsewhere (macOS) it is taken for a local disk. Remembered per folder for the process.
 */
export function destinationFilesystem(dir: string, options: { backend?: FsBackend } = {}): DestinationFs {
  const known = detected.get(dir);
  if (known) return known;
  const found = detect(dir, options.backend);
  detected.set(dir, found);
  return found;
}

function detect(dir: string, backend: FsBackend | undefined): DestinationFs {
  if (IS_WINDOWS) {
    // A UNC path (\\server\share, or \\?\UNC\server\share) is a share; a mapped drive letter is
    // not told apart without more system calls (docs/network.md says to give the UNC path).
    const unc = /^(\\\\\?\\UNC\\|\\\\|\/\/)[^\\/?]/i.test(dir);
    return unc
      ? { name: "SMB share (UNC path)", network: true, maxLinks: NTFS_MAX_LINKS }
      : { network: false, maxLinks: NTFS_MAX_LINKS };
  }
  if (Deno.build.os !== "linux") return { network: false, maxLinks: defaultMaxLinks() };
  let fsType: number;
  try {
    fsType = statfsSync(dir).type;
  } catch {
    return { network: false, maxLinks: defaultMaxLinks() };
  }
  const byMagic = FS_TYPES[fsType];
  const mountType = mountTypeOf(dir, backend);
  if (fsType === FUSE_MAGIC && mountType !== undefined) {
    const byMount = MOUNT_TYPES[mountType] ??
      remote(`FUSE (${mountType}), taken for a network filesystem`, NTFS_MAX_LINKS);
    return { name: byMount.name, mountType, network: byMount.network, maxLinks: byMount.maxLinks };
  }
  if (!byMagic) return { mountType, network: false, maxLinks: UNLIMITED_LINKS };
  return { name: byMagic.name, mountType, network: byMagic.network, maxLinks: byMagic.maxLinks };
}

/**
 * The mount table's type of the mount holding `dir` (the longest mount point above its real
 * path), or undefined when the table cannot be read: only through the C library.
 */
function mountTypeOf(dir: string, backend: FsBackend | undefined): string | undefined {
  let real: string;
  try {
    real = Deno.realPathSync(dir);
  } catch {
    return undefined;
  }
  const fs = backend ?? openBackend();
  try {
    if (fs.kind !== "native") return undefined;
    const file = fs.openRead("/proc/self/mountinfo");
    const chunks: Uint8Array[] = [];
    try {
      for (;;) {
        const buf = new Uint8Array(64 << 10);
        const n = file.readSync(buf);
        if (n === null) break;
        chunks.push(buf.subarray(0, n));
      }
    } finally {
      file.close();
    }
    const decoder = new TextDecoder();
    return mountTypeIn(chunks.map((c) => decoder.decode(c, { stream: true })).join(""), real);
  } catch {
    return undefined;
  } finally {
    if (!backend) fs.close();
  }
}

/** The type of the mount in `mountinfo` (the text of /proc/self/mountinfo) that holds `path`. */
export function mountTypeIn(mountinfo: string, path: string): string | undefined {
  let best: { point: string; type: string } | undefined;
  for (const line of mountinfo.split("\n")) {
    const fields = line.split(" ");
    const sep = fields.indexOf("-");
    if (sep < 6 || fields.length < sep + 2) continue;
    // Octal escapes for space, tab, newline and backslash (\040 …), as the kernel writes them.
    const point = fields[4].replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
    const inside = point === "/" || path === point || path.startsWith(point + "/");
    if (inside && (!best || point.length >= best.point.length)) best = { point, type: fields[sep + 1] };
  }
  return best?.type;
}

/**
 * The link limit of the filesystem holding `dir`. On Linux it comes from the filesystem's type
 * (statfs, and the mount table for FUSE; see {@linkcode destinationFilesystem}); on Windows it is
 * NTFS's; elsewhere the filesystem's EMLINK decides.
 */
export function destinationMaxLinks(dir: string, options: { backend?: FsBackend } = {}): {
  maxLinks: number;
  fsName?: string;
} {
  const d = destinationFilesystem(dir, options);
  return d.name === undefined ? { maxLinks: d.maxLinks } : { maxLinks: d.maxLinks, fsName: d.name };
}
