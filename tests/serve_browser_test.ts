/**
 * `phlb serve` in a real headless browser: Debian's chromium driven by playwright-core (no browser
 * download: `executablePath` points at the system one). Locally the test is skipped only when
 * /usr/bin/chromium is missing; under CI (CI set) it always runs, and .ci/run installs chromium.
 * Set PHLB_SCREENSHOT_DIR to keep copies of the screenshots, which otherwise go with the temp folder.
 * @module
 */
import { chromium } from "playwright-core";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { withTempDir } from "./helpers.ts";
import { makeServeFixture, REPORT_V2, startServe } from "./serve_fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

const inCI = Boolean(Deno.env.get("CI"));
const notLinux = Deno.build.os !== "linux";
const skip = notLinux || (!exists(CHROMIUM) && !inCI);
if (skip) {
  console.error(
    notLinux
      ? `serve_browser_test: skipped on ${Deno.build.os}: it drives Debian's ${CHROMIUM}, which .ci/run installs on Linux`
      : `serve_browser_test: skipped: ${CHROMIUM} is missing (apt-get install chromium); under CI it is installed and never skipped`,
  );
}

Deno.test({
  name: "in chromium: dashboard -> snapshot -> folder -> file page -> download has the exact bytes",
  ignore: skip,
  // playwright keeps its own pipes and timers to the browser process.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await withTempDir(async (dir) => {
      const fx = await makeServeFixture(dir);
      const shots = `${dir}/screenshots`;
      Deno.mkdirSync(shots);
      const srv = await startServe(["--root", fx.root, "--port", "0"]);
      const context = await chromium.launchPersistentContext(`${dir}/chromium-profile`, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        acceptDownloads: true,
        viewport: { width: 1280, height: 860 },
      });
      try {
        const page = context.pages()[0] ?? await context.newPage();
        page.setDefaultTimeout(15_000);
        const problems: string[] = [];
        page.on("console", (msg) => {
          // The browser asks for /favicon.ico on its own; that 404 is not the page's.
          if (msg.type() === "error" && !msg.location().url.endsWith("/favicon.ico")) {
            problems.push(msg.text());
          }
        });
        page.on("pageerror", (e) => problems.push(String(e)));

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
