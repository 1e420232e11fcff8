/**
 * The pages of `phlb serve` about snapshots: a name's snapshot table (the figures of `phlb list`),
 * a folder of a snapshot, and a run's summary and log.
 * @module
 */
import { formatBytes, formatDuration } from "../report/format.ts";
import { runPoints, type SnapshotInfo } from "./catalog.ts";
import { runChart } from "./chart.ts";
import { type Html, html, type HtmlValue } from "./html.ts";
import {
  formatTime,
  layout,
  num,
  pager,
  scrollBox,
  snapshotCrumbs,
  snapshotHeader,
  statusBadge,
} from "./layout.ts";
import { shownName } from "./shown.ts";
import { changesUrl, filesUrl, logUrl, rawUrl, snapshotUrl } from "./urls.ts";

/** The snapshots of one name, newest first, with the figures `phlb list` shows. */
export function snapshotListPage(o: { name: string; snapshots: SnapshotInfo[]; note?: string }): Html {
  const rows = [...o.snapshots].reverse();
  const adopted = o.snapshots.some((s) => s.figures && s.figures.newBytes === undefined);
  const body = html`
    ${runChart(runPoints(o.snapshots), { width: 720, height: 160 })}
    <p class="muted"><span class="legend-total">line: total size</span> · <span
      class="legend-new">bars: new bytes, log scale</span> per run</p>
    ${scrollBox(html`
      <table class="snapshots">
        <thead>
          <tr>
            <th>snapshot</th>
            <th>status</th>
            <th class="num">files</th>
            <th class="num">size</th>
            <th class="num" title="freed by deleting this snapshot alone">unique</th>
            <th class="num" title="bytes its run copied">new</th>
            <th class="num">duration</th>
            <th class="num">errors</th>
            <th class="num">warnings</th>
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
              ? html`<a href="${snapshotUrl(o.name, s.dir.id)}">${shownName(s.dir.id)}</a>`
              : shownName(s.dir.id)}</td>
            <td>${statusBadge(s)}</td>
            <td class="num">${num(f?.files)}</td>
            <td class="num">${num(f?.sizeBytes, formatBytes)}</td>
            <td class="num">${num(f?.uniqueBytes, formatBytes)}</td>
            <td class="num">${num(f?.newBytes, formatBytes)}</td>
            <td class="num">${num(f?.durationMs, formatDuration)}</td>
            <td class="num">${num(f?.errors)}</td>
            <td class="num">${num(f?.warnings)}</td>
            <td class="links">${browsable &&
              html`<a href="${changesUrl(o.name, s.dir.id)}">changes</a> <a href="${
                logUrl(o.name, s.dir.id)
              }">log</a>`}</td>
          </tr>
        `;
      })}
        </tbody>
      </table>
    `)}
    ${o.snapshots.length === 0 && html`<p>No snapshots.</p>`}
    <p class="muted">Unique: what deleting that snapshot alone would free (needs the index). New: the bytes
      its run copied${adopted &&
        html`; — for a snapshot adopted by <code>phlb add</code>, whose run phlb never saw`}.</p>
  `;
  return layout({
    title: o.name,
    crumbs: [{ label: "backups", href: "/" }, { label: o.name }],
    note: o.note,
    body,
  });
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
  note?: string;
}): Html {
  const { snap, rel } = o;
  const name = snap.dir.name;
  const id = snap.dir.id;
  const child = (e: ListingEntry) => rel === "" ? e.name : `${rel}/${e.name}`;
  const here = (page: number) =>
    `${filesUrl(name, id, rel, { dir: true })}${page > 1 ? `?page=${page}` : ""}`;
  const body = html`
    ${snapshotHeader(snap, rel === "" ? "files" : "none")}
    <table class="listing">
      <thead>
        <tr>
          <th>name</th>
          <th class="num">size</th>
          <th>modified</th>
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
        cell = html`${shown} <span class="muted">(a backslash in the name: not served)</span>`;
      } else if (e.kind === "dir") {
        cell = html`<a href="${filesUrl(name, id, r, { dir: true })}">${shown}/</a>`;
      } else if (e.kind === "file") {
        cell = html`<a href="${filesUrl(name, id, r)}">${shown}</a>`;
        action = html`<a href="${rawUrl(name, id, r)}" download>download</a>`;
      } else if (e.kind === "symlink") {
        cell = html`<a href="${filesUrl(name, id, r)}">${shown}</a> <span class="muted">→ ${
          e.target === undefined ? "?" : shownName(e.target)
        }</span>`;
      } else cell = html`${shown} <span class="muted">(special file)</span>`;
      return html`
        <tr>
          <td class="name">${cell}</td>
          <td class="num">${e.kind === "file" ? formatBytes(e.sizeBytes) : ""}</td>
          <td class="mono">${formatTime(e.mtimeMs)}</td>
          <td>${action}</td>
        </tr>
      `;
    })}
      </tbody>
    </table>
    ${o.totalEntries === 0 && html`<p class="muted">This folder is empty.</p>`}
    ${pager({ page: o.page, more: o.more, href: here })}
  `;
  return layout({
    title: rel === "" ? `${name} / ${id}` : rel.slice(rel.lastIndexOf("/") + 1) + "/",
    crumbs: snapshotCrumbs(snap, rel),
    note: o.note,
    body,
  });
}

const SUMMARY_FIELDS: [key: string, label: string, kind: "n" | "b" | "ms" | "t"][] = [
  ["source", "source", "t"],
  ["startedAt", "started", "t"],
  ["finishedAt", "finished", "t"],
  ["durationMs", "duration", "ms"],
  ["previous", "compared with", "t"],
  ["files", "files", "n"],
  ["bytes", "size", "b"],
  ["unchangedLinked", "unchanged, linked without reading", "n"],
  ["unchangedBytes", "unchanged bytes", "b"],
  ["dedupLinked", "same content found, linked", "n"],
  ["dedupBytes", "bytes saved by content links", "b"],
  ["copied", "copied", "n"],
  ["copiedBytes", "new bytes", "b"],
  ["symlinks", "symlinks", "n"],
  ["directories", "folders", "n"],
  ["skipped", "skipped special files", "n"],
  ["excluded", "excluded", "n"],
  ["errors", "errors", "n"],
  ["warnings", "warnings", "n"],
];

/** A snapshot's summary and run log. */
export function logPage(o: {
  snap: SnapshotInfo;
  log?: { text: string; truncated: boolean };
  note?: string;
}): Html {
  const s = o.snap.summary as Record<string, unknown> | undefined;
  const fmt = (v: unknown, kind: "n" | "b" | "ms" | "t"): string => {
    if (v === undefined || v === null || v === "") return "—";
    if (typeof v === "number") {
      return kind === "b" ? `${formatBytes(v)} (${v})` : kind === "ms" ? formatDuration(v) : String(v);
    }
    // Text fields hold paths: shown as names are.
    return shownName(String(v));
  };
  const lines = o.log ? o.log.text.split("\n") : [];
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const level = (line: string) => / (ERROR|WARNING) /.exec(line.slice(0, 40))?.[1] ?? "";
  const body = html`${snapshotHeader(o.snap, "log")}
<h2>Summary</h2>
${
    s
      ? html`<dl class="facts">${
        SUMMARY_FIELDS.map(([k, label, kind]) =>
          html`
            <dt>${label}</dt>
            <dd>${fmt(s[k], kind)}</dd>
          `
        )
      }</dl>`
      : html`<p class="muted">No summary: the run did not finish${
        o.snap.figures ? "; the figures above come from the index" : ""
      }.</p>`
  }
<h2>Run log</h2>
${
    o.log
      ? html`<pre class="log">${
        lines.map((l) => html`<span class="${level(l)}">${shownName(l)}</span>\n`)
      }</pre>${o.log.truncated && html`<p class="muted">The log is longer; only its beginning is shown.</p>`}`
      : html`<p class="muted">No run log.</p>`
  }`;
  return layout({
    title: `${o.snap.dir.name} / ${o.snap.dir.id}: run log`,
    crumbs: [...snapshotCrumbs(o.snap, "", { lastIsLink: true }), { label: "log" }],
    note: o.note,
    body,
  });
}
