/**
 * A streaming, depth-first directory walk with sync calls.
 *
 * Memory holds only the sorted names of the folders on the current path, never the whole tree.
 * Entries are sorted by name within each folder, so snapshots and manifests come out in a
 * stable order. Every failure (an unreadable folder, a vanished file, a name Deno cannot
 * represent) goes to `onProblem` and the walk continues: a folder read is an item too.
 * @module
 */
import type { ItemProblem } from "../errors.ts";
import { errorMessage, itemProblem } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import type { FileStat, FsBackend } from "./native/mod.ts";
import { joinPath, joinRel } from "./path.ts";
import { windowsNameProblemText } from "./portable_names.ts";

/** One entry of the walk. */
export interface WalkEntry {
  /** "/"-separated path relative to the walk's root; "" for the root itself. */
  rel: string;
  /** Absolute platform path. */
  path: string;
  /** The entry's own name ("" for the root). */
  name: string;
  /** lstat of the entry through the walk's backend: symlinks are never followed. */
  info: FileStat;
}

/** What the walk yields. "leave" comes after a folder's children, for setting folder times. */
export type WalkEvent =
  | { kind: "enter"; entry: WalkEntry }
  | { kind: "leave"; entry: WalkEntry }
  | { kind: "file"; entry: WalkEntry }
  | { kind: "symlink"; entry: WalkEntry }
  | { kind: "other"; entry: WalkEntry };

/** Options for {@linkcode walk}. */
export interface WalkOptions {
  /** How folders are read and entries stat'ed (the run's backend, from openBackend). */
  backend: FsBackend;
  /** Returns why an entry is excluded (neither yielded nor descended into), or undefined. */
  exclude?: (entry: WalkEntry) => string | Msg | undefined;
  /**
   * Returns why a folder is excluded, given its sorted names (read once, for the walk anyway), or
   * undefined. Cheaper than probing the folder for marker files: a missing file costs an exception.
   */
  excludeDir?: (entry: WalkEntry, names: readonly string[]) => string | Msg | undefined;
  /** Told about every excluded entry. */
  onExcluded?: (entry: WalkEntry, reason: string | Msg) => void;
  /** Told about every entry that cannot be read. */
  onProblem: (problem: ItemProblem) => void;
  /** Do not descend into folders on another filesystem than the root (they are yielded empty). */
  oneFileSystem?: boolean;
  /**
   * Why a name must not be looked at, as the message of an error for it, or undefined. Asked
   * before the entry is stat'ed. Default: on Windows, names its paths cannot reach (`CON`, `x.`,
   * `y `: Windows opens the device, or strips the dot or space and finds another file or none,
   * which would read as "vanished"); elsewhere none.
   */
  nameProblem?: (name: string) => string | Msg | undefined;
}

/** The default {@linkcode WalkOptions.nameProblem} on Windows. */
export function windowsPathNameProblem(name: string): Msg | undefined {
  const why = windowsNameProblemText(name);
  return why && msg("fs.walk.windowsName", { why });
}

interface Frame {
  entry: WalkEntry;
  names: string[];
  next: number;
  /** The folder's handle for the backend's folder calls, when it has them and the open worked. */
  dir?: number;
}

/**
 * Folders at most this deep are opened as handles for the backend's folder calls; deeper ones use
 * full paths. Bounds the open descriptors (one per level, per user) whatever the tree's depth.
 */
export const MAX_HANDLE_DEPTH = 64;

/** A frame for folder `entry` with its sorted names, opened as a handle when allowed. */
function frameOf(entry: WalkEntry, names: string[], options: WalkOptions, depth: number): Frame {
  const folders = options.backend.folders;
  let dir: number | undefined;
  if (folders && depth <= MAX_HANDLE_DEPTH && names.length > 0) {
    try {
      dir = folders.open(entry.path);
    } catch {
      // Full paths then: each entry's lstat reports its own error.
    }
  }
  return { entry, names, next: 0, dir };
}

function isNotFound(err: unknown): boolean {
  return err instanceof Deno.errors.NotFound;
}

/** Reads a folder's names, sorted by UTF-16 code units (deterministic, locale-free). */
function readNames(entry: WalkEntry, options: WalkOptions): string[] {
  const onProblem = options.onProblem;
  const names: string[] = [];
  try {
    for (const d of options.backend.readDir(entry.path)) names.push(d.name);
  } catch (err) {
    onProblem(
      isNotFound(err)
        ? itemProblem(entry.rel, "warning", msg("fs.walk.folderVanished"))
        : itemProblem(entry.rel, "error", msg("fs.walk.cannotReadFolder", { error: errorMessage(err) })),
    );
  }
  names.sort();
  // Without exact byte names (the Deno-API backend), a name that is not valid UTF-8 is decoded
  // lossily (bad bytes become U+FFFD), so it can come out equal to a real name in the same folder. Both would then open the real file: it would be
  // stored twice under one path, and the other file not at all. Keep one, report the other.
  let kept = 0;
  for (let i = 0; i < names.length; i++) {
    if (i > 0 && names[i] === names[kept - 1]) {
      onProblem(itemProblem(entry.rel, "error", msg("fs.walk.lossyNameTwice", { name: names[i] })));
      continue;
    }
    names[kept++] = names[i];
  }
  names.length = kept;
  return names;
}

/** Walks `rootPath` (which must be a folder), yielding the root's "enter" first and "leave" last. */
export function* walk(rootPath: string, options: WalkOptions): Generator<WalkEvent> {
  const backend = options.backend;
  const rootInfo = backend.lstat(rootPath);
  const root: WalkEntry = { rel: "", path: rootPath, name: "", info: rootInfo };
  yield { kind: "enter", entry: root };
  const folders = backend.folders;
  const stack: Frame[] = [frameOf(root, readNames(root, options), options, 0)];
  try {
    yield* walkFrames(stack, { rootInfo, options });
  } finally {
    // Also when the consumer stops early (return or throw): no handle is left open.
    for (const frame of stack) if (frame.dir !== undefined) folders!.close(frame.dir);
  }
}

function* walkFrames(
  stack: Frame[],
  at: { rootInfo: FileStat; options: WalkOptions },
): Generator<WalkEvent> {
  const { rootInfo, options } = at;
  const backend = options.backend;
  const nameProblem = options.nameProblem ??
    (Deno.build.os === "windows" ? windowsPathNameProblem : undefined);
  const folders = backend.folders;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.names.length) {
      stack.pop();
      if (top.dir !== undefined) folders!.close(top.dir);
      yield { kind: "leave", entry: top.entry };
      continue;
    }
    const name = top.names[top.next];
    // Drop the reference so a huge folder's names can be collected as we go.
    top.names[top.next++] = "";
    const rel = joinRel(top.entry.rel, name);
    const path = joinPath(top.entry.path, name);
    const refused = nameProblem?.(name);
    if (refused !== undefined) {
      options.onProblem(
        typeof refused === "string"
          ? { path: rel, severity: "error", message: refused }
          : itemProblem(rel, "error", refused),
      );
      continue;
    }
    let info: FileStat;
    try {
      info = top.dir !== undefined ? folders!.lstat(top.dir, name, path) : backend.lstat(path);
    } catch (err) {
      if (isNotFound(err) && !backend.fidelity.rawNames && name.includes("\uFFFD")) {
        options.onProblem(itemProblem(top.entry.rel, "error", msg("fs.walk.lossyName", { name })));
      } else if (isNotFound(err)) {
        options.onProblem(itemProblem(rel, "warning", msg("fs.walk.vanished")));
      } else {
        options.onProblem(itemProblem(rel, "error", msg("fs.walk.cannotStat", { error: errorMessage(err) })));
      }
      continue;
    }
    const entry: WalkEntry = { rel, path, name, info };
    const reason = options.exclude?.(entry);
    if (reason !== undefined) {
      options.onExcluded?.(entry, reason);
      continue;
    }
    if (info.isDirectory) {
      if (options.oneFileSystem && info.dev !== rootInfo.dev) {
        yield { kind: "enter", entry };
        options.onExcluded?.({ ...entry, rel: rel + "/*" }, msg("fs.walk.otherFilesystem"));
        stack.push({ entry, names: [], next: 0 });
        continue;
      }
      const names = readNames(entry, options);
      const dirReason = options.excludeDir?.(entry, names);
      if (dirReason !== undefined) {
        options.onExcluded?.(entry, dirReason);
        continue;
      }
      yield { kind: "enter", entry };
      stack.push(frameOf(entry, names, options, stack.length));
    } else if (info.isSymlink) {
      yield { kind: "symlink", entry };
    } else if (info.isFile) {
      yield { kind: "file", entry };
    } else {
      yield { kind: "other", entry };
    }
  }
}

/**
 * What {@linkcode walkTree} calls for each event. `F` is the caller's state for one folder (its
 * frame); the frame of an entry's folder is passed as `parent`. A call may return a promise (a
 * file being read, a yield): the walk waits for it, and only then, so a loop of sync work pays no
 * await per entry.
 */
export interface TreeVisitor<F> {
  /** Before each entry's call (not before a folder's leave): progress, pacing, the stop. */
  tick?(entry: WalkEntry): Promise<void> | undefined;
  /** A folder is entered (the walk's root first, with no parent); returns its frame. */
  enter(entry: WalkEntry, parent: F | undefined): F;
  /** A folder's children are done; `parent` is undefined for the root. */
  leave?(frame: F, parent: F | undefined): void;
  file(entry: WalkEntry, parent: F): Promise<void> | undefined;
  symlink(entry: WalkEntry, parent: F): void;
  other(entry: WalkEntry, parent: F): void;
}

/**
 * Runs a visitor over the events of {@linkcode walk}, keeping the stack of folder frames: the one
 * walk loop of every job (backup, its dry run, add, verify, restore). `frames` may be given to see
 * the frames still open when a call throws (to record or close them).
 */
export async function walkTree<F>(
  events: Iterable<WalkEvent>,
  visitor: TreeVisitor<F>,
  options: { frames?: F[] } = {},
): Promise<void> {
  const frames = options.frames ?? [];
  for (const ev of events) {
    if (ev.kind === "leave") {
      const frame = frames.pop()!;
      visitor.leave?.(frame, frames[frames.length - 1]);
      continue;
    }
    const parent = frames[frames.length - 1];
    const ticked = visitor.tick?.(ev.entry);
    if (ticked) await ticked;
    switch (ev.kind) {
      case "enter":
        frames.push(visitor.enter(ev.entry, parent));
        break;
      case "file": {
        const reading = visitor.file(ev.entry, parent);
        if (reading) await reading;
        break;
      }
      case "symlink":
        visitor.symlink(ev.entry, parent);
        break;
      case "other":
        visitor.other(ev.entry, parent);
        break;
    }
  }
}
