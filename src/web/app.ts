/**
 * The request handler of `phlb serve`: a plain `(Request) => Response` function over a backup root,
 * so tests call it without a socket and the command hands it to Deno.serve.
 *
 * Read-only by construction: only GET and HEAD are answered, the index is opened read-only, and no
 * route writes, deletes or starts anything. Every path parameter is checked (src/web/paths.ts) and
 * resolved inside one snapshot without following symlinks; anything refused is a plain 404. File
 * bytes are only ever sent as `application/octet-stream` attachments, so a backed-up HTML file is
 * never rendered by the browser.
 * @module
 */
import { errorMessage } from "../errors.ts";
import type { BackendFile, DirEntry, FsBackend } from "../fs/native/mod.ts";
import { displayName } from "../fs/native/names.ts";
import { joinPath } from "../fs/path.ts";
import { Catalog, type SnapshotInfo } from "./catalog.ts";
import { type Html, html } from "./html.ts";
import {
  dashboardPage,
  filePage,
  folderPage,
  layout,
  type ListingEntry,
  logPage,
  notFoundPage,
  searchPage,
  snapshotListPage,
  symlinkPage,
} from "./pages.ts";
import {
  isSafeName,
  openResolvedFile,
  parseRequestTarget,
  type ResolvedEntry,
  resolveInSnapshot,
} from "./paths.ts";
import { STYLESHEET } from "./style.ts";

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
   * which stops DNS-rebinding pages from reading a loopback server. Undefined accepts any host.
   */
  allowedHosts?: readonly string[];
  /** Rows per page of folder listings and search results. Default 500 and 50. */
  listingPageSize?: number;
  searchPageSize?: number;
  /** Files up to this size that are UTF-8 text are shown on their page. Default 64 KiB. */
  previewBytes?: number;
  /** The clock, for ages and staleness. */
  now?: () => number;
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

/** The Content-Security-Policy of every page: no scripts, no inline styles, no framing. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Headers every response carries. */
function baseHeaders(extra: Record<string, string>): Headers {
  const h = new Headers({
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": PAGE_CSP,
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
  });
  for (const [k, v] of Object.entries(extra)) h.set(k, v);
  return h;
}

function htmlResponse(page: Html, status = 200): Response {
  return new Response(page.value, {
    status,
    headers: baseHeaders({ "Content-Type": "text/html; charset=utf-8" }),
  });
}

function notFound(): Response {
  return htmlResponse(notFoundPage(), 404);
}

function textResponse(text: string, status: number, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: baseHeaders({ "Content-Type": "text/plain; charset=utf-8", ...extra }),
  });
}

/**
 * A `Content-Disposition: attachment` value for `fileName`: an ASCII fallback `filename="…"` (with
 * anything outside printable ASCII, quotes, backslashes and percent signs replaced by "_") and the
 * exact name as RFC 6266 / RFC 5987 `filename*=UTF-8''…`. A name that is not valid UTF-8 has no
 * UTF-8 form: it is offered as people see it on the pages, its bad bytes written `\xFF`.
 */
export function contentDisposition(fileName: string): string {
  fileName = displayName(fileName);
  let ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_").trim();
  if (ascii === "" || ascii === "." || ascii === "..") ascii = "download";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function pageParam(query: URLSearchParams): number {
  const n = Number(query.get("page") ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}

function kindOfType(type: DirEntry["type"]): ListingEntry["kind"] {
  return type === "symlink" || type === "dir" || type === "file" ? type : "other";
}

/**
 * A file's bytes as a response body, read through the backend in chunks. The file is closed at
 * the end, on an error, and when the client goes away; never while a read is still running (a
 * native read runs on another thread, and a closed descriptor number may be reused at once).
 */
function fileStream(file: BackendFile, chunkBytes = 256 << 10): ReadableStream<Uint8Array> {
  let reading: Promise<unknown> = Promise.resolve();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    reading.then(() => {
      try {
        file.close();
      } catch { /* nothing more to release */ }
    });
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buf = new Uint8Array(chunkBytes);
      const read = file.read(buf);
      reading = read.catch(() => {});
      let n: number | null;
      try {
        n = await read;
      } catch (err) {
        close();
        controller.error(err);
        return;
      }
      if (n === null) {
        close();
        controller.close();
      } else {
        controller.enqueue(buf.subarray(0, n));
      }
    },
    cancel() {
      close();
    },
  });
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds the handler for a backup root. */
export function createApp(options: AppOptions): App {
  const catalog = new Catalog(options.root, { timestampFormat: options.timestampFormat, fs: options.fs });
  const fs = catalog.fs;
  const staleDays = options.staleDays ?? 7;
  const now = options.now ?? Date.now;
  const listingPageSize = options.listingPageSize ?? 500;
  const searchPageSize = options.searchPageSize ?? 50;
  const previewBytes = options.previewBytes ?? 64 << 10;
  const allowedHosts = options.allowedHosts && new Set(options.allowedHosts.map((h) => h.toLowerCase()));

  function dashboard(): Response {
    return htmlResponse(dashboardPage({
      root: catalog.root,
      rows: catalog.overview({ nowMs: now(), staleDays }),
      nowMs: now(),
      staleDays,
      note: catalog.indexNote,
    }));
  }

  function snapshotList(name: string): Response {
    if (!catalog.hasName(name)) return notFound();
    return htmlResponse(
      snapshotListPage({ name, snapshots: catalog.snapshots(name), note: catalog.indexNote }),
    );
  }

  function folder(snap: SnapshotInfo, entry: ResolvedEntry, query: URLSearchParams): Response {
    let dirEntries: DirEntry[];
    try {
      dirEntries = fs.readDir(entry.path);
    } catch {
      return notFound();
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
    }));
  }

  function preview(entry: ResolvedEntry): string | undefined {
    if (entry.info.size === 0 || entry.info.size > previewBytes) return undefined;
    const file = openResolvedFile(entry, { fs });
    if (!file) return undefined;
    try {
      const buf = new Uint8Array(entry.info.size);
      let off = 0;
      while (off < buf.length) {
        const n = file.readSync(buf.subarray(off));
        if (n === null) break;
        off += n;
      }
      const text = new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, off));
      return text.includes("\0") ? undefined : text;
    } catch {
      return undefined;
    } finally {
      file.close();
    }
  }

  function browse(snap: SnapshotInfo, segments: string[], query: URLSearchParams): Response {
    const entry = resolveInSnapshot(snap.dir.path, segments, { fs });
    if (!entry) return notFound();
    const note = catalog.indexNote;
    switch (entry.kind) {
      case "dir":
        return folder(snap, entry, query);
      case "file":
        return htmlResponse(filePage({
          snap,
          rel: entry.rel,
          info: entry.info,
          details: catalog.fileDetails(snap, entry.rel, entry.info),
          preview: preview(entry),
          note,
        }));
      case "symlink": {
        let target: string;
        try {
          target = fs.readLink(entry.path);
        } catch {
          return notFound();
        }
        return htmlResponse(symlinkPage({ snap, rel: entry.rel, target, note }));
      }
      default:
        return notFound();
    }
  }

  function download(snap: SnapshotInfo, segments: string[], head: boolean): Response {
    if (segments.length === 0) return notFound();
    const entry = resolveInSnapshot(snap.dir.path, segments, { fs });
    if (!entry || entry.kind !== "file") return notFound();
    const headers = baseHeaders({
      "Content-Type": "application/octet-stream",
      "Content-Disposition": contentDisposition(segments[segments.length - 1]),
      "Content-Length": String(entry.info.size),
      // Even if a browser were to render it: no scripts, no same-origin powers.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    });
    if (head) return new Response(null, { status: 200, headers });
    const file = openResolvedFile(entry, { fs });
    if (!file) return notFound();
    return new Response(fileStream(file), { status: 200, headers });
  }

  function search(query: URLSearchParams): Response {
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
            title: "Search failed",
            body: html`<p>The index could not be searched: ${errorMessage(err)}</p>`,
          }),
          500,
        );
      }
    }
    return htmlResponse(searchPage({ text, name, names, page, result, note: catalog.indexNote }));
  }

  function route(request: Request): Response {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return textResponse("Only GET and HEAD: phlb serve is read-only.\n", 405, { Allow: "GET, HEAD" });
    }
    if (allowedHosts) {
      // The Host header, or (HTTP/2, or a Request made in a test) the authority of the URL.
      const host =
        (request.headers.get("host") ?? /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(request.url)?.[1] ?? "")
          .toLowerCase();
      if (!allowedHosts.has(host)) return textResponse("Unexpected Host header.\n", 403);
    }
    const target = parseRequestTarget(request.url);
    if (!target) return notFound();
    const { segments: s, query } = target;
    if (s.length === 0) return dashboard();
    if (s.length === 2 && s[0] === "static" && s[1] === "style.css") {
      return new Response(STYLESHEET, {
        headers: baseHeaders({ "Content-Type": "text/css; charset=utf-8", "Cache-Control": "max-age=300" }),
      });
    }
    if (s.length === 1 && s[0] === "search") return search(query);
    if (s[0] !== "b" || s.length < 2) return notFound();
    if (s.length === 2) return snapshotList(s[1]);
    const snap = catalog.snapshot(s[1], s[2]);
    if (!snap) return notFound();
    if (s.length === 3) return browse(snap, [], query);
    const rest = s.slice(4);
    switch (s[3]) {
      case "files":
        return browse(snap, rest, query);
      case "raw":
        return download(snap, rest, request.method === "HEAD");
      case "log":
        if (rest.length > 0) return notFound();
        return htmlResponse(logPage({ snap, log: catalog.runLog(snap), note: catalog.indexNote }));
      default:
        return notFound();
    }
  }

  return {
    catalog,
    handle(request: Request): Response {
      let response: Response;
      try {
        response = route(request);
      } catch (err) {
        response = textResponse(`Internal error: ${errorMessage(err)}\n`, 500);
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
