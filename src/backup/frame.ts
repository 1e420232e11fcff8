/**
 * One folder of the source while its children are stored: its folder in the new snapshot (made
 * on entering, given its metadata on leaving, after its children changed it), the previous
 * snapshot's rows for it, the folder handles the fast path works through, and the run of
 * consecutive unchanged files whose rows are copied in one statement.
 * @module
 */
import { errorMessage, itemProblem } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { isNoSpace } from "../fs/classify.ts";
import type { FileStat } from "../fs/native/mod.ts";
import { IS_WINDOWS, joinPath } from "../fs/path.ts";
import { modeOf } from "../fs/stat.ts";
import { MAX_HANDLE_DEPTH, type WalkEntry } from "../fs/walk.ts";
import { sourceXattrs } from "../fs/xattrs.ts";
import {
  copyPreviousFiles,
  NO_PREVIOUS_FILES,
  type PreviousFiles,
  previousFiles,
} from "../index/previous.ts";
import type { Recorder } from "./record.ts";
import type { BackupRun } from "./run.ts";

/** Rows one copy of unchanged files records at most: SQLite stages them in memory first. */
const MAX_RUN_ROWS = 1000;

/** Per-folder state while its children are processed. */
export interface DirFrame {
  rel: string;
  dest: string;
  dirId: number;
  /** The previous snapshot's files of this folder, taken in the walk's order. */
  prev: PreviousFiles;
  /** The source folder's path and lstat. */
  path: string;
  info: FileStat;
  /** The folder could not be created: its subtree is skipped (and was reported once). */
  failed: boolean;
  /**
   * Files linked unread whose entries equal their previous rows, not recorded yet: a run of
   * consecutive previous rows (by `prev.takenSeq`), recorded in one statement (see flushRun).
   */
  runCount: number;
  runFirst: string;
  runLast: string;
  runSeq: number;
  /** How deep the folder is (0 for the top): handles are opened down to MAX_HANDLE_DEPTH only. */
  depth: number;
  /**
   * Folder handles for the fast path's lstat and link (the backend's folder calls): the previous
   * snapshot's copy of this folder, and the new one. Opened at the first file that needs them;
   * -1 when they cannot be (then full paths are used).
   */
  prevHandle?: number;
  destHandle?: number;
}

/** The frames of one run. */
export class Frames {
  readonly #run: BackupRun;
  readonly #record: Recorder;

  constructor(run: BackupRun, record: Recorder) {
    this.#run = run;
    this.#record = record;
  }

  /** Enters a source folder: its folder in the snapshot is made (the top exists), its rows found. */
  enter(entry: WalkEntry, parent: DirFrame | undefined): DirFrame {
    const run = this.#run;
    const dest = parent ? joinPath(parent.dest, entry.name) : run.destRoot;
    let failed = false;
    if (parent) {
      try {
        // Private while it is filled (a folder others may write to could be given symlinks to
        // follow); its own mode is set when its children are done.
        run.fs.mkdir(dest, { mode: 0o700 });
      } catch (err) {
        if (isNoSpace(err)) throw run.diskFull(err);
        failed = true;
        run.problem(
          itemProblem(
            entry.rel,
            "error",
            msg("backup.problem.cannotCreateFolder", { error: errorMessage(err) }),
          ),
        );
      }
    }
    const dirId = run.index.dirId(entry.rel);
    const prev = run.prevRow
      ? previousFiles(run.index, { snapshotId: run.prevRow.id, dirId })
      : NO_PREVIOUS_FILES;
    return {
      rel: entry.rel,
      dest,
      dirId,
      prev,
      path: entry.path,
      info: entry.info,
      failed,
      runCount: 0,
      runFirst: "",
      runLast: "",
      runSeq: -1,
      depth: parent ? parent.depth + 1 : 0,
    };
  }

  /**
   * Opens the frame's folder handles for the fast path, once; false when the backend has no folder
   * calls, the folder is too deep, or either folder cannot be opened (full paths are used then).
   */
  handles(frame: DirFrame): boolean {
    if (frame.prevHandle !== undefined) return frame.prevHandle >= 0;
    frame.prevHandle = frame.destHandle = -1;
    const folders = this.#run.fs.folders;
    if (!folders || frame.depth > MAX_HANDLE_DEPTH) return false;
    try {
      frame.prevHandle = folders.open(joinPath(this.#run.prevDir!.path, frame.rel));
      frame.destHandle = folders.open(frame.dest);
      return true;
    } catch {
      this.close(frame);
      return false;
    }
  }

  /** Closes the frame's folder handles, if open. */
  close(frame: DirFrame): void {
    for (const h of [frame.prevHandle, frame.destHandle]) {
      if (h !== undefined && h >= 0) this.#run.fs.folders!.close(h);
    }
    frame.prevHandle = frame.destHandle = -1;
  }

  /**
   * Adds the unchanged file `name`, just taken from the frame's previous rows and linked, whose
   * entry is its previous row, to the frame's pending run.
   */
  addToRun(frame: DirFrame, name: string): void {
    const seq = frame.prev.takenSeq;
    if (frame.runCount > 0 && seq === frame.runSeq + 1 && frame.runCount < MAX_RUN_ROWS) {
      frame.runCount++;
    } else {
      this.flushRun(frame);
      frame.runCount = 1;
      frame.runFirst = name;
    }
    frame.runLast = name;
    frame.runSeq = seq;
  }

  /** Records the frame's pending run of unchanged files (see DirFrame.runCount). */
  flushRun(frame: DirFrame): void {
    if (frame.runCount === 0) return;
    const run = this.#run;
    const copied = copyPreviousFiles(run.index, {
      fromSnapshotId: run.prevRow!.id,
      toSnapshotId: run.snapshotId,
      dirId: frame.dirId,
      firstName: frame.runFirst,
      lastName: frame.runLast,
    });
    if (copied !== frame.runCount) {
      throw new Error(
        `internal error: ${copied} entries recorded for ${frame.runCount} unchanged files in "${frame.rel}"`,
      );
    }
    frame.runCount = 0;
  }

  /** Leaves a folder: its pending run recorded, its metadata set (times last), its entry recorded. */
  leave(frame: DirFrame, parent: DirFrame | undefined): void {
    this.close(frame);
    this.flushRun(frame);
    const run = this.#run;
    const info = frame.info;
    let xattrs: Uint8Array | null = null;
    try {
      // Owner, mode, xattrs, then times: a chown clears security.capability, and the times go last
      // because filling the folder changed them.
      if (run.asRoot && info.uid >= 0 && info.gid >= 0) {
        run.fs.chown(frame.dest, { uid: info.uid, gid: info.gid });
      }
      if (!IS_WINDOWS) run.fs.chmod(frame.dest, modeOf(info));
      xattrs = run.applyXattrs(frame.dest, { rel: frame.rel, list: sourceXattrs(run.fs, frame.path).list });
      run.fs.setTimes(frame.dest, copyTimes(info));
    } catch (err) {
      run.problem(
        itemProblem(frame.rel, "warning", msg("backup.problem.folderMetadata", { error: errorMessage(err) })),
      );
    }
    if (!parent) return;
    run.summary.directories++;
    this.#record.folder(frame, { parentDirId: parent.dirId, xattrs });
  }
}

/** The times a new copy or folder gets: atime = mtime, as phlb has always done. */
export function copyTimes(
  st: FileStat,
): { atimeSec: number; atimeNsec: number; mtimeSec: number; mtimeNsec: number } {
  return { atimeSec: st.mtimeSec, atimeNsec: st.mtimeNsec, mtimeSec: st.mtimeSec, mtimeNsec: st.mtimeNsec };
}
