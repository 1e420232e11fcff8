/**
 * The responses of `phlb serve`: every one carries the same protective headers (no scripts, no
 * framing, no sniffing, no caching); pages are HTML, refusals plain text, and file bytes a stream
 * of an attachment that the browser saves, never renders.
 * @module
 */
import type { BackendFile } from "../fs/native/mod.ts";
import { displayName } from "../fs/native/names.ts";
import type { Html } from "./html.ts";

/** The Content-Security-Policy of every page: no scripts, no inline styles, no framing. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Headers every response carries, with `extra` on top. */
export function baseHeaders(extra: Record<string, string>): Headers {
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

/** An HTML page. */
export function htmlResponse(page: Html, status = 200): Response {
  return new Response(page.value, {
    status,
    headers: baseHeaders({ "Content-Type": "text/html; charset=utf-8" }),
  });
}

/** A plain-text answer (refusals, errors). */
export function textResponse(text: string, status: number, extra: Record<string, string> = {}): Response {
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

/**
 * A file's bytes as a response body, read through the backend in chunks. The file is closed at
 * the end, on an error, and when the client goes away; never while a read is still running (a
 * native read runs on another thread, and a closed descriptor number may be reused at once).
 */
export function fileStream(file: BackendFile, chunkBytes = 256 << 10): ReadableStream<Uint8Array> {
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
