/**
 * The pages of `phlb serve` about snapshots: a name's snapshot table (the figures of `phlb list`),
 * a folder of a snapshot, and a run's summary and log.
 * @module
 */
import type { MessageKey, Msg } from "../i18n/messages.ts";
import { runPoints, type SnapshotInfo } from "./catalog.ts";
import { runChart } from "./chart.ts";
import { type Html, html, type HtmlValue } from "./html.ts";
import {
  formatTime,
  homeCrumb,
  layout,
  num,
  pager,
  scrollBox,
  snapshotCrumbs,
  snapshotHeader,
  statusBadge,
} from "./layout.ts";
import { type PageContext, tHtml } from "./page_context.ts";
import { shownName } from "./shown.ts";
import { filesUrl } from "./urls.ts";

/** The snapshots of one name, newest first, with the figures `phlb list` shows. */
export function snapshotListPage(
  o: { name: string; snapshots: SnapshotInfo[]; note?: string | Msg },
  ctx: PageContext,
): Html {
  const { tr, links } = ctx;
  const rows = [...o.snapshots].reverse();
  const adopted = o.snapshots.some((s) => s.figures && s.figures.newBytes === undefined);
  const body = html`
    ${runChart(runPoints(o.snapshots), { tr, size: { width: 720, height: 160 } })}
    <p class="muted">${tHtml(tr, "web.snapshots.legend", {
      total: html`<span class="legend-total">${tr.t("web.snapshots.legend.total")}</span>`,
      new: html`<span class="legend-new">${tr.t("web.snapshots.legend.new")}</span>`,
    })}</p>
    ${scrollBox(html`
      <table class="snapshots">
        <thead>
          <tr>
            <th>${tr.t("web.col.snapshot")}</th>
            <th>${tr.t("web.snapshots.col.status")}</th>
            <th class="num">${tr.t("web.snapshots.col.files")}</th>
            <th class="num">${tr.t("web.col.size")}</th>
            <th class="num" title="${tr.t("web.snapshots.col.unique.title")}">${tr.t(
              "web.snapshots.col.unique",
            )}</th>
            <th class="num" title="${tr.t("web.snapshots.col.new.title")}">${tr.t(
              "web.snapshots.col.new",
            )}</th>
            <th class="num">${tr.t("web.snapshots.col.duration")}</th>
            <th class="num">${tr.t("web.snapshots.col.errors")}</th>
            <th class="num">${tr.t("web.snapshots.col.warnings")}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
      ${rows.map((s) => {
        const f = s.figures;
        const browsable = s.dir.status !== "deleting";
        return html`
          <tr>
            <td class="mono">${browsable
              ? html`<a href="${links.snapshot(o.name, s.dir.id)}">${shownName(s.dir.id)}</a>`
              : shownName(s.dir.id)}</td>
            <td>${statusBadge(s, tr)}</td>
            <td class="num">${num(f?.files, tr.number)}</td>
            <td class="num">${num(f?.sizeBytes, tr.bytes)}</td>
            <td class="num">${num(f?.uniqueBytes, tr.bytes)}</td>
            <td class="num">${num(f?.newBytes, tr.bytes)}</td>
            <td class="num">${num(f?.durationMs, tr.duration)}</td>
            <td class="num">${num(f?.errors, tr.number)}</td>
            <td class="num">${num(f?.warnings, tr.number)}</td>
            <td class="links">${browsable &&
              html`<a href="${links.changes(o.name, s.dir.id)}">${
                tr.t("web.snapshots.changes")
              }</a> <a href="${links.log(o.name, s.dir.id)}">${tr.t("web.snapshots.log")}</a>`}</td>
          </tr>
        `;
      })}
        </tbody>
      </table>
    `)}
    ${o.snapshots.length === 0 && html`<p>${tr.t("web.snapshots.none")}</p>`}
    <p class="muted">${adopted
      ? tHtml(tr, "web.snapshots.footnote.adopted", { command: html`<code>phlb add</code>` })
      : tr.t("web.snapshots.footnote")}</p>
  `;
  return layout({
    title: o.name,
    crumbs: [homeCrumb(ctx), { label: o.name }],
    note: o.note,
    body,
  }, ctx);
}

/** One entry of a folder listing. */
export interface ListingEntry {
  name: string;
  kind: "dir" | "file" | "symlink" | "other";
  sizeBytes: number;
  mtimeMs?: number;
  /** A symlink's target text. */
  target?: string;
  /** False for a name the server refuses in a URL (one holding a backslash): shown, not linked. */
  linkable: boolean;
}

/** A folder of a snapshot. */
export function folderPage(o: {
  snap: SnapshotInfo;
  rel: string;
  entries: ListingEntry[];
  page: number;
  more: boolean;
  totalEntries: number;
  note?: string | Msg;
}, ctx: PageContext): Html {
  const { tr, links } = ctx;
  const { snap, rel } = o;
  const name = snap.dir.name;
  const id = snap.dir.id;
  const child = (e: ListingEntry) => rel === "" ? e.name : `${rel}/${e.name}`;
  const here = (page: number) =>
    links.page(`${filesUrl(name, id, rel, { dir: true })}${page > 1 ? `?page=${page}` : ""}`);
  const body = html`
    ${snapshotHeader(snap, ctx, { here: rel === "" ? "files" : "none" })}
    <table class="listing">
      <thead>
        <tr>
          <th>${tr.t("web.folder.col.name")}</th>
          <th class="num">${tr.t("web.col.size")}</th>
          <th>${tr.t("web.col.modified")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
    ${o.entries.map((e) => {
      const r = child(e);
      const shown = shownName(e.name);
      let cell: Html;
      let action: HtmlValue = "";
      if (!e.linkable) {
        cell = html`${shown} <span class="muted">${tr.t("web.folder.backslash")}</span>`;
      } else if (e.kind === "dir") {
        cell = html`<a href="${links.files(name, id, r, { dir: true })}">${shown}/</a>`;
      } else if (e.kind === "file") {
        cell = html`<a href="${links.files(name, id, r)}">${shown}</a>`;
        action = html`<a href="${links.raw(name, id, r)}" download>${tr.t("web.folder.download")}</a>`;
      } else if (e.kind === "symlink") {
        cell = html`<a href="${links.files(name, id, r)}">${shown}</a> <span class="muted">→ ${
          e.target === undefined ? "?" : shownName(e.target)
        }</span>`;
      } else cell = html`${shown} <span class="muted">${tr.t("web.folder.special")}</span>`;
      return html`
        <tr>
          <td class="name">${cell}</td>
          <td class="num">${e.kind === "file" ? tr.bytes(e.sizeBytes) : ""}</td>
          <td class="mono">${formatTime(e.mtimeMs)}</td>
          <td>${action}</td>
        </tr>
      `;
    })}
      </tbody>
    </table>
    ${o.totalEntries === 0 && html`<p class="muted">${tr.t("web.folder.empty")}</p>`}
    ${pager({ page: o.page, more: o.more, href: here }, tr)}
  `;
  return layout({
    title: rel === "" ? `${name} / ${id}` : rel.slice(rel.lastIndexOf("/") + 1) + "/",
    crumbs: snapshotCrumbs(snap, ctx, { rel }),
    note: o.note,
    body,
  }, ctx);
}

const SUMMARY_FIELDS: [key: string, label: MessageKey, kind: "n" | "b" | "ms" | "t"][] = [
  ["source", "web.summary.source", "t"],
  ["startedAt", "web.summary.startedAt", "t"],
  ["finishedAt", "web.summary.finishedAt", "t"],
  ["durationMs", "web.summary.durationMs", "ms"],
  ["previous", "web.summary.previous", "t"],
  ["files", "web.summary.files", "n"],
  ["bytes", "web.summary.bytes", "b"],
  ["unchangedLinked", "web.summary.unchangedLinked", "n"],
  ["unchangedBytes", "web.summary.unchangedBytes", "b"],
  ["dedupLinked", "web.summary.dedupLinked", "n"],
  ["dedupBytes", "web.summary.dedupBytes", "b"],
  ["copied", "web.summary.copied", "n"],
  ["copiedBytes", "web.summary.copiedBytes", "b"],
  ["symlinks", "web.summary.symlinks", "n"],
  ["directories", "web.summary.directories", "n"],
  ["skipped", "web.summary.skipped", "n"],
  ["excluded", "web.summary.excluded", "n"],
  ["errors", "web.summary.errors", "n"],
  ["warnings", "web.summary.warnings", "n"],
];

/** A snapshot's summary and run log. */
export function logPage(o: {
  snap: SnapshotInfo;
  log?: { text: string; truncated: boolean };
  note?: string | Msg;
}, ctx: PageContext): Html {
  const { tr } = ctx;
  const s = o.snap.summary as Record<string, unknown> | undefined;
  const fmt = (v: unknown, kind: "n" | "b" | "ms" | "t"): string => {
    if (v === undefined || v === null || v === "") return "—";
    if (typeof v === "number") {
      return kind === "b"
        ? `${tr.bytes(v)} (${tr.number(v)})`
        : kind === "ms"
        ? tr.duration(v)
        : tr.number(v);
    }
    // Text fields hold paths and times as the summary has them: shown as names are.
    return shownName(String(v));
  };
  const lines = o.log ? o.log.text.split("\n") : [];
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const level = (line: string) => / (ERROR|WARNING) /.exec(line.slice(0, 40))?.[1] ?? "";
  const body = html`${snapshotHeader(o.snap, ctx, { here: "log" })}
<h2>${tr.t("web.log.summary")}</h2>
${
    s
      ? html`<dl class="facts">${
        SUMMARY_FIELDS.map(([k, label, kind]) =>
          html`
            <dt>${tr.t(label)}</dt>
            <dd>${fmt(s[k], kind)}</dd>
          `
        )
      }</dl>`
      : html`<p class="muted">${
        o.snap.figures ? tr.t("web.log.noSummary.index") : tr.t("web.log.noSummary")
      }</p>`
  }
<h2>${tr.t("web.log.runLog")}</h2>
${
    o.log
      ? html`<pre class="log">${
        lines.map((l) => html`<span class="${level(l)}">${shownName(l)}</span>\n`)
      }</pre>${o.log.truncated && html`<p class="muted">${tr.t("web.log.truncated")}</p>`}`
      : html`<p class="muted">${tr.t("web.log.none")}</p>`
  }`;
  return layout({
    title: tr.t("web.log.title", { name: o.snap.dir.name, id: o.snap.dir.id }),
    crumbs: [...snapshotCrumbs(o.snap, ctx, { lastIsLink: true }), { label: tr.t("web.log.crumb") }],
    note: o.note,
    body,
  }, ctx);
}
