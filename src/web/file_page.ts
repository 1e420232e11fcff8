/**
 * The file and symlink pages of `phlb serve`. A file page answers "what is this, what changed, and
 * how do I get it back": its facts, a download and a copy-ready `phlb restore` line, the line diff
 * against its previous version (or two versions picked in the History table, a plain GET form),
 * where the path disappears, a text preview, its history, and other paths with the same content.
 * @module
 */
import type { FileStat } from "../fs/native/mod.ts";
import { type MessageKey, Msg } from "../i18n/messages.ts";
import type { SnapshotInfo } from "./catalog.ts";
import { diffView } from "./diff_view.ts";
import type { Absence, FileDetails, HistoryEntry } from "./file_history.ts";
import { type Html, html } from "./html.ts";
import type { LineDiff } from "./line_diff.ts";
import {
  CHECKED,
  formatTime,
  langField,
  layout,
  pathHitHead,
  pathHitRows,
  scrollBox,
  snapshotCrumbs,
} from "./layout.ts";
import { type PageContext, tHtml } from "./page_context.ts";
import { shownName } from "./shown.ts";
import { filesUrl } from "./urls.ts";

/** Two versions of a file compared on its page. */
export interface Comparison {
  /** The older version. */
  a: HistoryEntry;
  /** The newer version. */
  b: HistoryEntry;
  /** Picked in the History table (else: the previous version against this one). */
  picked: boolean;
  /** The diff, or why there is none. */
  diff: LineDiff | Msg;
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
  compare: Comparison | Msg;
  /** The `phlb restore` command line for this file. */
  restore: string;
  /** Most diff lines shown. */
  maxDiffLines: number;
  note?: string | Msg;
}

/** The folder the offered `phlb restore` line restores into (a name on disk: never translated). */
export const RESTORE_FOLDER = "restored";

/** The hash's name, the same in every language. */
const HASH_NAME = "sha256";

/** What the History table says for an entry that is not a file. */
export const KIND_NAMES: Record<HistoryEntry["kind"], MessageKey> = {
  file: "web.kind.file",
  dir: "web.kind.dir",
  symlink: "web.kind.symlink",
  other: "web.kind.other",
};

function versionLink(o: FilePageData, h: HistoryEntry, ctx: PageContext): Html {
  return html`<a class="mono" href="${ctx.links.files(o.snap.dir.name, h.snapId, o.rel)}">${
    shownName(h.snapId)
  }</a>${
    h.snapId === o.snap.dir.id && html`
      <span class="muted">${ctx.tr.t("web.file.thisOne")}</span>
    `
  }`;
}

function isComparison(c: Comparison | Msg): c is Comparison {
  return !(c instanceof Msg);
}

function changesSection(o: FilePageData, ctx: PageContext): Html {
  const { tr } = ctx;
  if (!isComparison(o.compare)) {
    return html`
      <h2 id="changes">${tr.t("web.file.changes")}</h2>
      <p class="muted">${tr.localize(o.compare)}</p>
    `;
  }
  const { a, b, diff } = o.compare;
  const params = {
    a: versionLink(o, a, ctx),
    aTime: formatTime(a.mtimeMs),
    b: versionLink(o, b, ctx),
    bTime: formatTime(b.mtimeMs),
  };
  return html`
    <h2 id="changes">${tr.t("web.file.changes")}</h2>
    <p>${tHtml(tr, o.compare.picked ? "web.file.compare.picked" : "web.file.compare.previous", params)}</p>
    ${diff instanceof Msg
      ? html`<p class="muted">${tr.localize(diff)}</p>`
      : diffView(diff, { maxLines: o.maxDiffLines, tr })}
  `;
}

function absenceRow(x: Absence, o: { name: string; ctx: PageContext }): Html {
  const { tr, links } = o.ctx;
  return html`
    <tr class="gone">
      <td></td>
      <td></td>
      <td class="mono"><a href="${links.snapshot(o.name, x.snapId)}">${shownName(x.snapId)}</a></td>
      <td colspan="4"><span class="badge warn">${tr.t("web.file.absent")}</span> <span class="muted">${tr.t(
        "web.file.absent.why",
      )}</span></td>
    </tr>
  `;
}

function historyTable(o: FilePageData, ctx: PageContext): Html {
  const { tr, links } = ctx;
  const { details, rel } = o;
  const name = o.snap.dir.name;
  const id = o.snap.dir.id;
  const picked = isComparison(o.compare) ? o.compare : undefined;
  const versions = details.history.filter((h) => h.kind === "file");
  const rows = details.history.map((h, i) => {
    const file = h.kind === "file";
    const radio = (side: "a" | "b") =>
      file &&
      html`<input type="radio" name="${side}" value="${h.snapId}" aria-label="${
        tr.t(side === "a" ? "web.file.compareFrom" : "web.file.compareTo", { id: shownName(h.snapId) })
      }" ${picked?.[side].snapId === h.snapId && CHECKED}>`;
    return html`
      <tr class="${h.snapId === id ? "current" : ""}">
        <td class="pick">${radio("a")}</td>
        <td class="pick">${radio("b")}</td>
        <td class="mono">${file
          ? html`<a href="${links.files(name, h.snapId, rel)}">${shownName(h.snapId)}</a>`
          : shownName(h.snapId)}${h.snapId === id && html`
          <span class="muted">${tr.t("web.file.thisOne")}</span>
        `}</td>
        <td class="num">${file ? tr.bytes(h.sizeBytes) : tr.t(KIND_NAMES[h.kind])}</td>
        <td class="mono">${formatTime(h.mtimeMs)}</td>
        <td class="mono" title="${h.hashHex ?? ""}">${h.hashHex ? h.hashHex.slice(0, 12) + "…" : "—"}</td>
        <td>${i === 0
          ? html`<span class="badge">${tr.t("web.file.firstSeen")}</span>`
          : h.changed
          ? html`<span class="badge warn">${tr.t("web.file.changed")}</span>`
          : html`<span class="muted">${tr.t("web.file.same")}</span>`}${h.reappeared && html`
          <span class="badge">${tr.t("web.file.reappeared")}</span>
        `}</td>
      </tr>
      ${details.absences.filter((x) => x.afterSnapId === h.snapId).map((x) => absenceRow(x, { name, ctx }))}
    `;
  });
  return html`
    <h2>${tr.t("web.file.history")}</h2>
    <p class="muted">${tr.t(
      details.historyFrom === "disk" ? "web.file.history.textDisk" : "web.file.history.text",
      {
        name: shownName(name),
      },
    )}</p>
    <form method="get" action="${filesUrl(name, id, rel)}" class="compare">
      ${langField(ctx)}
      ${scrollBox(html`
        <table class="history">
          <thead>
            <tr>
              <th class="pick" title="${tr.t("web.file.col.from.title")}">${tr.t("web.file.col.from")}</th>
              <th class="pick" title="${tr.t("web.file.col.to.title")}">${tr.t("web.file.col.to")}</th>
              <th>${tr.t("web.col.snapshot")}</th>
              <th class="num">${tr.t("web.col.size")}</th>
              <th>${tr.t("web.col.modified")}</th>
              <th>${HASH_NAME}</th>
              <th>${tr.t("web.file.col.change")}</th>
            </tr>
          </thead>
          <tbody>${rows}</tbody>
        </table>
      `)}
      ${versions.length > 1 && html`<button type="submit">${tr.t("web.file.compareButton")}</button>`}
    </form>
  `;
}

const HASH_FROM: Record<NonNullable<FileDetails["hashFrom"]>, MessageKey> = {
  index: "web.file.hashFrom.index",
  manifest: "web.file.hashFrom.manifest",
};

/** A file of a snapshot. */
export function filePage(o: FilePageData, ctx: PageContext): Html {
  const { tr, links } = ctx;
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
      html`<p class="note" role="note">${
        tHtml(tr, "web.file.gone", {
          id: html`<a class="mono" href="${links.snapshot(name, gone.snapId)}">${shownName(gone.snapId)}</a>`,
        })
      }</p>`}
    <dl class="facts">
      <dt>${tr.t("web.col.size")}</dt>
      <dd>${tr.bytes(info.size)} <span class="muted">${tr.t("web.file.bytes", {
        count: info.size,
      })}</span></dd>
      <dt>${tr.t("web.col.modified")}</dt>
      <dd class="mono">${formatTime(info.mtimeMs)}</dd>
      <dt>${tr.t("web.file.mode")}</dt>
      <dd class="mono">${mode}</dd>
      <dt>${HASH_NAME}</dt>
      <dd class="mono">${details.hashHex
        ? html`${details.hashHex} <span class="muted">${
          details.hashFrom && tr.t(HASH_FROM[details.hashFrom])
        }</span>`
        : html`<span class="muted">${tr.t("web.file.hashUnknown")}</span>`}</dd>
      <dt>${tr.t("web.file.links")}</dt>
      <dd>${tr.number(info.nlink)} <span class="muted">${tr.t("web.file.links.note")}</span></dd>
    </dl>
    <div class="actions"><a class="button" href="${links.raw(name, id, rel)}" download>${tr.t(
      "web.file.download",
    )}</a></div>
    <p class="muted">${tHtml(tr, "web.file.restore", { folder: html`<code>${RESTORE_FOLDER}</code>` })}</p>
    <pre class="cmd"><code>${o.restore}</code></pre>
    ${changesSection(o, ctx)}
    ${o.preview !== undefined
      ? html`
        <h2>${tr.t("web.file.content")}</h2>
        <pre class="preview">${o.preview}</pre>
      `
      : html`<p class="muted">${
        info.size === 0 ? tr.t("web.file.noPreview.empty") : tr.t("web.file.noPreview.notText")
      }</p>`}
    ${historyTable(o, ctx)}
    <h2>${tr.t("web.file.sameContent")}</h2>
    ${details.historyFrom === "disk"
      ? html`<p class="muted">${tr.t("web.file.sameContent.needsIndex")}</p>`
      : details.sameContent.length === 0
      ? html`<p class="muted">${tr.t("web.file.sameContent.none")}</p>`
      : html`
        <table class="same">
          ${pathHitHead(tr)}
          <tbody>${pathHitRows(details.sameContent, ctx)}</tbody>
        </table>${details.sameContentTruncated &&
          html`<p class="muted">${tr.t("web.file.sameContent.truncated")}</p>`}
      `}
  `;
  return layout({ title: fileName, crumbs: snapshotCrumbs(snap, ctx, { rel }), note: o.note, body }, ctx);
}

/** A symlink of a snapshot: its target text, never followed. */
export function symlinkPage(
  o: { snap: SnapshotInfo; rel: string; target: string; note?: string | Msg },
  ctx: PageContext,
): Html {
  const { tr } = ctx;
  const body = html`
    <dl class="facts">
      <dt>${tr.t("web.symlink.kind")}</dt>
      <dd>${tr.t("web.symlink.kindValue")}</dd>
      <dt>${tr.t("web.symlink.target")}</dt>
      <dd class="mono">${shownName(o.target)}</dd>
    </dl>
    <p class="muted">${tr.t("web.symlink.note")}</p>
  `;
  return layout({
    title: o.rel.slice(o.rel.lastIndexOf("/") + 1),
    crumbs: snapshotCrumbs(o.snap, ctx, { rel: o.rel }),
    note: o.note,
    body,
  }, ctx);
}
