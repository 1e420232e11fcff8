/**
 * End-to-end tests of issue 15: a damaged or altered stored copy never spreads into a new snapshot.
 * Each scenario is made the way a user or a failing disk makes it, and run as a user runs phlb.
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import {
  cannotMount,
  checkManifest,
  copyFilePreserving,
  ino,
  mountImage,
  phlb,
  rotByte,
  SETTLED_FLAGS,
  skipUnless,
  snapshots,
  testSkippedOn,
  withTempDir,
  writeTree,
} from "./helpers.ts";

const posixTest = testSkippedOn(
  "windows",
  "changes a stored copy's POSIX mode or owner (Windows has neither)",
);

/**
 * Backs up `src` into `root` (name "src"); returns the summary. The fixtures count as settled: the
 * Deno API's change times are whole seconds, so without it a file written just before would be racy
 * and read, not linked unread, in the pass without FFI and on Windows.
 */
async function backup(src: string, root: string, extra: string[] = []): Promise<Record<string, unknown>> {
  const r = await phlb(["backup", src, root, "--json", ...SETTLED_FLAGS, ...extra]);
  assertEquals(r.code, 0, r.stderr);
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
}

/** `sha256sum -c` of one snapshot (and the same check by reading, where there is no sha256sum). */
async function sha256sumCheck(root: string, id: string): Promise<{ code: number; out: string }> {
  const out = await checkManifest(`${root}/src/${id}`, `${root}/src/${id}.sha256`);
  return { code: out === "" ? 0 : 1, out };
}

/** One second on: a second run in the same second would get the id `_2`. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

Deno.test(
  "bit rot, then verify, then a plain backup: the new snapshot holds the source's bytes, not the damage",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "important text ".repeat(100), "b.txt": "other" });
      await backup(src, root);
      const [s1] = snapshots(root, "src");
      rotByte(`${root}/src/${s1}/a.txt`, 10);
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

Deno.test(
  "bit rot, then backup --checksum: the stored copy is read before a link, found damaged and not linked",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "important text ".repeat(100), "b.txt": "other" });
      await backup(src, root);
      const [s1] = snapshots(root, "src");
      rotByte(`${root}/src/${s1}/a.txt`, 10);
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

Deno.test(
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
      copyFilePreserving(`${src}/f.bin`, `${src}/g.bin`);
      await nextSecond();
      const s = await backup(src, root);
      const s3 = snapshots(root, "src").at(-1)!;
      assertEquals([s.dedupLinked, s.copied], [1, 0], "copied although the same inode is still stored");
      assertEquals(ino(`${root}/src/${s3}/g.bin`), stored);
    });
  },
);

Deno.test(
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
      copyFilePreserving(`${root}/src/${s1}/a.txt`, planted);
      const before = ino(planted);
      Deno.removeSync(`${root}/.phlb`, { recursive: true });
      const r = await phlb(["add", "--root", root]);
      assertEquals(r.code, 4, r.stdout + r.stderr);
      assertIncludes(r.stdout + r.stderr, "not in the manifest");
      assertEquals(ino(planted), before, "the planted file was replaced by a hardlink");
      assertEquals(Deno.lstatSync(planted).nlink, 1);
      // Never a link source: a new file with those bytes links to the stored copy, not to it.
      copyFilePreserving(`${src}/a.txt`, `${src}/c.txt`);
      await nextSecond();
      await backup(src, root);
      const s2 = snapshots(root, "src").at(-1)!;
      assert(ino(`${root}/src/${s2}/c.txt`) !== before, "linked to the planted file");
    });
  },
);

Deno.test(
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

Deno.test("bit rot found by a scrub is marked too: the next backup stores the file afresh", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a.txt": "important text ".repeat(100), "b.txt": "other" });
    await backup(src, root);
    const [s1] = snapshots(root, "src");
    rotByte(`${root}/src/${s1}/a.txt`, 10);
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

Deno.test("bit rot found by a restore is marked too: the next backup stores the file afresh", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a.txt": "important text ".repeat(100), "b.txt": "other" });
    await backup(src, root);
    const [s1] = snapshots(root, "src");
    rotByte(`${root}/src/${s1}/a.txt`, 10);
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

/**
 * A root whose first snapshot of "src" holds `a.txt` and `big.bin` (over the 1 MiB read whole)
 * damaged by bit rot; marked in the index by a verify when `mark`. Returns the damaged inodes.
 */
async function rottedRoot(t: string, at: { mark: boolean }): Promise<{ root: string; damaged: number[] }> {
  const src = `${t}/src`;
  const root = `${t}/root`;
  const big = new Uint8Array(3 << 20);
  for (let i = 0; i < big.length; i += 4096) big[i] = (i >> 12) & 0xff;
  writeTree(src, { "a.txt": "important text ".repeat(4000), "big.bin": big, "b.txt": "other" });
  await backup(src, root);
  const [s1] = snapshots(root, "src");
  rotByte(`${root}/src/${s1}/a.txt`, 10);
  rotByte(`${root}/src/${s1}/big.bin`, 2 << 20);
  if (at.mark) {
    const v = await phlb(["verify", "--root", root, "-q"]);
    assertEquals(v.code, 4, v.stdout + v.stderr);
  }
  return { root, damaged: [ino(`${root}/src/${s1}/a.txt`), ino(`${root}/src/${s1}/big.bin`)] };
}

/** What a run stored, as far as it must not depend on the number of workers. */
function storedFacts(root: string, name: string, s: Record<string, unknown>) {
  const id = snapshots(root, name).at(-1)!;
  const dir = `${root}/${name}/${id}`;
  const paths = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  // Inode grouping: each path named by the first path of its inode.
  const firstOf = new Map<number, string>();
  const grouping = paths.map((p) => {
    const i = ino(`${dir}/${p}`);
    if (!firstOf.has(i)) firstOf.set(i, p);
    return `${p} -> ${firstOf.get(i)}`;
  });
  return {
    id,
    dir,
    manifest: Deno.readTextFileSync(`${root}/${name}/${id}.sha256`),
    grouping,
    counts: [s.copied, s.dedupLinked, s.unchangedLinked, s.errors],
  };
}

Deno.test(
  "a first backup with 3 workers over marked damaged copies: never linked, each identity stored once, " +
    "the same manifest and inode grouping as with --jobs 0",
  async () => {
    const results: { manifest: string; grouping: string[]; counts: unknown[] }[] = [];
    for (const jobs of ["0", "3"]) {
      await withTempDir(async (t) => {
        const { root, damaged } = await rottedRoot(t, { mark: true });
        // Another source holding the same files (same bytes and metadata: the same identities), several
        // times over, among files enough to keep 3 workers busy.
        const other = `${t}/other`;
        Deno.mkdirSync(other);
        for (let i = 0; i < 5; i++) copyFilePreserving(`${t}/src/a.txt`, `${other}/a${i}.txt`);
        for (let i = 0; i < 2; i++) copyFilePreserving(`${t}/src/big.bin`, `${other}/big${i}.bin`);
        writeTree(
          other,
          Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}.txt`, `filler ${i}`])),
        );
        const r = await phlb(["backup", other, root, "--json", "--jobs", jobs]);
        assertEquals(r.code, 0, r.stderr);
        const s = JSON.parse(r.stdout);
        const facts = storedFacts(root, "other", s);
        const log = Deno.readTextFileSync(`${root}/other/${facts.id}.log`);
        assertEquals(log.includes("read, hashed and written by 3 workers"), jobs === "3", log);
        for (const p of ["a0.txt", "a4.txt", "big0.bin", "big1.bin"]) {
          assert(
            !damaged.includes(ino(`${facts.dir}/${p}`)),
            `${p} (--jobs ${jobs}) linked to a damaged copy`,
          );
        }
        assertEquals(ino(`${facts.dir}/a4.txt`), ino(`${facts.dir}/a0.txt`), "a*.txt stored more than once");
        assertEquals(
          ino(`${facts.dir}/big1.bin`),
          ino(`${facts.dir}/big0.bin`),
          "big*.bin stored more than once",
        );
        assertEquals(await checkManifest(facts.dir, `${facts.dir}.sha256`), "");
        assertIncludes(r.stderr, "stored afresh");
        results.push({ manifest: facts.manifest, grouping: facts.grouping, counts: facts.counts });
      });
    }
    assertEquals(results[0].counts, [2 + 60, 4 + 1, 0, 0]);
    assertEquals(results[1], results[0]);
  },
);

Deno.test(
  "backup --checksum with 3 workers over unmarked bit rot: the stored copies are read, found damaged, " +
    "marked, and new files of that content linked to one fresh copy; as with --jobs 0",
  async () => {
    const results: { manifest: string; grouping: string[]; counts: unknown[] }[] = [];
    for (const jobs of ["0", "3"]) {
      await withTempDir(async (t) => {
        const { root, damaged } = await rottedRoot(t, { mark: false });
        const src = `${t}/src`;
        for (let i = 0; i < 3; i++) copyFilePreserving(`${src}/a.txt`, `${src}/a${i}.txt`);
        copyFilePreserving(`${src}/big.bin`, `${src}/big0.bin`);
        writeTree(
          src,
          Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}.txt`, `filler ${i}`])),
        );
        await nextSecond();
        const r = await phlb(["backup", src, root, "--json", "--checksum", "--jobs", jobs]);
        assertEquals(r.code, 0, r.stderr);
        const facts = storedFacts(root, "src", JSON.parse(r.stdout));
        for (const p of ["a.txt", "a2.txt", "big.bin", "big0.bin"]) {
          assert(
            !damaged.includes(ino(`${facts.dir}/${p}`)),
            `${p} (--jobs ${jobs}) linked to a damaged copy`,
          );
        }
        assertEquals(ino(`${facts.dir}/a2.txt`), ino(`${facts.dir}/a.txt`));
        assertEquals(ino(`${facts.dir}/big0.bin`), ino(`${facts.dir}/big.bin`));
        assertEquals(await checkManifest(facts.dir, `${facts.dir}.sha256`), "");
        assertIncludes(r.stderr, "does not hold its recorded content");
        // Marked: verify names both damaged copies.
        const v = await phlb(["verify", "--root", root, "--all", "-q"]);
        assertEquals(v.code, 4, v.stdout);
        assertIncludes(v.stdout, "a.txt");
        assertIncludes(v.stdout, "big.bin");
        results.push({ manifest: facts.manifest, grouping: facts.grouping, counts: facts.counts });
      });
    }
    // b.txt is linked after reading both sides; a*.txt and big*.bin stored once each; the fillers copied.
    assertEquals(results[0].counts, [2 + 60, 1 + 3 + 1, 0, 0]);
    assertEquals(results[1], results[0]);
  },
);
