/**
 * Brings the index in line with the trees before a run: the trees are the truth.
 * A snapshot deleted by hand (`rm -rf`) loses its rows, and link sources pointing into it move to
 * another copy or go; a snapshot whose final rename happened after the last index write is
 * marked complete.
 * @module
 */
import { snapshotPath } from "../store/layout.ts";
import type { BackupIndex } from "./index.ts";

function isDir(path: string): boolean {
  try {
    return Deno.lstatSync(path).isDirectory;
  } catch {
    return false;
  }
}

/** Reconciles every snapshot row of the index with what is on disk. Returns how many rows were dropped. */
export function reconcileIndex(index: BackupIndex, root: string): number {
  let dropped = 0;
  for (const row of index.listSnapshots()) {
    if (isDir(snapshotPath(root, row.name, row.snapId, "complete"))) {
      if (row.status !== "complete") index.setSnapshotStatus(row.id, "complete");
    } else if (isDir(snapshotPath(root, row.name, row.snapId, "partial"))) {
      if (row.status !== "partial") index.setSnapshotStatus(row.id, "partial");
    } else if (isDir(snapshotPath(root, row.name, row.snapId, "deleting"))) {
      if (row.status !== "deleting") index.setSnapshotStatus(row.id, "deleting");
    } else {
      index.dropSnapshot(row.id);
      dropped++;
    }
  }
  return dropped;
}
