/**
 * How `phlb add` deduplicates a recorded file: when the index's link source for its identity is
 * another inode with exactly its content and inode metadata (size, mtime, mode, owner), the file
 * is replaced by a hardlink to it: linked to a temporary name in the same folder, then renamed
 * over the file, so the original is never deleted first; the folder's times are put back. Because
 * the metadata is identical, no snapshot shows anything different afterwards. A source is read
 * once per run before anything is linked to it: a good file never becomes a link to a damaged one,
 * and one found damaged is marked so in the index (index/damage.ts).
 * @module
 */
import { errorMessage, InterruptedError } from "../errors.ts";
import { renameRetrying } from "../fs/atomic.ts";
import { isInterrupt } from "../fs/classify.ts";
import type { FileHasher } from "../fs/file_hasher.ts";
import { isLinkLimitError } from "../fs/link.ts";
import type { FileStat, FsBackend } from "../fs/native/mod.ts";
import { IS_WINDOWS, joinPath } from "../fs/path.ts";
import { lstatOrUndefined, modeOf, timesOf } from "../fs/stat.ts";
import { recordedMtime, sameMtime } from "../fs/times.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { type DamagedInodes, markDamaged } from "../index/damage.ts";
import type { BackupIndex, SourceKey } from "../index/index.ts";
import { dedupTempName } from "../store/layout.ts";
import { sourceCopy, sourceCopyState } from "../store/link_source.ts";
import { type AddCallbacks, type AddProblem, type AddSummary, said } from "./summary.ts";
import { type Msg, msg } from "../i18n/messages.ts";

/** How long a swap's rename is retried on Windows while something holds the file open (ms). */
const SWAP_RETRY_MS = 2000;

/** A folder of the snapshot being recorded. */
export interface AddFrame {
  rel: string;
  path: string;
  dirId: number;
  /** lstat when entered: its times are put back after a swap inside it. */
  info: FileStat;
}

/** How a file's dedup ended. */
export type DedupOutcome =
  | { kind: "linked"; ino: number | null }
  | { kind: "same-inode" }
  | { kind: "no-source" }
  | { kind: "limit" }
  | { kind: "kept" };

/** What the links of one run need from it. */
export interface AddLinksContext {
  root: string;
  fs: FsBackend;
  hasher: FileHasher;
  maxLinks: number;
  /** Decide and count, link nothing. */
  dryRun: boolean;
  summary: AddSummary;
  cb: AddCallbacks;
  problem: (p: AddProblem) => void;
  /** Stored inodes marked damaged (index/damage.ts): never linked to; this run adds what it finds. */
  damaged: DamagedInodes;
}

function inodeKey(info: FileStat): string {
  return `${info.dev}:${info.ino}`;
}

/** The links one `phlb add` run makes (or, in a dry run, would make). */
export class AddLinks {
  readonly #run: AddLinksContext;
  /** Current link counts of link sources, as this run changed them (a dry run only pretends to). */
  readonly #linkCounts = new Map<string, number>();
  /** Links an original inode still has after this run replaced some of its paths. */
  readonly #remainingLinks = new Map<string, number>();
  /** Link sources whose bytes were read and found to match their content in this run. */
  readonly #checkedSources = new Set<string>();
  #swapCounter = 0;

  constructor(run: AddLinksContext) {
    this.#run = run;
  }

  /** A file just read and recorded as a link source: it need not be read again before a link to it. */
  checked(info: FileStat): void {
    this.#checkedSources.add(inodeKey(info));
  }

  /** Links the file to the stored copy with the same identity, when there is a usable one. */
  async dedup(
    entry: WalkEntry,
    file: { index: BackupIndex; frame: AddFrame; key: SourceKey; hashHex: string; label: string },
  ): Promise<DedupOutcome> {
    const run = this.#run;
    const { index, frame, key, hashHex } = file;
    const problem = (text: Msg) =>
      run.problem({ snapshot: file.label, path: entry.rel, severity: "warning", ...said(text) });
    const loc = index.findSource(key);
    if (!loc) return { kind: "no-source" };
    const source = sourceCopy(run.root, loc);
    const st = lstatOrUndefined(run.fs, source.path);
    const info = entry.info;
    const ns = run.fs.fidelity.nanosecondTimes;
    // Only an inode with exactly this metadata may be shared: then no snapshot shows anything else.
    const usable = sourceCopyState(st, loc) === "recorded" && !run.damaged.has(st!.ino, key.contentId) &&
      st!.size === info.size &&
      sameMtime(recordedMtime(st!, ns), recordedMtime(info, ns)) && modeOf(st!) === modeOf(info) &&
      st!.uid === info.uid && st!.gid === info.gid;
    if (!usable) {
      index.dropSource(key);
      return { kind: "no-source" };
    }
    if (st!.dev === info.dev && st!.ino === info.ino) return { kind: "same-inode" };
    if (st!.dev !== info.dev) return { kind: "kept" };
    // Never make a good file a link to a damaged one.
    if (!(await this.#sourceIntact(source.path, { info: st!, hashHex }))) {
      problem(msg("add.problem.sourceDamaged", { path: source.label }));
      if (!run.dryRun) {
        markDamaged(index, {
          contentId: key.contentId,
          ino: st!.ino,
          foundBy: "add",
          problem: "content",
          path: source.label,
        });
      }
      run.damaged.add(st!.ino, key.contentId);
      index.dropSource(key);
      return { kind: "no-source" };
    }
    const links = this.#linkCounts.get(inodeKey(st!)) ?? st!.nlink;
    if (links >= run.maxLinks) return { kind: "limit" };
    const failed = this.#swapInLink(source.path, { entry, frame });
    if (failed) {
      if (failed.limit) return { kind: "limit" };
      problem(msg("add.problem.cannotLink", { path: source.label, error: failed.message }));
      return { kind: "kept" };
    }
    this.#linkCounts.set(inodeKey(st!), links + 1);
    const origKey = inodeKey(info);
    const remaining = (this.#remainingLinks.get(origKey) ?? info.nlink) - 1;
    this.#remainingLinks.set(origKey, remaining);
    const summary = run.summary;
    summary.linked++;
    summary.linkedBytes += info.size;
    if (remaining <= 0) summary.reclaimedBytes += info.size;
    run.cb.onLink?.({
      path: `${file.label}/${entry.rel}`,
      source: source.label,
      sizeBytes: info.size,
      reclaimed: remaining <= 0,
    });
    return { kind: "linked", ino: st!.ino };
  }

  /** Whether a link source's bytes still hash to its content (read once per run). */
  async #sourceIntact(path: string, expect: { info: FileStat; hashHex: string }): Promise<boolean> {
    const key = inodeKey(expect.info);
    if (this.#checkedSources.has(key)) return true;
    try {
      if ((await this.#run.hasher.hash(path, expect.info)).hashHex !== expect.hashHex) return false;
    } catch (err) {
      if (isInterrupt(err)) throw new InterruptedError();
      return false;
    }
    this.#checkedSources.add(key);
    return true;
  }

  /**
   * Replaces the file at `entry` (another inode with the same content and metadata) by a link to
   * the stored file `srcPath`, unless this is a dry run. Returns a failure message, or undefined.
   */
  #swapInLink(
    srcPath: string,
    at: { entry: WalkEntry; frame: AddFrame },
  ): { limit: boolean; message: string } | undefined {
    const run = this.#run;
    if (run.dryRun) return undefined;
    const { entry, frame } = at;
    const tmp = joinPath(frame.path, dedupTempName(Deno.pid, ++this.#swapCounter));
    try {
      run.fs.link(srcPath, tmp);
    } catch (err) {
      return { limit: isLinkLimitError(err), message: errorMessage(err) };
    }
    try {
      // Windows refuses a rename over a file any process holds open for a moment (a virus scanner,
      // the search indexer; Access denied): retried for up to 2 s, as a commit's renames are. Failed,
      // the file would stay a separate copy for good: the snapshot is recorded, and no later add
      // looks at it again. A read-only target cannot be renamed over at all there: no retry.
      const readOnly = IS_WINDOWS && (modeOf(entry.info) & 0o200) === 0;
      renameRetrying(tmp, entry.path, {
        rename: (from, to) => run.fs.rename(from, to),
        retryForMs: IS_WINDOWS && !readOnly ? SWAP_RETRY_MS : 0,
      });
    } catch (err) {
      try {
        run.fs.remove(tmp);
      } catch { /* it was never there */ }
      return { limit: false, message: errorMessage(err) };
    }
    this.restoreFolderTimes(frame);
    return undefined;
  }

  /** Creating and renaming names changed the folder's mtime: put back what the snapshot shows. */
  restoreFolderTimes(frame: AddFrame): void {
    const run = this.#run;
    if (run.dryRun) return;
    try {
      run.fs.setTimes(frame.path, timesOf(frame.info));
    } catch (err) {
      run.problem({
        snapshot: "",
        path: frame.path,
        severity: "warning",
        ...said(msg("add.problem.folderMtime", { error: errorMessage(err) })),
      });
    }
  }
}
