/**
 * One command-line word quoted for the shell a user of this machine types into: POSIX sh, or cmd
 * and PowerShell on Windows. Shared by every line phlb offers to copy (the web page's restore line,
 * verify's next step). Pure: it builds text.
 * @module
 */
import { encodeName } from "../fs/native/names.ts";

/** Characters no POSIX shell treats specially. */
const PLAIN = /^[A-Za-z0-9@%_+=:,.\/-]+$/;
/** Characters a single-quoted POSIX word can hold and a person can read: printable, no bidi control. */
const PRINTABLE = /^[^\p{Cc}\p{Bidi_Control}\uDC80-\uDCFF]*$/u;

/**
 * One argument quoted for a POSIX shell: bare when it is plain, in single quotes when it is
 * printable, else in bash/zsh `$'…'` with the odd bytes as `\xHH` (control characters, bidi
 * controls, bytes that are not valid UTF-8), so that the exact name survives copy and paste.
 */
export function quotePosix(arg: string): string {
  if (arg !== "" && PLAIN.test(arg)) return arg;
  if (PRINTABLE.test(arg)) return `'${arg.replaceAll("'", `'\\''`)}'`;
  let out = "";
  for (const ch of arg) {
    if (ch === "\\" || ch === "'") out += "\\" + ch;
    else if (PRINTABLE.test(ch)) out += ch;
    else for (const b of encodeName(ch)) out += "\\x" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return `$'${out}'`;
}

/**
 * One argument quoted for cmd and PowerShell: in double quotes (Windows names cannot hold them).
 * A name with a character that is not printable (a control, a bidi control such as U+202E, which
 * would show the name reversed) or with `$` or a backtick, which PowerShell reads inside double
 * quotes, is written for PowerShell, the shell Windows opens by default: `` `$ ``, ``` `` ``` and
 * `$([char]0x202E)`, so the page never holds the raw character and the exact name survives copy
 * and paste. cmd has no way to type such a name.
 */
export function quoteWindows(arg: string): string {
  if (arg !== "" && PLAIN.test(arg)) return arg;
  if (PRINTABLE.test(arg) && !/[$`]/.test(arg)) return `"${arg}"`;
  let out = "";
  for (let i = 0; i < arg.length; i++) {
    const ch = arg[i];
    if (ch === "$" || ch === "`") out += "`" + ch;
    else if (PRINTABLE.test(ch)) out += ch;
    else out += `$([char]0x${arg.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0")})`;
  }
  return `"${out}"`;
}

/** One word quoted for Windows (`windows`, default: whether this runs on Windows) or a POSIX shell. */
export function quoteArg(arg: string, options: { windows?: boolean } = {}): string {
  return (options.windows ?? Deno.build.os === "windows") ? quoteWindows(arg) : quotePosix(arg);
}
