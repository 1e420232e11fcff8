import { assertEquals } from "./assert.ts";
import { phlb, SETTLED_FLAGS, withTempDir, writeTree } from "./helpers.ts";

// Regression: under phlb's own permission list (not -A), Deno rejected the `file:…?immutable=1`
// URI the dry run opened the index with, so a dry run silently saw no index and claimed every
// file would be read.
Deno.test("backup --dry-run under the shipped permissions uses the index (unchanged files are known)", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a.txt": "a", "d/b.txt": "b" });
    assertEquals((await phlb(["backup", `${t}/src`, `${t}/root`, "-q", ...SETTLED_FLAGS])).code, 0);
    const r = await phlb(["backup", `${t}/src`, `${t}/root`, "--dry-run", "--json"]);
    assertEquals(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    // The dry run promises what the run then does (src/backup/dry_run.ts)...
    const real = JSON.parse((await phlb(["backup", `${t}/src`, `${t}/root`, "--json"])).stdout);
    assertEquals([summary.unchangedLinked, summary.toRead], [
      real.unchangedLinked,
      real.copied + real.dedupLinked,
    ]);
    // ...and it read the index: both files are unchanged. Not on Windows, where the Deno API's
    // whole-second ctime of files written a moment ago makes them racy (read again by both runs).
    if (Deno.build.os !== "windows") assertEquals([summary.unchangedLinked, summary.toRead], [2, 0]);
  });
});
