// How the index holds names that are not valid UTF-8 (FORMAT.md, "The index"): TEXT for
// valid UTF-8, a BLOB of the exact bytes otherwise, in the same columns. These tests pin the SQLite
// behaviour that rule relies on.
import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { nameFromIndex, nameToIndex } from "../fs/native/names.ts";
import { BackupIndex, EntryKind } from "./index.ts";

function insertName(index: BackupIndex, dirId: number, name: string): void {
  index.statement(
    `INSERT INTO entries(snapshot_id, dir_id, name, kind, size, mtime_ms, mode, uid, gid, flags)
      VALUES (1, ?, ?, ${EntryKind.File}, 0, 0, 0, 0, 0, 0)`,
  ).run(dirId, nameToIndex(name));
}

Deno.test("index: a raw name (BLOB) and its look-alikes (TEXT) are distinct keys and read back exactly", async () => {
  await withTempDir((dir) => {
    const index = BackupIndex.open(dir);
    try {
      const dirId = index.dirId("");
      // 0xFF as a raw byte, U+00FF ("ÿ", bytes C3 BF), and U+FFFD (what Deno shows for 0xFF).
      const names = ["a\udcffb", "a\u00ffb", "a\uFFFDb"];
      for (const n of names) insertName(index, dirId, n);
      const rows = index.statement(
        "SELECT name, typeof(name) AS t, hex(CAST(name AS BLOB)) AS h FROM entries",
      )
        .all() as { name: string | Uint8Array; t: string; h: string }[];
      assertEquals(rows.length, 3);
      const byHex = new Map(rows.map((r) => [r.h, r]));
      assertEquals(byHex.get("61FF62")?.t, "blob");
      assertEquals(byHex.get("61C3BF62")?.t, "text");
      assertEquals(byHex.get("61EFBFBD62")?.t, "text");
      assertEquals(new Set(rows.map((r) => nameFromIndex(r.name))), new Set(names));
      // Lookup by the stored form finds exactly one row.
      const one = index.statement("SELECT count(*) AS n FROM entries WHERE name = ?").get(
        nameToIndex("a\udcffb"),
      ) as {
        n: number;
      };
      assertEquals(Number(one.n), 1);
    } finally {
      index.close();
    }
  });
});

Deno.test("index: folder paths with raw bytes are unique BLOBs beside their TEXT look-alikes", async () => {
  await withTempDir((dir) => {
    const index = BackupIndex.open(dir);
    try {
      const insert = index.statement("INSERT INTO dirs(path) VALUES (?) RETURNING id");
      const raw = insert.get(nameToIndex("top/d\udcfe")) as { id: number };
      const text = insert.get(nameToIndex("top/d\u00fe")) as { id: number };
      assertEquals(raw.id !== text.id, true);
      const back = index.statement("SELECT path FROM dirs WHERE id = ?").get(raw.id) as {
        path: string | Uint8Array;
      };
      assertEquals(nameFromIndex(back.path), "top/d\udcfe");
    } finally {
      index.close();
    }
  });
});
