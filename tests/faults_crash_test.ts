/**
 * Fault tests: a backup killed at random moments (SIGKILL), and one stopped by SIGINT/SIGTERM,
 * with the content workers busy (runs that read every file) and without (--jobs 0, or runs that
 * read only what changed).
 * After every kill the root must keep its promises (see checkRoot in fault_helpers.ts); the run
 * after the last kill must complete and link what did not change.
 *
 * The kill loop takes the command to kill as a parameter, so `phlb add` and `phlb prune` can be
 * put through the same schedule when they exist.
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import {
  checkRoot,
  killAtRandomMoments,
  type ListedEntry,
  listTree,
  MutatingSource,
  PhlbChild,
  prng,
  skipReason,
  snapshotFolders,
  timeRun,
  withScratch,
} from "./fault_helpers.ts";
import { BackupIndex } from "../src/index/index.ts";
import { runBackup } from "../src/backup/engine.ts";
import {
  ino,
  IS_WINDOWS,
  linkTree,
  phlb,
  SETTLED,
  SETTLED_FLAGS,
  wineScaled,
  withTempDir,
  writeTree,
} from "./helpers.ts";

const SEED = Number(Deno.env.get("PHLB_FAULT_SEED") ?? 20261128);
const KILLS = wineScaled(20, 4);
/** What `phlb backup` prints once it starts writing the snapshot. */
const STARTED = "Backing up into";
/** SIGINT and SIGTERM: Windows has neither for another process (Deno's kill() there only ends it). */
const NO_POSIX_SIGNALS = IS_WINDOWS
  ? "sends SIGINT or SIGTERM, which Windows cannot send to another process (Deno's kill() ends it)"
  : undefined;

Deno.test({
  name: `SIGKILL at ${KILLS} random moments: complete snapshots stay intact, nothing partial looks complete`,
  // SIGKILL is Deno's kill() on Windows too: it ends the process at once (TerminateProcess).
  fn: async () => {
    await withScratch(async (t) => {
      const rand = prng(SEED);
      const src = new MutatingSource(`${t}/src`, rand);
      const root = `${t}/root`;
      const args = ["backup", src.dir, root, "--name", "src", ...SETTLED_FLAGS];
      const known = new Map<string, Map<string, ListedEntry>>();
      let last = "";
      const record = (fresh: Map<string, Map<string, ListedEntry>>) => {
        for (const [id, listing] of fresh) known.set(id, listing);
        if (fresh.size > 0) {
          last = [...known.keys()].sort().at(-1)!;
          src.dirty.clear();
        }
      };

      // A first complete snapshot, then a second one whose run is timed.
      assertEquals((await phlb(args)).code, 0);
      record(await checkRoot(root, "src", known));
      src.mutate();
      const runMs = await timeRun(args, STARTED);
      record(await checkRoot(root, "src", known));

      let before = snapshotFolders(root, "src");
      const outcomes = await killAtRandomMoments({
        // Every other run reads every file (--checksum), which it does in content workers (named:
        // on 2 cores the default is none); the others read only what changed, on the main thread.
        args: (i) => (i % 2 === 1 ? [...args, "--checksum", "--jobs", "2"] : args),
        kills: KILLS,
        rand,
        runMs,
        startedText: STARTED,
        before: () => {
          src.mutate();
          before = snapshotFolders(root, "src");
        },
        after: async (i, r) => {
          assert(r.killed || r.code === 0, `run ${i} (seed ${SEED}): ${r.stderr}`);
          record(await checkRoot(root, "src", known));
          return killPhase(root, before);
        },
      });
      console.log(`seed ${SEED}, writing a snapshot takes ${runMs} ms:\n  ${outcomes.join("\n  ")}`);

      // The run after the kills completes, reuses what the killed runs copied, and links the rest.
      const prev = last;
      const dirty = new Set(src.dirty);
      const final = await phlb([...args, "--json"]);
      assertEquals(final.code, 0, final.stderr);
      const summary = JSON.parse(final.stdout);
      const fresh = await checkRoot(root, "src", known);
      assertEquals([...fresh.keys()], [summary.snapshot]);
      assertEquals(summary.previous, prev);
      assertEquals(snapshotFolders(root, "src").partial, [], "the killed runs' .partial folders are gone");
      for (const e of Deno.readDirSync(`${root}/src`)) assert(!e.name.includes(".partial"), e.name);
      const listing = fresh.get(summary.snapshot)!;
      let unchanged = 0;
      for (const [rel, entry] of listing) {
        if (entry.kind !== "file" || dirty.has(rel) || !known.get(prev)!.has(rel)) continue;
        unchanged++;
        assertEquals(entry.ino, known.get(prev)!.get(rel)!.ino, `"${rel}" is not linked to ${prev}`);
      }
      assertEquals(summary.unchangedLinked, unchanged);
      assert(summary.copied <= dirty.size, `copied ${summary.copied} > ${dirty.size} changed paths`);
      assertEquals(summary.errors, 0);

      // And the index agrees with the trees: a run with no change links everything unread.
      record(fresh);
      const again = await phlb([...args, "--json"]);
      assertEquals(again.code, 0, again.stderr);
      const s2 = JSON.parse(again.stdout);
      assertEquals([s2.unchangedLinked, s2.copied, s2.dedupLinked], [s2.files, 0, 0]);
      await checkRoot(root, "src", known);
    });
  },
});

/** Where a killed run got to, from what it left: for the test output and the README. */
function killPhase(root: string, before: { complete: string[]; partial: string[] }): string {
  const after = snapshotFolders(root, "src");
  if (after.complete.length > before.complete.length) {
    return after.partial.length > 0 ? "after the final rename, before removing old .partial" : "complete";
  }
  const id = after.partial.find((p) => !before.partial.includes(p));
  if (id === undefined) return "before the snapshot folder was made";
  if (existsSync(`${root}/src/${id}.sha256`)) return "after the manifest rename, before the folder rename";
  let files = 0;
  for (const e of listTree(`${root}/src/${id}.partial`).values()) if (e.kind === "file") files++;
  return `while writing (${files} files in the .partial)`;
}

function existsSync(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A source that takes a second or more to back up: many small files first, then big ones. */
function slowSource(dir: string, tag: string): number {
  const files: Record<string, string | Uint8Array> = {};
  for (let i = 0; i < 3000; i++) files[`a/${Math.floor(i / 500)}/f${i}.txt`] = `${tag} ${i}\n`;
  for (let i = 0; i < 4; i++) files[`z/big${i}.bin`] = new Uint8Array(8 << 20).fill(i + tag.length);
  writeTree(dir, files);
  return Object.keys(files).length;
}

// The interrupted run reads only the new files (SIGINT, SIGTERM), or every file: in content
// workers (--jobs 2, named: on 2 cores the default is none) and on the main thread (--jobs 0).
const interrupted = [
  { signal: "SIGINT", extra: [] },
  { signal: "SIGTERM", extra: [] },
  { signal: "SIGINT", extra: ["--checksum", "--jobs", "2"] },
  { signal: "SIGINT", extra: ["--checksum", "--jobs", "0"] },
] as const;

for (const { signal, extra } of interrupted) {
  Deno.test({
    name: `${signal} stops a backup${extra.length ? ` (${extra.join(" ")})` : ""} with exit code 130; ` +
      "the .partial stays and the next run reuses it",
    ignore: skipReason(signal, NO_POSIX_SIGNALS),
    fn: async () => {
      await withScratch(async (t) => {
        const root = `${t}/root`;
        writeTree(`${t}/src`, { "old.txt": "from the first snapshot" });
        const args = ["backup", `${t}/src`, root, ...SETTLED_FLAGS];
        assertEquals((await phlb(args)).code, 0);
        const known = await checkRoot(root, "src", new Map());
        const total = slowSource(`${t}/src`, "new") + 1;

        const child = new PhlbChild([...args, ...extra]);
        assert(await child.waitForStderr("Backing up into"), child.stderr);
        const id = /Backing up into .*\/([^/]+)\.partial/.exec(child.stderr)![1];
        // Signal once it has recorded a file: a folder alone can appear just before the run yields
        // and sees the signal, with nothing copied that the next run could reuse. Content workers
        // write a file before the main thread records it, in walk order, with at most 32 files per
        // worker (4 at most) in flight: once f200 is written, f0 is recorded.
        while (!existsSync(`${root}/src/${id}.partial/a/0/f200.txt`)) {
          await new Promise((r) => setTimeout(r, 5));
        }
        child.kill(signal);
        const r = await child.finish();
        assertEquals(r.code, 130, r.stderr);
        assert(
          r.stderr.includes("interrupted: stopped cleanly; the unfinished snapshot stays .partial"),
          r.stderr,
        );
        assertEquals(snapshotFolders(root, "src").partial, [id]);
        assert(Deno.statSync(`${root}/src/${id}.partial.sha256`).isFile);
        assert(
          Deno.readTextFileSync(`${root}/src/${id}.log`).includes("interrupted; the snapshot stays .partial"),
        );
        await checkRoot(root, "src", known);

        const next = await phlb([...args, "--json"]);
        assertEquals(next.code, 0, next.stderr);
        const s = JSON.parse(next.stdout);
        assertEquals(s.files, total);
        assertEquals(s.unchangedLinked, 1);
        assert(s.dedupLinked > 0, `nothing the interrupted run copied was reused: ${next.stdout}`);
        assertEquals(s.dedupLinked + s.copied, total - 1);
        assertEquals(snapshotFolders(root, "src").partial, []);
        for (const left of [".partial", ".partial.sha256", ".log", ".sha256", ".summary.json"]) {
          assert(!existsSync(`${root}/src/${id}${left}`), `${id}${left} is left`);
        }
        await checkRoot(root, "src", known);
        assertEquals(
          ino(`${root}/src/${s.snapshot}/old.txt`),
          known.values().next().value!.get("old.txt")!.ino,
        );
      });
    },
  });
}

// The commit sequence (manifest rename, summary, folder rename, index update, removal of old
// .partial folders) takes milliseconds, so random kills rarely land in it. These put a root in
// exactly the state a kill at each step leaves, and check the next run.

async function twoSnapshots(t: string) {
  const src = `${t}/src`;
  const root = `${t}/root`;
  writeTree(src, { "a.txt": "alpha", "sub/b.txt": "beta", "c.txt": "gamma" });
  const opts = { source: src, root, name: "src", ...SETTLED };
  const first = await runBackup(opts);
  writeTree(src, { "c.txt": "gamma, changed", "d.txt": "delta" });
  const second = await runBackup(opts);
  return { src, root, first, second, opts };
}

Deno.test({
  name: "killed after the manifest rename, before the folder rename: the snapshot stays partial, then goes",
  fn: async () => {
    await withTempDir(async (t) => {
      const { root, first, second, opts } = await twoSnapshots(t);
      Deno.renameSync(second.snapshotPath, `${second.snapshotPath}.partial`);
      const known = await checkRoot(root, "src", new Map());
      assertEquals([...known.keys()], [first.snapshot]);
      const third = await runBackup(opts);
      assertEquals(third.previous, first.snapshot);
      // What the dead run copied is reused, not copied again.
      assertEquals([third.copied, third.dedupLinked, third.unchangedLinked], [0, 2, 2]);
      for (const left of [".partial", ".sha256", ".summary.json", ".log"]) {
        assert(!existsSync(`${second.snapshotPath}${left}`), `${second.snapshot}${left} is left`);
      }
      await checkRoot(root, "src", known);
    });
  },
});

Deno.test({
  name: "killed after the folder rename, before the index update: the next run takes it as previous",
  fn: async () => {
    await withTempDir(async (t) => {
      const { root, second, opts } = await twoSnapshots(t);
      const index = BackupIndex.open(`${root}/.phlb`);
      index.setSnapshotStatus(index.findSnapshot("src", second.snapshot)!.id, "partial");
      index.close();
      const known = await checkRoot(root, "src", new Map());
      const third = await runBackup(opts);
      assertEquals(third.previous, second.snapshot);
      assertEquals([third.unchangedLinked, third.copied], [4, 0]);
      assertEquals(ino(`${third.snapshotPath}/c.txt`), ino(`${second.snapshotPath}/c.txt`));
      await checkRoot(root, "src", known);
    });
  },
});

Deno.test({
  name: "killed while removing an old .partial: the half-removed folder is not complete, and goes next time",
  fn: async () => {
    await withTempDir(async (t) => {
      const { root, second, opts } = await twoSnapshots(t);
      // A .partial with its index row already dropped and half of its tree removed.
      const half = `${root}/src/2020-01-01-000000.partial`;
      await linkTree(second.snapshotPath, half);
      Deno.removeSync(`${half}/sub`, { recursive: true });
      Deno.writeTextFileSync(`${half}.sha256`, "");
      const known = await checkRoot(root, "src", new Map());
      const third = await runBackup(opts);
      assertEquals(third.previous, second.snapshot);
      assertEquals(third.unchangedLinked, 4);
      assert(!existsSync(half) && !existsSync(`${half}.sha256`));
      await checkRoot(root, "src", known);
    });
  },
});
