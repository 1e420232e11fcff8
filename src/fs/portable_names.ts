/**
 * Names that cannot be written as they are on Windows or on case-insensitive filesystems, as pure
 * functions (testable on Linux), plus one probe of a target folder's case sensitivity.
 *
 * - Windows refuses device names (`CON`, `NUL`, `COM1`, … with or without an extension), the
 *   characters `< > : " / \ | ? *` and control characters, and a trailing dot or space (it would
 *   silently strip them, so `x.` and `x` would merge).
 * - On a case-insensitive target, `A.txt` and `a.txt` in one folder are one file.
 * - Paths longer than 260 characters are fine: Deno (Rust's std) passes long absolute Windows
 *   paths with the `\\?\` prefix, so nothing here shortens or rejects them.
 *
 * Restore reports and skips such names; it never renames them. No policy lives here.
 * @module
 */

import { type Msg, msg } from "../i18n/messages.ts";
import type { Handle, HandleCalls } from "./native/mod.ts";

/** The classic MAX_PATH; longer paths need (and get, through Deno) the `\\?\` form on Windows. */
export const WINDOWS_MAX_PATH = 260;

const RESERVED = new Set([
  "CON",
  "PRN",
  "AUX",
  "NUL",
  ..."123456789¹²³".split("").flatMap((d) => [`COM${d}`, `LPT${d}`]),
  "CONIN$",
  "CONOUT$",
]);

/** Why `name` cannot be a file or folder name on Windows (in English), or undefined when it can. */
export function windowsNameProblem(name: string): string | undefined {
  const why = windowsNameProblemText(name);
  return why && String(why);
}

/** {@linkcode windowsNameProblem} as a catalogue text, shown in the run's language. */
export function windowsNameProblemText(name: string): Msg | undefined {
  if (name === "" || name === "." || name === "..") return msg("fs.name.notAName");
  // deno-lint-ignore no-control-regex
  const bad = /[<>:"/\\|?*\x00-\x1f]/.exec(name);
  if (bad) {
    const c = bad[0];
    return c.charCodeAt(0) < 32
      ? msg("fs.name.controlChar", { code: `0x${c.charCodeAt(0).toString(16)}` })
      : msg("fs.name.badChar", { char: c });
  }
  if (/[. ]$/.test(name)) return msg("fs.name.trailingDot");
  // "CON", "con.txt", "CON .txt", "nul.tar.gz": the part before the first dot, trailing spaces dropped.
  const stem = name.split(".")[0].replace(/ +$/, "").toUpperCase();
  if (RESERVED.has(stem)) return msg("fs.name.reserved", { stem });
  return undefined;
}

/**
 * The key under which a case-insensitive filesystem sees a name: each code point upper-cased on
 * its own (NTFS compares names through its table of simple upper-case mappings). Not
 * `toLowerCase()`: that makes the KELVIN SIGN "K" (U+212A) and "k" one name, which NTFS keeps
 * apart, so restore would skip a file the target can hold. A character whose upper case is more
 * than one (ß to SS) stays as it is, as in NTFS.
 */
export function caseFoldKey(name: string): string {
  let key = "";
  for (const ch of name) {
    const up = ch.toUpperCase();
    key += up.length === ch.length ? up : ch;
  }
  return key;
}

/** Whether a path is longer than Windows' classic MAX_PATH (it still works through Deno). */
export function exceedsWindowsMaxPath(path: string): boolean {
  return path.length >= WINDOWS_MAX_PATH;
}

/**
 * Tracks the names written into one folder and tells when a new one collides with an earlier one
 * on a case-insensitive filesystem.
 */
export class CaseCollisionTracker {
  #seen = new Map<string, string>();

  /** Records `name`; returns the earlier name it collides with, if any (then `name` is not recorded). */
  add(name: string): string | undefined {
    const key = caseFoldKey(name);
    const earlier = this.#seen.get(key);
    if (earlier !== undefined && earlier !== name) return earlier;
    this.#seen.set(key, name);
    return undefined;
  }
}

function flipCase(name: string): string {
  let out = "";
  for (const ch of name) {
    const up = ch.toUpperCase();
    out += up === ch ? ch.toLowerCase() : up;
  }
  return out;
}

/**
 * Tells whether `dir` (an existing folder) treats names case-insensitively: a name is looked up
 * with its case flipped. It uses an existing entry when one has letters; otherwise, when
 * `mayWrite`, a scratch file that is removed again; otherwise the folder's own name (which tells
 * about its parent). With nothing to try it answers with the platform's default. With `at` (the
 * folder's open handle) the scratch file is made and removed by name in that folder, never by a
 * path someone else could redirect.
 */
export function probeCaseInsensitive(
  dir: string,
  options: { mayWrite?: boolean; at?: { handles: HandleCalls; dir: Handle } } = {},
): boolean {
  const sameEntry = (path: string, flipped: string): boolean | undefined => {
    let a: Deno.FileInfo;
    try {
      a = Deno.lstatSync(path);
    } catch {
      return undefined;
    }
    try {
      const b = Deno.lstatSync(flipped);
      return a.ino === null || b.ino === null ? true : a.ino === b.ino && a.dev === b.dev;
    } catch {
      return false;
    }
  };
  const sep = dir.endsWith("/") || dir.endsWith("\\") ? "" : "/";
  try {
    for (const e of Deno.readDirSync(dir)) {
      const flipped = flipCase(e.name);
      if (flipped === e.name) continue;
      const r = sameEntry(dir + sep + e.name, dir + sep + flipped);
      if (r !== undefined) return r;
    }
  } catch { /* unreadable: try the other ways */ }
  const at = options.at;
  if (options.mayWrite && at) {
    const name = { dir: at.dir, name: `.phlb-case-probe-${Deno.pid}-a` };
    try {
      at.handles.createAt(name, 0o600).file.close();
      try {
        const a = at.handles.lstatAt(name);
        const b = at.handles.lstatAt({ dir: at.dir, name: flipCase(name.name) });
        return a.ino === 0 ? true : a.ino === b.ino && a.dev === b.dev;
      } catch {
        return false;
      } finally {
        at.handles.removeAt(name);
      }
    } catch { /* cannot write here */ }
  } else if (options.mayWrite) {
    const name = `.phlb-case-probe-${Deno.pid}-a`;
    const path = dir + sep + name;
    try {
      Deno.writeFileSync(path, new Uint8Array(), { createNew: true });
      try {
        const r = sameEntry(path, dir + sep + flipCase(name));
        if (r !== undefined) return r;
      } finally {
        Deno.removeSync(path);
      }
    } catch { /* cannot write here */ }
  }
  const trimmed = dir.replace(/[\\/]+$/, "");
  const cut = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  const base = trimmed.slice(cut + 1);
  if (cut > 0 && flipCase(base) !== base) {
    const r = sameEntry(trimmed, trimmed.slice(0, cut + 1) + flipCase(base));
    if (r !== undefined) return r;
  }
  return Deno.build.os === "windows" || Deno.build.os === "darwin";
}
