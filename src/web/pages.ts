/**
 * The HTML pages of `phlb serve`: plain typed functions from data to {@linkcode Html}, all through
 * the escaping `html` template. No page reads the disk or the index; the app gathers the data.
 * No scripts: links and one GET form are all the interaction there is.
 *
 * Names and paths arrive as fs-strings (src/fs/native/names.ts): a name that is not valid UTF-8 is
 * shown with `displayName` (its bad bytes as `\xFF`), and linked through urls.ts by its exact bytes.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { displayName } from "../fs/native/names.ts";
import { EntryKind } from "../index/index.ts";
import type { PathHit } from "../index/web.ts";
import { formatBytes, formatDuration } from "../report/format.ts";
import type { FileDetails, NameOverview, SnapshotInfo } from "./catalog.ts";
import { runChart } from "./chart.ts";
import { type Html, html, type HtmlValue } from "./html.ts";
import { filesUrl, logUrl, nameUrl, rawUrl, searchUrl, snapshotUrl, STYLE_URL } from "./urls.ts";

/** Local date and time, "2026-11-28 10:15:00". */
export function formatTime(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${
    p(d.getMinutes())
  }:${p(d.getSeconds())}`;
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
        <title>${displayName(o.title)} · phlb</title>
        <link rel="stylesheet" href="${STYLE_URL}">
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">phlb backups</a>
          <form method="get" action="/search" role="search">
            <input type="search" name="q" value="${o.searchText ?? ""}" placeholder="file name"
              aria-label="search file names">
            <button type="submit">Search</button>
          </form>
        </header>
        <main>
    ${crumbs.length > 0 &&
      html`<nav class="crumbs" aria-label="breadcrumbs">${
        crumbs.map((c, i) =>
          html`${i > 0 && " / "}${
            c.href
              ? html`<a href="${c.href}">${displayName(c.label)}</a>`
              : html`<span>${displayName(c.label)}</span>`
          }`
        )
      }</nav>`}
    <h1>${displayName(o.title)}</h1>
    ${o.note && html`<p class="note" role="note">${noteText(o.note)}</p>`}
    ${o.body}
        </main>
      </body>
    </html>
  `;
}

function statusBadge(s: SnapshotInfo): Html {
  if (s.dir.status === "partial") {
    return html`<span class="badge warn" title="running now, or interrupted">unfinished</span>`;
  }
  if (s.dir.status === "deleting") return html`<span class="badge muted">being deleted</span>`;
  const errors = s.figures?.errors ?? 0;
  if (errors > 0) return html`<span class="badge bad">${errors} error${errors === 1 ? "" : "s"}</span>`;
  return html`<span class="badge ok">complete</span>`;
}

function num(n: number | undefined, fmt: (n: number) => string = String): string {
  return n === undefined ? "—" : fmt(n);
}

/** The dashboard: every backup name, its last run, age, problems and a chart. */
export function dashboardPage(o: {
  root: string;
  rows: NameOverview[];
  nowMs: number;
  staleDays: number;
  note?: string;
}): Html {
  const body = o.rows.length === 0
    ? html`<p>No backups under <code>${o.root}</code> yet. Make one with <code>phlb backup SOURCE</code>.</p>`
    : html`
      <table class="dashboard">
        <thead>
          <tr>
            <th>backup</th>
            <th>last run</th>
            <th class="num">age</th>
            <th>state</th>
            <th class="num">snapshots</th>
            <th>size per run: <span class="legend-total">total</span>, <span class="legend-new">new</span></th>
          </tr>
        </thead>
        <tbody>
      ${o.rows.map((r) => {
        const lastMs = r.last?.startedMs;
        const problems: HtmlValue[] = [];
        if (r.unfinished) {
          problems.push(html`
            <span class="badge warn" title="running now, or interrupted">last run unfinished</span>
          `);
        }
        const errors = r.lastComplete?.figures?.errors ?? 0;
        if (errors > 0) {
          problems.push(
            html`
              <a class="badge bad" href="${logUrl(
                r.name,
                r.lastComplete!.dir.id,
              )}">${errors} error${errors === 1 ? "" : "s"}</a>
            `,
          );
        }
        if (r.stale) {
          problems.push(
            html`
              <span class="badge bad" title="${`no complete snapshot in the last ${o.staleDays} days`}">stale</span>
            `,
          );
        }
        if (problems.length === 0) problems.push(html`<span class="badge ok">ok</span>`);
        return html`
          <tr>
            <td class="name"><a href="${nameUrl(r.name)}">${r.name}</a></td>
            <td>${r.last
              ? html`<a href="${snapshotUrl(r.name, r.last.dir.id)}">${formatTime(lastMs)}</a>`
              : "never"}</td>
            <td class="num">${lastMs === undefined ? "—" : formatAge(o.nowMs - lastMs)}</td>
            <td>${problems}</td>
            <td class="num">${r.snapshots}</td>
            <td>${runChart(r.points)}</td>
          </tr>
        `;
      })}
        </tbody>
      </table>
      <p
        class="muted">Backup root: <code>${o
          .root}</code>. A backup is stale when its newest complete snapshot is older than ${o
          .staleDays} days.</p>
    `;
  return layout({ title: "Backups", note: o.note, body });
}

/** The snapshots of one name, with the figures `phlb list` shows. */
export function snapshotListPage(o: { name: string; snapshots: SnapshotInfo[]; note?: string }): Html {
  const points = o.snapshots.filter((s) =>
    s.dir.status === "complete" && s.figures && s.startedMs !== undefined
  )
    .map((s) => ({
      snapId: s.dir.id,
      timeMs: s.startedMs!,
      totalBytes: s.figures!.sizeBytes,
      newBytes: s.figures!.newBytes,
    }));
  const rows = [...o.snapshots].reverse();
  const body = html`
    ${runChart(points, { width: 720, height: 140 })}
    <p
      class="muted"><span class="legend-total">line: total bytes</span> · <span class="legend-new">bars: new bytes</span> per run</p>
    <table class="snapshots">
      <thead>
        <tr>
          <th>snapshot</th>
          <th>status</th>
          <th class="num">files</th>
          <th class="num">size</th>
          <th class="num">new</th>
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
            ? html`<a href="${snapshotUrl(o.name, s.dir.id)}">${s.dir.id}</a>`
            : s.dir.id}</td>
          <td>${statusBadge(s)}</td>
          <td class="num">${num(f?.files)}</td>
          <td class="num">${num(f?.sizeBytes, formatBytes)}</td>
          <td class="num">${num(f?.newBytes, formatBytes)}</td>
          <td class="num">${num(f?.durationMs, formatDuration)}</td>
          <td class="num">${num(f?.errors)}</td>
          <td class="num">${num(f?.warnings)}</td>
          <td>${browsable && html`<a href="${logUrl(o.name, s.dir.id)}">log</a>`}</td>
        </tr>
      `;
    })}
      </tbody>
    </table>
    ${o.snapshots.length === 0 && html`<p>No snapshots.</p>`}
  `;
  return layout({
    title: o.name,
    crumbs: [{ label: "backups", href: "/" }, { label: o.name }],
    note: o.note,
    body,
  });
}

function snapshotCrumbs(snap: SnapshotInfo, rel: string, options: { lastIsLink?: boolean } = {}): Crumb[] {
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

function snapshotHeader(snap: SnapshotInfo, options: { onLogPage?: boolean } = {}): Html {
  const f = snap.figures;
  return html`<div class="actions">${statusBadge(snap)}
<span>${formatTime(snap.startedMs)}</span>
${f && html`<span>${f.files} files, ${formatBytes(f.sizeBytes)} (${formatBytes(f.newBytes)} new)</span>`}
${
    options.onLogPage
      ? html`<a href="${snapshotUrl(snap.dir.name, snap.dir.id)}">browse the files</a>`
      : html`<a href="${logUrl(snap.dir.name, snap.dir.id)}">run log and summary</a>`
  }
</div>`;
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

function pager(o: { page: number; more: boolean; href: (page: number) => string }): Html {
  if (o.page <= 1 && !o.more) return html``;
  return html`<nav class="pager" aria-label="pages">
${o.page > 1 ? html`<a href="${o.href(o.page - 1)}" rel="prev">← previous</a>` : html`<span></span>`}
<span class="muted">page ${o.page}</span>
${o.more && html`<a href="${o.href(o.page + 1)}" rel="next">next →</a>`}
</nav>`;
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
    ${snapshotHeader(snap)}
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
      const shown = displayName(e.name);
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
          e.target === undefined ? "?" : displayName(e.target)
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

function pathHitRows(hits: PathHit[]): Html {
  return html`${
    hits.map((h) =>
      html`
        <tr>
          <td class="name"><a href="${filesUrl(h.name, h.newestSnapId, h.rel, {
            dir: h.kind === EntryKind.Dir,
          })}">${displayName(h.rel)}</a>${h.kind === EntryKind.Dir ? "/" : ""}</td>
          <td><a href="${nameUrl(h.name)}">${h.name}</a></td>
          <td class="num">${h.kind === EntryKind.File ? formatBytes(h.sizeBytes) : ""}</td>
          <td class="num">${h.snapshots}</td>
          <td class="mono"><a href="${snapshotUrl(h.name, h.newestSnapId)}">${h.newestSnapId}</a></td>
        </tr>
      `
    )
  }`;
}

/** A file of a snapshot: its facts, a text preview, its history and where else its content is. */
export function filePage(o: {
  snap: SnapshotInfo;
  rel: string;
  info: FileStat;
  details: FileDetails;
  /** Text to show, when the file is small UTF-8 text. */
  preview?: string;
  note?: string;
}): Html {
  const { snap, rel, info, details } = o;
  const name = snap.dir.name;
  const id = snap.dir.id;
  const fileName = rel.slice(rel.lastIndexOf("/") + 1);
  // A mode of 0 is one the backend could not read (the Deno API on Windows): no type bits either.
  const mode = info.mode === 0 ? "—" : "0" + (info.mode & 0o7777).toString(8).padStart(3, "0");
  const body = html`
    <dl class="facts">
      <dt>size</dt>
      <dd>${formatBytes(info.size)} <span class="muted">(${info.size} bytes)</span></dd>
      <dt>modified</dt>
      <dd class="mono">${formatTime(info.mtimeMs)}</dd>
      <dt>mode</dt>
      <dd class="mono">${mode}</dd>
      <dt>sha256</dt>
      <dd class="mono">${details.hashHex
        ? html`${details.hashHex} <span class="muted">(from the ${details.hashFrom})</span>`
        : html`<span class="muted">unknown (not in the index or the manifest)</span>`}</dd>
      <dt>links</dt>
      <dd>${info.nlink} <span class="muted">(names, in any snapshot, sharing this stored copy)</span></dd>
    </dl>
    <div class="actions"><a class="button" href="${rawUrl(name, id, rel)}" download>Download</a></div>
    ${o.preview !== undefined
      ? html`
        <h2>Content</h2>
        <pre class="preview">${o.preview}</pre>
      `
      : html`<p class="muted">No preview: ${
        info.size === 0 ? "the file is empty" : "not small UTF-8 text"
      }.</p>`}
    <h2>History</h2>
    <p class="muted">Every snapshot of ${name} that holds this path${details.historyFrom === "disk"
      ? "; without the index a change means a different size or modification time"
      : ""}.</p>
    <table class="history">
      <thead>
        <tr>
          <th>snapshot</th>
          <th class="num">size</th>
          <th>modified</th>
          <th>sha256</th>
          <th>change</th>
        </tr>
      </thead>
      <tbody>
    ${details.history.map((h, i) =>
      html`
        <tr class="${h.snapId === id ? "current" : ""}">
          <td class="mono">${h.kind === "file"
            ? html`<a href="${filesUrl(name, h.snapId, rel)}">${h.snapId}</a>`
            : h.snapId}${h.snapId === id && html`
            <span class="muted">(this one)</span>
          `}</td>
          <td class="num">${h.kind === "file" ? formatBytes(h.sizeBytes) : h.kind}</td>
          <td class="mono">${formatTime(h.mtimeMs)}</td>
          <td class="mono" title="${h.hashHex ?? ""}">${h.hashHex ? h.hashHex.slice(0, 12) + "…" : "—"}</td>
          <td>${i === 0
            ? html`<span class="badge">first seen</span>`
            : h.changed
            ? html`<span class="badge warn">changed</span>`
            : html`<span class="muted">same</span>`}${h.reappeared && html`
            <span class="badge">back after a gap</span>
          `}</td>
        </tr>
      `
    )}
      </tbody>
    </table>
    <h2>Same content elsewhere</h2>
    ${details.historyFrom === "disk"
      ? html`<p class="muted">Needs the index.</p>`
      : details.sameContent.length === 0
      ? html`<p class="muted">No other path holds this content.</p>`
      : html`
        <table class="same">
          <thead>
            <tr>
              <th>path</th>
              <th>backup</th>
              <th class="num">size</th>
              <th class="num">snapshots</th>
              <th>newest</th>
            </tr>
          </thead>
          <tbody>${pathHitRows(details.sameContent)}</tbody>
        </table>${details.sameContentTruncated &&
          html`<p class="muted">Only the first matches are shown.</p>`}
      `}
  `;
  return layout({ title: fileName, crumbs: snapshotCrumbs(snap, rel), note: o.note, body });
}

/** A symlink of a snapshot: its target text, never followed. */
export function symlinkPage(o: { snap: SnapshotInfo; rel: string; target: string; note?: string }): Html {
  const body = html`
    <dl class="facts">
      <dt>kind</dt>
      <dd>symbolic link</dd>
      <dt>target</dt>
      <dd class="mono">${displayName(o.target)}</dd>
    </dl>
    <p class="muted">Links are shown, never followed: the target text is what the source held.</p>
  `;
  return layout({
    title: o.rel.slice(o.rel.lastIndexOf("/") + 1),
    crumbs: snapshotCrumbs(o.snap, o.rel),
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
    return String(v);
  };
  const lines = o.log ? o.log.text.split("\n") : [];
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const level = (line: string) => / (ERROR|WARNING) /.exec(line.slice(0, 40))?.[1] ?? "";
  const body = html`${snapshotHeader(o.snap, { onLogPage: true })}
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
      ? html`<pre class="log">${lines.map((l) => html`<span class="${level(l)}">${l}</span>\n`)}</pre>${
        o.log.truncated && html`<p class="muted">The log is longer; only its beginning is shown.</p>`
      }`
      : html`<p class="muted">No run log.</p>`
  }`;
  return layout({
    title: `${o.snap.dir.name} / ${o.snap.dir.id}: run log`,
    crumbs: [...snapshotCrumbs(o.snap, "", { lastIsLink: true }), { label: "log" }],
    note: o.note,
    body,
  });
}

/** File-name search across snapshots. */
export function searchPage(o: {
  text: string;
  name?: string;
  names: string[];
  page: number;
  result?: { hits: PathHit[]; more: boolean };
  note?: string;
}): Html {
  const form = html`
    <form method="get" action="/search" class="actions">
      <input type="search" name="q" value="${o.text}" placeholder="part of a file name"
        aria-label="file name contains" autofocus>
      <select name="name" aria-label="backup name">
    <option value="">all backups</option>
    ${o.names.map((n) =>
      html`
        <option value="${n}" ${n === o.name
          ? html`
            selected
          `
          : ""}>${n}</option>
      `
    )}
      </select>
      <button type="submit">Search</button>
    </form>
  `;
  let results: Html = html``;
  if (o.text !== "" && !o.result) {
    results = html`<p>Search needs the index. Run <code>phlb add</code> to build it.</p>`;
  } else if (o.result) {
    results = o.result.hits.length === 0
      ? html`<p>No file name contains <strong>${o.text}</strong>${o.page > 1 ? " on this page" : ""}.</p>`
      : html`
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
          <tbody>${pathHitRows(o.result.hits)}</tbody>
        </table>
      `;
    results = html`${results}${
      pager({
        page: o.page,
        more: o.result.more,
        href: (page) => searchUrl({ text: o.text, name: o.name, page }),
      })
    }`;
  }
  return layout({
    title: o.text ? `Search: ${o.text}` : "Search",
    crumbs: [{ label: "backups", href: "/" }, { label: "search" }],
    note: o.note,
    searchText: o.text,
    body: html`${form}${results}`,
  });
}

/** The page for anything not found or refused. */
export function notFoundPage(): Html {
  return layout({
    title: "Not found",
    crumbs: [{ label: "backups", href: "/" }],
    body: html`<p>There is nothing here. <a href="/">Back to the backups</a>.</p>`,
  });
}
