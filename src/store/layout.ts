/**
 * The backup root's layout on disk (see FORMAT.md):
 *
 *     ROOT/.phlb/index.sqlite    the content index (a cache)
 *     ROOT/.phlb/lock            one writer per root
 *     ROOT/NAME/ID/              a complete snapshot: only the user's files
 *     ROOT/NAME/ID.partial/      a snapshot being written, or left by an interrupted run
 *     ROOT/NAME/ID.deleting/     a snapshot being removed by prune
 *     ROOT/NAME/ID.sha256        manifest; ID.log run log; ID.summary.json summary
 *
 * This module names and lists those things. It never deletes or rewrites a snapshot.
 * @module
 */
import { dirname } from "node:path";
import { baseName, joinPath } from "../fs/path.ts";
import { DEFAULT_TIMESTAMP_FORMAT, formatTimestamp, parseTimestamp, withSequence } from "./timestamp.ts";
import { pathExists } from "../fs/classify.ts";

/** The folder inside the root that holds phlb's own state. */
const META_DIR = ".phlb";
/** Suffix of a snapshot being written. */
export const PARTIAL_SUFFIX = ".partial";
/** Suffix of a snapshot being removed. */
export const DELETING_SUFFIX = ".deleting";

/**
 * The temporary name `phlb add` links a stored copy to, in the folder of the file it replaces,
 * before renaming it over that file. Found later, it is a leftover of a run killed in between.
 */
export function dedupTempName(pid: number, n: number): string {
  return `.phlb-dedup-${pid}-${n}.tmp`;
}

/** Matches names made by {@linkcode dedupTempName}. */
export const DEDUP_TEMP_NAME: RegExp = /^\.phlb-dedup-\d+-\d+\.tmp$/;

/**
 * The temporary name `phlb verify --repair` writes a new copy under, or links it to, in the folder
 * of a path it heals, before renaming it over that path. Found later, it is a leftover of a repair
 * killed in between: the path still holds the old copy or already the new one, and the name can go.
 */
export function repairTempName(pid: number, n: number): string {
  return `.phlb-repair-${pid}-${n}.tmp`;
}

/** Matches names made by {@linkcode repairTempName}. */
export const REPAIR_TEMP_NAME: RegExp = /^\.phlb-repair-\d+-\d+\.tmp$/;

/** A snapshot's state, as seen on disk. */
export type SnapshotStatus = "complete" | "partial" | "deleting";

/** A snapshot folder found under `ROOT/NAME`. */
export interface SnapshotDir {
  /** The backup name (folder under the root). */
  name: string;
  /** The snapshot's id: its folder name without suffix, e.g. "2026-11-28-101500". */
  id: string;
  /** Absolute path of the snapshot folder as it is now (with its suffix). */
  path: string;
  status: SnapshotStatus;
  /**
   * When the snapshot was started: the exact time from its summary when that belongs to its id
   * (see summaryStart), else parsed from the id; undefined if the id has another shape.
   */
  date?: Date;
  /** The time its id says, read as local time here: the wall-clock time where it was taken. */
  nameDate?: Date;
  /** The same-second sequence number (1 for none). */
  seq: number;
}

/** Paths of the files beside a snapshot. */
export interface SidecarPaths {
  manifest: string;
  log: string;
  summary: string;
}

/** Sidecar paths for snapshot `id` of backup `name`. */
export function sidecarPaths(root: string, name: string, id: string): SidecarPaths {
  const base = joinPath(root, `${name}/${id}`);
  return { manifest: `${base}.sha256`, log: `${base}.log`, summary: `${base}.summary.json` };
}

/** Absolute path of the snapshot folder for a status. */
export function snapshotPath(root: string, name: string, id: string, status: SnapshotStatus): string {
  const suffix = status === "partial" ? PARTIAL_SUFFIX : status === "deleting" ? DELETING_SUFFIX : "";
  return joinPath(root, `${name}/${id}${suffix}`);
}

/** The `.phlb` folder of a root. */
export function metaDir(root: string): string {
  return joinPath(root, META_DIR);
}

/** True when `path/.phlb` is a folder: `path` is a backup root. */
export function holdsIndexFolder(path: string): boolean {
  try {
    return Deno.statSync(joinPath(path, META_DIR)).isDirectory;
  } catch {
    return false;
  }
}

/**
 * What an existing real path stands for when it is a backup root (it holds `.phlb/`) or a backup
 * name's folder `ROOT/NAME` (its parent does); undefined for anything else.
 */
export function rootOrNameFolder(real: string): { root: string; name?: string } | undefined {
  if (holdsIndexFolder(real)) return { root: real };
  const parent = dirname(real);
  const name = baseName(real);
  if (parent !== real && !name.startsWith(".") && holdsIndexFolder(parent)) return { root: parent, name };
  return undefined;
}

/**
 * Whether `name` can be a backup name: a plain folder name, neither hidden nor phlb's own (no
 * separator, no leading dot, so neither `.`, `..` nor `.phlb`).
 */
export function isBackupName(name: string): boolean {
  return name !== "" && !/[\\/]/.test(name) && !name.startsWith(".");
}

/** Backup names under a root: its folders, except phlb's own. Sorted. */
export function listBackupNames(root: string): string[] {
  const names: string[] = [];
  try {
    for (const e of Deno.readDirSync(root)) {
      if (e.isDirectory && !e.name.startsWith(".")) names.push(e.name);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return names.sort();
}

/**
 * Lists the snapshots of one backup name, oldest first.
 *
 * A folder counts as a complete snapshot when its name parses as a timestamp in `format` (or the
 * default format), or when a manifest `ID.sha256` lies beside it. Other folders are the user's and
 * are left alone.
 */
export function listSnapshots(root: string, name: string, format = DEFAULT_TIMESTAMP_FORMAT): SnapshotDir[] {
  const dir = joinPath(root, name);
  const out: SnapshotDir[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const path = joinPath(dir, e.name);
    // A symlink is never a snapshot: commands that write (add, prune) would act on what it points at.
    if (!e.isDirectory) continue;
    let status: SnapshotStatus = "complete";
    let id = e.name;
    if (id.endsWith(PARTIAL_SUFFIX)) {
      status = "partial";
      id = id.slice(0, -PARTIAL_SUFFIX.length);
    } else if (id.endsWith(DELETING_SUFFIX)) {
      status = "deleting";
      id = id.slice(0, -DELETING_SUFFIX.length);
    }
    let used = format;
    let parsed = parseTimestamp(id, format);
    if (!parsed && format !== DEFAULT_TIMESTAMP_FORMAT) {
      used = DEFAULT_TIMESTAMP_FORMAT;
      parsed = parseTimestamp(id, used);
    }
    // Without a timestamp, only a sidecar says the folder is phlb's: a user's "photos.partial" is no
    // snapshot, and no command may remove it as one.
    if (!parsed && !hasSidecar(dir, id, status)) continue;
    const date = parsed &&
      (summaryStart(dir, id, { format: used, seq: parsed.seq, date: parsed.date }) ?? parsed.date);
    out.push({ name, id, path, status, date, nameDate: parsed?.date, seq: parsed?.seq ?? 1 });
  }
  out.sort((a, b) =>
    (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0) || a.seq - b.seq ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
  return out;
}

/** How far apart the readings of one local time in two time zones can be (UTC-12 to UTC+14). */
const ANY_ZONE_MS = 26 * 3600_000;

/**
 * True when a file phlb writes beside snapshot `id` exists: its manifest for a complete snapshot;
 * any of its sidecars for a `.partial` or `.deleting` folder (prune removes those after the tree).
 */
function hasSidecar(dir: string, id: string, status: SnapshotStatus): boolean {
  const names = status === "complete"
    ? [`${id}.sha256`]
    : [`${id}.sha256`, `${id}${PARTIAL_SUFFIX}.sha256`, `${id}.log`, `${id}.summary.json`];
  return names.some((n) => pathExists(joinPath(dir, n)));
}

/**
 * The start time a snapshot's summary records, when the summary names this snapshot (or, for a
 * summary without that field, when the time formats to the snapshot's id). An id is local
 * time, which repeats when the clock goes back (the hour a DST change repeats, a corrected clock);
 * the summary's UTC time orders such snapshots as they were taken. Undefined when there is no
 * readable summary or it belongs to another id (a renamed folder).
 */
function summaryStart(
  dir: string,
  id: string,
  parsed: { format: string; seq: number; date: Date },
): Date | undefined {
  let summary: { startedAt?: unknown; snapshot?: unknown } | undefined;
  try {
    summary = JSON.parse(Deno.readTextFileSync(joinPath(dir, `${id}.summary.json`)));
  } catch {
    return undefined;
  }
  const started = summary?.startedAt;
  if (typeof started !== "string") return undefined;
  const date = new Date(started);
  if (Number.isNaN(date.getTime())) return undefined;
  // The summary names its snapshot, and its time is one the id stands for in some time zone (UTC-12
  // to UTC+14): the run may have had another zone than this one. (A snapshot named for another
  // time, as tests make them, keeps the time its name says.)
  if (summary?.snapshot === id && Math.abs(date.getTime() - parsed.date.getTime()) <= ANY_ZONE_MS) {
    return date;
  }
  return withSequence(formatTimestamp(date, parsed.format), parsed.seq) === id ? date : undefined;
}

/** Whether any file or folder for snapshot `id` of `name` exists (in any state, or its sidecars). */
export function snapshotIdTaken(root: string, name: string, id: string): boolean {
  const side = sidecarPaths(root, name, id);
  return pathExists(snapshotPath(root, name, id, "complete")) ||
    pathExists(snapshotPath(root, name, id, "partial")) ||
    pathExists(snapshotPath(root, name, id, "deleting")) ||
    pathExists(side.manifest) || pathExists(side.summary);
}
