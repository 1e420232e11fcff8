/**
 * The search page of `phlb serve`: file names across snapshots, with how many paths match. There is
 * one search box, the header's; on this page it also offers the backup-name filter.
 * @module
 */
import type { Msg } from "../i18n/messages.ts";
import type { NameSearchPage } from "../index/web.ts";
import { type Html, html } from "./html.ts";
import { homeCrumb, layout, pager, pathHitHead, pathHitRows, scrollBox, SELECTED } from "./layout.ts";
import { type PageContext, tHtml } from "./page_context.ts";
import { shownName } from "./shown.ts";

/** File-name search across snapshots. */
export function searchPage(o: {
  text: string;
  name?: string;
  names: string[];
  page: number;
  pageSize: number;
  result?: NameSearchPage;
  note?: string | Msg;
}, ctx: PageContext): Html {
  const { tr, links } = ctx;
  const filter = html`
    <select name="name" aria-label="${tr.t("web.search.filterLabel")}">
      <option value="">${tr.t("web.search.allBackups")}</option>
      ${o.names.map((n) => html`<option value="${n}" ${n === o.name && SELECTED}>${shownName(n)}</option>`)}
    </select>
  `;
  let results: Html = html`<p class="muted">${tr.t("web.search.hint")}</p>`;
  if (o.text !== "" && !o.result) {
    results = html`<p>${tHtml(tr, "web.search.needsIndex", { command: html`<code>phlb add</code>` })}</p>`;
  } else if (o.result) {
    const r = o.result;
    const first = (o.page - 1) * o.pageSize + 1;
    const text = html`<strong>${shownName(o.text)}</strong>`;
    const where = o.name
      ? tHtml(tr, "web.search.where", { name: html`<strong>${shownName(o.name)}</strong>` })
      : "";
    const shown = r.hits.length > 0 && r.total > r.hits.length
      ? tr.t("web.search.shown", { first, last: first + r.hits.length - 1 })
      : "";
    const count = r.total === 0
      ? html`<p class="count">${tHtml(tr, "web.search.none", { text, where })}</p>`
      : html`<p class="count">${
        tHtml(tr, "web.search.count", {
          count: r.total,
          n: html`<strong>${tr.number(r.total)}</strong>`,
          text,
          where,
          shown,
        })
      }</p>`;
    results = html`${count}${
      r.hits.length > 0 &&
      scrollBox(html`
        <table class="search">
          ${pathHitHead(tr)}
          <tbody>${pathHitRows(r.hits, ctx)}</tbody>
        </table>
      `)
    }${
      pager({
        page: o.page,
        more: r.more,
        href: (page) => links.search({ text: o.text, name: o.name, page }),
      }, tr)
    }`;
  }
  return layout({
    title: o.text ? tr.t("web.search.titleWith", { text: o.text }) : tr.t("web.search.title"),
    crumbs: [homeCrumb(ctx), { label: tr.t("web.search.crumb") }],
    note: o.note,
    searchText: o.text,
    searchExtra: filter,
    body: results,
  }, ctx);
}
