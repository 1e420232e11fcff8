/**
 * The file and symlink pages of `phlb serve`. A file page answers "what is this, what changed, and
 * how do I get it back": its facts, a download and a copy-ready `phlb restore` line, the line diff
 * against its previous version (or two versions picked in the History table, a plain GET form),
 * where the path disappears, a text preview, its history, and other paths with the same content.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { formatBytes } from "../report/format.ts";
import type { SnapshotInfo } from "./catalog.ts";
import { diffView } from "./diff_view.ts";
import type { Absence, FileDetails, HistoryEntry } from "./file_history.ts";
import { type Html, html } from "./html.ts";
import type { LineDiff } from "./line_diff.ts";
import { formatTime, layout, pathHitRows, scrollBox, snapshotCrumbs } from "./layout.ts";
import { shownName } from "./shown.ts";
import { filesUrl, rawUrl, snapshotUrl } from "./urls.ts";

/** Two versions of a file compared on its page. */
export interface Comparison {
  /** The older version. */
  a: HistoryEntry;
  /** The newer version. */
  b: HistoryEntry;
  /** Picked in the History table (else: the previous version against this one). */
  picked: boolean;
  /** The diff, or why there is none. */
  diff: LineDiff | string;
}

/** What {@linkcode filePage} shows. */
export interface FilePageData {
  snap: SnapshotInfo;
  rel: string;
  info: FileStat;
  details: FileDetails;
  /** Text to show, when the file is small UTF-8 text. */
  preview?: string;
  /** The comparison to show, or why there is none (a first version). */
  compare: Comparison | string;
  /** The `phlb restore` command line for this file. */
  restore: string;
  /** Most diff lines shown. */
  maxDiffLines: number;
  note?: string;
}

function versionLink(name: string, rel: string, h: HistoryEntry, currentId: string): Html {
  return html`<a class="mono" href="${filesUrl(name, h.snapId, rel)}">${shownName(h.snapId)}</a>${
    h.snapId === currentId && html`
      <span class="muted">(this one)</span>
    `
  }`;
}

function changesSection(o: FilePageData): Html {
  const name = o.snap.dir.name;
  const id = o.snap.dir.id;
  if (typeof o.compare === "string") {
    return html`
      <h2 id="changes">Changes</h2>
      <p class="muted">${o.compare}</p>
    `;
  }
  const { a, b, diff } = o.compare;
  return html`
    <h2 id="changes">Changes</h2>
    <p>${o.compare.picked ? "" : "Against the previous version: "}from ${versionLink(name, o.rel, a, id)}
      (${formatTime(a.mtimeMs)}) to ${versionLink(name, o.rel, b, id)} (${formatTime(b.mtimeMs)}).</p>
    ${typeof diff === "string"
      ? html`<p class="muted">${diff}</p>`
      : diffView(diff, { maxLines: o.maxDiffLines })}
  `;
}

function absenceRow(x: Absence, name: string): Html {
  return html`
    <tr class="gone">
      <td></td>
      <td></td>
      <td class="mono"><a href="${snapshotUrl(name, x.snapId)}">${shownName(x.snapId)}</a></td>
      <td colspan="4"><span class="badge warn">not in this snapshot</span> <span class="muted">deleted or
        moved before this run</span></td>
    </tr>
  `;
}

function historyTable(o: FilePageData): Html {
  const { details, rel } = o;
  const name = o.snap.dir.name;
  const id = o.snap.dir.id;
  const picked = typeof o.compare === "string" ? undefined : o.compare;
  const versions = details.history.filter((h) => h.kind === "file");
  const rows = details.history.map((h, i) => {
    const file = h.kind === "file";
    const radio = (side: "a" | "b") =>
      file &&
      html`<input type="radio" name="${side}" value="${h.snapId}" aria-label="${`compare ${
        side === "a" ? "from" : "to"
      } ${shownName(h.snapId)}`}" ${picked?.[side].snapId === h.snapId && html`checked`}>`;
    return html`
      <tr class="${h.snapId === id ? "current" : ""}">
        <td class="pick">${radio("a")}</td>
        <td class="pick">${radio("b")}</td>
        <td class="mono">${file
          ? html`<a href="${filesUrl(name, h.snapId, rel)}">${shownName(h.snapId)}</a>`
          : shownName(h.snapId)}${h.snapId === id && html`
          <span class="muted">(this one)</span>
        `}</td>
        <td class="num">${file ? formatBytes(h.sizeBytes) : h.kind}</td>
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
      ${details.absences.filter((x) => x.afterSnapId === h.snapId).map((x) => absenceRow(x, name))}
    `;
  });
  return html`
    <h2>History</h2>
    <p
      class="muted">Every snapshot of ${shownName(name)} that holds this path${details.historyFrom === "disk"
        ? "; without the index a change means a different size or modification time"
        : ""}. Pick two versions to compare them.</p>
    <form method="get" action="${filesUrl(name, id, rel)}" class="compare">
      ${scrollBox(html`
        <table class="history">
          <thead>
            <tr>
              <th class="pick" title="the older version">from</th>
              <th class="pick" title="the newer version">to</th>
              <th>snapshot</th>
              <th class="num">size</th>
              <th>modified</th>
              <th>sha256</th>
              <th>change</th>
            </tr>
          </thead>
          <tbody>${rows}</tbody>
        </table>
      `)}
      ${versions.length > 1 && html`<button type="submit">Compare the two versions</button>`}
    </form>
  `;
}

/** A file of a snapshot. */
export function filePage(o: FilePageData): Html {
  const { snap, rel, info, details } = o;
  const name = snap.dir.name;
  const id = snap.dir.id;
  const fileName = rel.slice(rel.lastIndexOf("/") + 1);
  // A mode of 0 is one the backend could not read (the Deno API on Windows): no type bits either.
  const mode = info.mode === 0 ? "—" : "0" + (info.mode & 0o7777).toString(8).padStart(3, "0");
  // Where the path disappears after this snapshot (the first time).
  const order = details.history.map((h) => h.snapId);
  const here = order.indexOf(id);
  const gone = details.absences.find((x) => order.indexOf(x.afterSnapId) >= here);
  const body = html`
    ${gone &&
      html`
        <p class="note"
          role="note">Not in the later snapshot <a class="mono" href="${snapshotUrl(
            name,
            gone.snapId,
          )}">${shownName(gone.snapId)}</a>: deleted or moved before that run.</p>
      `}
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
    <p class="muted">Restore it with phlb (into the folder <code>restored</code>, which is made when missing;
      nothing there is overwritten):</p>
    <pre class="cmd"><code>${o.restore}</code></pre>
    ${changesSection(o)}
    ${o.preview !== undefined
      ? html`
        <h2>Content</h2>
        <pre class="preview">${o.preview}</pre>
      `
      : html`<p class="muted">No preview: ${
        info.size === 0 ? "the file is empty" : "not small UTF-8 text"
      }.</p>`}
    ${historyTable(o)}
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
      <dd class="mono">${shownName(o.target)}</dd>
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
