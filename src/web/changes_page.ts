/**
 * The changes page of `phlb serve`: what a snapshot changed against the complete snapshot before
 * it, the list `phlb diff` prints (added, removed, modified, moved; one row per file, by path),
 * paginated, each path linked to its file page in the snapshot that holds it.
 * @module
 */
import { type MessageKey, Msg } from "../i18n/messages.ts";
import type { Change, SnapshotChanges } from "./changes.ts";
import type { SnapshotInfo } from "./catalog.ts";
import { type Html, html } from "./html.ts";
import { layout, pager, scrollBox, snapshotCrumbs, snapshotHeader } from "./layout.ts";
import { type PageContext, tHtml } from "./page_context.ts";
import { shownName } from "./shown.ts";

const MARK: Record<Change["kind"], [string, MessageKey]> = {
  added: ["+", "web.changes.kind.added"],
  removed: ["-", "web.changes.kind.removed"],
  modified: ["M", "web.changes.kind.modified"],
  moved: [">", "web.changes.kind.moved"],
};

function changeRow(c: Change, o: { name: string; id: string; previousId: string; ctx: PageContext }): Html {
  const { tr, links } = o.ctx;
  const [mark, label] = MARK[c.kind];
  const link = (snapId: string, path: string) =>
    html`<a href="${links.files(o.name, snapId, path)}">${shownName(path)}</a>`;
  const where = c.kind === "removed"
    ? link(o.previousId, c.path)
    : c.kind === "moved"
    ? html`${link(o.previousId, c.from!)} → ${link(o.id, c.path)}`
    : link(o.id, c.path);
  const size = c.kind === "modified"
    ? `${tr.bytes(c.oldSizeBytes!)} → ${tr.bytes(c.newSizeBytes!)}`
    : tr.bytes(c.oldSizeBytes ?? c.newSizeBytes ?? 0);
  return html`
    <tr class="${c.kind}">
      <td class="mark mono" title="${tr.t(label)}">${mark}</td>
      <td class="name">${where}</td>
      <td class="num">${size}</td>
      <td>${c.kind === "modified" &&
        html`<a href="${links.compare(o.name, o.id, c.path, { a: o.previousId, b: o.id })}">${
          tr.t("web.changes.whatChanged")
        }</a>`}</td>
    </tr>
  `;
}

/** A snapshot's changes against the one before it, one page of them. */
export function changesPage(o: {
  snap: SnapshotInfo;
  /** The changes, or why there are none to show. */
  changes: SnapshotChanges | Msg;
  page: number;
  pageSize: number;
  note?: string | Msg;
}, ctx: PageContext): Html {
  const { tr, links } = ctx;
  const { snap } = o;
  const name = snap.dir.name;
  const id = snap.dir.id;
  let content: Html;
  if (o.changes instanceof Msg) {
    content = html`<p class="muted">${tr.localize(o.changes)}</p>`;
  } else {
    const { result: d, changes, previousId } = o.changes;
    const rows = changes.slice((o.page - 1) * o.pageSize, o.page * o.pageSize);
    const strong = (n: number) => html`<strong>${tr.number(n)}</strong>`;
    content = html`
      <p>${tHtml(tr, "web.changes.summary", {
        previous: html`<a href="${links.snapshot(name, previousId)}" class="mono">${
          shownName(previousId)
        }</a>`,
        added: strong(d.added.length),
        addedSize: tr.bytes(d.addedBytes),
        removed: strong(d.removed.length),
        removedSize: tr.bytes(d.removedBytes),
        modified: strong(d.modified.length),
        moved: strong(d.moved.length),
        unchanged: d.unchanged,
      })} <span class="muted">${tHtml(tr, "web.changes.sameAs", {
        command: html`<code>phlb diff ${shownName(name)}@${shownName(id)}</code>`,
      })}</span></p>
      ${snap.dir.status === "partial" && html`<p class="note">${tr.t("web.changes.unfinished")}</p>`}
      ${changes.length === 0 ? html`<p class="muted">${tr.t("web.changes.none")}</p>` : scrollBox(html`
        <table class="changes">
          <thead>
            <tr>
              <th></th>
              <th>${tr.t("web.col.path")}</th>
              <th class="num">${tr.t("web.col.size")}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>${rows.map((c) => changeRow(c, { name, id, previousId, ctx }))}</tbody>
        </table>
      `)}
      ${pager({
        page: o.page,
        more: changes.length > o.page * o.pageSize,
        href: (page) => links.changes(name, id, page),
      }, tr)}
    `;
  }
  const body = html`${snapshotHeader(snap, ctx, { here: "changes" })}${content}`;
  return layout({
    title: tr.t("web.changes.title", { name, id }),
    crumbs: [...snapshotCrumbs(snap, ctx, { lastIsLink: true }), { label: tr.t("web.changes.crumb") }],
    note: o.note,
    body,
  }, ctx);
}
