import { assertEquals } from "../../tests/assert.ts";
import type { FileStat } from "../fs/native/mod.ts";
import { EntryFlag } from "../index/index.ts";
import type { PreviousFile } from "../index/previous.ts";
import { type FastPathOptions, fastPathVerdict, sameAsPrevious } from "./fast_path.ts";

/** A source file: 1 KiB, mtime 2020-09-13 12:26:40.123456789, mode 0644, inode 7 on device 1. */
function stat(over: Partial<FileStat> = {}): FileStat {
  const st: FileStat = {
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
  };
  return { ...st, ...over };
}

/** Its stored copy in the previous snapshot: inode 99, two links (the previous two snapshots). */
const STORED = stat({ ino: 99, nlink: 2, ctimeSec: 1_600_000_200, ctimeMs: 1_600_000_200_000 });

/** The row the previous run recorded for it, with nanoseconds (the native backend). */
function row(
  over: { flags?: number; ino?: number | null; srcIno?: number | null; srcCtimeMs?: number | null } = {},
) {
  const r: PreviousFile = [
    "a.txt", // name
    1024, // sizeBytes
    1_600_000_000_123, // mtimeMs
    0o644, // mode
    1000, // uid
    1000, // gid
    3, // contentId
    "ab".repeat(32), // hashHex
    over.ino === undefined ? 99 : over.ino, // ino: the stored copy
    over.srcIno === undefined ? 7 : over.srcIno, // srcIno
    over.srcCtimeMs === undefined ? 1_600_000_100_000 : over.srcCtimeMs, // srcCtimeMs
    over.flags ?? 0, // flags
    456_789, // mtimeFracNs
    5, // srcCtimeFracNs
    null, // xattrs
  ];
  return r;
}

const OPTIONS: FastPathOptions = {
  nanosecondTimes: true,
  asRoot: false,
  maxLinks: 1000,
  fastPathSharedMeta: false,
  damaged: { has: () => false },
};

/** Inode 99, content 3 marked damaged (index/damage.ts). */
const DAMAGED_99 = { has: (ino: number | null, contentId: number | null) => ino === 99 && contentId === 3 };

Deno.test("fast path: each condition on the row, the source and the stored copy decides, with its reason", () => {
  const cases: {
    what: string;
    prev?: PreviousFile;
    source?: FileStat;
    stored?: FileStat | null;
    options?: Partial<FastPathOptions>;
    expect: string;
  }[] = [
    { what: "all as recorded", expect: "unchanged" },
    {
      what: "a row without content (a file that could not be read)",
      prev: Object.assign([...row()], { 7: null }) as unknown as PreviousFile,
      expect: "no-content",
    },
    { what: "changed while it was read", prev: row({ flags: EntryFlag.Unstable }), expect: "unstable" },
    { what: "read within the racy window", prev: row({ flags: EntryFlag.Racy }), expect: "racy" },
    {
      what: "a DEDUP=content link, in an exact run",
      prev: row({ flags: EntryFlag.SharedMeta }),
      expect: "shared-metadata",
    },
    {
      what: "a DEDUP=content link, in a content run: its stored mtime is not compared",
      prev: row({ flags: EntryFlag.SharedMeta }),
      stored: stat({ ino: 99, mtimeMs: 1_500_000_000_000, mtimeSec: 1_500_000_000 }),
      options: { fastPathSharedMeta: true },
      expect: "unchanged",
    },
    { what: "another size", source: stat({ size: 1025 }), expect: "size" },
    { what: "another mtime (ms)", source: stat({ mtimeMs: 1_600_000_000_124 }), expect: "mtime" },
    { what: "another mtime (ns only)", source: stat({ mtimeNsec: 123_456_788 }), expect: "mtime" },
    {
      what: "another mtime in ns, seen by a run without nanoseconds: the same",
      source: stat({ mtimeNsec: 123_000_001 }),
      options: { nanosecondTimes: false },
      stored: stat({ ino: 99, mtimeNsec: 123_000_001 }),
      expect: "unchanged",
    },
    { what: "other permission bits", source: stat({ mode: 0o100600 }), expect: "mode" },
    { what: "another owner, as root", source: stat({ uid: 0 }), options: { asRoot: true }, expect: "owner" },
    {
      what: "another owner, not root: not kept, not compared",
      source: stat({ uid: 0 }),
      expect: "unchanged",
    },
    { what: "another source inode (replaced by a rename)", source: stat({ ino: 8 }), expect: "source-inode" },
    {
      what: "a row without a source inode (recorded by add)",
      prev: row({ srcIno: null, srcCtimeMs: null }),
      source: stat({ ino: 8 }),
      expect: "unchanged",
    },
    { what: "another ctime (rewritten, mtime set back)", source: stat({ ctimeNsec: 6 }), expect: "ctime" },
    {
      what: "another ctime within the second, without nanoseconds: the same",
      source: stat({ ctimeNsec: 6 }),
      options: { nanosecondTimes: false },
      expect: "unchanged",
    },
    { what: "the stored copy deleted by hand", stored: null, expect: "stored-missing" },
    {
      what: "the stored copy replaced by a folder",
      stored: stat({ ino: 99, type: "dir", isFile: false, isDirectory: true }),
      expect: "stored-missing",
    },
    { what: "the stored copy truncated", stored: stat({ ino: 99, size: 0 }), expect: "stored-changed" },
    { what: "the stored copy touched", stored: stat({ ino: 99, mtimeNsec: 0 }), expect: "stored-changed" },
    {
      what: "the stored copy is the live file (cp -al)",
      stored: stat(),
      prev: row({ ino: 7 }),
      expect: "stored-is-source",
    },
    {
      what: "the stored copy at another inode (root copied)",
      stored: stat({ ino: 100 }),
      expect: "stored-inode",
    },
    {
      what: "the stored copy at the link limit",
      stored: stat({ ino: 99, nlink: 1000 }),
      expect: "link-limit",
    },
    { what: "below the link limit", stored: stat({ ino: 99, nlink: 999 }), expect: "unchanged" },
    { what: "the stored inode marked damaged", options: { damaged: DAMAGED_99 }, expect: "stored-damaged" },
    {
      what: "another inode of the content marked damaged: not this one",
      options: { damaged: { has: (ino) => ino === 98 } },
      expect: "unchanged",
    },
    {
      what: "the stored copy chmod'ed inside the snapshot",
      stored: stat({ ino: 99, nlink: 2, mode: 0o100600 }),
      expect: "stored-meta",
    },
    {
      what: "the stored copy chown'ed, as root",
      stored: stat({ ino: 99, nlink: 2, uid: 0 }),
      options: { asRoot: true },
      expect: "stored-meta",
    },
    {
      what: "the stored copy chown'ed, not root: owners are not kept, not compared",
      stored: stat({ ino: 99, nlink: 2, uid: 0 }),
      expect: "unchanged",
    },
    {
      what: "a destination that shows its own mode (ntfs-3g: 0777), recorded so (flag 32)",
      prev: row({ flags: EntryFlag.ForeignMeta }),
      stored: stat({ ino: 99, nlink: 2, mode: 0o100777, uid: 0, gid: 0 }),
      options: { asRoot: true },
      expect: "unchanged",
    },
    {
      what: "a DEDUP=content link shows the first copy's mode: not compared",
      prev: row({ flags: EntryFlag.SharedMeta }),
      stored: stat({ ino: 99, nlink: 2, mode: 0o100600 }),
      options: { fastPathSharedMeta: true },
      expect: "unchanged",
    },
  ];
  for (const c of cases) {
    const v = fastPathVerdict(
      c.prev ?? row(),
      { source: c.source ?? stat(), stored: c.stored === null ? undefined : c.stored ?? STORED },
      { ...OPTIONS, ...c.options },
    );
    assertEquals(v.reason, c.expect, c.what);
    assertEquals(v.link, c.expect === "unchanged", c.what);
  }
});

Deno.test("fast path: an entry equal to its row in every recorded field is copied with its neighbours", () => {
  const identity = { asRoot: false, owner: { uid: 1000, gid: 1000 }, nanosecondTimes: true };
  const same = (
    over: { info?: FileStat; stored?: FileStat; xattrs?: Uint8Array | null; uid?: number } = {},
  ) =>
    sameAsPrevious(row(), {
      info: over.info ?? stat(),
      stored: over.stored ?? STORED,
      xattrs: over.xattrs ?? null,
    }, {
      ...identity,
      owner: { uid: over.uid ?? 1000, gid: 1000 },
    });
  assertEquals(same(), true);
  assertEquals(same({ uid: 1001 }), false, "recorded with another process owner");
  assertEquals(same({ stored: stat({ ino: 0 }) }), false, "inode number unknown");
  assertEquals(same({ info: stat({ ctimeNsec: 6 }) }), false, "ctime nanoseconds differ");
  assertEquals(same({ xattrs: new Uint8Array([1]) }), false, "xattrs digest differs");
});
