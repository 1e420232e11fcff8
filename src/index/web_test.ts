import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { FIXTURE_SYMLINKS, makeServeFixture } from "../../tests/serve_fixture.ts";
import { BackupIndex, EntryKind } from "./index.ts";
import { dataVersion, escapeLike, findEntry, pathHistory, sameContentPaths, searchByName } from "./web.ts";

Deno.test("escapeLike makes %, _ and backslash literal", () => {
  assertEquals(escapeLike("100%_a\\b"), "100\\%\\_a\\\\b");
});

Deno.test("web queries: one entry, a path's history, same content and name search with its count", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const index = BackupIndex.open(`${fx.root}/.phlb`, { readOnly: true });
    try {
      const e = findEntry(index, { name: "src", snapId: fx.second, rel: "docs/report.txt" })!;
      assertEquals(e.kind, EntryKind.File);
      assertEquals(e.hashHex?.length, 64);
      if (FIXTURE_SYMLINKS) {
        assertEquals(
          findEntry(index, { name: "src", snapId: fx.second, rel: "link-out" })?.target,
          "/etc/passwd",
        );
      }
      assertEquals(findEntry(index, { name: "src", snapId: fx.second, rel: "docs/nope" }), undefined);

      const h = pathHistory(index, { name: "src", rel: "docs/report.txt" });
      assertEquals(h.map((r) => r.snapId), [fx.first, fx.second]);
      assertEquals(h[0].contentId === h[1].contentId, false);
      assertEquals(pathHistory(index, { name: "src", rel: "docs/copy-of-report.txt" }).length, 1);

      const same = sameContentPaths(index, e.contentId!);
      assertEquals(same.hits.map((x) => x.rel), ["docs/copy-of-report.txt", "docs/report.txt"]);
      assertEquals(same.truncated, false);
      assertEquals(sameContentPaths(index, e.contentId!, { scanLimit: 1 }).truncated, true);

      const all = searchByName(index, { text: "REPORT", limit: 10, offset: 0 });
      assertEquals(all.hits.map((x) => [x.rel, x.snapshots, x.newestSnapId]), [
        ["docs/copy-of-report.txt", 1, fx.second],
        ["docs/report.txt", 2, fx.second],
      ]);
      assertEquals([all.more, all.total], [false, 2]);
      const page = searchByName(index, { text: "report", limit: 1, offset: 1 });
      assertEquals([page.hits.map((x) => x.rel), page.more, page.total], [["docs/report.txt"], false, 2]);
      assertEquals(searchByName(index, { text: "report", limit: 1, offset: 0 }).more, true);
      assertEquals(searchByName(index, { text: "report", limit: 1, offset: 0 }).total, 2);
      // A page past the end still knows the count; no match counts 0.
      assertEquals(searchByName(index, { text: "report", limit: 1, offset: 5 }).total, 2);
      assertEquals(searchByName(index, { text: "no such name", limit: 1, offset: 0 }).total, 0);
      // Wildcards are literal: "_" matches only an underscore, "%" only a percent sign.
      assertEquals(searchByName(index, { text: "% _", limit: 10, offset: 0 }).hits.map((x) => x.rel), [
        "100% _raw_.txt",
      ]);
      assertEquals(searchByName(index, { text: "d_c", limit: 10, offset: 0 }).hits, []);
      assertEquals(searchByName(index, { text: "report", name: "other", limit: 10, offset: 0 }).hits, []);
    } finally {
      index.close();
    }
  });
});

Deno.test("dataVersion changes when another connection commits, and only then", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const reader = BackupIndex.open(`${fx.root}/.phlb`, { readOnly: true });
    try {
      const v0 = dataVersion(reader);
      assertEquals(dataVersion(reader), v0);
      const writer = BackupIndex.open(`${fx.root}/.phlb`);
      try {
        writer.exec("UPDATE snapshots SET finished_ms = finished_ms + 1");
      } finally {
        writer.close();
      }
      assertEquals(dataVersion(reader) !== v0, true);
    } finally {
      reader.close();
    }
  });
});
