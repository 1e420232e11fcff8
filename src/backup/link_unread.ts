/**
 * The fast path's doing: a file whose verdict (fast_path.ts) says unchanged is linked to the
 * previous snapshot's copy without being read, through the frame's folder handles where the
 * backend has them, and recorded; its entry joins the frame's run of rows copied as they are when
 * it equals its previous row. Sync calls only: this is the loop of a no-change run.
 * @module
 */
import { isNoSpace } from "../fs/classify.ts";
import { tryLink, tryLinkInFolders } from "../fs/link.ts";
import type { FileStat } from "../fs/native/mod.ts";
import { joinPath } from "../fs/path.ts";
import { lstatInFolderOrUndefined, lstatOrUndefined } from "../fs/stat.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { EntryFlag } from "../index/index.ts";
import { Prev } from "../index/previous.ts";
import { sameAsPrevious, sourceVerdict, storedVerdict } from "./fast_path.ts";
import type { DirFrame, Frames } from "./frame.ts";
import type { Recorder } from "./record.ts";
import type { BackupRun } from "./run.ts";

/** Links unchanged files unread. */
export class LinkUnread {
  readonly #run: BackupRun;
  readonly #frames: Frames;
  readonly #record: Recorder;
  /** The two stats the verdict compares, reused: the per-file loop allocates no holder for them. */
  readonly #now: { source: FileStat; stored: FileStat | undefined } = {
    source: undefined!,
    stored: undefined,
  };

  constructor(run: BackupRun, parts: { frames: Frames; record: Recorder }) {
    this.#run = run;
    this.#frames = parts.frames;
    this.#record = parts.record;
  }

  /** Links `entry` (in folder `dir`) to its previous copy when it is unchanged; false when it must be read. */
  link(entry: WalkEntry, dir: DirFrame): boolean {
    const prev = dir.prev.take(entry.name);
    if (!prev) return false;
    const run = this.#run;
    const info = entry.info;
    const early = sourceVerdict(prev, info, run.fastPath);
    if (early) {
      if (early.reason === "stored-damaged") run.storedDiffers.note(entry.rel);
      return false;
    }
    const prevPath = joinPath(run.prevDir!.path, entry.rel);
    const inFolders = this.#frames.handles(dir);
    const st = inFolders
      ? lstatInFolderOrUndefined(run.fs.folders!, { dir: dir.prevHandle!, name: entry.name, path: prevPath })
      : lstatOrUndefined(run.fs, prevPath);
    const now = this.#now;
    now.source = info;
    now.stored = st;
    const verdict = storedVerdict(prev, now, run.fastPath);
    if (!verdict.link) {
      // Changed inside the snapshot (edited in place, chmod, chown): stored afresh, and said so.
      if (verdict.reason === "stored-changed" || verdict.reason === "stored-meta") {
        run.storedDiffers.note(entry.rel);
      }
      return false;
    }
    const dest = joinPath(dir.dest, entry.name);
    const r = inFolders
      ? tryLinkInFolders(
        { dir: dir.prevHandle!, name: entry.name, path: prevPath },
        { dir: dir.destHandle!, name: entry.name, path: dest },
        run.fs.folders!,
      )
      : tryLink(prevPath, dest, { backend: run.fs });
    if (!r.ok) {
      if (isNoSpace(r.error)) throw run.diskFull(r.error);
      return false;
    }
    run.summary.unchangedLinked++;
    run.summary.unchangedBytes += info.size;
    const seq = dir.prev.takenSeq;
    const xattrs = prev[Prev.xattrs];
    // Its entry is its previous row with the new snapshot id: copied with its neighbours.
    const inRun = seq >= 0 && sameAsPrevious(prev, { info, stored: st!, xattrs }, run.identity);
    if (inRun) this.#frames.addToRun(dir, entry.name);
    this.#record.file(entry, {
      dir,
      info,
      contentId: prev[Prev.contentId]!,
      hashHex: prev[Prev.hashHex]!,
      ino: st!.ino,
      // The same stored inode: it shows what it showed (flags 8 and 32 carry over).
      flags: (prev[Prev.flags] & (EntryFlag.SharedMeta | EntryFlag.ForeignMeta)) | EntryFlag.Unchanged,
      xattrs,
      inRun,
    });
    return true;
  }
}
