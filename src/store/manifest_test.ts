import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { manifestLine, ManifestWriter } from "./manifest.ts";

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
