import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals, assertThrows } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { FatalError } from "../errors.ts";
import { copiesOfInode, copiesWithIdentity } from "./copies.ts";
import { DamagedInodes, damageMarks, markDamaged } from "./damage.ts";
import { BackupIndex, EntryKind, SCHEMA_VERSION } from "./index.ts";

/** A file entry of content `contentId` stored at inode `ino`, in snapshot `snapshotId` at `name`. */
function file(snapshotId: number, at: { name: string; contentId: number; ino: number; flags?: number }) {
  return {
    snapshotId,
    dirId: 1,
    name: at.name,
    kind: EntryKind.File,
    sizeBytes: 5,
    mtimeMs: 1000,
    mode: 0o644,
    uid: 0,
    gid: 0,
    contentId: at.contentId,
    ino: at.ino,
    srcIno: null,
    srcCtimeMs: null,
    target: null,
    flags: at.flags ?? 1,
  };
}

/** Two complete snapshots of "src", each with its own stored copy of content 1 (inodes 11 and 12). */
function twoCopies(index: BackupIndex): { s1: number; s2: number; contentId: number } {
  const contentId = index.contentId(new Uint8Array(32).fill(7), 5);
  index.dirId("");
  const s1 = index.createSnapshot("src", "2026-01-01-000000", 1);
  const s2 = index.createSnapshot("src", "2026-01-02-000000", 2);
  index.setSnapshotStatus(s1, "complete");
  index.setSnapshotStatus(s2, "complete");
  index.insertEntry(file(s1, { name: "a", contentId, ino: 11 }));
  index.insertEntry(file(s2, { name: "b", contentId, ino: 12 }));
  return { s1, s2, contentId };
}

Deno.test("damage marks are per stored inode: another copy of the same content stays usable", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    try {
      const { contentId } = twoCopies(index);
      markDamaged(index, { contentId, ino: 11, foundBy: "verify", problem: "content", path: "src/x/a" });
      const marks = new DamagedInodes().load(index);
      assertEquals([marks.has(11, contentId), marks.has(12, contentId), marks.has(11, contentId + 1)], [
        true,
        false,
        false,
      ]);
      const key = { contentId, mode: 0o644, mtimeMs: 1000, uid: 0, gid: 0 };
      const usable = copiesWithIdentity(index, key, { contentOnly: false, limit: 8 }).map((c) => c.ino);
      assertEquals(usable, [12], "the damaged inode is never offered as a link source");
      // Found again: one mark, the newest finding.
      markDamaged(index, { contentId, ino: 11, foundBy: "scrub", problem: "size", path: "src/y/a" });
      assertEquals(damageMarks(index).map((m) => [m.ino, m.foundBy, m.problem]), [[11, "scrub", "size"]]);
    } finally {
      index.close();
    }
  });
});

Deno.test("a mark goes with the last entry that records its inode (prune)", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    try {
      const { s1, s2, contentId } = twoCopies(index);
      markDamaged(index, { contentId, ino: 12, foundBy: "verify", problem: "content", path: "src/2/b" });
      index.dropSnapshot(s1);
      assertEquals(damageMarks(index).length, 1, "inode 12 is still recorded in s2");
      assertEquals(copiesOfInode(index, { contentId, ino: 12 }).map((c) => c.name), ["b"]);
      index.dropSnapshot(s2);
      assertEquals(damageMarks(index), []);
    } finally {
      index.close();
    }
  });
});

Deno.test("index: version 3 is migrated to 4 (the damaged table); a version newer than this phlb's is refused", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    index.close();
    // A version 3 index: this schema without the table of marks.
    const v3 = new DatabaseSync(BackupIndex.pathIn(t));
    v3.exec("DROP TABLE damaged; PRAGMA user_version = 3;");
    v3.close();
    const migrated = BackupIndex.open(t);
    try {
      const version = migrated.statement("PRAGMA user_version").get() as { user_version: number };
      assertEquals([Number(version.user_version), SCHEMA_VERSION], [4, 4]);
      assertEquals(damageMarks(migrated), []);
      markDamaged(migrated, { contentId: 1, ino: 2, foundBy: "verify", problem: "content", path: "n/i/p" });
    } finally {
      migrated.close();
    }
    // A version 3 index read by this phlb without writing (a read-only root): no table, no marks.
    const v3again = new DatabaseSync(BackupIndex.pathIn(t));
    v3again.exec("DROP TABLE damaged; PRAGMA user_version = 3;");
    v3again.close();
    const reader = BackupIndex.open(t, { readOnly: true });
    try {
      assertEquals(new DamagedInodes().load(reader).size, 0);
    } finally {
      reader.close();
    }
    // What an older phlb sees in a version 4 index is what this one sees in a version 5 one.
    const newer = new DatabaseSync(BackupIndex.pathIn(t));
    newer.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const err = assertThrows(() => BackupIndex.open(t), FatalError) as FatalError;
    assert(err.message.includes(`schema version ${SCHEMA_VERSION + 1}, this phlb knows ${SCHEMA_VERSION}`));
  });
});

Deno.test("DamagedInodes where inode numbers mean nothing (sshfs): a mark stands for every copy of its content", () => {
  const marks = new DamagedInodes();
  marks.add(41, 7);
  assertEquals([marks.has(41, 7), marks.has(42, 7), marks.has(null, 7)], [true, false, false]);
  marks.inodesStable = false;
  assertEquals([marks.has(41, 7), marks.has(42, 7), marks.has(null, 7), marks.has(null, 8)], [
    true,
    true,
    true,
    false,
  ]);
});
