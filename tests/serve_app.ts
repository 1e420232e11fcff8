/**
 * For the `phlb serve` route tests: requests against an app without a socket, and an app over a
 * fixture that is closed afterwards.
 * @module
 */
import { type App, type AppOptions, createApp } from "../src/web/app.ts";
import { withTempDir } from "./helpers.ts";
import { makeServeFixture, type ServeFixture } from "./serve_fixture.ts";
import { type HistoryFixture, makeHistoryFixture } from "./serve_history_fixture.ts";

/** The origin of requests made in tests (no Host header: any host is accepted without a list). */
export const BASE = "http://phlb.test";

/** A response, read whole. */
export interface Got {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
}

/** Answers `GET path` (or `init.method`) with `app` and reads the whole body. */
export async function get(app: App, path: string, init: RequestInit = {}): Promise<Got> {
  const r = app.handle(new Request(BASE + path, init));
  const bytes = new Uint8Array(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, text: new TextDecoder().decode(bytes), bytes };
}

/** Runs `fn` with the two-snapshot fixture and an app over it. */
export async function withApp(
  fn: (app: App, fx: ServeFixture, dir: string) => Promise<void>,
  options: Omit<AppOptions, "root"> = {},
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

/** The URL path of a snapshot of the fixture (the newest by default). */
export function snapUrl(fx: ServeFixture, id = fx.second): string {
  return `/b/src/${id}`;
}

/** The part of `text` from `from` up to `to` (or the end), for checks inside one section. */
export function section(text: string, from: string, to?: string): string {
  const start = text.indexOf(from);
  if (start < 0) throw new Error(`no "${from}" in the page`);
  const end = to === undefined ? -1 : text.indexOf(to, start + from.length);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Removes the index (and its WAL files) of a root, as a user deleting `.phlb/index.sqlite` would. */
export function removeIndex(root: string): void {
  for (const f of Deno.readDirSync(`${root}/.phlb`)) {
    if (f.name.startsWith("index.sqlite")) Deno.removeSync(`${root}/.phlb/${f.name}`);
  }
}

/** The clock of {@linkcode withHistoryApp}: the morning after the fixture's last run. */
export const HISTORY_NOW = new Date(2026, 2, 4, 9, 0, 0).getTime();

/** Runs `fn` with the history fixture (tests/serve_history_fixture.ts) and an app over it. */
export async function withHistoryApp(
  fn: (app: App, fx: HistoryFixture, dir: string) => Promise<void>,
  options: Omit<AppOptions, "root"> = {},
): Promise<void> {
  await withTempDir(async (dir) => {
    const fx = await makeHistoryFixture(dir);
    const app = createApp({ root: fx.root, now: () => HISTORY_NOW, ...options });
    try {
      await fn(app, fx, dir);
    } finally {
      app.close();
    }
  });
}

/** Markup with its layout whitespace taken out: runs of whitespace as one space, none around tags. */
export function flatHtml(markup: string): string {
  return markup.replace(/\s+/g, " ").replace(/\s*([<>])\s*/g, "$1");
}

/**
 * Asserts that a page holds `part`, whatever the whitespace between tags (the formatter lays out the
 * templates; a browser collapses it). Text inside `<pre>` is checked with plain `assertIncludes`.
 */
export function assertHtmlIncludes(page: string, part: string, message?: string): void {
  if (!flatHtml(page).includes(flatHtml(part))) {
    throw new Error(message ?? `expected the page to include ${JSON.stringify(part)}:\n${page}`);
  }
}
