import { assertEquals } from "../../tests/assert.ts";
import type { FileStat } from "../fs/native/mod.ts";
import type { PreviousFile } from "../index/previous.ts";
import { type FastPathOptions, fastPathVerdict } from "./fast_path.ts";

/** A source file with a nanosecond mtime (2020-09-13 12:26:40.123456789), inode 7. */
function stat(over: Partial<FileStat> = {}): FileStat {
  return {
    type: "file",
    isFile: true,
    isDirectory: false,
    isSymlink: false,
    mode: 0o100644,
    size: 1024,
    ino: 7,
    dev: 1,
    nlink: 1,
    uid: 1000,
    gid: 1000,
    atimeSec: 1_600_000_000,
    atimeNsec: 123_456_789,
    mtimeSec: 1_600_000_000,
    mtimeNsec: 123_456_789,
    ctimeSec: 1_600_000_100,
    ctimeNsec: 5,
    mtimeMs: 1_600_000_000_123,
    ctimeMs: 1_600_000_100_000,
    ...over,
  };
}

/** Its stored copy on an sshfs root: the mtime in whole seconds, a link count of 1, an inode number of the client's. */
const OVER_SFTP = stat({ ino: 5123, nlink: 1, mtimeNsec: 0, mtimeMs: 1_600_000_000_000 });

/** The row the previous run recorded over sshfs: no stored inode number (it is not stable there). */
function row(over: { srcCtimeMs?: number } = {}): PreviousFile {
  return [
    "a.txt",
    1024,
    1_600_000_000_123,
    0o644,
    1000,
    1000,
    3,
    "ab".repeat(32),
    null, // ino: not recorded
    7,
    over.srcCtimeMs ?? 1_600_000_100_000,
    0,
    456_789,
    5,
    null,
  ];
}

const OPTIONS: FastPathOptions = {
  nanosecondTimes: true,
  asRoot: false,
  maxLinks: 1023,
  fastPathSharedMeta: false,
  damaged: { has: () => false },
};

Deno.test("fast path on a destination that keeps mtimes in whole seconds (sshfs): compared at that step, linked unread", () => {
  const now = { source: stat(), stored: OVER_SFTP };
  // Without the step: the stored copy's mtime "changed" (this was every file over sshfs).
  assertEquals(fastPathVerdict(row(), now, OPTIONS).reason, "stored-changed");
  assertEquals(fastPathVerdict(row(), now, { ...OPTIONS, storedTimeGranularityNs: 1e9 }).reason, "unchanged");
  // Within the step either way (a server that rounds), but not a second off.
  const rounded = stat({ ino: 1, mtimeSec: 1_600_000_001, mtimeNsec: 0, mtimeMs: 1_600_000_001_000 });
  const later = stat({ ino: 1, mtimeSec: 1_600_000_002, mtimeNsec: 0, mtimeMs: 1_600_000_002_000 });
  const o = { ...OPTIONS, storedTimeGranularityNs: 1e9 };
  assertEquals(fastPathVerdict(row(), { source: stat(), stored: rounded }, o).reason, "unchanged");
  assertEquals(fastPathVerdict(row(), { source: stat(), stored: later }, o).reason, "stored-changed");
  // The source side is still compared exactly: a change of a nanosecond there is a change.
  const touched = stat({ mtimeNsec: 123_456_790 });
  assertEquals(fastPathVerdict(row(), { source: touched, stored: OVER_SFTP }, o).reason, "mtime");
});

Deno.test("fast path for phlb copy: a source file's ctime changed by a new link is no change (compareCtime off)", () => {
  const relinked = {
    source: stat({ ctimeSec: 1_600_000_900, ctimeMs: 1_600_000_900_000 }),
    stored: OVER_SFTP,
  };
  const o = { ...OPTIONS, storedTimeGranularityNs: 1e9 };
  assertEquals(fastPathVerdict(row(), relinked, o).reason, "ctime");
  assertEquals(fastPathVerdict(row(), relinked, { ...o, compareCtime: false }).reason, "unchanged");
  // The inode number still decides: another file at the path is read.
  const other = { source: stat({ ino: 8 }), stored: OVER_SFTP };
  assertEquals(fastPathVerdict(row(), other, { ...o, compareCtime: false }).reason, "source-inode");
});
