/**
 * What the config shows: problems with the ini (file:line: KEY: message) and the effective
 * settings with where each came from (`phlb config --show`, `phlb backup -v`).
 * @module
 */
import { type Config, type ConfigProblem, formatProblem, type Origin } from "../config/config.ts";
import { CONFIG_KEY_NAMES, CONFIG_KEYS, type KeySpec } from "../config/keys.ts";
import { rememberShown } from "../config/warned.ts";
import { type Language, localize, msg, t } from "../i18n/messages.ts";
import { err, styles } from "./term.ts";

/** Prints one config problem to stderr. */
export function printConfigProblem(p: ConfigProblem): void {
  const st = styles("stderr");
  const label = p.severity === "error" ? st.red(t("common.error")) : st.yellow(t("common.warning"));
  err(`${label}: ${formatProblem(p, localize(p.text ?? p.message))}\n`);
  // Shown now: not again for this content (see config/warned.ts).
  if (p.once) rememberShown(p.once);
}

/** "default", "FILE:LINE", the flag, or "environment PHLB_ROOT": in `lang` (default the run's; JSON: "en"). */
export function formatOrigin(o: Origin, lang?: Language): string {
  if (o.kind === "default") return msg("cli.origin.default").in(lang);
  if (o.kind === "file") return `${o.file}:${o.line}`;
  if (o.kind === "env") return msg("cli.origin.env", { name: o.name }).in(lang);
  return o.addedTo ? `${o.flag} + ${formatOrigin(o.addedTo, lang)}` : o.flag;
}

/** One row of {@linkcode formatSettings}. */
export interface SettingRow {
  label: string;
  value: string;
  origin: string;
}

/** One line per key: `KEY = value  (origin)`, then any extra lines (e.g. flag-only excludes). */
export function formatSettings(config: Config, extra: SettingRow[] = []): string {
  const rows: SettingRow[] = CONFIG_KEY_NAMES.map((k) => {
    const spec = CONFIG_KEYS[k] as KeySpec<unknown>;
    return { label: k, value: spec.type.show(config.values[k]), origin: formatOrigin(config.origins[k]) };
  });
  rows.push(...extra);
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const valueWidth = Math.min(40, Math.max(...rows.map((r) => r.value.length)));
  return rows.map((r) => `${r.label.padEnd(labelWidth)} = ${r.value.padEnd(valueWidth)}  (${r.origin})`)
    .join("\n") + "\n";
}

/** The header of `phlb config --show`: which file is in use. */
export function formatConfigSource(config: Config, searched: string): string {
  return config.file
    ? `${t("cli.configShow.file", { file: config.file })}\n`
    : `${t("cli.configShow.none", { searched })}\n`;
}

/**
 * `phlb config --show --json`: the file in use, each key's value (as the ini writes it) and origin,
 * the problems; English in every language (field values included), as all `--json` output.
 */
export function configJson(config: Config, searched: string[]) {
  return {
    file: config.file ?? null,
    searched,
    settings: Object.fromEntries(CONFIG_KEY_NAMES.map((k) => {
      const spec = CONFIG_KEYS[k] as KeySpec<unknown>;
      return [k, { value: spec.type.show(config.values[k]), origin: formatOrigin(config.origins[k], "en") }];
    })),
    problems: config.problems.map(({ text: _text, ...p }) => p),
  };
}
