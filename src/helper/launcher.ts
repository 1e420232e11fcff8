/**
 * Which phlb a helper script should run: the compiled binary that made it, or, when phlb runs from
 * a clone of its source, that clone's launcher (`phlb`, `phlb.cmd` beside main.ts), plus the folder
 * of the Deno that runs it.
 *
 * The launcher is found from this module's own URL, not from an environment variable: phlb run as
 * `deno task phlb`, through the launcher or by `deno run main.ts` belongs to the same clone, and the
 * permission list stays as it is. This module reads the filesystem and never prints.
 * @module
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** The phlb a helper script runs, and what that program needs on PATH. */
export interface HelperTarget {
  /** A compiled phlb's own path, or the clone's launcher; undefined: `phlb` on PATH only. */
  phlbPath?: string;
  /**
   * From source only: the folder of the Deno running phlb now. The launcher needs Deno (or npx)
   * on PATH, and cron starts scripts with PATH=/usr/bin:/bin, which may hold neither.
   */
  denoDir?: string;
}

/** The launcher of the clone this module is in, if there is one (not in a compiled binary). */
export function sourceLauncher(os: "windows" | "posix"): string | undefined {
  if (Deno.build.standalone) return undefined;
  const url = new URL(os === "windows" ? "../../phlb.cmd" : "../../phlb", import.meta.url);
  if (url.protocol !== "file:") return undefined;
  const path = fileURLToPath(url);
  try {
    return Deno.statSync(path).isFile ? path : undefined;
  } catch {
    return undefined;
  }
}

/** What the scripts of `phlb helper` run: this binary, else this clone's launcher, else nothing. */
export function helperTarget(os: "windows" | "posix"): HelperTarget {
  if (Deno.build.standalone) return { phlbPath: Deno.execPath() };
  const launcher = sourceLauncher(os);
  if (launcher === undefined) return {};
  return { phlbPath: launcher, denoDir: dirname(Deno.execPath()) };
}
