/**
 * Fault test: files and folders the user running phlb cannot read. The suite runs as root, which
 * reads everything, so phlb runs here as uid/gid 65534 through `setpriv`, with a copy of Deno's
 * cache that user can read (the usual one lives in root's home).
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import {
  asNobody,
  cannotSetpriv,
  checkRoot,
  listTree,
  NOBODY,
  skipReason,
  withScratch,
} from "./fault_helpers.ts";
import { phlb, sh, writeTree } from "./helpers.ts";

Deno.test({
  name: "a backup root the user cannot write: one line that says so (not a hardlink problem), exit 1",
  ignore: skipReason("unwritable root", cannotSetpriv()),
  fn: async () => {
    await withScratch(async (t) => {
      writeTree(`${t}/src`, { "a.txt": "a" });
      Deno.chmodSync(t, 0o755);
      // Made by root: the index folder exists, and nothing in the root is the user's.
      const first = await phlb(["backup", `${t}/src`, `${t}/root`]);
      assertEquals(first.code, 0, first.stderr);
      assertEquals((await sh(`chmod -R go-w root && chmod -R go+rX root src`, { cwd: t })).code, 0);
      const r = await asNobody(["backup", `${t}/src`, `${t}/root`], t);
      assertEquals(r.code, 1, r.stderr);
      const lines = r.stderr.trim().split("\n").filter((l) => l.startsWith("error:"));
      assertEquals(lines.length, 1, r.stderr);
      assert(
        lines[0].startsWith(`error: Cannot write to backup root "${t}/root": Permission denied`),
        lines[0],
      );
    });
  },
});

Deno.test({
  name: "unreadable files and folders, as an unprivileged user: an item error naming each, exit 3",
  ignore: skipReason("unreadable files", cannotSetpriv()),
  fn: async () => {
    await withScratch(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, {
        "ok.txt": "readable",
        "secret.txt": "mode 000",
        "private.txt": "root's, mode 600",
        "locked/inner.txt": "in a folder with mode 000",
        "open/after.txt": "after the locked folder",
      });
      Deno.chmodSync(`${src}/secret.txt`, 0o000);
      Deno.chmodSync(`${src}/private.txt`, 0o600);
      Deno.chmodSync(`${src}/locked`, 0o000);
      Deno.mkdirSync(root);
      Deno.chownSync(root, NOBODY, NOBODY);
      const r = await asNobody(["backup", src, root, "--json"], t);
      const stderr = r.stderr;
      assertEquals(r.code, 3, stderr);
      const errors = stderr.split("\n").filter((l) => l.startsWith("error:")).sort();
      assertEquals(errors.length, 3, stderr);
      assert(errors[0].startsWith('error: "locked": cannot read folder: Permission denied'), errors[0]);
      assert(errors[1].startsWith('error: "private.txt": cannot read: Permission denied'), errors[1]);
      assert(errors[2].startsWith('error: "secret.txt": cannot read: Permission denied'), errors[2]);
      const summary = JSON.parse(r.stdout);
      assertEquals([summary.files, summary.errors], [2, 3]);
      const log = Deno.readTextFileSync(`${root}/src/${summary.snapshot}.log`);
      for (const name of ["locked", "private.txt", "secret.txt"]) {
        assert(log.includes(`ERROR "${name}"`), log);
      }
      // What could be read is there, owned by the user who ran it; the locked folder is there, empty.
      const stored = listTree(summary.snapshotPath);
      assertEquals([...stored.keys()].sort(), ["locked", "ok.txt", "open", "open/after.txt"]);
      assertEquals(Deno.statSync(`${summary.snapshotPath}/ok.txt`).uid, NOBODY);
      await checkRoot(root, "src", new Map());
    });
  },
});

Deno.test({
  name:
    "a root that cannot be written (another user's, a read-only mount): list, verify and diff still read it",
  ignore: skipReason("read-only root", cannotSetpriv()),
  fn: async () => {
    await withScratch(async (t) => {
      writeTree(`${t}/src`, { "a.txt": "a" });
      Deno.chmodSync(t, 0o755);
      for (let i = 0; i < 2; i++) {
        const b = await phlb(["backup", `${t}/src`, `${t}/root`]);
        assertEquals(b.code, 0, b.stderr);
        Deno.writeTextFileSync(`${t}/src/b${i}.txt`, `${i}`);
      }
      assertEquals((await sh(`chmod -R go-w root && chmod -R go+rX root`, { cwd: t })).code, 0);
      const commands = [["list", "--root"], ["verify", "--root"], ["diff", "src@latest", "--root"]];
      for (const args of commands) {
        const r = await asNobody([...args, `${t}/root`], t);
        assertEquals(r.code, 0, `as another user, ${args[0]}: ${r.stderr}`);
      }
      // Root on a read-only bind mount, with no -wal or -shm beside the index.
      Deno.mkdirSync(`${t}/ro`);
      if ((await sh(`mount --bind root ro && mount -o remount,bind,ro ro`, { cwd: t })).code !== 0) {
        return console.log("read-only bind mount refused here: that half is not run");
      }
      try {
        for (const args of commands) {
          const r = await phlb([...args, `${t}/ro`]);
          assertEquals(r.code, 0, `on a read-only mount, ${args[0]}: ${r.stderr}`);
          if (args[0] === "diff") assertIncludes(r.stdout, "1 added");
        }
        assertEquals(
          [...Deno.readDirSync(`${t}/root/.phlb`)].filter((e) => e.name.includes("-shm")).length,
          0,
        );
      } finally {
        await sh(`umount ro`, { cwd: t });
      }
    });
  },
});
