/**
 * Snapshot references on the command line: a path (`/b/Documents/2026-11-28-101500/sub/dir`) or
 * `NAME@latest`, `NAME@ID` and `NAME@ID-PREFIX` against a backup root, each optionally followed by
 * `/SUBPATH`. Resolves them to a snapshot folder and a checked sub-path; touches nothing.
 * @module
 */
import { basename, dirname, resolve } from "node:path";
import { FatalError, UsageError } from "../errors.ts";
import { IS_WINDOWS, joinPath } from "../fs/path.ts";
import {
  DELETING_SUFFIX,
  listSnapshots,
  META_DIR,
  PARTIAL_SUFFIX,
  sidecarPaths,
  type SnapshotDir,
  type SnapshotStatus,
} from "./layout.ts";
import { DEFAULT_TIMESTAMP_FORMAT } from "./timestamp.ts";
import { pathExists } from "../fs/classify.ts";

/** A resolved snapshot reference. */
export interface SnapshotRef {
  /** The backup root (absolute, real path). */
  root: string;
  /** The backup name. */
  name: string;
  /** The snapshot's id (folder name without suffix). */
  id: string;
  /** The snapshot folder's absolute path (with its suffix). */
  path: string;
  status: SnapshotStatus;
  /** "/"-separated path inside the snapshot ("" for the whole snapshot); never holds "." or "..". */
  subpath: string;
  /** The manifest beside the snapshot (`ID.sha256`, or `ID.partial.sha256` while partial). */
  manifestPath: string;
}

/** Options for {@linkcode resolveSnapshotRef}. */
export interface ResolveOptions {
  /** The backup root for `NAME@…` references; called only when one is used. */
  root: () => string;
  /** The snapshot folder name format (SUB_DIR_FORMATTER). */
  timestampFormat?: string;
}

const REF_RE = IS_WINDOWS ? /^([^/\\@:]+)@([^/\\]+)(?:[/\\](.*))?$/s : /^([^/@]+)@([^/]+)(?:\/(.*))?$/s;

/** Splits and checks a sub-path: no "..", no empty or "." parts. Throws {@linkcode UsageError}. */
export function checkSubpath(subpath: string): string {
  const parts = subpath.split(IS_WINDOWS ? /[\\/]/ : /\//).filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) {
    throw new UsageError(`the path inside the snapshot must not contain "..": ${subpath}`);
  }
  return parts.join("/");
}

function manifestOf(root: string, name: string, id: string, status: SnapshotStatus): string {
  return status === "partial"
    ? joinPath(root, `${name}/${id}${PARTIAL_SUFFIX}.sha256`)
    : sidecarPaths(root, name, id).manifest;
}

/** The reference to a listed snapshot folder, with a checked sub-path. */
export function refOf(root: string, snap: SnapshotDir, subpath: string): SnapshotRef {
  return {
    root,
    name: snap.name,
    id: snap.id,
    path: snap.path,
    status: snap.status,
    subpath,
    manifestPath: manifestOf(root, snap.name, snap.id, snap.status),
  };
}

/** Picks snapshot `which` ("latest", an id, or a unique id prefix) of `name` under `root`. */
export function pickSnapshot(root: string, name: string, which: string, format?: string): SnapshotDir {
  const all = listSnapshots(root, name, format ?? DEFAULT_TIMESTAMP_FORMAT);
  const complete = all.filter((s) => s.status === "complete");
  if (all.length === 0) {
    throw new FatalError(`No snapshots of "${name}" under "${root}"`, {
      hint: "`phlb list --root ROOT` shows the backup names and their snapshots",
    });
  }
  if (which === "latest") {
    const last = complete[complete.length - 1];
    if (!last) throw new FatalError(`"${name}" has no complete snapshot under "${root}"`);
    return last;
  }
  const exact = complete.find((s) => s.id === which) ?? all.find((s) => s.id === which);
  if (exact) return exact;
  const prefixed = complete.filter((s) => s.id.startsWith(which));
  if (prefixed.length === 1) return prefixed[0];
  if (prefixed.length > 1) {
    throw new UsageError(
      `"${name}@${which}" matches ${prefixed.length} snapshots (${prefixed.map((s) => s.id).join(", ")})`,
    );
  }
  throw new FatalError(`No snapshot "${which}" of "${name}" under "${root}"`, {
    hint: "`phlb list` shows the snapshots",
  });
}

/** Finds the snapshot folder that holds `realPath` (itself or an ancestor). */
function snapshotOfPath(realPath: string, format: string): SnapshotRef | undefined {
  let dir = realPath;
  const tail: string[] = [];
  for (;;) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    const grand = dirname(parent);
    const folder = basename(dir);
    const name = basename(parent);
    let id = folder;
    if (id.endsWith(PARTIAL_SUFFIX)) id = id.slice(0, -PARTIAL_SUFFIX.length);
    else if (id.endsWith(DELETING_SUFFIX)) id = id.slice(0, -DELETING_SUFFIX.length);
    const isRootish = pathExists(joinPath(grand, META_DIR)) || pathExists(joinPath(parent, `${id}.sha256`)) ||
      pathExists(joinPath(parent, `${id}${PARTIAL_SUFFIX}.sha256`));
    if (isRootish && grand !== parent && name !== "" && !name.startsWith(".")) {
      const snap = listSnapshots(grand, name, format).find((s) => s.path === dir);
      if (snap) return refOf(grand, snap, tail.reverse().join("/"));
    }
    tail.push(folder);
    dir = parent;
  }
}

/** The hint for a reference that is no path: a bare backup name gets its `NAME@latest` spelled out. */
function missingRefHint(ref: string, options: ResolveOptions): string {
  if (/^[^/\\@]+$/.test(ref) && !ref.startsWith(".")) {
    let root: string | undefined;
    try {
      root = resolve(options.root());
    } catch {
      root = undefined;
    }
    if (root !== undefined && pathExists(joinPath(root, ref)) && pathExists(joinPath(root, META_DIR))) {
      return `"${ref}" is a backup name under ${root}: did you mean ${ref}@latest?`;
    }
  }
  return "give a snapshot folder, or NAME@latest / NAME@ID with --root";
}

/**
 * Resolves a snapshot reference. A reference that exists as a path is a path; otherwise
 * `NAME@WHICH[/SUBPATH]` is looked up under `options.root()`.
 * Throws {@linkcode UsageError} for a malformed reference, {@linkcode FatalError} when nothing matches.
 */
export function resolveSnapshotRef(ref: string, options: ResolveOptions): SnapshotRef {
  const format = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
  const m = REF_RE.exec(ref);
  if (m && !pathExists(ref)) {
    const root = resolve(options.root());
    let realRoot = root;
    try {
      realRoot = Deno.realPathSync(root);
    } catch {
      throw new FatalError(`Backup root "${root}" does not exist`, { hint: "give the root with --root" });
    }
    const snap = pickSnapshot(realRoot, m[1], m[2], format);
    return refOf(realRoot, snap, checkSubpath(m[3] ?? ""));
  }
  let real: string;
  try {
    real = Deno.realPathSync(ref);
  } catch {
    throw new FatalError(`Snapshot "${ref}" does not exist`, { hint: missingRefHint(ref, options) });
  }
  // realPath resolves symlinks in the reference itself; inside the snapshot we look again, so find
  // the snapshot folder first, then check the rest as a sub-path.
  const found = snapshotOfPath(real, format);
  if (!found) {
    throw new FatalError(`"${ref}" is not inside a phlb snapshot folder (ROOT/NAME/ID)`);
  }
  return found;
}
