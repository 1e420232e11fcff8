import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { FatalError } from "../errors.ts";
import { BackupIndex } from "./index.ts";

function metaNames(meta: string): string[] {
  return [...Deno.readDirSync(meta)].map((e) => e.name).sort();
}

Deno.test("network root: a writer works on a local copy; on close it is written back whole, in rollback mode, with nothing beside it", async () => {
  await withTempDir((t) => {
    const meta = `${t}/root/.phlb`;
    const cache = `${t}/cache`;
    Deno.mkdirSync(meta, { recursive: true });
    const w = BackupIndex.open(meta, { network: true, cacheDir: cache });
    assert(w.isLocalCopy);
    w.createSnapshot("docs", "2026-01-01-000000", 1);
    // Nothing of the run is at the root while it works: the index there is untouched (none yet).
    assertEquals(metaNames(meta), []);
    const [work] = [...Deno.readDirSync(cache)].map((e) => e.name);
    assert(work.startsWith("index-"), work);
    w.close();
    assertEquals(metaNames(meta), ["index.sqlite"]);
    assertEquals([...Deno.readFileSync(`${meta}/index.sqlite`).subarray(18, 20)], [1, 1]);
    assertEquals([...Deno.readDirSync(cache)], [], "the local copy was left");

    // A reader sees it through a private copy; the next writer starts from it.
    const r = BackupIndex.open(meta, { network: true, readOnly: true });
    assertEquals(r.listSnapshots().map((s) => s.snapId), ["2026-01-01-000000"]);
    const w2 = BackupIndex.open(meta, { network: true, cacheDir: cache });
    w2.createSnapshot("docs", "2026-01-02-000000", 2);
    w2.close();
    // The reader's snapshot does not change under it.
    assertEquals(r.listSnapshots().length, 1);
    r.close();
    const r2 = BackupIndex.open(meta, { network: true, readOnly: true });
    assertEquals(r2.listSnapshots().length, 2);
    r2.close();
    assertEquals(metaNames(meta), ["index.sqlite"]);
  });
});

Deno.test("network root: an index an older phlb left in WAL mode, with its -wal, is taken in whole; the stale -wal goes", async () => {
  await withTempDir((t) => {
    const meta = `${t}/.phlb`;
    Deno.mkdirSync(meta);
    // Written in place (a local root, or an older phlb) and left by a run that died: WAL mode, the
    // newest commit in the -wal beside it. The pair is read while a second connection keeps the
    // -wal, and put back once both closed (the last close checkpoints and removes it): a dead
    // run holds no file open, and Windows cannot remove a file SQLite holds open.
    const old = BackupIndex.open(meta, { network: false });
    const keep = BackupIndex.open(meta, { network: false });
    old.createSnapshot("docs", "A", 1);
    old.close();
    const left = ["index.sqlite", "index.sqlite-wal"].map((n) =>
      [n, Deno.readFileSync(`${meta}/${n}`)] as const
    );
    keep.close();
    for (const [n, bytes] of left) Deno.writeFileSync(`${meta}/${n}`, bytes);
    assert(metaNames(meta).includes("index.sqlite-wal"), metaNames(meta).join(" "));
    const w = BackupIndex.open(meta, { network: true, cacheDir: `${t}/cache` });
    assertEquals(w.listSnapshots().map((s) => s.snapId), ["A"]);
    w.createSnapshot("docs", "B", 2);
    w.close();
    assertEquals(metaNames(meta), ["index.sqlite"]);
    const r = BackupIndex.open(meta, { network: true, readOnly: true });
    assertEquals(r.listSnapshots().map((s) => s.snapId), ["A", "B"]);
    r.close();
  });
});

Deno.test("network root: a writer that lost the lock does not write back; the root's index stays as it was", async () => {
  await withTempDir((t) => {
    const meta = `${t}/.phlb`;
    Deno.mkdirSync(meta);
    const first = BackupIndex.open(meta, { network: true, cacheDir: `${t}/cache` });
    first.createSnapshot("docs", "A", 1);
    first.close();
    const before = Deno.readFileSync(`${meta}/index.sqlite`);
    const w = BackupIndex.open(meta, {
      network: true,
      cacheDir: `${t}/cache`,
      beforeWriteBack: () => {
        throw new FatalError("Lost the lock");
      },
    });
    w.createSnapshot("docs", "B", 2);
    let err: unknown;
    try {
      w.close();
    } catch (e) {
      err = e;
    }
    assert(err instanceof FatalError && err.message === "Lost the lock", String(err));
    assertEquals(Deno.readFileSync(`${meta}/index.sqlite`), before);
    assertEquals(metaNames(meta), ["index.sqlite"]);
  });
});
