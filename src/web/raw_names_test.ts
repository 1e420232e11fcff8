import { assert, assertEquals, assertIncludes } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { skipReason } from "../../tests/fault_helpers.ts";
import { assertHtmlIncludes, get, removeIndex } from "../../tests/serve_app.ts";
import { makeRawNameFixture, RAW_CONTENT, RAW_NAMES_SKIP } from "../../tests/serve_fixture.ts";
import { sha256Hex } from "../fs/hash.ts";
import { createApp } from "./app.ts";
import { formatTime } from "./layout.ts";

Deno.test({
  name:
    "names that are not valid UTF-8: listing with size and mtime, file page, download, search, same content",
  ignore: skipReason("raw names in serve", RAW_NAMES_SKIP),
  fn: async () => {
    await withTempDir(async (dir) => {
      const fx = await makeRawNameFixture(dir);
      const app = createApp({ root: fx.root });
      try {
        const s = `/b/src/${fx.snapId}`;
        const top = await get(app, `${s}/`);
        assertEquals(top.status, 200);
        const row = top.text.slice(top.text.indexOf(`href="${s}/files/bad%FF"`));
        assertHtmlIncludes(row.slice(0, 400), `>bad\\xFF</a>`);
        assertHtmlIncludes(row.slice(0, 400), `<td class="num">${RAW_CONTENT.length} B</td>`);
        assertHtmlIncludes(row.slice(0, 400), `<td class="mono">${formatTime(fx.mtimeMs)}</td>`);
        assertHtmlIncludes(row.slice(0, 400), `href="${s}/raw/bad%FF" download`);
        assertHtmlIncludes(top.text, `<a href="${s}/files/dir%FD/">dir\\xFD/</a>`);
        assert(!top.text.includes("%EF%BF%BD"), "no link names U+FFFD");

        const raw = await get(app, `${s}/raw/bad%FF`);
        assertEquals(raw.status, 200);
        assertEquals(raw.text, RAW_CONTENT);
        assertEquals(raw.headers.get("content-length"), String(RAW_CONTENT.length));
        assertHtmlIncludes(raw.headers.get("content-disposition") ?? "", `filename*=UTF-8''bad%5CxFF`);

        const page = await get(app, `${s}/files/bad%FF`);
        assertEquals(page.status, 200);
        assertIncludes(page.text, `<title>bad\\xFF · phlb</title>`);
        assertIncludes(page.text, `(${RAW_CONTENT.length} bytes)`);
        assertIncludes(page.text, `${sha256Hex(new TextEncoder().encode(RAW_CONTENT))} <span`);
        assertIncludes(page.text, `<pre class="preview">${RAW_CONTENT}</pre>`);
        assertHtmlIncludes(page.text, "(this one)");
        const same = page.text.slice(page.text.indexOf("<h2>Same content"));
        assertHtmlIncludes(same, `href="${s}/files/copy%FE">copy\\xFE</a>`);

        const inner = await get(app, `${s}/files/dir%FD/`);
        assertEquals(inner.status, 200);
        assertHtmlIncludes(inner.text, `href="${s}/files/dir%FD/in%FC.txt">in\\xFC.txt</a>`);
        assertHtmlIncludes(inner.text, `<title>dir\\xFD/ · phlb</title>`);
        assertHtmlIncludes(inner.text, `<span>dir\\xFD</span></nav>`);
        const innerPage = await get(app, `${s}/files/dir%FD/in%FC.txt`);
        assertEquals(innerPage.status, 200);
        assertHtmlIncludes(
          innerPage.text,
          `<a href="${s}/files/dir%FD/">dir\\xFD</a> / <span>in\\xFC.txt</span>`,
        );
        assertEquals((await get(app, `${s}/raw/dir%FD/in%FC.txt`)).text, "inside a raw-named folder\n");
        assertEquals(
          (await get(app, `${s}/raw/dir%FD/plain.txt`)).text,
          "plain name in a raw-named folder\n",
        );

        const search = await get(app, "/search?q=a");
        assertEquals(search.status, 200);
        assertHtmlIncludes(search.text, `href="${s}/files/bad%FF">bad\\xFF</a>`);
        assertHtmlIncludes(search.text, `href="${s}/files/dir%FD/plain.txt">dir\\xFD/plain.txt</a>`);

        // The U+FFFD spelling names no file, and escaped bytes hide no traversal.
        for (
          const path of [
            `${s}/raw/bad%EF%BF%BD`,
            `${s}/raw/dir%FD/..%2F..%2F..%2F.phlb%2Findex.sqlite`,
            `${s}/raw/dir%FD/%2e%2e/%2e%2e/src.sha256`,
            `${s}/raw/%FF%2F..%2F..%2Fsrc.sha256`,
            `${s}/raw/dir%FD%2F..%2F..%2F..%2F.phlb%2Findex.sqlite`,
            `${s}/raw/dir%FD%5C..%5C..%5Csrc.sha256`,
            `${s}/raw/bad%FF%00`,
            `${s}/raw/%c0%ae%c0%ae/src.sha256`,
          ]
        ) {
          assertEquals((await get(app, path)).status, 404, path);
        }
      } finally {
        app.close();
      }
    });
  },
});

Deno.test({
  name: "names that are not valid UTF-8 without the index: history and hash come from the folders",
  ignore: skipReason("raw names in serve, no index", RAW_NAMES_SKIP),
  fn: async () => {
    await withTempDir(async (dir) => {
      const fx = await makeRawNameFixture(dir);
      removeIndex(fx.root);
      const app = createApp({ root: fx.root });
      try {
        const page = await get(app, `/b/src/${fx.snapId}/files/dir%FD/in%FC.txt`);
        assertEquals(page.status, 200);
        assertHtmlIncludes(page.text, "(from the manifest)");
        const history = page.text.slice(page.text.indexOf("<h2>History</h2>"));
        assertHtmlIncludes(history, `href="/b/src/${fx.snapId}/files/dir%FD/in%FC.txt">${fx.snapId}</a>`);
        assertHtmlIncludes(history, "first seen");
      } finally {
        app.close();
      }
    });
  },
});
