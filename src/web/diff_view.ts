/**
 * A line diff (src/web/line_diff.ts) as markup for `phlb serve`'s file page: hunks in a table with
 * the old and new line numbers, removed and added lines marked by sign and colour. Every line goes
 * through the escaping `html` template; the text is shown as it is (no bidi escaping: it is content).
 * @module
 */
import type { Translator } from "../i18n/messages.ts";
import { type Html, html } from "./html.ts";
import type { DiffLine, LineDiff } from "./line_diff.ts";
import { tHtml } from "./page_context.ts";

const SIGN: Record<DiffLine["kind"], string> = { same: " ", del: "-", add: "+" };

function row(l: DiffLine, tr: Translator): Html {
  return html`
    <tr class="${l.kind}">
      <td class="ln">${l.oldNo ?? ""}</td>
      <td class="ln">${l.newNo ?? ""}</td>
      <td class="code"><span class="sign">${SIGN[l.kind]}</span>${l.text}${l.noNewline &&
        html`<span class="eol" title="${tr.t("web.diff.noNewline.title")}">${
          tr.t("web.diff.noNewline")
        }</span>`}</td>
    </tr>
  `;
}

/** The hunks of `d`, at most `maxLines` lines of them, and a note when more were cut. */
export function diffView(d: LineDiff, options: { maxLines: number; tr: Translator }): Html {
  const { tr } = options;
  if (d.hunks.length === 0) return html`<p class="muted">${tr.t("web.diff.same")}</p>`;
  const rows: Html[] = [];
  let shown = 0;
  let cut = 0;
  for (const h of d.hunks) {
    if (shown >= options.maxLines) {
      cut += h.lines.length;
      continue;
    }
    rows.push(
      html`
        <tr class="hunk">
          <td colspan="3">@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@</td>
        </tr>
      `,
    );
    const take = h.lines.slice(0, options.maxLines - shown);
    rows.push(...take.map((l) => row(l, tr)));
    shown += take.length;
    cut += h.lines.length - take.length;
  }
  return html`
    <p>${tHtml(tr, "web.diff.counts", {
      count: d.added + d.removed,
      added: html`<span class="diff-add">+${tr.number(d.added)}</span>`,
      removed: html`<span class="diff-del">−${tr.number(d.removed)}</span>`,
    })}${d.coarse && html`
      <span class="muted">${tr.t("web.diff.coarse")}</span>
    `}</p>
    <div class="scroll">
      <table class="diff">
        <tbody>${rows}</tbody>
      </table>
    </div>
    ${cut > 0 && html`<p class="muted">${tr.t("web.diff.cut", { count: cut })}</p>`}
  `;
}
