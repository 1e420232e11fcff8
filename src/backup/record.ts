/**
 * Recording what the run stored: one index entry per file, folder and symlink (with the owner and
 * times as this run sees them), the manifest line of every file, the summary's totals, and the
 * first stored name of each source hardlink group, so that the group's further names become links
 * to it. Nothing is written to the snapshot here.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { joinPath } from "../fs/path.ts";
import { UNLIMITED_LINKS } from "../fs/platform.ts";
import { lstatOrUndefined, modeOf } from "../fs/stat.ts";
import { recordedTimes } from "../fs/times.ts";
import { tryLink } from "../fs/link.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { EntryFlag, EntryKind } from "../index/index.ts";
import type { DirFrame } from "./frame.ts";
import type { BackupRun } from "./run.ts";

/** A file as stored: where, the lstat it is recorded with, and what holds its bytes. */
export interface StoredFile {
  dir: DirFrame;
  /** The source's lstat as recorded (after the read: what was read). */
  info: FileStat;
  contentId: number;
  hashHex: string;
  /** The stored inode. */
  ino: number | null;
  flags: number;
  xattrs: Uint8Array | null;
  /** The entry is part of the frame's pending run of unchanged rows (frame.ts records it). */
  inRun?: boolean;
}

/** The stored copy of a source inode that has more than one link, to keep the group together. */
interface GroupMember {
  dest: string;
  contentId: number;
  hashHex: string;
  ino: number | null;
  sizeBytes: number;
  mode: number;
  mtimeMs: number;
  xattrs: Uint8Array | null;
  /** Flags 8 and 32 of the first name's entry: what its stored inode shows (the further names share it). */
  metaFlags: number;
}

function groupKey(info: FileStat): string {
  return `${info.dev}:${info.ino}`;
}

/** Records one run's entries. */
export class Recorder {
  readonly #run: BackupRun;
  readonly #groups = new Map<string, GroupMember>();

  constructor(run: BackupRun) {
    this.#run = run;
  }

  /** An entry's recorded mtime and source ctime, with nanoseconds where the backend sees them. */
  times(info: FileStat): ReturnType<typeof recordedTimes> {
    return recordedTimes(info, this.#run.fs.fidelity.nanosecondTimes);
  }

  /** Records a stored file: its entry, its manifest line, the totals, and its hardlink group. */
  file(entry: WalkEntry, stored: StoredFile): void {
    const run = this.#run;
    const info = stored.info;
    if (!stored.inRun) {
      const owner = run.ownerOf(info);
      run.index.insertEntry({
        snapshotId: run.snapshotId,
        dirId: stored.dir.dirId,
        name: entry.name,
        kind: EntryKind.File,
        sizeBytes: info.size,
        mode: modeOf(info),
        uid: owner.uid,
        gid: owner.gid,
        contentId: stored.contentId,
        // Where a hardlink shows two inode numbers (sshfs), none is recorded: null is "unknown".
        ino: run.inodesStable ? stored.ino : null,
        srcIno: info.ino,
        ...this.times(info),
        target: null,
        flags: stored.flags,
        xattrs: stored.xattrs,
      });
    }
    run.sinceCommit++;
    run.opt.storedCheck?.file(entry.rel, stored.hashHex, info);
    run.manifest!.add(stored.hashHex, entry.rel);
    run.summary.files++;
    run.summary.bytes += info.size;
    // ino 0: the platform gave no inode number (FileStat has no null), so there is no group key.
    if (
      entry.info.nlink > 1 && entry.info.ino !== 0 && !run.opt.sourceIsSnapshot &&
      !this.#groups.has(groupKey(entry.info))
    ) {
      this.#groups.set(groupKey(entry.info), {
        dest: joinPath(stored.dir.dest, entry.name),
        contentId: stored.contentId,
        hashHex: stored.hashHex,
        ino: stored.ino,
        sizeBytes: info.size,
        mode: modeOf(info),
        mtimeMs: info.mtimeMs,
        xattrs: stored.xattrs,
        metaFlags: stored.flags & (EntryFlag.SharedMeta | EntryFlag.ForeignMeta),
      });
    }
  }

  /**
   * A further name of a source hardlink group whose first name is stored: linked to that copy
   * (the same inode in the snapshot) and recorded. False when it is not one, or the copy is at the
   * link limit (a group larger than the limit is split like any file), or the link fails.
   */
  linkToGroup(entry: WalkEntry, at: { dir: DirFrame; dest: string }): boolean {
    const run = this.#run;
    const info = entry.info;
    const g = this.#groups.get(groupKey(info));
    if (!g) return false;
    const full = run.maxLinks !== UNLIMITED_LINKS &&
      (lstatOrUndefined(run.fs, g.dest)?.nlink ?? run.maxLinks) >= run.maxLinks;
    if (full || g.sizeBytes !== info.size || g.mtimeMs !== info.mtimeMs || g.mode !== modeOf(info)) {
      return false;
    }
    if (!tryLink(g.dest, at.dest, { backend: run.fs }).ok) return false;
    run.summary.hardlinkGroupLinked++;
    this.file(entry, {
      dir: at.dir,
      info,
      contentId: g.contentId,
      hashHex: g.hashHex,
      ino: g.ino,
      flags: g.metaFlags,
      xattrs: g.xattrs,
    });
    return true;
  }

  /** Records a folder of the snapshot (not its top) in its parent. */
  folder(
    frame: { rel: string; info: FileStat },
    at: { parentDirId: number; xattrs: Uint8Array | null },
  ): void {
    const run = this.#run;
    const info = frame.info;
    const owner = run.ownerOf(info);
    run.index.insertEntry({
      snapshotId: run.snapshotId,
      dirId: at.parentDirId,
      name: frame.rel.slice(frame.rel.lastIndexOf("/") + 1),
      kind: EntryKind.Dir,
      sizeBytes: 0,
      mode: modeOf(info),
      uid: owner.uid,
      gid: owner.gid,
      contentId: null,
      ino: null,
      srcIno: info.ino,
      ...this.times(info),
      target: null,
      flags: 0,
      xattrs: at.xattrs,
    });
    run.sinceCommit++;
  }

  /** Records a symlink with its target; `keptOwner` when it got the source's owner. */
  symlink(entry: WalkEntry, at: { dirId: number; target: string; keptOwner: boolean }): void {
    const run = this.#run;
    const info = entry.info;
    run.index.insertEntry({
      snapshotId: run.snapshotId,
      dirId: at.dirId,
      name: entry.name,
      kind: EntryKind.Symlink,
      sizeBytes: info.size,
      mode: modeOf(info),
      uid: at.keptOwner ? info.uid : run.owner.uid,
      gid: at.keptOwner ? info.gid : run.owner.gid,
      contentId: null,
      ino: null,
      srcIno: info.ino,
      ...this.times(info),
      target: at.target,
      flags: 0,
    });
    run.sinceCommit++;
  }
}
