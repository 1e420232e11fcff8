import { assert, assertEquals } from "../../tests/assert.ts";
import { setMtime, testSkippedOn, withTempDir, writeTree } from "../../tests/helpers.ts";
import { runBackup } from "./engine.ts";

// Uses hardlinks in the source and chmod.
const test = testSkippedOn("windows", "uses hardlinks in the source and permission bits");

test("after a 1% change, the dry run's unchanged, read and group counts are the run's", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`d${i % 10}/f${i}.txt`] = `file ${i}\n`.repeat(1 + (i % 7));
    writeTree(src, files);
    Deno.linkSync(`${src}/d0/f0.txt`, `${src}/d1/second-name.txt`);
    // Written just now: racy, so the run reads it again next time although nothing changed. (A 30 s
    // window, not 2 s: on a busy machine the first read can come seconds after the write; the
    // other files are 60 s old.)
    Deno.writeTextFileSync(`${src}/racy.txt`, "fresh");
    const first = await runBackup({ source: src, root, name: "src", racyWindowMs: 30_000 });
    assertEquals(first.errors, 0);

    // The 1% change: two files rewritten, one chmod'ed.
    writeTree(src, { "d2/f2.txt": "changed", "d3/f3.txt": "changed too" });
    Deno.chmodSync(`${src}/d4/f4.txt`, 0o600);
    // Changes no size, mtime or mode shows: a stored copy deleted and one touched in the snapshot.
    Deno.removeSync(`${first.snapshotPath}/d5/f5.txt`);
    setMtime(`${first.snapshotPath}/d6/f6.txt`, 1_500_000_000);

    const dry = await runBackup({ source: src, root, name: "src", dryRun: true });
    const real = await runBackup({ source: src, root, name: "src" });
    assertEquals(real.errors, 0);
    const read = real.dedupLinked + real.copied;
    assertEquals(
      [dry.files, dry.unchangedLinked, dry.hardlinkGroupLinked, dry.toRead],
      [real.files, real.unchangedLinked, real.hardlinkGroupLinked, read],
      `dry run ${JSON.stringify(dry)}\nrun ${JSON.stringify(real)}`,
    );
    // Read: the two rewritten, the chmod'ed, the racy one, and the two whose stored copies changed.
    assertEquals(read, 6);
    assertEquals(real.hardlinkGroupLinked, 1);
    assertEquals(dry.unchangedBytes, real.unchangedBytes);
    assert(dry.previous !== null && dry.previous === real.previous);
  });
});
