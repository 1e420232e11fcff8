/**
 * The search page of `phlb serve`: file names across snapshots, with how many paths match. There is
 * one search box, the header's; on this page it also offers the backup-name filter.
 * @module
 */
import type { NameSearchPage } from "../index/web.ts";
import { type Html, html } from "./html.ts";
import { layout, pager, pathHitRows, scrollBox } from "./layout.ts";
import { shownName } from "./shown.ts";
import { searchUrl } from "./urls.ts";

/** File-name search across snapshots. */
export function searchPage(o: {
  text: string;
  name?: string;
  names: string[];
  page: number;
  pageSize: number;
  result?: NameSearchPage;
  note?: string;
}): Html {
  const filter = html`
    <select name="name" aria-label="backup name">
      <option value="">all backups</option>
      ${o.names.map((n) =>
        html`<option value="${n}" ${n === o.name && html`selected`}>${shownName(n)}</option>`
      )}
    </select>
  `;
  let results: Html = html`<p class="muted">Type part of a file name in the search box above.</p>`;
  if (o.text !== "" && !o.result) {
    results = html`<p>Search needs the index. Run <code>phlb add</code> to build it.</p>`;
  } else if (o.result) {
    const r = o.result;
    const first = (o.page - 1) * o.pageSize + 1;
    // The formatter would lay this out on lines of its own, a space before the period.
    // deno-fmt-ignore
    const where = o.name ? html` in <strong>${shownName(o.name)}</strong>` : "";
    const shown = r.hits.length > 0 && r.total > r.hits.length
      ? `; ${first}–${first + r.hits.length - 1} shown`
      : "";
    const s = r.total === 1 ? "" : "s";
    const count = r.total === 0
      ? html`<p class="count">No file name contains <strong>${shownName(o.text)}</strong>${where}.</p>`
      : html`
        <p
          class="count"><strong>${r.total}</strong> path${s} contain${s ? "" : "s"} <strong>${shownName(
            o.text,
          )}</strong>${where}${shown}.</p>
      `;
    results = html`${count}${
      r.hits.length > 0 &&
      scrollBox(html`
        <table class="search">
          <thead>
            <tr>
              <th>path</th>
              <th>backup</th>
              <th class="num">size</th>
              <th class="num">snapshots</th>
              <th>newest</th>
            </tr>
          </thead>
          <tbody>${pathHitRows(r.hits)}</tbody>
        </table>
      `)
    }${
      pager({ page: o.page, more: r.more, href: (page) => searchUrl({ text: o.text, name: o.name, page }) })
    }`;
  }
  return layout({
    title: o.text ? `Search: ${o.text}` : "Search",
    crumbs: [{ label: "backups", href: "/" }, { label: "search" }],
    note: o.note,
    searchText: o.text,
    searchExtra: filter,
    body: results,
  });
}
