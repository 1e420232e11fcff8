/**
 * The walk of the source that writes the snapshot: folders through frame.ts, files through
 * store_file.ts, symlinks here; FIFOs, sockets and devices are skipped with a warning. What the
 * Excluder leaves out, and the backup root inside the source, are never walked.
 *
 * The content runner is chosen here: in runs that read every file (the first backup, --checksum) a
 * pool of workers, started at the first file read; otherwise the main thread, one file at a time,
 * since a run that reads a few changed files among many linked ones gains nothing from workers
 * that cost a start-up and their memory. Every walk event after a file in flight waits its turn
 * (pipeline.ts), so what is recorded comes out in walk order either way.
 * @module
 */
import { errorMessage, type ItemProblem, itemProblem } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { isNoSpace, isNotFound, specialKindText } from "../fs/classify.ts";
import { ContentPool, type ContentRunner, defaultWorkers, InThreadContent } from "../fs/content_pool.ts";
import { joinPath, relativeInside } from "../fs/path.ts";
import { copySymlink, symlinkFailureText } from "../fs/symlink.ts";
import { walk, type WalkEntry, type WalkOptions, walkTree } from "../fs/walk.ts";
import { copyTimes, type DirFrame, type Frames } from "./frame.ts";
import { OrderedStages } from "./pipeline.ts";
import type { Recorder } from "./record.ts";
import type { BackupRun } from "./run.ts";
import { FileStore } from "./store_file.ts";

/** How the run walks its source: the Excluder's rules, its own root never, on one filesystem or not. */
export function sourceWalkOptions(run: BackupRun): WalkOptions {
  return {
    exclude: (e: WalkEntry) =>
      e.info.isDirectory && e.rel !== "" && relativeInside(e.path, run.rootPath) === ""
        ? msg("backup.excluded.backupRoot")
        : run.exclude.reason(e),
    excludeDir: (e: WalkEntry, names: readonly string[]) =>
      run.exclude.folderReason(e, { names, fs: run.fs }),
    onExcluded: (e: WalkEntry, reason: string | Msg) => {
      run.summary.excluded++;
      run.cb.onExcluded?.(e.rel, String(reason), typeof reason === "string" ? undefined : reason);
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
  /** Folders left by the walk whose leave waits its turn: closed if the run stops first. */
  readonly #leaving = new Set<DirFrame>();

  constructor(run: BackupRun, parts: { frames: Frames; files: FileStore; record: Recorder }) {
    this.#run = run;
    this.#frames = parts.frames;
    this.#files = parts.files;
    this.#record = parts.record;
  }

  /** The runner of this run's reads and writes: workers where every file is read, else the main thread. */
  #runner(): ContentRunner {
    const run = this.#run;
    const jobs = run.opt.jobs ?? defaultWorkers();
    if (jobs === 0 || (run.prevRow && !run.opt.checksum)) {
      return new InThreadContent(run.fs, { signal: run.opt.signal });
    }
    return new ContentPool({
      workers: jobs,
      backend: run.fs.kind,
      signal: run.opt.signal,
      onStart: (n) => run.info(msg("backup.info.workers", { count: n })),
      // A batch holds one file of the largest size read whole, so files that big go out one by one.
      batchBytes: Math.min(1 << 20, run.smallFileBytes),
      // Three batches in flight per worker (see FileStore.window): one read, one queued, one written.
      batchJobs: 16,
      shelfBytes: 1 << 20,
      crashOn: run.opt.crashWorkerOn,
    });
  }

  /** Walks the source into the snapshot folder. */
  async write(): Promise<void> {
    const runner = this.#runner();
    const stages = new OrderedStages(FileStore.window(runner.workers));
    this.#files.use(runner, stages);
    try {
      await this.#walk(runner, stages);
    } finally {
      runner.close();
    }
  }

  async #walk(runner: ContentRunner, stages: OrderedStages): Promise<void> {
    const run = this.#run;
    const frames = this.#frames;
    const stack: DirFrame[] = [];
    try {
      await walkTree<DirFrame>(walk(run.sourcePath, sourceWalkOptions(run)), {
        tick: (entry) => run.tick(entry.rel),
        // Below a folder that could not be made, nothing is stored (it was reported once).
        enter: (entry, parent) =>
          parent?.failed ? { ...parent, rel: entry.rel } : frames.enter(entry, parent),
        leave: (frame, parent) => {
          if (frame.failed) return;
          this.#leaving.add(frame);
          stages.pushFinish(() => {
            this.#leaving.delete(frame);
            frames.leave(frame, parent);
          });
        },
        file: (entry, dir) => {
          if (dir.failed) return;
          return this.#files.store(entry, dir);
        },
        symlink: (entry, dir) => {
          if (!dir.failed) stages.pushFinish(() => this.#storeSymlink(entry, dir));
        },
        other: (entry, dir) => {
          if (dir.failed) return;
          stages.pushFinish(() => {
            run.summary.skipped++;
            run.problem(
              itemProblem(
                entry.rel,
                "warning",
                msg("backup.problem.special", { kind: specialKindText(entry.info) }),
              ),
            );
          });
        },
      }, { frames: stack });
      await stages.drain();
    } catch (err) {
      // Workers stopped, what they were doing rejected: every pending item settles before cleanup.
      runner.close();
      await stages.settle();
      // What was linked is recorded, as everything else before the stop.
      try {
        for (const frame of stack) if (!frame.failed) frames.flushRun(frame);
      } catch { /* the run's own error says why it stopped */ }
      throw err;
    } finally {
      for (const frame of stack) if (!frame.failed) frames.close(frame);
      for (const frame of this.#leaving) frames.close(frame);
      this.#leaving.clear();
    }
  }

  /** Stores a symlink: the same target text, its owner as root, its times where they can be set. */
  #storeSymlink(entry: WalkEntry, dir: DirFrame): void {
    const run = this.#run;
    let target: string;
    try {
      target = run.fs.readLink(entry.path);
    } catch (err) {
      run.problem(
        itemProblem(
          entry.rel,
          isNotFound(err) ? "warning" : "error",
          msg("backup.problem.cannotReadSymlink", { error: errorMessage(err) }),
        ),
      );
      return;
    }
    const keepOwner = run.asRoot && entry.info.uid >= 0 && entry.info.gid >= 0;
    let warnings: Msg[];
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
      run.problem(itemProblem(entry.rel, "error", symlinkFailureText(target, err)));
      return;
    }
    run.summary.symlinks++;
    for (const text of warnings) run.problem(itemProblem(entry.rel, "warning", text));
    this.#record.symlink(entry, { dirId: dir.dirId, target, keptOwner: keepOwner });
  }
}
