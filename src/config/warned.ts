/**
 * Which `PyHardLinkBackup.ini` contents the user was already warned about for PyHardLinkBackup
 * keys phlb does not use: an old ini warns once per file and content, not on every command, and
 * again when the file is edited.
 *
 * The state is one small JSON file in the user's config folder, beside nothing else of phlb's:
 * `~/.config/phlb/ini-warnings.json` (Windows: `%USERPROFILE%\AppData\Roaming\phlb\…`), from the
 * same home folder the config search uses (HOME, else USERPROFILE). The folder is made 0o700 and
 * the file 0o600 (it names the user's ini files), written atomically. It holds, per ini path, the
 * sha256 of the content last warned about. Keeping it is a courtesy: a failure to read or write it
 * never stops a command (the warning then simply comes again).
 * @module
 */
import { writeTextAtomic } from "../fs/atomic.ts";
import { IS_WINDOWS, joinPath } from "../fs/path.ts";
import { makeFolders } from "../store/modes.ts";

/** The state file's name in {@linkcode userConfigDir}. */
export const WARNED_STATE_FILE = "ini-warnings.json";
/** Ini files remembered at most; the oldest are forgotten first. */
const MAX_ENTRIES = 200;

/** One ini content whose retired keys are warned about once. */
export interface WarnOnce {
  /** The home folder it is under: never made here. */
  home: string;
  /** The folder of the state file. */
  stateDir: string;
  /** The ini's absolute path. */
  file: string;
  /** sha256 hex of its content. */
  sha256: string;
}

interface State {
  version: 1;
  shown: { file: string; sha256: string }[];
}

/** phlb's per-user config folder under `home`. */
export function userConfigDir(home: string): string {
  return joinPath(home, IS_WINDOWS ? "AppData/Roaming/phlb" : ".config/phlb");
}

function readState(stateDir: string): State {
  try {
    const parsed = JSON.parse(Deno.readTextFileSync(joinPath(stateDir, WARNED_STATE_FILE)));
    if (parsed?.version === 1 && Array.isArray(parsed.shown)) {
      const shown = parsed.shown.filter((e: unknown): e is { file: string; sha256: string } =>
        typeof (e as { file?: unknown })?.file === "string" &&
        typeof (e as { sha256?: unknown })?.sha256 === "string"
      );
      return { version: 1, shown };
    }
  } catch { /* none yet, or unreadable: nothing remembered */ }
  return { version: 1, shown: [] };
}

/** True when the warnings for exactly this ini content were shown before. */
export function wasShown(once: WarnOnce): boolean {
  return readState(once.stateDir).shown.some((e) => e.file === once.file && e.sha256 === once.sha256);
}

/** What this process remembered already: a command prints several warnings of one file. */
const rememberedNow = new Set<string>();

/**
 * Remembers that the warnings for this ini content were shown. Never throws: without the state,
 * the warning comes again next time, and nothing else changes.
 */
export function rememberShown(once: WarnOnce): void {
  const key = `${once.stateDir}\0${once.file}\0${once.sha256}`;
  if (rememberedNow.has(key)) return;
  rememberedNow.add(key);
  try {
    const state = readState(once.stateDir);
    if (state.shown.some((e) => e.file === once.file && e.sha256 === once.sha256)) return;
    // One entry per file: an edited file's old content need not be remembered.
    state.shown = state.shown.filter((e) => e.file !== once.file);
    state.shown.push({ file: once.file, sha256: once.sha256 });
    state.shown = state.shown.slice(-MAX_ENTRIES);
    if (!Deno.statSync(once.home).isDirectory) return;
    makeFolders(once.stateDir, 0o700);
    const path = joinPath(once.stateDir, WARNED_STATE_FILE);
    try {
      writeTextAtomic(path, JSON.stringify(state, null, 1) + "\n", { mode: 0o600 });
    } catch (err) {
      try {
        // writeTextAtomic's temporary file, when the write or the rename failed.
        Deno.removeSync(`${path}.tmp-${Deno.pid}`);
      } catch { /* not made */ }
      throw err;
    }
  } catch {
    // A read-only or full home, a file where the folder should be: the warning comes again.
  }
}
