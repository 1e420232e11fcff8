/**
 * Fault tests on a real mount: a destination (tmpfs) that fills up. Skipped, with the reason
 * printed, where mounting is refused.
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import {
  assertOneErrorLine,
  checkRoot,
  type ListedEntry,
  listTree,
  mountRefused,
  mountTmpfs,
  resizeTmpfs,
  skipReason,
  snapshotFolders,
  unmount,
  withScratch,
} from "./fault_helpers.ts";
import { phlb, writeTree } from "./helpers.ts";

const MiB = 1 << 20;

function random(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

/** Fills the filesystem of `dir` with `dir/filler` until about `freeBytes` are left. */
function fillUntil(dir: string, freeBytes: number): void {
  try {
    Deno.removeSync(`${dir}/filler`);
  } catch { /* first time */ }
  const df = new Deno.Command("df", { args: ["-B1", "--output=avail", dir], stdout: "piped" }).outputSync();
  const avail = Number(new TextDecoder().decode(df.stdout).trim().split("\n")[1]);
  const f = Deno.openSync(`${dir}/filler`, { write: true, create: true });
  try {
    f.writeSync(new Uint8Array(Math.max(0, avail - freeBytes)));
  } catch {
    /* full already */
  } finally {
    f.close();
  }
}

function fileContents(listing: Map<string, ListedEntry>): Map<string, string> {
  return new Map([...listing].filter(([, e]) => e.kind === "file").map(([rel, e]) => [rel, e.content]));
}

// Runs that read only what changed (on the main thread), and runs that read every file
// (--checksum), which the content workers read and write.
for (const extra of [[], ["--checksum"]]) {
  Deno.test({
    name: "full disk" + (extra.length ? ` (${extra.join(" ")})` : "") +
      ": a clear error and exit 1 at every fill level, earlier snapshots intact, then it completes",
    ignore: skipReason("full disk", mountRefused()),
    fn: async () => {
      await withScratch(async (t) => {
        const root = `${t}/root`;
        Deno.mkdirSync(root);
        mountTmpfs(root, 4 * MiB);
        try {
          const src = `${t}/src`;
          const files: Record<string, string> = {};
          for (let i = 0; i < 100; i++) files[`small/f${i}.txt`] = `small file ${i}\n`;
          writeTree(src, files);
          const args = ["backup", src, root, ...extra];
          assertEquals((await phlb(args)).code, 0);
          const known = await checkRoot(root, "src", new Map());

          // A source larger than the whole destination.
          for (let i = 0; i < 6; i++) writeTree(src, { [`big/b${i}.bin`]: random(MiB) });
          const full = await phlb(args);
          assertEquals(full.code, 1, full.stderr);
          assertOneErrorLine(full.stderr, `The backup destination "${root}" is full`);
          assert(full.stderr.includes("hint: free space"), full.stderr);
          await checkRoot(root, "src", known);
          assertEquals(snapshotFolders(root, "src").complete.length, 1);

          // Nearly no space left: the first write to fail is the lock's note, the link probe, SQLite's
          // -shm/-wal, the run log, the manifest or a file, depending on how little is left.
          for (const freeKiB of [0, 8, 24, 64, 256]) {
            writeTree(src, { [`more/m${freeKiB}.txt`]: `more ${freeKiB}` });
            fillUntil(root, freeKiB * 1024);
            const r = await phlb(args);
            assertEquals(r.code, 1, `${freeKiB} KiB free: ${r.stderr}`);
            assertOneErrorLine(r.stderr, `The backup destination "${root}" is full`);
            await checkRoot(root, "src", known);
          }

          // Space again: the next run completes, and the partial runs are cleaned up.
          Deno.removeSync(`${root}/filler`);
          resizeTmpfs(root, 64 * MiB);
          const ok = await phlb([...args, "--json"]);
          assertEquals(ok.code, 0, ok.stderr);
          const fresh = await checkRoot(root, "src", known);
          const snap = JSON.parse(ok.stdout).snapshot;
          assertEquals(fileContents(fresh.get(snap)!), fileContents(listTree(src)));
          assertEquals(snapshotFolders(root, "src").partial, []);
        } finally {
          unmount(root);
        }
      }, 256 * MiB);
    },
  });
}

Deno.test({
  name: "full disk in the index: SQLite's 'database or disk is full' is reported as a full destination",
  ignore: skipReason("full index", mountRefused()),
  fn: async () => {
    await withScratch(async (t) => {
      const root = `${t}/root`;
      Deno.mkdirSync(root);
      // Short symlinks take no data blocks on a tmpfs and no manifest lines: only the index grows
      // until the destination is full.
      mountTmpfs(root, MiB);
      try {
        const src = `${t}/src`;
        Deno.mkdirSync(src);
        for (let i = 0; i < 20_000; i++) Deno.symlinkSync("target", `${src}/link-${i}`);
        Deno.writeTextFileSync(`${src}/target`, "the one file");
        const r = await phlb(["backup", src, root]);
        assertEquals(r.code, 1, r.stderr);
        assertOneErrorLine(r.stderr, "is full: database or disk is full");
        assertEquals(snapshotFolders(root, "src").complete, []);
        resizeTmpfs(root, 64 * MiB);
        const ok = await phlb(["backup", src, root]);
        assertEquals(ok.code, 0, ok.stderr);
        await checkRoot(root, "src", new Map());
      } finally {
        unmount(root);
      }
    }, 256 * MiB);
  },
});
