/**
 * Opening an existing backup root: every command that reads or changes one (list, verify, add,
 * prune, restore, diff, serve) finds it here, with the same messages and hint. `phlb backup` makes
 * a root where there is none; that is the engine's setup, not this.
 * @module
 */
import { resolve } from "node:path";
import { errorMessage, FatalError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { isNotFound } from "../fs/classify.ts";

/** What to do when the root is missing: said once, for every command. */
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
        ? msg("store.root.missing", { path })
        : msg("store.root.cannotOpen", { path, error: errorMessage(err) }),
      { cause: err, hint: isNotFound(err) ? msg("store.root.missing.hint") : undefined },
    );
  }
  let isFolder: boolean;
  try {
    isFolder = Deno.statSync(real).isDirectory;
  } catch (err) {
    throw new FatalError(msg("store.root.cannotOpen", { path, error: errorMessage(err) }), { cause: err });
  }
  if (!isFolder) throw new FatalError(msg("store.root.notAFolder", { path }));
  return real;
}
