import { assert, assertEquals, assertNotEquals } from "../../../tests/assert.ts";
import { sh, testSkippedOn, withTempDir } from "../../../tests/helpers.ts";
import { manifestLine, parseManifestLine } from "../../store/manifest.ts";
import { sha256Hex } from "../hash.ts";
import {
  cString,
  decodeJoinedNames,
  decodeName,
  displayName,
  encodeName,
  encodeNameInto,
  hasRawBytes,
  nameFromIndex,
  nameToIndex,
} from "./names.ts";

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A small deterministic PRNG (mulberry32), so a failing case can be reproduced. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test("decodeName: valid UTF-8 decodes as usual and encodes back to the same bytes", () => {
  for (
    const s of ["", "a", "plain.txt", "Grüße", "日本語", "emoji 😀 x", "\uFFFD", "a\\b\nc", "x".repeat(300)]
  ) {
    const b = utf8(s);
    assertEquals(decodeName(b), s);
    assertEquals(encodeName(s), b);
    assert(!hasRawBytes(s), s);
  }
});

Deno.test("decodeName: every byte that is not valid UTF-8 becomes U+DC00+byte and round-trips", () => {
  assertEquals(decodeName(bytes(0x61, 0xff, 0x62)), "a\udcffb");
  // Overlong "/", an encoded UTF-16 surrogate, a code point above U+10FFFF, a truncated sequence,
  // a lone continuation byte: each bad byte is escaped on its own.
  assertEquals(decodeName(bytes(0xc0, 0xaf)), "\udcc0\udcaf");
  assertEquals(decodeName(bytes(0xed, 0xa0, 0x80)), "\udced\udca0\udc80");
  assertEquals(decodeName(bytes(0xf4, 0x90, 0x80, 0x80)), "\udcf4\udc90\udc80\udc80");
  assertEquals(decodeName(bytes(0xe2, 0x82, 0x41)), "\udce2\udc82A");
  assertEquals(decodeName(bytes(0x80)), "\udc80");
  // Valid sequences next to bad bytes are kept as characters.
  assertEquals(decodeName(bytes(0xff, 0xc3, 0xa9, 0xfe)), "\udcffé\udcfe");
  for (let b = 0; b < 256; b++) {
    const one = bytes(b);
    assertEquals(encodeName(decodeName(one)), one, `byte ${b}`);
    assertEquals(hasRawBytes(decodeName(one)), b >= 0x80, `byte ${b}`);
  }
});

Deno.test("decodeName/encodeName: random byte strings round-trip, and only valid UTF-8 is well-formed", () => {
  const rnd = prng(9);
  const fatal = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i < 3000; i++) {
    const len = Math.floor(rnd() * 40);
    const b = new Uint8Array(len);
    // Bias towards bytes that make (in)valid multi-byte sequences.
    for (let k = 0; k < len; k++) {
      b[k] = rnd() < 0.5 ? 0x80 + Math.floor(rnd() * 0x80) : Math.floor(rnd() * 256);
    }
    const s = decodeName(b);
    assertEquals(encodeName(s), b, `case ${i}: ${Array.from(b)}`);
    let valid = true;
    try {
      fatal.decode(b);
    } catch {
      valid = false;
    }
    assertEquals(!hasRawBytes(s), valid, `case ${i}`);
  }
});

Deno.test("decodeName: names that differ in bytes never decode to the same string", () => {
  const names = [bytes(0xff), utf8("\uFFFD"), utf8("ÿ"), utf8("\\xFF"), bytes(0xc3), bytes(0xff, 0xfe)];
  const seen = new Set(names.map(decodeName));
  assertEquals(seen.size, names.length);
});

Deno.test("decodeName: a leading U+FEFF is part of the name, not a byte-order mark to drop", () => {
  assertEquals(decodeName(bytes(0xef, 0xbb, 0xbf, 0x61)), "\uFEFFa");
  assertEquals(decodeJoinedNames(bytes(0xef, 0xbb, 0xbf, 0x61, 0), 1), ["\uFEFFa"]);
});

Deno.test("decodeJoinedNames: NUL-separated names, valid or not, decode like decodeName one by one", () => {
  const names = [utf8("plain"), utf8("é😀"), bytes(0x61, 0xff), utf8(""), bytes(0xc3)];
  for (const set of [names.slice(0, 2), names]) {
    const joined = new Uint8Array(set.reduce((n, b) => n + b.length + 1, 0));
    let o = 0;
    for (const b of set) {
      joined.set(b, o);
      o += b.length + 1;
    }
    assertEquals(decodeJoinedNames(joined, set.length), set.map(decodeName));
  }
  assertEquals(decodeJoinedNames(new Uint8Array(0), 0), []);
});

Deno.test("encodeNameInto: writes into a buffer, says -1 when it does not fit", () => {
  const buf = new Uint8Array(8);
  assertEquals(encodeNameInto("ab\udcff", buf), 3);
  assertEquals(buf.subarray(0, 3), bytes(0x61, 0x62, 0xff));
  assertEquals(encodeNameInto("abcdefghi", buf), -1);
  assertEquals(encodeNameInto("é".repeat(5), buf), -1);
  assertEquals(cString("a\udcff"), bytes(0x61, 0xff, 0));
  // A lone surrogate outside the escape range has no bytes: like TextEncoder, it becomes U+FFFD.
  assertEquals(encodeName("\ud800"), utf8("\uFFFD"));
});

Deno.test("nameToIndex: TEXT for valid UTF-8 (unchanged from format 1), BLOB of the bytes otherwise", () => {
  assertEquals(nameToIndex("a/b c.txt"), "a/b c.txt");
  assertEquals(nameToIndex("dir/a\udcffb"), bytes(0x64, 0x69, 0x72, 0x2f, 0x61, 0xff, 0x62));
  for (const s of ["plain", "dir/a\udcffb", "\udcfe\udcff", "é\udc80"]) {
    assertEquals(nameFromIndex(nameToIndex(s)), s);
  }
});

Deno.test("displayName: escaped bytes show as \\xHH", () => {
  assertEquals(displayName("a\udcffb"), "a\\xFFb");
  assertEquals(displayName("plain"), "plain");
});

Deno.test("manifest: a raw name is written as its exact bytes and read back to the same fs-string", () => {
  const hash = "ab".repeat(32);
  for (const rel of ["dir/a\udcffb", "back\\slash\udcfe", "new\nline\udcff", "ok/é"]) {
    const line = encodeName(manifestLine(hash, rel));
    if (hasRawBytes(rel)) assert(line.includes(0xff) || line.includes(0xfe), "raw byte kept in the line");
    const text = decodeName(line);
    assertEquals(text.endsWith("\n"), true);
    assertEquals(parseManifestLine(text.slice(0, -1)), { hash, path: rel });
  }
});

testSkippedOn("windows", "Windows has no coreutils sha256sum, and no name there is bytes that are not UTF-8")(
  "manifest: coreutils sha256sum -c checks a file whose name is not valid UTF-8",
  async () => {
    await withTempDir(async (dir) => {
      // The file is made by the shell, so this test needs no FFI: it pins the format, not a backend.
      const made = await sh(
        `mkdir -p snap/sub && printf 'hello' > $'snap/sub/a\\xffb' && printf 'x' > snap/plain`,
        {
          cwd: dir,
        },
      );
      assertEquals(made.code, 0, made.stderr);
      const lines = [
        manifestLine(sha256Hex(utf8("x")), "plain"),
        manifestLine(sha256Hex(utf8("hello")), "sub/a\udcffb"),
      ];
      Deno.writeFileSync(`${dir}/snap.sha256`, encodeName(lines.join("")));
      const ok = await sh("cd snap && sha256sum -c ../snap.sha256", { cwd: dir });
      assertEquals(ok.code, 0, ok.stdout + ok.stderr);
      // And it fails when the bytes do not match the name on disk (the test can fail).
      Deno.writeFileSync(`${dir}/bad.sha256`, utf8(manifestLine(sha256Hex(utf8("hello")), "sub/a\uFFFDb")));
      const bad = await sh("cd snap && sha256sum -c ../bad.sha256", { cwd: dir });
      assertNotEquals(bad.code, 0);
    });
  },
);
