/**
 * What PyHardLinkBackup 0.x (the Django versions, up to 0.13) left in a backup root, and how to
 * tell its files from a user's. Read from its code (jedie/PyHardLinkBackup, `phlb/path_helper.py`,
 * `phlb/backup.py`, `backup_app/models.py`, `phlb/main.py`):
 *
 *     ROOT/NAME/ID/                 a snapshot, ID from SUB_DIR_FORMATTER (default %Y-%m-%d-%H%M%S)
 *     ROOT/NAME/ID/…/FILE.sha512    beside each stored file: the hex sha512 of FILE, 128 lowercase
 *                                   digits and no newline (`hash_file.write(hash.hexdigest())`)
 *     ROOT/NAME/ID/phlb_config.ini  0.6 and later: `[BACKUP_RUN]` / `primary_key = N`, the row of
 *                                   its database that the snapshot belongs to
 *     ROOT/NAME/ID summary.txt      0.4 to 0.11: the run's summary, first line `Start backup: ID`
 *     ROOT/NAME/ID.log              0.4 and later: the run's log (phlb's run log has the same name)
 *
 * A name alone never makes a file PyHardLinkBackup's: a hash file must hold exactly a digest, the
 * run config exactly a `[BACKUP_RUN]` section, the summary must start as PyHardLinkBackup started
 * it. This module only reads; `phlb add` decides what to check and remove (src/add/legacy.ts).
 * @module
 */
import { pathExists } from "../fs/classify.ts";
import { joinPath } from "../fs/path.ts";
import { sidecarPaths } from "./layout.ts";

/** The suffix of PyHardLinkBackup's per-file hash (its default HASH_NAME, sha512). */
export const LEGACY_HASH_SUFFIX = ".sha512";
/** PyHardLinkBackup's per-snapshot run config, at the top of each snapshot folder. */
export const LEGACY_RUN_CONFIG = "phlb_config.ini";

/** Bytes of a hash file: 128 digits, optionally a line end ("\n" or "\r\n"). */
const HASH_FILE_MAX_BYTES = 130;
/** Marker files are a few lines; a larger one is not PyHardLinkBackup's. */
const MARKER_MAX_BYTES = 64 << 10;

/** The name of PyHardLinkBackup's summary beside snapshot `id`: `ID summary.txt`. */
export function legacySummaryName(id: string): string {
  return `${id} summary.txt`;
}

/** The sha512 hex a PyHardLinkBackup hash file holds, or undefined when `bytes` are anything else. */
export function parseLegacyHash(bytes: Uint8Array): string | undefined {
  if (bytes.length < 128 || bytes.length > HASH_FILE_MAX_BYTES) return undefined;
  const text = new TextDecoder().decode(bytes);
  return /^[0-9a-f]{128}(\r?\n)?$/.test(text) ? text.slice(0, 128) : undefined;
}

/** A PyHardLinkBackup `phlb_config.ini`: one `[BACKUP_RUN]` section holding only `primary_key = N`. */
export function isLegacyRunConfig(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  return lines.length === 2 && lines[0] === "[BACKUP_RUN]" && /^primary_key\s*[=:]\s*\d+$/i.test(lines[1]);
}

/** A PyHardLinkBackup summary of snapshot `id`: its first line is `Start backup: ID`. */
export function isLegacySummary(text: string, id: string): boolean {
  return text.split(/\r?\n/, 1)[0].trimEnd() === `Start backup: ${id}`;
}

/** Reads a small regular file, or undefined (missing, a folder or symlink, larger than `maxBytes`). */
function readSmallFile(path: string, maxBytes: number): Uint8Array | undefined {
  try {
    const info = Deno.lstatSync(path);
    if (!info.isFile || info.size > maxBytes) return undefined;
    return Deno.readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Reads a small file as text, or undefined. */
function readSmallText(path: string): string | undefined {
  const bytes = readSmallFile(path, MARKER_MAX_BYTES);
  return bytes && new TextDecoder().decode(bytes);
}

/** What marks snapshot folder `ID` of `NAME` as PyHardLinkBackup's; each path is set only when it is its. */
export interface LegacyMarks {
  /** `ID/phlb_config.ini`, when it is PyHardLinkBackup's run config. */
  runConfig?: string;
  /** `ID summary.txt` beside the folder, when it is PyHardLinkBackup's summary of this snapshot. */
  summary?: string;
}

/**
 * PyHardLinkBackup's marks on a complete snapshot folder `path` (`ROOT/NAME/ID`). Snapshots of
 * versions before 0.4 have neither; they are not recognized as PyHardLinkBackup's.
 */
export function legacyMarks(root: string, snap: { name: string; id: string; path: string }): LegacyMarks {
  const marks: LegacyMarks = {};
  const runConfig = joinPath(snap.path, LEGACY_RUN_CONFIG);
  const configText = readSmallText(runConfig);
  if (configText !== undefined && isLegacyRunConfig(configText)) marks.runConfig = runConfig;
  const summary = joinPath(root, `${snap.name}/${legacySummaryName(snap.id)}`);
  const summaryText = readSmallText(summary);
  if (summaryText !== undefined && isLegacySummary(summaryText, snap.id)) marks.summary = summary;
  return marks;
}

/** True when the marks say PyHardLinkBackup made the snapshot. */
export function isLegacySnapshot(marks: LegacyMarks): boolean {
  return marks.runConfig !== undefined || marks.summary !== undefined;
}

/**
 * A snapshot PyHardLinkBackup made that phlb has not adopted yet: it carries PyHardLinkBackup's
 * marks and has no manifest beside it (`phlb add` writes one when it records a snapshot).
 */
export function isUnadoptedLegacySnapshot(
  root: string,
  snap: { name: string; id: string; path: string },
): boolean {
  if (pathExists(sidecarPaths(root, snap.name, snap.id).manifest)) return false;
  return isLegacySnapshot(legacyMarks(root, snap));
}
