// Restore through folder handles, in process: folders deeper than the handle depth are reached by
// opening the way down from the deepest open folder, per use; nothing is left open.
import { assertEquals } from "../../tests/assert.ts";
import { openFdsUnder, sh, withTempDir, writeTree } from "../../tests/helpers.ts";
import { runBackup } from "../backup/engine.ts";
import { resolveSnapshotRef } from "../store/ref.ts";
import { runRestore } from "./restore.ts";

/**
 * Type, mode, size, mtime (to the ms: the Deno-API backend's precision, which sets no symlink's)
 * and target or hash of every entry: what a restore must reproduce.
 */
async function describe(dir: string): Promise<string> {
  const r = await sh(
    `cd '${dir}' && find . -mindepth 1 \\( -type l -printf '%y %m %s - %p -> %l\\n' \\) -o -printf '%y %m %s %T@ %p -> %l\\n' | sed -E 's/(\\.[0-9]{3})[0-9]* /\\1 /' | sort && ` +
      `find . -type f -exec sha256sum {} + | sort`,
  );
  assertEquals(r.code, 0, r.stderr);
  return r.stdout;
}

Deno.test({
  name:
    "restore: folders deeper than the handle depth are restored alike (modes, times, symlinks, replacements)",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await withTempDir(async (t) => {
      const deep = "a/b/c/d/e/f";
      writeTree(`${t}/src`, { [`${deep}/file.txt`]: "deep", "a/b/top.txt": "top", [`${deep}/../g/x`]: "x" });
      Deno.symlinkSync("file.txt", `${t}/src/${deep}/link`);
      Deno.chmodSync(`${t}/src/a/b/c/d`, 0o750);
      Deno.chmodSync(`${t}/src/${deep}`, 0o700);
      await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src" });
      const snapshot = () => resolveSnapshotRef("src@latest", { root: () => `${t}/root` });
      const first = await runRestore({ snapshot: snapshot(), target: `${t}/out`, maxHandleDepth: 2 });
      assertEquals([first.errors, first.files, first.symlinks], [0, 3, 1]);
      assertEquals(await describe(`${t}/out`), await describe(`${t}/src`));
      // Again, replacing every file and symlink in the deep folders, and their metadata.
      Deno.writeTextFileSync(`${t}/out/${deep}/file.txt`, "changed");
      Deno.chmodSync(`${t}/out/a/b/c/d`, 0o755);
      const again = await runRestore({
        snapshot: snapshot(),
        target: `${t}/out`,
        overwrite: "always",
        maxHandleDepth: 2,
      });
      assertEquals([again.errors, again.files, again.symlinks], [0, 3, 1]);
      assertEquals(await describe(`${t}/out`), await describe(`${t}/src`));
      if (Deno.build.os === "linux") assertEquals(openFdsUnder(`${t}/out`), []);
    });
  },
});
