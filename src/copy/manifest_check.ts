/**
 * Checks a copied snapshot against its source's manifest, as the engine stores it: every file,
 * in walk order, must be the manifest's next line with the same hash, and no line may be left at
 * the end. A difference is damage at the source (the bytes there are not what the backup wrote),
 * and stops the copy of that snapshot, as does a file whose copy the source's index marks damaged
 * (its bytes, size, mtime, mode or owner: a copy never spreads one). Reads the manifest a chunk at
 * a time.
 * @module
 */
import { FatalError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { compareWalkOrder, ManifestReader } from "../store/manifest.ts";
import type { ManifestEntry } from "../store/manifest.ts";
import type { DamageMark } from "../index/damage.ts";

/** The source snapshot does not match its manifest. */
export class SourceDamageError extends FatalError {
  constructor(readonly snapshot: string, detail: Msg) {
    super(msg("copy.sourceDamaged", { snapshot, detail }), { hint: msg("copy.sourceDamaged.hint") });
  }
}

/**
 * The source root's damage marks, asked by a file's inode number and hash. Where the source's inode
 * numbers mean nothing (a network root) a mark stands for every copy of its content.
 */
export class SourceDamageMarks {
  readonly #byHash: Map<string, DamageMark[]>;
  readonly #inodesStable: boolean;

  constructor(byHash: Map<string, DamageMark[]>, options: { inodesStable: boolean }) {
    this.#byHash = byHash;
    this.#inodesStable = options.inodesStable;
  }

  /** How many contents have a marked copy. */
  get size(): number {
    return this.#byHash.size;
  }

  /** The mark of the file with inode `ino` holding the content `hashHex`, if it is marked damaged. */
  find(ino: number, hashHex: string): DamageMark | undefined {
    const marks = this.#byHash.get(hashHex);
    if (!marks) return undefined;
    return this.#inodesStable ? marks.find((m) => m.ino === ino) : marks[0];
  }
}

/** The engine's `storedCheck` for one snapshot copy (BackupOptions). */
export class ManifestCheck {
  readonly #reader: ManifestReader;
  readonly #label: string;
  #cur: ManifestEntry | undefined;
  #badLines = 0;

  readonly #damaged?: SourceDamageMarks;

  /**
   * Opens the source manifest `path` of snapshot `label` (`NAME/ID`, for messages). `damaged`: the
   * source root's damage marks (index/damage.ts), asked for every file.
   */
  constructor(path: string, label: string, options: { damaged?: SourceDamageMarks } = {}) {
    this.#label = label;
    this.#damaged = options.damaged;
    this.#reader = new ManifestReader(path, { onBadLine: () => this.#badLines++ });
    this.#cur = this.#reader.next();
  }

  /** A stored file, the hash of the bytes stored, and the source file's inode number. */
  file(rel: string, hashHex: string, source: { ino: number } = { ino: 0 }): void {
    const cur = this.#cur;
    if (this.#badLines > 0) this.#fail(msg("copy.damage.badLines"));
    if (cur && compareWalkOrder(cur.path, rel) < 0) {
      this.#fail(msg("copy.damage.notCopied", { path: JSON.stringify(cur.path) }));
    }
    if (!cur || cur.path !== rel) {
      this.#fail(msg("copy.damage.notListed", { path: JSON.stringify(rel) }));
    }
    if (cur.hash !== hashHex) {
      this.#fail(
        msg("copy.damage.content", { path: JSON.stringify(rel), actual: hashHex, expected: cur.hash }),
      );
    }
    const mark = this.#damaged?.find(source.ino, hashHex);
    if (mark) {
      this.#fail(
        msg("copy.damage.marked", {
          path: JSON.stringify(rel),
          problem: mark.problem,
          foundBy: mark.foundBy,
          at: mark.path,
        }),
      );
    }
    this.#cur = this.#reader.next();
  }

  /** The walk is done: every manifest line must have been met. */
  end(): void {
    if (this.#cur) {
      this.#fail(msg("copy.damage.notCopied", { path: JSON.stringify(this.#cur.path) }));
    }
    if (this.#badLines > 0) this.#fail(msg("copy.damage.badLines"));
  }

  /** Closes the manifest. */
  close(): void {
    this.#reader.close();
  }

  #fail(detail: Msg): never {
    throw new SourceDamageError(this.#label, detail);
  }
}
