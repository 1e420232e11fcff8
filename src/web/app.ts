/**
 * The request handler of `phlb serve`: a plain `(Request) => Response` function over a backup root,
 * so tests call it without a socket and the command hands it to Deno.serve.
 *
 * Read-only by construction: only GET and HEAD are answered, the index is opened read-only, and no
 * route writes, deletes or starts anything. The host a request names is checked first
 * (src/web/host_check.ts). Every path parameter is checked (src/web/paths.ts) and resolved inside
 * one snapshot without following symlinks; anything refused is a plain 404. File bytes are only
 * ever sent as `application/octet-stream` attachments, so a backed-up HTML file is never rendered
 * by the browser.
 * @module
 */
import { errorMessage, FatalError } from "../errors.ts";
import type { DirEntry, FsBackend } from "../fs/native/mod.ts";
import { joinPath } from "../fs/path.ts";
import { languageOf } from "../i18n/languages.ts";
import { type Language, type Msg, msg, translator } from "../i18n/messages.ts";
import { Catalog, type SnapshotInfo } from "./catalog.ts";
import { ChangesCache } from "./changes.ts";
import { changesPage } from "./changes_page.ts";
import { dashboardPage } from "./dashboard_page.ts";
import { type Comparison, filePage, KIND_NAMES, RESTORE_FOLDER, symlinkPage } from "./file_page.ts";
import { fileDetails, type HistoryEntry, previousVersion } from "./file_history.ts";
import { type FileText, readFileText } from "./file_text.ts";
import { checkHost } from "./host_check.ts";
import { html } from "./html.ts";
import { homeCrumb, layout, notFoundPage } from "./layout.ts";
import { diffLines } from "./line_diff.ts";
import { type PageContext, pageContext } from "./page_context.ts";
import {
  isSafeName,
  openResolvedFile,
  parseRequestTarget,
  type RequestTarget,
  type ResolvedEntry,
  resolveInSnapshot,
} from "./paths.ts";
import { baseHeaders, contentDisposition, fileStream, htmlResponse, textResponse } from "./responses.ts";
import { restoreLine } from "./restore_line.ts";
import { searchPage } from "./search_page.ts";
import { shownName } from "./shown.ts";
import { folderPage, type ListingEntry, logPage, snapshotListPage } from "./snapshot_pages.ts";
import { STYLESHEET } from "./style.ts";
import { encodeSegment, LANG_PARAM } from "./urls.ts";

export { contentDisposition, PAGE_CSP } from "./responses.ts";

/** Options for {@linkcode createApp}. */
export interface AppOptions {
  /** The backup root (absolute). */
  root: string;
  /** A name whose newest complete snapshot is older than this many days is flagged stale. Default 7. */
  staleDays?: number;
  /** Snapshot folder name format (SUB_DIR_FORMATTER). */
  timestampFormat?: string;
  /**
   * Accepted `Host` header values (e.g. "127.0.0.1:8484"). When set, any other host is refused,
   * which stops DNS-rebinding pages from reading a loopback server, and so is a request naming no
   * host. Undefined accepts any host (see src/web/host_check.ts).
   */
  allowedHosts?: readonly string[];
  /** Rows per page of folder listings, search results and snapshot changes. Default 500, 50, 200. */
  listingPageSize?: number;
  searchPageSize?: number;
  changesPageSize?: number;
  /** Files up to this size that are UTF-8 text are shown on their page. Default 64 KiB. */
  previewBytes?: number;
  /** Versions up to this size that are UTF-8 text are compared line by line. Default 1 MiB. */
  diffBytes?: number;
  /** Most lines of a file diff shown. Default 5000. */
  maxDiffLines?: number;
  /** The clock, for ages and staleness. */
  now?: () => number;
  /**
   * The language of the pages when a request does not choose one with `?lang=` (the run's
   * language: LANGUAGE_CODE, --lang or the locale). Default English.
   */
  language?: Language;
  /**
   * The filesystem backend for everything inside snapshots. Default: `openBackend()` (the native
   * one where FFI is allowed, which alone reaches names that are not valid UTF-8), closed by `close`.
   */
  fs?: FsBackend;
}

/** A request handler plus what it holds open. */
export interface App {
  /** Answers one request. Never throws: unexpected failures become a 500 page. */
  handle(request: Request): Response;
  /** Closes the index. */
  close(): void;
  /** The catalog the pages are built from. */
  readonly catalog: Catalog;
}

function notFound(ctx: PageContext): Response {
  return htmlResponse(notFoundPage(ctx), 404);
}

/** The language a request asks for with `?lang=`, when phlb speaks it (an unknown one: none). */
function askedLanguage(query: URLSearchParams): Language | undefined {
  const code = query.get(LANG_PARAM);
  return code ? languageOf(code) : undefined;
}

/**
 * This page's own path and query without `lang`, rebuilt from what the server decoded (so a name's
 * raw bytes stay as they are): the language switch links to it. A path with an empty segment
 * (`//host`) is not rebuilt: a browser would read it as another site.
 */
function pagePath(target: RequestTarget): string {
  let { segments } = target;
  if (segments.some((s) => s === "")) return "/";
  // A snapshot's top folder has two URLs; its page links to the one it names itself by.
  if (segments.length === 4 && segments[0] === "b" && segments[3] === "files") {
    segments = segments.slice(0, 3);
  }
  const query = new URLSearchParams(target.query);
  query.delete(LANG_PARAM);
  const q = query.toString();
  const path = "/" + segments.map(encodeSegment).join("/") +
    (target.trailingSlash && segments.length > 0 ? "/" : "");
  return q ? `${path}?${q}` : path;
}

function pageParam(query: URLSearchParams): number {
  const n = Number(query.get("page") ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}

function kindOfType(type: DirEntry["type"]): ListingEntry["kind"] {
  return type === "symlink" || type === "dir" || type === "file" ? type : "other";
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An error's text for a page: phlb's own errors carry it as a catalogue text. */
function shownError(err: unknown): string | Msg {
  return err instanceof FatalError && err.text ? err.text : errorMessage(err);
}

/** Builds the handler for a backup root. */
export function createApp(options: AppOptions): App {
  const catalog = new Catalog(options.root, { timestampFormat: options.timestampFormat, fs: options.fs });
  const fs = catalog.fs;
  const staleDays = options.staleDays ?? 7;
  const now = options.now ?? Date.now;
  const listingPageSize = options.listingPageSize ?? 500;
  const searchPageSize = options.searchPageSize ?? 50;
  const changesPageSize = options.changesPageSize ?? 200;
  const previewBytes = options.previewBytes ?? 64 << 10;
  const diffBytes = options.diffBytes ?? 1 << 20;
  const maxDiffLines = options.maxDiffLines ?? 5000;
  const allowedHosts = options.allowedHosts && new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  const changes = new ChangesCache();
  const defaultLang = options.language ?? "en";

  function dashboard(ctx: PageContext): Response {
    return htmlResponse(dashboardPage({
      root: catalog.root,
      rows: catalog.overview({ nowMs: now(), staleDays }),
      space: catalog.rootSpace(),
      nowMs: now(),
      staleDays,
      note: catalog.indexNote,
    }, ctx));
  }

  function snapshotList(name: string, ctx: PageContext): Response {
    if (!catalog.hasName(name)) return notFound(ctx);
    return htmlResponse(
      snapshotListPage({ name, snapshots: catalog.snapshots(name), note: catalog.indexNote }, ctx),
    );
  }

  function folder(
    snap: SnapshotInfo,
    entry: ResolvedEntry,
    o: { query: URLSearchParams; ctx: PageContext },
  ): Response {
    const { query, ctx } = o;
    let dirEntries: DirEntry[];
    try {
      dirEntries = fs.readDir(entry.path);
    } catch {
      return notFound(ctx);
    }
    // Where the filesystem does not say the type, lstat says it: the sort needs the folders.
    for (const e of dirEntries) {
      if (e.type !== "unknown") continue;
      try {
        e.type = fs.lstat(joinPath(entry.path, e.name)).type;
      } catch { /* shown as "other" */ }
    }
    // Folders first, then by name; lstat only the rows of this page.
    dirEntries.sort((a, b) => Number(b.type === "dir") - Number(a.type === "dir") || byName(a.name, b.name));
    const page = pageParam(query);
    const slice = dirEntries.slice((page - 1) * listingPageSize, page * listingPageSize);
    const entries: ListingEntry[] = slice.map((e) => {
      const path = joinPath(entry.path, e.name);
      const out: ListingEntry = {
        name: e.name,
        kind: kindOfType(e.type),
        sizeBytes: 0,
        linkable: isSafeName(e.name),
      };
      try {
        const st = fs.lstat(path);
        out.sizeBytes = st.size;
        out.mtimeMs = st.mtimeMs;
        if (e.type === "symlink") out.target = fs.readLink(path);
      } catch { /* shown without details */ }
      return out;
    });
    return htmlResponse(folderPage({
      snap,
      rel: entry.rel,
      entries,
      page,
      more: dirEntries.length > page * listingPageSize,
      totalEntries: dirEntries.length,
      note: catalog.indexNote,
    }, ctx));
  }

  /** The text of the version of `rel` in snapshot `snapId` of `name`. */
  function versionText(name: string, snapId: string, rel: string): FileText {
    const snap = catalog.snapshot(name, snapId);
    const entry = snap && resolveInSnapshot(snap.dir.path, rel.split("/"), { fs });
    if (!entry || entry.kind !== "file") return { why: "unreadable" };
    return readFileText(entry, { fs, maxBytes: diffBytes });
  }

  function whyNot(t: FileText & { why: string }, snapId: string): Msg {
    const id = shownName(snapId);
    return t.why === "too large"
      ? msg("web.compare.tooLarge", { id, max: diffBytes })
      : t.why === "not text"
      ? msg("web.compare.notText", { id })
      : msg("web.compare.unreadable", { id });
  }

  /**
   * The versions the page compares: `a` and `b` from the query (picked in History; either order),
   * else the previous version against this one. Undefined when a picked version is unknown.
   */
  function comparison(
    snap: SnapshotInfo,
    history: HistoryEntry[],
    current: { entry: ResolvedEntry; text: () => FileText },
    query: URLSearchParams,
  ): Comparison | Msg | undefined {
    const name = snap.dir.name;
    const rel = current.entry.rel;
    let a: HistoryEntry | undefined;
    let b: HistoryEntry | undefined;
    const picked = query.has("a") || query.has("b");
    if (picked) {
      const find = (id: string | null) => history.find((h) => h.snapId === id && h.kind === "file");
      a = find(query.get("a"));
      b = find(query.get("b"));
      if (!a || !b) return undefined;
      if (history.indexOf(a) > history.indexOf(b)) [a, b] = [b, a];
      if (a === b) return msg("web.compare.pickTwo");
    } else {
      b = history.find((h) => h.snapId === snap.dir.id);
      a = b && previousVersion(history, b.snapId);
      if (!b || !a) {
        const first = history[0];
        return !b || first === b
          ? msg("web.compare.first")
          : msg("web.compare.unchanged", { id: shownName(first.snapId) });
      }
      if (a.kind !== "file") {
        return msg("web.compare.kindBefore", { id: shownName(a.snapId), kind: msg(KIND_NAMES[a.kind]) });
      }
    }
    const text = (h: HistoryEntry) =>
      h.snapId === snap.dir.id ? current.text() : versionText(name, h.snapId, rel);
    const ta = text(a);
    const tb = text(b);
    const diff = "why" in ta
      ? whyNot(ta, a.snapId)
      : "why" in tb
      ? whyNot(tb, b.snapId)
      : diffLines(ta.text, tb.text);
    return { a, b, picked, diff };
  }

  function file(
    snap: SnapshotInfo,
    entry: ResolvedEntry,
    o: { query: URLSearchParams; ctx: PageContext },
  ): Response {
    const { query, ctx } = o;
    const details = fileDetails(catalog, snap, entry.rel, entry.info);
    let own: FileText | undefined;
    const text = () => own ??= readFileText(entry, { fs, maxBytes: Math.max(diffBytes, previewBytes) });
    const compare = comparison(snap, details.history, { entry, text }, query);
    if (compare === undefined) return notFound(ctx);
    let preview: string | undefined;
    if (entry.info.size > 0 && entry.info.size <= previewBytes) {
      const t = text();
      if ("text" in t) preview = t.text;
    }
    return htmlResponse(filePage({
      snap,
      rel: entry.rel,
      info: entry.info,
      details,
      preview,
      compare,
      restore: restoreLine({
        root: catalog.root,
        name: snap.dir.name,
        snapId: snap.dir.id,
        rel: entry.rel,
        target: RESTORE_FOLDER,
      }),
      maxDiffLines,
      note: catalog.indexNote,
    }, ctx));
  }

  function browse(
    snap: SnapshotInfo,
    segments: string[],
    o: { query: URLSearchParams; ctx: PageContext },
  ): Response {
    const { ctx } = o;
    const entry = resolveInSnapshot(snap.dir.path, segments, { fs });
    if (!entry) return notFound(ctx);
    switch (entry.kind) {
      case "dir":
        return folder(snap, entry, o);
      case "file":
        return file(snap, entry, o);
      case "symlink": {
        let target: string;
        try {
          target = fs.readLink(entry.path);
        } catch {
          return notFound(ctx);
        }
        return htmlResponse(symlinkPage({ snap, rel: entry.rel, target, note: catalog.indexNote }, ctx));
      }
      default:
        return notFound(ctx);
    }
  }

  function download(
    snap: SnapshotInfo,
    segments: string[],
    o: { head: boolean; ctx: PageContext },
  ): Response {
    const { head, ctx } = o;
    if (segments.length === 0) return notFound(ctx);
    const entry = resolveInSnapshot(snap.dir.path, segments, { fs });
    if (!entry || entry.kind !== "file") return notFound(ctx);
    const headers = baseHeaders({
      "Content-Type": "application/octet-stream",
      "Content-Disposition": contentDisposition(segments[segments.length - 1]),
      "Content-Length": String(entry.info.size),
      // Even if a browser were to render it: no scripts, no same-origin powers.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    });
    if (head) return new Response(null, { status: 200, headers });
    const opened = openResolvedFile(entry, { fs });
    if (!opened) return notFound(ctx);
    return new Response(fileStream(opened), { status: 200, headers });
  }

  function search(query: URLSearchParams, ctx: PageContext): Response {
    const { tr } = ctx;
    const text = (query.get("q") ?? "").trim().slice(0, 200);
    const nameParam = query.get("name") ?? "";
    const names = catalog.names();
    const name = names.includes(nameParam) ? nameParam : undefined;
    const page = pageParam(query);
    let result;
    if (text !== "") {
      try {
        result = catalog.search(text, { name, limit: searchPageSize, offset: (page - 1) * searchPageSize });
      } catch (err) {
        return htmlResponse(
          layout({
            title: tr.t("web.search.failed.title"),
            crumbs: [homeCrumb(ctx)],
            body: html`<p>${tr.t("web.search.failed.text", { error: shownError(err) })}</p>`,
          }, ctx),
          500,
        );
      }
    }
    return htmlResponse(
      searchPage({ text, name, names, page, pageSize: searchPageSize, result, note: catalog.indexNote }, ctx),
    );
  }

  /** The language of a request's answer, and its page context when it is a page. */
  function contextOf(target: RequestTarget | undefined): PageContext {
    const asked = target && askedLanguage(target.query);
    return pageContext(asked ?? defaultLang, { asked, defaultLang, here: target && pagePath(target) });
  }

  function route(request: Request, target: RequestTarget | undefined, ctx: PageContext): Response {
    const { tr } = ctx;
    if (request.method !== "GET" && request.method !== "HEAD") {
      return textResponse(`${tr.t("web.error.readOnly")}\n`, 405, { Allow: "GET, HEAD" });
    }
    const refused = checkHost(request, allowedHosts);
    if (refused) return textResponse(`${tr.localize(refused.text)}\n`, refused.status);
    if (!target) return notFound(ctx);
    const { segments: s, query } = target;
    if (s.length === 0) return dashboard(ctx);
    if (s.length === 2 && s[0] === "static" && s[1] === "style.css") {
      return new Response(STYLESHEET, {
        headers: baseHeaders({ "Content-Type": "text/css; charset=utf-8", "Cache-Control": "max-age=300" }),
      });
    }
    if (s.length === 1 && s[0] === "search") return search(query, ctx);
    if (s[0] !== "b" || s.length < 2) return notFound(ctx);
    if (s.length === 2) return snapshotList(s[1], ctx);
    const snap = catalog.snapshot(s[1], s[2]);
    if (!snap) return notFound(ctx);
    if (s.length === 3) return browse(snap, [], { query, ctx });
    const rest = s.slice(4);
    switch (s[3]) {
      case "files":
        return browse(snap, rest, { query, ctx });
      case "raw":
        return download(snap, rest, { head: request.method === "HEAD", ctx });
      case "log":
        if (rest.length > 0) return notFound(ctx);
        return htmlResponse(logPage({ snap, log: catalog.runLog(snap), note: catalog.indexNote }, ctx));
      case "changes":
        if (rest.length > 0) return notFound(ctx);
        return htmlResponse(changesPage({
          snap,
          changes: changes.of(catalog, snap),
          page: pageParam(query),
          pageSize: changesPageSize,
          note: catalog.indexNote,
        }, ctx));
      default:
        return notFound(ctx);
    }
  }

  return {
    catalog,
    handle(request: Request): Response {
      let response: Response;
      let lang = defaultLang;
      try {
        const target = parseRequestTarget(request.url);
        const ctx = contextOf(target);
        lang = ctx.tr.lang;
        response = route(request, target, ctx);
      } catch (err) {
        response = textResponse(
          `${translator(lang).t("web.error.internal", { error: shownError(err) })}\n`,
          500,
        );
      }
      if (request.method === "HEAD" && response.body) {
        // Deno.serve sends no body for HEAD; release what a GET body would have held.
        response.body.cancel().catch(() => {});
        return new Response(null, { status: response.status, headers: response.headers });
      }
      return response;
    },
    close(): void {
      catalog.close();
    },
  };
}
