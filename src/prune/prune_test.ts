import { assert, assertEquals } from "../../tests/assert.ts";
import { setMtime, SETTLED, withTempDir, writeTree } from "../../tests/helpers.ts";
import { runBackup } from "../backup/engine.ts";
import { hexToBytes, sha256Hex } from "../fs/hash.ts";
import { BackupIndex, EntryFlag } from "../index/index.ts";
import { contentCopies } from "../index/verify.ts";
import { sameContentPaths } from "../index/web.ts";
import type { SnapshotDir } from "../store/layout.ts";
import { reconcileIndex } from "../index/reconcile.ts";
import { planName, runPrune } from "./prune.ts";

function snap(id: string, status: SnapshotDir["status"], date: Date | undefined): SnapshotDir {
  return { name: "n", id, path: `/r/n/${id}`, status, date, seq: 1 };
}

Deno.test("plan: partials never count, dead ones older than the newest complete go, .deleting always goes", () => {
  const snaps = [
    snap("a", "complete", new Date(2025, 0, 1)),
    snap("b", "partial", new Date(2025, 0, 2)),
    snap("c", "deleting", new Date(2025, 0, 3)),
    snap("d", "complete", new Date(2025, 0, 4)),
    snap("e", "partial", new Date(2025, 0, 5)),
  ];
  const plan = planName(snaps, { last: 1 }, { now: new Date(2026, 0, 1) });
  assertEquals(plan.map((p) => [p.id, p.action]), [
    ["a", "remove"],
    ["b", "remove"],
    ["c", "remove"],
    ["d", "keep"],
    ["e", "keep"],
  ]);
  // keep-last 2 would keep two snapshots: the partial e must not take one of the places.
  assertEquals(
    planName(snaps, { last: 2 }, { now: new Date(2026, 0, 1) }).filter((p) => p.action === "keep").map((p) =>
      p.id
    ),
    ["a", "d", "e"],
  );
});

Deno.test("plan: the newest complete snapshot survives a policy that keeps nothing of it", () => {
  // All snapshots lie in the future of `now`, so --keep-within has no newest to count from.
  const snaps = [snap("a", "complete", new Date(2030, 0, 1)), snap("b", "complete", new Date(2030, 0, 2))];
  const plan = planName(snaps, { within: { years: 0, months: 0, days: 1, hours: 0 } }, {
    now: new Date(2026, 0, 1),
  });
  assertEquals(plan.map((p) => [p.id, p.action, p.reasons]), [
    ["a", "remove", ["not kept by any rule"]],
    ["b", "keep", ["newest complete snapshot (always kept)"]],
  ]);
});

Deno.test("prune moves link sources to a surviving copy: a duplicate added later is still linked", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "x.txt": "shared content" });
    setMtime(`${src}/x.txt`, 1_600_000_000);
    const first = await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 1), ...SETTLED });
    const second = await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 2), ...SETTLED });
    // The first snapshot holds the copy every later link came from, and the link source row.
    const r = await runPrune({ root, policy: { last: 1 } });
    assertEquals([r.removed, r.failed], [1, 0]);
    assert(!exists(first.snapshotPath), "the first snapshot is gone");
    // Checked before any backup runs, whose reconcile step would hide a prune that left rows behind.
    const index = BackupIndex.open(`${root}/.phlb`, { readOnly: true });
    try {
      const rows = index.listSnapshots();
      assertEquals(rows.map((s) => s.snapId), [second.snapshot]);
      const info = Deno.statSync(`${src}/x.txt`);
      const contentId = index.findContentId(
        hexToBytes(sha256Hex(new TextEncoder().encode("shared content"))),
        14,
      );
      const source = index.findSource({
        contentId: contentId!,
        mode: info.mode! & 0o7777,
        mtimeMs: 1_600_000_000_000,
        uid: info.uid ?? -1, // as the engine records it: -1 where there are no owners (Windows)
        gid: info.gid ?? -1,
      });
      assertEquals(source?.snapId, second.snapshot);
    } finally {
      index.close();
    }
    writeTree(src, { "y.txt": "shared content" });
    setMtime(`${src}/y.txt`, 1_600_000_000);
    const third = await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 3), ...SETTLED });
    assertEquals([third.dedupLinked, third.copied], [1, 0]);
  });
});

/** What the index says of content "kept": where it is, which rows are heads, and the link source. */
function keptContent(root: string): { copies: string[]; heads: string[]; places: number; source?: string } {
  const index = BackupIndex.open(`${root}/.phlb`, { readOnly: true });
  try {
    const hash = hexToBytes(sha256Hex(new TextEncoder().encode("kept")));
    const contentId = index.findContentId(hash, 4)!;
    const heads = index.statement(
      `SELECT s.snap_id FROM entries e JOIN snapshots s ON s.id = e.snapshot_id
        WHERE e.content_id = ? AND (e.flags & ${EntryFlag.Unchanged}) = 0 ORDER BY s.id`,
    ).all(contentId).map((r) => String(r.snap_id));
    const info = Deno.statSync(`${root}/../src/a.txt`);
    const source = index.findSource({
      contentId,
      mode: info.mode! & 0o7777,
      mtimeMs: 1_600_000_000_000,
      uid: info.uid ?? -1, // as the engine records it: -1 where there are no owners (Windows)
      gid: info.gid ?? -1,
    });
    const places = sameContentPaths(index, contentId).hits;
    return {
      copies: contentCopies(index, contentId).map((c) => `${c.snapId}/${c.rel}`),
      heads,
      places: places.length === 1 && places[0].rel === "a.txt" ? places[0].snapshots : -1,
      source: source?.snapId,
    };
  } finally {
    index.close();
  }
}

/** Daily backups of a source whose a.txt holds "kept" (on the last day "changed", if asked). */
async function dailyBackupsOfKept(t: string, options: { days: number; changedOnLast?: boolean }) {
  const src = `${t}/src`;
  const root = `${t}/root`;
  writeTree(src, { "a.txt": "kept" });
  setMtime(`${src}/a.txt`, 1_600_000_000);
  const ids: string[] = [];
  for (let day = 1; day <= options.days; day++) {
    if (options.changedOnLast && day === options.days) writeTree(src, { "a.txt": "changed" });
    ids.push(
      (await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, day), ...SETTLED })).snapshot,
    );
  }
  return { src, root, ids };
}

Deno.test("files linked unread stay findable by content after prune removes the snapshot that wrote them", async () => {
  await withTempDir(async (t) => {
    const { src, root, ids } = await dailyBackupsOfKept(t, { days: 5 });
    const [s1, s2, s3, s4, s5] = ids;
    // One head (the snapshot that wrote the copy); the later rows are linked unread, left out of
    // the content index, and still found through the head's path.
    let k = keptContent(root);
    assertEquals(k.heads, [s1]);
    assertEquals(k.copies, ids.toReversed().map((id) => `${id}/a.txt`));
    assertEquals([k.places, k.source], [5, s1]);

    // Prune the writer: the next snapshot's row becomes the head, and the link source moves there.
    assertEquals((await runPrune({ root, policy: { last: 4 } })).removed, 1);
    k = keptContent(root);
    assertEquals(k.heads, [s2]);
    assertEquals(k.copies, [s5, s4, s3, s2].map((id) => `${id}/a.txt`));
    assertEquals([k.places, k.source], [4, s2]);

    // Two at once: both are marked for deletion first; the head passes through the second.
    assertEquals((await runPrune({ root, policy: { last: 2 } })).removed, 2);
    k = keptContent(root);
    assertEquals(k.heads, [s4]);
    assertEquals(k.copies, [s5, s4].map((id) => `${id}/a.txt`));
    assertEquals([k.places, k.source], [2, s4]);

    // And a duplicate of it is still linked, not copied.
    writeTree(src, { "b.txt": "kept" });
    setMtime(`${src}/b.txt`, 1_600_000_000);
    const next = await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 6), ...SETTLED });
    assertEquals([next.dedupLinked, next.copied, next.unchangedLinked], [1, 0, 1]);
    assertEquals(
      Deno.statSync(`${next.snapshotPath}/b.txt`).ino,
      Deno.statSync(`${root}/src/${s5}/a.txt`).ino,
    );
  });
});

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("a user's folders named *.partial or *.deleting are no snapshots: backup and prune leave them", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a": "a" });
    await runBackup({ source: src, root, name: "n", now: new Date(2025, 0, 1), ...SETTLED });
    // The user's own folders beside the snapshots, and what phlb leaves when a prune is interrupted:
    // a timestamped .deleting, and a hand-named snapshot (known by its manifest) caught mid-removal.
    writeTree(`${root}/n`, {
      "photos.partial/keep.txt": "mine",
      "old.deleting/keep.txt": "mine too",
      "2024-06-01-000000.deleting/x": "garbage",
      "byhand.deleting/x": "garbage",
      "byhand.sha256": "",
    });
    await runBackup({ source: src, root, name: "n", now: new Date(2025, 0, 2), ...SETTLED });
    assertEquals(Deno.readTextFileSync(`${root}/n/photos.partial/keep.txt`), "mine");
    const result = await runPrune({ root, policy: { last: 1 }, now: new Date(2025, 0, 3) });
    assertEquals(result.items.map((i) => [i.id, i.status, i.action]), [
      ["byhand", "deleting", "remove"],
      ["2024-06-01-000000", "deleting", "remove"],
      ["2025-01-01-000000", "complete", "remove"],
      ["2025-01-02-000000", "complete", "keep"],
    ]);
    assertEquals(result.failed, 0);
    const left = [...Deno.readDirSync(`${root}/n`)].map((e) => e.name).filter((n) =>
      !n.startsWith("2025-01-02")
    );
    assertEquals(left.sort(), ["old.deleting", "photos.partial"]);
    assertEquals(Deno.readTextFileSync(`${root}/n/old.deleting/keep.txt`), "mine too");
  });
});

Deno.test("a sidecar prune cannot remove keeps the emptied .deleting folder; the next prune finishes it, nothing left beside no folder", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a.txt": "a" });
    const old = await runBackup({ source: src, root, name: "n", now: new Date(2025, 0, 1), ...SETTLED });
    await runBackup({ source: src, root, name: "n", now: new Date(2025, 0, 2), ...SETTLED });
    // The log of the old snapshot cannot be removed (a folder with a file in it stands there), as a
    // prune killed after the tree went and before the sidecars would have left it.
    Deno.removeSync(`${root}/n/${old.snapshot}.log`);
    writeTree(`${root}/n/${old.snapshot}.log`, { "x": "x" });
    const first = await runPrune({ root, policy: { last: 1 }, now: new Date(2025, 0, 3) });
    assertEquals(first.failed, 1);
    const names = () => [...Deno.readDirSync(`${root}/n`)].map((e) => e.name).sort();
    assertEquals(names().filter((n) => n.startsWith(old.snapshot)), [
      `${old.snapshot}.deleting`,
      `${old.snapshot}.log`,
      `${old.snapshot}.sha256`,
      `${old.snapshot}.summary.json`,
    ]);
    assertEquals([...Deno.readDirSync(`${root}/n/${old.snapshot}.deleting`)], [], "its files are gone");
    Deno.removeSync(`${root}/n/${old.snapshot}.log`, { recursive: true });
    const next = await runPrune({ root, policy: { last: 1 }, now: new Date(2025, 0, 3) });
    assertEquals([next.removed, next.failed], [1, 0]);
    assertEquals(names().filter((n) => n.startsWith(old.snapshot)), []);
  });
});

Deno.test("a prune killed between two removals leaves every file linked unread with a head", async () => {
  await withTempDir(async (t) => {
    const { root, ids } = await dailyBackupsOfKept(t, { days: 4, changedOnLast: true });
    const [s1, s2, s3] = ids;
    // What prune does for --keep-last 1, killed after its first removal: s1, s2 and s3 are marked
    // for deletion, s1 goes, s2 and s3 stay complete on disk. No snapshot that stays holds "kept".
    const index = BackupIndex.open(`${root}/.phlb`);
    const rowOf = (id: string) => index.findSnapshot("src", id)!.id;
    for (const id of [s1, s2, s3]) index.setSnapshotStatus(rowOf(id), "deleting");
    Deno.removeSync(`${root}/src/${s1}`, { recursive: true });
    index.dropSnapshot(rowOf(s1));
    reconcileIndex(index, root);
    index.close();
    const k = keptContent(root);
    assertEquals(k.heads, [s2]);
    assertEquals(k.copies, [s3, s2].map((id) => `${id}/a.txt`));
  });
});
