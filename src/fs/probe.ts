/**
 * Probes of a destination folder: what its filesystem does with hardlinks and times, found by
 * trying it on a scratch file rather than assumed from its type. Over sshfs, a hardlink made on
 * the server shows two inode numbers and a link count of 1 on the client, and an mtime set with
 * nanoseconds comes back in whole seconds; SMB keeps 100 ns, FAT 2 s. No policy: the engine
 * decides what follows from the answers.
 * @module
 */
import { type Msg, msg } from "../i18n/messages.ts";
import type { FsBackend } from "./native/mod.ts";
import { joinPath } from "./path.ts";
import { destinationFilesystem } from "./platform.ts";

/** What a destination folder's filesystem does, as probed. */
export interface DestinationProbe {
  /** Both names of a hardlinked file show one inode number (false over sshfs). */
  inodesStable: boolean;
  /** A file's link count rises when it gets a second name (false over sshfs). */
  linkCountsShown: boolean;
  /**
   * The step in which the destination keeps an mtime it is given, in nanoseconds: 1 (ext4, XFS,
   * btrfs, NFS with a Linux server), 100 (SMB, NTFS), 1e9 (SFTP: sshfs), 2e9 (FAT); never finer
   * than the backend sees (1e6 through the Deno API).
   */
  timeGranularityNs: number;
  /** False when the mtime set on the scratch file did not come back at any granularity. */
  timesKept: boolean;
}

/** The destination refused the link, or made none that works: its cause is the filesystem's answer. */
export class NoHardlinksError extends Error {
  /** phlb's own words for it, when they are not the filesystem's (shown in the run's language). */
  readonly text?: Msg;
  constructor(message: string | Msg, options?: { cause?: unknown }) {
    super(String(message), options);
    this.name = "NoHardlinksError";
    if (typeof message !== "string") this.text = message;
  }
}

/** The steps an mtime can be kept in, finest first. */
const GRANULARITIES_NS = [1, 100, 1000, 1_000_000, 1_000_000_000, 2_000_000_000];

/** An odd second and a fraction with every digit used: each granularity above keeps a different part. */
const PROBE_TIME = { sec: 1_600_000_001, nsec: 987_654_321 };

/**
 * Probes the folder `dir` with a scratch file and a second name for it (both removed again).
 * Throws {@linkcode NoHardlinksError} when the link is refused (its cause says how: EPERM from
 * sshfs without the hardlink extension) or the second name is no hardlink (it does not show a
 * write through the first); the scratch file's own errors (a full or read-only disk) as they are.
 */
export function probeDestination(dir: string, options: { backend: FsBackend }): DestinationProbe {
  const fs = options.backend;
  const tag = `${Deno.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const a = joinPath(dir, `.phlb-probe-${tag}-a`);
  const b = joinPath(dir, `.phlb-probe-${tag}-b`);
  try {
    const f = fs.createNew(a, { mode: 0o600 });
    try {
      f.writeSync(new Uint8Array([1, 2, 3, 4]));
    } finally {
      f.close();
    }
    try {
      fs.link(a, b);
    } catch (err) {
      throw new NoHardlinksError(err instanceof Error ? err.message : String(err), { cause: err });
    }
    const sa = fs.lstat(a);
    const sb = fs.lstat(b);
    const inodesStable = sa.ino !== 0 && sa.ino === sb.ino;
    const linkCountsShown = sa.nlink >= 2;
    if (!inodesStable || !linkCountsShown) checkLinkIsReal(a, b);
    return { inodesStable, linkCountsShown, ...probeTimes(fs, a) };
  } finally {
    for (const p of [b, a]) {
      try {
        fs.remove(p);
      } catch { /* not made, or gone */ }
    }
  }
}

/**
 * The link count or inode numbers do not show the link: a write through one name must show
 * through the other, or the "link" is a copy (or nothing) and snapshots would not share files.
 */
function checkLinkIsReal(a: string, b: string): void {
  const f = Deno.openSync(a, { write: true });
  try {
    f.writeSync(new Uint8Array([9]));
    f.syncSync();
  } finally {
    f.close();
  }
  const seen = new Uint8Array(1);
  const g = Deno.openSync(b, { read: true });
  try {
    g.readSync(seen);
  } finally {
    g.close();
  }
  if (seen[0] !== 9) {
    throw new NoHardlinksError(msg("fs.probe.notHardlink"));
  }
}

/** Sets a known mtime on `path` and finds the step in which it was kept. */
function probeTimes(fs: FsBackend, path: string): { timeGranularityNs: number; timesKept: boolean } {
  fs.setTimes(path, {
    atimeSec: PROBE_TIME.sec,
    atimeNsec: PROBE_TIME.nsec,
    mtimeSec: PROBE_TIME.sec,
    mtimeNsec: PROBE_TIME.nsec,
  });
  const st = fs.lstat(path);
  const g = timeGranularityOf({ sec: st.mtimeSec, nsec: st.mtimeNsec });
  return g === undefined
    ? { timeGranularityNs: 1, timesKept: false }
    : { timeGranularityNs: g, timesKept: true };
}

/**
 * Only the time step of {@linkcode probeDestination}, for readers that do not link (verify): a
 * scratch file in `dir`, removed again. Undefined when `dir` cannot be written (read-only media).
 */
export function probeTimeGranularity(dir: string, options: { backend: FsBackend }): number | undefined {
  const path = joinPath(dir, `.phlb-probe-${Deno.pid}-${Math.random().toString(36).slice(2, 8)}-t`);
  try {
    options.backend.createNew(path, { mode: 0o600 }).close();
  } catch {
    return undefined;
  }
  try {
    const r = probeTimes(options.backend, path);
    return r.timesKept ? r.timeGranularityNs : undefined;
  } catch {
    return undefined;
  } finally {
    try {
      options.backend.remove(path);
    } catch { /* gone */ }
  }
}

/**
 * The step in which a reader (verify, a scrub) compares the recorded mtimes of a root's stored
 * copies: 1 ns on a local disk; on a network root the probed step (a scratch file in `meta`), or
 * 2 s, the coarsest any of them keeps (FAT's), where it cannot be probed (a read-only share).
 */
export function storedTimeStepNs(root: string, meta: string, options: { backend: FsBackend }): number {
  if (!destinationFilesystem(root, { backend: options.backend }).network) return 1;
  return probeTimeGranularity(meta, options) ?? 2e9;
}

/**
 * The granularity that turns {@linkcode PROBE_TIME} into `kept` (truncated or rounded), or
 * undefined when none does. Pure.
 */
export function timeGranularityOf(kept: { sec: number; nsec: number }): number | undefined {
  const diffNs = (PROBE_TIME.sec - kept.sec) * 1e9 + (PROBE_TIME.nsec - kept.nsec);
  for (const g of GRANULARITIES_NS) {
    const multiple = g <= 1e9 ? kept.nsec % g === 0 : kept.nsec === 0 && kept.sec % (g / 1e9) === 0;
    if (multiple && Math.abs(diffNs) < g) return g;
  }
  return undefined;
}

/** A granularity for the log: "1 ns", "100 ns", "1 s", "2 s". */
export function formatGranularity(ns: number): string {
  if (ns >= 1e9) return `${ns / 1e9} s`;
  if (ns >= 1e6) return `${ns / 1e6} ms`;
  if (ns >= 1e3) return `${ns / 1e3} µs`;
  return `${ns} ns`;
}
