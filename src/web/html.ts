/**
 * One `html` tagged template that escapes every interpolation, for `phlb serve`'s pages.
 *
 * A value is inserted as markup only when it is an {@linkcode Html} made by `html` itself; strings,
 * numbers and everything else are escaped, and arrays are joined with each element treated the
 * same way. There is deliberately no way to mark an arbitrary string as safe: a page that needs
 * markup builds it with `html`.
 * @module
 */

/** A piece of markup built by {@linkcode html}: the only value inserted unescaped. */
export class Html {
  /** The markup text. */
  readonly value: string;
  /** Use {@linkcode html}; the constructor is not part of the API. */
  private constructor(value: string) {
    this.value = value;
  }
  /** @internal Only this module makes Html values. */
  static _make(value: string): Html {
    return new Html(value);
  }
  /** The markup text. */
  toString(): string {
    return this.value;
  }
}

/** What can be interpolated: escaped text, markup, nothing, or lists of these. */
export type HtmlValue = Html | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  // null, undefined and false render as nothing, so `${cond && html`…`}` works.
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** Builds markup: the literal parts are kept, every interpolation is escaped unless it is {@linkcode Html}. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return Html._make(out);
}
