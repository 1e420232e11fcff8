/**
 * `--exclude-from FILE`: one glob per line; blank lines and lines starting with `#` are ignored.
 * Each pattern keeps its file and line, so an exclusion reason can name them.
 * @module
 */
import { errorMessage, FatalError } from "../errors.ts";
import { msg } from "../i18n/messages.ts";

/** One pattern read from an exclude file. */
export interface ExcludeLine {
  pattern: string;
  /** 1-based line number. */
  line: number;
}

/** The patterns of an exclude file's text. Surrounding whitespace is dropped. */
export function parseExcludeList(text: string): ExcludeLine[] {
  const out: ExcludeLine[] = [];
  text.replace(/^\uFEFF/, "").split(/\r?\n/).forEach((raw, i) => {
    const pattern = raw.trim();
    if (pattern === "" || pattern.startsWith("#")) return;
    out.push({ pattern, line: i + 1 });
  });
  return out;
}

/** Reads an exclude file. A file that cannot be read is fatal: a backup without its excludes is wrong. */
export function readExcludeFile(path: string): ExcludeLine[] {
  try {
    return parseExcludeList(Deno.readTextFileSync(path));
  } catch (err) {
    throw new FatalError(msg("cli.exclude.cannotRead", { file: path, error: errorMessage(err) }), {
      cause: err,
    });
  }
}
