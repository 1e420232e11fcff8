/**
 * The dashboard of `phlb serve`: how much space the backups take and how well they dedupe (the
 * root's totals, as `phlb list` prints them), then every backup name with its last run, state,
 * space and chart. On a narrow screen each name becomes a card (the stylesheet does it).
 * @module
 */
import { formatBytes } from "../report/format.ts";
import type { NameOverview, RootSpace } from "./catalog.ts";
import { runChart } from "./chart.ts";
import { html, type HtmlValue } from "./html.ts";
import { formatAge, formatTime, layout, num } from "./layout.ts";
import { shownName } from "./shown.ts";
import { logUrl, nameUrl, snapshotUrl } from "./urls.ts";
import type { Html } from "./html.ts";

/** The root's space: on disk (each file once), apparent size, dedup ratio, snapshots. */
function spaceBlock(space: RootSpace | undefined): Html {
  if (!space) return html``;
  const ratio = space.dedupRatio === null ? "—" : `${space.dedupRatio.toFixed(2)}×`;
  return html`
    <dl class="space">
      <div>
        <dt>on disk</dt>
        <dd>${formatBytes(space.onDiskBytes)}</dd>
        <dd class="muted">each file once</dd>
      </div>
      <div>
        <dt>apparent size</dt>
        <dd>${formatBytes(
          space.apparentBytes,
        )}</dd>
        <dd class="muted">every snapshot in full</dd>
      </div>
      <div>
        <dt>dedup ratio</dt>
        <dd>${ratio}</dd>
        <dd class="muted">apparent / on disk</dd>
      </div>
      <div>
        <dt>snapshots</dt>
        <dd>${space.snapshots}</dd>
        <dd class="muted">all backups</dd>
      </div>
    </dl>
  `;
}

function problemBadges(r: NameOverview, staleDays: number): HtmlValue[] {
  const problems: HtmlValue[] = [];
  if (r.unfinished) {
    problems.push(
      html`<span class="badge warn" title="running now, or interrupted">last run unfinished</span>`,
    );
  }
  const errors = r.lastComplete?.figures?.errors ?? 0;
  if (errors > 0) {
    problems.push(
      html`<a class="badge bad" href="${logUrl(r.name, r.lastComplete!.dir.id)}">${errors} error${
        errors === 1 ? "" : "s"
      }</a>`,
    );
  }
  if (r.stale) {
    problems.push(
      html`<span class="badge bad" title="${`no complete snapshot in the last ${staleDays} days`}">stale</span>`,
    );
  }
  if (problems.length === 0) problems.push(html`<span class="badge ok">ok</span>`);
  return problems;
}

/** The dashboard. */
export function dashboardPage(o: {
  root: string;
  rows: NameOverview[];
  space?: RootSpace;
  nowMs: number;
  staleDays: number;
  note?: string;
}): Html {
  const body = o.rows.length === 0
    ? html`<p>No backups under <code>${o.root}</code> yet. Make one with <code>phlb backup SOURCE</code>.</p>`
    : html`
      ${spaceBlock(o.space)}
      <table class="dashboard">
        <thead>
          <tr>
            <th>backup</th>
            <th>last run</th>
            <th class="num">age</th>
            <th>state</th>
            <th class="num">snapshots</th>
            <th class="num">on disk</th>
            <th class="num" title="what deleting the newest snapshot alone would free">newest unique</th>
            <th>per run: <span class="legend-total">total</span>, <span class="legend-new">new</span></th>
          </tr>
        </thead>
        <tbody>
      ${o.rows.map((r) => {
        const lastMs = r.last?.startedMs;
        return html`
          <tr>
            <td class="name" data-label="backup"><a href="${nameUrl(r.name)}">${shownName(r.name)}</a></td>
            <td data-label="last run">${r.last
              ? html`<a href="${snapshotUrl(r.name, r.last.dir.id)}">${formatTime(lastMs)}</a>`
              : "never"}</td>
            <td class="num" data-label="age">${lastMs === undefined ? "—" : formatAge(o.nowMs - lastMs)}</td>
            <td data-label="state">${problemBadges(r, o.staleDays)}</td>
            <td class="num" data-label="snapshots">${r.snapshots}</td>
            <td class="num" data-label="on disk">${num(r.onDiskBytes, formatBytes)}</td>
            <td class="num" data-label="newest unique">${num(
              r.lastComplete?.figures?.uniqueBytes,
              formatBytes,
            )}</td>
            <td class="chart-cell">${runChart(r.points)}</td>
          </tr>
        `;
      })}
        </tbody>
      </table>
      <p class="muted">Backup root: <code>${o.root}</code>. On disk counts every stored file once, however
        many snapshots link it; newest unique is what deleting the newest snapshot alone would free. A
        backup is stale when its newest complete snapshot is older than ${o.staleDays} days.</p>
    `;
  return layout({ title: "Backups", note: o.note, body });
}
