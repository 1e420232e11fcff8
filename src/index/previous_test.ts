import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { BackupIndex, EntryFlag, EntryKind } from "./index.ts";
import { compareCodePoints, copyPreviousFiles, Prev, previousFiles } from "./previous.ts";

/**
 * Names whose order differs between JavaScript (UTF-16 code units) and SQLite (UTF-8 bytes):
 * U+E000–U+FFFF sort after a surrogate pair in UTF-16, before it by code point.
 */
const TRICKY = [
  "a",
  "b.txt",
  "\uFB01le",
  "\u{1F600}smile",
  "\uFFFDbad",
  "\u{10000}x",
  "z",
  "\uE000",
  "Z",
  "é",
  "a\uFFFF",
  "a\u{1F600}",
];

function fileRow(snapshotId: number, dirId: number, name: string, n: number) {
  return {
    snapshotId,
    dirId,
    name,
    kind: EntryKind.File,
    sizeBytes: n,
    mtimeMs: 1000 + n,
    mode: 0o644,
    uid: 0,
    gid: 0,
    contentId: null,
    ino: 100 + n,
    srcIno: 200 + n,
    srcCtimeMs: 3000,
    target: null,
    flags: 1,
  };
}

Deno.test("compareCodePoints orders names as SQLite does", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    try {
      const dirId = index.dirId("d");
      TRICKY.forEach((name, i) => index.insertEntry(fileRow(1, dirId, name, i)));
      const sqlite = (index.statement("SELECT name FROM entries ORDER BY name").all() as { name: string }[])
        .map((r) => r.name);
      assertEquals([...TRICKY].sort(compareCodePoints), sqlite);
      // And JavaScript's own order is another one, which is why the walk and the rows can disagree.
      assert(JSON.stringify([...TRICKY].sort()) !== JSON.stringify(sqlite));
    } finally {
      index.close();
    }
  });
});

Deno.test("previous rows are handed out in the walk's order, a few at a time, none lost", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    try {
      const dirId = index.dirId("d");
      const other = index.dirId("other");
      const names = [...TRICKY];
      for (let i = 0; i < 40; i++) names.push(`f${i}`);
      names.forEach((name, i) => index.insertEntry(fileRow(1, dirId, name, i)));
      index.insertEntry({ ...fileRow(1, dirId, "f10.dir", 0), kind: EntryKind.Dir });
      index.insertEntry(fileRow(1, other, "f1", 99));
      index.insertEntry(fileRow(2, dirId, "f1", 98));

      // The walk asks in JavaScript's order, skipping some names (deleted from the source) and
      // asking for names the snapshot did not have (new files).
      const asked = [...names, "new", "f10.dir", "zz"].sort().filter((_, i) => i % 5 !== 3);
      const prev = previousFiles(index, { snapshotId: 1, dirId }, { chunkRows: 4 });
      for (const name of asked) {
        const row = prev.take(name);
        const i = names.indexOf(name);
        if (i < 0 || name === "f10.dir") {
          assertEquals(row, undefined, name);
          continue;
        }
        assert(row !== undefined, `"${name}" was not handed out`);
        assertEquals([row[Prev.name], row[Prev.sizeBytes], row[Prev.ino]], [name, i, 100 + i]);
      }
      assertEquals(prev.take("f1"), undefined, "a row is handed out once");
    } finally {
      index.close();
    }
  });
});

Deno.test("copyPreviousFiles records a run of consecutive rows under the new snapshot", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    try {
      const dirId = index.dirId("d");
      ["a", "b", "c", "d"].forEach((name, i) => index.insertEntry(fileRow(1, dirId, name, i)));
      index.insertEntry({ ...fileRow(1, dirId, "c", 2), flags: EntryFlag.Written | EntryFlag.SharedMeta });
      index.insertEntry({ ...fileRow(1, dirId, "bb", 0), kind: EntryKind.Dir });
      const prev = previousFiles(index, { snapshotId: 1, dirId }, { chunkRows: 2 });
      const seqs = ["a", "b", "c", "d"].map((n) => (prev.take(n), prev.takenSeq));
      assertEquals(seqs, [0, 1, 2, 3]);
      const copied = copyPreviousFiles(index, {
        fromSnapshotId: 1,
        toSnapshotId: 2,
        dirId,
        firstName: "b",
        lastName: "c",
      });
      assertEquals(copied, 2);
      const rows = index.statement(
        "SELECT name, kind, size, mtime_ms, ino, src_ino, src_ctime_ms, flags FROM entries WHERE snapshot_id = 2",
      ).all().map((r) => ({ ...r }));
      assertEquals(rows, [
        // Of the flags SharedMeta is kept, and each copied row is marked Unchanged.
        {
          name: "b",
          kind: 0,
          size: 1,
          mtime_ms: 1001,
          ino: 101,
          src_ino: 201,
          src_ctime_ms: 3000,
          flags: 16,
        },
        {
          name: "c",
          kind: 0,
          size: 2,
          mtime_ms: 1002,
          ino: 102,
          src_ino: 202,
          src_ctime_ms: 3000,
          flags: 8 | 16,
        },
      ]);
    } finally {
      index.close();
    }
  });
});

Deno.test("a name stored as bytes (not valid UTF-8) is looked up by itself, outside any run", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    try {
      const dirId = index.dirId("d");
      // 0xFF and 0xFE bytes as fs-strings: stored as BLOBs, after every text name in SQLite.
      const names = ["a", "a\uDCFFb", "b", "c", "\uDCFE", "zz"];
      names.forEach((name, i) => index.insertEntry(fileRow(1, dirId, name, i)));
      const prev = previousFiles(index, { snapshotId: 1, dirId }, { chunkRows: 2 });
      const seqs: number[] = [];
      // The walk's order (JavaScript's), with a new name after every stored text name.
      for (const name of [...names, "zzz"].sort()) {
        const row = prev.take(name);
        if (name === "zzz") {
          assertEquals(row, undefined);
          continue;
        }
        assert(row !== undefined, `"${name}" was not handed out`);
        assertEquals(row[Prev.sizeBytes], names.indexOf(name), name);
        assertEquals(typeof row[Prev.name] === "string", name.isWellFormed(), name);
        seqs.push(prev.takenSeq);
      }
      // a, a\xFFb, b, c, zz, \xFE: the byte names are out of order (-1), the text rows consecutive.
      assertEquals(seqs, [0, -1, 1, 2, 3, -1]);
    } finally {
      index.close();
    }
  });
});
