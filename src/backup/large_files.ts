/**
 * How a file too large to be read into memory is read: in one pass or in two.
 *
 * Two passes (hash, then copy while hashing again) let a file whose content is already stored be
 * linked without writing a byte. But a file can only be linked to a content of exactly its size:
 * when no stored content has that size, the file is new content for sure, and it is copied while
 * it is hashed, in one pass, reading and hashing it once instead of twice. Exact sizes of large
 * files rarely collide, so on a first backup almost every large file takes one pass, and a moved
 * or duplicated large file still takes two and is linked.
 *
 * The sizes come from the index (one scan, the first time a large file is read) and from the
 * contents this run adds. A size that is stale (its stored copy deleted since) only costs a second
 * pass. No I/O and no policy beyond that choice.
 * @module
 */

/** The sizes of the large contents stored so far, to tell which large files are surely new. */
export class LargeContentSizes {
  #sizes?: Set<number>;
  #load: () => Iterable<number>;

  /** `load` gives the sizes already stored; it is called once, when first needed. */
  constructor(load: () => Iterable<number>) {
    this.#load = load;
  }

  #set(): Set<number> {
    return this.#sizes ??= new Set(this.#load());
  }

  /** True when no stored content has exactly `sizeBytes`: the file cannot be linked by content. */
  isNew(sizeBytes: number): boolean {
    return !this.#set().has(sizeBytes);
  }

  /** Records a content stored (copied or found) in this run. */
  add(sizeBytes: number): void {
    this.#set().add(sizeBytes);
  }
}
