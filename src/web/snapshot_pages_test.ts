import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir, writeTree } from "../../tests/helpers.ts";
import { assertHtmlIncludes, get, section, snapUrl, withApp, withHistoryApp } from "../../tests/serve_app.ts";
import { FIXTURE_SYMLINKS, makeServeFixture, NAMES } from "../../tests/serve_fixture.ts";
import { MARKUP_NAME } from "../../tests/serve_history_fixture.ts";
import { diffSnapshots } from "../diff/diff.ts";
import { BackupIndex } from "../index/index.ts";
import { listRoot } from "../list/list.ts";
import { runAdd } from "../add/add.ts";
import { formatBytes } from "../report/format.ts";
import { listSnapshots } from "../store/layout.ts";
import { refOf } from "../store/ref.ts";
import { createApp } from "./app.ts";
import { escapeHtml } from "./html.ts";
import { encodeSegment } from "./urls.ts";

Deno.test("snapshot list shows the figures of phlb list for every snapshot, newest first", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, "/b/src/");
    assertEquals(r.status, 200);
    const second = r.text.indexOf(`>${fx.second}</a>`);
    const first = r.text.indexOf(`>${fx.first}</a>`);
    assert(second > 0 && first > second, "both snapshots, newest first");
    const summary = JSON.parse(Deno.readTextFileSync(`${fx.root}/src/${fx.second}.summary.json`));
    const row = r.text.slice(second, first);
    assertHtmlIncludes(row, `<td class="num">${summary.files}</td>`);
    assertHtmlIncludes(row, `href="/b/src/${fx.second}/log"`);
    assertHtmlIncludes(row, "complete");
    assertEquals((await get(app, "/b/nope/")).status, 404);
    assertEquals((await get(app, "/b/.phlb/")).status, 404);
  });
});

Deno.test("snapshot list computes figures from the index entries when a snapshot has no summary", async () => {
  await withApp(async (app, fx) => {
    // A snapshot whose summary is gone (as an unfinished one): files and size come from its entries.
    Deno.removeSync(`${fx.root}/src/${fx.first}.summary.json`);
    const index = BackupIndex.open(`${fx.root}/.phlb`);
    index.exec(`UPDATE snapshots SET summary = NULL WHERE snap_id = '${fx.first}'`);
    index.close();
    const r = await get(app, "/b/src/");
    const row = r.text.slice(r.text.indexOf(`>${fx.first}</a>`));
    // 7 regular files in the first run, all written by it.
    assertHtmlIncludes(row, `<td class="num">7</td>`);
  });
});

Deno.test("a snapshot's top folder lists folders first, symlinks with their target, and escapes names", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, `${snapUrl(fx)}/`);
    assertEquals(r.status, 200);
    assertEquals((await get(app, `${snapUrl(fx)}/files/`)).text, r.text);
    const docs = r.text.indexOf(">docs/</a>");
    const report = r.text.indexOf("café");
    assert(docs > 0 && report > docs, "folders before files");
    assertHtmlIncludes(r.text, `href="/b/src/${fx.second}/files/${NAMES.quotedHref}"`);
    assertHtmlIncludes(r.text, NAMES.quotedHtml);
    if (FIXTURE_SYMLINKS) assertHtmlIncludes(r.text, "→ /etc/passwd");
    if (NAMES.backslash) assertHtmlIncludes(r.text, "a backslash in the name: not served");
    const web = await get(app, `${snapUrl(fx)}/files/web/`);
    assertHtmlIncludes(web.text, NAMES.markupHtml);
    assertHtmlIncludes(web.text, `href="/b/src/${fx.second}/files/web/${NAMES.markupHref}"`);
    assert(!web.text.includes("<img") && !web.text.includes("' onmouseover"), "no user markup in the page");
    const page = await get(app, `${snapUrl(fx)}/files/web/${encodeURIComponent(NAMES.markup)}`);
    assertHtmlIncludes(
      page.text,
      "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;&lt;h1&gt;user html&lt;/h1&gt;",
    );
    assert(!page.text.includes("<script>") && !page.text.includes("<h1>user"), "the preview is escaped");
    const empty = await get(app, `${snapUrl(fx)}/files/empty/`);
    assertHtmlIncludes(empty.text, "This folder is empty.");
  });
});

Deno.test("a folder listing is paginated", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const app = createApp({ root: fx.root, listingPageSize: 3 });
    try {
      const p1 = await get(app, `${snapUrl(fx)}/`);
      assertHtmlIncludes(p1.text, `href="/b/src/${fx.second}/?page=2"`);
      const p2 = await get(app, `${snapUrl(fx)}/?page=2`);
      assertHtmlIncludes(p2.text, "page 2");
      assertHtmlIncludes(p2.text, `href="/b/src/${fx.second}/" rel="prev"`);
      assertHtmlIncludes(p2.text, `href="/b/src/${fx.second}/?page=3" rel="next"`);
    } finally {
      app.close();
    }
  });
});

Deno.test("the run log page shows the summary and the log lines", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, `${snapUrl(fx)}/log`);
    assertEquals(r.status, 200);
    assertHtmlIncludes(r.text, "<h2>Summary</h2>");
    assertHtmlIncludes(r.text, `<a href="/b/src/${fx.second}/">browse the files</a>`);
    assertHtmlIncludes(r.text, "<dt>files</dt>");
    assertHtmlIncludes(r.text, `<dd>${Deno.realPathSync(fx.src)}</dd>`);
    assertHtmlIncludes(r.text, `INFO complete: `);
    assertHtmlIncludes(r.text, `<pre class="log">`);
    assert(!r.text.includes('class="ERROR"'), "a clean run has no error lines");
    // Error lines are marked; their text is escaped.
    Deno.writeTextFileSync(
      `${fx.root}/src/${fx.second}.log`,
      `2026-01-03T09:00:00.000Z ERROR "a<b>.txt": cannot back up: denied\n` +
        `2026-01-03T09:00:01.000Z WARNING "invoice\u202Etxt.exe": changed while read\n`,
      { append: true },
    );
    const again = await get(app, `${snapUrl(fx)}/log`);
    assertHtmlIncludes(
      again.text,
      `<span class="ERROR">2026-01-03T09:00:00.000Z ERROR &quot;a&lt;b&gt;.txt&quot;: cannot back up: denied</span>`,
    );
    assertHtmlIncludes(again.text, `WARNING &quot;invoice\\u{202E}txt.exe&quot;: changed while read</span>`);
    assert(!again.text.includes("\u202E"), "no raw bidi control in the log");
    assertEquals((await get(app, `${snapUrl(fx)}/log/x`)).status, 404);
  });
});

/** The number cells of a snapshot's row in the snapshot table: files, size, unique, new, duration, errors, warnings. */
function numberCells(page: string, snapId: string): string[] {
  const row = section(page, `>${snapId}</a>`, "</tr>");
  return [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
}

Deno.test("snapshot table: files, size, unique and new bytes are phlb list's, per snapshot", async () => {
  await withHistoryApp(async (app, fx) => {
    const list = listRoot({ root: fx.root });
    for (const n of list.names) {
      const r = await get(app, `/b/${n.name}/`);
      assertEquals(r.status, 200);
      assertHtmlIncludes(r.text, `<th class="num" title="freed by deleting this snapshot alone">unique</th>`);
      for (const s of n.snapshots) {
        assertEquals(numberCells(r.text, s.id).slice(0, 4), [
          String(s.files),
          formatBytes(s.sizeBytes!),
          formatBytes(s.uniqueBytes!),
          formatBytes(s.newBytes!),
        ], `${n.name}@${s.id}`);
      }
    }
    // The second run changed a small file only: nothing of it is unique but that file and the new ones.
    const docs = list.names[0].snapshots;
    assert(docs[1].uniqueBytes! < 1024 && docs[2].uniqueBytes! >= 1 << 20, JSON.stringify(docs));
    // Each row links to its changes and its log.
    const r = await get(app, "/b/Documents/");
    assertHtmlIncludes(r.text, `<a href="/b/Documents/${fx.runs[2]}/changes">changes</a>`);
  });
});

Deno.test("a snapshot adopted by phlb add shows — for new (nothing is known), and its unique bytes", async () => {
  await withApp(async (app, fx, dir) => {
    // A tree copied into the root by hand, then adopted: no run, no summary.
    const adopted = `${fx.root}/Adopted/2026-01-05-080000`;
    Deno.mkdirSync(`${fx.root}/Adopted`);
    writeTree(adopted, {
      "only-here.txt": "adopted content, found nowhere else\n",
      "docs/notes.md": "# notes\n",
    });
    await runAdd({ root: fx.root });
    const r = await get(app, "/b/Adopted/");
    assertEquals(r.status, 200);
    const list = listRoot({ root: fx.root }).names.find((n) => n.name === "Adopted")!.snapshots[0];
    assertEquals(numberCells(r.text, "2026-01-05-080000").slice(0, 4), [
      "2",
      formatBytes(list.sizeBytes!),
      formatBytes(list.uniqueBytes!),
      "—",
    ]);
    assertHtmlIncludes(r.text, "— for a snapshot adopted by <code>phlb add</code>");
    // No bar for it in the chart: its tooltip says the count is unknown.
    assert(!r.text.includes(`<rect class="chart-new"`), "no bar for an unknown count");
    assertHtmlIncludes(r.text, "new bytes unknown (adopted by phlb add)");
    // The runs phlb made keep their new bytes.
    assertEquals(numberCells((await get(app, "/b/src/")).text, fx.second)[3], "56 B");
    void dir;
  });
});

Deno.test("changes page: phlb diff's list against the previous snapshot, linked to each file's page, paginated", async () => {
  await withHistoryApp(async (app, fx) => {
    const [run1, run2, run3] = fx.runs;
    const r = await get(app, `/b/Documents/${run3}/changes`);
    assertEquals(r.status, 200);
    assertHtmlIncludes(r.text, `<title>Documents / ${run3}: changes · phlb</title>`);
    const expected = diffSnapshots(
      refOf(fx.root, listSnapshots(fx.root, "Documents")[1], ""),
      refOf(fx.root, listSnapshots(fx.root, "Documents")[2], ""),
    );
    assertEquals(
      [expected.added.length, expected.removed.length, expected.modified.length, expected.moved.length],
      [0, 1, 2, 1],
    );
    assertHtmlIncludes(r.text, `Against <a href="/b/Documents/${run2}/" class="mono">${run2}</a>:`);
    assertHtmlIncludes(r.text, `<strong>0</strong> added (0 B),`);
    assertHtmlIncludes(r.text, `<strong>1</strong> removed (37 B),`);
    assertHtmlIncludes(r.text, `<strong>2</strong> modified, <strong>1</strong> moved,`);
    assertHtmlIncludes(r.text, `${expected.unchanged} unchanged.`);
    // Removed: linked in the snapshot that still holds it; moved: both ends; modified: the new one and its diff.
    assertHtmlIncludes(
      r.text,
      `<a href="/b/Documents/${run2}/files/notes/meeting.txt">notes/meeting.txt</a>`,
    );
    assertHtmlIncludes(
      r.text,
      `<a href="/b/Documents/${run2}/files/photos/img-01.jpg">photos/img-01.jpg</a> → ` +
        `<a href="/b/Documents/${run3}/files/archive/img-01.jpg">archive/img-01.jpg</a>`,
    );
    assertHtmlIncludes(r.text, `<a href="/b/Documents/${run3}/files/report/big.txt">report/big.txt</a>`);
    assertHtmlIncludes(
      r.text,
      `href="/b/Documents/${run3}/files/report/big.txt?a=${run2}&amp;b=${run3}#changes"`,
    );
    // Sorted by path, as phlb diff prints them.
    const order = ["archive/img-01.jpg", "data.bin", "notes/meeting.txt", "report/big.txt"]
      .map((p) => r.text.indexOf(`>${p}</a>`));
    assertEquals([...order].sort((a, b) => a - b), order);
    assert(order[0] > 0);

    // A snapshot's pages link to it; the first snapshot has nothing to compare with.
    assertHtmlIncludes((await get(app, `/b/Documents/${run3}/`)).text, `href="/b/Documents/${run3}/changes"`);
    const first = await get(app, `/b/Documents/${run1}/changes`);
    assertHtmlIncludes(first.text, "This is the first complete snapshot of its name");
    assertEquals((await get(app, `/b/Documents/${run3}/changes/x`)).status, 404);
  });
});

Deno.test("changes page is paginated and escapes the paths it lists", async () => {
  await withHistoryApp(async (app, fx) => {
    const run2 = fx.runs[1];
    const p1 = await get(app, `/b/Documents/${run2}/changes`);
    if (Deno.build.os !== "windows") {
      // The second run added a file whose name holds markup.
      assertHtmlIncludes(p1.text, `&lt;b onmouseover=alert(1)&gt;bold &amp; &#39;quoted&#39;.txt</a>`);
      assertHtmlIncludes(
        p1.text,
        `href="/b/Documents/${run2}/files/${escapeHtml(encodeSegment(MARKUP_NAME))}"`,
      );
      assert(!p1.text.includes("<b onmouseover"), "no markup from a path");
    }
    // And one whose name holds bidi isolates: shown escaped, linked by its bytes.
    assertHtmlIncludes(
      p1.text,
      `<a href="/b/Documents/${run2}/files/notes/%E2%81%A7hidden%E2%81%A9.txt">notes/\\u{2067}hidden\\u{2069}.txt</a>`,
    );
    assert(!/[\u2067\u2069]/.test(p1.text), "no raw bidi control in the page");
    const rows = (t: string) => t.match(/<tr class="(added|removed|modified|moved)">/g)?.length ?? 0;
    const total = rows(p1.text);
    assert(total >= 2, `${total} changes`);
    const paged = createApp({ root: fx.root, changesPageSize: 1 });
    try {
      const one = await get(paged, `/b/Documents/${run2}/changes`);
      assertEquals(rows(one.text), 1);
      assertHtmlIncludes(one.text, `href="/b/Documents/${run2}/changes?page=2" rel="next"`);
      const last = await get(paged, `/b/Documents/${run2}/changes?page=${total}`);
      assertEquals(rows(last.text), 1);
      assert(!last.text.includes(`rel="next"`), "the last page has no next");
      assertHtmlIncludes(last.text, `href="/b/Documents/${run2}/changes?page=${total - 1}" rel="prev"`);
    } finally {
      paged.close();
    }
  });
});

Deno.test("a folder listing shows a name with a bidi control escaped, so it cannot pose as another", async () => {
  await withHistoryApp(async (app, fx) => {
    const r = await get(app, `/b/Documents/${fx.runs[0]}/`);
    assertHtmlIncludes(
      r.text,
      `<a href="/b/Documents/${fx.runs[0]}/files/invoice%E2%80%AEtxt.exe">invoice\\u{202E}txt.exe</a>`,
    );
    assert(!r.text.includes("\u202E"), "no raw bidi control in the page");
  });
});
