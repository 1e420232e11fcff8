/**
 * Opening an existing backup root: every command that reads or changes one (list, verify, add,
 * prune, restore, diff, serve) finds it here, with the same messages and hint. `phlb backup` makes
 * a root where there is none; that is the engine's setup, not this.
 * @module
 */
import { resolve } from "node:path";
import { errorMessage, FatalError } from "../errors.ts";
import { isNotFound } from "../fs/classify.ts";

/** What to do when the root is missing: said once, for every command. */
const MISSING_ROOT_HINT = "give the root with --root, or make a backup first: phlb backup SOURCE";

/**
 * The real path of the backup root `path` (absolute, or relative to the working folder). Throws
 * {@linkcode FatalError} when it does not exist, is not a folder, or cannot be read.
 */
export function openRoot(path: string): string {
  let real: string;
  try {
    real = Deno.realPathSync(resolve(path));
  } catch (err) {
    throw new FatalError(
      isNotFound(err)
        ? `Backup root "${path}" does not exist`
        : `Cannot open backup root "${path}": ${errorMessage(err)}`,
      { cause: err, hint: isNotFound(err) ? MISSING_ROOT_HINT : undefined },
    );
  }
  let isFolder: boolean;
  try {
    isFolder = Deno.statSync(real).isDirectory;
  } catch (err) {
    throw new FatalError(`Cannot open backup root "${path}": ${errorMessage(err)}`, { cause: err });
  }
  if (!isFolder) throw new FatalError(`Backup root "${path}" is not a folder`);
  return real;
}
