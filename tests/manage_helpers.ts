/**
 * Helpers for the list/prune/restore/diff tests: independent measurements of a backup root, to
 * compare with what phlb computes from its index. On Linux and macOS they are coreutils (du,
 * find), the tools a user would check with; Windows has none, so there the same measurements are
 * made by walking the tree with Deno's API (still nothing of phlb's).
 * @module
 */
import { assertEquals } from "./assert.ts";
import { IS_WINDOWS, sh } from "./helpers.ts";

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

/** One regular file found by {@linkcode walkFiles}. */
interface FoundFile {
  /** "dev:ino": the inode. */
  inode: string;
  sizeBytes: number;
  nlink: number;
}

/** The regular files under `dir` (Deno's API; for Windows), at `minDepth` or deeper, skipping `skip`. */
function walkFiles(dir: string, options: { minDepth?: number; skip?: string } = {}): FoundFile[] {
  const out: FoundFile[] = [];
  const visit = (abs: string, depth: number) => {
    for (const e of Deno.readDirSync(abs)) {
      const p = `${abs}/${e.name}`;
      if (p === options.skip) continue;
      const st = Deno.lstatSync(p);
      if (st.isDirectory) visit(p, depth + 1);
      else if (st.isFile && depth + 1 >= (options.minDepth ?? 1)) {
        out.push({ inode: `${st.dev}:${st.ino}`, sizeBytes: st.size, nlink: st.nlink ?? 1 });
      }
    }
  };
  visit(dir, 0);
  return out;
}

function sumUnique(files: FoundFile[]): number {
  const seen = new Map<string, number>();
  for (const f of files) seen.set(f.inode, f.sizeBytes);
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

/**
 * File bytes inside the snapshot folders of a root (ROOT/NAME/ID/…), counted by `du` with each
 * inode once (du's default across its arguments). Sidecars, `.phlb` and folder sizes are left out.
 */
export function duFileBytes(root: string): Promise<number> {
  if (IS_WINDOWS) return Promise.resolve(sumUnique(walkFiles(root, { minDepth: 3, skip: `${root}/.phlb` })));
  return number(`${snapshotFiles(root)} | du -cb --files0-from=- | tail -n 1 | cut -f1`);
}

/** Like {@linkcode duFileBytes} but counting every link (`du -l`): the apparent size of all snapshots. */
export function duApparentBytes(root: string): Promise<number> {
  if (IS_WINDOWS) {
    const files = walkFiles(root, { minDepth: 3, skip: `${root}/.phlb` });
    return Promise.resolve(files.reduce((a, f) => a + f.sizeBytes, 0));
  }
  return number(`${snapshotFiles(root)} | du -cbl --files0-from=- | tail -n 1 | cut -f1`);
}

/** Bytes of the inodes all of whose links are inside `dir` (links seen there against find's %n). */
export function uniqueBytes(dir: string): Promise<number> {
  if (IS_WINDOWS) {
    const seen = new Map<string, { links: number; file: FoundFile }>();
    for (const f of walkFiles(dir)) {
      const s = seen.get(f.inode);
      if (s) s.links++;
      else seen.set(f.inode, { links: 1, file: f });
    }
    let total = 0;
    for (const { links, file } of seen.values()) if (links === file.nlink) total += file.sizeBytes;
    return Promise.resolve(total);
  }
  return number(
    `find ${q(dir)} -type f -printf '%i %n %s\\n' | sort | uniq -c ` +
      `| awk '$1 == $3 { s += $4 } END { print s + 0 }'`,
  );
}

/** Apparent bytes of the files in `dir`. */
export function fileBytes(dir: string): Promise<number> {
  if (IS_WINDOWS) return Promise.resolve(walkFiles(dir).reduce((a, f) => a + f.sizeBytes, 0));
  return number(`find ${q(dir)} -type f -printf '%s\\n' | awk '{ s += $1 } END { print s + 0 }'`);
}

/** Bytes of the inodes in `dir` that none of the `older` folders holds: what the run that made `dir` wrote. */
export function bytesNotIn(dir: string, older: string[]): Promise<number> {
  if (IS_WINDOWS) {
    const olderInodes = new Set(older.flatMap((o) => walkFiles(o).map((f) => f.inode)));
    return Promise.resolve(sumUnique(walkFiles(dir).filter((f) => !olderInodes.has(f.inode))));
  }
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
  if (IS_WINDOWS) {
    const out: string[] = [];
    const visit = (abs: string, rel: string) => {
      for (const e of Deno.readDirSync(abs)) {
        const p = `${abs}/${e.name}`;
        const r = rel === "" ? e.name : `${rel}/${e.name}`;
        const st = Deno.lstatSync(p);
        const type = st.isDirectory ? "d" : st.isSymlink ? "l" : "f";
        if (!(options.ignore?.test(r) ?? false)) {
          out.push(
            `${r} ${st.ino} ${st.isDirectory ? "-" : st.size} ${st.mtime?.getTime()} ${st.nlink} ${type}`,
          );
        }
        if (st.isDirectory) visit(p, r);
      }
    };
    visit(dir, "");
    return out.sort();
  }
  const r = await sh(`find ${q(dir)} -printf '%P %i %s %T@ %m %n %y\\n' | sort`);
  assertEquals(r.code, 0, r.stderr);
  return r.stdout.split("\n").filter((l) => l !== "" && !(options.ignore?.test(l.split(" ")[0]) ?? false));
}
