/**
 * The end of a backup's progress line. A backup that has a previous snapshot of its name takes
 * that snapshot's files and bytes as an estimate (the progress line says "about": the source may
 * have changed since). A first backup walks ahead, names and sizes only, through the same walk
 * rules as the backup (excludes, one filesystem), to learn its total before it starts; measured
 * in docs/performance.md against the first backup it precedes.
 * @module
 */
import type { RunTotal } from "../fs/pacer.ts";
import { walk } from "../fs/walk.ts";
import { filesUnder } from "../index/manage.ts";
import { msg } from "../i18n/messages.ts";
import { sidecarPaths } from "../store/layout.ts";
import type { BackupRun } from "./run.ts";
import { sourceWalkOptions } from "./tree.ts";

/** The previous snapshot's files and bytes, from the index, else from its summary; or undefined. */
export function previousTotal(run: BackupRun): RunTotal | undefined {
  if (run.prevRow) return { ...filesUnder(run.index, run.prevRow.id), estimated: true };
  if (!run.prevDir) return undefined;
  try {
    const s = JSON.parse(
      Deno.readTextFileSync(sidecarPaths(run.rootPath, run.opt.name, run.prevDir.id).summary),
    );
    if (typeof s.files === "number" && typeof s.bytes === "number") {
      return { files: s.files, bytes: s.bytes, estimated: true };
    }
  } catch { /* no summary: no estimate */ }
  return undefined;
}

/**
 * Counts the files and bytes the backup's walk will meet (what it excludes left out, problems
 * left to the walk that follows). The meter's total grows while it runs, marked `counting`.
 */
export async function walkAhead(run: BackupRun): Promise<RunTotal> {
  const startedMs = performance.now();
  const total: RunTotal = { files: 0, bytes: 0, counting: true };
  run.meter.total = total;
  const options = { ...sourceWalkOptions(run), onExcluded: undefined, onProblem: () => {} };
  for (const ev of walk(run.sourcePath, options)) {
    if (ev.kind === "file") {
      total.files++;
      total.bytes += ev.entry.info.size;
    }
    await run.meter.tick(ev.entry.rel);
  }
  run.info(
    msg("backup.info.walkedAhead", {
      count: total.files,
      bytes: total.bytes,
      ms: Math.round(performance.now() - startedMs),
    }),
  );
  return { files: total.files, bytes: total.bytes };
}
