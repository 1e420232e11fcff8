/**
 * What main.ts needs to say about a failure no command turned into a FatalError itself: index
 * damage met mid-way by any command (the check when the index is opened reads one table only).
 * Keeps main.ts to the command tree, the error classes and exit codes.
 * @module
 */
import { FatalError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";
import { INDEX_REBUILD_HINT, isIndexCorruption } from "../index/errors.ts";

/** The failure as a FatalError when it is one phlb can explain (a damaged index), else undefined. */
export function explainedFailure(err: unknown): FatalError | undefined {
  if (err instanceof FatalError) return err;
  if (isIndexCorruption(err)) {
    return new FatalError(msg("cli.failure.indexDamaged", { error: (err as Error).message }), {
      cause: err,
      hint: INDEX_REBUILD_HINT,
    });
  }
  return undefined;
}
