import { assert, assertEquals, assertIncludes } from "../../tests/assert.ts";
import {
  assertHtmlIncludes,
  get,
  removeIndex,
  section,
  snapUrl,
  withApp,
  withHistoryApp,
} from "../../tests/serve_app.ts";
import { skipReason } from "../../tests/fault_helpers.ts";
import { IS_WINDOWS, symlinkSkipReason } from "../../tests/helpers.ts";
import { FIXTURE_SYMLINKS, REPORT_V2 } from "../../tests/serve_fixture.ts";
import { BIDI_NAME, BIG_CHANGED, bigText } from "../../tests/serve_history_fixture.ts";
import { createApp } from "./app.ts";
import { sha256Hex } from "../fs/hash.ts";
import { escapeHtml } from "./html.ts";

Deno.test("a file page shows size, mtime, hash, preview, history with the change, and same content", async () => {
  await withApp(async (app, fx) => {
    const r = await get(app, `${snapUrl(fx)}/files/docs/report.txt`);
    assertEquals(r.status, 200);
    const hash = sha256Hex(new TextEncoder().encode(REPORT_V2));
    assertHtmlIncludes(r.text, `${hash} <span class="muted">(from the index)</span>`);
    assertHtmlIncludes(r.text, `(${REPORT_V2.length} bytes)`);
    // The preview is the exact text, escaped, and the formatter left the <pre> alone.
    assertIncludes(
      r.text,
      `<pre class="preview">${escapeHtml(REPORT_V2)}</pre>`,
    );
    const history = r.text.slice(r.text.indexOf("<h2>History</h2>"), r.text.indexOf("<h2>Same content"));
    assertHtmlIncludes(history, `href="/b/src/${fx.first}/files/docs/report.txt"`);
    assertHtmlIncludes(history, "first seen");
    assertHtmlIncludes(history, "changed");
    assertHtmlIncludes(history, "(this one)");
    const same = r.text.slice(r.text.indexOf("<h2>Same content"));
    assertHtmlIncludes(same, `href="/b/src/${fx.second}/files/docs/copy-of-report.txt"`);
    assertHtmlIncludes(r.text, `href="/b/src/${fx.second}/raw/docs/report.txt" download`);
    // Unchanged file: "same" in its history.
    const notes = await get(app, `${snapUrl(fx)}/files/docs/notes.md`);
    assertHtmlIncludes(notes.text, `<span class="muted">same</span>`);
    // Binary: no preview.
    const bin = await get(app, `${snapUrl(fx)}/files/bin/data.bin`);
    assertHtmlIncludes(bin.text, "not small UTF-8 text");
  });
});

Deno.test({
  name: "a symlink is shown with its target text and never followed",
  ignore: skipReason("symlinks in serve", FIXTURE_SYMLINKS ? undefined : symlinkSkipReason()),
  fn: async () => {
    await withApp(async (app, fx) => {
      const out = await get(app, `${snapUrl(fx)}/files/link-out`);
      assertEquals(out.status, 200);
      assertHtmlIncludes(out.text, `<dd class="mono">/etc/passwd</dd>`);
      assert(!out.text.includes("root:x:0"), "the target is not read");
      const dirlink = await get(app, `${snapUrl(fx)}/files/dirlink/`);
      assertHtmlIncludes(dirlink.text, `<dd class="mono">docs</dd>`);
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
        assertEquals((await get(app, `${snapUrl(fx)}/${path}`)).status, 404, path);
      }
    });
  },
});

Deno.test("without an index the pages come from the folders and say to run phlb add", async () => {
  await withApp(async (app, fx) => {
    removeIndex(fx.root);
    const dash = await get(app, "/");
    assertEquals(dash.status, 200);
    assertHtmlIncludes(dash.text, "Run <code>phlb add</code> to build it.");
    assertHtmlIncludes(dash.text, `href="/b/src/${fx.second}/"`);
    const list = await get(app, "/b/src/");
    assertHtmlIncludes(list.text, `>${fx.first}</a>`);
    const file = await get(app, `${snapUrl(fx)}/files/docs/report.txt`);
    assertHtmlIncludes(file.text, "(from the manifest)");
    assertHtmlIncludes(file.text, "without the index a change means a different size or modification time");
    assertHtmlIncludes(file.text, "changed");
    const search = await get(app, "/search?q=report");
    assertHtmlIncludes(search.text, "Search needs the index.");
    assertEquals((await get(app, `${snapUrl(fx)}/raw/docs/report.txt`)).text, REPORT_V2);
  });
});

/** The rows of the diff table: [class, old line number, new line number, text]. */
function diffRows(page: string): [string, string, string, string][] {
  return [...page.matchAll(
    /<tr class="(same|del|add)">\s*<td class="ln">(\d*)<\/td>\s*<td class="ln">(\d*)<\/td>\s*<td class="code"><span class="sign">.<\/span>(.*?)(?:<span class="eol"|<\/td>)/g,
  )].map((m) => [m[1], m[2], m[3], m[4]]);
}

Deno.test("a file page shows the line diff against the previous version, escaped, with a copy-ready restore line", async () => {
  await withHistoryApp(async (app, fx) => {
    const [run1, run2] = fx.runs;
    const r = await get(app, `/b/Documents/${run2}/files/notes/todo.md`);
    assertEquals(r.status, 200);
    const changes = section(r.text, `<h2 id="changes">`, "<h2>Content</h2>");
    assertHtmlIncludes(
      changes,
      `Against the previous version: from <a class="mono" href="/b/Documents/${run1}/files/notes/todo.md">`,
    );
    assertHtmlIncludes(changes, `<span class="diff-add">+2</span> <span class="diff-del">−2</span> lines`);
    assertHtmlIncludes(changes, `<tr class="hunk"><td colspan="3">@@ -1,6 +1,6 @@</td></tr>`);
    assertEquals(diffRows(changes), [
      ["same", "1", "1", "# To do"],
      ["same", "2", "2", ""],
      ["same", "3", "3", "- buy milk"],
      ["del", "4", "", "- call Anna"],
      ["del", "5", "", "- fix the bike"],
      ["add", "", "4", "- call Anna about &lt;b&gt;Friday&lt;/b&gt;"],
      ["same", "6", "5", "- water the plants"],
      ["add", "", "6", "- check &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; in the log"],
    ]);
    assert(!r.text.includes("<script>alert") && !r.text.includes("<b>Friday"), "no markup from the file");
    // The History form has the two versions picked.
    assertHtmlIncludes(
      r.text,
      `<form method="get" action="/b/Documents/${run2}/files/notes/todo.md" class="compare">`,
    );
    assertHtmlIncludes(r.text, `name="a" value="${run1}" aria-label="compare from ${run1}" checked>`);
    assertIncludes(r.text, `name="b" value="${run2}" aria-label="compare to ${run2}" checked>`);
    assertIncludes(
      r.text,
      `<pre class="cmd"><code>phlb restore --root ${
        IS_WINDOWS ? `&quot;${fx.root}&quot;` : fx.root
      } Documents@${run2}/notes/todo.md restored</code></pre>`,
    );
  });
});

Deno.test("a file page compares two versions picked in History, in either order; an unknown version is 404", async () => {
  await withHistoryApp(async (app, fx) => {
    const [run1, run2, run3] = fx.runs;
    const page = `/b/Documents/${run3}/files/notes/todo.md`;
    // Unchanged in run 3: by default it is compared with the version before its content (run 1).
    const plain = await get(app, page);
    assertHtmlIncludes(plain.text, `from <a class="mono" href="/b/Documents/${run1}/files/notes/todo.md">`);
    const picked = await get(app, `${page}?a=${run3}&b=${run1}`);
    assertEquals(picked.status, 200);
    const changes = section(picked.text, `<h2 id="changes">`, "<h2>Content</h2>");
    assert(!changes.includes("Against the previous version"), "picked, not the default");
    assertEquals(diffRows(changes), diffRows(section(plain.text, `<h2 id="changes">`, "<h2>Content</h2>")));
    assertHtmlIncludes(picked.text, `name="a" value="${run1}" aria-label="compare from ${run1}" checked>`);
    const same = await get(app, `${page}?a=${run2}&b=${run3}`);
    assertHtmlIncludes(same.text, "The two versions have the same text.");
    const one = await get(app, `${page}?a=${run2}&b=${run2}`);
    assertHtmlIncludes(one.text, "Pick two different versions");
    for (const q of [`?a=2099-01-01-000000&b=${run1}`, `?a=${run1}`, `?b=${run1}`, `?a=..&b=${run1}`]) {
      assertEquals((await get(app, page + q)).status, 404, q);
    }
  });
});

Deno.test("the diff of two versions of a 1 MiB text: each edited line, numbered; binary and oversized versions are not compared", async () => {
  await withHistoryApp(async (app, fx) => {
    const [, run2, run3] = fx.runs;
    const r = await get(app, `/b/Documents/${run3}/files/report/big.txt`);
    assertEquals(r.status, 200);
    const n = BIG_CHANGED.length;
    assertHtmlIncludes(
      r.text,
      `<span class="diff-add">+${n}</span> <span class="diff-del">−${n}</span> lines`,
    );
    const rows = diffRows(r.text);
    const added = rows.filter((x) => x[0] === "add");
    assertEquals(added.length, n);
    assertEquals(added[0], ["add", "", String(BIG_CHANGED[0] + 1), bigText(2).split("\n")[BIG_CHANGED[0]]]);
    assert(!r.text.includes("changed too much"), "aligned line by line");
    const bin = await get(app, `/b/Documents/${run3}/files/data.bin`);
    assertHtmlIncludes(bin.text, `Not compared: The version in ${run2} is not UTF-8 text.`);
    const small = createApp({ root: fx.root, diffBytes: 1000 });
    try {
      const big = await get(small, `/b/Documents/${run3}/files/report/big.txt`);
      assertHtmlIncludes(big.text, `is larger than 1,000 B.`);
    } finally {
      small.close();
    }
  });
});

Deno.test("a file page says where the path disappears, and which version is the first", async () => {
  await withHistoryApp(async (app, fx) => {
    const [run1, run2, run3] = fx.runs;
    const meeting = await get(app, `/b/Documents/${run2}/files/notes/meeting.txt`);
    assertHtmlIncludes(
      meeting.text,
      `<p class="note" role="note">Not in the later snapshot <a class="mono" href="/b/Documents/${run3}/">${run3}</a>: deleted or moved before that run.</p>`,
    );
    const history = section(meeting.text, "<h2>History</h2>", "<h2>Same content");
    assertHtmlIncludes(history, `<tr class="gone">`);
    assertHtmlIncludes(history, `<a href="/b/Documents/${run3}/">${run3}</a></td>`);
    assertHtmlIncludes(history, "not in this snapshot");
    assertHtmlIncludes(
      meeting.text,
      `The content has not changed since the first snapshot holding this path, ${run1}`,
    );
    // A path that is in the newest snapshot has no such note.
    const todo = await get(app, `/b/Documents/${run3}/files/notes/todo.md`);
    assert(!todo.text.includes("Not in the later snapshot") && !todo.text.includes(`class="gone"`));
    const ideas = await get(app, `/b/Documents/${run2}/files/notes/ideas.txt`);
    assertHtmlIncludes(
      ideas.text,
      "This is the first version of the file: there is nothing before it to compare.",
    );
  });
});

Deno.test("a file whose name holds a bidi control: title, crumbs and restore line show it escaped", async () => {
  await withHistoryApp(async (app, fx) => {
    const run1 = fx.runs[0];
    const r = await get(app, `/b/Documents/${run1}/files/${encodeURIComponent(BIDI_NAME)}`);
    assertEquals(r.status, 200);
    assertHtmlIncludes(r.text, `<title>invoice\\u{202E}txt.exe · phlb</title>`);
    assertHtmlIncludes(r.text, `<h1>invoice\\u{202E}txt.exe</h1>`);
    assertHtmlIncludes(r.text, `<span>invoice\\u{202E}txt.exe</span></nav>`);
    // Spelled for the shell of the machine that serves: bash's $'\xHH', PowerShell's [char].
    assertHtmlIncludes(
      r.text,
      IS_WINDOWS
        ? `&quot;Documents@${run1}/invoice$([char]0x202E)txt.exe&quot; restored</code>`
        : `Documents@${run1}/invoice\\xE2\\x80\\xAEtxt.exe&#39; restored</code>`,
    );
    assert(!r.text.includes("\u202E"), "no raw bidi control in the page");
  });
});
