/**
 * What a snapshot changed against the one before it, for `phlb serve`'s changes page: `phlb diff`'s
 * own answer (src/diff/diff.ts, from the manifests and the index, reading no file), as one list
 * sorted by path, the way `phlb diff` prints it.
 *
 * A diff of two large snapshots takes a while (two manifests of a million lines), and paging through
 * it asks again and again: the last few answers are kept while both manifests stay as they were.
 * @module
 */
import { type DiffResult, diffSnapshots, predecessorOf } from "../diff/diff.ts";
import { refOf, type SnapshotRef } from "../store/ref.ts";
import { errorMessage, FatalError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import type { Catalog, SnapshotInfo } from "./catalog.ts";

/** One changed file. */
export interface Change {
  kind: "added" | "removed" | "modified" | "moved";
  /** The path in the newer snapshot (the older one for "removed"). */
  path: string;
  /** Where a moved file was. */
  from?: string;
  /** Size in the older snapshot (removed, modified). */
  oldSizeBytes?: number;
  /** Size in the newer snapshot (added, modified, moved). */
  newSizeBytes?: number;
}

/** A snapshot's changes against its predecessor. */
export interface SnapshotChanges {
  /** The older snapshot's id. */
  previousId: string;
  result: DiffResult;
  /** Every change, sorted by path. */
  changes: Change[];
}

/** Flattens a diff into one list sorted by (new) path, as `phlb diff` prints it. */
export function changeList(d: DiffResult): Change[] {
  const out: Change[] = [
    ...d.added.map((f): Change => ({ kind: "added", path: f.path, newSizeBytes: f.sizeBytes })),
    ...d.removed.map((f): Change => ({ kind: "removed", path: f.path, oldSizeBytes: f.sizeBytes })),
    ...d.modified.map((f): Change => ({
      kind: "modified",
      path: f.path,
      oldSizeBytes: f.oldSizeBytes,
      newSizeBytes: f.newSizeBytes,
    })),
    ...d.moved.map((f): Change => ({ kind: "moved", path: f.to, from: f.from, newSizeBytes: f.sizeBytes })),
  ];
  return out.sort((x, y) => x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
}

function stamp(path: string): string {
  try {
    const st = Deno.statSync(path);
    return `${st.ino}:${st.size}:${st.mtime?.getTime()}`;
  } catch {
    return "-";
  }
}

/** Computes and keeps the changes of recently asked snapshots. */
export class ChangesCache {
  #entries: { key: string; value: SnapshotChanges | Msg }[] = [];
  readonly #size: number;

  constructor(size = 4) {
    this.#size = size;
  }

  /**
   * The changes of `snap` against the complete snapshot before it, or a sentence saying why there
   * are none to show (the first snapshot, an unreadable manifest), shown in the page's language.
   */
  of(catalog: Catalog, snap: SnapshotInfo): SnapshotChanges | Msg {
    let newer: SnapshotRef;
    let older: SnapshotRef;
    try {
      newer = refOf(catalog.root, snap.dir, "");
      older = predecessorOf(newer, catalog.timestampFormat);
    } catch {
      return msg("web.changes.first");
    }
    const key = [older.path, stamp(older.manifestPath), newer.path, stamp(newer.manifestPath)].join("\0");
    const hit = this.#entries.find((e) => e.key === key);
    if (hit) return hit.value;
    let value: SnapshotChanges | Msg;
    try {
      const result = diffSnapshots(older, newer);
      value = { previousId: older.id, result, changes: changeList(result) };
    } catch (err) {
      // A FatalError of phlb diff carries its text: shown in the page's language, as the rest.
      const error = err instanceof FatalError && err.text ? err.text : errorMessage(err);
      value = msg("web.changes.cannotList", { error });
    }
    this.#entries = [{ key, value }, ...this.#entries].slice(0, this.#size);
    return value;
  }
}
