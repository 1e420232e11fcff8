/**
 * The one way text reaches a person: `t(key, params)` in the run's language, and {@linkcode Msg},
 * a text that core code builds without knowing the language (core never prints).
 *
 * A `Msg` is English when it is turned into a string (`String(msg)`, an Error's message, a log
 * line), and is shown in the run's language by the report layer ({@linkcode localize}). So ID.log
 * stays English while the terminal speaks German.
 *
 * The run's language is set once by main.ts ({@linkcode setLanguage}); the web server, which answers
 * each request in the language it asks for, uses {@linkcode translator} instead.
 * @module
 */
import type { Entry, MessageKey } from "./en.ts";
import { formatBytes, formatDate, formatDuration, formatNumber } from "./format.ts";
import { CATALOGS, type Language } from "./languages.ts";

export type { MessageKey } from "./en.ts";
export type { Language } from "./languages.ts";

/** A value for a placeholder. A `Msg` is put in the same language as the text around it. */
export type ParamValue = string | number | bigint | Date | Msg;

/** A text's placeholder values. `count` chooses the plural form of a `{ one, other }` entry. */
export type Params = Readonly<Record<string, ParamValue>>;

/** A catalogue text with its values, not yet in a language: what core code reports. */
export class Msg {
  constructor(readonly key: MessageKey, readonly params: Params = {}) {}
  /** English, as logs and Error messages carry it. */
  toString(): string {
    return render("en", this.key, this.params);
  }
  /** In `lang`, by default the run's language. */
  in(lang: Language = active): string {
    return render(lang, this.key, this.params);
  }
}

/** A catalogue text with its values, for core code: English as a string, localized when shown. */
export function msg(key: MessageKey, params?: Params): Msg {
  return new Msg(key, params);
}

let active: Language = "en";

/** Sets the language of this run's terminal output (main.ts, once per run). */
export function setLanguage(lang: Language): void {
  active = lang;
}

/** The language of this run's terminal output. */
export function currentLanguage(): Language {
  return active;
}

/** A text in the run's language. */
export function t(key: MessageKey, params?: Params): string {
  return render(active, key, params ?? {});
}

/** A text in English: for logs and other lines that stay English everywhere. */
export function en(key: MessageKey, params?: Params): string {
  return render("en", key, params ?? {});
}

/**
 * What a report shows for a message that may have come from core code: a `Msg` in the run's
 * language; a plain string (an OS error, a name) as it is.
 */
export function localize(text: string | Msg, lang: Language = active): string {
  return text instanceof Msg ? text.in(lang) : text;
}

/** Texts and formats in one fixed language: for the web server, which answers per request. */
export interface Translator {
  readonly lang: Language;
  t(key: MessageKey, params?: Params): string;
  bytes(n: number): string;
  number(n: number | bigint, fractionDigits?: number): string;
  duration(ms: number): string;
  date(d: Date, withTime?: boolean): string;
  localize(text: string | Msg): string;
}

/** A {@linkcode Translator} for `lang`. */
export function translator(lang: Language): Translator {
  return {
    lang,
    t: (key, params) => render(lang, key, params ?? {}),
    bytes: (n) => formatBytes(n, lang),
    number: (n, digits) => formatNumber(n, lang, digits),
    duration: (ms) => formatDuration(ms, lang),
    date: (d, withTime) => formatDate(d, lang, withTime),
    localize: (text) => localize(text, lang),
  };
}

const pluralRules = new Map<Language, Intl.PluralRules>();

function pick(lang: Language, entry: Entry, params: Params): string {
  if (typeof entry === "string") return entry;
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, rules = new Intl.PluralRules(lang));
  const count = params.count;
  const n = typeof count === "number" ? count : typeof count === "bigint" ? Number(count) : NaN;
  return rules.select(n) === "one" ? entry.one : entry.other;
}

/** The placeholder syntax: `{name}` or `{name:format}`. */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?::(bytes|duration|date|datetime|raw))?\}/g;

function value(lang: Language, v: ParamValue | undefined, format: string | undefined, name: string): string {
  if (v === undefined) return `{${name}}`;
  if (v instanceof Msg) return v.in(lang);
  if (v instanceof Date) return formatDate(v, lang, format === "datetime");
  if (typeof v === "string") return v;
  switch (format) {
    case "bytes":
      return formatBytes(Number(v), lang);
    case "duration":
      return formatDuration(Number(v), lang);
    case "raw":
      return String(v);
    default:
      return formatNumber(v, lang);
  }
}

function render(lang: Language, key: MessageKey, params: Params): string {
  const entry = CATALOGS[lang][key] ?? CATALOGS.en[key];
  if (entry === undefined) return key;
  return pick(lang, entry, params).replace(
    PLACEHOLDER,
    (_all, name: string, format?: string) => value(lang, params[name], format, name),
  );
}
