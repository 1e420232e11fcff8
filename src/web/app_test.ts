import { assert, assertEquals, assertIncludes } from "../../tests/assert.ts";
import { openFdsUnder, symlinkSkipReason, symlinkSync, withTempDir } from "../../tests/helpers.ts";
import { skipReason } from "../../tests/fault_helpers.ts";
import {
  FIXTURE_SYMLINKS,
  makeRawNameFixture,
  makeServeFixture,
  NAMES,
  RAW_CONTENT,
  RAW_NAMES_SKIP,
  REPORT_V2,
  type ServeFixture,
} from "../../tests/serve_fixture.ts";
import { sha256Hex } from "../fs/hash.ts";
import { BackupIndex } from "../index/index.ts";
import { type App, contentDisposition, createApp } from "./app.ts";
import { escapeHtml } from "./html.ts";
import { formatTime } from "./pages.ts";

const BASE = "http://phlb.test";

interface Got {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
}

async function get(app: App, path: string, init: RequestInit = {}): Promise<Got> {
  const r = app.handle(new Request(BASE + path, init));
  const bytes = new Uint8Array(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, text: new TextDecoder().decode(bytes), bytes };
}

/** Runs `fn` with a two-snapshot fixture and an app over it. */
async function withApp(
  fn: (app: App, fx: ServeFixture, dir: string) => Promise<void>,
  options: { staleDays?: number; now?: () => number } = {},
): Promise<void> {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const app = createApp({ root: fx.root, ...options });
    try {
      await fn(app, fx, dir);
    } finally {
      app.close();
    }
  });
}

function snap(fx: ServeFixture, id = fx.second): string {
  return `/b/src/${id}`;
}

Deno.test("dashboard lists each backup name with last run, state, count and a chart", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, "/");
    assertEquals(r.status, 200);
    assertEquals(r.headers.get("content-type"), "text/html; charset=utf-8");
    assertIncludes(r.text, `<a href="/b/src/">src</a>`);
    assertIncludes(r.text, `href="/b/src/${fx.second}/"`);
    assertIncludes(r.text, `<span class="badge ok">ok</span>`);
    assert(!r.text.includes(">stale<"), "a fresh backup is not stale");
    assertIncludes(r.text, `<svg class="chart"`);
    // One bar and one dot per run, each with a tooltip naming the run.
    assertEquals(r.text.match(/<rect class="chart-new"/g)?.length, 2);
    assertIncludes(r.text, `<title>${fx.first}: `);
    assertIncludes(r.text, `<title>${fx.second}: `);
    assert(!r.text.includes('class="note"'), "no index note while the index is there");
  });
});

Deno.test("dashboard flags a backup stale when its newest complete snapshot is older than --stale-days", async () => {
  await withApp(async (app) => {
    const r = await get(app, "/");
    assertIncludes(r.text, `>stale</span>`);
    assertIncludes(r.text, "older than 3 days");
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
    assertIncludes(r.text, ">2 errors</a>");
    assertIncludes(r.text, "last run unfinished");
    const list = await get(app, "/b/src/");
    assertIncludes(list.text, ">unfinished</span>");
    // An unfinished snapshot can be browsed too (it is empty here).
    const partial = await get(app, "/b/src/2026-01-05-100000/");
    assertEquals(partial.status, 200);
    assertIncludes(partial.text, "This folder is empty.");
  });
});

Deno.test("snapshot list shows the figures of phlb list for every snapshot, newest first", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, "/b/src/");
    assertEquals(r.status, 200);
    const second = r.text.indexOf(`>${fx.second}</a>`);
    const first = r.text.indexOf(`>${fx.first}</a>`);
    assert(second > 0 && first > second, "both snapshots, newest first");
    const summary = JSON.parse(Deno.readTextFileSync(`${fx.root}/src/${fx.second}.summary.json`));
    const row = r.text.slice(second, first);
    assertIncludes(row, `<td class="num">${summary.files}</td>`);
    assertIncludes(row, `href="/b/src/${fx.second}/log"`);
    assertIncludes(row, "complete");
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
    assertIncludes(row, `<td class="num">7</td>`);
  });
});

Deno.test("a snapshot's top folder lists folders first, symlinks with their target, and escapes names", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, `${snap(fx)}/`);
    assertEquals(r.status, 200);
    assertEquals((await get(app, `${snap(fx)}/files/`)).text, r.text);
    const docs = r.text.indexOf(">docs/</a>");
    const report = r.text.indexOf("café");
    assert(docs > 0 && report > docs, "folders before files");
    assertIncludes(r.text, `href="/b/src/${fx.second}/files/${NAMES.quotedHref}"`);
    assertIncludes(r.text, NAMES.quotedHtml);
    if (FIXTURE_SYMLINKS) assertIncludes(r.text, "→ /etc/passwd");
    if (NAMES.backslash) assertIncludes(r.text, "a backslash in the name: not served");
    const web = await get(app, `${snap(fx)}/files/web/`);
    assertIncludes(web.text, NAMES.markupHtml);
    assertIncludes(web.text, `href="/b/src/${fx.second}/files/web/${NAMES.markupHref}"`);
    assert(!web.text.includes("<img") && !web.text.includes("' onmouseover"), "no user markup in the page");
    const page = await get(app, `${snap(fx)}/files/web/${encodeURIComponent(NAMES.markup)}`);
    assertIncludes(
      page.text,
      "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;&lt;h1&gt;user html&lt;/h1&gt;",
    );
    assert(!page.text.includes("<script>") && !page.text.includes("<h1>user"), "the preview is escaped");
    const empty = await get(app, `${snap(fx)}/files/empty/`);
    assertIncludes(empty.text, "This folder is empty.");
  });
});

Deno.test("a folder listing is paginated", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const app = createApp({ root: fx.root, listingPageSize: 3 });
    try {
      const p1 = await get(app, `${snap(fx)}/`);
      assertIncludes(p1.text, `href="/b/src/${fx.second}/?page=2"`);
      const p2 = await get(app, `${snap(fx)}/?page=2`);
      assertIncludes(p2.text, "page 2");
      assertIncludes(p2.text, `href="/b/src/${fx.second}/" rel="prev"`);
      assertIncludes(p2.text, `href="/b/src/${fx.second}/?page=3" rel="next"`);
    } finally {
      app.close();
    }
  });
});

Deno.test("a file page shows size, mtime, hash, preview, history with the change, and same content", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, `${snap(fx)}/files/docs/report.txt`);
    assertEquals(r.status, 200);
    const hash = sha256Hex(new TextEncoder().encode(REPORT_V2));
    assertIncludes(r.text, `${hash} <span class="muted">(from the index)</span>`);
    assertIncludes(r.text, `(${REPORT_V2.length} bytes)`);
    // The preview is the exact text, escaped, and the formatter left the <pre> alone.
    assertIncludes(
      r.text,
      `<pre class="preview">${escapeHtml(REPORT_V2)}</pre>`,
    );
    const history = r.text.slice(r.text.indexOf("<h2>History</h2>"), r.text.indexOf("<h2>Same content"));
    assertIncludes(history, `href="/b/src/${fx.first}/files/docs/report.txt"`);
    assertIncludes(history, "first seen");
    assertIncludes(history, "changed");
    assertIncludes(history, "(this one)");
    const same = r.text.slice(r.text.indexOf("<h2>Same content"));
    assertIncludes(same, `href="/b/src/${fx.second}/files/docs/copy-of-report.txt"`);
    assertIncludes(r.text, `href="/b/src/${fx.second}/raw/docs/report.txt" download`);
    // Unchanged file: "same" in its history.
    const notes = await get(app, `${snap(fx)}/files/docs/notes.md`);
    assertIncludes(notes.text, `<span class="muted">same</span>`);
    // Binary: no preview.
    const bin = await get(app, `${snap(fx)}/files/bin/data.bin`);
    assertIncludes(bin.text, "not small UTF-8 text");
  });
});

Deno.test({
  name: "a symlink is shown with its target text and never followed",
  ignore: skipReason("symlinks in serve", FIXTURE_SYMLINKS ? undefined : symlinkSkipReason()),
  fn: async () => {
    await withApp(async (app, fx) => {
      const out = await get(app, `${snap(fx)}/files/link-out`);
      assertEquals(out.status, 200);
      assertIncludes(out.text, `<dd class="mono">/etc/passwd</dd>`);
      assert(!out.text.includes("root:x:0"), "the target is not read");
      const dirlink = await get(app, `${snap(fx)}/files/dirlink/`);
      assertIncludes(dirlink.text, `<dd class="mono">docs</dd>`);
      for (
        const path of [
          "raw/link-out",
          "raw/link-up",
          "files/link-up/passwd",
          "raw/link-up/passwd",
          "files/dirlink/report.txt",
          "raw/dirlink/report.txt",
        ]
      ) {
        assertEquals((await get(app, `${snap(fx)}/${path}`)).status, 404, path);
      }
    });
  },
});

Deno.test("downloads are octet-stream attachments with an RFC 6266 name and the exact bytes", async () => {
  await withApp(async (app, fx, dir) => {
    // A user's HTML file is never rendered: octet-stream, attachment, nosniff, sandboxed.
    const webName = NAMES.markup;
    const w = await get(app, `${snap(fx)}/raw/web/${encodeURIComponent(webName)}`);
    assertEquals(w.status, 200);
    assertEquals(w.headers.get("content-type"), "application/octet-stream");
    assertEquals(w.headers.get("x-content-type-options"), "nosniff");
    assertEquals(w.headers.get("content-security-policy"), "default-src 'none'; sandbox");
    assertEquals(w.headers.get("content-disposition"), NAMES.markupDisposition);
    assertEquals(w.text, Deno.readTextFileSync(`${dir}/src/web/${webName}`));
    const u = await get(app, `${snap(fx)}/raw/${encodeURIComponent(NAMES.quoted)}`);
    assertEquals(u.headers.get("content-disposition"), NAMES.quotedDisposition);
    const bin = await get(app, `${snap(fx)}/raw/bin/data.bin`);
    assertEquals(bin.bytes, new Uint8Array([0, 1, 2, 255, 254, 0, 10]));
    assertEquals(bin.headers.get("content-length"), "7");
    const head = await get(app, `${snap(fx)}/raw/bin/data.bin`, { method: "HEAD" });
    assertEquals(head.status, 200);
    assertEquals(head.bytes.length, 0);
    assertEquals(head.headers.get("content-length"), "7");
    assertEquals((await get(app, `${snap(fx)}/raw/docs`)).status, 404, "a folder is not a download");
    assertEquals((await get(app, `${snap(fx)}/raw/`)).status, 404);
  });
});

Deno.test("contentDisposition keeps the exact name in filename* and a safe ASCII fallback", () => {
  assertEquals(contentDisposition("a.txt"), `attachment; filename="a.txt"; filename*=UTF-8''a.txt`);
  assertEquals(
    contentDisposition(`x"\\%;\r\n.txt`),
    `attachment; filename="x___;__.txt"; filename*=UTF-8''x%22%5C%25%3B%0D%0A.txt`,
  );
  assertEquals(
    contentDisposition("日本.txt"),
    `attachment; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`,
  );
  assertEquals(
    contentDisposition("it's (1)*"),
    `attachment; filename="it's (1)*"; filename*=UTF-8''it%27s%20%281%29%2A`,
  );
  assertEquals(contentDisposition("ü"), `attachment; filename="_"; filename*=UTF-8''%C3%BC`);
  assertEquals(contentDisposition(" "), `attachment; filename="download"; filename*=UTF-8''%20`);
});

Deno.test("the run log page shows the summary and the log lines", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, `${snap(fx)}/log`);
    assertEquals(r.status, 200);
    assertIncludes(r.text, "<h2>Summary</h2>");
    assertIncludes(r.text, `<a href="/b/src/${fx.second}/">browse the files</a>`);
    assertIncludes(r.text, "<dt>files</dt>");
    assertIncludes(r.text, `<dd>${Deno.realPathSync(fx.src)}</dd>`);
    assertIncludes(r.text, `INFO complete: `);
    assertIncludes(r.text, `<pre class="log">`);
    assert(!r.text.includes('class="ERROR"'), "a clean run has no error lines");
    // Error lines are marked; their text is escaped.
    Deno.writeTextFileSync(
      `${fx.root}/src/${fx.second}.log`,
      `2026-01-03T09:00:00.000Z ERROR "a<b>.txt": cannot back up: denied\n`,
      { append: true },
    );
    const again = await get(app, `${snap(fx)}/log`);
    assertIncludes(
      again.text,
      `<span class="ERROR">2026-01-03T09:00:00.000Z ERROR &quot;a&lt;b&gt;.txt&quot;: cannot back up: denied</span>`,
    );
    assertEquals((await get(app, `${snap(fx)}/log/x`)).status, 404);
  });
});

Deno.test("search finds file names across snapshots, literally, one row per path, paginated", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const app = createApp({ root: fx.root, searchPageSize: 1 });
    try {
      const r = await get(app, "/search?q=REPORT");
      assertEquals(r.status, 200);
      // Case-insensitive; report.txt is in both snapshots but one row.
      assertIncludes(r.text, `href="/b/src/${fx.second}/files/docs/copy-of-report.txt"`);
      assertIncludes(r.text, "?q=REPORT&amp;page=2");
      const p2 = await get(app, "/search?q=REPORT&page=2");
      assertIncludes(p2.text, `href="/b/src/${fx.second}/files/docs/report.txt"`);
      assertIncludes(p2.text, `<td class="num">2</td>`);
      assert(!p2.text.includes("page=3"), "two hits, two pages");
      // % and _ are literal, not wildcards.
      const pct = await get(app, "/search?q=%25%20_");
      assertIncludes(pct.text, "100% _raw_.txt");
      const none = await get(app, "/search?q=_x_");
      assertIncludes(none.text, "No file name contains");
      const nameFilter = await get(app, "/search?q=report&name=other");
      assertIncludes(nameFilter.text, "copy-of-report.txt");
      const form = await get(app, "/search");
      assertIncludes(form.text, `<input type="search" name="q" value=""`);
      const xss = await get(app, `/search?q=${encodeURIComponent('"><script>x</script>')}`);
      assertIncludes(xss.text, `value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"`);
      assert(!xss.text.includes("<script>x"), "the query is escaped");
    } finally {
      app.close();
    }
  });
});

Deno.test("without an index the pages come from the folders and say to run phlb add", async () => {
  await withApp(async (app, fx) => {
    for (const f of Deno.readDirSync(`${fx.root}/.phlb`)) {
      if (f.name.startsWith("index.sqlite")) Deno.removeSync(`${fx.root}/.phlb/${f.name}`);
    }
    const dash = await get(app, "/");
    assertEquals(dash.status, 200);
    assertIncludes(dash.text, "Run <code>phlb add</code> to build it.");
    assertIncludes(dash.text, `href="/b/src/${fx.second}/"`);
    const list = await get(app, "/b/src/");
    assertIncludes(list.text, `>${fx.first}</a>`);
    const file = await get(app, `${snap(fx)}/files/docs/report.txt`);
    assertIncludes(file.text, "(from the manifest)");
    assertIncludes(file.text, "without the index a change means a different size or modification time");
    assertIncludes(file.text, "changed");
    const search = await get(app, "/search?q=report");
    assertIncludes(search.text, "Search needs the index.");
    assertEquals((await get(app, `${snap(fx)}/raw/docs/report.txt`)).text, REPORT_V2);
  });
});

Deno.test("a damaged index is reported on the page, and the folders are still browsable", async () => {
  await withApp(async (app, fx) => {
    for (const f of Deno.readDirSync(`${fx.root}/.phlb`)) {
      if (f.name.startsWith("index.sqlite")) Deno.removeSync(`${fx.root}/.phlb/${f.name}`);
    }
    Deno.writeTextFileSync(
      `${fx.root}/.phlb/index.sqlite`,
      "this is not a database, just some text ".repeat(200),
    );
    const dash = await get(app, "/");
    assertEquals(dash.status, 200);
    assertIncludes(dash.text, "The index cannot be read");
    assertEquals((await get(app, `${snap(fx)}/files/docs/`)).status, 200);
  });
});

Deno.test("only GET and HEAD are answered; everything carries nosniff and a restrictive CSP", async () => {
  await withApp(async (app, fx) => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await get(app, "/", { method });
      assertEquals(r.status, 405, method);
      assertEquals(r.headers.get("allow"), "GET, HEAD");
    }
    for (const path of ["/", "/b/src/", `${snap(fx)}/`, "/search?q=a", "/nope", "/static/style.css"]) {
      const r = await get(app, path);
      assertEquals(r.headers.get("x-content-type-options"), "nosniff", path);
      const csp = r.headers.get("content-security-policy") ?? "";
      assertIncludes(csp, "default-src 'none'", path);
      assert(!csp.includes("unsafe-inline") && !csp.includes("script-src"), `${path}: no scripts allowed`);
    }
    const css = await get(app, "/static/style.css");
    assertEquals(css.headers.get("content-type"), "text/css; charset=utf-8");
    const head = await get(app, "/", { method: "HEAD" });
    assertEquals(head.status, 200);
    assertEquals(head.bytes.length, 0);
  });
});

Deno.test("with an allowed-host list, other Host headers are refused (DNS rebinding)", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const app = createApp({ root: fx.root, allowedHosts: ["127.0.0.1:8484"] });
    try {
      assertEquals((await get(app, "/", { headers: { host: "evil.example" } })).status, 403);
      assertEquals((await get(app, "/", { headers: { host: "127.0.0.1:8484" } })).status, 200);
      assertEquals((await get(app, "/", { headers: { host: "localhost:8484" } })).status, 403);
      // Without a Host header (HTTP/2 puts it in the URL) the URL's authority counts.
      const ok = app.handle(new Request("http://127.0.0.1:8484/"));
      assertEquals(ok.status, 200);
      await ok.body?.cancel();
    } finally {
      app.close();
    }
  });
});

Deno.test("traversal and encoded variants in every path parameter are refused with 404", async () => {
  await withApp(async (app, fx) => {
    const s = snap(fx);
    const bad = [
      // `new Request` folds literal and %2e dot segments (the raw-socket test below sends them as
      // they are); what is left of these must not match anything either.
      `${s}/raw/../../../.phlb/index.sqlite`,
      `${s}/raw/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      `/b/src/%2e%2e/`,
      // Encoded slashes, backslashes, NUL, double encoding, absolute paths.
      `${s}/raw/..%2f..%2f..%2f.phlb%2findex.sqlite`,
      `${s}/raw/%2fetc%2fpasswd`,
      `${s}/raw//etc/passwd`,
      `${s}/files//etc/`,
      `${s}/raw/..%5c..%5c.phlb%5cindex.sqlite`,
      `${s}/raw/docs%5creport.txt`,
      `${s}/raw/docs/report.txt%00`,
      `${s}/raw/docs/report.txt%00.png`,
      `${s}/raw/%252e%252e/%252e%252e/src.sha256`,
      `${s}/raw/docs%252freport.txt`,
      `${s}/raw/%c0%ae%c0%ae/x`,
      `${s}/raw/%`,
      `/b/src%2f${fx.second}/`,
      `/b/${encodeURIComponent("../src")}/`,
      `/b/src/${fx.second}.partial/`,
      `/b/src/${encodeURIComponent(`../../${fx.root}`)}/`,
      `/b/.phlb/`,
      `/b/src/.phlb/`,
      `/static/%2e%2e%2fstyle.css`,
      `/b/src/${fx.second}/raw/back%5Cslash.txt`,
      `/b/src/${fx.second}/nope/docs/report.txt`,
    ];
    for (const path of bad) assertEquals((await get(app, path)).status, 404, path);
  });
});

/** Sends a raw request target over a socket (no URL normalization on the way) and returns the status. */
async function rawStatus(port: number, target: string): Promise<number> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(
      new TextEncoder().encode(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    let text = "";
    const buf = new Uint8Array(16384);
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  } finally {
    conn.close();
  }
}

Deno.test("traversal sent raw over a socket (.., %2e%2e, backslashes) is refused with 404", async () => {
  await withApp(async (app, fx) => {
    const ac = new AbortController();
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, signal: ac.signal, onListen: () => {} },
      app.handle,
    );
    try {
      const s = snap(fx);
      const port = server.addr.port;
      assertEquals(await rawStatus(port, `${s}/raw/docs/report.txt`), 200, "the control request works");
      for (
        const target of [
          `${s}/raw/../../../.phlb/index.sqlite`,
          `${s}/raw/docs/../../${fx.first}/docs/report.txt`,
          `${s}/files/../../`,
          `${s}/raw/./docs/report.txt`,
          `${s}/raw/%2e%2e/%2e%2e/src.sha256`,
          `${s}/raw/%2E%2E/%2e./.phlb/index.sqlite`,
          `${s}/raw/.%2e/${fx.first}/docs/report.txt`,
          `${s}\\..\\..\\.phlb\\index.sqlite`,
          `${s}/raw/docs\\report.txt`,
          `${s}/raw/..\\..\\.phlb\\index.sqlite`,
          `/b/src/../../etc/passwd`,
          `/b/../`,
          `/b/src/${fx.second}/raw/%2e%2e%2f%2e%2e%2fsrc.sha256`,
          `/b/src/${fx.second}/raw/%252e%252e/src.sha256`,
          `//etc/passwd`,
        ]
      ) {
        assertEquals(await rawStatus(port, target), 404, target);
      }
    } finally {
      ac.abort();
      await server.finished;
    }
  });
});

Deno.test({
  name: "a snapshot folder that is a symlink pointing outside the root is not served",
  ignore: skipReason("symlinked snapshot folder", symlinkSkipReason()),
  fn: async () => {
    await withApp(async (app, fx, dir) => {
      Deno.mkdirSync(`${dir}/outside`);
      Deno.writeTextFileSync(`${dir}/outside/secret.txt`, "secret");
      symlinkSync(`${dir}/outside`, `${fx.root}/src/2030-01-01-000000`, "dir");
      assertEquals((await get(app, "/b/src/2030-01-01-000000/")).status, 404);
      assertEquals((await get(app, "/b/src/2030-01-01-000000/raw/secret.txt")).status, 404);
      symlinkSync(`${dir}/outside`, `${fx.root}/evil`, "dir");
      assertEquals((await get(app, "/b/evil/")).status, 404, "a symlinked backup name is not listed");
    });
  },
});

Deno.test("serving every page writes nothing: index bytes and snapshot folders are unchanged", async () => {
  await withApp(async (app, fx) => {
    const indexPath = `${fx.root}/.phlb/index.sqlite`;
    const before = sha256Hex(Deno.readFileSync(indexPath));
    const snapMtime = Deno.statSync(`${fx.root}/src/${fx.second}`).mtime?.getTime();
    const s = snap(fx);
    for (
      const path of [
        "/",
        "/b/src/",
        `${s}/`,
        `${s}/files/docs/`,
        `${s}/files/docs/report.txt`,
        `${s}/raw/docs/report.txt`,
        `${s}/log`,
        "/search?q=report",
      ]
    ) {
      assertEquals((await get(app, path)).status, 200, path);
    }
    app.close();
    assertEquals(sha256Hex(Deno.readFileSync(indexPath)), before);
    assertEquals(Deno.statSync(`${fx.root}/src/${fx.second}`).mtime?.getTime(), snapMtime);
    const names = [...Deno.readDirSync(`${fx.root}/src`)].map((e) => e.name).sort();
    assertEquals(names.length, 8, `two snapshots and their three sidecars each: ${names.join(", ")}`);
  });
});

Deno.test("unknown routes are 404", async () => {
  await withApp(async (app, fx) => {
    for (
      const path of [
        "/nope",
        "/b",
        "/b/",
        "/static/other.css",
        `${snap(fx)}/files/docs/missing.txt`,
        `/b/src/2099-01-01-000000/`,
      ]
    ) {
      assertEquals((await get(app, path)).status, 404, path);
    }
  });
});

Deno.test("contentDisposition offers a name that is not valid UTF-8 as it is shown, \\xFF", () => {
  assertEquals(
    contentDisposition("bad\uDCFF"),
    `attachment; filename="bad_xFF"; filename*=UTF-8''bad%5CxFF`,
  );
});

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
        assertIncludes(row.slice(0, 400), `>bad\\xFF</a>`);
        assertIncludes(row.slice(0, 400), `<td class="num">${RAW_CONTENT.length} B</td>`);
        assertIncludes(row.slice(0, 400), `<td class="mono">${formatTime(fx.mtimeMs)}</td>`);
        assertIncludes(row.slice(0, 400), `href="${s}/raw/bad%FF" download`);
        assertIncludes(top.text, `<a href="${s}/files/dir%FD/">dir\\xFD/</a>`);
        assert(!top.text.includes("%EF%BF%BD"), "no link names U+FFFD");

        const raw = await get(app, `${s}/raw/bad%FF`);
        assertEquals(raw.status, 200);
        assertEquals(raw.text, RAW_CONTENT);
        assertEquals(raw.headers.get("content-length"), String(RAW_CONTENT.length));
        assertIncludes(raw.headers.get("content-disposition") ?? "", `filename*=UTF-8''bad%5CxFF`);

        const page = await get(app, `${s}/files/bad%FF`);
        assertEquals(page.status, 200);
        assertIncludes(page.text, `<title>bad\\xFF · phlb</title>`);
        assertIncludes(page.text, `(${RAW_CONTENT.length} bytes)`);
        assertIncludes(page.text, `${sha256Hex(new TextEncoder().encode(RAW_CONTENT))} <span`);
        assertIncludes(page.text, `<pre class="preview">${RAW_CONTENT}</pre>`);
        assertIncludes(page.text, "(this one)");
        const same = page.text.slice(page.text.indexOf("<h2>Same content"));
        assertIncludes(same, `href="${s}/files/copy%FE">copy\\xFE</a>`);

        const inner = await get(app, `${s}/files/dir%FD/`);
        assertEquals(inner.status, 200);
        assertIncludes(inner.text, `href="${s}/files/dir%FD/in%FC.txt">in\\xFC.txt</a>`);
        assertIncludes(inner.text, `<title>dir\\xFD/ · phlb</title>`);
        assertIncludes(inner.text, `<span>dir\\xFD</span></nav>`);
        const innerPage = await get(app, `${s}/files/dir%FD/in%FC.txt`);
        assertEquals(innerPage.status, 200);
        assertIncludes(
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
        assertIncludes(search.text, `href="${s}/files/bad%FF">bad\\xFF</a>`);
        assertIncludes(search.text, `href="${s}/files/dir%FD/plain.txt">dir\\xFD/plain.txt</a>`);

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
      for (const f of Deno.readDirSync(`${fx.root}/.phlb`)) {
        if (f.name.startsWith("index.sqlite")) Deno.removeSync(`${fx.root}/.phlb/${f.name}`);
      }
      const app = createApp({ root: fx.root });
      try {
        const page = await get(app, `/b/src/${fx.snapId}/files/dir%FD/in%FC.txt`);
        assertEquals(page.status, 200);
        assertIncludes(page.text, "(from the manifest)");
        const history = page.text.slice(page.text.indexOf("<h2>History</h2>"));
        assertIncludes(history, `href="/b/src/${fx.snapId}/files/dir%FD/in%FC.txt">${fx.snapId}</a>`);
        assertIncludes(history, "first seen");
      } finally {
        app.close();
      }
    });
  },
});

Deno.test({
  name: "a download closes its file when it is read to the end and when the client goes away",
  ignore: skipReason("download fds", Deno.build.os === "linux" ? undefined : "counts /proc/self/fd"),
  fn: async () => {
    await withApp(async (app, fx) => {
      const big = new Uint8Array(3 << 20).map((_, i) => i % 251);
      const path = `${fx.root}/src/${fx.second}/docs/big.bin`;
      Deno.writeFileSync(path, big);
      // A first page opens the index (its descriptors stay open): count after it.
      assertEquals((await get(app, `${snap(fx)}/files/docs/`)).status, 200);
      // Only descriptors of this file count: the runner's come and go.
      assertEquals(openFdsUnder(path), []);
      const whole = await get(app, `${snap(fx)}/raw/docs/big.bin`);
      assertEquals(whole.bytes, big);
      // The close waits for the read in flight; give it a turn of the event loop.
      await new Promise((r) => setTimeout(r, 50));
      assertEquals(openFdsUnder(path), [], "closed after the last chunk");
      const r = app.handle(new Request(`${BASE}${snap(fx)}/raw/docs/big.bin`));
      const reader = r.body!.getReader();
      const first = await reader.read();
      assert(!first.done && first.value.length > 0 && first.value.length < big.length, "one chunk");
      assertEquals(openFdsUnder(path), [path], "open while the client reads");
      await reader.cancel();
      await new Promise((r) => setTimeout(r, 50));
      assertEquals(openFdsUnder(path), [], "closed after the client went away");
    });
  },
});
