import { assert, assertEquals, assertNotEquals } from "../../tests/assert.ts";
import {
  checkManifest,
  copyTree,
  filesUnder,
  hasTools,
  ino,
  IS_WINDOWS,
  NO_SYMLINKS,
  phlb,
  setMtime,
  SETTLED,
  sh,
  skipUnless,
  snapshots,
  symlinkSkipReason,
  symlinkSync,
  testSkippedOn,
  treeContents,
  withTempDir,
  writeTree,
} from "../../tests/helpers.ts";
import { compileGlob } from "../fs/glob.ts";
import { nativeUnavailableReason } from "../fs/native/mod.ts";
import { type BackupOptions, runBackup } from "./engine.ts";
import { Excluder } from "./exclude.ts";

// Ignored where they cannot apply, with the reason printed.
const test = testSkippedOn("windows", "names Windows forbids (a backslash, a newline, a quote)");

/** Settled fixtures (tests/helpers.ts SETTLED) unless a test gives its own racy window. */
function opts(src: string, root: string, extra: Partial<BackupOptions> = {}): BackupOptions {
  return { source: src, root, name: "src", ...SETTLED, ...extra };
}

/** The engine's own racy window, for the tests of that rule. */
const DEFAULT_WINDOW: Partial<BackupOptions> = { racyWindowMs: undefined };

/** Runs a backup and returns the new snapshot's path. */
async function backup(src: string, root: string, extra: Partial<BackupOptions> = {}) {
  const summary = await runBackup(opts(src, root, extra));
  return { summary, path: summary.snapshotPath };
}

Deno.test("an unchanged file is the same inode as in the previous snapshot, and is not read", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a.txt": "alpha", "sub/b.txt": "beta" });
    const first = await backup(src, `${t}/root`);
    const second = await backup(src, `${t}/root`);
    assertEquals(second.summary.unchangedLinked, 2);
    assertEquals(second.summary.copied, 0);
    assertEquals(ino(`${first.path}/a.txt`), ino(`${second.path}/a.txt`));
    assertEquals(ino(`${first.path}/sub/b.txt`), ino(`${second.path}/sub/b.txt`));
    assertEquals(snapshots(`${t}/root`, "src").length, 2);
  });
});

Deno.test("a moved, a renamed and a duplicated file are each hardlinked to the stored copy", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "docs/report.pdf": "report-bytes", "notes.txt": "notes-bytes", "pic.jpg": "jpeg" });
    setMtime(`${src}/docs/report.pdf`, 1_600_000_000);
    setMtime(`${src}/notes.txt`, 1_600_000_000);
    const first = await backup(src, `${t}/root`);
    // move, rename, duplicate within the same run
    Deno.mkdirSync(`${src}/archive`);
    Deno.renameSync(`${src}/docs/report.pdf`, `${src}/archive/report.pdf`);
    Deno.renameSync(`${src}/notes.txt`, `${src}/renamed.txt`);
    writeTree(src, { "copy1.bin": "same-content", "copy2.bin": "same-content" });
    setMtime(`${src}/copy1.bin`, 1_600_000_000);
    setMtime(`${src}/copy2.bin`, 1_600_000_000);
    const second = await backup(src, `${t}/root`);
    assertEquals(ino(`${second.path}/archive/report.pdf`), ino(`${first.path}/docs/report.pdf`));
    assertEquals(ino(`${second.path}/renamed.txt`), ino(`${first.path}/notes.txt`));
    assertEquals(ino(`${second.path}/copy1.bin`), ino(`${second.path}/copy2.bin`));
    assertEquals(second.summary.dedupLinked, 3);
    assertEquals(second.summary.copied, 1);
  });
});

Deno.test("equal content with a different mtime or mode (not on Windows: none there) is not linked", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a": "same", "b": "same", "c": "same" });
    setMtime(`${src}/a`, 1_600_000_000);
    setMtime(`${src}/b`, 1_600_000_100);
    setMtime(`${src}/c`, 1_600_000_000);
    if (!IS_WINDOWS) Deno.chmodSync(`${src}/c`, 0o600);
    const r = await backup(src, `${t}/root`);
    assertNotEquals(ino(`${r.path}/a`), ino(`${r.path}/b`));
    assertEquals(Deno.statSync(`${r.path}/b`).mtime!.getTime(), 1_600_000_100_000);
    if (IS_WINDOWS) {
      // Same content and mtime: linked.
      assertEquals(ino(`${r.path}/a`), ino(`${r.path}/c`));
      assertEquals([r.summary.copied, r.summary.dedupLinked], [2, 1]);
    } else {
      assertNotEquals(ino(`${r.path}/a`), ino(`${r.path}/c`));
      assertEquals(Deno.statSync(`${r.path}/c`).mode! & 0o777, 0o600);
      assertEquals(r.summary.copied, 3);
    }
  });
});

Deno.test("after a modification the older snapshot keeps its content and mtime", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "f.txt": "version one" });
    setMtime(`${src}/f.txt`, 1_500_000_000);
    const first = await backup(src, `${t}/root`);
    Deno.writeTextFileSync(`${src}/f.txt`, "version two, longer");
    if (!IS_WINDOWS) Deno.chmodSync(`${src}/f.txt`, 0o640);
    const second = await backup(src, `${t}/root`);
    assertEquals(Deno.readTextFileSync(`${first.path}/f.txt`), "version one");
    assertEquals(Deno.statSync(`${first.path}/f.txt`).mtime!.getTime(), 1_500_000_000_000);
    if (!IS_WINDOWS) assertEquals(Deno.statSync(`${first.path}/f.txt`).mode! & 0o777, 0o644);
    assertEquals(Deno.readTextFileSync(`${second.path}/f.txt`), "version two, longer");
    assertNotEquals(ino(`${first.path}/f.txt`), ino(`${second.path}/f.txt`));
    // Only the changed file was read; the old copy is still one link (not shared any more).
    assertEquals(Deno.statSync(`${first.path}/f.txt`).nlink, 1);
  });
});

Deno.test("after rm -rf of an older snapshot the newer ones are intact and the next run links", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "keep.txt": "keep", "d/x.txt": "x" });
    const first = await backup(src, `${t}/root`);
    const second = await backup(src, `${t}/root`);
    await Deno.remove(first.path, { recursive: true });
    assertEquals(Deno.readTextFileSync(`${second.path}/keep.txt`), "keep");
    writeTree(src, { "new.txt": "keep" });
    setMtime(`${src}/new.txt`, Deno.statSync(`${src}/keep.txt`).mtime!.getTime() / 1000);
    const third = await backup(src, `${t}/root`);
    assertEquals(third.summary.errors, 0);
    assertEquals(third.summary.unchangedLinked, 2);
    assertEquals(ino(`${third.path}/keep.txt`), ino(`${second.path}/keep.txt`));
    assertEquals(ino(`${third.path}/new.txt`), ino(`${second.path}/keep.txt`));
    // Deleting the snapshot that held the link source, then duplicating again, still works.
    await Deno.remove(second.path, { recursive: true });
    const fourth = await backup(src, `${t}/root`);
    assertEquals(fourth.summary.errors, 0);
    assertEquals(ino(`${fourth.path}/keep.txt`), ino(`${third.path}/keep.txt`));
  });
});

Deno.test("symlinks (broken, absolute, relative), empty folders, a source hardlink pair and a FIFO", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "target.txt": "t", "pair/one": "pair" });
    Deno.linkSync(`${src}/pair/one`, `${src}/pair/two`);
    // Where symlinks can be made (on Windows with Developer Mode or as an administrator), with
    // targets as that platform writes them. Windows has no FIFOs and no POSIX modes.
    const links = NO_SYMLINKS === undefined;
    const targets = IS_WINDOWS
      ? { broken: "C:\\nonexistent\\path", absolute: "C:\\Windows", relative: "..\\target.txt" }
      : { broken: "/nonexistent/path", absolute: "/etc", relative: "../target.txt" };
    if (links) {
      symlinkSync(targets.broken, `${src}/broken`);
      symlinkSync(targets.absolute, `${src}/absolute`, "dir");
      symlinkSync(targets.relative, `${src}/pair/relative`);
    }
    Deno.mkdirSync(`${src}/empty/nested-empty`, { recursive: true });
    if (!IS_WINDOWS) Deno.chmodSync(`${src}/empty`, 0o750);
    setMtime(`${src}/empty/nested-empty`, 1_400_000_000);
    setMtime(`${src}/empty`, 1_400_000_100);
    if (!IS_WINDOWS) await sh(`mkfifo '${src}/fifo'`);
    const r = await backup(src, `${t}/root`);
    if (links) {
      assertEquals(Deno.readLinkSync(`${r.path}/broken`), targets.broken);
      assertEquals(Deno.readLinkSync(`${r.path}/absolute`), targets.absolute);
      assertEquals(Deno.readLinkSync(`${r.path}/pair/relative`), targets.relative);
      assert(Deno.lstatSync(`${r.path}/absolute`).isSymlink);
    }
    assertEquals(r.summary.symlinks, links ? 3 : 0);
    if (!IS_WINDOWS) assertEquals(Deno.statSync(`${r.path}/empty`).mode! & 0o777, 0o750);
    assertEquals(Deno.statSync(`${r.path}/empty`).mtime!.getTime(), 1_400_000_100_000);
    assertEquals(Deno.statSync(`${r.path}/empty/nested-empty`).mtime!.getTime(), 1_400_000_000_000);
    assertEquals(ino(`${r.path}/pair/one`), ino(`${r.path}/pair/two`));
    assertEquals(r.summary.hardlinkGroupLinked, 1);
    if (IS_WINDOWS) return;
    assertEquals(r.summary.skipped, 1);
    assertEquals(r.summary.warnings, 1);
    let fifoStored = true;
    try {
      Deno.lstatSync(`${r.path}/fifo`);
    } catch {
      fifoStored = false;
    }
    assertEquals(fifoStored, false);
    const log = Deno.readTextFileSync(`${t}/root/src/${r.summary.snapshot}.log`);
    assert(log.includes(`"fifo": skipped: a FIFO`), log);
  });
});

test("the manifest is accepted by coreutils sha256sum -c, names with backslash and newline included", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, {
      "plain.txt": "p",
      "back\\slash.txt": "b",
      "new\nline.txt": "n",
      "-leading dash": "d",
      "sp ace/émoji 🎉.txt": "e",
      "quote'\"s": "q",
    });
    const r = await backup(src, `${t}/root`);
    const res = await sh(`cd '${r.path}' && sha256sum --strict -c '../${r.summary.snapshot}.sha256'`);
    assertEquals(res.code, 0, res.stdout + res.stderr);
    assertEquals(res.stdout.trim().split("\n").length, 6);
  });
});

Deno.test("a destination inside the source is excluded from the walk", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a.txt": "a" });
    const r = await backup(src, `${src}/backups`);
    const again = await backup(src, `${src}/backups`);
    assertEquals(r.summary.files, 1);
    assertEquals(again.summary.files, 1);
    assertEquals(again.summary.excluded, 1);
  });
});

Deno.test("the link limit: 20 identical files with a limit of 5 become 4 inodes, every file present", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`f${String(i).padStart(2, "0")}`] = "identical";
    writeTree(src, files);
    for (let i = 0; i < 20; i++) setMtime(`${src}/f${String(i).padStart(2, "0")}`, 1_600_000_000);
    const r = await backup(src, `${t}/root`, { maxLinks: 5 });
    const inodes = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const p = `${r.path}/f${String(i).padStart(2, "0")}`;
      assertEquals(Deno.readTextFileSync(p), "identical");
      inodes.add(ino(p));
      assert(Deno.statSync(p).nlink! <= 5);
    }
    assertEquals(inodes.size, 4);
    // A second run links unchanged files within the limit too: no inode exceeds it, none is missing.
    const r2 = await backup(src, `${t}/root`, { maxLinks: 5 });
    for (let i = 0; i < 20; i++) {
      const p = `${r2.path}/f${String(i).padStart(2, "0")}`;
      assertEquals(Deno.readTextFileSync(p), "identical");
      assert(Deno.statSync(p).nlink! <= 5);
    }
    assertEquals(r2.summary.errors, 0);
  });
});

Deno.test("excludes: globs on names and paths, folders pruned, CACHEDIR.TAG", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, {
      "keep.txt": "k",
      "drop.tmp": "d",
      "deep/x.tmp": "d",
      "build/out.o": "o",
      "photos/raw/a.cr2": "r",
      "photos/a.jpg": "j",
      "cache/CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n",
      "cache/blob": "b",
    });
    const r = await backup(src, `${t}/root`, {
      exclude: new Excluder({ globs: ["*.tmp", "/build", "photos/raw/"].map(compileGlob) }),
    });
    assertEquals(filesUnder(r.path), ["keep.txt", "photos/a.jpg"]);
    assertEquals(r.summary.excluded, 5);
  });
});

Deno.test("a file that changes size while read is stored as read, and the manifest matches it", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "grow.log": "x".repeat(4096) });
    // Another process appends while the backup runs; a large-file path with a tiny threshold.
    const append = `const f = Deno.openSync(${JSON.stringify(`${src}/grow.log`)}, { append: true });\n` +
      `for (let i = 0; i < 400; i++) f.writeSync(new TextEncoder().encode("y".repeat(2000)));\nf.close();`;
    const writer = new Deno.Command(Deno.execPath(), { args: ["eval", append] }).spawn();
    const r = await backup(src, `${t}/root`, { smallFileBytes: 1 });
    assertEquals((await writer.status).code, 0);
    assertEquals(await checkManifest(r.path, `${r.path}.sha256`), "");
  });
});

Deno.test("dry run writes nothing", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a": "a", "b/c": "c" });
    await backup(src, `${t}/root`);
    // Every name under the root with what it holds, the index's bytes included.
    const before = treeContents(`${t}/root`);
    writeTree(src, { "new": "n" });
    const r = await runBackup(opts(src, `${t}/root`, { dryRun: true }));
    const after = treeContents(`${t}/root`);
    assertEquals(after, before);
    assertEquals(r.status, "dry-run");
    assertEquals(r.unchangedLinked, 2);
    assertEquals(r.toRead, 1);
    assertEquals(r.previous, snapshots(`${t}/root`, "src")[0], "the snapshot the fast path compared with");
    // Into a root that does not exist yet: it is not created.
    const fresh = await runBackup(opts(src, `${t}/new/root`, { dryRun: true }));
    assertEquals([fresh.files, fresh.toRead, fresh.previous], [3, 3, null]);
    assertEquals([...Deno.readDirSync(t)].map((e) => e.name).sort(), ["root", "src"]);
  });
});

Deno.test("unchanged files whose stored inode is at the link limit are linked to the newer copy, not each copied", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`f${String(i).padStart(2, "0")}`] = "identical";
    writeTree(src, files);
    for (const name of Object.keys(files)) setMtime(`${src}/${name}`, 1_600_000_000);
    await backup(src, `${t}/root`, { maxLinks: 5 });
    const r2 = await backup(src, `${t}/root`, { maxLinks: 5 });
    const inodes = new Set(Object.keys(files).map((name) => ino(`${r2.path}/${name}`)));
    // Every stored inode is full (5 links), so 20 files need 4 new inodes, not 20.
    assertEquals(inodes.size, 4);
    assertEquals([r2.summary.copied, r2.summary.errors], [4, 0]);
  });
});

Deno.test("a rewrite right after the read that keeps size and mtime is still caught by the next run", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    Deno.mkdirSync(src);
    // Written just now: within the racy window when the backup reads it.
    Deno.writeTextFileSync(`${src}/doc.txt`, "version 1");
    const mtime = Deno.statSync(`${src}/doc.txt`).mtime!;
    const first = await backup(src, `${t}/root`, DEFAULT_WINDOW);
    // A second write in the same millisecond: same size, same (millisecond) mtime.
    Deno.writeTextFileSync(`${src}/doc.txt`, "version 2");
    Deno.utimeSync(`${src}/doc.txt`, mtime, mtime);
    const second = await backup(src, `${t}/root`, DEFAULT_WINDOW);
    assertEquals(Deno.readTextFileSync(`${second.path}/doc.txt`), "version 2");
    assertEquals(Deno.readTextFileSync(`${first.path}/doc.txt`), "version 1");
    assertEquals(second.summary.unchangedLinked, 0);
    // Once the file is older than the window, the fast path trusts it again.
    const third = await backup(src, `${t}/root`, { racyWindowMs: 0 });
    assertEquals(third.summary.unchangedLinked, 0);
    const fourth = await backup(src, `${t}/root`, { racyWindowMs: 0 });
    assertEquals(fourth.summary.unchangedLinked, 1);
    assertEquals(ino(`${fourth.path}/doc.txt`), ino(`${third.path}/doc.txt`));
  });
});

Deno.test("a DEDUP=content link, which shows another file's mode and mtime, is read and stored exactly by the next exact run", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "data": "same bytes", "run.sh": "same bytes" });
    if (!IS_WINDOWS) {
      Deno.chmodSync(`${src}/data`, 0o644);
      Deno.chmodSync(`${src}/run.sh`, 0o755);
    }
    setMtime(`${src}/data`, 1_580_000_000);
    setMtime(`${src}/run.sh`, 1_610_000_000);
    const content = await backup(src, `${t}/root`, { dedup: "content" });
    assertEquals(ino(`${content.path}/run.sh`), ino(`${content.path}/data`));
    // Another content run links it unread again: that mode accepts the shared metadata.
    const again = await backup(src, `${t}/root`, { dedup: "content" });
    assertEquals(again.summary.unchangedLinked, 2);
    const exact = await backup(src, `${t}/root`);
    const st = Deno.statSync(`${exact.path}/run.sh`);
    assertEquals(st.mtime!.getTime(), 1_610_000_000_000);
    if (!IS_WINDOWS) assertEquals(st.mode! & 0o777, 0o755);
    assertEquals(exact.summary.unchangedLinked, 1, "data itself is unchanged");
    assertNotEquals(st.ino, ino(`${exact.path}/data`));
  });
});

Deno.test("an emptied source (a drive not mounted) is backed up as it is, with a warning naming the previous snapshot", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a": "a", "d/b": "b" });
    const first = await backup(src, `${t}/root`);
    const notices: string[] = [];
    const quiet = await runBackup(opts(src, `${t}/root`), { onNotice: (m) => notices.push(m) });
    assertEquals([notices, quiet.warnings], [[], 0]);
    Deno.removeSync(src, { recursive: true });
    Deno.mkdirSync(src);
    const empty = await runBackup(opts(src, `${t}/root`), { onNotice: (m) => notices.push(m) });
    assertEquals([empty.files, empty.warnings, notices.length], [0, 1, 1]);
    assert(
      notices[0].includes("is empty, but the previous snapshot") && notices[0].includes("mounted"),
      notices[0],
    );
    assert(notices[0].includes(`previous snapshot ${quiet.snapshot} is not`), notices[0]);
    assert(first.summary.snapshot !== quiet.snapshot);
    assertEquals([...Deno.readDirSync(empty.snapshotPath)], []);
    const log = Deno.readTextFileSync(`${t}/root/src/${empty.snapshot}.log`);
    assert(log.includes("WARNING the source"), log);
  });
});

Deno.test("a root copied to another disk (new inode numbers) is not copied again: each stored copy is read once and linked", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a": "alpha", "d/b": "beta", "d/c": "gamma" });
    for (const f of ["a", "d/b", "d/c"]) setMtime(`${src}/${f}`, 1_600_000_000);
    await backup(src, `${t}/root`);
    await backup(src, `${t}/root`);
    await copyTree(`${t}/root`, `${t}/copy`);
    // A replaced copy at the same size and mtime is not taken for the content.
    Deno.writeTextFileSync(`${t}/copy/src/${snapshots(`${t}/copy`, "src")[0]}/d/c`, "GAMMA");
    Deno.writeTextFileSync(`${t}/copy/src/${snapshots(`${t}/copy`, "src")[1]}/d/c`, "GAMMA");
    for (const id of snapshots(`${t}/copy`, "src")) setMtime(`${t}/copy/src/${id}/d/c`, 1_600_000_000);
    const notices: string[] = [];
    const moved = await runBackup(opts(src, `${t}/copy`), { onNotice: (m) => notices.push(m) });
    assertEquals([moved.unchangedLinked, moved.dedupLinked, moved.copied], [0, 2, 1]);
    assertEquals(notices.length, 1, notices.join("\n"));
    assert(notices[0].startsWith("2 stored copies had other inode numbers"), notices[0]);
    const prev = `${t}/copy/src/${snapshots(`${t}/copy`, "src")[1]}`;
    assertEquals(ino(`${moved.snapshotPath}/a`), ino(`${prev}/a`));
    assertEquals(Deno.readTextFileSync(`${moved.snapshotPath}/d/c`), "gamma");
    const next = await runBackup(opts(src, `${t}/copy`), { onNotice: (m) => notices.push(m) });
    assertEquals([next.unchangedLinked, next.copied, notices.length], [3, 0, 1]);
  });
});

Deno.test(skipUnless(!symlinkSkipReason(), `${symlinkSkipReason()}`, {
  name:
    "a stored copy at another inode is never linked through a folder replaced by a symlink out of the root",
  fn: async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "a/x.txt": "payload" });
      writeTree(`${t}/out`, { "a/x.txt": "payload" });
      for (const p of [`${src}/a/x.txt`, `${t}/out/a/x.txt`]) setMtime(p, 1_600_000_000);
      const first = await backup(src, `${t}/root`);
      Deno.removeSync(`${first.path}/a`, { recursive: true });
      symlinkSync(`${t}/out/a`, `${first.path}/a`, "dir");
      // A change time of now (utime sets it, on Windows too), the same mtime: the file is read again.
      setMtime(`${src}/a/x.txt`, 1_600_000_000);
      const second = await backup(src, `${t}/root`);
      assertEquals([second.summary.copied, second.summary.dedupLinked], [1, 0]);
      assertNotEquals(ino(`${second.path}/a/x.txt`), ino(`${t}/out/a/x.txt`));
      assertEquals(Deno.statSync(`${t}/out/a/x.txt`).nlink, 1);
    });
  },
}));

Deno.test("DEDUP=content: a stored copy edited in place (new mtime) is not linked to", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "x": "original" });
    setMtime(`${src}/x`, 1_600_000_000);
    const first = await backup(src, `${t}/root`, { dedup: "content" });
    Deno.writeTextFileSync(`${first.path}/x`, "EDITED!!"); // same size, the mtime is now
    writeTree(src, { "y": "original" });
    const second = await backup(src, `${t}/root`, { dedup: "content" });
    assertEquals(Deno.readTextFileSync(`${second.path}/y`), "original");
    assertEquals(Deno.readTextFileSync(`${second.path}/x`), "original");
  });
});

const noXattrs = Deno.build.os !== "linux"
  ? "setfattr and getfattr are Linux tools"
  : nativeUnavailableReason() && `xattrs need the native layer: ${nativeUnavailableReason()}`;

Deno.test(skipUnless(!noXattrs, `${noXattrs}`, {
  name:
    "a root copied without its xattrs (rsync -aH without -X): the stored copies lacking them are not linked",
  fn: async () => {
    if (!await hasTools("setfattr")) return console.log("ignored: setfattr is missing");
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "tagged": "alpha", "plain": "beta" });
      assertEquals((await sh(`setfattr -n user.tag -v 1 '${src}/tagged'`)).code, 0);
      for (const f of ["tagged", "plain"]) setMtime(`${src}/${f}`, 1_600_000_000);
      await backup(src, `${t}/root`);
      await backup(src, `${t}/root`);
      await copyTree(`${t}/root`, `${t}/copy`);
      // Both snapshots share the inode: one removal covers them.
      const [first] = snapshots(`${t}/copy`, "src");
      assertEquals((await sh(`setfattr -x user.tag '${t}/copy/src/${first}/tagged'`)).code, 0);
      const moved = await runBackup(opts(src, `${t}/copy`));
      assertEquals([moved.dedupLinked, moved.copied], [1, 1]);
      const got = await sh(`getfattr -n user.tag --only-values '${moved.snapshotPath}/tagged'`);
      assertEquals(got.stdout, "1");
    });
  },
}));

Deno.test("through the Deno API (whole-second ctimes), a file whose ctime is recent is read again next run", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "f": "version-1" });
    setMtime(`${src}/f`, 1_600_000_000); // an old mtime: only the ctime is recent
    await backup(src, `${t}/root`, { fsBackend: "deno", ...DEFAULT_WINDOW });
    // A rewrite in place in the same second, the mtime set back: the ctime's second is the same.
    Deno.writeTextFileSync(`${src}/f`, "VERSION-2");
    setMtime(`${src}/f`, 1_600_000_000);
    const second = await backup(src, `${t}/root`, { fsBackend: "deno", ...DEFAULT_WINDOW });
    assertEquals(second.summary.unchangedLinked, 0);
    assertEquals(Deno.readTextFileSync(`${second.path}/f`), "VERSION-2");
  });
});

Deno.test("Windows semantics through the Deno API: a file whose mtime was set back (its change time now) is read again until the window has passed", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "f": "content" });
    // utime sets the change time to now, on Windows as on Linux: a file restored or copied with
    // its old mtime a moment ago. The mtime alone would call it settled; its change time does not.
    setMtime(`${src}/f`, 1_600_000_000);
    // A wide window first, so that a slow machine still reads within it; then the default one,
    // waited out (the change time in whole seconds: recent until the window and the second it drops
    // have passed).
    const wide = { fsBackend: "deno" as const, racyWindowMs: 60_000 };
    const runs = [await backup(src, `${t}/root`, wide), await backup(src, `${t}/root`, wide)];
    assertEquals(runs[1].summary.unchangedLinked, 0, "read again: its change time was too recent");
    assertEquals(runs[1].summary.dedupLinked, 1, "and, read, found to be the same content");
    const ctimeMs = Deno.lstatSync(`${src}/f`).ctime!.getTime();
    await new Promise((r) => setTimeout(r, Math.max(0, ctimeMs + 1000 + 2000 + 50 - Date.now())));
    const window = { fsBackend: "deno" as const, ...DEFAULT_WINDOW };
    runs.push(await backup(src, `${t}/root`, window)); // reads it once more, now settled
    runs.push(await backup(src, `${t}/root`, window));
    assertEquals(runs[3].summary.unchangedLinked, 1, "trusted once settled");
    assertEquals(ino(`${runs[3].path}/f`), ino(`${runs[2].path}/f`));
  });
});

Deno.test("source hardlink groups: a DEDUP=content group keeps flag 8 on every name, and MAX_LINKS splits a large group", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "x": "same", "z": "same", "g1": "group" });
    setMtime(`${src}/x`, 1_600_000_000);
    setMtime(`${src}/z`, 1_700_000_000);
    Deno.linkSync(`${src}/z`, `${src}/zz`);
    for (let i = 2; i <= 6; i++) Deno.linkSync(`${src}/g1`, `${src}/g${i}`);
    const r = await backup(src, `${t}/root`, { dedup: "content", maxLinks: 3 });
    // z and zz show x's mtime (content dedup): both are recorded so, and verify finds nothing.
    const v = await phlb(["verify", r.path]);
    assertEquals(v.code, 0, v.stdout + v.stderr);
    const links = [1, 2, 3, 4, 5, 6].map((i) => Deno.statSync(`${r.path}/g${i}`).nlink ?? 0);
    assert(links.every((n) => n <= 3), `links ${links}`);
    assertEquals(new Set([1, 2, 3, 4, 5, 6].map((i) => ino(`${r.path}/g${i}`))).size, 2);
  });
});
