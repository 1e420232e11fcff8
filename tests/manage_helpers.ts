/**
 * Helpers for the list/prune/restore/diff tests: independent measurements of a backup root with
 * coreutils (du, find), to compare with what phlb computes from its index.
 * @module
 */
import { assertEquals } from "./assert.ts";
import { sh } from "./helpers.ts";

/** Quotes a path for bash. */
export function q(path: string): string {
  return `'${path.replaceAll("'", "'\\''")}'`;
}

async function number(cmd: string): Promise<number> {
  const r = await sh(cmd);
  assertEquals(r.code, 0, r.stderr);
  return Number(r.stdout.trim() || "0");
}

function snapshotFiles(root: string): string {
  return `find ${q(root)} -mindepth 3 -type f -not -path ${q(root + "/.phlb/*")} -print0`;
}

/**
 * File bytes inside the snapshot folders of a root (ROOT/NAME/ID/…), counted by `du` with each
 * inode once (du's default across its arguments). Sidecars, `.phlb` and folder sizes are left out.
 */
export function duFileBytes(root: string): Promise<number> {
  return number(`${snapshotFiles(root)} | du -cb --files0-from=- | tail -n 1 | cut -f1`);
}

/** Like {@linkcode duFileBytes} but counting every link (`du -l`): the apparent size of all snapshots. */
export function duApparentBytes(root: string): Promise<number> {
  return number(`${snapshotFiles(root)} | du -cbl --files0-from=- | tail -n 1 | cut -f1`);
}

/** Bytes of the inodes all of whose links are inside `dir` (links seen there against find's %n). */
export function uniqueBytes(dir: string): Promise<number> {
  return number(
    `find ${q(dir)} -type f -printf '%i %n %s\\n' | sort | uniq -c ` +
      `| awk '$1 == $3 { s += $4 } END { print s + 0 }'`,
  );
}

/** Apparent bytes of the files in `dir`. */
export function fileBytes(dir: string): Promise<number> {
  return number(`find ${q(dir)} -type f -printf '%s\\n' | awk '{ s += $1 } END { print s + 0 }'`);
}

/** Bytes of the inodes in `dir` that none of the `older` folders holds: what the run that made `dir` wrote. */
export function bytesNotIn(dir: string, older: string[]): Promise<number> {
  const olderInodes = older.length
    ? `find ${older.map(q).join(" ")} -type f -printf '%i\\n' | sort -u`
    : "true";
  return number(
    `join -v1 <(find ${
      q(dir)
    } -type f -printf '%i %s\\n' | sort -u | sort -k1,1) <(${olderInodes} | sort -k1,1) ` +
      `| awk '{ s += $2 } END { print s + 0 }'`,
  );
}

/** Every path under `dir` with inode, size, mtime, mode, link count and type, for "nothing changed". */
export async function treeState(dir: string, options: { ignore?: RegExp } = {}): Promise<string[]> {
  const r = await sh(`find ${q(dir)} -printf '%P %i %s %T@ %m %n %y\\n' | sort`);
  assertEquals(r.code, 0, r.stderr);
  return r.stdout.split("\n").filter((l) => l !== "" && !(options.ignore?.test(l.split(" ")[0]) ?? false));
}
