/**
 * DEDUP, read in one place. What "exact" (the default) and "content" change:
 * - the identity under which a stored copy is shared (its link-source key): content plus the
 *   metadata on the inode (mode, mtime, owner, xattrs), or content alone;
 * - whether a file recorded with flag 8 (linked to a stored copy that shows another file's
 *   metadata) may be linked unread next time: only where content alone decides;
 * - when a link source's stored copy is stale: it must show the identity's mtime ("exact"; at the
 *   destination's time granularity), or,
 *   with content alone, the mtime its own entry recorded (an edit in place inside a snapshot
 *   changes it), unless that entry has flag 8 itself;
 * - whether a stored copy found at another inode must carry the identity's xattrs.
 * Pure: no file access.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { modeOf } from "../fs/stat.ts";
import { recordedMtime, sameMtime } from "../fs/times.ts";
import type { SourceKey, SourceLocation } from "../index/index.ts";

/** The DEDUP mode. */
export type DedupMode = "exact" | "content";

/** Who a run records as a file's owner, and how precisely it sees times. */
export interface RunIdentity {
  /** Running as root: owners are kept, so they are part of the identity. */
  asRoot: boolean;
  /** The owner recorded when not root: the process's own. */
  owner: { uid: number; gid: number };
  /** The backend sees nanoseconds (they are recorded and compared). */
  nanosecondTimes: boolean;
  /** The step in which the destination keeps mtimes, in ns (src/fs/probe.ts); default 1. */
  storedTimeGranularityNs?: number;
}

/** The rules of one DEDUP mode for one run. */
export interface DedupPolicy {
  readonly mode: DedupMode;
  /** A record with flag 8 may be linked unread (its stored inode shows another file's metadata). */
  readonly fastPathSharedMeta: boolean;
  /** A stored copy re-recorded at another inode must carry the identity's xattrs. */
  readonly xattrsMatter: boolean;
  /** The identity a stored copy of a file with this lstat would have; `xattrs` is their digest. */
  key(contentId: number, info: FileStat, xattrs: Uint8Array | null): SourceKey;
  /** Whether the stored copy of link source `loc` no longer shows the mtime its identity needs. */
  staleMtime(stored: FileStat, at: { key: SourceKey; loc: SourceLocation }): boolean;
}

/** The policy of `mode` for a run of `identity`. */
export function dedupPolicy(mode: DedupMode | undefined, identity: RunIdentity): DedupPolicy {
  const ns = identity.nanosecondTimes;
  // A stored copy's mtime is compared no finer than its filesystem keeps it.
  const step = identity.storedTimeGranularityNs;
  if (mode === "content") {
    return {
      mode: "content",
      fastPathSharedMeta: true,
      xattrsMatter: false,
      key: (contentId) => ({ contentId, mode: 0, mtimeMs: 0, uid: 0, gid: 0 }),
      staleMtime: (stored, { loc }) =>
        !loc.sharedMeta &&
        !sameMtime({ ms: loc.mtimeMs, fracNs: loc.mtimeFracNs }, recordedMtime(stored, ns), step),
    };
  }
  const { asRoot, owner } = identity;
  return {
    mode: "exact",
    fastPathSharedMeta: false,
    xattrsMatter: true,
    key: (contentId, info, xattrs) => ({
      contentId,
      mode: modeOf(info),
      mtimeMs: info.mtimeMs,
      mtimeFracNs: recordedMtime(info, ns).fracNs ?? 0,
      uid: asRoot ? info.uid : owner.uid,
      gid: asRoot ? info.gid : owner.gid,
      xattrs: xattrs ?? undefined,
    }),
    staleMtime: (stored, { key }) =>
      !sameMtime(
        { ms: key.mtimeMs, fracNs: ns ? key.mtimeFracNs ?? 0 : null },
        recordedMtime(stored, ns),
        step,
      ),
  };
}
