/**
 * Fault test: 100,000 files in one folder. All must be stored, a run with no change must link
 * them all unread, and memory must stay bounded (the walk holds one folder's names, the fast path
 * a chunk of one folder's previous entries: here the folder is everything at once, the worst case).
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import {
  checkRoot,
  IS_LINUX,
  isolatedHome,
  skipReason,
  snapshotFolders,
  withScratch,
} from "./fault_helpers.ts";
import { phlbCommandArgs, SETTLED_FLAGS } from "./helpers.ts";

const FILES = 100_000;
/**
 * A sanity bound, not a benchmark. Measured here: about 200 MiB for the first run and 180 MiB for
 * the no-change run. Most of it is Deno.readDirSync, which returns the folder's 100,000 entries at
 * once (reading the names alone peaks at 120 MiB, against 37 MiB for an empty Deno program).
 */
const MAX_RSS_MIB = 300;
/**
 * What the no-change run may need beyond the first run, which has no previous rows: the previous
 * snapshot's rows of the folder are read a chunk at a time, so nothing that grows with the folder.
 * (When they were all loaded at once, the no-change run peaked at 345 MiB, the first at 190.)
 */
const PREVIOUS_ROWS_MIB = 32;

function hasGnuTime(): string | undefined {
  if (!IS_LINUX) return "measures memory with GNU time on Linux";
  try {
    Deno.statSync("/usr/bin/time");
    return undefined;
  } catch {
    return "/usr/bin/time (GNU time) is not installed";
  }
}

/** Runs phlb under GNU time; returns the summary, peak RSS and wall time. */
async function timedBackup(args: string[]) {
  const r = await new Deno.Command("/usr/bin/time", {
    args: ["-v", Deno.execPath(), ...phlbCommandArgs([...args, "--json"])],
    env: { NO_COLOR: "1", HOME: isolatedHome() },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(r.stderr);
  assertEquals(r.code, 0, stderr);
  const rssKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)![1]);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(stderr)![1];
  return { summary: JSON.parse(new TextDecoder().decode(r.stdout)), rssMiB: Math.round(rssKiB / 1024), wall };
}

Deno.test({
  name: "100,000 files in one folder: all stored, then all linked unread, memory bounded",
  ignore: skipReason("100,000 files", hasGnuTime()),
  fn: async () => {
    await withScratch(async (t) => {
      const src = `${t}/src/one folder`;
      Deno.mkdirSync(src, { recursive: true });
      const enc = new TextEncoder();
      for (let i = 0; i < FILES; i++) Deno.writeFileSync(`${src}/file-${i}.txt`, enc.encode(`file ${i}\n`));
      const args = ["backup", `${t}/src`, `${t}/root`, ...SETTLED_FLAGS];

      const first = await timedBackup(args);
      const second = await timedBackup(args);
      console.log(
        `${FILES} files in one folder: first run ${first.wall}, ${first.rssMiB} MiB peak; ` +
          `no-change run ${second.wall}, ${second.rssMiB} MiB peak`,
      );
      assertEquals([first.summary.files, first.summary.copied, first.summary.errors], [FILES, FILES, 0]);
      assertEquals([second.summary.files, second.summary.unchangedLinked], [FILES, FILES]);
      assert(first.rssMiB < MAX_RSS_MIB && second.rssMiB < MAX_RSS_MIB, "memory is not bounded");
      assert(
        second.rssMiB <= first.rssMiB + PREVIOUS_ROWS_MIB,
        `the previous rows of one folder take ${
          second.rssMiB - first.rssMiB
        } MiB: they are not read in chunks`,
      );
      assertEquals(snapshotFolders(`${t}/root`, "src").complete.length, 2);
      // Every file is there with its bytes, as its manifest says (checked in-process: 200,000 files).
      await checkRoot(`${t}/root`, "src", new Map(), { sha256sum: false });
    });
  },
});
