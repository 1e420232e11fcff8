/**
 * The `phlb restore` command line a file page offers to copy: the file's snapshot reference with its
 * root, quoted for the shell of the machine that serves (POSIX sh, or cmd and PowerShell on Windows).
 * Pure: it builds text, the page escapes it.
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

/** What {@linkcode restoreLine} needs. */
export interface RestoreLineOptions {
  root: string;
  name: string;
  snapId: string;
  /** "/"-separated path in the snapshot. */
  rel: string;
  /** The folder to restore into. */
  target: string;
  /** Quote for Windows. Default: whether this runs on Windows. */
  windows?: boolean;
}

/**
 * `phlb restore --root ROOT NAME@ID/PATH TARGET`. A name holding "@" cannot be written as
 * `NAME@ID`; the snapshot folder's path stands for it then.
 */
export function restoreLine(o: RestoreLineOptions): string {
  const q = (o.windows ?? Deno.build.os === "windows") ? quoteWindows : quotePosix;
  if (o.name.includes("@")) {
    const sep = (o.windows ?? Deno.build.os === "windows") ? "\\" : "/";
    const path = [o.root.replace(/[\\/]+$/, ""), o.name, o.snapId, ...o.rel.split("/")].join(sep);
    return `phlb restore ${q(path)} ${q(o.target)}`;
  }
  return `phlb restore --root ${q(o.root)} ${q(`${o.name}@${o.snapId}/${o.rel}`)} ${q(o.target)}`;
}
