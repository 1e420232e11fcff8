/**
 * A file's story across the snapshots of its backup name, for `phlb serve`'s file page: its hash,
 * every snapshot holding the path (with where the content changed), the snapshots where the path
 * disappeared, and other paths with the same content.
 *
 * From the index when it can tell (content ids: a change is a different content), else from the
 * folders (a change is a different size or mtime) and the manifest (the hash). Reads no file content.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { type BackupIndex, EntryKind } from "../index/index.ts";
import { findEntry, type HistoryRow, pathHistory, type PathHit, sameContentPaths } from "../index/web.ts";
import { sidecarPaths, snapshotPath } from "../store/layout.ts";
import { readManifest } from "../store/manifest.ts";
import type { Catalog, SnapshotInfo } from "./catalog.ts";
import { resolveInSnapshot } from "./paths.ts";

/** One snapshot's copy of a path in a file's history. */
export interface HistoryEntry {
  snapId: string;
  kind: "file" | "dir" | "symlink" | "other";
  sizeBytes: number;
  mtimeMs: number;
  hashHex?: string;
  /** The content differs from the previous snapshot holding the path (or it is the first). */
  changed: boolean;
  /** The previous snapshot of the name did not hold the path. */
  reappeared: boolean;
}

/** A complete snapshot that does not hold the path although the one before it did. */
export interface Absence {
  /** The snapshot without the path. */
  snapId: string;
  /** The last snapshot before it that held the path. */
  afterSnapId: string;
}

/** A file's details beyond what lstat says. */
export interface FileDetails {
  hashHex?: string;
  /** Where the hash comes from. */
  hashFrom?: "index" | "manifest";
  /** Every snapshot of the same name holding the path, oldest first. */
  history: HistoryEntry[];
  /** Where the history comes from. */
  historyFrom: "index" | "disk";
  /** Where the path disappears, oldest first. */
  absences: Absence[];
  /** Other paths holding the same content (index only). */
  sameContent: PathHit[];
  sameContentTruncated: boolean;
}

function kindName(kind: EntryKind): HistoryEntry["kind"] {
  return kind === EntryKind.File ? "file" : kind === EntryKind.Dir ? "dir" : "symlink";
}

/** Hash, history, absences and same-content paths of the file at `rel` in `snap`. */
export function fileDetails(catalog: Catalog, snap: SnapshotInfo, rel: string, info: FileStat): FileDetails {
  const snaps = catalog.snapshots(snap.dir.name);
  const index = catalog.index();
  if (index) {
    try {
      return detailsFromIndex(index, { catalog, snaps, snap, rel, info });
    } catch { /* fall back to the folders */ }
  }
  const hashHex = manifestHash(catalog, snap, rel);
  const history = historyFromDisk(catalog, snaps, rel);
  return {
    hashHex,
    hashFrom: hashHex ? "manifest" : undefined,
    history,
    historyFrom: "disk",
    absences: absences(snaps, history, { indexedOnly: false }),
    sameContent: [],
    sameContentTruncated: false,
  };
}

function detailsFromIndex(
  index: BackupIndex,
  o: { catalog: Catalog; snaps: SnapshotInfo[]; snap: SnapshotInfo; rel: string; info: FileStat },
): FileDetails {
  const { snap, rel, info } = o;
  const name = snap.dir.name;
  const entry = findEntry(index, { name, snapId: snap.dir.id, rel });
  // The index is a cache: trust its hash only while it describes the file that is there.
  const current = entry && entry.kind === EntryKind.File && entry.sizeBytes === info.size &&
    entry.mtimeMs === info.mtimeMs;
  let hashHex = current ? entry.hashHex ?? undefined : undefined;
  let hashFrom: FileDetails["hashFrom"] = hashHex ? "index" : undefined;
  if (!hashHex) {
    hashHex = manifestHash(o.catalog, snap, rel);
    if (hashHex) hashFrom = "manifest";
  }
  const onDisk = new Set(o.snaps.map((s) => s.dir.id));
  const rows = pathHistory(index, { name, rel }).filter((r) => onDisk.has(r.snapId));
  const history = historyFromRows(o.snaps, rows);
  let sameContent: PathHit[] = [];
  let sameContentTruncated = false;
  if (current && entry.contentId !== null) {
    const r = sameContentPaths(index, entry.contentId);
    sameContent = r.hits.filter((h) => !(h.name === name && h.rel === rel));
    sameContentTruncated = r.truncated;
  }
  return {
    hashHex,
    hashFrom,
    history,
    historyFrom: "index",
    absences: absences(o.snaps, history, { indexedOnly: true }),
    sameContent,
    sameContentTruncated,
  };
}

function historyFromRows(snaps: SnapshotInfo[], rows: HistoryRow[]): HistoryEntry[] {
  const order = snaps.map((s) => s.dir.id);
  const out: HistoryEntry[] = [];
  let prev: HistoryRow | undefined;
  for (const r of rows) {
    const prevPos = prev ? order.indexOf(prev.snapId) : -2;
    const changed = !prev || prev.kind !== r.kind || prev.contentId !== r.contentId ||
      (r.kind === EntryKind.Symlink && prev.target !== r.target);
    out.push({
      snapId: r.snapId,
      kind: kindName(r.kind),
      sizeBytes: r.sizeBytes,
      mtimeMs: r.mtimeMs,
      hashHex: r.hashHex ?? undefined,
      changed,
      reappeared: prev !== undefined && order.indexOf(r.snapId) !== prevPos + 1,
    });
    prev = r;
  }
  return out;
}

/**
 * Without the index: lstat the path in every snapshot; a change is a different size or mtime. Each
 * is resolved as a page would be, so a folder that is a symlink in one snapshot is not looked through.
 */
function historyFromDisk(catalog: Catalog, snaps: SnapshotInfo[], rel: string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  let prev: HistoryEntry | undefined;
  let missedOne = false;
  for (const s of snaps) {
    if (s.dir.status === "deleting") continue;
    const found = resolveInSnapshot(s.dir.path, rel.split("/"), { fs: catalog.fs });
    if (!found) {
      missedOne = prev !== undefined;
      continue;
    }
    const { kind, info: st } = found;
    const e: HistoryEntry = {
      snapId: s.dir.id,
      kind,
      sizeBytes: st.size,
      mtimeMs: st.mtimeMs,
      changed: !prev || prev.kind !== kind || prev.sizeBytes !== st.size || prev.mtimeMs !== st.mtimeMs,
      reappeared: missedOne,
    };
    out.push(e);
    prev = e;
    missedOne = false;
  }
  return out;
}

/**
 * The complete snapshots where the path disappears. From the index, a snapshot it has no record of
 * says nothing (it may hold the path); an unfinished one never counts as an absence.
 */
export function absences(
  snaps: readonly SnapshotInfo[],
  history: readonly HistoryEntry[],
  options: { indexedOnly: boolean },
): Absence[] {
  const holding = new Set(history.map((h) => h.snapId));
  const out: Absence[] = [];
  let lastHolder: string | undefined;
  for (const s of snaps) {
    if (holding.has(s.dir.id)) {
      lastHolder = s.dir.id;
      continue;
    }
    if (s.dir.status !== "complete" || (options.indexedOnly && !s.indexed)) continue;
    if (lastHolder !== undefined) out.push({ snapId: s.dir.id, afterSnapId: lastHolder });
    lastHolder = undefined;
  }
  return out;
}

/**
 * The version before the one in `snapId` with other content: the newest history entry before the
 * first one holding the same content as `snapId`. Undefined for a first version.
 */
export function previousVersion(history: readonly HistoryEntry[], snapId: string): HistoryEntry | undefined {
  let i = history.findIndex((h) => h.snapId === snapId);
  if (i < 0) return undefined;
  while (i > 0 && !history[i].changed) i--;
  return i > 0 ? history[i - 1] : undefined;
}

function manifestHash(catalog: Catalog, snap: SnapshotInfo, rel: string): string | undefined {
  const path = snap.dir.status === "complete"
    ? sidecarPaths(catalog.root, snap.dir.name, snap.dir.id).manifest
    : snapshotPath(catalog.root, snap.dir.name, snap.dir.id, "partial") + ".sha256";
  try {
    const st = Deno.lstatSync(path);
    if (!st.isFile || st.size > catalog.maxManifestBytes) return undefined;
    for (const e of readManifest(path)) if (e.path === rel) return e.hash;
  } catch { /* no manifest */ }
  return undefined;
}
