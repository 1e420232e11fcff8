// Index schema version 1 -> 2 (FORMAT.md, "The index"): a version 1 database, as phlb wrote it
// before nanoseconds and xattrs, is migrated in place on the first writable open.
import { DatabaseSync } from "node:sqlite";
import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { BackupIndex, SCHEMA_VERSION } from "./index.ts";
import { Prev, previousFiles } from "./previous.ts";

// The version 1 schema, verbatim from the phlb that wrote it.
const SCHEMA_V1 = `
CREATE TABLE contents(id INTEGER PRIMARY KEY, hash BLOB NOT NULL, size INTEGER NOT NULL, last_verified_ms INTEGER);
CREATE UNIQUE INDEX contents_hash ON contents(hash, size);
CREATE TABLE dirs(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE snapshots(id INTEGER PRIMARY KEY, name TEXT NOT NULL, snap_id TEXT NOT NULL, status TEXT NOT NULL,
  started_ms INTEGER NOT NULL, finished_ms INTEGER, summary TEXT, UNIQUE(name, snap_id));
CREATE TABLE entries(snapshot_id INTEGER NOT NULL, dir_id INTEGER NOT NULL, name TEXT NOT NULL,
  kind INTEGER NOT NULL, size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL, mode INTEGER NOT NULL,
  uid INTEGER NOT NULL, gid INTEGER NOT NULL, content_id INTEGER, ino INTEGER, src_ino INTEGER,
  src_ctime_ms INTEGER, target TEXT, flags INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(snapshot_id, dir_id, name)) WITHOUT ROWID;
CREATE INDEX entries_content ON entries(content_id);
CREATE TABLE sources(content_id INTEGER NOT NULL, mode INTEGER NOT NULL, mtime_ms INTEGER NOT NULL,
  uid INTEGER NOT NULL, gid INTEGER NOT NULL, snapshot_id INTEGER NOT NULL, dir_id INTEGER NOT NULL,
  name TEXT NOT NULL, PRIMARY KEY(content_id, mode, mtime_ms, uid, gid)) WITHOUT ROWID;
CREATE INDEX sources_snapshot ON sources(snapshot_id);
INSERT INTO contents(id, hash, size) VALUES (1, X'00', 5);
INSERT INTO dirs(id, path) VALUES (1, '');
INSERT INTO snapshots(id, name, snap_id, status, started_ms) VALUES (1, 'src', '2026-01-01-000000', 'complete', 0);
INSERT INTO entries(snapshot_id, dir_id, name, kind, size, mtime_ms, mode, uid, gid, content_id, ino, src_ino,
  src_ctime_ms, flags) VALUES (1, 1, 'a.txt', 0, 5, 1234567, 420, 0, 0, 1, 77, 88, 99000, 1);
INSERT INTO sources VALUES (1, 420, 1234567, 0, 0, 1, 1, 'a.txt');
PRAGMA user_version = 1;
`;

Deno.test("index: a version 1 index is migrated to version 2; its rows read as 'no nanoseconds, no xattrs'", async () => {
  await withTempDir((dir) => {
    const v1 = new DatabaseSync(BackupIndex.pathIn(dir));
    v1.exec(SCHEMA_V1);
    v1.close();
    const index = BackupIndex.open(dir);
    try {
      const version = index.statement("PRAGMA user_version").get() as { user_version: number };
      assertEquals(Number(version.user_version), SCHEMA_VERSION);
      assertEquals(SCHEMA_VERSION, 4);
      const row = previousFiles(index, { snapshotId: 1, dirId: 1 }).take("a.txt")!;
      assertEquals([row[Prev.mtimeMs], row[Prev.mtimeFracNs], row[Prev.srcCtimeMs], row[Prev.ino]], [
        1234567,
        null,
        99000,
        77,
      ]);
      const e = index.statement("SELECT src_ctime_frac_ns, xattrs FROM entries").get() as Record<
        string,
        unknown
      >;
      assertEquals([e.src_ctime_frac_ns, e.xattrs], [null, null]);
      // The link source keeps its identity, read with no nanoseconds and no xattrs.
      const key = { contentId: 1, mode: 420, mtimeMs: 1234567, uid: 0, gid: 0 };
      assertEquals(index.findSource(key)?.name, "a.txt");
      assertEquals(index.findSource({ ...key, mtimeFracNs: 5 }), undefined);
      assertEquals(index.findSource({ ...key, xattrs: new Uint8Array([1]) }), undefined);
      const idx = index.statement("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sources_snapshot'")
        .get() as { n: number };
      assertEquals(Number(idx.n), 1);
      // Version 3: the content index leaves out files linked unread (none in an older index).
      const contentIndexes = index.statement(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' ORDER BY name",
      ).all().map((r) => r.name);
      assertEquals(contentIndexes, ["entries_heads"]);
      // Rows of both kinds live side by side (here pointing at the same entry).
      const newKey = { ...key, mtimeFracNs: 5, xattrs: new Uint8Array([1]) };
      index.setSource(newKey, { snapshotId: 1, dirId: 1, name: "a.txt" });
      assertEquals(index.findSource(newKey)?.name, "a.txt");
      const n = index.statement("SELECT count(*) AS n FROM sources").get() as { n: number };
      assertEquals(Number(n.n), 2);
    } finally {
      index.close();
    }
  });
});
