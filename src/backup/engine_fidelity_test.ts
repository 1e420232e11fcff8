// The engine with each filesystem backend (issue 9): times compared at the coarser precision of
// the two sides, xattrs in the linking identity, and the fidelity line in the run log. Skipped,
// with the reason printed, where the native backend cannot load.
import { assert, assertEquals, assertNotEquals } from "../../tests/assert.ts";
import { hasTools, ino, sh, withTempDir, writeTree } from "../../tests/helpers.ts";
import { nativeUnavailableReason } from "../fs/native/mod.ts";
import { BackupIndex } from "../index/index.ts";
import { metaDir } from "../store/layout.ts";
import { type BackupOptions, runBackup } from "./engine.ts";

const noNative = nativeUnavailableReason();
if (noNative !== undefined) console.warn(`engine fidelity tests skipped: ${noNative}`);
const hasSetfattr = await hasTools("setfattr");
if (!hasSetfattr) console.warn("xattr engine tests skipped: setfattr missing (apt-get install attr)");

async function backup(src: string, root: string, extra: Partial<BackupOptions> = {}) {
  const info: string[] = [];
  const summary = await runBackup(
    { source: src, root, name: "src", racyWindowMs: 0, ...extra },
    { onInfo: (m) => info.push(m) },
  );
  return { summary, path: summary.snapshotPath, info };
}

/** A tree whose files have sub-millisecond mtimes, so nanoseconds matter. */
async function nanoTree(src: string): Promise<void> {
  writeTree(src, { "a.txt": "alpha", "sub/b.txt": "beta", "sub/c.txt": "gamma" });
  const r = await sh(
    `touch -h -d '2021-03-04 05:06:07.123456789' a.txt sub/b.txt sub/c.txt sub && ` +
      `touch -d '2020-01-02 03:04:05.987654321' .`,
    { cwd: src },
  );
  assertEquals(r.code, 0, r.stderr);
}

Deno.test({
  name: "fidelity: switching backend keeps the fast path both ways (times at the coarser precision)",
  ignore: noNative !== undefined,
  fn: () =>
    withTempDir(async (t) => {
      const src = `${t}/src`;
      await nanoTree(src);
      const first = await backup(src, `${t}/root`, { fsBackend: "deno" });
      assertEquals(first.summary.copied, 3);
      assert(first.info.some((m) => m.startsWith("metadata: Deno file API")), first.info.join("\n"));
      const second = await backup(src, `${t}/root`, { fsBackend: "native" });
      assert(second.info.some((m) => m.startsWith("metadata: native")), second.info.join("\n"));
      assertEquals(second.summary.unchangedLinked, 3);
      assertEquals(second.summary.toRead + second.summary.copied, 0);
      const third = await backup(src, `${t}/root`, { fsBackend: "deno" });
      assertEquals(third.summary.unchangedLinked, 3);
      const fourth = await backup(src, `${t}/root`, { fsBackend: "native" });
      assertEquals(fourth.summary.unchangedLinked, 3);
      assertEquals(ino(`${first.path}/sub/b.txt`), ino(`${fourth.path}/sub/b.txt`));
    }),
});

Deno.test({
  name: "fidelity: rows without nanoseconds (as a version 1 index has them) keep the fast path",
  ignore: noNative !== undefined,
  fn: () =>
    withTempDir(async (t) => {
      const src = `${t}/src`;
      await nanoTree(src);
      await backup(src, `${t}/root`, { fsBackend: "native" });
      const index = BackupIndex.open(metaDir(`${t}/root`));
      try {
        // What the migration gives every version 1 row: no nanoseconds, no xattr digest.
        index.exec("UPDATE entries SET mtime_frac_ns = NULL, src_ctime_frac_ns = NULL, xattrs = NULL");
        index.exec("UPDATE entries SET src_ctime_ms = src_ctime_ms - src_ctime_ms % 1000");
      } finally {
        index.close();
      }
      const second = await backup(src, `${t}/root`, { fsBackend: "native" });
      assertEquals(second.summary.unchangedLinked, 3);
      assertEquals(second.summary.copied, 0);
      // A real change in the nanoseconds alone is still seen once both sides have them.
      const r = await sh(`touch -d '2021-03-04 05:06:07.123456000' a.txt`, { cwd: src });
      assertEquals(r.code, 0, r.stderr);
      const third = await backup(src, `${t}/root`, { fsBackend: "native" });
      assertEquals(third.summary.unchangedLinked, 2);
    }),
});

Deno.test({
  name: "fidelity: the snapshot keeps nanosecond mtimes of files and folders (stat -c %y)",
  ignore: noNative !== undefined,
  fn: () =>
    withTempDir(async (t) => {
      const src = `${t}/src`;
      await nanoTree(src);
      const { path } = await backup(src, `${t}/root`, { fsBackend: "native" });
      const names = "a.txt sub sub/b.txt";
      const want = await sh(`stat -c '%y %n' ${names}`, { cwd: src });
      const got = await sh(`stat -c '%y %n' ${names}`, { cwd: path });
      assert(want.stdout.includes(".123456789"), want.stdout);
      assertEquals(got.stdout, want.stdout);
    }),
});

Deno.test({
  name: "fidelity: a file whose xattrs differ is not linked; equal xattrs are; they are copied",
  ignore: noNative !== undefined || !hasSetfattr,
  fn: () =>
    withTempDir(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "a": "same bytes", "b": "same bytes", "c": "same bytes" });
      const set = await sh(
        "setfattr -n user.tag -v red a && setfattr -n user.tag -v red b && setfattr -n user.tag -v blue c && " +
          "touch -d '2022-01-01 00:00:00.5' a b c",
        { cwd: src },
      );
      if (set.code !== 0) {
        console.warn(`skipped: the temp folder takes no user xattrs (${set.stderr.trim()})`);
        return;
      }
      const { path, summary } = await backup(src, `${t}/root`, { fsBackend: "native" });
      assertEquals(summary.copied, 2);
      assertEquals(summary.dedupLinked, 1);
      assertEquals(ino(`${path}/a`), ino(`${path}/b`));
      assertNotEquals(ino(`${path}/a`), ino(`${path}/c`));
      const got = await sh("getfattr --only-values -n user.tag c", { cwd: path });
      assertEquals(got.stdout, "blue");
      // The next run takes the fast path; a changed xattr changes the ctime, so it is read again.
      const chg = await sh("setfattr -n user.tag -v green b", { cwd: src });
      assertEquals(chg.code, 0, chg.stderr);
      const next = await backup(src, `${t}/root`, { fsBackend: "native" });
      assertEquals(next.summary.unchangedLinked, 2);
      assertEquals(next.summary.copied, 1);
      const b = await sh("getfattr --only-values -n user.tag b", { cwd: next.path });
      assertEquals(b.stdout, "green");
      // The older snapshot's inode was never touched.
      const old = await sh("getfattr --only-values -n user.tag b", { cwd: path });
      assertEquals(old.stdout, "red");
    }),
});
