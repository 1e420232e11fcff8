/**
 * End-to-end tests of issue 15: a damaged or altered stored copy never spreads into a new snapshot.
 * Each scenario is made the way a user or a failing disk makes it, and run as a user runs phlb.
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import {
  cannotMount,
  ino,
  mountImage,
  phlb,
  sh,
  skipUnless,
  snapshots,
  testSkippedOn,
  withTempDir,
  writeTree,
} from "./helpers.ts";

const posixTest = testSkippedOn("windows", "uses chmod, chown and coreutils sha256sum");

/** Backs up `src` into `root` (name "src"); returns the summary. */
async function backup(src: string, root: string, extra: string[] = []): Promise<Record<string, unknown>> {
  const r = await phlb(["backup", src, root, "--json", ...extra]);
  assertEquals(r.code, 0, r.stderr);
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
}

/** Overwrites one byte in place and sets the mtime back, as bit rot or an editor writing in place would. */
function rot(path: string, offset = 0): void {
  const before = Deno.lstatSync(path);
  const f = Deno.openSync(path, { read: true, write: true });
  const b = new Uint8Array(1);
  f.seekSync(offset, Deno.SeekMode.Start);
  f.readSync(b);
  b[0] ^= 0x20;
  f.seekSync(offset, Deno.SeekMode.Start);
  f.writeSync(b);
  f.close();
  Deno.utimeSync(path, before.atime!, before.mtime!);
}

/** `sha256sum -c` of one snapshot: exit code and output. */
async function sha256sumCheck(root: string, id: string): Promise<{ code: number; out: string }> {
  const r = await sh(`cd '${root}/src/${id}' && sha256sum --strict -c '../${id}.sha256'`);
  return { code: r.code, out: r.stdout + r.stderr };
}

/** One second on: a second run in the same second would get the id `_2`. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

posixTest(
  "bit rot, then verify, then a plain backup: the new snapshot holds the source's bytes, not the damage",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "important text ".repeat(100), "b.txt": "other" });
      await backup(src, root);
      const [s1] = snapshots(root, "src");
      rot(`${root}/src/${s1}/a.txt`, 10);
      const v = await phlb(["verify", "--root", root]);
      assertEquals(v.code, 4, v.stdout + v.stderr);
      assertIncludes(v.stdout, "marked in the index");
      // The last line says what to do next.
      assertIncludes(v.stdout.trimEnd().split("\n").at(-1)!, "next: phlb verify --repair --dry-run");

      await nextSecond();
      const s = await backup(src, root);
      const s2 = snapshots(root, "src").at(-1)!;
      const check = await sha256sumCheck(root, s2);
      assertEquals(check.code, 0, `the new snapshot fails its own manifest:\n${check.out}`);
      assertEquals(s.copied, 1, "the source's bytes are stored afresh");
      assert(ino(`${root}/src/${s2}/a.txt`) !== ino(`${root}/src/${s1}/a.txt`), "linked to the damaged copy");
      assertIncludes(String(s.stderr), `1 file was stored afresh`);
      assertIncludes(String(s.stderr), `"a.txt"`);
      // And the fresh copy is the link source from now on: the next run links it unread.
      await nextSecond();
      const s3 = await backup(src, root);
      assertEquals([s3.unchangedLinked, s3.copied], [2, 0]);
      assertEquals(ino(`${root}/src/${snapshots(root, "src").at(-1)}/a.txt`), ino(`${root}/src/${s2}/a.txt`));
    });
  },
);

posixTest(
  "bit rot, then backup --checksum: the stored copy is read before a link, found damaged and not linked",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "important text ".repeat(100), "b.txt": "other" });
      await backup(src, root);
      const [s1] = snapshots(root, "src");
      rot(`${root}/src/${s1}/a.txt`, 10);
      await nextSecond();
      const s = await backup(src, root, ["--checksum"]);
      const s2 = snapshots(root, "src").at(-1)!;
      const check = await sha256sumCheck(root, s2);
      assertEquals(check.code, 0, `--checksum linked the damaged copy:\n${check.out}`);
      assertEquals(
        [s.dedupLinked, s.copied],
        [1, 1],
        "b is linked after reading both sides; a copied afresh",
      );
      assertIncludes(
        String(s.stderr),
        `the stored copy "src/${s1}/a.txt" does not hold its recorded content`,
      );
      // Marked: a plain backup after it does not link the damaged copy either, and verify names it.
      const v = await phlb(["verify", "--root", root, "--all", "-q"]);
      assertEquals(v.code, 4, v.stdout);
      assertIncludes(v.stdout, `content: "src/${s1}/a.txt"`);
    });
  },
);

posixTest(
  "chmod 600 of a stored copy: the next backup does not link the changed inode, and says so",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "some text", "b.txt": "more text" });
      Deno.chmodSync(`${src}/a.txt`, 0o644);
      await backup(src, root);
      const [s1] = snapshots(root, "src");
      Deno.chmodSync(`${root}/src/${s1}/a.txt`, 0o600);
      await nextSecond();
      const s = await backup(src, root);
      const s2 = snapshots(root, "src").at(-1)!;
      assertEquals(Deno.lstatSync(`${root}/src/${s2}/a.txt`).mode! & 0o777, 0o644);
      assertEquals([s.unchangedLinked, s.copied], [1, 1]);
      assertIncludes(String(s.stderr), `1 file was stored afresh`);
      const v = await phlb(["verify", `${root}/src/${s2}`]);
      assertEquals(v.code, 0, v.stdout + v.stderr);
    });
  },
);

posixTest("chown of a stored copy (as root): the next backup does not link the changed inode", async () => {
  if (Deno.uid() !== 0) {
    console.log("skipped: chown of another user's file needs root");
    return;
  }
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a.txt": "some text", "b.txt": "more text" });
    Deno.chownSync(`${src}/a.txt`, 1000, 1000);
    await backup(src, root);
    const [s1] = snapshots(root, "src");
    Deno.chownSync(`${root}/src/${s1}/a.txt`, 0, 0);
    await nextSecond();
    const s = await backup(src, root);
    const s2 = snapshots(root, "src").at(-1)!;
    assertEquals(Deno.lstatSync(`${root}/src/${s2}/a.txt`).uid, 1000);
    assertEquals(s.copied, 1);
    const v = await phlb(["verify", `${root}/src/${s2}`]);
    assertEquals(v.code, 0, v.stdout + v.stderr);
  });
});

posixTest(
  "the recorded link source deleted by hand: the same inode under a later snapshot is linked, nothing copied",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "f.bin": "x".repeat(10_000), "other.txt": "o" });
      await backup(src, root);
      await nextSecond();
      await backup(src, root);
      const [s1, s2] = snapshots(root, "src");
      const stored = ino(`${root}/src/${s2}/f.bin`);
      // Deleting old files by hand is safe: the copy the index links to lives on under s2.
      Deno.removeSync(`${root}/src/${s1}/f.bin`);
      // A new file with the same content and metadata: read, found in the index, to be linked.
      await sh(`cp -p '${src}/f.bin' '${src}/g.bin'`);
      await nextSecond();
      const s = await backup(src, root);
      const s3 = snapshots(root, "src").at(-1)!;
      assertEquals([s.dedupLinked, s.copied], [1, 0], "copied although the same inode is still stored");
      assertEquals(ino(`${root}/src/${s3}/g.bin`), stored);
    });
  },
);

posixTest(
  "a file planted in a snapshot is never linked by add, nor a link source, after the index is rebuilt",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "shared bytes", "dir/b.txt": "b" });
      await backup(src, root);
      const [s1] = snapshots(root, "src");
      // Planted by hand: the same bytes, mode and mtime as a stored file, so add could link them.
      const planted = `${root}/src/${s1}/dir/planted.txt`;
      await sh(`cp -p '${root}/src/${s1}/a.txt' '${planted}'`);
      const before = ino(planted);
      Deno.removeSync(`${root}/.phlb`, { recursive: true });
      const r = await phlb(["add", "--root", root]);
      assertEquals(r.code, 4, r.stdout + r.stderr);
      assertIncludes(r.stdout + r.stderr, "not in the manifest");
      assertEquals(ino(planted), before, "the planted file was replaced by a hardlink");
      assertEquals(Deno.lstatSync(planted).nlink, 1);
      // Never a link source: a new file with those bytes links to the stored copy, not to it.
      await sh(`cp -p '${src}/a.txt' '${src}/c.txt'`);
      await nextSecond();
      await backup(src, root);
      const s2 = snapshots(root, "src").at(-1)!;
      assert(ino(`${root}/src/${s2}/c.txt`) !== before, "linked to the planted file");
    });
  },
);

posixTest(
  "verify of a folder that is not a snapshot is a usage error, exit 2; never 'Verified 1 snapshot'",
  async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/live`, { "a.txt": "a", "sub/b.txt": "b" });
      await backup(`${t}/live`, `${t}/root`);
      for (const args of [[`${t}/live`], [`${t}/live/sub`, "--root", `${t}/root`], [`${t}/root/src/..x`]]) {
        Deno.mkdirSync(`${t}/root/src/..x`, { recursive: true });
        const r = await phlb(["verify", ...args]);
        assertEquals(r.code, 2, r.stdout + r.stderr);
        assertIncludes(r.stderr, "is not a snapshot");
        assert(!r.stdout.includes("Verified"), r.stdout);
      }
    });
  },
);

posixTest(
  "verify skips mode and owner of copies whose destination showed its own (flag 32); compares the others",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "a", "b.txt": "b" });
      await backup(src, root);
      const [s1] = snapshots(root, "src");
      // What ntfs-3g does: every copy shows 0777, whatever phlb asked. The run records it so.
      const db = new DatabaseSync(`${root}/.phlb/index.sqlite`);
      db.exec("UPDATE entries SET flags = flags | 32 WHERE name = 'a.txt'");
      db.close();
      Deno.chmodSync(`${root}/src/${s1}/a.txt`, 0o777);
      Deno.chmodSync(`${root}/src/${s1}/b.txt`, 0o777);
      const v = await phlb(["verify", "--root", root, "-q"]);
      assertEquals(v.code, 4, v.stdout);
      assertIncludes(v.stdout, `mode: "src/${s1}/b.txt"`);
      assert(!v.stdout.includes(`a.txt`), v.stdout);
    });
  },
);

const noNtfs = await cannotMount("ntfs");

Deno.test(skipUnless(
  noNtfs === undefined,
  `needs an NTFS image mounted with ntfs-3g (.ci/run installs it): ${noNtfs}`,
  {
    name:
      "on ntfs-3g (every copy shows 0777, chmod and chown are ignored) the next backup links all unread; verify passes",
    fn: async () => {
      await withTempDir(async (t) => {
        writeTree(`${t}/src`, { "a.txt": "a", "b/c.txt": "c", "b/d.txt": "d" });
        Deno.chmodSync(`${t}/src/a.txt`, 0o600);
        const ntfs = await mountImage(t, "ntfs");
        assert(typeof ntfs !== "string", `cannot mount the NTFS image: ${ntfs}`);
        try {
          const root = `${ntfs.path}/root`;
          await backup(`${t}/src`, root);
          assertEquals(Deno.lstatSync(`${root}/src/${snapshots(root, "src")[0]}/a.txt`).mode! & 0o777, 0o777);
          await nextSecond();
          const s = await backup(`${t}/src`, root);
          assertEquals([s.unchangedLinked, s.copied], [3, 0], String(s.stderr));
          const v = await phlb(["verify", "--root", root, "--all"]);
          assertEquals(v.code, 0, v.stdout + v.stderr);
        } finally {
          await ntfs.unmount();
        }
      });
    },
  },
));

posixTest("bit rot found by a scrub is marked too: the next backup stores the file afresh", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a.txt": "important text ".repeat(100), "b.txt": "other" });
    await backup(src, root);
    const [s1] = snapshots(root, "src");
    rot(`${root}/src/${s1}/a.txt`, 10);
    const scrub = await phlb(["verify", "--root", root, "--max-duration", "1h"]);
    assertEquals(scrub.code, 4, scrub.stdout + scrub.stderr);
    assertIncludes(scrub.stdout, "marked in the index");
    assertIncludes(scrub.stdout.trimEnd().split("\n").at(-1)!, `next: phlb verify --repair --dry-run --root`);
    await nextSecond();
    const s = await backup(src, root);
    const check = await sha256sumCheck(root, snapshots(root, "src").at(-1)!);
    assertEquals(check.code, 0, check.out);
    assertEquals(s.copied, 1);
  });
});

posixTest("bit rot found by a restore is marked too: the next backup stores the file afresh", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a.txt": "important text ".repeat(100), "b.txt": "other" });
    await backup(src, root);
    const [s1] = snapshots(root, "src");
    rot(`${root}/src/${s1}/a.txt`, 10);
    const r = await phlb(["restore", `${root}/src/${s1}`, `${t}/restored`]);
    assertEquals(r.code, 3, r.stdout + r.stderr);
    assertIncludes(r.stdout + r.stderr, "does not match the manifest");
    await nextSecond();
    const s = await backup(src, root);
    const check = await sha256sumCheck(root, snapshots(root, "src").at(-1)!);
    assertEquals(check.code, 0, check.out);
    assertEquals(s.copied, 1);
  });
});
