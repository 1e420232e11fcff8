/**
 * `phlb diff` shows what the backup saw: mode-only, mtime-only, owner-only and xattr-only changes
 * and a changed symlink target each with their own marker, and a move paired with the nearest
 * new path in the tree.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { isRoot } from "../src/fs/platform.ts";
import { phlb, setMtime, sh, skipUnless, snapshots, withTempDir, writeTree } from "./helpers.ts";

const hasSetfattr = Deno.build.os === "linux" && (await sh("command -v setfattr")).code === 0;

Deno.test(
  skipUnless(hasSetfattr && isRoot(), "needs Linux, root (chown) and setfattr (apt-get install attr)", {
    name: "diff markers: m mode, t mtime, o owner, x xattrs, L symlink target, T type, each alone",
    fn: async () => {
      await withTempDir(async (t) => {
        const src = `${t}/src`;
        const root = `${t}/root`;
        writeTree(src, {
          "mode.txt": "mode",
          "mtime.txt": "mtime",
          "owner.txt": "owner",
          "xattr.txt": "xattr",
          "type": "a file, then a symlink",
          "same.txt": "same",
        });
        Deno.symlinkSync("old-target", `${src}/link`);
        assertEquals((await phlb(["backup", src, root, "-q"])).code, 0);

        Deno.chmodSync(`${src}/mode.txt`, 0o600);
        setMtime(`${src}/mtime.txt`, 1_600_000_000);
        Deno.chownSync(`${src}/owner.txt`, 65534, 65534);
        assertEquals((await sh(`setfattr -n user.phlb.tag -v red ${src}/xattr.txt`)).code, 0);
        Deno.removeSync(`${src}/link`);
        Deno.symlinkSync("new-target", `${src}/link`);
        Deno.removeSync(`${src}/type`);
        Deno.symlinkSync("same.txt", `${src}/type`);
        // The next second: a backup made in the same second would get the same snapshot id.
        await new Promise((r) => setTimeout(r, 1100));
        const second = await phlb(["backup", src, root, "-q"]);
        assertEquals(second.code, 0, second.stderr);

        const [a, b] = snapshots(root, "src");
        const json = await phlb(["diff", `src@${a}`, b, "-r", root, "--json"]);
        assertEquals(json.code, 0, json.stderr);
        const d = JSON.parse(json.stdout);
        const changes = Object.fromEntries(
          (d.changed as { path: string; changes: string[] }[]).map((c) => [c.path, c.changes]),
        );
        assertEquals(changes, {
          "link": ["target"],
          "mode.txt": ["mode"],
          "mtime.txt": ["mtime"],
          "owner.txt": ["owner"],
          "type": ["type"],
          "xattr.txt": ["xattrs"],
        });
        assertEquals([d.added, d.removed, d.modified, d.moved, d.unchanged], [[], [], [], [], 1]);

        const text = await phlb(["diff", `src@${a}`, b, "-r", root]);
        assertEquals(text.code, 0, text.stderr);
        for (
          const line of [
            "L link  (target old-target -> new-target)",
            "m mode.txt  (mode 0644 -> 0600)",
            "t mtime.txt  (mtime ",
            "o owner.txt  (owner 0:0 -> 65534:65534)",
            "x xattr.txt  (xattrs changed)",
            "T type  (file -> symlink)",
            "0 added (0 B), 0 removed (0 B), 0 modified, 0 moved, 6 metadata only, 1 unchanged",
          ]
        ) assertIncludes(text.stdout, line);
        const quiet = await phlb(["diff", `src@${a}`, b, "-r", root, "-q"]);
        assertEquals(quiet.stdout.trim().split("\n").length, 1, quiet.stdout);
        assertIncludes(quiet.stdout, "6 metadata only");
      });
    },
  }),
);

Deno.test("diff moves: a removed path pairs with the nearest new path (same folder, then same name)", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a/x.bin": "content one", "p/q/r.bin": "content two", "keep": "k" });
    assertEquals((await phlb(["backup", src, root, "-q"])).code, 0);
    Deno.removeSync(`${src}/a/x.bin`);
    Deno.removeSync(`${src}/p/q/r.bin`);
    // One content at three new paths: alphabetically first is "0/x.bin", nearest is "a/y.bin".
    writeTree(src, {
      "0/x.bin": "content one",
      "a/y.bin": "content one",
      "c/x.bin": "content one",
      // The other at two: "0/other.bin" sorts first, "s/r.bin" has the same name.
      "0/other.bin": "content two",
      "s/r.bin": "content two",
    });
    await new Promise((r) => setTimeout(r, 1100));
    assertEquals((await phlb(["backup", src, root, "-q"])).code, 0);
    const r = await phlb(["diff", "src@latest", "-r", root, "--json"]);
    assertEquals(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assertEquals(
      (d.moved as { from: string; to: string }[]).map((m) => [m.from, m.to]),
      [["a/x.bin", "a/y.bin"], ["p/q/r.bin", "s/r.bin"]],
    );
    assertEquals((d.added as { path: string }[]).map((f) => f.path), ["0/other.bin", "0/x.bin", "c/x.bin"]);
    assert(d.removed.length === 0, JSON.stringify(d.removed));
  });
});
