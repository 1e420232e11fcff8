/**
 * Benchmark: `phlb verify` against `sha256sum -c` on the same snapshot, as whole commands (Deno's
 * start-up included), with a warm page cache for both. Also shows that a second snapshot linking
 * the same inodes costs no extra reading.
 *
 *     deno task bench:verify [--files 2000] [--mb 300] [--runs 5] [--keep]
 *
 * Prints the best-of-runs times and the ratio phlb / sha256sum (lower is better; the goal is
 * at most 0.5). Needs coreutils' sha256sum.
 * @module
 */
import { parseArgs } from "node:util";
import { runBackup } from "../src/backup/engine.ts";
import { runtimeFlags } from "./permissions.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    files: { type: "string", default: "2000" },
    mb: { type: "string", default: "300" },
    runs: { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
  },
});
const FILES = Number(values.files);
const TOTAL_BYTES = Number(values.mb) * 1e6;
const RUNS = Number(values.runs);

const MAIN = new URL("../main.ts", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;

/** A small deterministic generator, so every run builds the same tree. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Builds FILES files of TOTAL_BYTES in all: many small ones and a few large ones, as in a home folder. */
function buildTree(dir: string): number {
  const rand = rng(42);
  const weights = Array.from({ length: FILES }, () => {
    const r = rand();
    return r < 0.9 ? 1 + rand() * 8 : 40 + rand() * 200;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const block = new Uint8Array(1 << 20);
  for (let i = 0; i < block.length; i += 65536) crypto.getRandomValues(block.subarray(i, i + 65536));
  let total = 0;
  for (let i = 0; i < FILES; i++) {
    const size = Math.max(1, Math.round(weights[i] / sum * TOTAL_BYTES));
    const path = `${dir}/d${i % 40}/sub${i % 7}/file${i}.bin`;
    Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    const f = Deno.openSync(path, { write: true, create: true, truncate: true });
    let left = size;
    let n = 0;
    while (left > 0) {
      const chunk = block.subarray(0, Math.min(left, block.length));
      // Distinct content per file and chunk.
      new DataView(chunk.buffer).setUint32(0, i * 1000 + n++);
      f.writeSync(chunk);
      left -= chunk.length;
    }
    f.close();
    total += size;
  }
  return total;
}

/** Wall and CPU (user + system) time of one command. */
interface Timing {
  wallMs: number;
  cpuMs: number;
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs a command through bash, whose `times` builtin reports the children's CPU time: on a busy
 * machine CPU time is steadier than wall time.
 */
async function timed(argv: string[], cwd?: string): Promise<Timing> {
  const script = `${argv.map(shellQuote).join(" ")} >/dev/null; rc=$?; times; exit $rc`;
  const t0 = performance.now();
  const r = await new Deno.Command("bash", { args: ["-c", script], cwd, stdout: "piped", stderr: "piped" })
    .output();
  const wallMs = performance.now() - t0;
  const text = new TextDecoder().decode(r.stdout);
  if (r.code !== 0) {
    throw new Error(`${argv.join(" ")} failed (${r.code}): ${new TextDecoder().decode(r.stderr)}`);
  }
  // Second line: the children's "XmY.YYYs XmY.YYYs" (user, system).
  const children = text.trim().split("\n").pop()!;
  const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000,
    0,
  );
  return { wallMs, cpuMs };
}

/** Runs each case once to warm up, then RUNS times interleaved; keeps each case's minimum. */
async function compare(cases: Record<string, () => Promise<Timing>>): Promise<Record<string, Timing>> {
  const bestOf: Record<string, Timing> = {};
  for (const fn of Object.values(cases)) await fn();
  for (let i = 0; i < RUNS; i++) {
    for (const [label, fn] of Object.entries(cases)) {
      const t = await fn();
      const b = bestOf[label] ??= { wallMs: Infinity, cpuMs: Infinity };
      b.wallMs = Math.min(b.wallMs, t.wallMs);
      b.cpuMs = Math.min(b.cpuMs, t.cpuMs);
    }
  }
  console.log(`  ${"".padEnd(46)} ${"wall".padStart(8)} ${"cpu".padStart(8)}`);
  for (const [label, t] of Object.entries(bestOf)) {
    console.log(
      `  ${label.padEnd(46)} ${t.wallMs.toFixed(0).padStart(5)} ms ${t.cpuMs.toFixed(0).padStart(5)} ms`,
    );
  }
  return bestOf;
}

const work = await Deno.makeTempDir({ prefix: "phlb-bench-verify-" });
try {
  const src = `${work}/src`;
  const root = `${work}/root`;
  console.log(`Building ${FILES} files, ${(TOTAL_BYTES / 1e6).toFixed(0)} MB in ${src} …`);
  const bytes = buildTree(src);
  const first = await runBackup({ source: src, root, name: "src" });
  const id = first.snapshot;
  const phlb = (args: string[]) =>
    timed([Deno.execPath(), "run", "--quiet", "--config", CONFIG, ...runtimeFlags(), MAIN, ...args]);
  console.log(`Snapshot ${first.snapshotPath}: ${first.files} files, ${(bytes / 1e6).toFixed(0)} MB`);
  // A second snapshot of the unchanged source: every file a link to the first one's.
  await runBackup({ source: src, root, name: "src" });

  const t = await compare({
    "sha256sum -c": () => timed(["sha256sum", "--quiet", "-c", `../${id}.sha256`], first.snapshotPath),
    "phlb verify SNAPSHOT": () => phlb(["verify", "-q", first.snapshotPath]),
    "phlb verify --fast SNAPSHOT": () => phlb(["verify", "-q", "--fast", first.snapshotPath]),
    "phlb verify --all (2 snapshots, same inodes)": () => phlb(["verify", "-q", "--all", "--root", root]),
    "phlb version (Deno start-up alone)": () => phlb(["version"]),
  });
  const sha = t["sha256sum -c"];
  const full = t["phlb verify SNAPSHOT"];
  const startup = t["phlb version (Deno start-up alone)"];
  const both = t["phlb verify --all (2 snapshots, same inodes)"];
  const mbps = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0);
  console.log("");
  console.log(
    `ratio phlb verify / sha256sum -c, wall:  ${(full.wallMs / sha.wallMs).toFixed(2)}  (goal: <= 0.50)`,
  );
  console.log(`ratio phlb verify / sha256sum -c, cpu:   ${(full.cpuMs / sha.cpuMs).toFixed(2)}`);
  console.log(
    `same, without Deno start-up (wall):      ${((full.wallMs - startup.wallMs) / sha.wallMs).toFixed(2)}`,
  );
  console.log(`throughput phlb / sha256sum (wall):      ${mbps(full.wallMs)} / ${mbps(sha.wallMs)} MB/s`);
  console.log(
    `2 linked snapshots / 1 snapshot (wall):  ${
      (both.wallMs / full.wallMs).toFixed(2)
    }  (each inode read once)`,
  );
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else await Deno.remove(work, { recursive: true });
}
