/**
 * Checks a copied snapshot against its source's manifest, as the engine stores it: every file,
 * in walk order, must be the manifest's next line with the same hash, and no line may be left at
 * the end. A difference is damage at the source (the bytes there are not what the backup wrote),
 * and stops the copy of that snapshot. Reads the manifest a chunk at a time.
 * @module
 */
import { FatalError } from "../errors.ts";
import { compareWalkOrder, ManifestReader } from "../store/manifest.ts";
import type { ManifestEntry } from "../store/manifest.ts";

/** The source snapshot does not match its manifest. */
export class SourceDamageError extends FatalError {
  constructor(readonly snapshot: string, detail: string) {
    super(`The source snapshot ${snapshot} is damaged: ${detail}`, {
      hint: "`phlb verify` at the source shows every difference; the copy of this snapshot stays .partial",
    });
  }
}

/** The engine's `storedCheck` for one snapshot copy (BackupOptions). */
export class ManifestCheck {
  readonly #reader: ManifestReader;
  readonly #label: string;
  #cur: ManifestEntry | undefined;
  #badLines = 0;

  /** Opens the source manifest `path` of snapshot `label` (`NAME/ID`, for messages). */
  constructor(path: string, label: string) {
    this.#label = label;
    this.#reader = new ManifestReader(path, { onBadLine: () => this.#badLines++ });
    this.#cur = this.#reader.next();
  }

  /** A stored file and the hash of the bytes stored. */
  file(rel: string, hashHex: string): void {
    const cur = this.#cur;
    if (this.#badLines > 0) this.#fail(`its manifest has lines that are no sha256sum lines`);
    if (cur && compareWalkOrder(cur.path, rel) < 0) {
      this.#fail(`${JSON.stringify(cur.path)} is in its manifest but was not copied (missing or unreadable)`);
    }
    if (!cur || cur.path !== rel) {
      this.#fail(`${JSON.stringify(rel)} is in the snapshot but not in its manifest`);
    }
    if (cur.hash !== hashHex) {
      this.#fail(`${JSON.stringify(rel)} holds bytes with sha256 ${hashHex}; its manifest says ${cur.hash}`);
    }
    this.#cur = this.#reader.next();
  }

  /** The walk is done: every manifest line must have been met. */
  end(): void {
    if (this.#cur) {
      this.#fail(
        `${JSON.stringify(this.#cur.path)} is in its manifest but was not copied (missing or unreadable)`,
      );
    }
    if (this.#badLines > 0) this.#fail(`its manifest has lines that are no sha256sum lines`);
  }

  /** Closes the manifest. */
  close(): void {
    this.#reader.close();
  }

  #fail(detail: string): never {
    throw new SourceDamageError(this.#label, detail);
  }
}
