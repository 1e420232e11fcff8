/**
 * Change detection: may this file be linked to the previous snapshot's copy without being read?
 * One pure function of (the previous row, the source's lstat, the stored copy's lstat, the run's
 * options) answers with a verdict and its reason, as restic's `fileChanged` does. The real run
 * (link_unread.ts) and the dry run ask it alike, so a dry run promises what the run will do.
 *
 * A file is linked unread only when all of these hold (FORMAT.md has the on-disk side):
 * - its row has a content and was not flagged unstable (changed while read) or racy (its mtime
 *   was too recent to trust when it was read); a row whose stored inode shows another file's
 *   metadata (flag 8) only where DEDUP=content;
 * - its stored inode is not marked damaged (index/damage.ts: found so by verify, a scrub, add or a
 *   backup that read it);
 * - size, mtime (to the coarser precision of both sides), permission bits, owner (as root), the
 *   source's inode number and its ctime (whole seconds without nanoseconds) are as recorded;
 * - the stored copy is still the one recorded: a regular file of the recorded size and mtime (not
 *   checked for a flag-8 row; compared no finer than the destination keeps times, an option) at the
 *   recorded inode (where the row has one: none on a root whose inode numbers are not stable),
 *   showing the recorded mode and (as root) owner unless the row says the destination shows its own
 *   (flag 32, store/link_source.ts), not the live file itself (a root made with `cp -al`), and below
 *   the link limit.
 * Every value compared is in hand: the row was read for the folder, the two lstats were taken for
 * the link. The stored copy's xattrs are not read here (that would cost a call per file); the
 * dedup link compares them. The checks on the source come first: most changed files fail them
 * without the stored copy's lstat.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { isSameInode, modeOf } from "../fs/stat.ts";
import { recordedCtime, recordedMtime, recordedTimes, sameCtime, sameMtime } from "../fs/times.ts";
import { EntryFlag } from "../index/index.ts";
import { Prev, type PreviousFile } from "../index/previous.ts";

/** Why a file is read rather than linked unread. */
export type ReadReason =
  | "no-content"
  | "unstable"
  | "racy"
  | "shared-metadata"
  | "size"
  | "mtime"
  | "mode"
  | "owner"
  | "source-inode"
  | "ctime"
  | "stored-damaged"
  | "stored-missing"
  | "stored-changed"
  | "stored-meta"
  | "stored-is-source"
  | "stored-inode"
  | "link-limit";

/** The answer: link unread ("unchanged"), or read, and why. */
export interface Verdict {
  readonly link: boolean;
  readonly reason: "unchanged" | ReadReason;
}

/** What the answer depends on besides the row and the two stats: fixed for a run. */
export interface FastPathOptions {
  /** The backend sees nanoseconds. */
  nanosecondTimes: boolean;
  /** Running as root: owners are kept, so a changed owner is a change. */
  asRoot: boolean;
  /** Links one stored inode may have. */
  maxLinks: number;
  /** A flag-8 row may be linked unread (DEDUP=content: dedup_policy.ts). */
  fastPathSharedMeta: boolean;
  /**
   * The step in which the destination keeps mtimes (src/fs/probe.ts), in ns; default 1. The stored
   * copy's mtime is compared no finer: over SFTP (1 s) it never shows the source's nanoseconds.
   */
  storedTimeGranularityNs?: number;
  /**
   * Compare the source's ctime with the recorded one (default true). `phlb copy` turns it off: its
   * source is a snapshot, whose files are never changed but gain links, and a new link changes an
   * inode's ctime; the inode number still says the file is the one recorded.
   */
  compareCtime?: boolean;
  /** The stored inodes marked damaged (index/damage.ts DamagedInodes), asked in memory. */
  damaged: { has(ino: number | null, contentId: number | null): boolean };
}

/** The verdicts, made once: the per-file loop allocates none. */
const UNCHANGED: Verdict = Object.freeze({ link: true, reason: "unchanged" });
const READ = new Map<ReadReason, Verdict>();
function read(reason: ReadReason): Verdict {
  let v = READ.get(reason);
  if (!v) READ.set(reason, v = Object.freeze({ link: false, reason }));
  return v;
}
const R = {
  noContent: read("no-content"),
  unstable: read("unstable"),
  racy: read("racy"),
  sharedMeta: read("shared-metadata"),
  size: read("size"),
  mtime: read("mtime"),
  mode: read("mode"),
  owner: read("owner"),
  sourceInode: read("source-inode"),
  ctime: read("ctime"),
  storedDamaged: read("stored-damaged"),
  storedMissing: read("stored-missing"),
  storedChanged: read("stored-changed"),
  storedMeta: read("stored-meta"),
  storedIsSource: read("stored-is-source"),
  storedInode: read("stored-inode"),
  linkLimit: read("link-limit"),
};

/**
 * May the file whose lstat is `source` be linked unread to its stored copy, whose lstat is
 * `stored` (undefined: gone), given its previous row `prev`?
 */
export function fastPathVerdict(
  prev: PreviousFile,
  now: { source: FileStat; stored: FileStat | undefined },
  options: FastPathOptions,
): Verdict {
  return sourceVerdict(prev, now.source, options) ?? storedVerdict(prev, now, options);
}

/**
 * The checks of {@linkcode fastPathVerdict} that need only the row and the source: a verdict to
 * read, or undefined when the stored copy decides.
 */
export function sourceVerdict(
  prev: PreviousFile,
  source: FileStat,
  options: FastPathOptions,
): Verdict | undefined {
  if (prev[Prev.hashHex] === null || prev[Prev.contentId] === null) return R.noContent;
  // Needs the row only: a copy known to be damaged is never linked, whatever it shows.
  if (options.damaged.has(prev[Prev.ino], prev[Prev.contentId])) return R.storedDamaged;
  const flags = prev[Prev.flags];
  if ((flags & EntryFlag.Unstable) !== 0) return R.unstable;
  if ((flags & EntryFlag.Racy) !== 0) return R.racy;
  // A DEDUP=content link carries another file's metadata: exact runs read the file and store it
  // with its own.
  if ((flags & EntryFlag.SharedMeta) !== 0 && !options.fastPathSharedMeta) return R.sharedMeta;
  if (prev[Prev.sizeBytes] !== source.size) return R.size;
  if (prev[Prev.mtimeMs] !== source.mtimeMs) return R.mtime;
  if (prev[Prev.mode] !== modeOf(source)) return R.mode;
  if (options.asRoot && (prev[Prev.uid] !== source.uid || prev[Prev.gid] !== source.gid)) return R.owner;
  const srcIno = prev[Prev.srcIno];
  if (srcIno !== null && srcIno !== source.ino) return R.sourceInode;
  // Times at the coarser precision of the two sides (src/fs/times.ts): a switch of backend, or
  // a row recorded before nanoseconds were, keeps the fast path.
  const ns = options.nanosecondTimes;
  if (!sameMtime({ ms: prev[Prev.mtimeMs], fracNs: prev[Prev.mtimeFracNs] }, recordedMtime(source, ns))) {
    return R.mtime;
  }
  const srcCtimeMs = prev[Prev.srcCtimeMs];
  if (
    srcCtimeMs !== null && options.compareCtime !== false &&
    !sameCtime({ ms: srcCtimeMs, fracNs: prev[Prev.srcCtimeFracNs] }, recordedCtime(source, ns))
  ) {
    return R.ctime;
  }
  return undefined;
}

/** The checks of {@linkcode fastPathVerdict} on the stored copy, once the source's have passed. */
export function storedVerdict(
  prev: PreviousFile,
  now: { source: FileStat; stored: FileStat | undefined },
  options: FastPathOptions,
): Verdict {
  const st = now.stored;
  // The stored copy must still be the one recorded: a user may have deleted or replaced it.
  if (!st || !st.isFile) return R.storedMissing;
  if (st.size !== prev[Prev.sizeBytes]) return R.storedChanged;
  if (isSameInode(st, now.source)) return R.storedIsSource; // a root made with cp -al: the live file
  // A DEDUP=content link shows the first copy's mtime, not the recorded source's.
  const sharedMeta = (prev[Prev.flags] & EntryFlag.SharedMeta) !== 0;
  const prevMtime = { ms: prev[Prev.mtimeMs], fracNs: prev[Prev.mtimeFracNs] };
  if (
    !sharedMeta &&
    !sameMtime(prevMtime, recordedMtime(st, options.nanosecondTimes), options.storedTimeGranularityNs)
  ) {
    return R.storedChanged;
  }
  const prevIno = prev[Prev.ino];
  if (prevIno !== null && st.ino !== prevIno) return R.storedInode;
  // A chmod or chown inside a snapshot: the copy no longer shows what was recorded with it (the same
  // rule as store/link_source.ts showsRecordedMeta, on the row's fields).
  if (
    !sharedMeta && (prev[Prev.flags] & EntryFlag.ForeignMeta) === 0 &&
    (modeOf(st) !== prev[Prev.mode] ||
      (options.asRoot && (st.uid !== prev[Prev.uid] || st.gid !== prev[Prev.gid])))
  ) {
    return R.storedMeta;
  }
  // Also then the file is read: reading finds the current link source of this content (the newer
  // copy made when the limit was hit) and links to it, or copies once.
  if (st.nlink >= options.maxLinks) return R.linkLimit;
  return UNCHANGED;
}

/** Equal digests (or both none), byte for byte. */
export function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * True when the entry a file linked unread gets is exactly its previous row but for the snapshot
 * id, so that the row can be copied with its neighbours (index/previous.ts copyPreviousFiles).
 * {@linkcode fastPathVerdict} compared size, mode and mtime already, and times only at the coarser
 * precision of both sides; here every field the entry would hold must be equal as stored: owner
 * (also when not root), inode numbers (0, unknown, never copies), mtime and ctime with their
 * nanoseconds (or both without), and the xattrs digest. When in doubt the file is recorded by itself.
 */
export function sameAsPrevious(
  prev: PreviousFile,
  now: { info: FileStat; stored: FileStat; xattrs: Uint8Array | null },
  identity: { asRoot: boolean; owner: { uid: number; gid: number }; nanosecondTimes: boolean },
): boolean {
  const { info, stored: st } = now;
  const uid = identity.asRoot ? info.uid : identity.owner.uid;
  const gid = identity.asRoot ? info.gid : identity.owner.gid;
  if (prev[Prev.uid] !== uid || prev[Prev.gid] !== gid) return false;
  if (st.ino === 0 || prev[Prev.ino] !== st.ino) return false;
  if (info.ino === 0 || prev[Prev.srcIno] !== info.ino) return false;
  const t = recordedTimes(info, identity.nanosecondTimes);
  if (prev[Prev.mtimeMs] !== t.mtimeMs || prev[Prev.mtimeFracNs] !== t.mtimeFracNs) return false;
  if (prev[Prev.srcCtimeMs] !== t.srcCtimeMs || prev[Prev.srcCtimeFracNs] !== t.srcCtimeFracNs) {
    return false;
  }
  return sameBytes(prev[Prev.xattrs], now.xattrs);
}
