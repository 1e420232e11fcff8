/**
 * `phlb diff`: what changed between two snapshots, from their manifests (paths and content
 * hashes) and the index (sizes), without reading any file. A file whose content hash appears at a
 * removed path and at an added path is reported as moved, not as removed plus added. Never prints.
 * @module
 */
import { basename } from "node:path";
import { FatalError, UsageError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { joinPath } from "../fs/path.ts";
import { BackupIndex } from "../index/index.ts";
import { snapshotEntries } from "../index/manage.ts";
import { listSnapshots, metaDir } from "../store/layout.ts";
import { readManifest } from "../store/manifest.ts";
import { refOf, type SnapshotRef } from "../store/ref.ts";

/** A file (or symlink) present on one side. */
export interface DiffFile {
  path: string;
  sizeBytes: number;
  /** Set for a symlink: its target. */
  symlink?: string;
}

/** A metadata change the backup saw at a path whose content (or target) stayed. */
export type MetaChange = "type" | "mode" | "mtime" | "owner" | "xattrs" | "target";

/** The metadata of an entry on one side, as the backup recorded it. */
export interface DiffMeta {
  kind: "file" | "symlink";
  mode: number;
  mtimeMs: number;
  /** Nanoseconds within the millisecond, when the backup saw them. */
  mtimeFracNs?: number;
  uid: number;
  gid: number;
  target?: string;
}

/** A file whose content changed; `changes` lists the metadata that changed with it, if any. */
export interface DiffModified {
  path: string;
  oldSizeBytes: number;
  newSizeBytes: number;
  changes?: MetaChange[];
  old?: DiffMeta;
  new?: DiffMeta;
}

/** An entry whose content stayed but whose metadata (or symlink target, or type) changed. */
export interface DiffChanged {
  path: string;
  changes: MetaChange[];
  old: DiffMeta;
  new: DiffMeta;
  sizeBytes: number;
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
  /** Same content, other metadata: mode, mtime, owner, xattrs, a symlink's target, or the type. */
  changed: DiffChanged[];
  moved: DiffMoved[];
  unchanged: number;
  addedBytes: number;
  removedBytes: number;
}

interface EntryFacts {
  kind: "file" | "symlink";
  hash: string | null;
  sizeBytes: number;
  /** Unknown when the stored entry could not be looked at (no index, and lstat failed). */
  meta?: DiffMeta;
  /** The xattr digest; undefined when unknown (no index). */
  xattrs?: string;
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
    const notAFolder = kinds[0] === "other" ? a : b;
    throw new UsageError(msg("diff.notAFolder", { path: shown(notAFolder) }));
  }
  throw new FatalError(msg("diff.neitherExists", { a: shown(a), b: shown(b) }), {
    hint: msg("diff.neitherExists.hint"),
  });
}

/** The complete snapshot before `ref` of the same name, limited to the same sub-path. */
export function predecessorOf(ref: SnapshotRef, timestampFormat?: string): SnapshotRef {
  const all = listSnapshots(ref.root, ref.name, timestampFormat);
  const i = all.findIndex((s) => s.path === ref.path);
  const prev = all.slice(0, Math.max(i, 0)).filter((s) => s.status === "complete").pop();
  if (!prev) throw new FatalError(msg("diff.noEarlier", { snapshot: `${ref.name}@${ref.id}` }));
  return refOf(ref.root, prev, ref.subpath);
}

/** A snapshot's files and symlinks from the index; without it, files from the manifest and lstat. */
function loadSide(ref: SnapshotRef, index: BackupIndex | undefined): Map<string, EntryFacts> {
  const row = index?.findSnapshot(ref.name, ref.id);
  const prefix = ref.subpath === "" ? "" : ref.subpath + "/";
  const out = new Map<string, EntryFacts>();
  if (row && index) {
    for (const [path, e] of snapshotEntries(index, row.id)) {
      if (prefix && !path.startsWith(prefix)) continue;
      out.set(path.slice(prefix.length), {
        kind: e.kind,
        hash: e.hash,
        sizeBytes: e.sizeBytes,
        meta: {
          kind: e.kind,
          mode: e.mode & 0o7777,
          mtimeMs: e.mtimeMs,
          ...(e.mtimeFracNs === null ? {} : { mtimeFracNs: e.mtimeFracNs }),
          uid: e.uid,
          gid: e.gid,
          ...(e.target === null ? {} : { target: e.target }),
        },
        xattrs: e.xattrs,
      });
    }
    return out;
  }
  let entries: { path: string; hash: string | null }[];
  try {
    entries = [...readManifest(ref.manifestPath)];
  } catch (err) {
    throw new FatalError(
      msg("diff.noManifestNoIndex", { path: ref.manifestPath, snapshot: `${ref.name}@${ref.id}` }),
      { cause: err },
    );
  }
  for (const e of entries) {
    if (prefix && !e.path.startsWith(prefix)) continue;
    // Not in the index (rebuilt, or a snapshot it never saw): the stored file's own metadata.
    let facts: EntryFacts = { kind: "file", hash: e.hash, sizeBytes: 0 };
    try {
      const info = Deno.lstatSync(joinPath(ref.path, e.path));
      facts = {
        ...facts,
        sizeBytes: info.size,
        meta: {
          kind: "file",
          mode: (info.mode ?? 0) & 0o7777,
          mtimeMs: info.mtime?.getTime() ?? 0,
          uid: info.uid ?? 0,
          gid: info.gid ?? 0,
        },
      };
    } catch { /* gone: compared by its manifest line alone */ }
    out.set(e.path.slice(prefix.length), facts);
  }
  return out;
}

/** The metadata that differs between two records of one path (type and target first). */
export function metaChanges(
  l: { meta?: DiffMeta; xattrs?: string },
  r: { meta?: DiffMeta; xattrs?: string },
): MetaChange[] {
  const a = l.meta;
  const b = r.meta;
  if (!a || !b) return [];
  if (a.kind !== b.kind) return ["type"];
  const changes: MetaChange[] = [];
  if (a.kind === "symlink" && a.target !== b.target) changes.push("target");
  if (a.mode !== b.mode && a.kind === "file") changes.push("mode");
  // Nanoseconds count only where both sides saw them (the Deno API sees milliseconds).
  const fracDiffers = a.mtimeFracNs !== undefined && b.mtimeFracNs !== undefined &&
    a.mtimeFracNs !== b.mtimeFracNs;
  // A new target is a new symlink, with a new mtime: as a file's new content, it says enough.
  if ((a.mtimeMs !== b.mtimeMs || fracDiffers) && !changes.includes("target")) changes.push("mtime");
  if (a.uid !== b.uid || a.gid !== b.gid) changes.push("owner");
  if (l.xattrs !== undefined && r.xattrs !== undefined && l.xattrs !== r.xattrs) changes.push("xattrs");
  return changes;
}

/** Path parts of the folder holding `path`. */
function folderParts(path: string): string[] {
  const parts = path.split("/");
  parts.pop();
  return parts;
}

/**
 * How far apart two paths are in the tree, as a sort key: the same folder first, then the same
 * name, then the fewest steps between their folders, then by path.
 */
function nearness(from: string, to: string): [number, number, number] {
  const a = folderParts(from);
  const b = folderParts(to);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const sameFolder = common === a.length && common === b.length ? 0 : 1;
  const sameName = basename(from) === basename(to) ? 0 : 1;
  return [sameFolder, sameName, a.length - common + b.length - common];
}

/** Pairs at most this many (removed, added) candidates of one content by nearness; more go by name. */
const MAX_PAIRS_RANKED = 250_000;

/**
 * Moves among removed and added paths of one content: each pair the nearest in the tree, the
 * closest pairs first (a folder rename pairs every file with its namesake).
 */
export function pairMoves(removed: readonly string[], added: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  if (removed.length * added.length > MAX_PAIRS_RANKED) {
    // Too many to rank: the same name first, then in path order.
    const left = new Set(added);
    const byName = new Map<string, string[]>();
    for (const a of added) byName.set(basename(a), [...(byName.get(basename(a)) ?? []), a]);
    const rest: string[] = [];
    for (const r of removed) {
      const a = byName.get(basename(r))?.find((x) => left.has(x));
      if (a === undefined) rest.push(r);
      else {
        left.delete(a);
        pairs.push([r, a]);
      }
    }
    const others = [...left];
    rest.forEach((r, i) => i < others.length && pairs.push([r, others[i]]));
    return pairs;
  }
  const ranked: { r: string; a: string; key: [number, number, number] }[] = [];
  for (const r of removed) for (const a of added) ranked.push({ r, a, key: nearness(r, a) });
  ranked.sort((x, y) =>
    x.key[0] - y.key[0] || x.key[1] - y.key[1] || x.key[2] - y.key[2] ||
    (x.a < y.a ? -1 : x.a > y.a ? 1 : 0) || (x.r < y.r ? -1 : x.r > y.r ? 1 : 0)
  );
  const usedR = new Set<string>();
  const usedA = new Set<string>();
  for (const p of ranked) {
    if (usedR.has(p.r) || usedA.has(p.a)) continue;
    usedR.add(p.r);
    usedA.add(p.a);
    pairs.push([p.r, p.a]);
  }
  return pairs;
}

/** Compares snapshot `a` (older) with `b` (newer). */
export function diffSnapshots(a: SnapshotRef, b: SnapshotRef): DiffResult {
  checkSubpaths(a, b);
  const indexes = new Map<string, BackupIndex | undefined>();
  const indexOf = (root: string) => {
    if (!indexes.has(root)) indexes.set(root, BackupIndex.openIfPresent(metaDir(root)));
    return indexes.get(root);
  };
  let left: Map<string, EntryFacts>;
  let right: Map<string, EntryFacts>;
  try {
    left = loadSide(a, indexOf(a.root));
    right = loadSide(b, indexOf(b.root));
  } finally {
    for (const index of indexes.values()) index?.close();
  }
  const fileOf = (path: string, f: EntryFacts): DiffFile =>
    f.kind === "symlink" ? { path, sizeBytes: f.sizeBytes, symlink: f.meta?.target ?? "" } : {
      path,
      sizeBytes: f.sizeBytes,
    };
  const added: DiffFile[] = [];
  const removed: DiffFile[] = [];
  const modified: DiffModified[] = [];
  const changed: DiffChanged[] = [];
  let unchanged = 0;
  for (const [path, l] of left) {
    const r = right.get(path);
    if (!r) {
      removed.push(fileOf(path, l));
      continue;
    }
    const changes = metaChanges(l, r);
    if (l.kind === "file" && r.kind === "file" && (l.hash !== r.hash || l.sizeBytes !== r.sizeBytes)) {
      modified.push({
        path,
        oldSizeBytes: l.sizeBytes,
        newSizeBytes: r.sizeBytes,
        ...(changes.length > 0 ? { changes, old: l.meta, new: r.meta } : {}),
      });
    } else if (changes.length > 0) {
      changed.push({ path, changes, old: l.meta!, new: r.meta!, sizeBytes: r.sizeBytes });
    } else unchanged++;
  }
  for (const [path, r] of right) if (!left.has(path)) added.push(fileOf(path, r));
  const byPath = (x: { path: string }, y: { path: string }) => x.path < y.path ? -1 : x.path > y.path ? 1 : 0;
  added.sort(byPath);
  removed.sort(byPath);
  modified.sort(byPath);
  changed.sort(byPath);

  // Moves: an added file whose content left a removed path. Empty files all share one hash, so
  // they are not paired (an empty file deleted here and another created there is no move).
  const contentOf = (f: DiffFile, side: Map<string, EntryFacts>) => {
    const facts = side.get(f.path)!;
    return facts.kind !== "file" || facts.hash === null || f.sizeBytes === 0 ? undefined : facts.hash;
  };
  const groups = new Map<string, { removed: string[]; added: string[]; sizeBytes: number }>();
  for (const f of removed) {
    const hash = contentOf(f, left);
    if (hash === undefined) continue;
    const g = groups.get(hash) ?? { removed: [], added: [], sizeBytes: f.sizeBytes };
    g.removed.push(f.path);
    groups.set(hash, g);
  }
  for (const f of added) {
    const hash = contentOf(f, right);
    const g = hash === undefined ? undefined : groups.get(hash);
    g?.added.push(f.path);
  }
  const moved: DiffMoved[] = [];
  const pairedAdded = new Set<string>();
  const pairedRemoved = new Set<string>();
  for (const g of groups.values()) {
    if (g.added.length === 0) continue;
    for (const [from, to] of pairMoves(g.removed, g.added)) {
      moved.push({ from, to, sizeBytes: g.sizeBytes });
      pairedRemoved.add(from);
      pairedAdded.add(to);
    }
  }
  moved.sort((x, y) => x.to < y.to ? -1 : x.to > y.to ? 1 : 0);
  const addedLeft = added.filter((f) => !pairedAdded.has(f.path));
  const removedLeft = removed.filter((f) => !pairedRemoved.has(f.path));
  const side = (ref: SnapshotRef, files: Map<string, EntryFacts>): DiffSide => ({
    name: ref.name,
    id: ref.id,
    path: ref.path,
    files: [...files.values()].filter((f) => f.kind === "file").length,
  });
  return {
    a: side(a, left),
    b: side(b, right),
    subpath: a.subpath,
    added: addedLeft,
    removed: removedLeft,
    modified,
    changed,
    moved,
    unchanged,
    addedBytes: addedLeft.reduce((n, f) => n + f.sizeBytes, 0),
    removedBytes: removedLeft.reduce((n, f) => n + f.sizeBytes, 0),
  };
}
