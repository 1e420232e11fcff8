/**
 * Which snapshots a command works on: the paths the user named, or, under a root, the newest
 * complete snapshot of every backup name (or all of them).
 * @module
 */
import { dirname, resolve } from "node:path";
import { errorMessage, FatalError } from "../errors.ts";
import { isNotFound } from "../fs/classify.ts";
import { baseName } from "../fs/path.ts";
import {
  DELETING_SUFFIX,
  listBackupNames,
  listSnapshots,
  PARTIAL_SUFFIX,
  rootOrNameFolder,
  type SnapshotDir,
} from "../store/layout.ts";
import { DEFAULT_TIMESTAMP_FORMAT, parseTimestamp } from "../store/timestamp.ts";

/** What to select. */
export interface SelectOptions {
  /** The backup root. Required without `paths`; with them it must be their root. */
  root?: string;
  /** Snapshot folders (`ROOT/NAME/ID`), absolute or relative to the working directory. */
  paths?: readonly string[];
  /** Every complete snapshot instead of the newest of each name. */
  all?: boolean;
  /** strftime-style snapshot folder names. */
  timestampFormat?: string;
}

/** The selection: a real root path and its snapshots, by name, oldest first. */
export interface Selection {
  root: string;
  snapshots: SnapshotDir[];
}

/** The real path of the backup root; FatalError when it does not exist. */
export function realRoot(root: string): string {
  try {
    const real = Deno.realPathSync(resolve(root));
    if (!Deno.statSync(real).isDirectory) throw new FatalError(`Backup root "${root}" is not a folder`);
    return real;
  } catch (err) {
    if (err instanceof FatalError) throw err;
    throw new FatalError(
      isNotFound(err)
        ? `Backup root "${root}" does not exist`
        : `Cannot open backup root "${root}": ${errorMessage(err)}`,
      { cause: err },
    );
  }
}

function snapshotFromPath(path: string, format: string): { root: string; snap: SnapshotDir } {
  let real: string;
  try {
    real = Deno.realPathSync(resolve(path));
  } catch (err) {
    throw new FatalError(
      isNotFound(err) ? `Snapshot "${path}" does not exist` : `Cannot open "${path}": ${errorMessage(err)}`,
      { cause: err },
    );
  }
  if (!Deno.statSync(real).isDirectory) throw new FatalError(`Snapshot "${path}" is not a folder`);
  const id = baseName(real);
  const nameDir = dirname(real);
  const name = baseName(nameDir);
  if (id.endsWith(PARTIAL_SUFFIX) || id.endsWith(DELETING_SUFFIX)) {
    throw new FatalError(`"${path}" is not a complete snapshot (it is ${id.slice(id.lastIndexOf("."))})`);
  }
  if (name === "" || name.startsWith(".")) {
    throw new FatalError(`"${path}" is not a snapshot folder: expected ROOT/NAME/ID`);
  }
  const parsed = parseTimestamp(id, format) ?? parseTimestamp(id, DEFAULT_TIMESTAMP_FORMAT);
  return {
    root: dirname(nameDir),
    snap: { name, id, path: real, status: "complete", date: parsed?.date, seq: parsed?.seq ?? 1 },
  };
}

/** The complete snapshots of `names` under `root`: the newest of each, or all of them. */
function snapshotsOf(root: string, names: readonly string[], options: { all?: boolean; format: string }) {
  const snapshots: SnapshotDir[] = [];
  for (const name of names) {
    const complete = listSnapshots(root, name, options.format).filter((s) => s.status === "complete");
    if (options.all) snapshots.push(...complete);
    else if (complete.length > 0) snapshots.push(complete[complete.length - 1]);
  }
  return snapshots;
}

/**
 * What a path the user named stands for: a snapshot folder `ROOT/NAME/ID`, or, recognised by the
 * root's `.phlb` folder, a whole backup root or a backup name's folder `ROOT/NAME` (their newest
 * complete snapshots, or all with `all`). Taking a root for a snapshot would report it as damaged.
 */
function snapshotsFromPath(
  path: string,
  options: { all?: boolean; format: string },
): { root: string; snaps: SnapshotDir[] } {
  let real: string;
  try {
    real = Deno.realPathSync(resolve(path));
  } catch {
    // snapshotFromPath says why.
    const f = snapshotFromPath(path, options.format);
    return { root: f.root, snaps: [f.snap] };
  }
  const folder = rootOrNameFolder(real);
  if (folder) {
    const names = folder.name === undefined ? listBackupNames(folder.root) : [folder.name];
    return { root: folder.root, snaps: snapshotsOf(folder.root, names, options) };
  }
  const f = snapshotFromPath(path, options.format);
  return { root: f.root, snaps: [f.snap] };
}

/**
 * Resolves the snapshots to work on. Throws {@linkcode FatalError} for paths that are neither
 * snapshots nor a backup root or name folder.
 */
export function selectSnapshots(options: SelectOptions): Selection {
  const format = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
  if (options.paths && options.paths.length > 0) {
    const found = options.paths.map((p) => ({
      path: p,
      ...snapshotsFromPath(p, { all: options.all, format }),
    }));
    const root = found[0].root;
    for (const f of found) {
      if (f.root !== root) {
        throw new FatalError(
          `Snapshots of different roots: "${f.path}" is not under "${root}"; verify one root at a time`,
        );
      }
    }
    if (options.root !== undefined && realRoot(options.root) !== root) {
      throw new FatalError(`"${found[0].path}" is not in the backup root "${options.root}"`);
    }
    const seen = new Set<string>();
    const snapshots = found.flatMap((f) => f.snaps).filter((s) => !seen.has(s.path) && seen.add(s.path));
    return { root, snapshots };
  }
  if (options.root === undefined) throw new FatalError("No backup root given");
  const root = realRoot(options.root);
  return { root, snapshots: snapshotsOf(root, listBackupNames(root), { all: options.all, format }) };
}
