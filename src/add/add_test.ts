import { assert, assertEquals, assertNotEquals } from "../../tests/assert.ts";
import {
  ino,
  IS_WINDOWS,
  NO_SYMLINKS,
  setMtime,
  symlinkSync,
  withTempDir,
  writeTree,
} from "../../tests/helpers.ts";
import { runBackup } from "../backup/engine.ts";
import { runVerify } from "../verify/verify.ts";
import { runAdd } from "./add.ts";

const T = 1_600_000_000;

/** Writes a hand-made snapshot ROOT/NAME/ID with the given files, all with mtime T. */
function handTree(root: string, rel: string, files: Record<string, string>): string {
  const dir = `${root}/${rel}`;
  writeTree(dir, files);
  for (const f of Object.keys(files)) setMtime(`${dir}/${f}`, T);
  return dir;
}

Deno.test("add links only files whose content, mtime, mode and owner are all equal", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    // Windows has no POSIX modes or owners: there content and mtime make the identity.
    const names = IS_WINDOWS ? ["same", "mtime"] : ["same", "mtime", "mode", "owner"];
    const files = Object.fromEntries(names.map((n) => [n, "x"]));
    const a = handTree(root, "n/2020-01-01-000000", files);
    const b = handTree(root, "n/2020-01-02-000000", files);
    setMtime(`${b}/mtime`, T + 60);
    if (!IS_WINDOWS) {
      Deno.chmodSync(`${b}/mode`, 0o600);
      Deno.chownSync(`${b}/owner`, 4242, 4242);
    }
    const s = await runAdd({ root });
    // In a: everything is the same identity, so all share the inode of a/same.
    assertEquals(ino(`${a}/mtime`), ino(`${a}/same`));
    assertEquals(ino(`${b}/same`), ino(`${a}/same`));
    for (const f of names.slice(1)) assertNotEquals(ino(`${b}/${f}`), ino(`${a}/same`), f);
    assertEquals(Deno.statSync(`${b}/mtime`).mtime!.getTime(), (T + 60) * 1000);
    if (!IS_WINDOWS) {
      assertEquals(Deno.statSync(`${b}/mode`).mode! & 0o777, 0o600);
      assertEquals(Deno.statSync(`${b}/owner`).uid, 4242);
      assertEquals(Deno.statSync(`${a}/same`).mode! & 0o777, 0o644);
    }
    assertEquals(s.linked, names.length);
    assertEquals((await runVerify({ root, all: true })).status, "ok");
  });
});

Deno.test("add respects the link limit: every file kept, no inode above maxLinks", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`f${i}`] = "identical";
    const dirs = [handTree(root, "n/2020-01-01-000000", files), handTree(root, "n/2020-01-02-000000", files)];
    const s = await runAdd({ root, maxLinks: 3 });
    const inodes = new Set<number>();
    for (const d of dirs) {
      for (let i = 0; i < 5; i++) {
        const p = `${d}/f${i}`;
        assertEquals(Deno.readTextFileSync(p), "identical");
        assertEquals(Deno.statSync(p).mtime!.getTime(), T * 1000);
        assert(Deno.statSync(p).nlink! <= 3, `${p} has ${Deno.statSync(p).nlink} links`);
        inodes.add(ino(p));
      }
    }
    assertEquals(inodes.size, 4);
    assertEquals(s.linked, 6);
    assertEquals(s.reclaimedBytes, 6 * "identical".length);
  });
});

Deno.test("add puts back the mtime of folders it linked in, and records folders and symlinks", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    const a = handTree(root, "n/2020-01-01-000000", { "d/x": "x" });
    const b = handTree(root, "n/2020-01-02-000000", { "d/x": "x" });
    const withLink = NO_SYMLINKS === undefined;
    if (withLink) symlinkSync("d/x", `${b}/link`);
    setMtime(`${b}/d`, T - 3600);
    setMtime(b, T - 7200);
    const s = await runAdd({ root });
    assertEquals(s.linked, 1);
    assertEquals(ino(`${b}/d/x`), ino(`${a}/d/x`));
    assertEquals(Deno.statSync(`${b}/d`).mtime!.getTime(), (T - 3600) * 1000);
    assertEquals(Deno.statSync(b).mtime!.getTime(), (T - 7200) * 1000);
    // The index now knows the folder and the symlink: removing them is noticed. (Where no
    // symlink can be made, the folder alone: it and its file are missing.)
    if (withLink) Deno.removeSync(`${b}/link`);
    else Deno.removeSync(`${b}/d`, { recursive: true });
    const v = await runVerify({ root, all: true });
    assertEquals(v.problemsByKind, { missing: withLink ? 1 : 2 });
  });
});

Deno.test("an interrupted add loses nothing, records no half snapshot, and the next run finishes", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`f${i}`] = `content ${i}`;
    const a = handTree(root, "n/2020-01-01-000000", files);
    const b = handTree(root, "n/2020-01-02-000000", files);
    const controller = new AbortController();
    let stopped: unknown;
    try {
      // Stop right after the first swap, in the middle of the second snapshot.
      await runAdd({ root, signal: controller.signal }, { onLink: () => controller.abort() });
    } catch (e) {
      stopped = e;
    }
    assertEquals((stopped as Error)?.name, "InterruptedError");
    const names = [...Deno.readDirSync(b)].map((e) => e.name).sort();
    assertEquals(names, Object.keys(files).sort(), "no temporary names left");
    for (const d of [a, b]) {
      for (const [f, text] of Object.entries(files)) assertEquals(Deno.readTextFileSync(`${d}/${f}`), text);
    }
    let manifestOfB = true;
    try {
      Deno.statSync(`${b}.sha256`);
    } catch {
      manifestOfB = false;
    }
    assertEquals(manifestOfB, false, "the interrupted snapshot's manifest is not written");

    const s = await runAdd({ root });
    assertEquals(
      [s.recorded, s.alreadyRecorded],
      [1, 1],
      "the first snapshot stayed recorded, the second was not",
    );
    assertEquals(s.linked, 9);
    for (const f of Object.keys(files)) assertEquals(ino(`${b}/${f}`), ino(`${a}/${f}`));
    assertEquals((await runVerify({ root, all: true })).status, "ok");
  });
});

Deno.test("add removes a link left by a run killed between link and rename", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    const a = handTree(root, "n/2020-01-01-000000", { x: "x" });
    Deno.linkSync(`${a}/x`, `${a}/.phlb-dedup-4711-1.tmp`);
    const infos: string[] = [];
    const s = await runAdd({ root }, { onInfo: (m) => infos.push(m) });
    assertEquals(s.files, 1);
    assertEquals([...Deno.readDirSync(a)].map((e) => e.name), ["x"]);
    assert(infos.some((m) => m.includes("leftover")), infos.join("\n"));
  });
});

Deno.test("add removes a leftover link that is the last name of its copy only when a file beside it holds the same bytes", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    // A later run moved the other names of the copy elsewhere: the leftover is its last name. The
    // file it was to replace, beside it, still holds the same bytes.
    const a = handTree(root, "n/2020-01-01-000000", { x: "same bytes", y: "other" });
    Deno.writeTextFileSync(`${a}/.phlb-dedup-4711-1.tmp`, "same bytes");
    // A file with the temporary name whose bytes no file beside it holds is not proven a leftover:
    // it is kept and recorded like any file.
    const b = handTree(root, "n/2020-01-02-000000", { x: "one" });
    Deno.writeTextFileSync(`${b}/.phlb-dedup-4711-2.tmp`, "two");
    const s = await runAdd({ root });
    assertEquals([...Deno.readDirSync(a)].map((e) => e.name).sort(), ["x", "y"]);
    assertEquals([...Deno.readDirSync(b)].map((e) => e.name).sort(), [".phlb-dedup-4711-2.tmp", "x"]);
    assertEquals(s.files, 4);
  });
});

Deno.test("snapshots made by backup are recorded as the engine records them: add then backup is a no-op", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a": "a", "b/c": "c", "b/d": "c" });
    setMtime(`${src}/b/c`, T);
    setMtime(`${src}/b/d`, T);
    const first = await runBackup({ source: src, root, name: "n" });
    Deno.removeSync(`${root}/.phlb`, { recursive: true });
    const s = await runAdd({ root });
    assertEquals([s.index, s.recorded, s.linked, s.manifestsChecked, s.damage], ["created", 1, 0, 1, 0]);
    const next = await runBackup({ source: src, root, name: "n" });
    assertEquals(next.unchangedLinked, 3);
    assertEquals(next.copied, 0);
    assertEquals(ino(`${next.snapshotPath}/b/d`), ino(`${first.snapshotPath}/b/c`));
  });
});
