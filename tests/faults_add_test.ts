/**
 * Fault test: `phlb add` killed at random moments, while it records trees copied in by hand and
 * rebuilds a deleted index, and replaces their duplicate files by hardlinks (link to a temporary
 * name, then rename over the file). Whatever it was doing, every snapshot keeps its contents (the
 * inode of a file may change: that is what add is for), a manifest is either as before or whole and
 * right, nothing new looks like a snapshot, what the index records agrees with the trees, and the
 * next add, verify and backup complete.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import { BackupIndex } from "../src/index/index.ts";
import { DEDUP_TEMP_NAME } from "../src/store/layout.ts";
import { readManifest } from "../src/store/manifest.ts";
import { assert, assertEquals } from "./assert.ts";
import {
  killAtRandomMoments,
  type ListedEntry,
  listTree,
  MutatingSource,
  prng,
  snapshotFolders,
  timeRun,
  withScratch,
} from "./fault_helpers.ts";
import { checkManifest, copyTree, phlb, SETTLED, wineScaled } from "./helpers.ts";

const SEED = Number(Deno.env.get("PHLB_FAULT_SEED") ?? 20261128);
const KILLS = wineScaled(10, 3);
/** What `phlb add` prints when it starts recording a snapshot. */
const STARTED = ": recording";

/** A snapshot's contents as add must keep them: everything but inode numbers. */
type Contents = Map<string, Omit<ListedEntry, "ino">>;

/**
 * File hashes by inode, for the checks between two copies into the root: add makes no new inode
 * in a snapshot (it only links), so an inode number means one content until the next copy, which
 * may reuse the numbers of inodes add freed.
 */
const hashes = new Map<number, string>();

/** The snapshot's contents, and the names add left between link and rename (second names of a stored file). */
function contentsOf(dir: string): { contents: Contents; leftovers: string[] } {
  const contents: Contents = new Map();
  const leftovers: string[] = [];
  for (const [rel, { ino: _, ...rest }] of listTree(dir, hashes)) {
    if (DEDUP_TEMP_NAME.test(rel.slice(rel.lastIndexOf("/") + 1))) leftovers.push(rel);
    else contents.set(rel, rest);
  }
  return { contents, leftovers };
}

function readOrUndefined(path: string): Uint8Array | undefined {
  try {
    return Deno.readFileSync(path);
  } catch {
    return undefined;
  }
}

async function sha256sumPasses(root: string, id: string): Promise<void> {
  assertEquals(await checkManifest(`${root}/src/${id}`, `${root}/src/${id}.sha256`), "", `manifest of ${id}`);
}

/** What each snapshot held before add ran: its contents and its manifest's bytes (if it had one). */
interface Expected {
  contents: Contents;
  manifest?: Uint8Array;
}

/**
 * Checks the root after an add ended (killed or not). Returns how many snapshots the index
 * records, and the leftover temporary names found.
 */
async function checkAfterAdd(root: string, expected: Map<string, Expected>): Promise<string> {
  const { complete } = snapshotFolders(root, "src");
  assertEquals(complete, [...expected.keys()].sort(), "the set of complete snapshots changed");
  const entryCounts = new Map<string, number>();
  let leftoverCount = 0;
  for (const [id, want] of expected) {
    const dir = `${root}/src/${id}`;
    const { contents, leftovers } = contentsOf(dir);
    assertEquals(contents, want.contents, `the contents of ${id} changed`);
    leftoverCount += leftovers.length;
    entryCounts.set(id, leftovers.length > 0 ? -1 : contents.size);
    const manifestPath = `${root}/src/${id}.sha256`;
    const manifest = readOrUndefined(manifestPath);
    if (want.manifest) {
      assertEquals(manifest, want.manifest, `the manifest of ${id} changed`);
    } else if (manifest) {
      // Written by add: whole, or not there at all.
      const lines = [...readManifest(manifestPath)];
      const files = [...contents].filter(([, e]) => e.kind === "file");
      assertEquals(lines.length, files.length, `the manifest add wrote for ${id} is not whole`);
      for (const line of lines) {
        assertEquals(line.hash, contents.get(line.path)?.content, `${id}: ${line.path}`);
      }
    }
    if (manifest) await sha256sumPasses(root, id);
  }
  // What the index records (it may be missing, or record only some snapshots: each is recorded
  // in one transaction) agrees with the trees.
  let recorded = 0;
  if (readOrUndefined(`${root}/.phlb/index.sqlite`)) {
    const index = BackupIndex.open(`${root}/.phlb`, { readOnly: true });
    try {
      for (const row of index.listSnapshots("src")) {
        assert(expected.has(row.snapId), `the index records ${row.snapId}, which is not a snapshot`);
        if (row.status !== "complete") continue;
        const count = entryCounts.get(row.snapId)!;
        assert(count >= 0, `${row.snapId} is recorded, but holds add's temporary names`);
        assertEquals(index.countEntries(row.id), count, `index entries of ${row.snapId}`);
        recorded++;
      }
    } finally {
      index.close();
    }
  }
  return `${recorded} of ${expected.size} recorded, ${leftoverCount} temporary names left`;
}

Deno.test({
  name:
    `add killed at ${KILLS} random moments: snapshots keep their contents, the index agrees; then it finishes`,
  fn: async () => {
    await withScratch(async (t) => {
      const rand = prng(SEED);
      const src = new MutatingSource(`${t}/src`, rand);
      const root = `${t}/root`;
      for (let d = 0; d < 3; d++) {
        if (d > 0) src.mutate();
        await runBackup({ source: src.dir, root, name: "src", now: new Date(2025, 0, 1 + d), ...SETTLED });
      }
      const backups = snapshotFolders(root, "src").complete;
      const expected = new Map<string, Expected>();
      for (const id of backups) {
        await sha256sumPasses(root, id);
        expected.set(id, {
          contents: contentsOf(`${root}/src/${id}`).contents,
          manifest: Deno.readFileSync(`${root}/src/${id}.sha256`),
        });
      }
      // Trees copied in by hand (new inodes, no manifest): add records them and links their files.
      let copies = 0;
      const copyIn = async () => {
        const from = backups[copies % backups.length];
        const id = `2020-01-${String(++copies).padStart(2, "0")}-000000`;
        await copyTree(`${root}/src/${from}`, `${root}/src/${id}`);
        hashes.clear();
        expected.set(id, { contents: expected.get(from)!.contents });
      };
      const add = ["add", "--root", root];

      await copyIn();
      const runMs = await timeRun(add, STARTED);
      await checkAfterAdd(root, expected);

      const outcomes = await killAtRandomMoments({
        args: add,
        kills: KILLS,
        rand,
        runMs: runMs * 1.5,
        startedText: STARTED,
        before: async (i) => {
          // A new copy to record, or every third time, the whole index to rebuild.
          if (i % 3 !== 0) await copyIn();
          else {
            for (const ext of ["", "-wal", "-shm"]) {
              try {
                Deno.removeSync(`${root}/.phlb/index.sqlite${ext}`);
              } catch { /* not there */ }
            }
          }
        },
        after: async (i, r) => {
          assert(r.killed || r.code === 0, `add ${i} (seed ${SEED}): ${r.stderr}`);
          return await checkAfterAdd(root, expected);
        },
      });
      console.log(`seed ${SEED}, add of one hand-copied tree takes ${runMs} ms:\n  ${outcomes.join("\n  ")}`);

      // The next add finishes the job: everything recorded, manifests written, nothing left over.
      const done = await phlb([...add, "--json"]);
      assertEquals(done.code, 0, done.stderr);
      assertEquals(JSON.parse(done.stdout).errors, 0);
      assertEquals(
        await checkAfterAdd(root, expected),
        `${expected.size} of ${expected.size} recorded, 0 temporary names left`,
      );
      for (const id of expected.keys()) {
        assert(readOrUndefined(`${root}/src/${id}.sha256`), `${id} has no manifest`);
      }
      const verify = await phlb(["verify", "--root", root, "--all"]);
      assertEquals(verify.code, 0, verify.stdout + verify.stderr);

      // And the index serves the next backup: nothing changed since the newest snapshot.
      const b = await phlb(["backup", src.dir, root, "--name", "src", "--json"]);
      assertEquals(b.code, 0, b.stderr);
      const s = JSON.parse(b.stdout);
      assertEquals([s.previous, s.unchangedLinked, s.copied, s.errors], [backups.at(-1), s.files, 0, 0]);
    });
  },
});
