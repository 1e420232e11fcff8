/**
 * `deno task bench:netindex`: what a network root's index costs a writer. On a network
 * filesystem the index is never opened in place (src/index/open.ts): a writer copies it to a local
 * cache folder, and writes it back (temporary name, fsync, rename) when it closes; a reader copies
 * it to a temporary folder. This times those copies for indexes of `--rows` files (default
 * 100,000 and 1,000,000), built synthetically (entries, folders, contents and link sources as a
 * backup records them), in `--dir` (default .bench/ in the worktree: a local disk; give a folder on
 * an sshfs or NFS mount to measure the network). Prints the index size and, per size, the median
 * of `--runs` (default 3) open-copy, close-write-back and reader-copy times.
 * @module
 */
import { BackupIndex, EntryKind } from "../src/index/index.ts";
import { machineInfo, mib, parseFlags, removeTree, secs, table } from "./bench_lib.ts";

const flags = parseFlags(Deno.args);
const ROWS = (flags.get("rows") ?? "100000,1000000").split(",").map(Number);
const RUNS = Math.max(1, Number(flags.get("runs") ?? 3));
const WORK = flags.get("dir") ?? new URL(`../.bench/netindex-${Deno.pid}`, import.meta.url).pathname;

function log(msg: string): void {
  console.error(`[bench:netindex] ${new Date().toISOString().slice(11, 19)} ${msg}`);
}

/** An index of `rows` files in one snapshot, 40 per folder, 5% duplicates; built locally, then copied to `meta`. */
function build(meta: string, rows: number): number {
  const local = Deno.makeTempDirSync({ prefix: "phlb-netindex-" });
  try {
    const index = BackupIndex.open(local, { network: false });
    index.begin();
    const snap = index.createSnapshot("data", "2026-01-01-000000", Date.UTC(2026, 0, 1));
    const hash = new Uint8Array(32);
    const view = new DataView(hash.buffer);
    let dirId = 0;
    for (let i = 0; i < rows; i++) {
      if (i % 40 === 0) dirId = index.dirId(`dir-${Math.floor(i / 40) % 997}/sub-${Math.floor(i / 40)}`);
      const original = i % 20 === 19 ? i - 7 : i;
      view.setUint32(0, original);
      view.setUint32(28, original * 2654435761 >>> 0);
      const size = 100 + (original % 4000);
      const contentId = index.contentId(hash, size);
      const mtimeMs = Date.UTC(2024, 0, 1) + original * 1000;
      index.insertEntry({
        snapshotId: snap,
        dirId,
        name: `file-${i}.txt`,
        kind: EntryKind.File,
        sizeBytes: size,
        mtimeMs,
        mode: 0o644,
        uid: 1000,
        gid: 1000,
        contentId,
        ino: 1_000_000 + original,
        srcIno: 5_000_000 + i,
        srcCtimeMs: mtimeMs,
        target: null,
        flags: original === i ? 1 : 0,
        mtimeFracNs: 123_456,
        srcCtimeFracNs: 789,
      });
      if (original === i) {
        index.setSource({ contentId, mode: 0o644, mtimeMs, uid: 1000, gid: 1000, mtimeFracNs: 123_456 }, {
          snapshotId: snap,
          dirId,
          name: `file-${i}.txt`,
        });
      }
      if (i % 50_000 === 49_999) {
        index.commit();
        index.begin();
      }
    }
    index.setSnapshotStatus(snap, "complete", Date.UTC(2026, 0, 1));
    index.close();
    // As a network writer leaves it: one file, rollback-journal mode.
    const w = BackupIndex.open(local, { network: true, cacheDir: `${local}/cache` });
    w.close();
    Deno.mkdirSync(meta, { recursive: true });
    Deno.copyFileSync(BackupIndex.pathIn(local), BackupIndex.pathIn(meta));
    return Deno.statSync(BackupIndex.pathIn(meta)).size;
  } finally {
    removeTree(local);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const rows: string[][] = [];
try {
  for (const n of ROWS) {
    const meta = `${WORK}/root-${n}/.phlb`;
    log(`building an index of ${n} files`);
    const size = build(meta, n);
    const open: number[] = [];
    const close: number[] = [];
    const read: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now();
      // A writer: the copy in, one small write (a run's snapshot row), the write-back.
      const w = BackupIndex.open(meta, { network: true, cacheDir: `${WORK}/cache` });
      open.push((performance.now() - t) / 1000);
      w.createSnapshot("data", `2026-01-02-00000${r}`, Date.UTC(2026, 0, 2));
      t = performance.now();
      w.close();
      close.push((performance.now() - t) / 1000);
      t = performance.now();
      const reader = BackupIndex.open(meta, { network: true, readOnly: true });
      reader.listSnapshots();
      reader.close();
      read.push((performance.now() - t) / 1000);
    }
    rows.push([
      String(n),
      mib(size),
      secs(median(open)),
      secs(median(close)),
      secs(median(read)),
      `${(size / (1 << 20) / median(open)).toFixed(0)} MiB/s`,
    ]);
  }
  console.log(`\nA network root's index: copied in for a writer, written back on close, copied for a reader`);
  console.log(`folder: ${WORK}`);
  console.log(machineInfo(WORK));
  console.log(
    table(["files", "index size", "copy in s", "write back s", "reader copy s", "copy-in rate"], rows),
  );
} finally {
  removeTree(WORK);
}
