import { assert, assertEquals } from "../../tests/assert.ts";
import {
  checkManifest,
  filesUnder,
  openFdsUnder,
  sh,
  skipUnless,
  testSkippedOn,
  treeContents,
  withTempDir,
  writeTree,
} from "../../tests/helpers.ts";
import { nativeUnavailableReason, openBackend } from "../fs/native/mod.ts";
import { type BackupOptions, runBackup } from "./engine.ts";
import { Excluder } from "./exclude.ts";

async function backup(src: string, root: string, extra: Partial<BackupOptions> = {}) {
  const summary = await runBackup({ source: src, root, name: "src", ...extra });
  return { summary, path: summary.snapshotPath };
}

function filled(sizeBytes: number, byte: number): Uint8Array {
  return new Uint8Array(sizeBytes).fill(byte);
}

Deno.test("files read through one reused buffer keep their own bytes, whatever the order of sizes", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    // Walk order is by name: large, then smaller, then empty, then exactly the buffer's early sizes.
    writeTree(src, {
      "a-large.bin": filled(300_000, 0x61),
      "b-medium.bin": filled(70_000, 0x62),
      "c-small.txt": "small",
      "d-empty": "",
      "e-64k.bin": filled(64 << 10, 0x65),
      "f-64k-plus-1.bin": filled((64 << 10) + 1, 0x66),
      "g-tiny.txt": "t",
    });
    // 100 kB: the first file takes the chunked path, the others the in-memory one.
    const r = await backup(src, `${t}/root`, { smallFileBytes: 100_000 });
    assertEquals(r.summary.copied, 7);
    assertEquals(treeContents(r.path), treeContents(src));
    assertEquals(await checkManifest(r.path, `${r.path}.sha256`), "");
  });
});

testSkippedOn("windows", "Windows files have no POSIX mode bits or owners")(
  "new copies keep modes the umask would strip, set-id bits, and (as root) the owner",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "open.sh": "#!/bin/sh\n", "private.txt": "p", "suid": "s", "other-owner.txt": "o" });
      Deno.chmodSync(`${src}/open.sh`, 0o777);
      Deno.chmodSync(`${src}/private.txt`, 0o400);
      Deno.chmodSync(`${src}/suid`, 0o4755);
      const asRoot = Deno.uid() === 0;
      if (asRoot) {
        Deno.chownSync(`${src}/other-owner.txt`, 65534, 65534);
        Deno.chmodSync(`${src}/other-owner.txt`, 0o2644);
      }
      const r = await backup(src, `${t}/root`);
      assertEquals(r.summary.errors, 0);
      const mode = (rel: string) => Deno.statSync(`${r.path}/${rel}`).mode! & 0o7777;
      assertEquals(mode("open.sh"), 0o777);
      assertEquals(mode("private.txt"), 0o400);
      assertEquals(mode("suid"), 0o4755);
      if (asRoot) {
        const st = Deno.statSync(`${r.path}/other-owner.txt`);
        assertEquals([st.uid, st.gid], [65534, 65534]);
        // chown clears set-id bits: the mode is set again after it.
        assertEquals(st.mode! & 0o7777, 0o2644);
      }
    });
  },
);

Deno.test("marker files and CACHEDIR.TAG are seen in the folder's names; a tag without the signature is kept", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, {
      "keep/a.txt": "a",
      "private/.nobackup": "",
      "private/secret.txt": "s",
      "fake-cache/CACHEDIR.TAG": "not the signature\n",
      "fake-cache/data": "d",
      "real-cache/CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n",
      "real-cache/blob": "b",
      "dir-named-tag/CACHEDIR.TAG/inner": "a folder named like the tag is not a tag",
    });
    const excluded: string[] = [];
    const summary = await runBackup(
      { source: src, root: `${t}/root`, name: "src", exclude: new Excluder({ markerFiles: [".nobackup"] }) },
      { onExcluded: (rel, reason) => excluded.push(`${rel}: ${reason}`) },
    );
    assertEquals(filesUnder(summary.snapshotPath), [
      "dir-named-tag/CACHEDIR.TAG/inner",
      "fake-cache/CACHEDIR.TAG",
      "fake-cache/data",
      "keep/a.txt",
    ]);
    assertEquals(excluded.sort(), ['private: marker file ".nobackup"', "real-cache: CACHEDIR.TAG"]);
    assert(!excluded.some((e) => e.startsWith("fake-cache")));
  });
});

Deno.test("an abort is seen by the per-entry check without an await: InterruptedError, and .partial stays", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`d${i % 5}/f${i}.txt`] = `file ${i}`;
    writeTree(src, files);
    const controller = new AbortController();
    let error: unknown;
    try {
      // Aborted once the walk is about to start: the per-entry check must see it without an await.
      await runBackup({ source: src, root: `${t}/root`, name: "src", signal: controller.signal }, {
        onStart: () => controller.abort(),
      });
    } catch (err) {
      error = err;
    }
    assertEquals((error as Error)?.name, "InterruptedError");
    const names = [...Deno.readDirSync(`${t}/root/src`)].map((e) => e.name);
    assert(names.some((n) => n.endsWith(".partial")), names.join(","));
    assert(!names.some((n) => /^\d{4}-\d{2}-\d{2}-\d{6}$/.test(n)), names.join(","));
  });
});

Deno.test("a copy an interrupted run left, whose bytes were lost at the same size and mtime, is read and not linked", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    const files: Record<string, Uint8Array> = {};
    for (const name of ["f1", "f2", "f3"]) {
      files[name] = crypto.getRandomValues(new Uint8Array(5000));
    }
    writeTree(src, files);
    // A finished snapshot turned into what an interrupted run leaves: its copies are recorded in the
    // index, but the folder is .partial and was never flushed to disk.
    const first = await backup(src, root);
    const id = first.summary.snapshot;
    Deno.renameSync(first.path, `${first.path}.partial`);
    Deno.removeSync(`${root}/src/${id}.sha256`);
    Deno.removeSync(`${root}/src/${id}.summary.json`);
    // What a power cut can leave on a filesystem that writes names and sizes before data: f2 keeps
    // its size and its exact mtime (nanoseconds where the backend sees them), and holds zeros.
    const lost = `${first.path}.partial/f2`;
    const fs = openBackend();
    const times = fs.lstat(lost);
    Deno.writeFileSync(lost, new Uint8Array(5000));
    fs.setTimes(lost, times);
    assertEquals(fs.lstat(lost).mtimeNsec, times.mtimeNsec);

    const lostIno = Deno.statSync(lost).ino;
    const keptIno = Deno.statSync(`${first.path}.partial/f1`).ino;
    const notices: string[] = [];
    const second = await runBackup({ source: src, root, name: "src" }, { onNotice: (m) => notices.push(m) });
    for (const [name, bytes] of Object.entries(files)) {
      assertEquals(Deno.readFileSync(`${second.snapshotPath}/${name}`), bytes, `${name} in the new snapshot`);
    }
    assertEquals([second.dedupLinked, second.copied], [2, 1]);
    assert(
      Deno.statSync(`${second.snapshotPath}/f2`).ino !== lostIno,
      "f2 was linked to the damaged copy",
    );
    assert(notices.some((m) => m.includes("left by an interrupted run")), notices.join("\n"));
    // The undamaged copies were still linked.
    assertEquals(
      Deno.statSync(`${second.snapshotPath}/f1`).ino,
      keptIno,
    );
  });
});

const noHandles = Deno.build.os !== "linux"
  ? "folder handles (openat) and /proc/self/fd are Linux's"
  : nativeUnavailableReason() && `folder handles are the native layer's: ${nativeUnavailableReason()}`;

Deno.test(skipUnless(!noHandles, `${noHandles}`, {
  name:
    "the folder handles of the walk and the fast path are all closed, after a run and after an interrupted one",
  fn: () =>
    withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      const files: Record<string, string> = {};
      for (let d = 0; d < 5; d++) for (let f = 1; f <= 5; f++) files[`d${d}/sub/a${f}`] = `${d}/${f}`;
      writeTree(src, files);
      // A FIFO among the files of one deep folder: its warning interrupts the run there.
      assertEquals((await sh("mkfifo d2/sub/a3fifo", { cwd: src })).code, 0);
      const run = (signal?: AbortSignal, onProblem?: () => void) =>
        runBackup({ source: src, root, name: "src", fsBackend: "native", signal }, { onProblem });
      const first = await run();
      assertEquals(first.files, 25);
      assertEquals(openFdsUnder(t), []);

      const controller = new AbortController();
      let error: unknown;
      try {
        await run(controller.signal, () => {
          // The check below can see the handles: at this warning the walk holds its folders open.
          assert(openFdsUnder(t).length > 0, "the walk holds folder handles");
          controller.abort();
        });
      } catch (err) {
        error = err;
      }
      assertEquals((error as Error)?.name, "InterruptedError");
      assertEquals(openFdsUnder(t), [], "no handle left open by the interrupted run");

      const third = await run();
      assertEquals([third.files, third.unchangedLinked], [25, 25]);
      assertEquals(openFdsUnder(t), [], "no handle left open by a complete run");
      // Linked through the handles: the same inodes as the first snapshot's.
      for (const rel of Object.keys(files)) {
        assertEquals(
          Deno.statSync(`${third.snapshotPath}/${rel}`).ino,
          Deno.statSync(`${first.snapshotPath}/${rel}`).ino,
          rel,
        );
      }
    }),
}));
