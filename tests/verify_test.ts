/**
 * End-to-end tests of `phlb verify`: damage made the way a user or a failing disk makes it.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { resolve } from "node:path";
import {
  nativePath,
  NO_SYMLINKS,
  phlb,
  rotByte,
  setMtime,
  snapshots,
  symlinkSync,
  withTempDir,
  writeTree,
} from "./helpers.ts";

/** The last `n` names of a path, "/"-joined, whichever separator the platform printed. */
function lastNames(path: string, n = 1): string {
  return path.split(/[\\/]/).slice(-n).join("/");
}

/** Whether the source tree holds its symlink (where one can be made: tests/helpers.ts NO_SYMLINKS). */
const LINKS = NO_SYMLINKS === undefined;

/** Backs up `src` into `root` (name "src") and returns the new snapshot's path. */
async function backup(src: string, root: string): Promise<string> {
  const r = await phlb(["backup", src, root, "--json"]);
  assertEquals(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).snapshotPath;
}

function sourceTree(src: string): void {
  writeTree(src, {
    "docs/report.txt": "quarterly numbers ".repeat(200),
    "docs/notes.md": "# notes\n",
    "photo.jpg": new Uint8Array(64 * 1024).map((_, i) => (i * 7) & 0xff),
  });
  if (LINKS) symlinkSync("docs/notes.md", `${src}/notes-link`);
  Deno.mkdirSync(`${src}/empty`);
}

Deno.test("verify: a flipped byte is named with exit code 4; --fast misses it but catches a changed size", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    sourceTree(src);
    const snap = await backup(src, root);
    const clean = await phlb(["verify", "--root", root]);
    assertEquals(clean.code, 0, clean.stdout + clean.stderr);
    assertIncludes(clean.stdout, "OK: everything matches");

    rotByte(`${snap}/docs/report.txt`, 100);
    const id = lastNames(snap);
    const full = await phlb(["verify", "--root", root]);
    assertEquals(full.code, 4, full.stdout + full.stderr);
    assertIncludes(full.stdout, `content: "src/${id}/docs/report.txt": content differs`);
    assertEquals(full.stdout.split("\n").filter((l) => l.startsWith("content:")).length, 1, full.stdout);

    const fast = await phlb(["verify", "--root", root, "--fast"]);
    assertEquals(fast.code, 0, "--fast reads no content: " + fast.stdout);

    // Truncation, with the mtime put back: only the size betrays it.
    const mtime = Deno.statSync(`${snap}/photo.jpg`).mtime!;
    Deno.truncateSync(`${snap}/photo.jpg`, 1000);
    Deno.utimeSync(`${snap}/photo.jpg`, mtime, mtime);
    const fast2 = await phlb(["verify", "--root", root, "--fast"]);
    assertEquals(fast2.code, 4, fast2.stdout);
    assertIncludes(fast2.stdout, `size: "src/${id}/photo.jpg": size is 1000 bytes, recorded 65536`);
  });
});

Deno.test("verify: deleted entries are missing, added ones extra, and each problem is one line", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    sourceTree(src);
    const snap = await backup(src, root);
    const id = lastNames(snap);
    Deno.removeSync(`${snap}/docs/notes.md`);
    if (LINKS) Deno.removeSync(`${snap}/notes-link`);
    Deno.removeSync(`${snap}/empty`);
    writeTree(snap, { "docs/stray.txt": "added by hand" });
    const r = await phlb(["verify", snap]);
    assertEquals(r.code, 4, r.stdout + r.stderr);
    const lines = r.stdout.split("\n").filter((l) => /^[a-z-]+: "/.test(l)).sort();
    assertEquals(lines, [
      `extra: "src/${id}/docs/stray.txt": not in the manifest`,
      `missing: "src/${id}/docs/notes.md": listed in the manifest, not in the snapshot`,
      `missing: "src/${id}/empty": a folder the snapshot recorded is missing`,
      ...(LINKS ? [`missing: "src/${id}/notes-link": a symlink the snapshot recorded is missing`] : []),
    ]);
  });
});

Deno.test("verify --json: summary and problem list; each linked inode is read once across snapshots", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    sourceTree(src);
    await backup(src, root);
    await backup(src, root);
    await backup(src, root);
    const r = await phlb(["verify", "--root", root, "--all", "--json"]);
    assertEquals(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assertEquals(s.status, "ok");
    assertEquals(s.snapshots.length, 3);
    assertEquals(s.files, 9);
    assertEquals(s.readFiles, 3, "three inodes, each read once");
    assertEquals(s.reusedFiles, 6);
    assertEquals(s.problemList, []);
  });
});

Deno.test("verify ROOT and verify ROOT/NAME check that root's or name's snapshots, not the folder as one", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    sourceTree(src);
    await backup(src, root);
    const newest = await backup(src, root);
    writeTree(`${t}/other`, { "o.txt": "other" });
    const other = JSON.parse((await phlb(["backup", `${t}/other`, root, "--json"])).stdout).snapshotPath;
    const ids = (r: { stdout: string }): string[] => JSON.parse(r.stdout).snapshots;
    const label = (path: string) => lastNames(path, 2);

    // The root: the newest snapshot of each name, as with --root.
    const whole = await phlb(["verify", root, "--json"]);
    assertEquals(whole.code, 0, whole.stdout + whole.stderr);
    assertEquals(ids(whole).sort(), [label(newest), label(other)].sort());
    assertEquals(JSON.parse(whole.stdout).problemList, []);
    // A name folder (relative to the working directory too): its newest, or all of them with --all.
    const name = await phlb(["verify", "src", "--json"], { cwd: root });
    assertEquals([name.code, ids(name)], [0, [label(newest)]]);
    const all = await phlb(["verify", `${root}/src`, "--all", "--json"]);
    assertEquals([all.code, ids(all).length], [0, 2]);
    // Damage is still found that way.
    rotByte(`${newest}/photo.jpg`, 10);
    const bad = await phlb(["verify", root, "-q"]);
    assertEquals(bad.code, 4);
    assertIncludes(bad.stdout, "content:");
  });
});

Deno.test("verify: without an index the manifest still catches damage, and a missing manifest is damage", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    sourceTree(src);
    const snap = await backup(src, root);
    const id = lastNames(snap);
    Deno.removeSync(`${root}/.phlb`, { recursive: true });
    const ok = await phlb(["verify", "--root", root]);
    assertEquals(ok.code, 0, ok.stdout + ok.stderr);
    assertIncludes(ok.stderr, "not in the index");
    rotByte(`${snap}/docs/notes.md`, 0);
    const bad = await phlb(["verify", "--root", root]);
    assertEquals(bad.code, 4);
    assertIncludes(bad.stdout, `content: "src/${id}/docs/notes.md"`);
    Deno.removeSync(`${root}/src/${id}.sha256`);
    const none = await phlb(["verify", "--root", root]);
    assertEquals(none.code, 4);
    assertIncludes(none.stdout, `no-manifest: "src/${id}": the manifest ${id}.sha256 is missing`);
  });
});

Deno.test("verify: a scrub with a tiny --max-duration progresses across runs and finishes the pass", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    const files: Record<string, string> = {};
    // About 2 MB each: hashing one takes longer than the 1 ms budget, so a run covers few of them.
    for (let i = 0; i < 6; i++) files[`f${i}.txt`] = `content number ${i}\n`.repeat(120_000);
    writeTree(src, files);
    await backup(src, root);
    await backup(src, root);
    const verified: number[] = [];
    let complete = false;
    for (let run = 0; run < 8 && !complete; run++) {
      const r = await phlb(["verify", "--root", root, "--resume", "--max-duration", "1ms", "--json"]);
      assertEquals(r.code, 0, r.stdout + r.stderr);
      const s = JSON.parse(r.stdout).scrub;
      assertEquals(s.contentsTotal, 6);
      assert(s.verifiedThisRun >= 1, "every run verifies at least one content");
      verified.push(s.contentsVerified);
      complete = s.complete;
    }
    assert(complete, `the pass never finished: ${verified}`);
    assert(verified.length >= 2, `1 ms should not cover six contents in one run: ${verified}`);
    for (let i = 1; i < verified.length; i++) {
      assert(verified[i] > verified[i - 1], `no progress: ${verified}`);
    }
    assertEquals(verified[verified.length - 1], 6);

    // Its verdict says what a scrub checks: each content through one path.
    const clean = await phlb(["verify", "--root", root, "--resume"]);
    assertEquals(clean.code, 0, clean.stdout + clean.stderr);
    assertIncludes(clean.stdout, "OK: every content read matches (`phlb verify --all` checks every path");
    // The next --resume starts a new pass; damage is named with the stored path and exit code 4.
    const snap = `${root}/src/${snapshots(root, "src")[0]}`;
    rotByte(`${snap}/f3.txt`, 5);
    const r = await phlb(["verify", "--root", root, "--resume"]);
    assertEquals(r.code, 4, r.stdout + r.stderr);
    assertIncludes(r.stdout, `/f3.txt": content differs`);
    assertIncludes(r.stdout, "6 of 6 contents verified");
  });
});

Deno.test("verify: --help documents exit code 4; contradictory options are usage errors", async () => {
  const help = await phlb(["verify", "--help"]);
  assertEquals(help.code, 0);
  assertIncludes(help.stdout, "4    damage found");
  const fast = await phlb(["verify", "--root", "/nonexistent", "--fast", "--resume"]);
  assertEquals(fast.code, 2, fast.stderr);
  const paths = await phlb(["verify", "/tmp", "--max-duration", "1h"]);
  assertEquals(paths.code, 2, paths.stderr);
  const badDuration = await phlb(["verify", "--root", "/tmp", "--max-duration", "soon"]);
  assertEquals(badDuration.code, 2, badDuration.stderr);
  const noRoot = await phlb(["verify", "--root", "/nonexistent/root"]);
  assertEquals(noRoot.code, 1);
  assertIncludes(noRoot.stderr, `Backup root "${resolve("/nonexistent/root")}" does not exist`);
});

Deno.test("verify: a scrub needs the index and names the fix", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a": "a" });
    setMtime(`${src}/a`, 1_600_000_000);
    await backup(src, `${t}/root`);
    Deno.removeSync(`${t}/root/.phlb`, { recursive: true });
    const r = await phlb(["verify", "--root", `${t}/root`, "--resume"]);
    assertEquals(r.code, 1);
    assertIncludes(r.stderr, "phlb add");
  });
});

Deno.test("verify: a root with no complete snapshot (empty, an unmounted disk's folder, only a partial) is an error, not OK", async () => {
  await withTempDir(async (t) => {
    Deno.mkdirSync(`${t}/root/.phlb`, { recursive: true });
    const empty = await phlb(["verify", "--root", `${t}/root`]);
    assertEquals(empty.code, 1, empty.stdout + empty.stderr);
    assertIncludes(empty.stderr, `error: No complete snapshot to verify under "${nativePath(`${t}/root`)}"`);
    Deno.mkdirSync(`${t}/root/src/2025-01-01-000000.partial`, { recursive: true });
    for (const args of [["--root", `${t}/root`], [`${t}/root/src`]]) {
      const r = await phlb(["verify", ...args]);
      assertEquals(r.code, 1, `${args}: ${r.stdout}${r.stderr}`);
      assert(!r.stdout.includes("OK"), r.stdout);
    }
  });
});
