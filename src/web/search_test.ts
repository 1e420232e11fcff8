import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { assertHtmlIncludes, get, withHistoryApp } from "../../tests/serve_app.ts";
import { makeServeFixture } from "../../tests/serve_fixture.ts";
import { createApp } from "./app.ts";

Deno.test("search finds file names across snapshots, literally, one row per path, paginated", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const app = createApp({ root: fx.root, searchPageSize: 1 });
    try {
      const r = await get(app, "/search?q=REPORT");
      assertEquals(r.status, 200);
      // Case-insensitive; report.txt is in both snapshots but one row.
      assertHtmlIncludes(r.text, `href="/b/src/${fx.second}/files/docs/copy-of-report.txt"`);
      assertHtmlIncludes(r.text, "?q=REPORT&amp;page=2");
      const p2 = await get(app, "/search?q=REPORT&page=2");
      assertHtmlIncludes(p2.text, `href="/b/src/${fx.second}/files/docs/report.txt"`);
      assertHtmlIncludes(p2.text, `<td class="num">2</td>`);
      assert(!p2.text.includes("page=3"), "two hits, two pages");
      // % and _ are literal, not wildcards.
      const pct = await get(app, "/search?q=%25%20_");
      assertHtmlIncludes(pct.text, "100% _raw_.txt");
      const none = await get(app, "/search?q=_x_");
      assertHtmlIncludes(none.text, "No file name contains");
      const nameFilter = await get(app, "/search?q=report&name=other");
      assertHtmlIncludes(nameFilter.text, "copy-of-report.txt");
      const form = await get(app, "/search");
      assertHtmlIncludes(form.text, `<input type="search" name="q" value=""`);
      const xss = await get(app, `/search?q=${encodeURIComponent('"><script>x</script>')}`);
      assertHtmlIncludes(xss.text, `value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"`);
      assert(!xss.text.includes("<script>x"), "the query is escaped");
    } finally {
      app.close();
    }
  });
});

Deno.test("search says how many paths match, and has one search box, the header's, with the backup filter", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const app = createApp({ root: fx.root, searchPageSize: 1 });
    try {
      const r = await get(app, "/search?q=REPORT");
      assertHtmlIncludes(
        r.text,
        `<p class="count"><strong>2</strong> paths contain <strong>REPORT</strong>; 1–1 shown.</p>`,
      );
      const p2 = await get(app, "/search?q=REPORT&page=2");
      assertHtmlIncludes(p2.text, `<strong>2</strong> paths contain <strong>REPORT</strong>; 2–2 shown.`);
      const one = await get(app, "/search?q=notes&name=src");
      assertHtmlIncludes(
        one.text,
        `<strong>1</strong> path contains <strong>notes</strong> in <strong>src</strong>.`,
      );
      const none = await get(app, "/search?q=nothing-like-it");
      assertHtmlIncludes(none.text, "No file name contains <strong>nothing-like-it</strong>.");
      // One box: the header's form holds the query and the backup filter, and the page has no other.
      assertEquals(r.text.match(/name="q"/g)?.length, 1);
      const header = r.text.slice(r.text.indexOf(`<header class="top">`), r.text.indexOf("</header>"));
      assertHtmlIncludes(header, `<input type="search" name="q" value="REPORT"`);
      assertHtmlIncludes(header, `<select name="name" aria-label="backup name">`);
      assertHtmlIncludes(header, `<option value="src" >src</option>`);
      const filtered = await get(app, "/search?q=report&name=src");
      assertHtmlIncludes(filtered.text, `<option value="src" selected>src</option>`);
      // Other pages have the box without the filter.
      assert(!(await get(app, "/")).text.includes(`<select name="name"`));
    } finally {
      app.close();
    }
  });
});

Deno.test("search results show a name with a bidi control escaped", async () => {
  await withHistoryApp(async (app, fx) => {
    const r = await get(app, "/search?q=invoice");
    assertHtmlIncludes(r.text, `<strong>1</strong> path contains`);
    assertHtmlIncludes(
      r.text,
      `href="/b/Documents/${fx.runs[2]}/files/invoice%E2%80%AEtxt.exe">invoice\\u{202E}txt.exe</a>`,
    );
    assert(!r.text.includes("\u202E"), "no raw bidi control in the page");
  });
});
