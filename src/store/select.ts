/**
 * Which snapshots a command works on, from its arguments in the one grammar of ref.ts: a snapshot
 * stands for itself; a backup name, `ROOT/NAME` or a root for their newest complete snapshots (or
 * all of them); no argument for the root's. Used by verify and list; restore and diff take one
 * snapshot through {@linkcode resolveSnapshotRef}.
 * @module
 */
import { FatalError, UsageError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { listBackupNames, listSnapshots } from "./layout.ts";
import { refOf, resolveArgument, type SnapshotRef } from "./ref.ts";
import { openRoot } from "./root.ts";
import { DEFAULT_TIMESTAMP_FORMAT } from "./timestamp.ts";

/** Options for {@linkcode selectSnapshots}. */
export interface SelectOptions {
  /**
   * The root given with --root: names are looked up in it, and every argument must be in it.
   * Without arguments, the root whose snapshots are selected.
   */
  root?: string;
  /** The root when none is given (the configured one); called only when a name or no argument needs it. */
  defaultRoot?: () => string;
  /** Every complete snapshot of a name or root, not only the newest. */
  all?: boolean;
  /** strftime-style snapshot folder names. */
  timestampFormat?: string;
}

/** The selection: one root, and what the arguments named in it. */
export interface Selection {
  /** The backup root (real path). */
  root: string;
  /** The backup names the arguments named (each once), or undefined when one named the whole root. */
  names?: string[];
  /** The snapshots, in the order named, each once. */
  snapshots: SnapshotRef[];
}

/** The complete snapshots of `names` under `root`: the newest of each, or all of them. */
function snapshotsOf(root: string, names: readonly string[], options: { all?: boolean; format: string }) {
  const refs: SnapshotRef[] = [];
  for (const name of names) {
    const complete = listSnapshots(root, name, options.format).filter((s) => s.status === "complete");
    for (const snap of options.all ? complete : complete.slice(-1)) refs.push(refOf(root, snap, ""));
  }
  return refs;
}

/**
 * Resolves the arguments of a command to one root and its snapshots. Throws
 * {@linkcode FatalError} when an argument names nothing or the arguments are in different roots,
 * {@linkcode UsageError} when one is outside the root given with --root.
 */
export function selectSnapshots(args: readonly string[], options: SelectOptions): Selection {
  const format = options.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT;
  const namesRoot = () => {
    if (options.root !== undefined) return options.root;
    if (options.defaultRoot) return options.defaultRoot();
    throw new FatalError(msg("store.select.noRoot"));
  };
  if (args.length === 0) {
    const root = openRoot(namesRoot());
    return { root, snapshots: snapshotsOf(root, listBackupNames(root), { all: options.all, format }) };
  }
  const found = args.map((arg) => resolveArgument(arg, { root: namesRoot, timestampFormat: format }));
  const root = found[0].root;
  for (const f of found) {
    if (f.root !== root) {
      throw new FatalError(msg("store.select.otherRoot", { arg: f.arg, root }));
    }
  }
  if (options.root !== undefined && openRoot(options.root) !== root) {
    throw new UsageError(msg("store.select.notInRoot", { arg: found[0].arg }));
  }
  const wholeRoot = found.some((f) => f.name === undefined);
  const names = wholeRoot ? undefined : [...new Set(found.map((f) => f.name!))];
  const seen = new Set<string>();
  const snapshots = found.flatMap((f) =>
    f.snapshot ? [f.snapshot] : snapshotsOf(root, f.name === undefined ? listBackupNames(root) : [f.name], {
      all: options.all,
      format,
    })
  ).filter((s) => !seen.has(s.path) && seen.add(s.path));
  return { root, names, snapshots };
}
