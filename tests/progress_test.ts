/**
 * Progress with an end, on a terminal only: elapsed time, percent, counts and ETA. backup says
 * "about" with the previous snapshot's size as its end, and a first backup walks ahead to learn
 * its end; verify and restore know theirs from the index.
 */
import { assert, assertEquals } from "./assert.ts";
import { onlyOn, phlb, snapshots, withTempDir, writeTree } from "./helpers.ts";
import { phlbOnTerminal, progressLines } from "./pty.ts";
import { formatProgress } from "../src/report/format.ts";

Deno.test("progress line: clock, percent, counts, ETA; 'about' for an estimate; counts alone without an end", () => {
  const table: [Parameters<typeof formatProgress>[0], string][] = [
    [{ elapsedMs: 5_000, files: 9057, bytes: 116 << 20 }, "[0:05] 9057 files  116 MiB"],
    [
      { elapsedMs: 5_000, files: 9057, bytes: 116 << 20, total: { files: 20277, bytes: 338 << 20 } },
      "[0:05] 34%  9057/20277 files  116 MiB/338 MiB  ETA 0:09",
    ],
    [
      { elapsedMs: 65_000, files: 10, bytes: 50, total: { files: 20, bytes: 100, estimated: true } },
      "[1:05] about 50%  10/20 files  50 B/100 B  ETA about 1:05",
    ],
    // An estimate that is passed never says 100% (nor an ETA of 0): the run is not done.
    [
      { elapsedMs: 3_600_000, files: 30, bytes: 150, total: { files: 20, bytes: 100, estimated: true } },
      "[1:00:00] about 99%  30/20 files  150 B/100 B  ETA about 0:36",
    ],
    // Not half a second yet: no ETA.
    [
      { elapsedMs: 100, files: 1, bytes: 10, total: { files: 2, bytes: 20 } },
      "[0:00] 50%  1/2 files  10 B/20 B",
    ],
    [
      { elapsedMs: 2_000, files: 0, bytes: 0, total: { files: 7, bytes: 70, counting: true } },
      "[0:02] counting: 7 files  70 B",
    ],
    // No bytes to go by (empty files): by files.
    [
      { elapsedMs: 1_000, files: 1, bytes: 0, total: { files: 4, bytes: 0 } },
      "[0:01] 25%  1/4 files  0 B  ETA 0:03",
    ],
  ];
  for (const [p, line] of table) assertEquals(formatProgress(p), line);
});

/** A tree that takes a few seconds to back up here: enough redraws of the progress line. */
function bigTree(dir: string): void {
  const chunk = new Uint8Array(256 << 10);
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 400; i++) {
    chunk[0] = i & 255;
    chunk[1] = i >> 8;
    files[`d${i % 20}/f${i}.bin`] = chunk.slice();
  }
  writeTree(dir, files);
}

Deno.test(onlyOn("linux", "needs util-linux `script` for a pseudo-terminal", {
  name:
    "progress: backup (first: walks ahead; next: 'about' the previous size), verify and restore show %, counts, ETA",
  fn: async () => {
    await withTempDir(async (t) => {
      bigTree(`${t}/src`);
      const first = await phlbOnTerminal(["backup", `${t}/src`, `${t}/root`], { HOME: t });
      assertEquals(first.code, 0, first.output);
      const firstLines = progressLines(first.output);
      assert(
        firstLines.some((l) => /^\[\d+:\d\d\] \d+% {2}\d+\/400 files {2}.*MiB\/100 MiB/.test(l)),
        first.output,
      );
      assert(!firstLines.some((l) => l.includes("about")), firstLines.join("\n"));

      // Changed content: every file is read again, and the end is the previous snapshot's size.
      const chunk = new Uint8Array(256 << 10).fill(7);
      for (let i = 0; i < 400; i += 2) {
        chunk[0] = i & 255;
        chunk[1] = i >> 8;
        Deno.writeFileSync(`${t}/src/d${i % 20}/f${i}.bin`, chunk);
      }
      const next = await phlbOnTerminal(["backup", `${t}/src`, `${t}/root`], { HOME: t });
      assertEquals(next.code, 0, next.output);
      const nextLines = progressLines(next.output);
      assert(nextLines.some((l) => /^\[\d+:\d\d\] about \d+% {2}\d+\/400 files/.test(l)), next.output);

      const verify = await phlbOnTerminal(["verify", "--all", "-r", `${t}/root`], { HOME: t });
      assertEquals(verify.code, 0, verify.output);
      // Both snapshots: 800 files.
      assert(
        progressLines(verify.output).some((l) => /^\[\d+:\d\d\] \d+% {2}\d+\/800 files/.test(l)),
        verify.output,
      );

      const [id] = snapshots(`${t}/root`, "src");
      const restore = await phlbOnTerminal(["restore", `src@${id}/d1`, `${t}/out`, "-r", `${t}/root`], {
        HOME: t,
      });
      assertEquals(restore.code, 0, restore.output);
      assert(
        progressLines(restore.output).some((l) => /^\[\d+:\d\d\] \d+% {2}\d+\/20 files/.test(l)),
        restore.output,
      );

      // Off a terminal: no progress line at all.
      const piped = await phlb(["verify", "-r", `${t}/root`]);
      assertEquals(piped.code, 0, piped.stderr);
      assertEquals(progressLines(piped.stderr), []);
    });
  },
}));
