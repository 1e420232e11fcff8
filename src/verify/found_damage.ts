/**
 * The stored inodes a verify run found damaged (other bytes, size, mtime, mode or owner than
 * recorded), with every path it met them at: what it marks in the index (index/damage.ts), and
 * what `--repair` heals. One inode is one stored copy, however many snapshots link to it.
 * Bookkeeping only: no file access.
 * @module
 */
import type { DamageProblem, FoundCopy } from "../index/damage.ts";
import type { RecordedEntry } from "../index/verify.ts";
import type { VerifyProblemKind } from "./summary.ts";

/** A path at which a damaged inode was met. */
export interface DamagedPath {
  /** `NAME/ID`. */
  snapshot: string;
  /** The snapshot's index row, when the index records it. */
  snapshotRowId?: number;
  /** Relative to the snapshot, "/"-separated. */
  rel: string;
  /** Absolute. */
  path: string;
  /** What the index recorded at this path, when it does. */
  rec?: RecordedEntry;
}

/** One damaged stored inode. */
export interface DamagedInode {
  /** `dev:ino`. */
  key: string;
  dev: number;
  ino: number;
  /** The content it must hold: the manifest's sha256, else the index's. */
  hashHex: string;
  /** The worst problem found (content, size: its bytes are wrong; else only its metadata). */
  problem: DamageProblem;
  paths: DamagedPath[];
}

/** Problems that make a stored copy damaged, worst first. */
const ORDER: readonly DamageProblem[] = ["content", "size", "mtime", "mode", "owner"];

/** Whether a problem kind is damage of a stored copy (rather than of the snapshot's shape). */
export function isCopyDamage(kind: VerifyProblemKind): kind is DamageProblem {
  return (ORDER as readonly string[]).includes(kind);
}

/** The damaged inodes of one run. */
export class FoundDamage {
  readonly #byKey = new Map<string, DamagedInode>();

  /** Records that `at.path` (inode `at.dev:at.ino`, which must hold `at.hashHex`) showed `problem`. */
  add(problem: DamageProblem, at: DamagedPath & { dev: number; ino: number; hashHex: string }): void {
    if (at.ino === 0) return; // no inode number: nothing to mark, nothing shared
    const key = `${at.dev}:${at.ino}`;
    let d = this.#byKey.get(key);
    if (!d) {
      d = { key, dev: at.dev, ino: at.ino, hashHex: at.hashHex, problem, paths: [] };
      this.#byKey.set(key, d);
    } else if (ORDER.indexOf(problem) < ORDER.indexOf(d.problem)) {
      d.problem = problem;
    }
    if (!d.paths.some((p) => p.path === at.path)) {
      d.paths.push({
        snapshot: at.snapshot,
        snapshotRowId: at.snapshotRowId,
        rel: at.rel,
        path: at.path,
        rec: at.rec,
      });
    }
  }

  /** The inode `dev:ino`, if found damaged. */
  get(key: string): DamagedInode | undefined {
    return this.#byKey.get(key);
  }

  /** Every damaged inode, in the order found. */
  all(): DamagedInode[] {
    return [...this.#byKey.values()];
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** Each damaged inode as a copy to mark (index/damage.ts), named by its first path. */
  copies(): FoundCopy[] {
    return this.all().map((d) => ({
      ino: d.ino,
      hashHex: d.hashHex,
      problem: d.problem,
      path: `${d.paths[0].snapshot}/${d.paths[0].rel}`,
    }));
  }
}
