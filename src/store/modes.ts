/**
 * Who may read what phlb keeps in a backup root (FORMAT.md, "Modes"): the names and hashes of a
 * private folder's files must not be readable through the root when the folder itself is not.
 *
 * - The root, the NAME folders (and any missing parent of a root) that phlb makes get
 *   DEFAULT_NEW_PATH_MODE, 0o700 unless configured, set exactly (the umask does not widen or
 *   narrow it). A folder phlb did not make keeps its mode.
 * - `.phlb/` is 0o700 and its files (index, its -wal and -shm, the lock) 0o600, whatever the
 *   umask or DEFAULT_NEW_PATH_MODE; one an older phlb made laxer is tightened when it is ours.
 * - A snapshot's sidecars (ID.sha256, ID.log, ID.summary.json) are no more readable than the
 *   snapshot's top folder, which has the source folder's mode: a 0o700 source gives 0o600.
 *
 * Windows has no such modes: there everything here does what mkdir does and nothing else.
 * @module
 */
import { dirname } from "node:path";
import { IS_WINDOWS } from "../fs/path.ts";
import { metaDir } from "./layout.ts";

/** The mode of the root and NAME folders phlb makes, unless DEFAULT_NEW_PATH_MODE says otherwise. */
export const DEFAULT_NEW_FOLDER_MODE = 0o700;
/** `.phlb/`: the index holds every file's name and hash. */
export const META_DIR_MODE = 0o700;
/** The files in `.phlb/`. */
export const META_FILE_MODE = 0o600;

/**
 * Makes folder `path` and each missing parent with exactly `mode`; folders that exist are left as
 * they are. Returns the folders it made, outermost first.
 */
export function makeFolders(path: string, mode: number): string[] {
  const missing: string[] = [];
  for (let p = path;; p = dirname(p)) {
    try {
      Deno.lstatSync(p);
      break;
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  const made: string[] = [];
  for (const p of missing) {
    try {
      Deno.mkdirSync(p, { mode });
    } catch (err) {
      // Made meanwhile by someone else: theirs, not ours to set.
      if (err instanceof Deno.errors.AlreadyExists) continue;
      throw err;
    }
    // mkdir's mode passes through the umask; the configured mode is meant as written.
    if (!IS_WINDOWS) Deno.chmodSync(p, mode);
    made.push(p);
  }
  // A symlink or a file at `path` is for the caller to find (it checks that the root is a folder).
  return made;
}

/**
 * Makes `ROOT/.phlb` (0o700), or tightens an existing one that is ours and readable by others (an
 * older phlb made it 0o755 under a 022 umask). Returns its path.
 */
export function makeMetaDir(root: string): string {
  const meta = metaDir(root);
  if (makeFolders(meta, META_DIR_MODE).length === 0) tighten(meta, META_DIR_MODE);
  return meta;
}

/**
 * Sets `path` (a folder or file of phlb's own in `.phlb/`) to `mode` when it is ours and grants
 * more; never fails (a file we cannot change keeps its mode, as it did).
 */
export function tighten(path: string, mode: number): void {
  if (IS_WINDOWS) return;
  try {
    const info = Deno.lstatSync(path);
    if (info.isSymlink || info.uid !== Deno.uid() || ((info.mode ?? 0) & 0o777 & ~mode) === 0) return;
    Deno.chmodSync(path, mode);
  } catch { /* gone, or not ours */ }
}

/**
 * The mode of a sidecar beside a snapshot whose top folder has mode `folderMode`: read and write
 * for the owner, read for the group and for others only where the folder lets them list it.
 */
export function sidecarMode(folderMode: number): number {
  return 0o600 | (folderMode & 0o040) | (folderMode & 0o004);
}

/** {@linkcode sidecarMode} of the folder at `path` (0o600 when it cannot be read). */
export function sidecarModeOf(path: string): number {
  try {
    return sidecarMode(Deno.statSync(path).mode ?? 0);
  } catch {
    return 0o600;
  }
}
