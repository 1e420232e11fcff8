/**
 * End-to-end tests of `phlb add` / `phlb rebuild`: trees copied in by hand, a deleted or damaged
 * index, and the backups that follow.
 * @module
 */
import { acquireRootLock } from "../src/store/lock.ts";
import { assert, assertEquals, assertIncludes, assertNotEquals } from "./assert.ts";
import {
  checkManifest,
  copyFilePreserving,
  copyTree,
  ino,
  linkTree,
  nativePath,
  NO_SYMLINKS,
  phlb,
  phlbCommandArgs,
  setMtime,
  SETTLED_FLAGS,
  skipUnless,
  snapshots,
  symlinkSkipReason,
  symlinkSync,
  treeContents,
  treeState,
  usedBytes,
  wineScaled,
  withTempDir,
  writeTree,
} from "./helpers.ts";

/** Backs up `src` into `root` as "src" (its files settled) and returns the summary. */
async function backup(src: string, root: string) {
  const r = await phlb(["backup", src, root, "--json", ...SETTLED_FLAGS]);
  assertEquals(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** 2020-01-01 00:00 local time, as `touch -d 2020-01-01` sets it. */
const JAN_1_2020 = new Date(2020, 0, 1).getTime() / 1000;

async function add(root: string, ...args: string[]) {
  const r = await phlb(["add", "--root", root, "--json", ...args]);
  return { ...r, summary: r.stdout.trim() ? JSON.parse(r.stdout) : undefined };
}

/** A source with three 1 MiB files, a small file, a symlink (where one can be made) and an empty folder. */
function makeSource(src: string): void {
  const mib = (seed: number) => new Uint8Array(1 << 20).map((_, i) => (i * seed + (i >> 8)) & 0xff);
  writeTree(src, { "big1.bin": mib(3), "big2.bin": mib(5), "deep/big3.bin": mib(7), "small.txt": "small" });
  if (NO_SYMLINKS === undefined) symlinkSync("small.txt", `${src}/link`);
  Deno.mkdirSync(`${src}/empty`);
}

Deno.test("add adopts a tree copied in by hand: manifest written, duplicates linked, space freed", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    makeSource(src);
    const first = await backup(src, root);
    // A dated copy made with other tools, plus one file the backups never saw.
    const hand = `${root}/src/2020-01-01-000000`;
    await copyTree(src, hand);
    writeTree(hand, { "only-here.txt": "unique" });
    // The two snapshots' files, each inode once (as du counts them; the index and manifests aside).
    const before = usedBytes(hand, first.snapshotPath);

    const r = await add(root);
    assertEquals(r.code, 0, r.stderr);
    const s = r.summary;
    assertEquals([s.snapshots, s.recorded, s.alreadyRecorded, s.manifestsWritten], [2, 1, 1, 1]);
    assertEquals(s.linked, 4);
    assertEquals(s.reclaimedBytes, 3 * (1 << 20) + 5);
    const after = usedBytes(hand, first.snapshotPath);
    assertEquals(before - after, 3 * (1 << 20) + 5, `${before} bytes used before, ${after} after`);

    for (const f of ["big1.bin", "big2.bin", "deep/big3.bin", "small.txt"]) {
      assertEquals(ino(`${hand}/${f}`), ino(`${first.snapshotPath}/${f}`), f);
    }
    assertEquals(await checkManifest(hand, `${hand}.sha256`), "");
    assertEquals(Deno.readTextFileSync(`${hand}.sha256`).trim().split("\n").length, 5);
    const v = await phlb(["verify", "--root", root, "--all"]);
    assertEquals(v.code, 0, v.stdout + v.stderr);

    // Running it again changes nothing.
    const again = await add(root);
    assertEquals([again.summary.recorded, again.summary.alreadyRecorded, again.summary.linked], [0, 2, 0]);
  });
});

Deno.test("rm -rf ROOT/.phlb && phlb add: the next backup links unchanged files unread, and duplicates", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    makeSource(src);
    await backup(src, root);
    const second = await backup(src, root);
    Deno.removeSync(`${root}/.phlb`, { recursive: true });

    const r = await add(root);
    assertEquals(r.code, 0, r.stderr);
    assertEquals([r.summary.index, r.summary.recorded, r.summary.linked], ["created", 2, 0]);
    assertEquals(r.summary.readFiles, 4, "each inode read once");

    // A duplicate of an existing file, with the same mtime and mode.
    copyFilePreserving(`${src}/big2.bin`, `${src}/copy-of-big2.bin`);
    const third = await backup(src, root);
    assertEquals(third.previous, second.snapshot);
    assertEquals(third.unchangedLinked, 4);
    assertEquals(third.dedupLinked, 1);
    assertEquals(third.copied, 0);
    for (const f of ["big1.bin", "big2.bin", "deep/big3.bin", "small.txt"]) {
      assertEquals(ino(`${third.snapshotPath}/${f}`), ino(`${second.snapshotPath}/${f}`), f);
    }
    assertEquals(ino(`${third.snapshotPath}/copy-of-big2.bin`), ino(`${second.snapshotPath}/big2.bin`));
  });
});

Deno.test("add: a file that differs from its existing manifest is damage, never linked, manifest kept", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    makeSource(src);
    const first = await backup(src, root);
    const hand = `${root}/src/2020-01-01-000000`;
    await copyTree(first.snapshotPath, hand);
    Deno.copyFileSync(`${root}/src/${first.snapshot}.sha256`, `${hand}.sha256`);
    // Bit rot in the copy: one byte, size and mtime unchanged.
    const mtime = Deno.statSync(`${hand}/big2.bin`).mtime!;
    const f = Deno.openSync(`${hand}/big2.bin`, { write: true });
    f.seekSync(4096, Deno.SeekMode.Start);
    f.writeSync(new Uint8Array([0xff, 0x00, 0xff]));
    f.close();
    Deno.utimeSync(`${hand}/big2.bin`, mtime, mtime);
    const manifest = Deno.readTextFileSync(`${hand}.sha256`);

    const r = await add(root);
    assertEquals(r.code, 4, r.stderr);
    assertIncludes(r.stderr, `damage: "src/2020-01-01-000000/big2.bin": content differs from the manifest`);
    assertEquals(r.summary.damage, 1);
    assertEquals(Deno.readTextFileSync(`${hand}.sha256`), manifest);
    assertNotEquals(ino(`${hand}/big2.bin`), ino(`${first.snapshotPath}/big2.bin`));
    assertEquals(ino(`${hand}/big1.bin`), ino(`${first.snapshotPath}/big1.bin`));
    const v = await phlb(["verify", hand]);
    assertEquals(v.code, 4);
    assertIncludes(v.stdout, `content: "src/2020-01-01-000000/big2.bin"`);
  });
});

Deno.test("add --dry-run reports links and space and touches nothing, not even a missing index", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    makeSource(src);
    const first = await backup(src, root);
    await copyTree(src, `${root}/src/2020-01-01-000000`);
    Deno.removeSync(`${root}/.phlb`, { recursive: true });
    const before = treeState(root);

    const r = await phlb(["add", "--root", root, "--dry-run"]);
    assertEquals(r.code, 0, r.stderr);
    // Snapshots are recorded oldest first, so the hand-made copy is the one linked to.
    assertIncludes(
      r.stderr,
      `would link "src/${first.snapshot}/big1.bin" -> "src/2020-01-01-000000/big1.bin"`,
    );
    assertIncludes(r.stdout, "would link: 4 duplicates (3.0 MiB), would free 3.0 MiB");
    assertIncludes(r.stdout, "index:      would be created");
    assertEquals(treeState(root), before);

    const real = await add(root);
    assertEquals([real.summary.linked, real.summary.reclaimedBytes], [4, 3 * (1 << 20) + 5]);
  });
});

Deno.test("add: a damaged index is moved aside and rebuilt, and backups use the new one", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    makeSource(src);
    const first = await backup(src, root);
    // A failing disk: the first page's bytes are garbage.
    const f = Deno.openSync(`${root}/.phlb/index.sqlite`, { write: true });
    f.writeSync(new TextEncoder().encode("garbage garbage garbage garbage!"));
    f.close();
    const broken = await phlb(["backup", src, root]);
    assertEquals(broken.code, 1);
    assertIncludes(broken.stderr, "phlb add");

    const r = await add(root);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(r.summary.index, "recreated");
    const aside = [...Deno.readDirSync(`${root}/.phlb`)].map((e) => e.name).filter((n) =>
      n.includes(".corrupt-")
    );
    assertEquals(aside.length, 1, String(aside));
    assert(/^index\.sqlite\.corrupt-\d{4}-\d{2}-\d{2}-\d{6}$/.test(aside[0]), aside[0]);
    assertIncludes(Deno.readTextFileSync(`${root}/.phlb/${aside[0]}`), "garbage garbage");
    assertEquals(r.summary.indexMovedTo, nativePath(`${root}/.phlb/${aside[0]}`));

    const next = await backup(src, root);
    assertEquals(next.unchangedLinked, 4);
    assertEquals(ino(`${next.snapshotPath}/big1.bin`), ino(`${first.snapshotPath}/big1.bin`));
  });
});

Deno.test("add takes the root lock; rebuild is its alias", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    writeTree(`${root}/name/2020-01-01-000000`, { "a": "a" });
    Deno.mkdirSync(`${root}/.phlb`);
    const lock = acquireRootLock(`${root}/.phlb`, "test");
    try {
      const r = await phlb(["add", "--root", root]);
      assertEquals(r.code, 1);
      assertIncludes(r.stderr, "Backup root is in use");
    } finally {
      lock.release();
    }
    const r = await phlb(["rebuild", "--root", root, "-q"]);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(snapshots(root, "name"), ["2020-01-01-000000"]);
    assertEquals(Deno.readTextFileSync(`${root}/name/2020-01-01-000000.sha256`).endsWith("  a\n"), true);
  });
});

Deno.test("add links a file another process holds open for a moment (a virus scanner, the indexer): Windows refuses the rename until it lets go", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "f.bin": new Uint8Array(50_000).fill(7) });
    const first = await backup(src, root);
    const hand = `${root}/src/2020-01-01-000000`;
    await copyTree(src, hand);
    // The holder opens the hand copy, and lets go 300 ms after add has linked the stored copy to a
    // temporary name beside it (the rename over the file comes next). Under Wine that rename failed
    // at once with "Access denied", and the file stayed a separate copy for good (239 of 240 linked
    // in the kill test below, whose polling lstat held a file at that moment).
    const holder = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `const f = Deno.openSync(${JSON.stringify(`${hand}/f.bin`)}, { read: true });
        console.log("held");
        while (![...Deno.readDirSync(${
          JSON.stringify(hand)
        })].some((e) => e.name.startsWith(".phlb-dedup-"))) {
          await new Promise((r) => setTimeout(r, 1));
        }
        await new Promise((r) => setTimeout(r, 300));
        f.close();`,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = holder.stdout.getReader();
    let said = "";
    while (!said.includes("held")) {
      const { value, done } = await reader.read();
      assert(!done, "the holder ended before it held the file");
      said += new TextDecoder().decode(value);
    }
    reader.releaseLock();
    await holder.stdout.cancel().catch(() => {});
    try {
      const r = await add(root);
      assertEquals(r.code, 0, r.stderr);
      assertEquals([r.summary.linked, r.summary.warnings], [1, 0], r.stderr);
      assertEquals(ino(`${hand}/f.bin`), ino(`${first.snapshotPath}/f.bin`));
    } finally {
      try {
        holder.kill("SIGKILL"); // it missed the temporary name: the rename failed and it went at once
      } catch { /* ended */ }
      await holder.status;
    }
  });
});

Deno.test("add killed with SIGKILL mid-run loses nothing, and the next add finishes the job", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    const files: Record<string, Uint8Array> = {};
    // (Under Wine, where each file operation is slow, fewer: tests/helpers.ts wineScaled.)
    for (let i = 0; i < wineScaled(300, 120); i++) {
      files[`d${i % 10}/f${i}.bin`] = new Uint8Array(20_000).fill(i & 0xff);
    }
    writeTree(src, files);
    const first = await backup(src, root);
    const hands = [`${root}/src/2020-01-01-000000`, `${root}/src/2020-01-02-000000`];
    for (const h of hands) await copyTree(src, h);
    const handFiles = hands.flatMap((h) => Object.keys(files).map((f) => `${h}/${f}`));
    // Files already replaced by a link to the backup's copy (it had one link before).
    const linkedIn = (paths: string[]) => paths.filter((p) => (Deno.lstatSync(p).nlink ?? 1) > 1).length;
    const linkedCount = () => linkedIn(handFiles);
    // Polled through every sixth file: a poll of all 600 takes longer than the add's own work
    // under Wine, which then often finished between two polls.
    const sample = handFiles.filter((_, i) => i % 6 === 0);

    // Each round is killed once it has linked a quarter more of the files: always in the middle of the work.
    const step = Math.max(3, Math.floor(sample.length / 4));
    let kills = 0;
    for (let round = 0; round < 10; round++) {
      const before = linkedIn(sample);
      const child = new Deno.Command(Deno.execPath(), {
        args: phlbCommandArgs(["add", "--root", root, "-q"]),
        stdout: "null",
        stderr: "null",
      }).spawn();
      let exited = false;
      child.status.then(() => exited = true);
      while (!exited) {
        const n = linkedIn(sample);
        if (n >= before + step && n < sample.length) {
          child.kill("SIGKILL");
          kills++;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const status = await child.status;
      // Every tree still holds every file with its bytes; only a swap's second name may be left.
      const want = treeContents(src);
      for (const d of [...hands, first.snapshotPath]) {
        const got = Object.fromEntries(
          Object.entries(treeContents(d)).filter(([rel]) =>
            !rel.split("/").at(-1)!.startsWith(".phlb-dedup-")
          ),
        );
        assertEquals(got, want, `after kill ${kills}: ${d}`);
      }
      if (status.success) break;
    }
    assert(kills >= 2, `only ${kills} kills landed mid-run`);
    const last = await add(root);
    assertEquals(last.code, 0, last.stderr);
    const v = await phlb(["verify", "--root", root, "--all"]);
    assertEquals(v.code, 0, v.stdout + v.stderr);
    assertEquals(linkedCount(), handFiles.length);
    for (const h of hands) assertEquals(ino(`${h}/d3/f3.bin`), ino(`${first.snapshotPath}/d3/f3.bin`));
  });
});

Deno.test("add and verify take the root and the snapshot name format from PyHardLinkBackup.ini", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/work`, {
      "PyHardLinkBackup.ini": ["[backup]", "BACKUP_PATH = ../root", "SUB_DIR_FORMATTER = snap-%Y%m%d-%H%M%S"]
        .join("\n"),
      "src/a.txt": "a",
    });
    const b = await phlb(["backup", "src", "--json"], { cwd: `${t}/work` });
    assertEquals(b.code, 0, b.stderr);
    const first = JSON.parse(b.stdout);
    await copyTree(`${t}/work/src`, `${t}/root/src/snap-20200101-000000`);
    const r = await phlb(["add", "--json"], { cwd: `${t}/work` });
    assertEquals(r.code, 0, r.stderr);
    assertEquals([JSON.parse(r.stdout).recorded, JSON.parse(r.stdout).linked], [1, 1]);
    assertEquals(ino(`${t}/root/src/snap-20200101-000000/a.txt`), ino(`${first.snapshotPath}/a.txt`));
    const v = await phlb(["verify", "--all", "--json"], { cwd: `${t}/work` });
    assertEquals(v.code, 0, v.stdout + v.stderr);
    assertEquals(JSON.parse(v.stdout).snapshots, ["src/snap-20200101-000000", `src/${first.snapshot}`]);
  });
});

Deno.test(skipUnless(!symlinkSkipReason(), `${symlinkSkipReason()}`, {
  name: "add: a symlink among the snapshots is no snapshot: nothing it points at is linked or changed",
  fn: async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/src`, { "a": "same" });
      writeTree(`${t}/elsewhere`, { "a": "same" });
      for (const f of [`${t}/src/a`, `${t}/elsewhere/a`]) setMtime(f, JAN_1_2020);
      await backup(`${t}/src`, `${t}/root`);
      symlinkSync(`${t}/elsewhere`, `${t}/root/src/2020-01-01-000000`, "dir");
      const r = await add(`${t}/root`);
      assertEquals(r.code, 0, r.stderr);
      assertEquals(Deno.statSync(`${t}/elsewhere/a`).nlink, 1, "the file outside the root was not linked");
      const listed = JSON.parse((await phlb(["list", "--root", `${t}/root`, "--json"])).stdout);
      assertEquals(listed.names[0].snapshots.length, 1);
      const pruned = await phlb(["prune", "--root", `${t}/root`, "--keep-last", "1"]);
      assertEquals(pruned.code, 0, pruned.stderr);
      assert(Deno.lstatSync(`${t}/root/src/2020-01-01-000000`).isSymlink, "prune left the symlink alone");
    });
  },
}));

Deno.test("backup: a tree put into the root with cp -al is never a link source: the new snapshot is a copy", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/L`, { "doc": "v1", "other": "o" });
    for (const f of [`${t}/L/doc`, `${t}/L/other`]) setMtime(f, JAN_1_2020);
    Deno.mkdirSync(`${t}/root/L`, { recursive: true });
    await linkTree(`${t}/L`, `${t}/root/L/2020-01-01-000000`);
    assertEquals((await add(`${t}/root`)).code, 0);
    const s = await backup(`${t}/L`, `${t}/root`);
    assertEquals([s.copied, s.unchangedLinked, s.dedupLinked], [2, 0, 0]);
    const live = Deno.statSync(`${t}/L/doc`).ino;
    assertNotEquals(ino(`${s.snapshotPath}/doc`), live);
    Deno.writeTextFileSync(`${t}/L/doc`, "v2, edited in place", { append: true });
    assertEquals(Deno.readTextFileSync(`${s.snapshotPath}/doc`), "v1");
    // And the next run links to that copy as usual.
    const next = await backup(`${t}/L`, `${t}/root`);
    assertEquals(next.unchangedLinked + next.dedupLinked, 1, "other is linked; doc changed");
  });
});
