/**
 * The languages phlb speaks, and how a language code (`de`, `de-DE`, `de_CH.UTF-8`) selects one.
 * Adding a language: one catalogue file beside en.ts, and its line in {@linkcode CATALOGS}.
 * @module
 */
import { DE } from "./de.ts";
import { type Catalog, EN } from "./en.ts";

/** Every catalogue, by its language's code. */
export const CATALOGS = { en: EN, de: DE } as const satisfies Record<string, Catalog>;

/** A language phlb speaks. */
export type Language = keyof typeof CATALOGS;

/** The codes phlb speaks, for messages: "en, de". */
export const LANGUAGES = Object.keys(CATALOGS) as Language[];

/** Whether `code` is written like a language code (`de`, `de-CH`, `de_CH.UTF-8`, `C`, `POSIX`). */
export function isLanguageCode(code: string): boolean {
  return /^([A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*(\.[A-Za-z0-9-]+)?(@[A-Za-z0-9]+)?|C|POSIX|C\.[A-Za-z0-9-]+)$/
    .test(code);
}

/**
 * The language a code selects: its first part, case-insensitive (`de_CH.UTF-8` and `DE-de` are
 * German). `C` and `POSIX` (the locale of no locale) are English. Undefined when phlb does not
 * speak it.
 */
export function languageOf(code: string): Language | undefined {
  const c = code.trim();
  if (c === "C" || c === "POSIX" || c.startsWith("C.")) return "en";
  const primary = c.split(/[-_.@]/)[0].toLowerCase();
  return (LANGUAGES as string[]).includes(primary) ? primary as Language : undefined;
}

/** Where the language was chosen. */
export type LanguageSource = "--lang" | "LANGUAGE_CODE" | "LC_ALL" | "LC_MESSAGES" | "LANG" | "default";

/** What {@linkcode chooseLanguage} found. */
export interface LanguageChoice {
  language: Language;
  from: LanguageSource;
  /** Set when a code was asked for explicitly that phlb does not speak: say so once. */
  unknown?: { code: string; from: LanguageSource };
}

/** The places a language can come from, in the order they win. */
export interface LanguageSources {
  /** `--lang`. */
  flag?: string;
  /** `LANGUAGE_CODE` from the ini in use, when the file sets it. */
  ini?: string;
  /** The environment's LC_ALL, LC_MESSAGES and LANG. */
  env?: { LC_ALL?: string; LC_MESSAGES?: string; LANG?: string };
}

/**
 * The language of this run: `--lang`, then LANGUAGE_CODE, then the POSIX locale variables (the
 * first that is set and not empty of LC_ALL, LC_MESSAGES, LANG, as POSIX orders them), then English.
 *
 * An explicit choice phlb does not speak (`--lang fr`, `LANGUAGE_CODE = fr`) falls back to English
 * and is reported once (`unknown`). A locale from the environment that phlb does not speak is
 * English without a word: it is the setting of the whole system, and every run from cron would
 * otherwise say the same thing.
 */
export function chooseLanguage(sources: LanguageSources): LanguageChoice {
  for (const [from, code] of [["--lang", sources.flag], ["LANGUAGE_CODE", sources.ini]] as const) {
    if (code === undefined || code === "") continue;
    const language = languageOf(code);
    return language ? { language, from } : { language: "en", from, unknown: { code, from } };
  }
  const env = sources.env ?? {};
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"] as const) {
    const code = env[name];
    if (code === undefined || code === "") continue;
    return { language: languageOf(code) ?? "en", from: name };
  }
  return { language: "en", from: "default" };
}
