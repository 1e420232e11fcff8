import { assert, assertEquals, assertNotEquals } from "../../tests/assert.ts";
import { ino, setMtime, SETTLED, testSkippedOn, withTempDir } from "../../tests/helpers.ts";
import { FatalError, type ItemProblem } from "../errors.ts";
import { sha256Hex } from "../fs/hash.ts";
import { nameFromIndex } from "../fs/native/names.ts";
import { BackupIndex } from "../index/index.ts";
import { runBackup } from "./engine.ts";
import type { BackupSummary } from "./summary.ts";

function bytesOf(sizeBytes: number, seed: number): Uint8Array {
  return new Uint8Array(sizeBytes).map((_, i) => (i * 31 + seed + (i >> 12)) & 0xff);
}

type Row = Record<string, unknown>;

/**
 * What a root holds, independent of inode numbers: every table row (the stored inode of an entry
 * replaced by the first path that has it), and the paths of the snapshot grouped by inode.
 */
function rootFacts(root: string, snapshotPath: string) {
  const snap = snapshotPath.slice(snapshotPath.lastIndexOf("/") + 1);
  // Inode -> the paths holding it, in walk order.
  const byIno = new Map<number, string[]>();
  const visit = (dir: string, rel: string) => {
    for (const e of [...Deno.readDirSync(dir)].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const st = Deno.lstatSync(`${dir}/${e.name}`);
      if (st.isDirectory) visit(`${dir}/${e.name}`, r);
      else if (st.isFile) byIno.set(st.ino!, [...(byIno.get(st.ino!) ?? []), r]);
    }
  };
  visit(snapshotPath, "");
  const groups = [...byIno.values()].map((g) => g.join(" = ")).sort();
  const firstPath = new Map([...byIno].map(([i, g]) => [i, g[0]]));
  const index = BackupIndex.open(`${root}/.phlb`, { readOnly: true });
  try {
    const id = index.findSnapshot("src", snap)!.id;
    const entries = (index.statement(
      `SELECT d.path AS dir, e.* FROM entries e JOIN dirs d ON d.id = e.dir_id WHERE e.snapshot_id = ?
       ORDER BY e.dir_id, e.name`,
    ).all(id) as Row[]).map((r) => ({
      ...r,
      name: nameFromIndex(r.name as string | Uint8Array),
      ino: r.ino === null ? null : firstPath.get(Number(r.ino)),
    }));
    const contents = index.statement("SELECT id, hex(hash) AS hash, size FROM contents ORDER BY id").all();
    const dirs = index.statement("SELECT id, path FROM dirs ORDER BY id").all();
    const sources = index.statement("SELECT * FROM sources").all().map((r) => JSON.stringify(r)).sort();
    return {
      groups,
      entries,
      contents,
      dirs,
      sources,
      manifest: Deno.readTextFileSync(`${snapshotPath}.sha256`),
    };
  } finally {
    index.close();
  }
}

/** A source with duplicates side by side (read by two workers at once), in small and large files. */
function duplicateTree(src: string): void {
  const mtime = 1_700_000_000;
  const put = (rel: string, bytes: Uint8Array, mtimeS = mtime) => {
    Deno.mkdirSync(`${src}/${rel.slice(0, rel.lastIndexOf("/"))}`, { recursive: true });
    Deno.writeFileSync(`${src}/${rel}`, bytes);
    setMtime(`${src}/${rel}`, mtimeS);
  };
  for (let d = 0; d < 4; d++) {
    for (let i = 0; i < 30; i++) {
      // Every fifth file is another's bytes and mtime (a link under DEDUP=exact); every seventh has
      // the same bytes at another mtime (its own copy).
      const seed = i % 5 === 4 ? 1000 + d : 10 * d + i;
      put(
        `d${d}/f${String(i).padStart(2, "0")}.txt`,
        bytesOf(50 + 700 * (i % 11), seed),
        i % 7 === 6 ? mtime + i : mtime,
      );
    }
  }
  // Two identical new files of exactly the small-file limit, side by side: each fills a batch of
  // its own, so two workers read them at the same time.
  put("pair/a.bin", bytesOf(64 << 10, 7));
  put("pair/b.bin", bytesOf(64 << 10, 7));
  // Large files (over the limit): two identical new ones side by side, one more elsewhere, and one
  // of the same size with other bytes.
  put("large/x1.bin", bytesOf(200_000, 8));
  put("large/x2.bin", bytesOf(200_000, 8));
  put("large/y.bin", bytesOf(200_000, 9));
  put("z/late-copy-of-x.bin", bytesOf(200_000, 8));
  put("z/empty.txt", new Uint8Array(0));
  put("z/empty-too.txt", new Uint8Array(0));
  // A source hardlink group, and symlinks.
  Deno.linkSync(`${src}/d0/f00.txt`, `${src}/z/second-name.txt`);
  Deno.symlinkSync("d0/f01.txt", `${src}/link`);
  Deno.symlinkSync("missing", `${src}/d2/broken`);
}

const COUNTS = [
  "files",
  "copied",
  "copiedBytes",
  "dedupLinked",
  "hardlinkGroupLinked",
  "errors",
  "warnings",
] as const;

const posix = testSkippedOn("windows", "uses source hardlinks and symlinks");

posix("--jobs 0, 1 and 4 store the same snapshot: manifest, index rows and inode grouping", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    duplicateTree(src);
    const facts: ReturnType<typeof rootFacts>[] = [];
    const summaries: BackupSummary[] = [];
    for (const jobs of [0, 1, 4]) {
      const root = `${t}/root${jobs}`;
      const s = await runBackup({
        source: src,
        root,
        name: "src",
        jobs,
        smallFileBytes: 64 << 10,
        ...SETTLED,
      });
      summaries.push(s);
      facts.push(rootFacts(root, s.snapshotPath));
    }
    const [serial] = facts;
    // The identical new files are one inode each time, and the one at another mtime is not.
    assert(serial.groups.includes("pair/a.bin = pair/b.bin"), serial.groups.join("\n"));
    assert(
      serial.groups.includes("large/x1.bin = large/x2.bin = z/late-copy-of-x.bin"),
      serial.groups.join("\n"),
    );
    assert(serial.groups.includes("d0/f00.txt = z/second-name.txt"), serial.groups.join("\n"));
    assert(!serial.groups.some((g) => g.includes("d0/f06.txt =")), serial.groups.join("\n"));
    for (const [i, jobs] of [1, 4].entries()) {
      const f = facts[i + 1];
      assertEquals(f.manifest, serial.manifest, `manifest with --jobs ${jobs}`);
      assertEquals(f.groups, serial.groups, `inode grouping with --jobs ${jobs}`);
      assertEquals(f.entries, serial.entries, `entries with --jobs ${jobs}`);
      assertEquals(f.contents, serial.contents, `contents with --jobs ${jobs}`);
      assertEquals(f.dirs, serial.dirs, `dirs with --jobs ${jobs}`);
      assertEquals(f.sources, serial.sources, `sources with --jobs ${jobs}`);
      for (const k of COUNTS) assertEquals(summaries[i + 1][k], summaries[0][k], `${k} with --jobs ${jobs}`);
    }
  });
});

posix(
  "--checksum reads every file through the workers and links each to its stored copy, as with --jobs 0",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      duplicateTree(src);
      const runs: BackupSummary[] = [];
      for (const jobs of [0, 2]) {
        const root = `${t}/root${jobs}`;
        await runBackup({ source: src, root, name: "src", jobs, smallFileBytes: 64 << 10 });
        const s = await runBackup({
          source: src,
          root,
          name: "src",
          jobs,
          checksum: true,
          smallFileBytes: 64 << 10,
        });
        runs.push(s);
        assertEquals(s.copied, 0, JSON.stringify(s));
        assertEquals(
          rootFacts(root, s.snapshotPath).manifest,
          Deno.readTextFileSync(`${runs[0].snapshotPath}.sha256`),
        );
      }
      for (const k of [...COUNTS, "unchangedLinked"] as const) assertEquals(runs[1][k], runs[0][k], k);
    });
  },
);

/** Runs a backup and counts the lines saying workers started. */
async function countingStarts(options: Parameters<typeof runBackup>[0]) {
  let starts = 0;
  const summary = await runBackup(options, {
    onInfo: (m) => {
      if (/read, hashed and written by \d+ worker/.test(m)) starts++;
    },
  });
  return { summary, starts };
}

Deno.test("workers start at the first file read, not before; no-change and 1% runs start none", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    Deno.mkdirSync(`${src}/empty/deeper`, { recursive: true });
    const nothing = await countingStarts({ source: src, root: `${t}/r0`, name: "src", jobs: 2, ...SETTLED });
    assertEquals([nothing.starts, nothing.summary.files], [0, 0]);

    for (let i = 0; i < 100; i++) Deno.writeTextFileSync(`${src}/f${i}.txt`, `file ${i}\n`);
    for (let i = 0; i < 100; i++) setMtime(`${src}/f${i}.txt`, 1_700_000_000);
    const root = `${t}/root`;
    const first = await countingStarts({ source: src, root, name: "src", jobs: 2, ...SETTLED });
    assertEquals([first.starts, first.summary.copied], [1, 100]);
    const still = await countingStarts({ source: src, root, name: "src", jobs: 2, ...SETTLED });
    assertEquals([still.starts, still.summary.unchangedLinked], [0, 100]);
    Deno.writeTextFileSync(`${src}/f3.txt`, "changed\n");
    Deno.writeTextFileSync(`${src}/new.txt`, "new\n");
    const small = await countingStarts({ source: src, root, name: "src", jobs: 2, ...SETTLED });
    assertEquals([small.starts, small.summary.copied, small.summary.unchangedLinked], [0, 2, 99]);
    const off = await countingStarts({
      source: src,
      root: `${t}/root-off`,
      name: "src",
      jobs: 0,
      ...SETTLED,
    });
    assertEquals([off.starts, off.summary.copied], [0, 101]);
  });
});

Deno.test("a worker that dies ends the run with a FatalError: the snapshot stays .partial, the next run is whole", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    Deno.mkdirSync(src);
    for (let i = 0; i < 300; i++) {
      Deno.writeTextFileSync(`${src}/f${String(i).padStart(3, "0")}.txt`, `file ${i}\n`);
    }
    const root = `${t}/root`;
    let error: unknown;
    try {
      await runBackup({ source: src, root, name: "src", jobs: 2, crashWorkerOn: "f150.txt" });
    } catch (err) {
      error = err;
    }
    assert(error instanceof FatalError, String(error));
    assert(/worker reading and writing file contents stopped/.test(error.message), error.message);
    const names = [...Deno.readDirSync(`${root}/src`)].map((e) => e.name);
    assert(names.some((n) => n.endsWith(".partial")), names.join(","));
    assert(!names.some((n) => /^\d{4}-\d{2}-\d{2}-\d{6}$/.test(n)), names.join(","));

    const again = await runBackup({ source: src, root, name: "src", jobs: 2 });
    assertEquals([again.files, again.errors, again.warnings], [300, 0, 0]);
    const manifest = Deno.readTextFileSync(`${again.snapshotPath}.sha256`).trim().split("\n");
    assertEquals(manifest.length, 300);
    for (const line of manifest) {
      const rel = line.slice(66);
      assertEquals(line.slice(0, 64), sha256Hex(Deno.readFileSync(`${again.snapshotPath}/${rel}`)), rel);
    }
  });
});

Deno.test("an abort while workers read stops the run: InterruptedError, workers gone, .partial stays", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    Deno.mkdirSync(src);
    for (let i = 0; i < 2000; i++) Deno.writeFileSync(`${src}/f${i}.bin`, bytesOf(2000 + i, i));
    const controller = new AbortController();
    let copied = 0;
    let error: unknown;
    try {
      await runBackup({ source: src, root: `${t}/root`, name: "src", jobs: 2, signal: controller.signal }, {
        onProgress: (p) => {
          copied = p.files;
          if (p.files > 0) controller.abort();
        },
      });
    } catch (err) {
      error = err;
    }
    assertEquals((error as Error)?.name, "InterruptedError", String(error));
    assert(copied < 2000, `the run was not stopped (${copied} files)`);
    const names = [...Deno.readDirSync(`${t}/root/src`)].map((e) => e.name);
    assert(names.some((n) => n.endsWith(".partial")), names.join(","));
  });
});

// One worker: the walk runs ahead of it, so b-changes.txt is lstat'ed before a-big.bin is copied and
// read after (on the main thread the walk would only lstat it after the copy, and see no change).
for (const jobs of [1]) {
  Deno.test(`--jobs ${jobs}: a file changed between the walk's lstat and its read is stored as read, flagged, and never a link source`, async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      Deno.mkdirSync(src);
      // "a-big.bin" is copied first, in one pass over 70 MiB; the small files after it are read
      // once it is copied, after the timer below has changed one of them.
      const f = Deno.openSync(`${src}/a-big.bin`, { write: true, create: true });
      const block = bytesOf(1 << 20, 1);
      for (let i = 0; i < 70; i++) f.writeSync(block);
      f.close();
      const original = bytesOf(50_000, 2);
      Deno.writeFileSync(`${src}/b-changes.txt`, original);
      Deno.writeFileSync(`${src}/c-same.txt`, original); // the same bytes and mtime: a link, unless b changed
      for (const n of ["b-changes.txt", "c-same.txt"]) setMtime(`${src}/${n}`, 1_700_000_000);
      let changed = false;
      const timer = setInterval(() => {
        if (changed) return;
        for (const e of Deno.readDirSync(`${root}/src`)) {
          try {
            Deno.lstatSync(`${root}/src/${e.name}/a-big.bin`);
          } catch {
            continue;
          }
          const w = Deno.openSync(`${src}/b-changes.txt`, { write: true, append: true });
          w.writeSync(new TextEncoder().encode("appended"));
          w.close();
          changed = true;
        }
      }, 1);
      const problems: ItemProblem[] = [];
      let summary;
      try {
        summary = await runBackup({ source: src, root, name: "src", jobs }, {
          onProblem: (p) => problems.push(p),
        });
      } finally {
        clearInterval(timer);
      }
      assert(changed, "the change did not happen while a-big.bin was copied");
      assertEquals(summary.errors, 0);
      assert(
        problems.some((p) => p.path === "b-changes.txt" && p.severity === "warning"),
        JSON.stringify(problems),
      );
      const snap = summary.snapshotPath;
      // The manifest gives the hash of the stored bytes, whichever version they are.
      const manifest = new Map(
        Deno.readTextFileSync(`${snap}.sha256`).trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)]),
      );
      for (const n of ["a-big.bin", "b-changes.txt", "c-same.txt"]) {
        assertEquals(manifest.get(n), sha256Hex(Deno.readFileSync(`${snap}/${n}`)), n);
      }
      // The changed file is no link source: c-same.txt is its own copy, with its own bytes.
      assertNotEquals(ino(`${snap}/b-changes.txt`), ino(`${snap}/c-same.txt`));
      assertEquals(sha256Hex(Deno.readFileSync(`${snap}/c-same.txt`)), sha256Hex(original));
      // The next run reads it again and stores what it holds now.
      const again = await runBackup({ source: src, root, name: "src", jobs });
      assertEquals(
        sha256Hex(Deno.readFileSync(`${again.snapshotPath}/b-changes.txt`)),
        sha256Hex(Deno.readFileSync(`${src}/b-changes.txt`)),
      );
    });
  });
}
