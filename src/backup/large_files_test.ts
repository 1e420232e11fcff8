import { assert, assertEquals, assertNotEquals } from "../../tests/assert.ts";
import { ino, setMtime, SETTLED, withTempDir } from "../../tests/helpers.ts";
import { sha256Hex } from "../fs/hash.ts";
import { runBackup } from "./engine.ts";
import { LargeContentSizes } from "./large_files.ts";

Deno.test("LargeContentSizes: stored sizes are loaded once, when first asked, and grow with the run", () => {
  let loads = 0;
  const sizes = new LargeContentSizes(() => {
    loads++;
    return [5_000_000, 7_000_000];
  });
  assertEquals(loads, 0);
  assert(!sizes.isNew(5_000_000));
  assert(sizes.isNew(6_000_000));
  sizes.add(6_000_000);
  assert(!sizes.isNew(6_000_000));
  assertEquals(loads, 1);
});

const SMALL = 64 << 10;

function pattern(sizeBytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(sizeBytes);
  let x = seed;
  for (let i = 0; i < sizeBytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Every manifest line names a stored file whose sha256 it gives. */
function assertManifestTrue(snapshotPath: string): number {
  const lines = Deno.readTextFileSync(`${snapshotPath}.sha256`).trim().split("\n");
  for (const line of lines) {
    const hash = line.slice(0, 64);
    const rel = line.slice(66);
    assertEquals(sha256Hex(Deno.readFileSync(`${snapshotPath}/${rel}`)), hash, rel);
  }
  return lines.length;
}

Deno.test("large files: new content is copied, same content is linked, equal sizes are not confused", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    Deno.mkdirSync(src);
    const big = pattern(300_000, 1);
    Deno.writeFileSync(`${src}/a-big.bin`, big);
    Deno.writeFileSync(`${src}/b-dup.bin`, big); // same content: linked
    Deno.writeFileSync(`${src}/c-same-size.bin`, pattern(300_000, 2)); // same size, other content
    Deno.writeFileSync(`${src}/d-other-size.bin`, pattern(200_000, 3));
    for (const n of ["a-big.bin", "b-dup.bin", "c-same-size.bin", "d-other-size.bin"]) {
      setMtime(`${src}/${n}`, 1_700_000_000);
    }
    const root = `${t}/root`;
    const first = await runBackup({ source: src, root, name: "src", smallFileBytes: SMALL, ...SETTLED });
    assertEquals(first.errors + first.warnings, 0);
    assertEquals(first.copied, 3);
    assertEquals(first.dedupLinked, 1);
    const s1 = first.snapshotPath;
    assertEquals(ino(`${s1}/a-big.bin`), ino(`${s1}/b-dup.bin`));
    assertNotEquals(ino(`${s1}/a-big.bin`), ino(`${s1}/c-same-size.bin`));
    assertEquals(assertManifestTrue(s1), 4);
    for (const n of ["a-big.bin", "b-dup.bin", "c-same-size.bin", "d-other-size.bin"]) {
      assertEquals(
        sha256Hex(Deno.readFileSync(`${s1}/${n}`)),
        sha256Hex(Deno.readFileSync(`${src}/${n}`)),
        n,
      );
    }

    // Next run: a moved large file is linked (its size is stored), a modified one is copied.
    Deno.renameSync(`${src}/d-other-size.bin`, `${src}/e-moved.bin`);
    Deno.writeFileSync(`${src}/a-big.bin`, pattern(310_000, 4));
    setMtime(`${src}/a-big.bin`, 1_700_000_100);
    const second = await runBackup({ source: src, root, name: "src", smallFileBytes: SMALL, ...SETTLED });
    assertEquals(second.errors + second.warnings, 0);
    const s2 = second.snapshotPath;
    assertEquals(ino(`${s2}/e-moved.bin`), ino(`${s1}/d-other-size.bin`));
    assertEquals(second.dedupLinked, 1);
    assertEquals(second.copied, 1);
    assertEquals(sha256Hex(Deno.readFileSync(`${s2}/a-big.bin`)), sha256Hex(pattern(310_000, 4)));
    assertEquals(assertManifestTrue(s2), 4);
    // The older snapshot is untouched.
    assertEquals(sha256Hex(Deno.readFileSync(`${s1}/a-big.bin`)), sha256Hex(big));
  });
});

Deno.test("an abort during a one-pass copy stops the run: InterruptedError, .partial stays, the next run is whole", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    Deno.mkdirSync(src);
    // Over 64 MiB: the copy loop yields to the event loop once, mid-file, where the abort lands.
    const block = pattern(1 << 20, 9);
    const f = Deno.openSync(`${src}/big.bin`, { write: true, create: true });
    for (let i = 0; i < 80; i++) {
      block[0] = i;
      f.writeSync(block);
    }
    f.close();
    Deno.writeTextFileSync(`${src}/small.txt`, "small");
    const controller = new AbortController();
    const timer = setInterval(() => {
      for (const e of Deno.readDirSync(`${root}/src`)) {
        if (!e.name.endsWith(".partial")) continue;
        try {
          Deno.lstatSync(`${root}/src/${e.name}/big.bin`);
          controller.abort();
        } catch { /* not copying yet */ }
      }
    }, 1);
    let error: unknown;
    try {
      await runBackup({ source: src, root, name: "src", signal: controller.signal });
    } catch (err) {
      error = err;
    } finally {
      clearInterval(timer);
    }
    assert(controller.signal.aborted, "the copy was never seen");
    assertEquals((error as Error)?.name, "InterruptedError");
    const names = [...Deno.readDirSync(`${root}/src`)].map((e) => e.name);
    assert(names.some((n) => n.endsWith(".partial")), names.join(","));
    assert(!names.some((n) => /^\d{4}-\d{2}-\d{2}-\d{6}$/.test(n)), names.join(","));

    const again = await runBackup({ source: src, root, name: "src", ...SETTLED });
    assertEquals(again.errors + again.warnings, 0);
    assertEquals(again.copied, 2);
    assertEquals(assertManifestTrue(again.snapshotPath), 2);
    assertEquals(
      sha256Hex(Deno.readFileSync(`${again.snapshotPath}/big.bin`)),
      sha256Hex(Deno.readFileSync(`${src}/big.bin`)),
    );
  });
});
