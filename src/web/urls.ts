/**
 * The URL scheme of `phlb serve`, built in one place so pages and routes agree:
 *
 *     /                              dashboard
 *     /b/NAME/                       the snapshots of a backup name
 *     /b/NAME/ID/                    a snapshot's top folder (same as /b/NAME/ID/files/)
 *     /b/NAME/ID/files/PATH[/]       a folder listing, or a file's page
 *     /b/NAME/ID/raw/PATH            a file's bytes, as a download
 *     /b/NAME/ID/log                 the run's summary and log
 *     /search?q=TEXT&name=NAME&page=N
 *     /static/style.css
 *
 * Every path segment is percent-encoded on its own, so a "/" or "%" in a name never changes the
 * path's shape; the server decodes each segment once.
 * @module
 */

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function encRel(rel: string): string {
  return rel === "" ? "" : rel.split("/").map(enc).join("/");
}

/** The snapshot list of a backup name. */
export function nameUrl(name: string): string {
  return `/b/${enc(name)}/`;
}

/** A snapshot's top folder. */
export function snapshotUrl(name: string, snapId: string): string {
  return `/b/${enc(name)}/${enc(snapId)}/`;
}

/** A folder (trailing "/") or file page inside a snapshot. */
export function filesUrl(name: string, snapId: string, rel: string, options: { dir?: boolean } = {}): string {
  if (rel === "") return snapshotUrl(name, snapId);
  return `/b/${enc(name)}/${enc(snapId)}/files/${encRel(rel)}${options.dir ? "/" : ""}`;
}

/** A file's download. */
export function rawUrl(name: string, snapId: string, rel: string): string {
  return `/b/${enc(name)}/${enc(snapId)}/raw/${encRel(rel)}`;
}

/** A snapshot's run log and summary. */
export function logUrl(name: string, snapId: string): string {
  return `/b/${enc(name)}/${enc(snapId)}/log`;
}

/** A search results page. */
export function searchUrl(query: { text?: string; name?: string; page?: number } = {}): string {
  const p = new URLSearchParams();
  if (query.text) p.set("q", query.text);
  if (query.name) p.set("name", query.name);
  if (query.page && query.page > 1) p.set("page", String(query.page));
  const s = p.toString();
  return s ? `/search?${s}` : "/search";
}

/** The stylesheet. */
export const STYLE_URL = "/static/style.css";
