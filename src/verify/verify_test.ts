import { assertEquals } from "../../tests/assert.ts";
import {
  IS_WINDOWS,
  NO_SYMLINKS,
  setMtime,
  symlinkSync,
  withTempDir,
  writeTree,
} from "../../tests/helpers.ts";
import { runBackup } from "../backup/engine.ts";
import { runScrub } from "./scrub.ts";
import type { VerifyProblem } from "./summary.ts";
import { runVerify } from "./verify.ts";

async function snapshotOf(src: string, root: string): Promise<string> {
  return (await runBackup({ source: src, root, name: "n" })).snapshotPath;
}

async function problemsOf(root: string, extra: { fast?: boolean } = {}): Promise<string[]> {
  const found: VerifyProblem[] = [];
  const s = await runVerify({ root, ...extra }, { onProblem: (p) => found.push(p) });
  assertEquals(s.problems, found.length);
  assertEquals(s.status, found.length > 0 ? "damaged" : "ok");
  return found.map((p) => `${p.kind} ${p.path}`).sort();
}

Deno.test("verify: metadata changes on a stored inode, a retargeted symlink and a replaced type", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a.txt": "a", "b.txt": "b", "c.txt": "c", "d/e.txt": "e", "f.txt": "f" });
    // Windows has no POSIX modes or owners, and may not make symlinks (tests/helpers.ts NO_SYMLINKS).
    const links = NO_SYMLINKS === undefined;
    if (links) symlinkSync("a.txt", `${src}/link`);
    const snap = await snapshotOf(src, `${t}/root`);
    assertEquals(await problemsOf(`${t}/root`), []);
    const expected = ["mtime b.txt", "type c.txt"];
    if (!IS_WINDOWS) {
      Deno.chmodSync(`${snap}/a.txt`, 0o600);
      Deno.chownSync(`${snap}/f.txt`, 12345, 12345);
      expected.push("mode a.txt", "owner f.txt");
    }
    setMtime(`${snap}/b.txt`, 1_000_000_000);
    if (links) {
      Deno.removeSync(`${snap}/link`);
      symlinkSync("b.txt", `${snap}/link`);
      expected.push("symlink-target link");
    }
    Deno.removeSync(`${snap}/c.txt`);
    Deno.mkdirSync(`${snap}/c.txt`);
    assertEquals(await problemsOf(`${t}/root`), expected.sort());
    // --fast checks the same metadata without reading.
    assertEquals((await problemsOf(`${t}/root`, { fast: true })).length, expected.length);
  });
});

Deno.test("verify: an extra folder and a FIFO (not on Windows, which has none) in a snapshot are extra", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a.txt": "a" });
    const snap = await snapshotOf(src, `${t}/root`);
    Deno.mkdirSync(`${snap}/new-folder`);
    const expected = ["extra new-folder"];
    if (!IS_WINDOWS) {
      const fifo = new Deno.Command("mkfifo", { args: [`${snap}/pipe`] }).outputSync();
      assertEquals(fifo.code, 0);
      expected.push("extra pipe");
    }
    assertEquals(await problemsOf(`${t}/root`), expected);
  });
});

Deno.test("scrub: contents are verified least recently verified first, across names", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    writeTree(`${t}/one`, { "x": "x", "y": "y" });
    writeTree(`${t}/two`, { "z": "z", "y": "y" });
    setMtime(`${t}/one/y`, 1_600_000_000);
    setMtime(`${t}/two/y`, 1_600_000_000);
    await runBackup({ source: `${t}/one`, root, name: "one" });
    await runBackup({ source: `${t}/two`, root, name: "two" });
    const first = await runScrub({ root, maxDurationMs: 0 });
    assertEquals(first.scrub!.verifiedThisRun, 1);
    assertEquals(first.scrub!.contentsTotal, 3);
    const second = await runScrub({ root, maxDurationMs: 0, resume: true });
    assertEquals(second.scrub!.contentsVerified, 2);
    const rest = await runScrub({ root, resume: true });
    assertEquals(rest.scrub!.verifiedThisRun, 1);
    assertEquals(rest.scrub!.complete, true);
    assertEquals(rest.status, "ok");
    // Without --resume a new pass begins, with the least recently verified content first: "x"
    // (verified in the first run), not "z" (verified last). Damage in both shows which one was read.
    const snapOne = (await runVerify({ root })).snapshots.find((s) => s.startsWith("one/"))!;
    const snapTwo = (await runVerify({ root })).snapshots.find((s) => s.startsWith("two/"))!;
    Deno.writeTextFileSync(`${root}/${snapOne}/x`, "X");
    Deno.writeTextFileSync(`${root}/${snapTwo}/z`, "Z");
    const found: VerifyProblem[] = [];
    const fresh = await runScrub({ root, maxDurationMs: 0 }, { onProblem: (p) => found.push(p) });
    assertEquals(fresh.scrub!.contentsVerified, 1);
    assertEquals(fresh.scrub!.complete, false);
    assertEquals(found.map((p) => `${p.kind} ${p.path}`), ["mtime x", "content x"]);
  });
});

Deno.test("scrub: an aborted run leaves the pass and what was verified before it", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`f${i}`] = `file ${i}`;
    writeTree(`${t}/src`, files);
    await runBackup({ source: `${t}/src`, root, name: "n" });
    const first = await runScrub({ root, maxDurationMs: 0 });
    assertEquals(first.scrub!.verifiedThisRun, 1);
    const controller = new AbortController();
    let aborted: unknown;
    try {
      // The first progress report comes with the first file: stop there.
      await runScrub({ root, resume: true, signal: controller.signal }, {
        onProgress: () => controller.abort(),
      });
    } catch (e) {
      aborted = e;
    }
    assertEquals((aborted as Error)?.name, "InterruptedError");
    const after = await runScrub({ root, resume: true });
    assertEquals(after.scrub!.passStartedAt, first.scrub!.passStartedAt);
    assertEquals(after.scrub!.verifiedThisRun, 19);
    assertEquals(after.scrub!.complete, true);
  });
});

Deno.test("verify: a link left by a killed `phlb add` is extra, and the message says so", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    writeTree(src, { "a.txt": "a" });
    const snap = await snapshotOf(src, `${t}/root`);
    Deno.linkSync(`${snap}/a.txt`, `${snap}/.phlb-dedup-99-1.tmp`);
    const found: VerifyProblem[] = [];
    await runVerify({ root: `${t}/root` }, { onProblem: (p) => found.push(p) });
    assertEquals(found.length, 1);
    assertEquals(found[0].kind, "extra");
    assertEquals(found[0].message.includes("interrupted `phlb add`"), true, found[0].message);
  });
});

Deno.test("verify: an interrupt stops the run with InterruptedError while hashes are running", async () => {
  await withTempDir(async (t) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`f${i}`] = `file ${i}`.repeat(1000);
    writeTree(`${t}/src`, files);
    const snap = await snapshotOf(`${t}/src`, `${t}/root`);
    const mtime = Deno.statSync(`${snap}/f20`).mtime!;
    Deno.writeTextFileSync(`${snap}/f20`, "FILE 20".repeat(1000));
    Deno.utimeSync(`${snap}/f20`, mtime, mtime);
    // Stop on the content problem, which is found while later files are being hashed.
    const controller = new AbortController();
    let stopped: unknown;
    try {
      await runVerify({ root: `${t}/root`, signal: controller.signal }, {
        onProblem: () => controller.abort(),
      });
    } catch (e) {
      stopped = e;
    }
    assertEquals((stopped as Error)?.name, "InterruptedError");
  });
});
