/**
 * The `phlb restore` command line a file page offers to copy: the file's snapshot reference with its
 * root, quoted for the shell of the machine that serves (POSIX sh, or cmd and PowerShell on Windows).
 * Pure: it builds text, the page escapes it.
 * @module
 */
import { quotePosix, quoteWindows } from "../report/shell_quote.ts";

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
