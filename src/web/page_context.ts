/**
 * What one page of `phlb serve` is made for: the language of its text ({@linkcode Translator}) and
 * the links it makes ({@linkcode Links}, which keep that language). The server answers each request
 * in its own language, so pages never use the run's global `t()`; they get a context.
 *
 * {@linkcode tHtml} puts markup (a `<code>` command, a link, a `<strong>` figure) into a catalogue
 * text without giving up the escaping of the `html` template: the catalogue text is escaped like
 * any other string, and only values built by `html` go in unescaped.
 * @module
 */
import {
  type Language,
  type MessageKey,
  type ParamValue,
  type Translator,
  translator,
} from "../i18n/messages.ts";
import { Html, html, type HtmlValue } from "./html.ts";
import { Links } from "./urls.ts";

/** A page's language and links. */
export interface PageContext {
  tr: Translator;
  links: Links;
}

/**
 * A context for `lang`. `asked` is the language the request chose with `?lang=` (kept in the
 * links); `here` is the page's own path and query without it, for the language switch.
 */
export function pageContext(
  lang: Language,
  options: { asked?: Language; defaultLang?: Language; here?: string } = {},
): PageContext {
  return {
    tr: translator(lang),
    links: new Links({ lang: options.asked, defaultLang: options.defaultLang ?? lang, here: options.here }),
  };
}

/** A value for {@linkcode tHtml}: markup or text (escaped), or what a catalogue text formats. */
export type HtmlParam = Html | ParamValue;

// Private-use characters: a catalogue text has none, and a value that holds them is escaped text.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const SLOT = /\uE000(\d+)\uE001/;

/**
 * A catalogue text as markup: `Html` values go in as markup, every other value and the text around
 * them are escaped. Numbers, dates and `count` are formatted as `tr.t` formats them.
 */
export function tHtml(
  tr: Translator,
  key: MessageKey,
  params: Readonly<Record<string, HtmlParam>> = {},
): Html {
  const slots: HtmlValue[] = [];
  const plain: Record<string, ParamValue> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === "string" || v instanceof Html) {
      plain[name] = `${OPEN}${slots.length}${CLOSE}`;
      slots.push(v);
    } else {
      plain[name] = v as ParamValue;
    }
  }
  const parts = tr.t(key, plain).split(SLOT);
  // split with a capture group: text, slot number, text, slot number, …, text.
  return html`${parts.map((p, i) => i % 2 === 1 ? slots[Number(p)] : p)}`;
}
