/**
 * The walk of the source that writes the snapshot: folders through frame.ts, files through
 * store_file.ts, symlinks here; FIFOs, sockets and devices are skipped with a warning. What the
 * Excluder leaves out, and the backup root inside the source, are never walked. Read-ahead is
 * started here, in walk order, in runs that read every file.
 * @module
 */
import { errorMessage, type ItemProblem } from "../errors.ts";
import { isNoSpace, isNotFound, specialKind } from "../fs/classify.ts";
import type { BackendFile } from "../fs/native/mod.ts";
import { joinPath, relativeInside } from "../fs/path.ts";
import { copySymlink, symlinkFailure } from "../fs/symlink.ts";
import { walk, type WalkEntry, type WalkEvent, type WalkOptions, walkTree } from "../fs/walk.ts";
import { copyTimes, type DirFrame, type Frames } from "./frame.ts";
import { Lookahead, ReadAhead } from "./read_ahead.ts";
import type { Recorder } from "./record.ts";
import type { BackupRun } from "./run.ts";
import type { FileStore } from "./store_file.ts";

/** How the run walks its source: the Excluder's rules, its own root never, on one filesystem or not. */
export function sourceWalkOptions(run: BackupRun): WalkOptions {
  return {
    exclude: (e: WalkEntry) =>
      e.info.isDirectory && e.rel !== "" && relativeInside(e.path, run.rootPath) === ""
        ? "it is the backup root"
        : run.exclude.reason(e),
    excludeDir: (e: WalkEntry, names: readonly string[]) =>
      run.exclude.folderReason(e, { names, fs: run.fs }),
    onExcluded: (e: WalkEntry, reason: string) => {
      run.summary.excluded++;
      run.cb.onExcluded?.(e.rel, reason);
    },
    onProblem: (p: ItemProblem) => run.problem(p),
    oneFileSystem: run.opt.oneFileSystem ?? true,
    backend: run.fs,
  };
}

/** Writes the snapshot's tree. */
export class TreeWriter {
  readonly #run: BackupRun;
  readonly #frames: Frames;
  readonly #files: FileStore;
  readonly #record: Recorder;
  readonly #readAheadStarted = new WeakSet<WalkEntry>();

  constructor(run: BackupRun, parts: { frames: Frames; files: FileStore; record: Recorder }) {
    this.#run = run;
    this.#frames = parts.frames;
    this.#files = parts.files;
    this.#record = parts.record;
  }

  /** Walks the source into the snapshot folder. */
  async write(): Promise<void> {
    const run = this.#run;
    const depth = run.opt.readAheadFiles ?? 4;
    // Only where every file is read: otherwise most files are linked unread, and a read ahead is waste.
    const readAhead = depth > 0 && (!run.prevRow || run.opt.checksum)
      ? new ReadAhead<BackendFile>({
        depth,
        maxFileBytes: Math.min(run.smallFileBytes, 256 << 10),
        open: (path) => run.fs.openRead(path),
      })
      : undefined;
    this.#files.readAhead = readAhead;
    try {
      await this.#walk(readAhead);
    } finally {
      await readAhead?.clear();
    }
  }

  async #walk(readAhead: ReadAhead<BackendFile> | undefined): Promise<void> {
    const run = this.#run;
    const frames = this.#frames;
    const events = new Lookahead(walk(run.sourcePath, sourceWalkOptions(run)));
    const stack: DirFrame[] = [];
    try {
      await walkTree<DirFrame>(events, {
        tick: (entry) => run.tick(entry.rel),
        // Below a folder that could not be made, nothing is stored (it was reported once).
        enter: (entry, parent) =>
          parent?.failed ? { ...parent, rel: entry.rel } : frames.enter(entry, parent),
        leave: (frame, parent) => {
          if (!frame.failed) frames.leave(frame, parent);
        },
        file: (entry, dir) => {
          if (dir.failed) return;
          if (readAhead) this.#fillReadAhead(events, readAhead);
          return this.#files.store(entry, dir);
        },
        symlink: (entry, dir) => {
          if (!dir.failed) this.#storeSymlink(entry, dir);
        },
        other: (entry, dir) => {
          if (dir.failed) return;
          run.summary.skipped++;
          run.problem({
            path: entry.rel,
            severity: "warning",
            message: `skipped: a ${specialKind(entry.info)} is not a file and cannot be backed up`,
          });
        },
      }, { frames: stack });
    } catch (err) {
      // What was linked is recorded, as everything else before the stop.
      try {
        for (const frame of stack) if (!frame.failed) frames.flushRun(frame);
      } catch { /* the run's own error says why it stopped */ }
      throw err;
    } finally {
      for (const frame of stack) if (!frame.failed) frames.close(frame);
    }
  }

  /** Starts reading the next small files that will be read, while there is room. */
  #fillReadAhead(events: Lookahead<WalkEvent>, readAhead: ReadAhead<BackendFile>): void {
    for (const next of events.peek(16)) {
      if (!readAhead.hasRoom) return;
      const e = next.entry;
      if (
        next.kind !== "file" || this.#readAheadStarted.has(e) || (e.info.nlink ?? 1) > 1 ||
        e.info.size === 0 ||
        e.info.size > readAhead.maxFileBytes
      ) continue;
      this.#readAheadStarted.add(e);
      readAhead.start(e.path, e.info.size);
    }
  }

  /** Stores a symlink: the same target text, its owner as root, its times where they can be set. */
  #storeSymlink(entry: WalkEntry, dir: DirFrame): void {
    const run = this.#run;
    let target: string;
    try {
      target = run.fs.readLink(entry.path);
    } catch (err) {
      run.problem({
        path: entry.rel,
        severity: isNotFound(err) ? "warning" : "error",
        message: `cannot read symlink: ${errorMessage(err)}`,
      });
      return;
    }
    const keepOwner = run.asRoot && entry.info.uid >= 0 && entry.info.gid >= 0;
    let warnings: string[];
    try {
      warnings = copySymlink(run.fs, {
        from: entry.path,
        info: entry.info,
        target,
        to: joinPath(dir.dest, entry.name),
        keepOwner,
        times: copyTimes(entry.info),
      });
    } catch (err) {
      if (isNoSpace(err)) throw run.diskFull(err);
      run.problem({ path: entry.rel, severity: "error", message: symlinkFailure(target, err) });
      return;
    }
    run.summary.symlinks++;
    for (const message of warnings) run.problem({ path: entry.rel, severity: "warning", message });
    this.#record.symlink(entry, { dirId: dir.dirId, target, keptOwner: keepOwner });
  }
}
