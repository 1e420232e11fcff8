/**
 * The sizes of stored contents above a size, for the engine's choice of how to read a large file
 * (src/backup/large_files.ts). One scan of the contents table; no policy here.
 * @module
 */
import type { BackupIndex } from "./index.ts";

/** The distinct byte sizes of the contents larger than `minBytes` that the index records. */
export function contentSizesAbove(index: BackupIndex, minBytes: number): number[] {
  const rows = index.statement("SELECT DISTINCT size FROM contents WHERE size > ?").all(minBytes);
  return rows.map((r) => Number((r as { size: number | bigint }).size));
}
