/**
 * Snapshot references on the command line: one grammar for every command.
 *
 * - `NAME@latest`, `NAME@ID` and `NAME@ID-PREFIX`: a snapshot of a backup name under the root,
 *   optionally followed by `/SUBPATH`;
 * - `NAME`: a backup name under the root (its newest complete snapshot where one is needed);
 * - a path: a backup root (it holds `.phlb/`), a backup name's folder `ROOT/NAME`, or a snapshot
 *   folder `ROOT/NAME/ID` or a path inside one (the rest is the sub-path).
 *
 * A path that exists and is one of those wins over a name of the same spelling. Resolves; touches
 * nothing.
 * @module
 */
import { basename, dirname } from "node:path";
import { FatalError, UsageError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { IS_WINDOWS, joinPath } from "../fs/path.ts";
import {
  DELETING_SUFFIX,
  listBackupNames,
  listSnapshots,
  metaDir,
  PARTIAL_SUFFIX,
  rootOrNameFolder,
  sidecarPaths,
  type SnapshotDir,
  type SnapshotStatus,
} from "./layout.ts";
import { openRoot } from "./root.ts";
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

/** Options for {@linkcode resolveArgument} and {@linkcode resolveSnapshotRef}. */
export interface ResolveOptions {
  /** The backup root for `NAME` and `NAME@…`; called only when one is used. */
  root: () => string;
  /** The snapshot folder name format (SUB_DIR_FORMATTER). */
  timestampFormat?: string;
}

/** What one argument names: a whole root, a backup name in it, or one snapshot (and a sub-path). */
export interface ResolvedArgument {
  /** The argument as given. */
  arg: string;
  /** The backup root (absolute, real path). */
  root: string;
  /** The backup name, unless the argument is a whole root. */
  name?: string;
  /** The snapshot, when the argument names one. */
  snapshot?: SnapshotRef;
}

const REF_RE = IS_WINDOWS ? /^([^/\\@:]+)@([^/\\]+)(?:[/\\](.*))?$/s : /^([^/@]+)@([^/]+)(?:\/(.*))?$/s;

/** A word that can only be a backup name: no separator, not `.` or `..`, no leading dot. */
function isBareName(arg: string): boolean {
  return arg !== "" && !/[\\/]/.test(arg) && !arg.startsWith(".");
}

/** Splits and checks a sub-path: no "..", no empty or "." parts. Throws {@linkcode UsageError}. */
export function checkSubpath(subpath: string): string {
  const parts = subpath.split(IS_WINDOWS ? /[\\/]/ : /\//).filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) {
    throw new UsageError(msg("store.ref.dotDot", { subpath }));
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
    throw new FatalError(msg("store.ref.noSnapshots", { name, root }), {
      hint: msg("store.ref.noSnapshots.hint"),
    });
  }
  if (which === "latest") {
    const last = complete[complete.length - 1];
    if (!last) throw new FatalError(msg("store.ref.noComplete", { name, root }));
    return last;
  }
  const exact = complete.find((s) => s.id === which) ?? all.find((s) => s.id === which);
  if (exact) return exact;
  const prefixed = complete.filter((s) => s.id.startsWith(which));
  if (prefixed.length === 1) return prefixed[0];
  if (prefixed.length > 1) {
    throw new UsageError(
      msg("store.ref.ambiguous", {
        ref: `${name}@${which}`,
        count: prefixed.length,
        ids: prefixed.map((s) => s.id).join(", "),
      }),
    );
  }
  throw new FatalError(msg("store.ref.noSuchSnapshot", { which, name, root }), {
    hint: msg("store.ref.noSuchSnapshot.hint"),
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
    const isRootish = pathExists(metaDir(grand)) || pathExists(joinPath(parent, `${id}.sha256`)) ||
      pathExists(joinPath(parent, `${id}${PARTIAL_SUFFIX}.sha256`));
    if (isRootish && grand !== parent && name !== "" && !name.startsWith(".")) {
      const snap = listSnapshots(grand, name, format).find((s) => s.path === dir);
      if (snap) return refOf(grand, snap, tail.reverse().join("/"));
    }
    tail.push(folder);
    dir = parent;
  }
}

/** What an existing path stands for, or undefined when it is none of a root, a name or a snapshot. */
function pathArgument(arg: string, format: string): ResolvedArgument | undefined {
  // realPath resolves symlinks in the argument itself; inside the snapshot we look again, so find
  // the snapshot folder first, then check the rest as a sub-path.
  const real = Deno.realPathSync(arg);
  const folder = rootOrNameFolder(real);
  if (folder) return { arg, root: folder.root, name: folder.name };
  const snapshot = snapshotOfPath(real, format);
  return snapshot && { arg, root: snapshot.root, name: snapshot.name, snapshot };
}

/** The hint for an argument that names nothing: the names there are, or the grammar. */
function nothingThereHint(root: string | undefined): Msg {
  const names = root === undefined ? [] : listBackupNames(root);
  return names.length > 0
    ? msg("store.ref.namesAre", { root: root!, names: names.join(", ") })
    : msg("store.ref.giveWhat");
}

/**
 * Resolves one argument (see the module's grammar). Throws {@linkcode UsageError} for a malformed
 * reference, {@linkcode FatalError} when nothing matches.
 */
export function resolveArgument(arg: string, options: ResolveOptions): ResolvedArgument {
  const format = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
  const m = REF_RE.exec(arg);
  if (m && !pathExists(arg)) {
    const root = openRoot(options.root());
    const snap = pickSnapshot(root, m[1], m[2], format);
    return { arg, root, name: snap.name, snapshot: refOf(root, snap, checkSubpath(m[3] ?? "")) };
  }
  const exists = pathExists(arg);
  const byPath = exists ? pathArgument(arg, format) : undefined;
  if (byPath) return byPath;
  if (isBareName(arg)) {
    const root = openRoot(options.root());
    if (listBackupNames(root).includes(arg)) return { arg, root, name: arg };
    if (!exists) {
      throw new FatalError(msg("store.noBackupNamed", { name: arg, root }), { hint: nothingThereHint(root) });
    }
  }
  if (exists) {
    // A folder of the wrong kind (a live source folder, say) is a mistake on the command line.
    throw new UsageError(msg("store.ref.notASnapshot", { arg }));
  }
  throw new FatalError(msg("store.ref.doesNotExist", { arg }), { hint: nothingThereHint(undefined) });
}

/**
 * Resolves an argument that must name one snapshot (restore, diff): a `NAME` or `ROOT/NAME` stands
 * for the name's newest complete snapshot; a whole root is refused.
 */
export function resolveSnapshotRef(arg: string, options: ResolveOptions): SnapshotRef {
  const found = resolveArgument(arg, options);
  if (found.snapshot) return found.snapshot;
  if (found.name === undefined) {
    throw new FatalError(msg("store.ref.isRoot", { arg }), { hint: msg("store.ref.isRoot.hint") });
  }
  return refOf(found.root, pickSnapshot(found.root, found.name, "latest", options.timestampFormat), "");
}
