import { assert, assertEquals, assertRejects } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { FileHasher } from "./file_hasher.ts";
import { sha256Hex } from "./hash.ts";

function bytesOf(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

Deno.test("FileHasher.hashSoon: the same sha256 on each path (here, off-thread, in chunks), each file read once", async () => {
  await withTempDir(async (dir) => {
    // Thresholds as options: under 1 KiB here, 1 KiB to 8 KiB off-thread, larger in chunks of 4 KiB.
    const hasher = new FileHasher({ offloadMinBytes: 1024, offloadMaxBytes: 8192, chunkBytes: 4096 });
    const sizes = [0, 1, 1023, 1024, 5000, 8192, 8193, 50_000];
    const expected = new Map<string, string>();
    const jobs: Promise<void>[] = [];
    for (const [i, size] of sizes.entries()) {
      const path = `${dir}/f${i}`;
      const data = bytesOf(size, i);
      Deno.writeFileSync(path, data);
      expected.set(path, sha256Hex(data));
      const info = Deno.lstatSync(path);
      jobs.push(
        hasher.hashSoon(path, info).then((r) => {
          assertEquals(r.hashHex, expected.get(path), `size ${size}`);
          assertEquals(r.sizeBytes, size);
          assertEquals(r.cached, false);
        }),
      );
    }
    await Promise.all(jobs);
    assertEquals(hasher.counts(), {
      readFiles: sizes.length,
      readBytes: sizes.reduce((a, b) => a + b, 0),
      reusedFiles: 0,
    });

    // Two names of one inode, asked for at once: read once, the second answered from the first.
    const a = `${dir}/f4`;
    const b = `${dir}/f4-link`;
    Deno.linkSync(a, b);
    const fresh = new FileHasher({ offloadMinBytes: 1024, offloadMaxBytes: 8192 });
    const [ra, rb] = await Promise.all([
      fresh.hashSoon(a, Deno.lstatSync(a)),
      fresh.hashSoon(b, Deno.lstatSync(b)),
    ]);
    assertEquals([ra.hashHex, rb.hashHex], [expected.get(a), expected.get(a)]);
    assertEquals([ra.cached, rb.cached], [false, true]);
    assertEquals(fresh.counts().readFiles, 1);

    // A file that grew past the whole-file buffer since its lstat is still hashed whole.
    const grown = `${dir}/grown`;
    Deno.writeFileSync(grown, bytesOf(2000, 9));
    const before = Deno.lstatSync(grown);
    const all = bytesOf(20_000, 9);
    Deno.writeFileSync(grown, all);
    const r = await new FileHasher({ offloadMinBytes: 1024, offloadMaxBytes: 8192 }).hashSoon(grown, before);
    assertEquals([r.hashHex, r.sizeBytes], [sha256Hex(all), all.length]);

    // A file gone since its lstat: the promise rejects with what opening threw.
    const gone = `${dir}/gone`;
    Deno.writeFileSync(gone, bytesOf(3000, 1));
    const info = Deno.lstatSync(gone);
    Deno.removeSync(gone);
    const err = await assertRejects(() => new FileHasher({ offloadMinBytes: 1024 }).hashSoon(gone, info));
    assert(err instanceof Deno.errors.NotFound, String(err));
  });
});
