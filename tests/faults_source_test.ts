/**
 * Fault tests: the source changes while a file is being read. Whatever happens, the stored bytes
 * must match the manifest, a warning must name the file, and no later file may be linked to the
 * wrong content.
 *
 * The engine runs in this process, and the change is made from a timer that sees the file open (in
 * /proc/self/fd) and changes it in the middle of the hashing pass or of the copying pass, every
 * time: the engine's workers read while this thread's timers run, and on the main thread
 * (`--jobs 0`) the read loops yield to the event loop every 64 MiB. A large file
 * takes two passes only when a stored content has its size (src/backup/large_files.ts): the
 * two-pass cases store a same-sized file first; the one-pass cases do not.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import type { ItemProblem } from "../src/errors.ts";
import { assert, assertEquals } from "./assert.ts";
import { checkRoot, IS_LINUX, listTree, prng, skipReason, withScratch } from "./fault_helpers.ts";
import { openFdsUnder, setMtime } from "./helpers.ts";

const MiB = 1 << 20;
// The read loops yield every 64 MiB: a timer runs once in each pass, with 16 MiB still to read.
const BIG = 80 * MiB;
const NOT_LINUX = IS_LINUX ? undefined : "finds the engine's open file in /proc/self/fd";

/** Writes `sizeBytes` of bytes determined by `seed` to `path` (or appends them), a MiB at a time. */
function writePattern(
  path: string,
  sizeBytes: number,
  seed: number,
  options: { append?: boolean } = {},
): void {
  const rand = prng(seed);
  const block = new Uint8Array(MiB);
  for (let i = 0; i < MiB; i += 4) new DataView(block.buffer).setUint32(i, rand() * 2 ** 32);
  const f = Deno.openSync(path, {
    write: true,
    create: true,
    truncate: !options.append,
    append: options.append,
  });
  try {
    for (let i = 0; i < sizeBytes; i += MiB) {
      block[0] = i / MiB; // every MiB differs
      const n = Math.min(MiB, sizeBytes - i);
      let off = 0;
      while (off < n) off += f.writeSync(block.subarray(off, n));
    }
  } finally {
    f.close();
  }
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a case does to `big.bin` while the engine reads it, and in which pass: the hash or the copy
 * pass of a two-pass read, or the only pass of a file copied while it is hashed.
 */
interface Race {
  pass: "hash" | "copy" | "one pass";
  change: (path: string, spare: string) => void;
  /**
   * Makes `spare`, a file beside the source, before the run: a change that is only a rename lands
   * at once, while the file is still open (content workers go on reading while this thread writes).
   */
  prepare?: (spare: string) => void;
  /** Also run with `--jobs 0` (the main thread reads and writes): one race of each pass. */
  inThreadToo?: boolean;
}

const races: Record<string, Race> = {
  "grows while it is hashed": {
    pass: "hash",
    change: (p) => writePattern(p, 3 * MiB, 7, { append: true }),
    inThreadToo: true,
  },
  "shrinks while it is hashed": { pass: "hash", change: (p) => Deno.truncateSync(p, 10 * MiB) },
  "is replaced (renamed over) while it is hashed": {
    pass: "hash",
    prepare: (spare) => writePattern(spare, BIG, 9),
    change: (p, spare) => Deno.renameSync(spare, p),
  },
  "is deleted while it is hashed": { pass: "hash", change: (p) => Deno.removeSync(p) },
  "is rewritten in place while it is copied": {
    pass: "copy",
    change: (p) => {
      const f = Deno.openSync(p, { write: true });
      f.writeSync(new Uint8Array(MiB).fill(11));
      f.close();
    },
    inThreadToo: true,
  },
  "grows while it is copied in one pass": {
    pass: "one pass",
    change: (p) => writePattern(p, 3 * MiB, 7, { append: true }),
  },
  "shrinks while it is copied in one pass": {
    pass: "one pass",
    change: (p) => Deno.truncateSync(p, 10 * MiB),
  },
  "is replaced (renamed over) while it is copied in one pass": {
    pass: "one pass",
    prepare: (spare) => writePattern(spare, BIG, 9),
    change: (p, spare) => Deno.renameSync(spare, p),
    inThreadToo: true,
  },
  "is rewritten in place while it is copied in one pass": {
    pass: "one pass",
    change: (p) => {
      const f = Deno.openSync(p, { write: true });
      f.writeSync(new Uint8Array(MiB).fill(11));
      f.close();
    },
  },
};

// Every race in content workers (--jobs 2, named: on 2 cores the default is none); one race of each
// pass on the main thread too (--jobs 0).
const cases = Object.entries(races).flatMap(([what, race]) =>
  race.inThreadToo ? [{ what, race, jobs: 2 }, { what, race, jobs: 0 }] : [{ what, race, jobs: 2 }]
);

for (const { what, race, jobs } of cases) {
  Deno.test({
    name: `a source file that ${what}${jobs === 0 ? " (--jobs 0)" : ""}: stored bytes match the manifest, ` +
      "a warning names it",
    ignore: skipReason(`source ${what}`, NOT_LINUX),
    fn: async () => {
      await withScratch(async (t) => {
        const src = `${t}/src`;
        const root = `${t}/root`;
        Deno.mkdirSync(src);
        writePattern(`${src}/big.bin`, BIG, 1);
        // Later files: the original bytes and the big file's metadata (what a wrong link
        // source would be mistaken for), and a file stored before it.
        writePattern(`${src}/z-original.bin`, BIG, 1);
        Deno.writeTextFileSync(`${src}/a-small.txt`, "before");
        const names = ["big.bin", "z-original.bin", "a-small.txt"];
        // Stored before big.bin: a content of its size, so big.bin is read in two passes.
        if (race.pass !== "one pass") {
          writePattern(`${src}/0-same-size.bin`, BIG, 5);
          names.push("0-same-size.bin");
        }
        for (const name of names) setMtime(`${src}/${name}`, 1_700_000_000);
        const sourceBefore = listTree(src);
        const spare = `${t}/spare.bin`;
        race.prepare?.(spare);

        let changed = false;
        const timer = setInterval(() => {
          if (changed || openFdsUnder(`${src}/big.bin`).length === 0) return;
          const partial = [...Deno.readDirSync(`${root}/src`)].find((e) => e.name.endsWith(".partial"));
          const copying = partial !== undefined && exists(`${root}/src/${partial.name}/big.bin`);
          if (copying !== (race.pass !== "hash")) return;
          race.change(`${src}/big.bin`, spare);
          changed = true;
        }, 1);
        const problems: ItemProblem[] = [];
        let summary;
        try {
          summary = await runBackup(
            { source: src, root, name: "src", smallFileBytes: MiB, jobs },
            { onProblem: (p) => problems.push(p) },
          );
        } finally {
          clearInterval(timer);
        }
        assert(changed, "the race did not happen: the file was never seen open in the right pass");

        // The warning names the file; no error.
        assertEquals(summary.errors, 0);
        assert(
          problems.some((p) => p.path === "big.bin" && p.severity === "warning"),
          `no warning for big.bin: ${JSON.stringify(problems)}`,
        );
        // Every stored file matches the manifest (sha256sum -c), and the files nobody touched
        // hold exactly their source bytes: nothing was linked to the wrong content.
        const known = await checkRoot(root, "src", new Map());
        const stored = known.get(summary.snapshot)!;
        for (const name of names.filter((n) => n !== "big.bin")) {
          assertEquals(stored.get(name)!.content, sourceBefore.get(name)!.content, name);
        }
        // What was stored for big.bin is one of the versions the file had (or a mix the
        // warning owns up to); the next run reads it again rather than trusting it.
        const again = await runBackup({ source: src, root, name: "src", smallFileBytes: MiB, jobs });
        assertEquals(again.errors, 0);
        const next = listTree(again.snapshotPath);
        const sourceNow = listTree(src);
        for (const [rel, e] of sourceNow) {
          if (e.kind === "file") assertEquals(next.get(rel)!.content, e.content, `next run: ${rel}`);
        }
        assertEquals(next.has("big.bin"), sourceNow.has("big.bin"));
        await checkRoot(root, "src", known);
      }, 2048 * MiB);
    },
  });
}
