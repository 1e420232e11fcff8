/**
 * `backup --dry-run`: what a run would do, writing nothing (not even a new root, a lock or the
 * index's -wal/-shm files). It walks the source as the run does, with the same exclusions, finds
 * the same previous snapshot, and asks the same change detection (fast_path.ts) of each file, with
 * the stored copy's lstat: so the files it counts as unchanged are those the run links unread.
 * Further names of a source hardlink group count as the group's links, as in the run. Files it
 * counts to read the run reads, and then links by content or copies.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { UNLIMITED_LINKS } from "../fs/platform.ts";
import { joinPath } from "../fs/path.ts";
import { lstatOrUndefined, modeOf } from "../fs/stat.ts";
import { walk, walkTree } from "../fs/walk.ts";
import { BackupIndex } from "../index/index.ts";
import { NO_PREVIOUS_FILES, type PreviousFiles, previousFiles } from "../index/previous.ts";
import { metaDir } from "../store/layout.ts";
import { sourceVerdict, storedVerdict } from "./fast_path.ts";
import type { BackupRun } from "./run.ts";
import { findPrevious } from "./setup.ts";
import type { BackupSummary } from "./summary.ts";
import { sourceWalkOptions } from "./tree.ts";
import { filesUnder } from "../index/manage.ts";

/** The first name of a source hardlink group, as the run would store it. */
interface Group {
  sizeBytes: number;
  mtimeMs: number;
  mode: number;
  /** Links its stored inode would have. */
  links: number;
}

/** Counts what a backup would do; writes nothing. */
export async function dryRun(run: BackupRun): Promise<BackupSummary> {
  const index = BackupIndex.openIfPresent(metaDir(run.rootPath), { immutable: true });
  try {
    if (index) run.damaged.load(index);
    await countTree(run, index);
  } finally {
    index?.close();
  }
  run.meter.finish(run.summary);
  run.summary.status = "dry-run";
  return run.summary;
}

async function countTree(run: BackupRun, index: BackupIndex | undefined): Promise<void> {
  const { prevDir, prevRow } = findPrevious(index, {
    root: run.rootPath,
    name: run.opt.name,
    format: run.format,
  });
  const s = run.summary;
  s.previous = prevDir?.id ?? null;
  run.cb.onStart?.({ snapshotPath: "(dry run)", previous: prevDir?.id, dryRun: true });
  // The progress line's end, as the run would have it; a dry run does not walk ahead (it is the walk).
  if (prevRow && index) run.meter.total = { ...filesUnder(index, prevRow.id), estimated: true };
  run.cb.onInfo?.(run.fs.summary, run.fs.summaryText);
  const groups = new Map<string, Group>();
  const now: { source: FileStat; stored: FileStat | undefined } = { source: undefined!, stored: undefined };
  /** Whether the run would link this file unread, and the stored copy's lstat when it would. */
  const unchanged = (entry: { rel: string; name: string; info: FileStat }, prev: PreviousFiles) => {
    const row = run.opt.checksum ? undefined : prev.take(entry.name);
    if (!row || sourceVerdict(row, entry.info, run.fastPath)) return undefined;
    now.source = entry.info;
    now.stored = lstatOrUndefined(run.fs, joinPath(prevDir!.path, entry.rel));
    return storedVerdict(row, now, run.fastPath).link ? now.stored : undefined;
  };
  await walkTree<PreviousFiles>(walk(run.sourcePath, sourceWalkOptions(run)), {
    tick: (entry) => run.tick(entry.rel),
    enter: (entry, parent) => {
      if (parent) s.directories++;
      const dirId = index?.findDirId(entry.rel);
      return prevRow && dirId !== undefined
        ? previousFiles(index!, { snapshotId: prevRow.id, dirId })
        : NO_PREVIOUS_FILES;
    },
    file: (entry, prev) => {
      const info = entry.info;
      s.files++;
      s.bytes += info.size;
      const key = info.nlink > 1 && info.ino !== 0 ? `${info.dev}:${info.ino}` : undefined;
      const g = key === undefined ? undefined : groups.get(key);
      if (g) {
        const full = run.maxLinks !== UNLIMITED_LINKS && g.links >= run.maxLinks;
        if (!full && g.sizeBytes === info.size && g.mtimeMs === info.mtimeMs && g.mode === modeOf(info)) {
          g.links++;
          s.hardlinkGroupLinked++;
          return;
        }
      }
      const stored = unchanged(entry, prev);
      if (stored) {
        s.unchangedLinked++;
        s.unchangedBytes += info.size;
      } else {
        // Would be read, then linked by content or copied.
        s.toRead++;
        s.toReadBytes += info.size;
      }
      if (key !== undefined && !g) {
        groups.set(key, {
          sizeBytes: info.size,
          mtimeMs: info.mtimeMs,
          mode: modeOf(info),
          links: (stored?.nlink ?? 0) + 1,
        });
      }
    },
    symlink: () => {
      s.symlinks++;
    },
    other: () => {
      s.skipped++;
    },
  });
}
