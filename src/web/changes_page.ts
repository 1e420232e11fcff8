/**
 * The changes page of `phlb serve`: what a snapshot changed against the complete snapshot before
 * it, the list `phlb diff` prints (added, removed, modified, moved; one row per file, by path),
 * paginated, each path linked to its file page in the snapshot that holds it.
 * @module
 */
import { formatBytes } from "../report/format.ts";
import type { Change, SnapshotChanges } from "./changes.ts";
import type { SnapshotInfo } from "./catalog.ts";
import { type Html, html } from "./html.ts";
import { layout, pager, scrollBox, snapshotCrumbs, snapshotHeader } from "./layout.ts";
import { shownName } from "./shown.ts";
import { changesUrl, compareUrl, filesUrl, snapshotUrl } from "./urls.ts";

const MARK: Record<Change["kind"], [string, string]> = {
  added: ["+", "added"],
  removed: ["-", "removed"],
  modified: ["M", "modified"],
  moved: [">", "moved"],
};

function changeRow(c: Change, o: { name: string; id: string; previousId: string }): Html {
  const [mark, label] = MARK[c.kind];
  const link = (snapId: string, path: string) =>
    html`<a href="${filesUrl(o.name, snapId, path)}">${shownName(path)}</a>`;
  const where = c.kind === "removed"
    ? link(o.previousId, c.path)
    : c.kind === "moved"
    ? html`${link(o.previousId, c.from!)} → ${link(o.id, c.path)}`
    : link(o.id, c.path);
  const size = c.kind === "modified"
    ? `${formatBytes(c.oldSizeBytes!)} → ${formatBytes(c.newSizeBytes!)}`
    : formatBytes(c.oldSizeBytes ?? c.newSizeBytes ?? 0);
  return html`
    <tr class="${c.kind}">
      <td class="mark mono" title="${label}">${mark}</td>
      <td class="name">${where}</td>
      <td class="num">${size}</td>
      <td>${c.kind === "modified" &&
        html`<a href="${
          compareUrl(o.name, o.id, c.path, { a: o.previousId, b: o.id })
        }">what changed</a>`}</td>
    </tr>
  `;
}

/** A snapshot's changes against the one before it, one page of them. */
export function changesPage(o: {
  snap: SnapshotInfo;
  /** The changes, or why there are none to show. */
  changes: SnapshotChanges | string;
  page: number;
  pageSize: number;
  note?: string;
}): Html {
  const { snap } = o;
  const name = snap.dir.name;
  const id = snap.dir.id;
  let content: Html;
  if (typeof o.changes === "string") {
    content = html`<p class="muted">${o.changes}</p>`;
  } else {
    const { result: d, changes, previousId } = o.changes;
    const rows = changes.slice((o.page - 1) * o.pageSize, o.page * o.pageSize);
    content = html`
      <p>Against <a href="${snapshotUrl(name, previousId)}" class="mono">${shownName(previousId)}</a>:
        <strong>${d.added.length}</strong> added (${formatBytes(d.addedBytes)}),
        <strong>${d.removed.length}</strong> removed (${formatBytes(d.removedBytes)}),
        <strong>${d.modified.length}</strong> modified, <strong>${d.moved.length}</strong> moved,
        ${d.unchanged} unchanged. <span class="muted">The same list as
        <code>phlb diff ${shownName(name)}@${shownName(id)}</code>.</span></p>
      ${snap.dir.status === "partial" &&
        html`<p class="note">This run is unfinished: the list has what it wrote so far.</p>`}
      ${changes.length === 0 ? html`<p class="muted">No file changed.</p>` : scrollBox(html`
        <table class="changes">
          <thead>
            <tr>
              <th></th>
              <th>path</th>
              <th class="num">size</th>
              <th></th>
            </tr>
          </thead>
          <tbody>${rows.map((c) => changeRow(c, { name, id, previousId }))}</tbody>
        </table>
      `)}
      ${pager({
        page: o.page,
        more: changes.length > o.page * o.pageSize,
        href: (page) => changesUrl(name, id, page),
      })}
    `;
  }
  const body = html`${snapshotHeader(snap, "changes")}${content}`;
  return layout({
    title: `${name} / ${id}: changes`,
    crumbs: [...snapshotCrumbs(snap, "", { lastIsLink: true }), { label: "changes" }],
    note: o.note,
    body,
  });
}
