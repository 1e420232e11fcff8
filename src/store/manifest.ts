/**
 * The per-snapshot manifest `TIMESTAMP.sha256`, in the exact format of coreutils `sha256sum`,
 * so `cd TIMESTAMP && sha256sum -c ../TIMESTAMP.sha256` checks a snapshot with no phlb at all.
 *
 * Names holding a backslash, a newline or a carriage return use coreutils' escape (as coreutils 9
 * writes it): the line starts with "\", "\" is written "\\", a newline "\n" and a carriage return "\r".
 *
 * The file is bytes: each path is written as its exact bytes (names.ts `encodeName`), which are
 * not valid UTF-8 for such names, as `sha256sum` itself writes them; lines are split at byte 0x0A
 * and decoded with `decodeName`, giving fs-strings (FORMAT.md, "The manifest").
 * @module
 */
import { renameRetrying } from "../fs/atomic.ts";
import { decodeName, encodeName } from "../fs/native/names.ts";

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** One manifest line (with its trailing newline). */
export function manifestLine(hashHex: string, rel: string): string {
  if (rel.includes("\\") || rel.includes("\n") || rel.includes("\r")) {
    const escaped = rel.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll("\r", "\\r");
    return `\\${hashHex}  ${escaped}\n`;
  }
  return `${hashHex}  ${rel}\n`;
}

/** A parsed manifest line. */
export interface ManifestEntry {
  /** Lowercase hex sha256. */
  hash: string;
  /** "/"-separated path relative to the snapshot. */
  path: string;
}

/** Parses one manifest line (without its newline). Returns undefined for a malformed line. */
export function parseManifestLine(line: string): ManifestEntry | undefined {
  let escaped = false;
  if (line.startsWith("\\")) {
    escaped = true;
    line = line.slice(1);
  }
  const m = /^([0-9a-fA-F]{64}) [ *](.*)$/s.exec(line);
  if (!m) return undefined;
  let path = m[2];
  if (escaped) {
    path = path.replace(/\\(.)/gs, (_all, c: string) => c === "n" ? "\n" : c === "r" ? "\r" : c);
  }
  return { hash: m[1].toLowerCase(), path };
}

/**
 * Compares two "/"-separated paths in walk order (depth-first, names by UTF-16 code units): the
 * order of a manifest's lines. Restore and `phlb copy` read manifests alongside a walk with it.
 */
export function compareWalkOrder(a: string, b: string): number {
  const pa = a.split("/");
  const pb = b.split("/");
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Reads a whole manifest, calling `onEntry` for each entry and `onBadLine` for malformed lines. */
export function* readManifest(
  path: string,
  onBadLine?: (lineNo: number, line: string) => void,
): Generator<ManifestEntry> {
  const bytes = Deno.readFileSync(path);
  let text: string;
  try {
    text = fatalDecoder.decode(bytes);
  } catch {
    // A path that is not valid UTF-8: decode line by line, each bad byte as its escape.
    text = "";
    let from = 0;
    while (from < bytes.length) {
      let to = bytes.indexOf(0x0a, from);
      if (to < 0) to = bytes.length;
      text += decodeName(bytes.subarray(from, to)) + (to < bytes.length ? "\n" : "");
      from = to + 1;
    }
  }
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (line === "") continue;
    const e = parseManifestLine(line);
    if (e) yield e;
    else onBadLine?.(lineNo, line);
  }
}

/**
 * Reads a manifest line by line, a chunk of the file at a time, so that memory does not grow with
 * its length (`phlb copy` reads one beside each snapshot it copies). The same entries as
 * {@linkcode readManifest}; close it when done.
 */
export class ManifestReader {
  #file: Deno.FsFile;
  #buf = new Uint8Array(256 << 10);
  #chunk = new Uint8Array(0);
  #pos = 0;
  #eof = false;
  #lineNo = 0;
  #onBadLine?: (lineNo: number, line: string) => void;

  /** Opens `path` (throws when it cannot be read). */
  constructor(path: string, options: { onBadLine?: (lineNo: number, line: string) => void } = {}) {
    this.#file = Deno.openSync(path, { read: true });
    this.#onBadLine = options.onBadLine;
  }

  /** The next entry, or undefined at the end. Malformed lines go to `onBadLine`. */
  next(): ManifestEntry | undefined {
    for (;;) {
      const line = this.#nextLine();
      if (line === undefined) return undefined;
      this.#lineNo++;
      if (line.length === 0) continue;
      const text = decodeName(line);
      const e = parseManifestLine(text);
      if (e) return e;
      this.#onBadLine?.(this.#lineNo, text);
    }
  }

  #nextLine(): Uint8Array | undefined {
    for (;;) {
      const end = this.#chunk.indexOf(0x0a, this.#pos);
      if (end >= 0) {
        const line = this.#chunk.subarray(this.#pos, end);
        this.#pos = end + 1;
        return line;
      }
      if (this.#eof) {
        if (this.#pos >= this.#chunk.length) return undefined;
        const last = this.#chunk.subarray(this.#pos);
        this.#pos = this.#chunk.length;
        return last;
      }
      const n = this.#file.readSync(this.#buf);
      const rest = this.#chunk.subarray(this.#pos);
      if (n === null) {
        this.#eof = true;
        this.#chunk = rest.slice();
      } else {
        // A line longer than what is left is carried into the next chunk (copied: the buffer is reused).
        const joined = new Uint8Array(rest.length + n);
        joined.set(rest);
        joined.set(this.#buf.subarray(0, n), rest.length);
        this.#chunk = joined;
      }
      this.#pos = 0;
    }
  }

  /** Closes the file. Safe to call twice. */
  close(): void {
    try {
      this.#file.close();
    } catch { /* closed already */ }
  }
}

/**
 * Appends manifest lines to a file through a fixed byte buffer. Each line is encoded into it at
 * once, so no line outlives the call: queued strings would survive young-generation collections
 * and pile up in the old generation as garbage.
 */
export class ManifestWriter {
  #file: Deno.FsFile;
  #buf = new Uint8Array(64 << 10);
  #len = 0;
  #encoder = new TextEncoder();

  /**
   * Opens (creating or truncating) `path`, with `options.mode` (before the umask; a file left by an
   * earlier run is given it too).
   */
  constructor(path: string, options: { mode?: number } = {}) {
    this.#file = Deno.openSync(path, { write: true, create: true, truncate: true, mode: options.mode });
    if (options.mode !== undefined && Deno.build.os !== "windows") {
      const now = this.#file.statSync().mode;
      if (now !== null && (now & 0o777 & ~options.mode) !== 0) Deno.chmodSync(path, options.mode);
    }
  }

  /** Queues one entry. */
  add(hashHex: string, rel: string): void {
    const line = manifestLine(hashHex, rel);
    if (!line.isWellFormed()) {
      // Escaped bytes (a name that is not valid UTF-8) are written as the bytes themselves.
      this.flush();
      this.#writeAll(encodeName(line));
      return;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.#len + 3 * line.length > this.#buf.length) {
      this.flush();
      if (3 * line.length > this.#buf.length) {
        this.#writeAll(this.#encoder.encode(line));
        return;
      }
    }
    this.#len += this.#encoder.encodeInto(line, this.#buf.subarray(this.#len)).written;
  }

  /** Writes queued lines to the file. */
  flush(): void {
    if (this.#len === 0) return;
    this.#writeAll(this.#buf.subarray(0, this.#len));
    this.#len = 0;
  }

  #writeAll(data: Uint8Array): void {
    let off = 0;
    while (off < data.length) off += this.#file.writeSync(data.subarray(off));
  }

  /** Flushes, fsyncs and closes. */
  close(): void {
    try {
      this.flush();
      this.#file.syncSync();
    } finally {
      this.#file.close();
    }
  }
}

/**
 * Writes manifest `path` again without the entries whose path is in `without` (with or without a
 * leading "./"), keeping every other line's hash and order and the file's mode: a temporary file
 * `path.tmp`, fsynced, renamed over it. Only for a manifest without malformed lines (they would be
 * lost). Returns how many entries were left out.
 */
export function rewriteManifestWithout(path: string, without: ReadonlySet<string>): number {
  const mode = Deno.build.os === "windows" ? undefined : (Deno.statSync(path).mode ?? 0o600) & 0o777;
  const tmp = `${path}.tmp`;
  const writer = new ManifestWriter(tmp, { mode });
  let left = 0;
  try {
    for (const e of readManifest(path)) {
      if (without.has(e.path.startsWith("./") ? e.path.slice(2) : e.path)) left++;
      else writer.add(e.hash, e.path);
    }
  } catch (err) {
    try {
      writer.close();
    } catch { /* already failing */ }
    try {
      Deno.removeSync(tmp);
    } catch { /* not there */ }
    throw err;
  }
  writer.close();
  renameRetrying(tmp, path);
  return left;
}
