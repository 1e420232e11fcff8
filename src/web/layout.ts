/**
 * What every page of `phlb serve` shares: the document around a body, breadcrumbs, badges, pagers,
 * the snapshot header, and how times and ages are written. Plain functions from data to
 * {@linkcode Html}, all through the escaping `html` template; names go through `shownName`
 * (src/web/shown.ts), links through urls.ts. No scripts.
 * @module
 */
import { EntryKind } from "../index/index.ts";
import type { PathHit } from "../index/web.ts";
import { formatBytes } from "../report/format.ts";
import type { SnapshotInfo } from "./catalog.ts";
import { type Html, html, type HtmlValue } from "./html.ts";
import { shownName } from "./shown.ts";
import { changesUrl, filesUrl, logUrl, nameUrl, snapshotUrl, STYLE_URL } from "./urls.ts";

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

/** An age in words: "just now", "12 min", "5 h", "3 d". */
export function formatAge(ms: number): string {
  if (ms < 60_000) return "just now";
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
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
  /** A warning shown at the top, e.g. that there is no index. */
  note?: string;
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

/** The whole document around a page body. */
export function layout(o: LayoutOptions): Html {
  const crumbs = o.crumbs ?? [];
  return html`
    <!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>${shownName(o.title)} · phlb</title>
        <link rel="stylesheet" href="${STYLE_URL}">
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">phlb backups</a>
          <form method="get" action="/search" role="search">
            <input type="search" name="q" value="${o.searchText ?? ""}" placeholder="file name"
              aria-label="search file names">
            ${o.searchExtra}
            <button type="submit">Search</button>
          </form>
        </header>
        <main>
    ${crumbs.length > 0 &&
      html`<nav class="crumbs" aria-label="breadcrumbs">${
        crumbs.map((c, i) =>
          html`${i > 0 && " / "}${
            c.href
              ? html`<a href="${c.href}">${shownName(c.label)}</a>`
              : html`<span>${shownName(c.label)}</span>`
          }`
        )
      }</nav>`}
    <h1>${shownName(o.title)}</h1>
    ${o.note && html`<p class="note" role="note">${noteText(o.note)}</p>`}
    ${o.body}
        </main>
      </body>
    </html>
  `;
}

/** A snapshot's state as a badge. */
export function statusBadge(s: SnapshotInfo): Html {
  if (s.dir.status === "partial") {
    return html`<span class="badge warn" title="running now, or interrupted">unfinished</span>`;
  }
  if (s.dir.status === "deleting") return html`<span class="badge muted">being deleted</span>`;
  const errors = s.figures?.errors ?? 0;
  if (errors > 0) return html`<span class="badge bad">${errors} error${errors === 1 ? "" : "s"}</span>`;
  return html`<span class="badge ok">complete</span>`;
}

/** Previous and next links of a paginated list. */
export function pager(o: { page: number; more: boolean; href: (page: number) => string }): Html {
  if (o.page <= 1 && !o.more) return html``;
  return html`<nav class="pager" aria-label="pages">
${o.page > 1 ? html`<a href="${o.href(o.page - 1)}" rel="prev">← previous</a>` : html`<span></span>`}
<span class="muted">page ${o.page}</span>
${o.more && html`<a href="${o.href(o.page + 1)}" rel="next">next →</a>`}
</nav>`;
}

/** Breadcrumbs down to `rel` in a snapshot; the last one is a link only with `lastIsLink`. */
export function snapshotCrumbs(
  snap: SnapshotInfo,
  rel: string,
  options: { lastIsLink?: boolean } = {},
): Crumb[] {
  const name = snap.dir.name;
  const id = snap.dir.id;
  const crumbs: Crumb[] = [
    { label: "backups", href: "/" },
    { label: name, href: nameUrl(name) },
    { label: id, href: snapshotUrl(name, id) },
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
        : filesUrl(name, id, parts.slice(0, i + 1).join("/"), { dir: true }),
    });
  });
  return crumbs;
}

/** A snapshot's state, time and figures, and links to its views but the one it is on (`here`). */
export function snapshotHeader(snap: SnapshotInfo, here: "files" | "changes" | "log" | "none"): Html {
  const f = snap.figures;
  const name = snap.dir.name;
  const id = snap.dir.id;
  const views: [string, string, string][] = [
    ["files", "browse the files", snapshotUrl(name, id)],
    ["changes", "changes against the previous snapshot", changesUrl(name, id)],
    ["log", "run log and summary", logUrl(name, id)],
  ];
  return html`<div class="actions">${statusBadge(snap)}
<span>${formatTime(snap.startedMs)}</span>
${
    f &&
    html`<span>${f.files} files, ${formatBytes(f.sizeBytes)}${
      f.newBytes !== undefined && ` (${formatBytes(f.newBytes)} new)`
    }</span>`
  }
${views.filter(([v]) => v !== here).map(([, label, href]) => html`<a href="${href}">${label}</a>`)}
</div>`;
}

/** Rows of a table of paths (search results, same content elsewhere). */
export function pathHitRows(hits: PathHit[]): Html {
  return html`${
    hits.map((h) =>
      html`
        <tr>
          <td class="name"><a href="${filesUrl(h.name, h.newestSnapId, h.rel, {
            dir: h.kind === EntryKind.Dir,
          })}">${shownName(h.rel)}</a>${h.kind === EntryKind.Dir ? "/" : ""}</td>
          <td><a href="${nameUrl(h.name)}">${shownName(h.name)}</a></td>
          <td class="num">${h.kind === EntryKind.File ? formatBytes(h.sizeBytes) : ""}</td>
          <td class="num">${h.snapshots}</td>
          <td class="mono"><a href="${snapshotUrl(h.name, h.newestSnapId)}">${shownName(
            h.newestSnapId,
          )}</a></td>
        </tr>
      `
    )
  }`;
}

/** A table that scrolls sideways on a narrow screen instead of widening the page. */
export function scrollBox(table: HtmlValue): Html {
  return html`<div class="scroll">${table}</div>`;
}

/** The page for anything not found or refused. */
export function notFoundPage(): Html {
  return layout({
    title: "Not found",
    crumbs: [{ label: "backups", href: "/" }],
    body: html`<p>There is nothing here. <a href="/">Back to the backups</a>.</p>`,
  });
}
