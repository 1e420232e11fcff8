/**
 * Fault test: 100,000 files in one folder. All must be stored, a run with no change must link
 * them all unread, and memory must stay bounded (the walk holds one folder's names, the fast path
 * one folder's previous entries: here that is everything at once, the worst case).
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
import { phlbCommandArgs } from "./helpers.ts";

const FILES = 100_000;
/**
 * A sanity bound, not a benchmark. Measured here: 190 MiB for the first run, 345 MiB for the
 * no-change run, which loads the previous snapshot's 100,000 rows of this folder at once
 * (BackupIndex.dirEntries; about 230 MiB of that is the query's transient rows).
 */
const MAX_RSS_MIB = 512;

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
      const args = ["backup", `${t}/src`, `${t}/root`];

      const first = await timedBackup(args);
      const second = await timedBackup(args);
      console.log(
        `${FILES} files in one folder: first run ${first.wall}, ${first.rssMiB} MiB peak; ` +
          `no-change run ${second.wall}, ${second.rssMiB} MiB peak`,
      );
      assertEquals([first.summary.files, first.summary.copied, first.summary.errors], [FILES, FILES, 0]);
      assertEquals([second.summary.files, second.summary.unchangedLinked], [FILES, FILES]);
      assert(first.rssMiB < MAX_RSS_MIB && second.rssMiB < MAX_RSS_MIB, "memory is not bounded");
      assertEquals(snapshotFolders(`${t}/root`, "src").complete.length, 2);
      // Every file is there with its bytes, as its manifest says (checked in-process: 200,000 files).
      await checkRoot(`${t}/root`, "src", new Map(), { sha256sum: false });
    });
  },
});
