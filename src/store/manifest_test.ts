import { assertEquals } from "../../tests/assert.ts";
import { testSkippedOn, withTempDir } from "../../tests/helpers.ts";
import { sha256Hex } from "../fs/hash.ts";
import { manifestLine, ManifestWriter, parseManifestLine } from "./manifest.ts";

Deno.test("ManifestWriter: lines across buffer flushes, multi-byte names and one longer than the buffer", async () => {
  await withTempDir((t) => {
    const hash = "ab".repeat(32);
    const names: string[] = [];
    for (let i = 0; i < 3000; i++) names.push(`dir ${i % 7}/fïle-${i}-😀.txt`);
    names.splice(1500, 0, "x".repeat(30_000), "back\\slash\nnewline");
    const w = new ManifestWriter(`${t}/m.sha256`);
    for (const n of names) w.add(hash, n);
    w.close();
    const expected = names.map((n) => manifestLine(hash, n)).join("");
    assertEquals(Deno.readTextFileSync(`${t}/m.sha256`), expected);
  });
});

Deno.test("manifest lines: a backslash, a newline and a carriage return are escaped, and parse back", () => {
  const hash = "0f".repeat(32);
  const table: [string, string][] = [
    ["plain", `${hash}  plain\n`],
    ["end\r", `\\${hash}  end\\r\n`],
    ["mid\rdle", `\\${hash}  mid\\rdle\n`],
    ["back\\slash", `\\${hash}  back\\\\slash\n`],
    ["new\nline", `\\${hash}  new\\nline\n`],
  ];
  for (const [name, line] of table) {
    assertEquals(manifestLine(hash, name), line, JSON.stringify(name));
    assertEquals(parseManifestLine(line.slice(0, -1)), { hash, path: name });
  }
});

testSkippedOn("windows", "Windows has no coreutils sha256sum, and forbids a carriage return in a name")(
  "manifest lines escape and parse a backslash, a newline and a carriage return as coreutils 9 does",
  async () => {
    await withTempDir(async (t) => {
      const names = ["end\r", "mid\rdle", "back\\slash", "new\nline", "plain"];
      for (const n of names) Deno.writeTextFileSync(`${t}/${n}`, n);
      const r = await new Deno.Command("sha256sum", { args: ["--", ...names], cwd: t, stdout: "piped" })
        .output();
      const coreutils = new TextDecoder().decode(r.stdout);
      assertEquals(
        names.map((n) => manifestLine(sha256Hex(new TextEncoder().encode(n)), n)).join(""),
        coreutils,
      );
      assertEquals(coreutils.split("\n").slice(0, -1).map((l) => parseManifestLine(l)?.path), names);
    });
  },
);
