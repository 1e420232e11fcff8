import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir, writeTree } from "../../tests/helpers.ts";
import {
  decodeSegment,
  isSafeName,
  openResolvedFile,
  parseRequestTarget,
  resolveInSnapshot,
} from "./paths.ts";

Deno.test("parseRequestTarget splits and decodes segments and keeps the query", () => {
  const t = parseRequestTarget(
    "http://127.0.0.1:8484/b/src/2026-01-01-100000/files/caf%C3%A9%20x/?page=2#frag",
  )!;
  assertEquals(t.segments, ["b", "src", "2026-01-01-100000", "files", "café x"]);
  assertEquals(t.trailingSlash, true);
  assertEquals(t.query.get("page"), "2");
  assertEquals(parseRequestTarget("http://h/")!.segments, []);
  assertEquals(parseRequestTarget("http://h")!.segments, []);
  assertEquals(parseRequestTarget("http://h/search?q=a%2Fb")!.query.get("q"), "a/b");
  // A name that is "%2e%2e" after one decoding is a name, not the parent.
  assertEquals(parseRequestTarget("http://h/a/%252e%252e")!.segments, ["a", "%2e%2e"]);
});

Deno.test("parseRequestTarget refuses traversal, encoded separators, NUL and malformed escapes", () => {
  for (
    const target of [
      "/a/../b",
      "/a/./b",
      "/..",
      "/a/%2e%2e/b",
      "/a/%2E%2e/b",
      "/a/.%2e/b",
      "/a/%2e/b",
      "/a/..%2fb",
      "/a/%2fetc",
      "/a/%2F",
      "/a\\..\\b",
      "/a/b\\c",
      "/a/%5c",
      "/a/%5C..",
      "/a/%00",
      "/a/x%00.txt",
      "//etc/passwd",
      "/a//b",
      "/a/%",
      "/a/%zz",
      "/a/%c0%ae%c0%ae",
      "/a/%ff",
    ]
  ) {
    assertEquals(parseRequestTarget(`http://127.0.0.1:8484${target}`), undefined, target);
  }
});

Deno.test("decodeSegment decodes once and isSafeName refuses what could leave a folder", () => {
  assertEquals(decodeSegment("a%20b"), "a b");
  assertEquals(decodeSegment("%25"), "%");
  assertEquals(decodeSegment("%2e%2e"), undefined);
  assertEquals(decodeSegment(""), undefined);
  for (const bad of ["", ".", "..", "a/b", "a\\b", "a\0b", "/"]) {
    assert(!isSafeName(bad), JSON.stringify(bad));
  }
  for (const good of ["...", ".hidden", "a..b", "%2e%2e", "名前", "a b"]) assert(isSafeName(good), good);
});

Deno.test("resolveInSnapshot finds folders and files, shows a last symlink without following it", async () => {
  await withTempDir((dir) => {
    const snap = `${dir}/snap`;
    writeTree(snap, { "a/b.txt": "b", "c.txt": "c" });
    writeTree(dir, { "secret/s.txt": "secret" });
    Deno.symlinkSync(`${dir}/secret`, `${snap}/out`);
    Deno.symlinkSync("a", `${snap}/inside`);
    Deno.symlinkSync("../secret/s.txt", `${snap}/a/up.txt`);
    assertEquals(resolveInSnapshot(snap, [])?.kind, "dir");
    assertEquals(resolveInSnapshot(snap, ["a"])?.kind, "dir");
    const b = resolveInSnapshot(snap, ["a", "b.txt"])!;
    assertEquals([b.kind, b.rel], ["file", "a/b.txt"]);
    assertEquals(resolveInSnapshot(snap, ["out"])?.kind, "symlink");
    assertEquals(resolveInSnapshot(snap, ["a", "up.txt"])?.kind, "symlink");
    // Through a symlinked folder, inside or outside: unknown.
    assertEquals(resolveInSnapshot(snap, ["out", "s.txt"]), undefined);
    assertEquals(resolveInSnapshot(snap, ["inside", "b.txt"]), undefined);
    // A file used as a folder, a missing name, and unsafe names.
    assertEquals(resolveInSnapshot(snap, ["c.txt", "x"]), undefined);
    assertEquals(resolveInSnapshot(snap, ["nope"]), undefined);
    assertEquals(resolveInSnapshot(snap, [".."]), undefined);
    assertEquals(resolveInSnapshot(snap, ["a", "..", "..", "secret"]), undefined);
    assertEquals(resolveInSnapshot(snap, ["a/../../secret"]), undefined);
    // The snapshot folder itself must be a real folder, not a symlink.
    Deno.symlinkSync(snap, `${dir}/snaplink`);
    assertEquals(resolveInSnapshot(`${dir}/snaplink`, ["c.txt"]), undefined);
  });
});

Deno.test("openResolvedFile refuses a file that was swapped for a symlink after it was resolved", async () => {
  await withTempDir((dir) => {
    const snap = `${dir}/snap`;
    writeTree(snap, { "f.txt": "mine" });
    writeTree(dir, { "other.txt": "other" });
    const entry = resolveInSnapshot(snap, ["f.txt"])!;
    const ok = openResolvedFile(entry);
    assert(ok, "the resolved file opens");
    ok.close();
    Deno.removeSync(`${snap}/f.txt`);
    Deno.symlinkSync(`${dir}/other.txt`, `${snap}/f.txt`);
    assertEquals(openResolvedFile(entry), undefined);
  });
});
