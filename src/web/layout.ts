/**
 * What every page of `phlb serve` shares: the document around a body, breadcrumbs, badges, pagers,
 * the snapshot header, and how times and ages are written. Plain functions from data to
 * {@linkcode Html}, all through the escaping `html` template; names go through `shownName`
 * (src/web/shown.ts), links through the page's `Links` (urls.ts), texts through its `Translator`.
 * No scripts.
 * @module
 */
import { EntryKind } from "../index/index.ts";
import type { PathHit } from "../index/web.ts";
import { type Language, LANGUAGES } from "../i18n/languages.ts";
import type { MessageKey, Msg, Translator } from "../i18n/messages.ts";
import type { SnapshotInfo } from "./catalog.ts";
import { type Html, html, type HtmlValue } from "./html.ts";
import type { PageContext } from "./page_context.ts";
import { shownName } from "./shown.ts";
import { LANG_PARAM, STYLE_URL } from "./urls.ts";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Local date, "2026-11-28". */
export function formatDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** Local time of day, "10:15". */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Local date and time, "2026-11-28 10:15:00". */
export function formatTime(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  const d = new Date(ms);
  return `${formatDay(ms)} ${formatClock(ms)}:${pad2(d.getSeconds())}`;
}

/** An age in words: "just now", "12 min", "5 h", "3 d" (German "gerade eben", "12 Min.", …). */
export function formatAge(ms: number, tr: Translator): string {
  if (ms < 60_000) return tr.t("web.age.justNow");
  const min = Math.floor(ms / 60_000);
  if (min < 60) return tr.t("web.age.minutes", { count: min });
  const h = Math.floor(min / 60);
  if (h < 48) return tr.t("web.age.hours", { count: h });
  return tr.t("web.age.days", { count: Math.floor(h / 24) });
}

/** A number or "—" when it is unknown. */
export function num(n: number | undefined, fmt: (n: number) => string = String): string {
  return n === undefined ? "—" : fmt(n);
}

/** One link in the breadcrumb trail. */
export interface Crumb {
  label: string;
  href?: string;
}

/** What every page has around its body. */
export interface LayoutOptions {
  title: string;
  crumbs?: Crumb[];
  /** A warning shown at the top, e.g. that there is no index: in the page's language. */
  note?: string | Msg;
  body: Html;
  /** Prefill the header's search box. */
  searchText?: string;
  /** More fields of the header's search form (the search page adds its backup filter). */
  searchExtra?: Html;
}

/** A note's text, with `backticked` parts (commands) shown as code; every part is escaped. */
function noteText(note: string): Html {
  return html`${note.split("`").map((part, i) => i % 2 === 1 ? html`<code>${part}</code>` : part)}`;
}

/** Each language's name, in that language. */
const LANGUAGE_NAMES: Record<Language, MessageKey> = {
  en: "web.language.en",
  de: "web.language.de",
};

/** Links to this page in each language, the page's own marked; the server's language is the plain URL. */
function languageSwitch(ctx: PageContext): Html {
  const { tr, links } = ctx;
  // i18n-ignore: an attribute around a catalogue text (the scanner reads `title="…"` as text)
  const defaultTitle = html`title="${tr.t("web.language.default")}"`;
  return html`<nav class="langs" aria-label="${tr.t("web.language.label")}">${
    LANGUAGES.map((lang, i) =>
      html`${i > 0 && " · "}${
        lang === tr.lang
          ? html`<strong lang="${lang}" aria-current="true">${tr.t(LANGUAGE_NAMES[lang])}</strong>`
          : html`
            <a lang="${lang}" hreflang="${lang}" href="${links.inLanguage(
              lang,
            )}" ${lang === links.defaultLang && defaultTitle}>${tr.t(LANGUAGE_NAMES[lang])}</a>
          `
      }`
    )
  }</nav>`;
}

/** The whole document around a page body, in the page's language. */
export function layout(o: LayoutOptions, ctx: PageContext): Html {
  const { tr, links } = ctx;
  const crumbs = o.crumbs ?? [];
  const note = o.note === undefined ? undefined : tr.localize(o.note);
  return html`
    <!doctype html>
    <html lang="${tr.lang}">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>${shownName(o.title)} · phlb</title>
        <link rel="stylesheet" href="${STYLE_URL}">
      </head>
      <body>
        <header class="top">
          <a class="brand" href="${links.home()}">${tr.t("web.layout.brand")}</a>
          <form method="get" action="/search" role="search">
            <input type="search" name="q" value="${o.searchText ?? ""}" placeholder="${tr.t(
              "web.layout.searchPlaceholder",
            )}"
              aria-label="${tr.t("web.layout.searchLabel")}">
            ${o.searchExtra}
            ${langField(ctx)}
            <button type="submit">${tr.t("web.layout.searchButton")}</button>
          </form>
          ${languageSwitch(ctx)}
        </header>
        <main>
    ${crumbs.length > 0 &&
      html`<nav class="crumbs" aria-label="${tr.t("web.layout.crumbsLabel")}">${
        crumbs.map((c, i) =>
          html`${i > 0 && " / "}${
            c.href
              ? html`<a href="${c.href}">${shownName(c.label)}</a>`
              : html`<span>${shownName(c.label)}</span>`
          }`
        )
      }</nav>`}
    <h1>${shownName(o.title)}</h1>
    ${note && html`<p class="note" role="note">${noteText(note)}</p>`}
    ${o.body}
        </main>
      </body>
    </html>
  `;
}

/** The hidden field that keeps the page's chosen language in a GET form (which drops the action's query). */
export function langField(ctx: PageContext): Html {
  const lang = ctx.links.lang;
  return html`${lang && html`<input type="hidden" name="${LANG_PARAM}" value="${lang}">`}`;
}

/** The first crumb of every page: the dashboard. */
export function homeCrumb(ctx: PageContext): Crumb {
  return { label: ctx.tr.t("web.crumbs.backups"), href: ctx.links.home() };
}

/** HTML boolean attributes, for `${cond && CHECKED}` inside a tag. */
export const CHECKED: Html = html`checked`; // i18n-ignore: an attribute name
/** See {@linkcode CHECKED}. */
export const SELECTED: Html = html`selected`; // i18n-ignore: an attribute name

/** A snapshot's state as a badge. */
export function statusBadge(s: SnapshotInfo, tr: Translator): Html {
  if (s.dir.status === "partial") {
    return html`<span class="badge warn" title="${tr.t("web.badge.unfinished.title")}">${
      tr.t("web.badge.unfinished")
    }</span>`;
  }
  if (s.dir.status === "deleting") {
    return html`<span class="badge muted">${tr.t("web.badge.deleting")}</span>`;
  }
  const errors = s.figures?.errors ?? 0;
  if (errors > 0) return html`<span class="badge bad">${tr.t("common.errors", { count: errors })}</span>`;
  return html`<span class="badge ok">${tr.t("web.badge.complete")}</span>`;
}

/** Previous and next links of a paginated list (`href` gives a page's URL through the page's links). */
export function pager(
  o: { page: number; more: boolean; href: (page: number) => string },
  tr: Translator,
): Html {
  if (o.page <= 1 && !o.more) return html``;
  return html`<nav class="pager" aria-label="${tr.t("web.pager.label")}">
${
    o.page > 1
      ? html`<a href="${o.href(o.page - 1)}" rel="prev">${tr.t("web.pager.previous")}</a>`
      : html`<span></span>`
  }
<span class="muted">${tr.t("web.pager.page", { page: o.page })}</span>
${o.more && html`<a href="${o.href(o.page + 1)}" rel="next">${tr.t("web.pager.next")}</a>`}
</nav>`;
}

/** Breadcrumbs down to `rel` in a snapshot; the last one is a link only with `lastIsLink`. */
export function snapshotCrumbs(
  snap: SnapshotInfo,
  ctx: PageContext,
  options: { rel?: string; lastIsLink?: boolean } = {},
): Crumb[] {
  const { links } = ctx;
  const rel = options.rel ?? "";
  const name = snap.dir.name;
  const id = snap.dir.id;
  const crumbs: Crumb[] = [
    homeCrumb(ctx),
    { label: name, href: links.name(name) },
    { label: id, href: links.snapshot(name, id) },
  ];
  if (rel === "") {
    if (!options.lastIsLink) delete crumbs[2].href;
    return crumbs;
  }
  const parts = rel.split("/");
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    crumbs.push({
      label: part,
      href: last && !options.lastIsLink
        ? undefined
        : links.files(name, id, parts.slice(0, i + 1).join("/"), { dir: true }),
    });
  });
  return crumbs;
}

/** A snapshot's state, time and figures, and links to its views but the one it is on (`here`). */
export function snapshotHeader(
  snap: SnapshotInfo,
  ctx: PageContext,
  options: { here: "files" | "changes" | "log" | "none" },
): Html {
  const { tr, links } = ctx;
  const f = snap.figures;
  const name = snap.dir.name;
  const id = snap.dir.id;
  const views: [string, string, string][] = [
    ["files", tr.t("web.snapshot.view.files"), links.snapshot(name, id)],
    ["changes", tr.t("web.snapshot.view.changes"), links.changes(name, id)],
    ["log", tr.t("web.snapshot.view.log"), links.log(name, id)],
  ];
  return html`<div class="actions">${statusBadge(snap, tr)}
<span>${formatTime(snap.startedMs)}</span>
${
    f &&
    html`<span>${
      f.newBytes === undefined
        ? tr.t("web.snapshot.figures", { count: f.files, size: f.sizeBytes })
        : tr.t("web.snapshot.figuresNew", { count: f.files, size: f.sizeBytes, newSize: f.newBytes })
    }</span>`
  }
${views.filter(([v]) => v !== options.here).map(([, label, href]) => html`<a href="${href}">${label}</a>`)}
</div>`;
}

/** Rows of a table of paths (search results, same content elsewhere). */
export function pathHitRows(hits: PathHit[], ctx: PageContext): Html {
  const { tr, links } = ctx;
  return html`${
    hits.map((h) =>
      html`
        <tr>
          <td class="name"><a href="${links.files(h.name, h.newestSnapId, h.rel, {
            dir: h.kind === EntryKind.Dir,
          })}">${shownName(h.rel)}</a>${h.kind === EntryKind.Dir ? "/" : ""}</td>
          <td><a href="${links.name(h.name)}">${shownName(h.name)}</a></td>
          <td class="num">${h.kind === EntryKind.File ? tr.bytes(h.sizeBytes) : ""}</td>
          <td class="num">${tr.number(h.snapshots)}</td>
          <td class="mono"><a href="${links.snapshot(h.name, h.newestSnapId)}">${shownName(
            h.newestSnapId,
          )}</a></td>
        </tr>
      `
    )
  }`;
}

/** The header row of a table of paths ({@linkcode pathHitRows}). */
export function pathHitHead(tr: Translator): Html {
  return html`
    <thead>
      <tr>
        <th>${tr.t("web.col.path")}</th>
        <th>${tr.t("web.col.backup")}</th>
        <th class="num">${tr.t("web.col.size")}</th>
        <th class="num">${tr.t("web.col.snapshots")}</th>
        <th>${tr.t("web.col.newest")}</th>
      </tr>
    </thead>
  `;
}

/** A table that scrolls sideways on a narrow screen instead of widening the page. */
export function scrollBox(table: HtmlValue): Html {
  return html`<div class="scroll">${table}</div>`;
}

/** The page for anything not found or refused. */
export function notFoundPage(ctx: PageContext): Html {
  const { tr, links } = ctx;
  return layout({
    title: tr.t("web.notFound.title"),
    crumbs: [homeCrumb(ctx)],
    body: html`<p>${tr.t("web.notFound.text")} <a href="${links.home()}">${
      tr.t("web.notFound.back")
    }</a>.</p>`,
  }, ctx);
}
