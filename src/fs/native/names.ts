/**
 * File names as bytes and as strings: the one reversible mapping between the two.
 *
 * POSIX names are bytes; phlb works in strings. A name read as bytes becomes a string by decoding
 * UTF-8, where each byte that is not part of a valid UTF-8 sequence becomes the lone surrogate
 * U+DC80..U+DCFF ("surrogateescape", as Python's `os.fsdecode`). Valid UTF-8 never decodes to a lone
 * surrogate, so the mapping is injective and {@linkcode encodeName} gives back the exact bytes.
 * Such strings ("fs-strings") join, sort and key maps like any string; only the native backend can
 * hand them to the OS, and the index and manifest store them as defined here (see FORMAT.md).
 *
 * Pure functions only: no file access.
 * @module
 */

// ignoreBOM keeps a leading U+FEFF: it is part of a name, not a byte-order mark.
const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** True when `name` holds escaped bytes, i.e. the name on disk is not valid UTF-8. */
export function hasRawBytes(name: string): boolean {
  return !name.isWellFormed();
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0 when there is none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const cont = (j: number) => j < bytes.length && (bytes[j] & 0xc0) === 0x80;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const b1 = bytes[i + 1];
    // No overlongs (E0 80..9F) and no UTF-16 surrogates (ED A0..BF).
    if (b0 === 0xe0 && !(b1 >= 0xa0 && b1 <= 0xbf)) return 0;
    if (b0 === 0xed && !(b1 >= 0x80 && b1 <= 0x9f)) return 0;
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const b1 = bytes[i + 1];
    // No overlongs (F0 80..8F) and nothing above U+10FFFF (F4 90..).
    if (b0 === 0xf0 && !(b1 >= 0x90 && b1 <= 0xbf)) return 0;
    if (b0 === 0xf4 && !(b1 >= 0x80 && b1 <= 0x8f)) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

function decodeEscaping(bytes: Uint8Array): string {
  const units: number[] = [];
  let out = "";
  for (let i = 0; i < bytes.length;) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) {
      units.push(0xdc00 + bytes[i]);
      i++;
      continue;
    }
    let cp = n === 1 ? bytes[i] : bytes[i] & (0xff >> (n + 1));
    for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[i + k] & 0x3f);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    i += n;
    if (units.length >= 4096) {
      out += String.fromCharCode.apply(null, units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode.apply(null, units);
}

/**
 * Bytes (a name, a path, a symlink target, a manifest) to an fs-string. Valid UTF-8 decodes as
 * usual; every other byte b becomes U+DC00+b.
 */
export function decodeName(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  // apply() takes the typed array as is; a spread would copy it first (five times slower, measured).
  if (ascii && bytes.length <= 4096) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

function encodeEscaping(s: string, out: Uint8Array): number {
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (o + 4 > out.length) return -1;
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 0x3f);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xdc80 && c <= 0xdcff) {
      out[o++] = c - 0xdc00;
    } else {
      // Any other lone surrogate has no bytes; like TextEncoder, it becomes U+FFFD.
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return o;
}

/**
 * Decodes `count` names stored back to back in `joined`, each followed by a NUL byte. One decoder
 * call for a whole folder is much cheaper than one per name; a folder holding a name that is not
 * valid UTF-8 falls back to {@linkcode decodeName} per name.
 */
export function decodeJoinedNames(joined: Uint8Array, count: number): string[] {
  let text: string | undefined;
  try {
    text = fatalDecoder.decode(joined);
  } catch { /* some name is not valid UTF-8 */ }
  if (text !== undefined) {
    const names = text.split("\0");
    names.length = count;
    return names;
  }
  const names: string[] = [];
  let start = 0;
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] !== 0) continue;
    names.push(decodeName(joined.subarray(start, i)));
    start = i + 1;
  }
  return names;
}

/**
 * Writes the bytes of fs-string `s` into `out` and returns how many were written, or -1 when `out`
 * is too small. The allocation-free form of {@linkcode encodeName}, for per-call path buffers.
 */
export function encodeNameInto(s: string, out: Uint8Array): number {
  if (s.isWellFormed()) {
    const r = encoder.encodeInto(s, out);
    return r.read < s.length ? -1 : r.written;
  }
  return encodeEscaping(s, out);
}

/** An fs-string back to its exact bytes (the inverse of {@linkcode decodeName}). */
export function encodeName(s: string): Uint8Array {
  if (s.isWellFormed()) return encoder.encode(s);
  const out = new Uint8Array(s.length * 3 + 4);
  return out.slice(0, encodeEscaping(s, out));
}

/** A NUL-terminated copy of an fs-string's bytes, as C calls take paths. */
export function cString(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3 + 1);
  const n = encodeNameInto(s, out);
  return out.slice(0, n + 1);
}

/**
 * How the index stores a name, a folder path or a symlink target: TEXT when it is valid UTF-8
 * (every name phlb could store before), otherwise a BLOB of the exact bytes. SQLite never finds a
 * BLOB equal to a TEXT, so the two kinds cannot collide, and `CAST(col AS BLOB)` is the byte form
 * of both.
 */
export function nameToIndex(name: string): string | Uint8Array {
  return name.isWellFormed() ? name : encodeName(name);
}

/** The inverse of {@linkcode nameToIndex}, for a value read from the index. */
export function nameFromIndex(value: string | Uint8Array): string {
  return typeof value === "string" ? value : decodeName(value);
}

/**
 * A name for people: escaped bytes are shown as `\xHH`. Only for messages; it is not a path, and a
 * name that literally holds the text `\xFF` looks the same.
 */
export function displayName(name: string): string {
  if (name.isWellFormed()) return name;
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    out += c >= 0xdc80 && c <= 0xdcff ? "\\x" + (c - 0xdc00).toString(16).toUpperCase() : name[i];
  }
  return out;
}
