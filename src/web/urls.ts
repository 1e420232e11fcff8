/**
 * The URL scheme of `phlb serve`, built in one place so pages and routes agree:
 *
 *     /                              dashboard
 *     /b/NAME/                       the snapshots of a backup name
 *     /b/NAME/ID/                    a snapshot's top folder (same as /b/NAME/ID/files/)
 *     /b/NAME/ID/files/PATH[/]       a folder listing, or a file's page
 *     /b/NAME/ID/raw/PATH            a file's bytes, as a download
 *     /b/NAME/ID/log                 the run's summary and log
 *     /b/NAME/ID/changes[?page=N]    what changed against the previous snapshot
 *     /b/NAME/ID/files/PATH?a=ID&b=ID   a file page comparing two versions of the file
 *     /search?q=TEXT&name=NAME&page=N
 *     /static/style.css
 *
 * Any page takes `?lang=de` (or `en`): the page is in that language, and the {@linkcode Links} it
 * makes keep the choice, so navigation stays in it. Without it a page is in the server's language.
 *
 * Every path segment is percent-encoded on its own, so a "/" or "%" in a name never changes the
 * path's shape; the server decodes each segment once. Names are fs-strings (src/fs/native/names.ts):
 * a segment is encoded from the name's exact bytes, so a name that is not valid UTF-8 (`bad\xFF`)
 * becomes `bad%FF` and the server decodes it back to the same bytes.
 * @module
 */
import { encodeName } from "../fs/native/names.ts";
import type { Language } from "../i18n/messages.ts";

/** Bytes kept as they are: the characters `encodeURIComponent` leaves alone. */
const KEPT = /^[A-Za-z0-9\-_.!~*'()]$/;
const HEX = "0123456789ABCDEF";

/**
 * Percent-encodes one path segment from the exact bytes of fs-string `segment`: every byte but
 * the characters `encodeURIComponent` keeps becomes %XX. For a valid UTF-8 name this is what
 * `encodeURIComponent` gives; unlike it, this never throws on a name with escaped bytes.
 */
export function encodeSegment(segment: string): string {
  let out = "";
  for (const b of encodeName(segment)) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && KEPT.test(c) ? c : "%" + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

function enc(segment: string): string {
  return encodeSegment(segment);
}

function encRel(rel: string): string {
  return rel === "" ? "" : rel.split("/").map(enc).join("/");
}

/** The snapshot list of a backup name. */
export function nameUrl(name: string): string {
  return `/b/${enc(name)}/`;
}

/** A snapshot's top folder. */
export function snapshotUrl(name: string, snapId: string): string {
  return `/b/${enc(name)}/${enc(snapId)}/`;
}

/** A folder (trailing "/") or file page inside a snapshot. */
export function filesUrl(name: string, snapId: string, rel: string, options: { dir?: boolean } = {}): string {
  if (rel === "") return snapshotUrl(name, snapId);
  return `/b/${enc(name)}/${enc(snapId)}/files/${encRel(rel)}${options.dir ? "/" : ""}`;
}

/** A file's page comparing its versions in snapshots `a` (older) and `b`. */
export function compareUrl(
  name: string,
  snapId: string,
  rel: string,
  versions: { a: string; b: string },
): string {
  const p = new URLSearchParams({ a: versions.a, b: versions.b });
  return `${filesUrl(name, snapId, rel)}?${p}#changes`;
}

/** A file's download. */
export function rawUrl(name: string, snapId: string, rel: string): string {
  return `/b/${enc(name)}/${enc(snapId)}/raw/${encRel(rel)}`;
}

/** A snapshot's run log and summary. */
export function logUrl(name: string, snapId: string): string {
  return `/b/${enc(name)}/${enc(snapId)}/log`;
}

/** What a snapshot changed against the one before it. */
export function changesUrl(name: string, snapId: string, page = 1): string {
  return `/b/${enc(name)}/${enc(snapId)}/changes${page > 1 ? `?page=${page}` : ""}`;
}

/** A search results page. */
export function searchUrl(query: { text?: string; name?: string; page?: number } = {}): string {
  const p = new URLSearchParams();
  if (query.text) p.set("q", query.text);
  if (query.name) p.set("name", query.name);
  if (query.page && query.page > 1) p.set("page", String(query.page));
  const s = p.toString();
  return s ? `/search?${s}` : "/search";
}

/** The stylesheet. */
export const STYLE_URL = "/static/style.css";

/** The query parameter that chooses a page's language. */
export const LANG_PARAM = "lang";

/** `url` with `lang=LANG` added to its query, before any fragment; `url` itself without `lang`. */
export function withLang(url: string, lang: Language | undefined): string {
  if (lang === undefined) return url;
  const hash = url.indexOf("#");
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? "" : url.slice(hash);
  return `${base}${base.includes("?") ? "&" : "?"}${LANG_PARAM}=${lang}${fragment}`;
}

/** What {@linkcode Links} are made for. */
export interface LinksOptions {
  /** The language the page was asked in with `?lang=`: every page link keeps it. */
  lang?: Language;
  /** The server's language: the switch links to it without the parameter. */
  defaultLang: Language;
  /** This page's path and query (percent-encoded, without `lang`), for the language switch. */
  here?: string;
}

/**
 * The links one page makes: the URL helpers above, each keeping the language the page was asked in
 * (`?lang=`), so a reader who chose a language stays in it. Downloads and the stylesheet are not
 * pages and carry no language; a form keeps it in a hidden field ({@linkcode Links.lang}), since a
 * GET form replaces the query of its action.
 */
export class Links {
  /** The language asked for with `?lang=`, kept in every page link; undefined: the server's. */
  readonly lang: Language | undefined;
  readonly defaultLang: Language;
  readonly #here: string;

  constructor(options: LinksOptions) {
    this.lang = options.lang;
    this.defaultLang = options.defaultLang;
    // Only a path of this server: never "//host", which a browser would read as another site.
    const here = options.here ?? "/";
    this.#here = here.startsWith("/") && !here.startsWith("//") ? here : "/";
  }

  #keep(url: string): string {
    return withLang(url, this.lang);
  }

  /** The dashboard. */
  home(): string {
    return this.#keep("/");
  }
  /** See {@linkcode nameUrl}. */
  name(name: string): string {
    return this.#keep(nameUrl(name));
  }
  /** See {@linkcode snapshotUrl}. */
  snapshot(name: string, snapId: string): string {
    return this.#keep(snapshotUrl(name, snapId));
  }
  /** See {@linkcode filesUrl}. */
  files(name: string, snapId: string, rel: string, options: { dir?: boolean } = {}): string {
    return this.#keep(filesUrl(name, snapId, rel, options));
  }
  /** See {@linkcode compareUrl}. */
  compare(name: string, snapId: string, rel: string, versions: { a: string; b: string }): string {
    return this.#keep(compareUrl(name, snapId, rel, versions));
  }
  /** See {@linkcode rawUrl}: a download, the same in every language. */
  raw(name: string, snapId: string, rel: string): string {
    return rawUrl(name, snapId, rel);
  }
  /** See {@linkcode logUrl}. */
  log(name: string, snapId: string): string {
    return this.#keep(logUrl(name, snapId));
  }
  /** See {@linkcode changesUrl}. */
  changes(name: string, snapId: string, page = 1): string {
    return this.#keep(changesUrl(name, snapId, page));
  }
  /** See {@linkcode searchUrl}. */
  search(query: { text?: string; name?: string; page?: number } = {}): string {
    return this.#keep(searchUrl(query));
  }
  /** `url`, a page of this server built elsewhere, keeping the language. */
  page(url: string): string {
    return this.#keep(url);
  }
  /** This page in `lang`: in the server's language without the parameter. */
  inLanguage(lang: Language): string {
    return withLang(this.#here, lang === this.defaultLang ? undefined : lang);
  }
}
