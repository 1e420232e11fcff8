/**
 * What a backup leaves out, as one value. The command composes it from the config and the flags
 * (SKIP_PATTERNS, --exclude, --exclude-from, SKIP_DIRS, EXCLUDE_IF_PRESENT, --exclude-if-present,
 * EXCLUDE_CACHES); the engine only asks it, entry by entry, why one is left out. The globs are
 * those of src/fs/glob.ts, which restore's --include and --exclude use too.
 * @module
 */
import { type Glob, globReason } from "../fs/glob.ts";
import type { FsBackend } from "../fs/native/mod.ts";
import { joinPath } from "../fs/path.ts";
import { lstatOrUndefined } from "../fs/stat.ts";
import type { WalkEntry } from "../fs/walk.ts";
import { type Msg, msg } from "../i18n/messages.ts";

/** The first bytes of a valid CACHEDIR.TAG (https://bford.info/cachedir/). */
const CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";

/** The rules an {@linkcode Excluder} applies. */
export interface ExcluderOptions {
  /** Patterns on names and paths, each naming its origin in `rule` (e.g. SKIP_PATTERNS, --exclude). */
  globs?: readonly Glob[];
  /** Folder names never descended into (SKIP_DIRS). */
  skipDirNames?: readonly string[];
  /** Folders holding a file of one of these names are left out (e.g. ".nobackup"). */
  markerFiles?: readonly string[];
  /** Folders holding a valid CACHEDIR.TAG are left out. Default true. */
  caches?: boolean;
}

/** The exclusion rules of one backup. */
export class Excluder {
  readonly #globs: readonly Glob[];
  readonly #skipDirNames: readonly string[];
  readonly #markerFiles: readonly string[];
  readonly #caches: boolean;

  constructor(options: ExcluderOptions = {}) {
    this.#globs = options.globs ?? [];
    this.#skipDirNames = options.skipDirNames ?? [];
    this.#markerFiles = options.markerFiles ?? [];
    this.#caches = options.caches ?? true;
  }

  /** Why an entry is left out by its name or path (the source's top never is), or undefined. */
  reason(entry: WalkEntry): string | undefined {
    const isDir = entry.info.isDirectory;
    if (isDir && entry.rel !== "" && this.#skipDirNames.includes(entry.name)) {
      return `SKIP_DIRS "${entry.name}"`;
    }
    return globReason(this.#globs, { rel: entry.rel, name: entry.name, isDir });
  }

  /**
   * Why a folder is left out by what it holds, given its names (read for the walk anyway: probing
   * for a marker file that is not there would cost an exception), or undefined. `fs` reads a
   * CACHEDIR.TAG's signature.
   */
  folderReason(entry: WalkEntry, at: { names: readonly string[]; fs: FsBackend }): string | Msg | undefined {
    const { names, fs } = at;
    for (const marker of this.#markerFiles) {
      if (names.includes(marker)) return msg("backup.excluded.marker", { marker });
    }
    if (
      this.#caches && names.includes("CACHEDIR.TAG") &&
      isCacheDirTag(fs, joinPath(entry.path, "CACHEDIR.TAG"))
    ) {
      return "CACHEDIR.TAG";
    }
    return undefined;
  }
}

/** Whether `path` is a file that starts with the CACHEDIR.TAG signature; an unreadable one is not. */
function isCacheDirTag(fs: FsBackend, path: string): boolean {
  if (!lstatOrUndefined(fs, path)?.isFile) return false;
  try {
    const f = fs.openRead(path);
    const buf = new Uint8Array(CACHEDIR_SIGNATURE.length);
    const n = f.readSync(buf) ?? 0;
    f.close();
    return new TextDecoder().decode(buf.subarray(0, n)) === CACHEDIR_SIGNATURE;
  } catch {
    return false; // unreadable tag: back the folder up
  }
}
