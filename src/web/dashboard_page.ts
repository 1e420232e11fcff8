/**
 * The dashboard of `phlb serve`: how much space the backups take and how well they dedupe (the
 * root's totals, as `phlb list` prints them), then every backup name with its last run, state,
 * space and chart. On a narrow screen each name becomes a card (the stylesheet does it).
 * @module
 */
import type { Msg, Translator } from "../i18n/messages.ts";
import type { NameOverview, RootSpace } from "./catalog.ts";
import { runChart } from "./chart.ts";
import { html, type HtmlValue } from "./html.ts";
import { formatAge, layout, num } from "./layout.ts";
import { type PageContext, tHtml } from "./page_context.ts";
import { shownName } from "./shown.ts";
import type { Html } from "./html.ts";

/** The root's space: on disk (each file once), apparent size, dedup ratio, snapshots. */
function spaceBlock(space: RootSpace | undefined, tr: Translator): Html {
  if (!space) return html``;
  const ratio = space.dedupRatio === null ? "—" : `${tr.number(space.dedupRatio, 2)}×`;
  return html`
    <dl class="space">
      <div>
        <dt>${tr.t("web.space.onDisk")}</dt>
        <dd>${tr.bytes(space.onDiskBytes)}</dd>
        <dd class="muted">${tr.t("web.space.onDisk.note")}</dd>
      </div>
      <div>
        <dt>${tr.t("web.space.apparent")}</dt>
        <dd>${tr.bytes(space.apparentBytes)}</dd>
        <dd class="muted">${tr.t("web.space.apparent.note")}</dd>
      </div>
      <div>
        <dt>${tr.t("web.space.ratio")}</dt>
        <dd>${ratio}</dd>
        <dd class="muted">${tr.t("web.space.ratio.note")}</dd>
      </div>
      <div>
        <dt>${tr.t("web.space.snapshots")}</dt>
        <dd>${tr.number(space.snapshots)}</dd>
        <dd class="muted">${tr.t("web.space.snapshots.note")}</dd>
      </div>
    </dl>
  `;
}

function problemBadges(r: NameOverview, o: { staleDays: number; ctx: PageContext }): HtmlValue[] {
  const { tr, links } = o.ctx;
  const problems: HtmlValue[] = [];
  if (r.unfinished) {
    problems.push(
      html`<span class="badge warn" title="${tr.t("web.badge.unfinished.title")}">${
        tr.t("web.dashboard.lastUnfinished")
      }</span>`,
    );
  }
  const errors = r.lastComplete?.figures?.errors ?? 0;
  if (errors > 0) {
    problems.push(
      html`<a class="badge bad" href="${links.log(r.name, r.lastComplete!.dir.id)}">${
        tr.t("common.errors", { count: errors })
      }</a>`,
    );
  }
  if (r.stale) {
    problems.push(
      html`<span class="badge bad" title="${tr.t("web.dashboard.stale.title", { count: o.staleDays })}">${
        tr.t("web.dashboard.stale")
      }</span>`,
    );
  }
  if (problems.length === 0) problems.push(html`<span class="badge ok">${tr.t("web.dashboard.ok")}</span>`);
  return problems;
}

/** The dashboard. */
export function dashboardPage(o: {
  root: string;
  rows: NameOverview[];
  space?: RootSpace;
  nowMs: number;
  staleDays: number;
  note?: string | Msg;
}, ctx: PageContext): Html {
  const { tr, links } = ctx;
  const col = {
    backup: tr.t("web.dashboard.col.backup"),
    lastRun: tr.t("web.dashboard.col.lastRun"),
    age: tr.t("web.dashboard.col.age"),
    state: tr.t("web.dashboard.col.state"),
    snapshots: tr.t("web.col.snapshots"),
    onDisk: tr.t("web.space.onDisk"),
    newestUnique: tr.t("web.dashboard.col.newestUnique"),
  };
  const body = o.rows.length === 0
    ? html`<p>${
      tHtml(tr, "web.dashboard.empty", {
        root: html`<code>${o.root}</code>`,
        command: html`<code>phlb backup SOURCE</code>`,
      })
    }</p>`
    : html`
      ${spaceBlock(o.space, tr)}
      <table class="dashboard">
        <thead>
          <tr>
            <th>${col.backup}</th>
            <th>${col.lastRun}</th>
            <th class="num">${col.age}</th>
            <th>${col.state}</th>
            <th class="num">${col.snapshots}</th>
            <th class="num">${col.onDisk}</th>
            <th class="num" title="${tr.t("web.dashboard.col.newestUnique.title")}">${col.newestUnique}</th>
            <th>${tHtml(tr, "web.dashboard.col.perRun", {
              total: html`<span class="legend-total">${tr.t("web.chart.legend.total")}</span>`,
              new: html`<span class="legend-new">${tr.t("web.chart.legend.new")}</span>`,
            })}</th>
          </tr>
        </thead>
        <tbody>
      ${o.rows.map((r) => {
        const lastMs = r.last?.startedMs;
        return html`
          <tr>
            <td class="name" data-label="${col.backup}"><a href="${links.name(r.name)}">${shownName(
              r.name,
            )}</a></td>
            <td data-label="${col.lastRun}">${r.last
              ? html`<a href="${links.snapshot(r.name, r.last.dir.id)}">${
                lastMs === undefined ? "—" : tr.date(new Date(lastMs), true)
              }</a>`
              : tr.t("web.dashboard.never")}</td>
            <td class="num" data-label="${col.age}">${lastMs === undefined
              ? "—"
              : formatAge(o.nowMs - lastMs, tr)}</td>
            <td data-label="${col.state}">${problemBadges(r, { staleDays: o.staleDays, ctx })}</td>
            <td class="num" data-label="${col.snapshots}">${tr.number(r.snapshots)}</td>
            <td class="num" data-label="${col.onDisk}">${num(r.onDiskBytes, tr.bytes)}</td>
            <td class="num" data-label="${col.newestUnique}">${num(
              r.lastComplete?.figures?.uniqueBytes,
              tr.bytes,
            )}</td>
            <td class="chart-cell">${runChart(r.points, { tr })}</td>
          </tr>
        `;
      })}
        </tbody>
      </table>
      <p class="muted">${tHtml(tr, "web.dashboard.footer", {
        root: html`<code>${o.root}</code>`,
        count: o.staleDays,
      })}</p>
    `;
  return layout({ title: tr.t("web.dashboard.title"), note: o.note, body }, ctx);
}
