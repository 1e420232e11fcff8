/**
 * Looks up manifest hashes in walk order without a map of the whole manifest: the manifest is
 * written in walk order (depth-first, names sorted by UTF-16 code units), which is the order of
 * "/"-separated paths compared component by component, and restore walks the same way. A manifest
 * out of that order (edited by hand) falls back to a map.
 * @module
 */
import { compareWalkOrder, type ManifestEntry, readManifest } from "../store/manifest.ts";

export { compareWalkOrder };

/** Sequential lookups of manifest hashes for paths asked in walk order. */
export class ManifestCursor {
  #path: string;
  #it: Generator<ManifestEntry>;
  #cur: ManifestEntry | undefined;
  #map: Map<string, string> | undefined;

  /** Opens `path` (throws when it cannot be read). */
  constructor(path: string) {
    this.#path = path;
    this.#it = readManifest(path);
    this.#cur = this.#it.next().value ?? undefined;
  }

  #advance(): void {
    const prev = this.#cur;
    this.#cur = this.#it.next().value ?? undefined;
    if (prev && this.#cur && compareWalkOrder(this.#cur.path, prev.path) <= 0) {
      this.#map = new Map();
      for (const e of readManifest(this.#path)) this.#map.set(e.path, e.hash);
    }
  }

  /** The hash recorded for `path`, or undefined. Paths must be asked in walk order. */
  lookup(path: string): string | undefined {
    while (!this.#map && this.#cur && compareWalkOrder(this.#cur.path, path) < 0) this.#advance();
    if (this.#map) return this.#map.get(path);
    if (this.#cur?.path === path) {
      const hash = this.#cur.hash;
      this.#advance();
      return hash;
    }
    return undefined;
  }
}
