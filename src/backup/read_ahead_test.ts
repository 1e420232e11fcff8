import { assert, assertEquals, assertNotEquals } from "../../tests/assert.ts";
import { ino, setMtime, withTempDir } from "../../tests/helpers.ts";
import type { ItemProblem } from "../errors.ts";
import { sha256Hex } from "../fs/hash.ts";
import { runBackup } from "./engine.ts";
import { type AheadRead, Lookahead, ReadAhead } from "./read_ahead.ts";

function bytesOf(sizeBytes: number, seed: number): Uint8Array {
  return new Uint8Array(sizeBytes).map((_, i) => (i * 31 + seed) & 0xff);
}

/** A ReadAhead over Deno files that counts the files it opened and that are still open. */
function counting(options: { depth?: number; maxFileBytes?: number; failOn?: string } = {}) {
  const open = new Set<Deno.FsFile>();
  const ra = new ReadAhead<Deno.FsFile>({
    depth: options.depth,
    maxFileBytes: options.maxFileBytes,
    open: (path) => {
      if (path === options.failOn) throw new Deno.errors.PermissionDenied(`cannot open ${path}`);
      const f = Deno.openSync(path);
      open.add(f);
      const close = f.close.bind(f);
      f.close = () => {
        open.delete(f);
        close();
      };
      return f;
    },
  });
  return { ra, open };
}

function okRead(r: AheadRead<Deno.FsFile> | undefined): Extract<AheadRead<Deno.FsFile>, { ok: true }> {
  assert(r?.ok, `expected a read, got ${JSON.stringify(r)}`);
  return r;
}

Deno.test("ReadAhead: bytes and hash of each file, empty to a few hundred KiB", async () => {
  await withTempDir(async (t) => {
    const sizes = [0, 1, 100, 16 << 10, 200_000];
    sizes.forEach((n, i) => Deno.writeFileSync(`${t}/f${i}`, bytesOf(n, i)));
    const { ra, open } = counting({ depth: 8 });
    sizes.forEach((n, i) => assert(ra.start(`${t}/f${i}`, n)));
    for (let i = 0; i < sizes.length; i++) {
      const r = okRead(await ra.take(`${t}/f${i}`));
      const want = bytesOf(sizes[i], i);
      assertEquals(r.bytes.length, want.length);
      assertEquals(r.hashHex, sha256Hex(want));
      assertEquals(sha256Hex(r.bytes), sha256Hex(want));
      assert(r.complete);
      r.file.close();
    }
    assertEquals(open.size, 0);
  });
});

Deno.test("ReadAhead: depth and size limits; a file that grew is returned incomplete", async () => {
  await withTempDir(async (t) => {
    for (let i = 0; i < 4; i++) Deno.writeFileSync(`${t}/f${i}`, bytesOf(1000, i));
    const { ra } = counting({ depth: 2, maxFileBytes: 1000 });
    assert(!ra.start(`${t}/f0`, 1001), "a file over maxFileBytes started");
    // f0's lstat said 500 bytes: it holds more now.
    assert(ra.start(`${t}/f0`, 500));
    assert(ra.start(`${t}/f1`, 1000));
    assert(!ra.hasRoom);
    assert(!ra.start(`${t}/f2`, 1000), "started beyond the depth");
    const r0 = okRead(await ra.take(`${t}/f0`));
    assert(!r0.complete, "a file that grew was returned as complete");
    r0.file.close();
    assert(ra.hasRoom);
    const r1 = okRead(await ra.take(`${t}/f1`));
    assert(r1.complete);
    r1.file.close();
    assertEquals(ra.take(`${t}/f3`), undefined);
  });
});

Deno.test("ReadAhead: reads not taken are dropped and closed; an open error is a result; clear closes all", async () => {
  await withTempDir(async (t) => {
    for (let i = 0; i < 5; i++) Deno.writeFileSync(`${t}/f${i}`, bytesOf(5000, i));
    const { ra, open } = counting({ depth: 5, failOn: `${t}/f2` });
    for (let i = 0; i < 5; i++) assert(ra.start(`${t}/f${i}`, 5000));
    // f0 and f1 were linked unread, say: taking f2 drops them.
    const r2 = await ra.take(`${t}/f2`);
    assert(r2 && !r2.ok && r2.stage === "open", JSON.stringify(r2));
    assert(r2.error instanceof Deno.errors.PermissionDenied);
    assertEquals(ra.dropped, 2);
    // The failed file does not stall the ones after it.
    const r3 = okRead(await ra.take(`${t}/f3`));
    assertEquals(r3.hashHex, sha256Hex(bytesOf(5000, 3)));
    r3.file.close();
    await ra.clear(); // drops f4
    assertEquals(ra.dropped, 3);
    assertEquals(open.size, 0, "files left open");
  });
});

Deno.test("Lookahead: peeking does not consume, order is kept, and return() ends the source", () => {
  let finished = false;
  function* gen() {
    try {
      for (let i = 0; i < 5; i++) yield i;
    } finally {
      finished = true;
    }
  }
  const it = new Lookahead(gen());
  assertEquals([...it.peek(2)], [0, 1]);
  assertEquals(it.next().value, 0);
  assertEquals([...it.peek(10)], [1, 2, 3, 4]);
  const seen: number[] = [];
  for (const x of it) {
    seen.push(x);
    if (x === 2) break;
  }
  assertEquals(seen, [1, 2]);
  assert(finished, "breaking out of the loop did not end the generator");
});

Deno.test("a file changed after it was read ahead is stored as read, with a warning, and never a link source", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    Deno.mkdirSync(src);
    // "a-big.bin" is copied first, in one pass over 64 MiB: the copy loop yields once, and by then
    // the small files after it have been read ahead.
    const f = Deno.openSync(`${src}/a-big.bin`, { write: true, create: true });
    const block = bytesOf(1 << 20, 1);
    for (let i = 0; i < 70; i++) f.writeSync(block);
    f.close();
    const original = bytesOf(50_000, 2);
    Deno.writeFileSync(`${src}/b-changes.txt`, original);
    Deno.writeFileSync(`${src}/c-same.txt`, original); // the same bytes and mtime: a link, unless b changed
    for (const n of ["b-changes.txt", "c-same.txt"]) setMtime(`${src}/${n}`, 1_700_000_000);
    let changed = false;
    const timer = setInterval(() => {
      if (changed) return;
      for (const e of Deno.readDirSync(`${root}/src`)) {
        try {
          Deno.lstatSync(`${root}/src/${e.name}/a-big.bin`);
        } catch {
          continue;
        }
        const w = Deno.openSync(`${src}/b-changes.txt`, { write: true, append: true });
        w.writeSync(new TextEncoder().encode("appended"));
        w.close();
        changed = true;
      }
    }, 1);
    const problems: ItemProblem[] = [];
    let summary;
    try {
      summary = await runBackup({ source: src, root, name: "src" }, { onProblem: (p) => problems.push(p) });
    } finally {
      clearInterval(timer);
    }
    assert(changed, "the change did not happen while a-big.bin was copied");
    assertEquals(summary.errors, 0);
    assert(
      problems.some((p) => p.path === "b-changes.txt" && p.severity === "warning"),
      JSON.stringify(problems),
    );
    const snap = summary.snapshotPath;
    // The manifest gives the hash of the stored bytes, whichever version they are.
    const manifest = new Map(
      Deno.readTextFileSync(`${snap}.sha256`).trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)]),
    );
    for (const n of ["a-big.bin", "b-changes.txt", "c-same.txt"]) {
      assertEquals(manifest.get(n), sha256Hex(Deno.readFileSync(`${snap}/${n}`)), n);
    }
    // The changed file is no link source: c-same.txt is its own copy, with its own bytes.
    assertNotEquals(ino(`${snap}/b-changes.txt`), ino(`${snap}/c-same.txt`));
    assertEquals(sha256Hex(Deno.readFileSync(`${snap}/c-same.txt`)), sha256Hex(original));
    // The next run reads it again and stores what it holds now.
    const again = await runBackup({ source: src, root, name: "src" });
    assertEquals(
      sha256Hex(Deno.readFileSync(`${again.snapshotPath}/b-changes.txt`)),
      sha256Hex(Deno.readFileSync(`${src}/b-changes.txt`)),
    );
  });
});

Deno.test("read-ahead on and off store the same snapshot", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    for (let d = 0; d < 3; d++) {
      Deno.mkdirSync(`${src}/d${d}`, { recursive: true });
      for (let i = 0; i < 20; i++) {
        // Every fifth file duplicates another one's bytes and mtime.
        const seed = i % 5 === 4 ? 100 + d : 10 * d + i;
        Deno.writeFileSync(`${src}/d${d}/f${i}`, bytesOf(100 + 3000 * (i % 7), seed));
        setMtime(`${src}/d${d}/f${i}`, 1_700_000_000 + (i % 5 === 4 ? 0 : i));
      }
    }
    const on = await runBackup({ source: src, root: `${t}/on`, name: "src" });
    const off = await runBackup({ source: src, root: `${t}/off`, name: "src", readAheadFiles: 0 });
    for (const k of ["files", "copied", "dedupLinked", "errors", "warnings"] as const) {
      assertEquals(on[k], off[k], k);
    }
    assertEquals(
      Deno.readTextFileSync(`${on.snapshotPath}.sha256`),
      Deno.readTextFileSync(`${off.snapshotPath}.sha256`),
    );
  });
});
