import { assertEquals } from "../../tests/assert.ts";
import { withTempDir, writeTree } from "../../tests/helpers.ts";
import { compileGlob } from "../fs/glob.ts";
import { runBackup } from "./engine.ts";
import { Excluder } from "./exclude.ts";

Deno.test("every exclusion is counted and its reason names the rule that made it", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, {
      "keep.txt": "k",
      "a.pyc": "p",
      "b.o": "o",
      "temp/x": "x",
      "private/.nobackup": "",
      "private/secret": "s",
      "cache/CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n",
      "cache/blob": "b",
      // A tag without the signature is not a cache tag: the folder is kept.
      "fake/CACHEDIR.TAG": "not a tag",
    });
    const reasons: Record<string, string> = {};
    const summary = await runBackup({
      source: src,
      root: `${t}/root`,
      name: "src",
      exclude: new Excluder({
        skipDirNames: ["temp"],
        globs: [{ ...compileGlob("*.pyc"), rule: "SKIP_PATTERNS" }, compileGlob("*.o")],
        markerFiles: [".nobackup"],
      }),
    }, { onExcluded: (rel, reason) => reasons[rel] = reason });
    assertEquals(reasons, {
      "a.pyc": 'SKIP_PATTERNS "*.pyc"',
      "b.o": 'exclude pattern "*.o"',
      "cache": "CACHEDIR.TAG",
      "private": 'marker file ".nobackup"',
      "temp": 'SKIP_DIRS "temp"',
    });
    assertEquals(summary.excluded, 5);
    assertEquals(summary.files, 2);
  });
});
