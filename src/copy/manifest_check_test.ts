import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { manifestLine } from "../store/manifest.ts";
import { ManifestCheck, SourceDamageError } from "./manifest_check.ts";

const H = (c: string) => c.repeat(64);

/** Runs the stored files `stored` (in walk order) against a manifest of `listed`; the damage, or "". */
function check(listed: Array<[string, string]>, stored: Array<[string, string]>): string {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/m.sha256`;
    Deno.writeTextFileSync(path, listed.map(([rel, h]) => manifestLine(h, rel)).join(""));
    const c = new ManifestCheck(path, "docs/ID");
    try {
      for (const [rel, h] of stored) c.file(rel, h);
      c.end();
      return "";
    } catch (err) {
      assert(err instanceof SourceDamageError, String(err));
      return err.message.replace("The source snapshot docs/ID is damaged: ", "");
    } finally {
      c.close();
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

Deno.test("ManifestCheck: the stored files must be the manifest's lines, in walk order, with their hashes", () => {
  const listed: Array<[string, string]> = [["a/x", H("a")], ["a/y\nz", H("b")], ["a.txt", H("c")], [
    "b",
    H("d"),
  ]];
  assertEquals(check(listed, listed), "");
  assertEquals(
    check(listed, [["a/x", H("a")], ["a/y\nz", H("e")], ["a.txt", H("c")], ["b", H("d")]]),
    `"a/y\\nz" holds bytes with sha256 ${H("e")}; its manifest says ${H("b")}`,
  );
  assertEquals(
    check(listed, [["a/x", H("a")], ["a.txt", H("c")], ["b", H("d")]]),
    `"a/y\\nz" is in its manifest but was not copied (missing or unreadable)`,
  );
  assertEquals(
    check(listed, [["a/x", H("a")], ["a/y\nz", H("b")], ["a/zz", H("f")], ["a.txt", H("c")]]),
    `"a/zz" is in the snapshot but not in its manifest`,
  );
  assertEquals(
    check(listed, listed.slice(0, 3)),
    `"b" is in its manifest but was not copied (missing or unreadable)`,
  );
  assertEquals(check([], []), "");
  assertEquals(check([], [["x", H("a")]]), `"x" is in the snapshot but not in its manifest`);
});

Deno.test("ManifestCheck reads a long manifest in chunks: lines across chunk borders, names that are not UTF-8", async () => {
  await withTempDir((t) => {
    const path = `${t}/m.sha256`;
    const lines: Uint8Array[] = [];
    const names: string[] = [];
    for (let i = 0; i < 20_000; i++) names.push(`dir${String(i).padStart(6, "0")}/${"n".repeat(i % 50)}`);
    for (const n of names) lines.push(new TextEncoder().encode(manifestLine(H("a"), n)));
    // The raw bytes 61 FF: the fs-string "a\udcff".
    const raw = new Uint8Array([...new TextEncoder().encode(`${H("b")}  zz/a`), 0xff, 0x0a]);
    const all = new Uint8Array(lines.reduce((n, l) => n + l.length, 0) + raw.length);
    let off = 0;
    for (const l of [...lines, raw]) {
      all.set(l, off);
      off += l.length;
    }
    Deno.writeFileSync(path, all);
    const c = new ManifestCheck(path, "docs/ID");
    for (const n of names) c.file(n, H("a"));
    c.file("zz/a\udcff", H("b"));
    c.end();
    c.close();
  });
});
