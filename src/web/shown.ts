/**
 * How names are written on `phlb serve`'s pages. A name is shown as people should read it, not as
 * the browser would lay it out: bytes that are not valid UTF-8 as `\xFF` (names.ts `displayName`),
 * and Unicode bidi controls (`\p{Bidi_Control}`: U+202E RIGHT-TO-LEFT OVERRIDE and the rest) as
 * `\u{202E}`, visible, so that `invoice\u{202E}txt.exe` cannot pose as `invoiceexe.txt`.
 *
 * For names, paths, link targets, titles and log lines: never for a file's content, where an
 * Arabic or Hebrew text needs its marks.
 * @module
 */
import { displayName } from "../fs/native/names.ts";

const BIDI_CONTROL = /\p{Bidi_Control}/gu;

/** A name (fs-string) as the pages show it. Only for showing: it is not a path. */
export function shownName(name: string): string {
  return displayName(name).replace(
    BIDI_CONTROL,
    (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
}
