import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlb, setMtime, snapshots, testSkippedOn, withTempDir, writeTree } from "./helpers.ts";
import { bytesNotIn, duApparentBytes, duFileBytes, fileBytes, uniqueBytes } from "./manage_helpers.ts";
import { runBackup } from "../src/backup/engine.ts";

// Ignored where they cannot apply, with the reason printed.
const test = testSkippedOn("windows", "measures with GNU du and find");

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

test("list: sizes, unique bytes, new bytes and the root's totals agree with du and find", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, {
      "big.bin": bytes(100_000, 1),
      "docs/a.txt": bytes(3_000, 2),
      "docs/dup1.txt": bytes(5_000, 3),
      "docs/dup2.txt": bytes(5_000, 3),
      "empty": "",
    });
    for (const f of ["docs/dup1.txt", "docs/dup2.txt"]) setMtime(`${src}/${f}`, 1_600_000_000);
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 1) });
    // Second run: one file changed, one added, one removed.
    Deno.writeFileSync(`${src}/docs/a.txt`, bytes(7_000, 4));
    writeTree(src, { "new.bin": bytes(20_000, 5) });
    Deno.removeSync(`${src}/big.bin`);
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 2) });
    // Third run: nothing changed, plus a second name sharing content with the first.
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 3) });
    writeTree(`${t}/other`, { "copy.txt": bytes(5_000, 3) });
    setMtime(`${t}/other/copy.txt`, 1_600_000_000);
    await runBackup({ source: `${t}/other`, root, name: "other", now: new Date(2025, 0, 4) });

    const r = await phlb(["list", "--root", root, "--json"]);
    assertEquals(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assertEquals(list.names.map((n: { name: string }) => n.name), ["other", "src"]);
    const ids = snapshots(root, "src");
    const src3 = list.names[1].snapshots;
    assertEquals(src3.map((s: { id: string }) => s.id), ids);
    for (let i = 0; i < ids.length; i++) {
      const dir = `${root}/src/${ids[i]}`;
      const s = src3[i];
      assertEquals(s.status, "complete");
      assertEquals(s.sizeBytes, await fileBytes(dir), `size of ${ids[i]}`);
      assertEquals(s.uniqueBytes, await uniqueBytes(dir), `unique bytes of ${ids[i]}`);
      assertEquals(
        s.newBytes,
        await bytesNotIn(dir, ids.slice(0, i).map((id) => `${root}/src/${id}`)),
        `new bytes of ${ids[i]}`,
      );
      assertEquals(s.errors, 0);
      assert(typeof s.durationMs === "number");
    }
    // Spot checks that the figures mean something: the first snapshot alone holds big.bin and old a.txt.
    assertEquals(src3[0].uniqueBytes, 100_000 + 3_000);
    assertEquals(src3[2].newBytes, 0);
    // The second name linked its file to src's copy: nothing unique, nothing new.
    assertEquals([list.names[0].snapshots[0].uniqueBytes, list.names[0].snapshots[0].newBytes], [0, 0]);
    assertEquals(list.total.onDiskBytes, await duFileBytes(root));
    assertEquals(list.total.apparentBytes, await duApparentBytes(root));
    assertEquals(list.total.dedupRatio, list.total.apparentBytes / list.total.onDiskBytes);

    const text = await phlb(["list", "src", "--root", root]);
    assertEquals(text.code, 0, text.stderr);
    assertIncludes(text.stdout, ids[2]);
    assertIncludes(text.stdout, "dedup ratio");
  });
});

Deno.test("list: a partial with no lock held is shown as left by an interrupted run; unknown names fail", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    writeTree(`${t}/src`, { "a": "a" });
    await runBackup({ source: `${t}/src`, root, name: "src", now: new Date(2025, 0, 1) });
    Deno.mkdirSync(`${root}/src/2025-01-02-000000.partial`);
    const r = await phlb(["list", "--root", root, "--json"]);
    assertEquals(r.code, 0, r.stderr);
    const snaps = JSON.parse(r.stdout).names[0].snapshots;
    assertEquals(snaps.map((s: { status: string; interrupted: boolean }) => [s.status, s.interrupted]), [
      ["complete", false],
      ["partial", true],
    ]);
    const text = await phlb(["list", "--root", root]);
    assertIncludes(text.stdout, "partial (interrupted run)");
    const missing = await phlb(["list", "nope", "--root", root]);
    assertEquals(missing.code, 1);
    assertIncludes(missing.stderr, 'No backup named "nope"');
  });
});

Deno.test("list: a path stands for a backup root or its ROOT/NAME folder; other paths are refused", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    writeTree(`${t}/src`, { "a": "a" });
    writeTree(`${t}/other`, { "b": "b" });
    await runBackup({ source: `${t}/src`, root, name: "src", now: new Date(2025, 0, 1) });
    await runBackup({ source: `${t}/other`, root, name: "other", now: new Date(2025, 0, 2) });
    const names = async (args: string[], cwd?: string) => {
      const r = await phlb(["list", "--json", ...args], { cwd });
      assertEquals(r.code, 0, r.stderr);
      return JSON.parse(r.stdout).names.map((n: { name: string }) => n.name);
    };
    // No config: without the path, ~/PyHardLinkBackups would be listed.
    assertEquals(await names([root]), ["other", "src"]);
    assertEquals(await names([`${root}/src/`]), ["src"]);
    assertEquals(await names(["."], root), ["other", "src"]);
    assertEquals(await names(["../other"], `${root}/src`), ["other"]);
    assertEquals(await names([`${root}/src`, "--root", root]), ["src"]);
    const notRoot = await phlb(["list", `${t}/src`]);
    assertEquals(notRoot.code, 2, notRoot.stderr);
    assertIncludes(notRoot.stderr, "is not a snapshot: it is neither a backup root");
    const otherRoot = await phlb(["list", root, "--root", `${t}/src`]);
    assertEquals(otherRoot.code, 2, otherRoot.stderr);
  });
});
