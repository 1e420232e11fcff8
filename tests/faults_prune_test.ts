/**
 * Fault test: `phlb prune` killed at random moments. Whatever it was doing, every snapshot it
 * leaves without a suffix is whole (byte for byte as before), the newest is never touched, a
 * half-removed one is only ever a `.deleting` folder, and the next backup and prune complete.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import { assert, assertEquals } from "./assert.ts";
import {
  checkRoot,
  killAtRandomMoments,
  type ListedEntry,
  MutatingSource,
  PhlbChild,
  prng,
  skipReason,
  snapshotFolders,
  timeRun,
  withScratch,
} from "./fault_helpers.ts";
import { IS_WINDOWS, phlb, SETTLED, wineScaled, writeTree } from "./helpers.ts";

const SEED = Number(Deno.env.get("PHLB_FAULT_SEED") ?? 20261128);
const SNAPSHOTS = wineScaled(12, 5);
const KILLS = wineScaled(10, 3);

Deno.test({
  name:
    `prune killed at ${KILLS} random moments: what it leaves is whole, the newest untouched; then it finishes`,
  fn: async () => {
    await withScratch(async (t) => {
      const rand = prng(SEED);
      const src = new MutatingSource(`${t}/src`, rand);
      // 8,000 more names per snapshot, so that removing one takes long enough to be hit (under Wine,
      // where each removal is slow anyway, 100).
      const bulk: Record<string, string> = {};
      for (let i = 0; i < wineScaled(8000, 100); i++) bulk[`bulk/b${i % 40}/f${i}`] = `bulk ${i}`;
      writeTree(src.dir, bulk);
      const root = `${t}/root`;
      // A year of daily snapshots, each with some changes.
      for (let d = 0; d < SNAPSHOTS; d++) {
        if (d > 0) src.mutate();
        await runBackup({ source: src.dir, root, name: "src", now: new Date(2025, 0, 1 + d), ...SETTLED });
      }
      const known = await checkRoot(root, "src", new Map<string, Map<string, ListedEntry>>());
      const newest = [...known.keys()].sort().at(-1)!;
      const prune = (keep: number) => ["prune", "--root", root, "--keep-last", String(keep)];
      const STARTED = "Removing ";
      const runMs = await timeRun(prune(SNAPSHOTS - 1), STARTED);
      await checkRoot(root, "src", known, { removable: true });

      const outcomes = await killAtRandomMoments({
        args: (i) => prune(Math.max(1, SNAPSHOTS - 2 - i)),
        kills: KILLS,
        rand,
        runMs,
        startedText: STARTED,
        after: async (i, r) => {
          assert(r.killed || r.code === 0, `prune ${i} (seed ${SEED}): ${r.stderr}`);
          await checkRoot(root, "src", known, { removable: true });
          assert(known.has(newest), "prune removed the newest snapshot");
          const { complete, deleting } = snapshotFolders(root, "src");
          return `${complete.length} complete, ${deleting.length} .deleting`;
        },
      });
      console.log(`seed ${SEED}, a prune takes ${runMs} ms:\n  ${outcomes.join("\n  ")}`);

      // The next backup links everything to the newest snapshot; the next prune finishes the job.
      const b = await phlb(["backup", src.dir, root, "--name", "src", "--json"]);
      assertEquals(b.code, 0, b.stderr);
      const s = JSON.parse(b.stdout);
      assertEquals([s.previous, s.unchangedLinked, s.copied], [newest, s.files, 0]);
      const p = await phlb(prune(1));
      assertEquals(p.code, 0, p.stderr);
      assertEquals(snapshotFolders(root, "src").complete, [s.snapshot]);
      assertEquals([...Deno.readDirSync(`${root}/src`)].filter((e) => !e.name.startsWith(s.snapshot)), []);
      await checkRoot(root, "src", known, { removable: true });
    });
  },
});

Deno.test({
  name:
    "prune stops at Ctrl-C after the snapshot it is removing: exit 130, the rest kept, the next prune finishes",
  ignore: skipReason(
    "prune Ctrl-C",
    IS_WINDOWS
      ? "sends SIGINT, which Windows cannot send to another process (Deno's kill() ends it)"
      : undefined,
  ),
  fn: async () => {
    await withScratch(async (t) => {
      const bulk: Record<string, string> = {};
      for (let i = 0; i < 3000; i++) bulk[`b${i % 30}/f${i}`] = `bulk ${i}`;
      writeTree(`${t}/src`, bulk);
      const root = `${t}/root`;
      for (let d = 1; d <= 16; d++) {
        await runBackup({ source: `${t}/src`, root, name: "src", now: new Date(2025, 0, d), ...SETTLED });
      }
      const child = new PhlbChild(["prune", "--root", root, "--keep-last", "1"]);
      assert(await child.waitForStderr("removed src/"), child.stderr);
      child.kill("SIGINT");
      const r = await child.finish();
      assertEquals(r.code, 130, r.stderr);
      assert(
        r.stderr.includes("interrupted: stopped cleanly; the snapshots not reached yet are kept"),
        r.stderr,
      );
      const left = snapshotFolders(root, "src");
      assert(
        left.complete.length > 2,
        `Ctrl-C was not seen until the end: ${left.complete.length} left\n${r.stderr}`,
      );
      assertEquals(left.deleting, [], "the snapshot being removed was finished");
      const again = await phlb(["prune", "--root", root, "--keep-last", "1"]);
      assertEquals(again.code, 0, again.stderr);
      assertEquals(snapshotFolders(root, "src").complete.length, 1);
      await checkRoot(root, "src", new Map());
    });
  },
});
