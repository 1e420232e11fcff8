import { assert, assertEquals } from "../../tests/assert.ts";
import { IS_WINDOWS, setMtime, SETTLED, withTempDir, writeTree } from "../../tests/helpers.ts";
import { runBackup } from "./engine.ts";

Deno.test("after a 1% change, the dry run's unchanged, read and group counts are the run's", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`d${i % 10}/f${i}.txt`] = `file ${i}\n`.repeat(1 + (i % 7));
    writeTree(src, files);
    Deno.linkSync(`${src}/d0/f0.txt`, `${src}/d1/second-name.txt`);
    // Settled fixtures (their change time is now, which the Deno API's whole-second ctimes and
    // Windows cannot tell from a rewrite), and one racy file: an mtime ahead of the clock (as a
    // NAS with a skewed clock writes it) is racy at any window, so the run reads it again next time
    // although nothing changed.
    const backup = (dryRun = false) => runBackup({ source: src, root, name: "src", dryRun, ...SETTLED });
    Deno.writeTextFileSync(`${src}/racy.txt`, "fresh");
    setMtime(`${src}/racy.txt`, Date.now() / 1000 + 3600);
    const first = await backup();
    assertEquals(first.errors, 0);

    // The 1% change: two files rewritten, one chmod'ed (Windows has no modes to change).
    writeTree(src, { "d2/f2.txt": "changed", "d3/f3.txt": "changed too" });
    if (!IS_WINDOWS) Deno.chmodSync(`${src}/d4/f4.txt`, 0o600);
    // Changes no size, mtime or mode shows: a stored copy deleted and one touched in the snapshot.
    Deno.removeSync(`${first.snapshotPath}/d5/f5.txt`);
    setMtime(`${first.snapshotPath}/d6/f6.txt`, 1_500_000_000);

    const dry = await backup(true);
    const real = await backup();
    assertEquals(real.errors, 0);
    const read = real.dedupLinked + real.copied;
    assertEquals(
      [dry.files, dry.unchangedLinked, dry.hardlinkGroupLinked, dry.toRead],
      [real.files, real.unchangedLinked, real.hardlinkGroupLinked, read],
      `dry run ${JSON.stringify(dry)}\nrun ${JSON.stringify(real)}`,
    );
    // Read: the two rewritten, the chmod'ed, the racy one, and the two whose stored copies changed.
    assertEquals(read, IS_WINDOWS ? 5 : 6);
    assertEquals(real.hardlinkGroupLinked, 1);
    assertEquals(dry.unchangedBytes, real.unchangedBytes);
    assert(dry.previous !== null && dry.previous === real.previous);
  });
});
