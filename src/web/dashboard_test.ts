import { assert, assertEquals } from "../../tests/assert.ts";
import {
  assertHtmlIncludes,
  get,
  removeIndex,
  section,
  snapUrl,
  withApp,
  withHistoryApp,
} from "../../tests/serve_app.ts";
import { listRoot } from "../list/list.ts";
import { formatBytes } from "../report/format.ts";
import { MIN_BAR_PX } from "./chart.ts";

Deno.test("dashboard lists each backup name with last run, state, count and a chart", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, "/");
    assertEquals(r.status, 200);
    assertEquals(r.headers.get("content-type"), "text/html; charset=utf-8");
    assertHtmlIncludes(r.text, `<a href="/b/src/">src</a>`);
    assertHtmlIncludes(r.text, `href="/b/src/${fx.second}/"`);
    assertHtmlIncludes(r.text, `<span class="badge ok">ok</span>`);
    assert(!r.text.includes(">stale<"), "a fresh backup is not stale");
    assertHtmlIncludes(r.text, `<svg class="chart"`);
    // One bar and one dot per run, each with a tooltip naming the run.
    assertEquals(r.text.match(/<rect class="chart-new"/g)?.length, 2);
    assertHtmlIncludes(r.text, `<title>${fx.first} (`);
    assertHtmlIncludes(r.text, `<title>${fx.second} (`);
    assert(!r.text.includes('class="note"'), "no index note while the index is there");
  });
});

Deno.test("dashboard flags a backup stale when its newest complete snapshot is older than --stale-days", async () => {
  await withApp(async (app) => {
    const r = await get(app, "/");
    assertHtmlIncludes(r.text, `>stale</span>`);
    assertHtmlIncludes(r.text, "older than 3 days");
  }, { staleDays: 3, now: () => Date.now() + 4 * 86_400_000 });
});

Deno.test("dashboard shows errors of the last run and an unfinished run", async () => {
  await withApp(async (app, fx) => {
    // Tamper the last summary as a run with errors would have written it; and leave a .partial.
    const summaryPath = `${fx.root}/src/${fx.second}.summary.json`;
    const s = JSON.parse(Deno.readTextFileSync(summaryPath));
    s.errors = 2;
    Deno.writeTextFileSync(summaryPath, JSON.stringify(s));
    Deno.removeSync(`${fx.root}/.phlb`, { recursive: true });
    Deno.mkdirSync(`${fx.root}/src/2026-01-05-100000.partial`);
    const r = await get(app, "/");
    assertHtmlIncludes(r.text, ">2 errors</a>");
    assertHtmlIncludes(r.text, "last run unfinished");
    const list = await get(app, "/b/src/");
    assertHtmlIncludes(list.text, ">unfinished</span>");
    // An unfinished snapshot can be browsed too (it is empty here).
    const partial = await get(app, "/b/src/2026-01-05-100000/");
    assertEquals(partial.status, 200);
    assertHtmlIncludes(partial.text, "This folder is empty.");
  });
});

Deno.test("a damaged index is reported on the page, and the folders are still browsable", async () => {
  await withApp(async (app, fx) => {
    removeIndex(fx.root);
    Deno.writeTextFileSync(
      `${fx.root}/.phlb/index.sqlite`,
      "this is not a database, just some text ".repeat(200),
    );
    const dash = await get(app, "/");
    assertEquals(dash.status, 200);
    assertHtmlIncludes(dash.text, "The index cannot be read");
    assertEquals((await get(app, `${snapUrl(fx)}/files/docs/`)).status, 200);
  });
});

Deno.test("dashboard shows the root's space as phlb list totals it, and each name's on-disk and newest unique bytes", async () => {
  await withHistoryApp(async (app, fx) => {
    const r = await get(app, "/");
    assertEquals(r.status, 200);
    const list = listRoot({ root: fx.root });
    assert(list.total.dedupRatio! > 1.5, `the fixture dedupes: ${list.total.dedupRatio}`);
    const space = section(r.text, `<dl class="space">`, "</dl>");
    assertHtmlIncludes(space, `<dt>on disk</dt><dd>${formatBytes(list.total.onDiskBytes)}</dd>`);
    assertHtmlIncludes(space, `<dt>apparent size</dt><dd>${formatBytes(list.total.apparentBytes)}</dd>`);
    assertHtmlIncludes(space, `<dt>dedup ratio</dt><dd>${list.total.dedupRatio!.toFixed(2)}×</dd>`);
    assertHtmlIncludes(space, `<dt>snapshots</dt><dd>5</dd>`);
    assertEquals(list.names.map((n) => n.name), ["Documents", "Photos"]);
    for (const n of list.names) {
      const row = section(r.text, `<a href="/b/${n.name}/">`, "</tr>");
      assertHtmlIncludes(row, `data-label="on disk">${formatBytes(n.onDiskBytes)}</td>`);
      const newest = n.snapshots[n.snapshots.length - 1];
      assertHtmlIncludes(row, `data-label="newest unique">${formatBytes(newest.uniqueBytes!)}</td>`);
    }
    // Documents' newest run rewrote the 1 MiB report: that is what deleting it alone frees.
    assertEquals(list.names[0].snapshots[2].uniqueBytes! >= 1 << 20, true);
  });
});

Deno.test("dashboard chart: new bytes on a log scale, so a run of some bytes beside a 2 MiB first run is a visible bar", async () => {
  await withHistoryApp(async (app) => {
    const r = await get(app, "/");
    const chart = section(section(r.text, `<a href="/b/Documents/">`, "</tr>"), "<svg", "</svg>");
    const bars = [...chart.matchAll(/<rect class="chart-new"[^>]* height="([\d.]+)">\s*<title>([^<]*)</g)]
      .map((m) => ({ height: Number(m[1]), tip: m[2] }));
    assertEquals(bars.length, 3);
    assertHtmlIncludes(bars[0].tip, "2.0 MiB new");
    assert(/ \d+ B new$/.test(bars[1].tip), bars[1].tip);
    // Linear, 150 B of 2 MiB would be 0.002 px; on the log scale it is a third of the first bar.
    assert(bars[1].height >= MIN_BAR_PX && bars[1].height > bars[0].height / 4, JSON.stringify(bars));
    assertHtmlIncludes(chart, "new, log scale ≤ 2.0 MiB");
    // Runs of two days: both ends with their time.
    assertHtmlIncludes(chart, ">2026-03-02 09:00</text>");
    assertHtmlIncludes(chart, ">2026-03-03 09:00</text>");
  });
});

Deno.test("names with bidi controls or markup are shown escaped on the dashboard and in titles", async () => {
  await withApp(async (app, fx) => {
    Deno.mkdirSync(`${fx.root}/txt\u202Eexe.doc`);
    const markup = Deno.build.os === "windows" ? undefined : "<i onclick=x>name";
    if (markup) Deno.mkdirSync(`${fx.root}/${markup}`);
    const r = await get(app, "/");
    assertHtmlIncludes(r.text, `>txt\\u{202E}exe.doc</a>`);
    assert(!r.text.includes("\u202E"), "no raw bidi control in the page");
    const page = await get(app, `/b/${encodeURIComponent("txt\u202Eexe.doc")}/`);
    assertEquals(page.status, 200);
    assertHtmlIncludes(page.text, `<title>txt\\u{202E}exe.doc · phlb</title>`);
    assertHtmlIncludes(page.text, `<h1>txt\\u{202E}exe.doc</h1>`);
    if (markup) {
      assertHtmlIncludes(r.text, `>&lt;i onclick=x&gt;name</a>`);
      assert(!r.text.includes("<i onclick"), "no markup from a name");
    }
  });
});
