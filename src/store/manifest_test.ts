import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { sha256Hex } from "../fs/hash.ts";
import { manifestLine, ManifestWriter, parseManifestLine, rewriteManifestWithout } from "./manifest.ts";

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

Deno.test("manifest lines escape and parse a backslash, a newline and a carriage return as coreutils 9 does", async () => {
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
});

Deno.test("rewriteManifestWithout: leaves out exactly the given paths, keeps every other line byte for byte, and the mode", async () => {
  await withTempDir((t) => {
    const path = `${t}/m.sha256`;
    const h = (c: string) => c.repeat(64);
    // Bytes that are not UTF-8 (a raw name), an escaped name, a "./" path, as sha256sum writes them.
    const raw = new Uint8Array([...new TextEncoder().encode(`${h("c")}  raw-`), 0xff, 0x0a]);
    const text = [
      `${h("a")}  a.txt\n`,
      `${h("b")}  a.txt.sha512\n`,
      `\\${h("d")}  new\\nline.sha512\n`,
      `${h("e")}  ./sub/b.txt\n`,
      `${h("f")}  ./sub/b.txt.sha512\n`,
    ];
    const bytes = [
      ...new TextEncoder().encode(text.slice(0, 2).join("")),
      ...raw,
      ...new TextEncoder().encode(text.slice(2).join("")),
    ];
    Deno.writeFileSync(path, new Uint8Array(bytes), { mode: 0o640 });
    if (Deno.build.os !== "windows") Deno.chmodSync(path, 0o640);
    const left = rewriteManifestWithout(
      path,
      new Set(["a.txt.sha512", "new\nline.sha512", "sub/b.txt.sha512"]),
    );
    assertEquals(left, 3);
    const expected = [
      ...new TextEncoder().encode(text[0]),
      ...raw,
      ...new TextEncoder().encode(text[3]),
    ];
    assertEquals([...Deno.readFileSync(path)], expected);
    if (Deno.build.os !== "windows") assertEquals(Deno.statSync(path).mode! & 0o777, 0o640);
    assertEquals([...Deno.readDirSync(t)].map((e) => e.name), ["m.sha256"]);
  });
});
