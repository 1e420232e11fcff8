/**
 * `phlb helper DIR`: the "back up this folder" scripts PyHardLinkBackup users double-click or call
 * from cron and Task Scheduler, plus a `PyHardLinkBackup.ini` template beside them.
 *
 * Each script backs up the folder it sits in, from any working folder or drive letter. It runs the
 * phlb binary the scripts were made with, or, made from source, the clone's launcher (its absolute
 * path, then the same path relative to the script, for a USB stick mounted elsewhere), else `phlb`
 * on PATH, and returns phlb's exit code.
 * The scripts are generated and may be replaced; the ini is the user's and is never overwritten.
 * This module writes files and never prints.
 * @module
 */
import { posix, win32 } from "node:path";
import { errorMessage, FatalError } from "../errors.ts";
import { msg, t } from "../i18n/messages.ts";
import { type Config, CONFIG_FILENAME } from "../config/config.ts";
import { createConfigFile, inheritedSettings } from "../config/template.ts";
import { writeTextAtomic } from "../fs/atomic.ts";
import { joinPath } from "../fs/path.ts";

/** The POSIX script's name. */
export const HELPER_SH = "phlb_backup_this_directory.sh";
/** The Windows script's name. */
export const HELPER_CMD = "phlb_backup_this_directory.cmd";

/** How the scripts find phlb. */
export interface HelperOptions {
  /**
   * The phlb to embed: a compiled phlb's own path, or a clone's launcher (`phlb`, `phlb.cmd`);
   * none: `phlb` on PATH only.
   */
  phlbPath?: string;
  /**
   * A folder the POSIX script appends to PATH: the folder of the Deno a launcher needs, since cron
   * runs scripts with PATH=/usr/bin:/bin (Task Scheduler keeps the user's PATH: not on Windows).
   */
  denoDir?: string;
  /** The platform `phlbPath` belongs to: its path goes only into that platform's script. */
  os: "windows" | "posix";
  /** phlb's version, noted in the scripts. */
  version: string;
  /**
   * The config backups of `dir` used so far: the keys its file sets are written into the new
   * ini, which from now on takes its place for this folder.
   */
  inherit?: Config;
}

/** What {@linkcode writeHelper} did with each file. */
export interface HelperFile {
  path: string;
  status: "created" | "replaced" | "kept";
}

function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Batch files expand %…% even inside quotes; a literal % is written %%. */
function cmdEscape(s: string): string {
  return s.replaceAll("%", "%%");
}

/** Text inside a POSIX shell's double quotes. */
function shDoubleQuoted(text: string): string {
  return text.replace(/[\\`"$]/g, "\\$&");
}

const ASCII: Record<string, string> = {
  "ä": "ae",
  "ö": "oe",
  "ü": "ue",
  "Ä": "Ae",
  "Ö": "Oe",
  "Ü": "Ue",
  "ß": "ss",
  "„": '"',
  "“": '"',
  "”": '"',
  "‚": "'",
  "‘": "'",
  "’": "'",
  "–": "-",
  "—": "-",
  "…": "...",
};

/**
 * A message for `echo` in a .cmd file, in plain ASCII. cmd.exe reads a batch file in the console's
 * OEM code page (850 on a German Windows), not UTF-8: an ü written as UTF-8 shows as "Ã¼". `chcp
 * 65001` in the script would change the code page of the console it runs in for good (the window
 * the user started it from), so umlauts are written ae, oe, ue, ss instead; cmd's special
 * characters are escaped with ^.
 */
export function cmdEchoText(text: string): string {
  const ascii = [...text].map((c) => ASCII[c] ?? c).join("").normalize("NFD").replace(/[^\x20-\x7e]/g, "");
  return ascii.replace(/[\^&|<>()]/g, "^$&").replaceAll("%", "%%");
}

/** The POSIX script for folder `dir`. */
export function helperShellScript(dir: string, options: HelperOptions): string {
  const candidates: string[] = [];
  if (options.phlbPath && options.os === "posix") {
    candidates.push(shQuote(options.phlbPath));
    const rel = posix.relative(dir, options.phlbPath);
    if (rel !== "" && !posix.isAbsolute(rel)) candidates.push(`"$here/"${shQuote(rel)}`);
  }
  const lines = [
    "#!/bin/sh",
    "# Backs up the folder this script is in with phlb: a new snapshot under BACKUP_PATH.",
    `# Made by \`phlb helper\` (phlb ${options.version}). Safe to delete, or to make again.`,
    "# Settings: the PyHardLinkBackup.ini beside this script, else the nearest one in a parent",
    "# folder, else the one in your home folder. Arguments go to `phlb backup` (e.g. --dry-run, -q).",
    "# The exit code is phlb's: 0 done, 1 fatal error, 3 some files failed. For cron, e.g.:",
    `#   30 2 * * *  ${shQuote(joinPath(dir, HELPER_SH))} -q`,
    `here=$(CDPATH= cd "$(dirname "$0")" && pwd -P) || exit 1`,
    `cd "$here" || exit 1`,
  ];
  if (options.denoDir && options.os === "posix") {
    lines.push(
      "# phlb runs from source, through its launcher, which needs Deno or npx on PATH; cron's PATH",
      "# is short, so the folder of the Deno that made this script comes last.",
      `PATH="\${PATH:+$PATH:}"${shQuote(options.denoDir)}`,
      "export PATH",
    );
  }
  lines.push("phlb=");
  if (candidates.length > 0) {
    lines.push(
      `for candidate in ${candidates.join(" ")}; do`,
      `  if [ -z "$phlb" ] && [ -f "$candidate" ] && [ -x "$candidate" ]; then phlb=$candidate; fi`,
      "done",
    );
  }
  lines.push(
    `if [ -z "$phlb" ]; then`,
    "  if command -v phlb >/dev/null 2>&1; then",
    "    phlb=phlb",
    "  else",
    `    echo "$0: ${shDoubleQuoted(t("cli.helper.script.notFoundSh"))}" >&2`,
    "    exit 1",
    "  fi",
    "fi",
    `exec "$phlb" backup "$here" "$@"`,
  );
  return lines.join("\n") + "\n";
}

/** The Windows script for folder `dir` (CRLF line endings, as cmd.exe expects). */
export function helperCmdScript(dir: string, options: HelperOptions): string {
  const find: string[] = [];
  if (options.phlbPath && options.os === "windows") {
    const exe = cmdEscape(options.phlbPath);
    find.push(`if exist "${exe}" set "PHLB_EXE=${exe}"`);
    // On the same drive, the path relative to the script still works when the drive letter changes.
    const rel = win32.relative(dir, options.phlbPath);
    if (rel !== "" && !win32.isAbsolute(rel)) {
      const viaScript = `%~dp0${cmdEscape(rel)}`;
      find.push(`if not defined PHLB_EXE if exist "${viaScript}" set "PHLB_EXE=${viaScript}"`);
    }
  }
  const lines = [
    "@echo off",
    "rem Backs up the folder this script is in with phlb: a new snapshot under BACKUP_PATH.",
    `rem Made by \`phlb helper\` (phlb ${options.version}). Safe to delete, or to make again.`,
    "rem Settings: the PyHardLinkBackup.ini beside this script, else the nearest one in a parent",
    "rem folder, else the one in your home folder.",
    "rem Double-clicked, the window stays open with the summary until a key is pressed.",
    "rem For Task Scheduler, give the argument --no-pause. The exit code is phlb's:",
    "rem 0 done, 1 fatal error, 3 some files failed.",
    "setlocal DisableDelayedExpansion",
    // pushd, not cd: it also enters a \\server\share folder (through a temporary drive letter).
    `pushd "%~dp0" || exit /b 1`,
    `set "PHLB_EXE="`,
    ...find,
    // By full name: a clone on PATH also holds `phlb`, the POSIX launcher, which cmd.exe cannot run.
    ...["phlb.exe", "phlb.cmd"].map((name) =>
      `if not defined PHLB_EXE for /f "delims=" %%p in ('where ${name} 2^>nul') do ` +
      `if not defined PHLB_EXE set "PHLB_EXE=%%p"`
    ),
    "if defined PHLB_EXE goto run",
    `echo ${cmdEchoText(t("cli.helper.script.notFoundCmd"))}`,
    `set "PHLB_EXIT=1"`,
    "goto finish",
    ":run",
    // A batch file (a clone's phlb.cmd launcher) run without `call` would end this script with it.
    `if /i "%PHLB_EXE:~-4%"==".cmd" goto run_batch`,
    `if /i "%PHLB_EXE:~-4%"==".bat" goto run_batch`,
    // "%~dp0." and not "%~dp0": a trailing backslash would escape the closing quote.
    `"%PHLB_EXE%" backup "%~dp0."`,
    "goto ran",
    ":run_batch",
    `call "%PHLB_EXE%" backup "%~dp0."`,
    ":ran",
    `set "PHLB_EXIT=%ERRORLEVEL%"`,
    ":finish",
    `if /i "%~1"=="--no-pause" goto done`,
    "rem Started from Explorer, cmd.exe runs only this script (its command line names it) and",
    "rem would close the window at once; started from a console it does not, and we do not pause.",
    "setlocal EnableDelayedExpansion",
    `set "PHLB_CMDLINE=!CMDCMDLINE!"`,
    `if /i not "!PHLB_CMDLINE:%~nx0=!"=="!PHLB_CMDLINE!" pause`,
    "endlocal",
    ":done",
    "exit /b %PHLB_EXIT%",
  ];
  return lines.join("\r\n") + "\r\n";
}

function writeScript(path: string, text: string, mode: number): HelperFile {
  let existed = false;
  try {
    existed = Deno.lstatSync(path).isFile;
  } catch { /* new */ }
  try {
    writeTextAtomic(path, text);
    if (Deno.build.os !== "windows") Deno.chmodSync(path, mode);
  } catch (err) {
    throw new FatalError(msg("cli.helper.cannotWrite", { file: path, error: errorMessage(err) }), {
      cause: err,
    });
  }
  return { path, status: existed ? "replaced" : "created" };
}

/** Writes both scripts into `dir` (replacing older ones) and the ini template unless one exists. */
export function writeHelper(dir: string, options: HelperOptions): HelperFile[] {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(dir);
  } catch (err) {
    throw new FatalError(msg("cli.helper.cannotUse", { dir, error: errorMessage(err) }), { cause: err });
  }
  if (!info.isDirectory) throw new FatalError(msg("cli.helper.notFolder", { dir }));
  const ini = joinPath(dir, CONFIG_FILENAME);
  const created = createConfigFile(ini, {
    intro: ["", ...t("cli.helper.iniIntro", { sh: HELPER_SH, cmd: HELPER_CMD }).split("\n")],
    settings: options.inherit ? inheritedSettings(options.inherit, dir) : [],
  });
  return [
    writeScript(joinPath(dir, HELPER_SH), helperShellScript(dir, options), 0o755),
    writeScript(joinPath(dir, HELPER_CMD), helperCmdScript(dir, options), 0o644),
    { path: ini, status: created ? "created" : "kept" },
  ];
}
