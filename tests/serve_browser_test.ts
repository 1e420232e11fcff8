/**
 * `phlb serve` in a real headless browser (tests/serve_browser.ts): the way through the pages as a
 * user clicks it, against the `phlb serve` command; and the pages that answer "how much space?"
 * and "what changed?", whose screenshots are the ones in docs/images/ (written by this test, so
 * they cannot go stale; identical runs give identical files). Set PHLB_SCREENSHOT_DIR to keep copies
 * of the first test's screenshots, which otherwise go with the temp folder.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { withTempDir } from "./helpers.ts";
import { BROWSER_SKIP, launchBrowser, overflowPx } from "./serve_browser.ts";
import { makeServeFixture, REPORT_V2, startServe } from "./serve_fixture.ts";
import { HISTORY_NOW } from "./serve_app.ts";
import { makeHistoryFixture } from "./serve_history_fixture.ts";
import { createApp } from "../src/web/app.ts";

if (BROWSER_SKIP) console.error(`serve_browser_test: ${BROWSER_SKIP}`);

Deno.test({
  name: "in chromium: dashboard -> snapshot -> folder -> file page -> download has the exact bytes",
  ignore: BROWSER_SKIP !== undefined,
  // playwright keeps its own pipes and timers to the browser process.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await withTempDir(async (dir) => {
      const fx = await makeServeFixture(dir);
      const shots = `${dir}/screenshots`;
      Deno.mkdirSync(shots);
      const srv = await startServe(["--root", fx.root, "--port", "0"]);
      const { context, page, problems } = await launchBrowser(`${dir}/chromium-profile`);
      try {
        // Dashboard.
        await page.goto(srv.url);
        assertEquals(await page.textContent("h1"), "Backups");
        // The stylesheet applied (the CSP allows it from 'self' only).
        assertEquals(
          await page.evaluate(`getComputedStyle(document.querySelector("header.top")).display`),
          "flex",
        );
        assertEquals(await page.locator("svg.chart rect.chart-new").count(), 2);
        await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });

        // The backup name, then the newest snapshot.
        await page.click('table.dashboard a[href="/b/src/"]');
        await page.waitForURL(/\/b\/src\/$/);
        assertEquals(await page.textContent("h1"), "src");
        await page.click(`table.snapshots a:text-is("${fx.second}")`);
        await page.waitForURL(new RegExp(`/b/src/${fx.second}/$`));
        assertIncludes(await page.textContent("table.listing") ?? "", "docs/");
        await page.screenshot({ path: `${shots}/snapshot.png`, fullPage: true });

        // Into docs/, then the file.
        await page.click('table.listing a:text-is("docs/")');
        await page.waitForURL(/\/files\/docs\/$/);
        await page.click('table.listing a:text-is("report.txt")');
        await page.waitForURL(/\/files\/docs\/report\.txt$/);
        assertEquals(await page.textContent("h1"), "report.txt");
        assertEquals(await page.textContent("pre.preview"), REPORT_V2);
        // The line diff against the first version: its one line replaced by two.
        assertEquals(await page.locator("table.diff tr.del").count(), 1);
        assertEquals(await page.locator("table.diff tr.add").count(), 2);
        assertIncludes(await page.textContent("table.history") ?? "", "changed");
        assertIncludes(await page.textContent("table.same") ?? "", "docs/copy-of-report.txt");
        await page.screenshot({ path: `${shots}/file.png`, fullPage: true });

        // Download it and compare the bytes.
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.click("a.button[download]"),
        ]);
        assertEquals(download.suggestedFilename(), "report.txt");
        const saved = await download.path();
        assertEquals(Deno.readTextFileSync(saved), REPORT_V2);

        assertEquals(problems, [], "no console errors (CSP violations would show here)");
        for (const f of ["dashboard.png", "snapshot.png", "file.png"]) {
          assert(Deno.statSync(`${shots}/${f}`).size > 5_000, `${f} is a real screenshot`);
        }
        const keep = Deno.env.get("PHLB_SCREENSHOT_DIR");
        if (keep) {
          Deno.mkdirSync(keep, { recursive: true });
          for (const f of Deno.readDirSync(shots)) {
            Deno.copyFileSync(`${shots}/${f.name}`, `${keep}/${f.name}`);
          }
        }
      } finally {
        await context.close();
        const end = await srv.stop();
        assertEquals(end.code, 0, end.output);
      }
    });
  },
});

/** Where the docs' screenshots go: docs/images/ of this checkout. */
const DOCS_IMAGES = new URL("../docs/images/", import.meta.url).pathname;

/**
 * Runs `fn` with the history fixture built in one fixed folder, so that the root's path on the
 * pages (and so the screenshots) is the same on every run; a lock keeps two suites on one machine
 * from sharing it.
 */
async function withFixedHistoryRoot(fn: (dir: string) => Promise<void>): Promise<void> {
  const base = `${Deno.env.get("TMPDIR") ?? "/tmp"}/phlb-web-docs`;
  Deno.mkdirSync(base, { recursive: true });
  const lock = Deno.openSync(`${base}.lock`, { create: true, write: true });
  try {
    lock.lockSync(true);
    Deno.removeSync(base, { recursive: true });
    Deno.mkdirSync(base);
    try {
      await fn(base);
    } finally {
      Deno.removeSync(base, { recursive: true });
    }
  } finally {
    lock.close();
  }
}

Deno.test({
  name:
    "in chromium: space on the dashboard, visible incremental bars, a 400 px screen, changes, a file diff, search",
  ignore: BROWSER_SKIP !== undefined,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await withFixedHistoryRoot(async (dir) => {
      const fx = await makeHistoryFixture(dir);
      const [run1, run2, run3] = fx.runs;
      // In process, for a fixed clock (ages on the dashboard): the same handler `phlb serve` runs.
      const app = createApp({ root: fx.root, now: () => HISTORY_NOW });
      const ac = new AbortController();
      const server = Deno.serve(
        { hostname: "127.0.0.1", port: 0, signal: ac.signal, onListen: () => {} },
        app.handle,
      );
      const url = `http://127.0.0.1:${server.addr.port}`;
      const shots = `${dir}/screenshots`;
      Deno.mkdirSync(shots);
      const { context, page, problems } = await launchBrowser(`${dir}/chromium-profile`);
      try {
        // Dashboard: the root's space, and every run that added bytes is a bar of 3 px or more.
        await page.goto(url);
        assertEquals(await page.textContent("h1"), "Backups");
        assertIncludes(await page.textContent("dl.space") ?? "", "dedup ratio");
        const bars = await page.locator("table.dashboard tr:has(a[href='/b/Documents/']) rect.chart-new")
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
        assertEquals(bars.length, 3);
        assert(bars.every((h) => h >= 3), `every bar at least 3 px high: ${bars}`);
        assert(bars[1] >= 3 && bars[1] < bars[0], `the small second run is visible and smaller: ${bars}`);
        await page.screenshot({ path: `${shots}/web-dashboard.png`, fullPage: true });

        // The snapshot table with its unique column.
        await page.click(`table.dashboard a[href="/b/Documents/"]`);
        await page.waitForURL(/\/b\/Documents\/$/);
        assertIncludes(await page.textContent("table.snapshots thead") ?? "", "unique");
        await page.screenshot({ path: `${shots}/web-snapshots.png`, fullPage: true });

        // The newest run's changes, then the diff of the report it rewrote.
        await page.click(`table.snapshots a[href="/b/Documents/${run3}/changes"]`);
        await page.waitForURL(new RegExp(`/b/Documents/${run3}/changes$`));
        assertEquals(await page.locator("table.changes tbody tr").count(), 4);
        await page.screenshot({ path: `${shots}/web-changes.png`, fullPage: true });
        await page.click(
          `table.changes tr.modified:has(a:text-is("report/big.txt")) a:text-is("what changed")`,
        );
        await page.waitForURL(/\/files\/report\/big\.txt\?a=/);
        assertEquals(await page.locator("table.diff tr.add").count(), 164);

        // A file diff, and two versions picked in History with the plain form (no script).
        await page.goto(`${url}/b/Documents/${run2}/files/notes/todo.md`);
        assertEquals(await page.locator("table.diff tr.add").count(), 2);
        assertIncludes(await page.textContent("table.diff") ?? "", `<script>alert("x")</script>`);
        await page.screenshot({ path: `${shots}/web-file-diff.png`, fullPage: true });
        await page.check(`input[name="a"][value="${run1}"]`);
        await page.check(`input[name="b"][value="${run3}"]`);
        await page.click("form.compare button");
        await page.waitForURL(new RegExp(`\\?a=${run1}&b=${run3}$`));
        assertEquals(await page.locator("table.diff tr.add").count(), 2);

        // One search box, with the backup filter on the search page.
        await page.fill("header.top input[name=q]", "img");
        await page.click("header.top button");
        await page.waitForURL(/\/search\?q=img$/);
        await page.selectOption("header.top select[name=name]", "Photos");
        await page.click("header.top button");
        await page.waitForURL(/\/search\?q=img&name=Photos$/);
        assertIncludes(await page.textContent("p.count") ?? "", "No file name contains");
        await page.fill("header.top input[name=q]", "pic-1");
        await page.click("header.top button");
        await page.waitForURL(/q=pic-1&name=Photos$/);
        assertIncludes(await page.textContent("p.count") ?? "", "4 paths contain pic-1 in Photos");
        await page.screenshot({ path: `${shots}/web-search.png`, fullPage: true });

        // A 400 px wide screen: no page is wider than it.
        await page.setViewportSize({ width: 400, height: 860 });
        for (
          const path of [
            "/",
            "/b/Documents/",
            `/b/Documents/${run3}/changes`,
            `/b/Documents/${run2}/files/notes/todo.md`,
            "/search?q=img",
          ]
        ) {
          await page.goto(url + path);
          assertEquals(await overflowPx(page), 0, `${path} fits 400 px`);
        }
        await page.goto(url);
        const narrowBars = await page.locator("rect.chart-new")
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
        assert(narrowBars.every((h) => h >= 3), `bars at 400 px: ${narrowBars}`);
        await page.screenshot({ path: `${shots}/web-dashboard-narrow.png`, fullPage: true });

        assertEquals(problems, [], "no console errors (CSP violations would show here)");
        Deno.mkdirSync(DOCS_IMAGES, { recursive: true });
        for (const f of Deno.readDirSync(shots)) {
          assert(Deno.statSync(`${shots}/${f.name}`).size > 5_000, `${f.name} is a real screenshot`);
          Deno.copyFileSync(`${shots}/${f.name}`, `${DOCS_IMAGES}/${f.name}`);
        }
      } finally {
        await context.close();
        ac.abort();
        await server.finished;
        app.close();
      }
    });
  },
});
