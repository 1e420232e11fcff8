/**
 * `phlb diff`: what changed between two snapshots, from their manifests (paths and content
 * hashes) and the index (sizes), without reading any file. A file whose content hash appears at a
 * removed path and at an added path is reported as moved, not as removed plus added. Never prints.
 * @module
 */
import { basename } from "node:path";
import { FatalError, UsageError } from "../errors.ts";
import { joinPath } from "../fs/path.ts";
import { BackupIndex } from "../index/index.ts";
import { type IndexedFile, snapshotFiles } from "../index/manage.ts";
import { listSnapshots, metaDir } from "../store/layout.ts";
import { readManifest } from "../store/manifest.ts";
import { refOf, type SnapshotRef } from "../store/ref.ts";

/** A file present on one side. */
export interface DiffFile {
  path: string;
  sizeBytes: number;
}

/** A file whose content changed. */
export interface DiffModified {
  path: string;
  oldSizeBytes: number;
  newSizeBytes: number;
}

/** A file whose content moved to another path. */
export interface DiffMoved {
  from: string;
  to: string;
  sizeBytes: number;
}

/** The snapshot on one side of a diff. */
export interface DiffSide {
  name: string;
  id: string;
  path: string;
  files: number;
}

/** The differences between two snapshots, each list sorted by path. */
export interface DiffResult {
  a: DiffSide;
  b: DiffSide;
  /** The sub-path both sides were limited to ("" for all). */
  subpath: string;
  added: DiffFile[];
  removed: DiffFile[];
  modified: DiffModified[];
  moved: DiffMoved[];
  unchanged: number;
  addedBytes: number;
  removedBytes: number;
}

interface FileFacts {
  hash: string | null;
  sizeBytes: number;
}

/**
 * A sub-path must be a folder in at least one of the two snapshots (one that is gone from the newer
 * one shows as all removed): a typo or a file would otherwise compare nothing and say "no change".
 */
function checkSubpaths(a: SnapshotRef, b: SnapshotRef): void {
  const kinds = [a, b].map((ref) => {
    if (ref.subpath === "") return "folder";
    try {
      return Deno.lstatSync(joinPath(ref.path, ref.subpath)).isDirectory ? "folder" : "other";
    } catch {
      return "missing";
    }
  });
  if (kinds.includes("folder")) return;
  const shown = (ref: SnapshotRef) => `${ref.name}@${ref.id}/${ref.subpath}`;
  if (kinds.includes("other")) {
    throw new UsageError(`"${shown(kinds[0] === "other" ? a : b)}" is not a folder: diff compares folders`);
  }
  throw new FatalError(`Neither "${shown(a)}" nor "${shown(b)}" exists`, {
    hint: "`phlb restore --dry-run` or a file manager shows what a snapshot holds",
  });
}

/** The complete snapshot before `ref` of the same name, limited to the same sub-path. */
export function predecessorOf(ref: SnapshotRef, timestampFormat?: string): SnapshotRef {
  const all = listSnapshots(ref.root, ref.name, timestampFormat);
  const i = all.findIndex((s) => s.path === ref.path);
  const prev = all.slice(0, Math.max(i, 0)).filter((s) => s.status === "complete").pop();
  if (!prev) throw new FatalError(`${ref.name}@${ref.id} has no earlier complete snapshot to compare with`);
  return refOf(ref.root, prev, ref.subpath);
}

function loadSide(ref: SnapshotRef, index: BackupIndex | undefined): Map<string, FileFacts> {
  const row = index?.findSnapshot(ref.name, ref.id);
  const indexed: Map<string, IndexedFile> = row && index ? snapshotFiles(index, row.id) : new Map();
  const prefix = ref.subpath === "" ? "" : ref.subpath + "/";
  const out = new Map<string, FileFacts>();
  let entries: Iterable<{ path: string; hash: string | null }>;
  try {
    entries = [...readManifest(ref.manifestPath)];
  } catch (err) {
    if (!row) {
      throw new FatalError(
        `Cannot read the manifest "${ref.manifestPath}" and the index does not know ${ref.name}@${ref.id}`,
        { cause: err },
      );
    }
    entries = [...indexed].map(([path, f]) => ({ path, hash: f.hash }));
  }
  for (const e of entries) {
    if (prefix && !e.path.startsWith(prefix)) continue;
    let size = indexed.get(e.path)?.sizeBytes;
    if (size === undefined) {
      // Not in the index (rebuilt, or a snapshot it never saw): the size is metadata, not content.
      try {
        size = Deno.lstatSync(joinPath(ref.path, e.path)).size;
      } catch {
        size = 0;
      }
    }
    out.set(e.path.slice(prefix.length), { hash: e.hash, sizeBytes: size });
  }
  return out;
}

/** Compares snapshot `a` (older) with `b` (newer). */
export function diffSnapshots(a: SnapshotRef, b: SnapshotRef): DiffResult {
  checkSubpaths(a, b);
  const indexes = new Map<string, BackupIndex | undefined>();
  const indexOf = (root: string) => {
    if (!indexes.has(root)) indexes.set(root, BackupIndex.openIfPresent(metaDir(root)));
    return indexes.get(root);
  };
  let left: Map<string, FileFacts>;
  let right: Map<string, FileFacts>;
  try {
    left = loadSide(a, indexOf(a.root));
    right = loadSide(b, indexOf(b.root));
  } finally {
    for (const index of indexes.values()) index?.close();
  }
  const added: DiffFile[] = [];
  const removed: DiffFile[] = [];
  const modified: DiffModified[] = [];
  let unchanged = 0;
  for (const [path, l] of left) {
    const r = right.get(path);
    if (!r) removed.push({ path, sizeBytes: l.sizeBytes });
    else if (l.hash !== r.hash || l.sizeBytes !== r.sizeBytes) {
      modified.push({ path, oldSizeBytes: l.sizeBytes, newSizeBytes: r.sizeBytes });
    } else unchanged++;
  }
  for (const [path, r] of right) if (!left.has(path)) added.push({ path, sizeBytes: r.sizeBytes });
  const byPath = (x: { path: string }, y: { path: string }) => x.path < y.path ? -1 : x.path > y.path ? 1 : 0;
  added.sort(byPath);
  removed.sort(byPath);
  modified.sort(byPath);

  // Moves: an added file whose content left a removed path. Empty files all share one hash, so
  // they are not paired (an empty file deleted here and another created there is no move).
  const gone = new Map<string, DiffFile[]>();
  for (const f of removed) {
    const hash = left.get(f.path)!.hash;
    if (hash === null || f.sizeBytes === 0) continue;
    const list = gone.get(hash) ?? [];
    list.push(f);
    gone.set(hash, list);
  }
  const moved: DiffMoved[] = [];
  const pairedAdded = new Set<string>();
  const pairedRemoved = new Set<string>();
  for (const f of added) {
    const hash = right.get(f.path)!.hash;
    const candidates = hash === null ? undefined : gone.get(hash);
    if (!candidates?.length) continue;
    // Prefer the one with the same file name: a folder rename moves many files with equal content.
    let k = candidates.findIndex((c) => basename(c.path) === basename(f.path));
    if (k < 0) k = 0;
    const [from] = candidates.splice(k, 1);
    moved.push({ from: from.path, to: f.path, sizeBytes: f.sizeBytes });
    pairedAdded.add(f.path);
    pairedRemoved.add(from.path);
  }
  const addedLeft = added.filter((f) => !pairedAdded.has(f.path));
  const removedLeft = removed.filter((f) => !pairedRemoved.has(f.path));
  const side = (ref: SnapshotRef, files: Map<string, FileFacts>): DiffSide => ({
    name: ref.name,
    id: ref.id,
    path: ref.path,
    files: files.size,
  });
  return {
    a: side(a, left),
    b: side(b, right),
    subpath: a.subpath,
    added: addedLeft,
    removed: removedLeft,
    modified,
    moved,
    unchanged,
    addedBytes: addedLeft.reduce((n, f) => n + f.sizeBytes, 0),
    removedBytes: removedLeft.reduce((n, f) => n + f.sizeBytes, 0),
  };
}
