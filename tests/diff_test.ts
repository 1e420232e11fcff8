import { assertEquals, assertIncludes } from "./assert.ts";
import { phlb, setMtime, snapshots, withTempDir, writeTree } from "./helpers.ts";
import { runBackup } from "../src/backup/engine.ts";

Deno.test("diff: added, removed, modified and a moved file reported as moved, from manifests and the index", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, {
      "a.txt": "version one",
      "gone.txt": "soon deleted",
      "docs/report.pdf": "report bytes",
      "empty-old": "",
      "same.txt": "same",
    });
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 1) });
    Deno.writeTextFileSync(`${src}/a.txt`, "version two, longer");
    Deno.removeSync(`${src}/gone.txt`);
    Deno.mkdirSync(`${src}/archive`);
    Deno.renameSync(`${src}/docs/report.pdf`, `${src}/archive/report-2025.pdf`);
    Deno.removeSync(`${src}/empty-old`);
    writeTree(src, { "new.txt": "brand new", "empty-new": "" });
    setMtime(`${src}/new.txt`, 1_600_000_000);
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 2) });
    const [first, second] = snapshots(root, "src");
    // diff reads no file: tampering with a stored copy changes nothing in its answer.
    Deno.writeTextFileSync(`${root}/src/${second}/archive/report-2025.pdf`, "XXXXXXXXXXXX");

    const expected = {
      added: [{ path: "empty-new", sizeBytes: 0 }, { path: "new.txt", sizeBytes: 9 }],
      removed: [{ path: "empty-old", sizeBytes: 0 }, { path: "gone.txt", sizeBytes: 12 }],
      modified: [{ path: "a.txt", oldSizeBytes: 11, newSizeBytes: 19 }],
      moved: [{ from: "docs/report.pdf", to: "archive/report-2025.pdf", sizeBytes: 12 }],
      unchanged: 1,
    };
    const pick = (d: Record<string, unknown>) => ({
      added: d.added,
      removed: d.removed,
      // Content and size here; the metadata that changed with the content is diff_markers_test's.
      modified: (d.modified as { path: string; oldSizeBytes: number; newSizeBytes: number }[])
        .map(({ path, oldSizeBytes, newSizeBytes }) => ({ path, oldSizeBytes, newSizeBytes })),
      moved: d.moved,
      unchanged: d.unchanged,
    });
    const two = await phlb(["diff", `src@${first}`, second, "--root", root, "--json"]);
    assertEquals(two.code, 0, two.stderr);
    assertEquals(pick(JSON.parse(two.stdout)), expected);
    // One argument: compared with its predecessor. And without an index, sizes come from lstat.
    Deno.removeSync(`${root}/.phlb`, { recursive: true });
    const one = await phlb(["diff", `${root}/src/${second}`, "--json"]);
    assertEquals(one.code, 0, one.stderr);
    const d = JSON.parse(one.stdout);
    assertEquals([d.a.id, d.b.id], [first, second]);
    assertEquals(pick(d), expected);
    const text = await phlb(["diff", "src@latest", "--root", root]);
    assertIncludes(text.stdout, "> docs/report.pdf -> archive/report-2025.pdf");
    assertIncludes(text.stdout, "M a.txt");
    assertIncludes(text.stdout, "2 added");
    const none = await phlb(["diff", `src@${first}`, "--root", root]);
    assertEquals(none.code, 1);
    assertIncludes(none.stderr, "no earlier complete snapshot");
  });
});

Deno.test("diff: a sub-path must be a folder in one of the two snapshots; a typo or a file is an error", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "docs/a": "1", "old/x": "x" });
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 1) });
    writeTree(src, { "docs/a": "2", "docs/b": "new" });
    Deno.removeSync(`${src}/old`, { recursive: true });
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 2) });
    const ok = await phlb(["diff", "src@latest/docs", "--root", root]);
    assertEquals(ok.code, 0, ok.stderr);
    assertIncludes(ok.stdout, "1 added");
    // Gone from the newer snapshot: everything in it was removed.
    const gone = await phlb(["diff", "src@latest/old", "--root", root]);
    assertEquals(gone.code, 0, gone.stderr);
    assertIncludes(gone.stdout, "1 removed");
    const typo = await phlb(["diff", "src@latest/dosc", "--root", root]);
    assertEquals(typo.code, 1, typo.stdout);
    assertIncludes(typo.stderr, '/dosc" exists');
    const file = await phlb(["diff", "src@latest/docs/a", "--root", root]);
    assertEquals(file.code, 2, file.stdout);
    assertIncludes(file.stderr, "is not a folder");
  });
});
