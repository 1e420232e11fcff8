/**
 * The text of a new `PyHardLinkBackup.ini`: every key commented out with its default and a
 * one-line explanation, so the file documents itself and changes nothing until a line is edited.
 * Also creates such a file, never replacing one that exists.
 * @module
 */
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { errorMessage, FatalError } from "../errors.ts";
import { msg, t } from "../i18n/messages.ts";
import { IS_WINDOWS } from "../fs/path.ts";
import type { Config } from "./config.ts";
import { CONFIG_KEY_NAMES, CONFIG_KEYS, type ConfigKey, type KeySpec } from "./keys.ts";

/** A key the template writes active (not commented out), with a note on where it came from. */
export interface TemplateSetting {
  key: ConfigKey;
  text: string;
  note: string;
}

/** Options for {@linkcode configTemplate}. */
export interface TemplateOptions {
  /** Extra comment lines for the top, e.g. what the file is for. */
  intro?: string[];
  /** Keys written active instead of commented out. */
  settings?: TemplateSetting[];
  /** Line ending; default "\r\n" on Windows (Notepad users), "\n" elsewhere. */
  eol?: string;
}

/**
 * The template's text. Its comments are in the run's language (a file made by a German run
 * explains itself in German); key names and values are the same in every language.
 */
export function configTemplate(options: TemplateOptions = {}): string {
  const comment = (l: string) => `# ${l}`.trimEnd();
  const lines = [
    ...t("cli.template.head").split("\n").map(comment),
    ...(options.intro ?? []).map(comment),
    "",
    "[common]",
  ];
  for (const k of CONFIG_KEY_NAMES) {
    const spec = CONFIG_KEYS[k];
    const set = options.settings?.find((s) => s.key === k);
    lines.push("", comment(t(spec.help)));
    if (set) {
      lines.push(
        comment(t("cli.template.setNote", { note: set.note, value: spec.defaultText })),
        `${k} = ${set.text}`.trimEnd(),
      );
    } else lines.push(`# ${k} = ${spec.defaultText}`.trimEnd());
  }
  const eol = options.eol ?? (IS_WINDOWS ? "\r\n" : "\n");
  return lines.join(eol) + eol;
}

/**
 * The keys `config` sets in its file, as a new ini in folder `dir` must write them to mean the
 * same. Values are written as phlb shows them (lists comma-separated); a relative BACKUP_PATH is rebased from the old file's folder to `dir`, so a root on the
 * same USB stick stays relative (drive-letter independent); `~` and absolute paths are kept.
 */
export function inheritedSettings(config: Config, dir: string): TemplateSetting[] {
  const out: TemplateSetting[] = [];
  for (const k of CONFIG_KEY_NAMES) {
    const origin = config.origins[k];
    const raw = config.raw[k];
    if (origin.kind !== "file" || raw === undefined) continue;
    const spec = CONFIG_KEYS[k] as KeySpec<unknown>;
    let text = spec.type.show(config.values[k]);
    if (k === "BACKUP_PATH") {
      text = raw;
      if (!raw.startsWith("~") && !isAbsolute(raw)) {
        const rebased = relative(dir, resolve(dirname(origin.file), raw));
        text = isAbsolute(rebased) ? rebased : rebased || ".";
      }
    }
    out.push({ key: k, text, note: t("cli.template.copiedFrom", { file: origin.file, line: origin.line }) });
  }
  return out;
}

/**
 * Creates `path` with the template. Returns false, writing nothing, if the file exists: a user's
 * file is never overwritten.
 */
export function createConfigFile(path: string, options: TemplateOptions = {}): boolean {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { write: true, createNew: true });
  } catch (err) {
    if (err instanceof Deno.errors.AlreadyExists) return false;
    throw new FatalError(msg("cli.template.cannotCreate", { file: path, error: errorMessage(err) }), {
      cause: err,
    });
  }
  try {
    const data = new TextEncoder().encode(configTemplate(options));
    let off = 0;
    while (off < data.length) off += file.writeSync(data.subarray(off));
  } finally {
    file.close();
  }
  return true;
}
