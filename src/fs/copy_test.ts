import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { copyOpenFile, writeNewFile } from "./copy.ts";
import { sha256Hex } from "./hash.ts";
import { openBackend } from "./native/mod.ts";

const MTIME = new Date(1_700_000_000_123);
const TIMES = {
  atimeSec: 1_700_000_000,
  atimeNsec: 123_000_000,
  mtimeSec: 1_700_000_000,
  mtimeNsec: 123_000_000,
};
const backend = openBackend();

Deno.test("writeNewFile: the facts it returns are those of the new file", async () => {
  await withTempDir((t) => {
    const data = new TextEncoder().encode("hello, world\n");
    const w = writeNewFile(`${t}/a`, data, TIMES, { mode: 0o640, backend });
    const st = Deno.lstatSync(`${t}/a`);
    assertEquals(w.ino, st.ino);
    assertEquals(w.sizeBytes, data.length);
    assertEquals(st.mtime?.getTime(), MTIME.getTime());
    if (Deno.build.os !== "windows") assertEquals(w.mode, st.mode! & 0o7777);
    assertEquals(Deno.readTextFileSync(`${t}/a`), "hello, world\n");
  });
});

Deno.test("writeNewFile and copyOpenFile never write into an existing file", async () => {
  await withTempDir(async (t) => {
    Deno.writeTextFileSync(`${t}/old`, "keep me");
    let threw = false;
    try {
      writeNewFile(`${t}/old`, new Uint8Array([1, 2, 3]), TIMES, { backend });
    } catch (err) {
      threw = err instanceof Deno.errors.AlreadyExists;
    }
    assert(threw, "writeNewFile over an existing file did not fail with AlreadyExists");
    Deno.writeTextFileSync(`${t}/src`, "new bytes");
    const src = Deno.openSync(`${t}/src`);
    threw = false;
    try {
      await copyOpenFile(src, `${t}/old`, TIMES, { backend });
    } catch (err) {
      threw = err instanceof Deno.errors.AlreadyExists;
    } finally {
      src.close();
    }
    assert(threw, "copyOpenFile over an existing file did not fail with AlreadyExists");
    assertEquals(Deno.readTextFileSync(`${t}/old`), "keep me");
  });
});

Deno.test("copyOpenFile: the hash is that of the stored bytes, from the source's position", async () => {
  await withTempDir(async (t) => {
    const data = new Uint8Array(3 << 20).map((_, i) => (i * 7) & 0xff);
    Deno.writeFileSync(`${t}/src`, data);
    const src = Deno.openSync(`${t}/src`);
    try {
      src.seekSync(1000, Deno.SeekMode.Start);
      const c = await copyOpenFile(src, `${t}/dst`, TIMES, { mode: 0o600, backend });
      const stored = Deno.readFileSync(`${t}/dst`);
      assertEquals(stored.length, data.length - 1000);
      assertEquals(c.hash, sha256Hex(stored));
      assertEquals(c.sizeBytes, stored.length);
      assertEquals(c.ino, Deno.lstatSync(`${t}/dst`).ino);
      assertEquals(Deno.lstatSync(`${t}/dst`).mtime?.getTime(), MTIME.getTime());
    } finally {
      src.close();
    }
  });
});
