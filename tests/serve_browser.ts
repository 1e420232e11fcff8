/**
 * For the `phlb serve` browser tests: Debian's chromium driven by playwright-core (no browser
 * download: `executablePath` points at the system one). Locally the tests are skipped only when
 * /usr/bin/chromium is missing; under CI (CI set) they always run, and .ci/run installs chromium.
 * @module
 */
import { type BrowserContext, chromium, type Page } from "playwright-core";

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
  // The same pixels on every run: no LCD subpixel colours, no font hinting differences.
  "--disable-lcd-text",
  "--font-render-hinting=none",
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

/** Why the browser tests cannot run here, or undefined when they can. */
export const BROWSER_SKIP: string | undefined = notLinux
  ? `skipped on ${Deno.build.os}: it drives Debian's ${CHROMIUM}, which .ci/run installs on Linux`
  : !exists(CHROMIUM) && !inCI
  ? `skipped: ${CHROMIUM} is missing (apt-get install chromium); under CI it is installed and never skipped`
  : undefined;

/** A headless chromium with its first page, collecting console errors (CSP violations show there). */
export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  problems: string[];
}

/** Launches chromium with a profile in `profileDir`. */
export async function launchBrowser(
  profileDir: string,
  viewport: { width: number; height: number } = { width: 1280, height: 860 },
): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport,
    colorScheme: "light",
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on("console", (msg) => {
    // The browser asks for /favicon.ico on its own; that 404 is not the page's.
    if (msg.type() === "error" && !msg.location().url.endsWith("/favicon.ico")) problems.push(msg.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  return { context, page, problems };
}

/** How much wider than the window a page is (0: no sideways scrolling). */
export async function overflowPx(page: Page): Promise<number> {
  return Number(await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"));
}
