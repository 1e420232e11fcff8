/**
 * Fault test: `phlb verify` killed at random moments, both a full check of every snapshot and a
 * scrub (which records in the index when each content was verified). A check never changes a
 * snapshot: after every kill each one is byte for byte, inode for inode as before (so it still
 * passes `sha256sum -c`), the index agrees with the trees, and the next verify, scrub and backup
 * complete.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import { assert, assertEquals } from "./assert.ts";
import {
  checkRoot,
  killAtRandomMoments,
  type ListedEntry,
  MutatingSource,
  prng,
  timeRun,
  withScratch,
} from "./fault_helpers.ts";
import { phlb, SETTLED, wineScaled } from "./helpers.ts";

const SEED = Number(Deno.env.get("PHLB_FAULT_SEED") ?? 20261128);
const SNAPSHOTS = 4;

Deno.test({
  name: `verify and scrub killed at ${
    2 * wineScaled(5, 2)
  } random moments: snapshots untouched, the index agrees; then they finish`,
  fn: async () => {
    await withScratch(async (t) => {
      const rand = prng(SEED);
      const src = new MutatingSource(`${t}/src`, rand);
      const root = `${t}/root`;
      for (let d = 0; d < SNAPSHOTS; d++) {
        if (d > 0) src.mutate();
        await runBackup({ source: src.dir, root, name: "src", now: new Date(2025, 0, 1 + d), ...SETTLED });
      }
      const known = await checkRoot(root, "src", new Map<string, Map<string, ListedEntry>>());
      const newest = [...known.keys()].sort().at(-1)!;

      const runs = [
        // Reads every file of every snapshot.
        { what: "verify --all", args: ["verify", "--root", root, "--all"], started: "Checking " },
        // Reads each stored content once, and writes to the index as it goes.
        {
          what: "scrub",
          args: ["verify", "--root", root, "--max-duration", "1h", "--resume"],
          started: "scrub pass",
        },
      ];
      const outcomes: string[] = [];
      for (const run of runs) {
        const runMs = await timeRun(run.args, run.started);
        outcomes.push(`${run.what} takes ${runMs} ms:`);
        outcomes.push(
          ...await killAtRandomMoments({
            args: run.args,
            kills: wineScaled(5, 2),
            rand,
            runMs,
            startedText: run.started,
            after: async (i, r) => {
              assert(r.killed || r.code === 0, `${run.what} ${i} (seed ${SEED}): ${r.stderr}`);
              // Byte for byte and inode for inode as before; the index agrees with the trees.
              assertEquals((await checkRoot(root, "src", known)).size, 0, "a new snapshot appeared");
            },
          }),
        );
      }
      console.log(`seed ${SEED}:\n  ${outcomes.join("\n  ")}`);

      // The next runs finish: a full check, and a scrub that resumes the killed pass to its end.
      const verify = await phlb(["verify", "--root", root, "--all", "--json"]);
      assertEquals(verify.code, 0, verify.stdout + verify.stderr);
      assertEquals(JSON.parse(verify.stdout).snapshots.length, SNAPSHOTS);
      const scrub = await phlb([...runs[1].args, "--json"]);
      assertEquals(scrub.code, 0, scrub.stdout + scrub.stderr);
      const s = JSON.parse(scrub.stdout).scrub;
      assertEquals([s.complete, s.contentsVerified], [true, s.contentsTotal]);
      await checkRoot(root, "src", known);

      // And the next backup links everything unchanged to the newest snapshot.
      const b = await phlb(["backup", src.dir, root, "--name", "src", "--json"]);
      assertEquals(b.code, 0, b.stderr);
      const summary = JSON.parse(b.stdout);
      assertEquals([summary.previous, summary.unchangedLinked, summary.copied], [newest, summary.files, 0]);
    });
  },
});
