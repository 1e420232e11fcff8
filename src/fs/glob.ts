/**
 * Exclude globs, with the rules rsync and .gitignore users already know:
 * - a pattern without "/" matches an entry's name at any depth (`*.tmp`, `node_modules`);
 * - a pattern with "/" matches the whole path relative to the source (`photos/raw/*`);
 *   a leading "/" only anchors it (`/build`);
 * - a trailing "/" makes it match folders only (`cache/`);
 * - `*` and `?` stay within one name, `**` crosses folders, `[abc]` is a character class.
 * @module
 */
import { UsageError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";

/** A compiled exclude pattern. */
export interface Glob {
  /** The pattern as written. */
  source: string;
  /** Where the pattern came from, for exclusion reasons, e.g. `SKIP_PATTERNS` or `--exclude`. */
  rule?: string;
  /** True when the pattern matches an entry with this relative path. */
  matches(rel: string, name: string, isDir: boolean): boolean;
}

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? "\\" + ch : ch;
}

/** Translates glob syntax into a regular expression source (anchored by the caller). */
export function globToRegExpSource(glob: string): string {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        // "**/" matches zero or more folders; a bare "**" matches anything.
        if (glob[i + 2] === "/") {
          re += "(?:.*/)?";
          i += 2;
        } else {
          re += ".*";
          i += 1;
        }
      } else {
        re += "[^/]*";
      }
    } else if (ch === "?") {
      re += "[^/]";
    } else if (ch === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) {
        re += "\\[";
      } else {
        let cls = glob.slice(i + 1, end);
        if (cls.startsWith("!")) cls = "^" + cls.slice(1);
        re += "[" + cls.replaceAll("\\", "\\\\") + "]";
        i = end;
      }
    } else {
      re += escapeRe(ch);
    }
  }
  return re;
}

/** Compiles one pattern. Throws a UsageError on an empty pattern. Set `rule` on the result to name its origin. */
export function compileGlob(pattern: string): Glob {
  let p = pattern.trim();
  if (p === "") throw new UsageError(msg("fs.glob.empty"));
  const dirOnly = p.endsWith("/");
  if (dirOnly) p = p.replace(/\/+$/, "");
  const anchored = p.includes("/");
  if (p.startsWith("/")) p = p.slice(1);
  const re = new RegExp("^" + globToRegExpSource(p) + "$", "s");
  return {
    source: pattern,
    matches(rel: string, name: string, isDir: boolean): boolean {
      if (dirOnly && !isDir) return false;
      return re.test(anchored ? rel : name);
    },
  };
}

/** Returns the first glob matching the entry, or undefined. */
export function firstMatch(
  globs: readonly Glob[],
  rel: string,
  name: string,
  isDir: boolean,
): Glob | undefined {
  for (const g of globs) if (g.matches(rel, name, isDir)) return g;
  return undefined;
}

/**
 * Why an entry is left out by `globs`: `RULE "PATTERN"` of the first that matches (the rule is
 * where the pattern came from, "exclude pattern" when it does not say), or undefined.
 */
export function globReason(
  globs: readonly Glob[],
  entry: { rel: string; name: string; isDir: boolean },
): string | undefined {
  const g = firstMatch(globs, entry.rel, entry.name, entry.isDir);
  return g && `${g.rule ?? "exclude pattern"} "${g.source}"`;
}
