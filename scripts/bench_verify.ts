/**
 * Benchmark: a full `phlb verify` against `sha256sum -c` on the same snapshot, as whole commands
 * (Deno's start-up included), with warm caches (the snapshot read just before) and with cold ones
 * (dropped before every run; needs root). Rounds run every command once, in the opposite order to
 * the round before (A-B-B-A); the figure is the median over rounds of sha256sum's time divided by
 * phlb's in the same round: how many times faster phlb is (target: at least 3.5). Also shows
 * `--jobs 0` (hashing on the main thread), `--fast`, and that a second snapshot linking the same
 * inodes costs no extra reading.
 *
 *     deno task bench:verify [--files 2000] [--mb 300] [--runs 5] [--modes warm,cold] [--keep]
 *
 * Needs coreutils' sha256sum.
 * @module
 */
import { parseArgs } from "node:util";
import { runBackup } from "../src/backup/engine.ts";
import { defaultWorkers } from "../src/fs/content_pool.ts";
import { dropCaches, median, readTree } from "./bench_lib.ts";
import { runtimeFlags } from "./permissions.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    files: { type: "string", default: "2000" },
    mb: { type: "string", default: "300" },
    runs: { type: "string", default: "5" },
    modes: { type: "string", default: "warm,cold" },
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
  await phlb(["version"]); // Deno's module cache warm
  const jobs = defaultWorkers({ mainThreadBusy: false });
  const cases: [string, () => Promise<Timing>][] = [
    ["sha256sum -c", () => timed(["sha256sum", "--quiet", "-c", `../${id}.sha256`], first.snapshotPath)],
    [`phlb verify SNAPSHOT (default: --jobs ${jobs})`, () => phlb(["verify", "-q", first.snapshotPath])],
    ["phlb verify --jobs 0 SNAPSHOT", () => phlb(["verify", "-q", "--jobs", "0", first.snapshotPath])],
    ["phlb verify --fast SNAPSHOT", () => phlb(["verify", "-q", "--fast", first.snapshotPath])],
    ["phlb verify --all (2 snapshots, same inodes)", () => phlb(["verify", "-q", "--all", "--root", root])],
    ["phlb version (Deno start-up alone)", () => phlb(["version"])],
  ];
  let canDrop = dropCaches();
  const modes = values.modes.split(",").filter((m) => m === "warm" || (m === "cold" && canDrop));
  if (values.modes.includes("cold") && !canDrop) console.log("cold caches need root (drop_caches): skipped");
  console.log(`load average at the start: ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  for (const mode of modes) {
    const runs = new Map<string, Timing[]>(cases.map(([label]) => [label, []]));
    for (let r = 0; r < RUNS; r++) {
      for (const [label, fn] of r % 2 === 0 ? cases : [...cases].reverse()) {
        if (canDrop) canDrop = dropCaches();
        if (mode === "warm") readTree(first.snapshotPath);
        runs.get(label)!.push(await fn());
      }
    }
    const sha = runs.get("sha256sum -c")!;
    const full = runs.get(cases[1][0])!;
    const serial = runs.get(cases[2][0])!;
    const faster = (t: Timing[]) => median(t.map((x, i) => sha[i].wallMs / x.wallMs));
    // On a shared machine the wall ratio swings with the load; the CPU ratio is steadier.
    const fasterCpu = (t: Timing[]) => median(t.map((x, i) => sha[i].cpuMs / x.cpuMs));
    console.log("");
    console.log(
      mode === "warm"
        ? `WARM: the snapshot read just before every run${canDrop ? " (after dropping the caches)" : ""}`
        : "COLD: caches dropped before every run",
    );
    console.log(`  ${"".padEnd(48)} ${"wall".padStart(8)} ${"cpu".padStart(8)}   (medians of ${RUNS})`);
    for (const [label, t] of runs) {
      const wall = median(t.map((x) => x.wallMs));
      const cpu = median(t.map((x) => x.cpuMs));
      console.log(`  ${label.padEnd(48)} ${wall.toFixed(0).padStart(5)} ms ${cpu.toFixed(0).padStart(5)} ms`);
    }
    const mbps = (t: Timing[]) => (bytes / 1e6 / (median(t.map((x) => x.wallMs)) / 1000)).toFixed(0);
    const f = faster(full);
    console.log(
      `  phlb verify is ${f.toFixed(2)}× as fast as sha256sum -c (median of rounds; target >= 3.5: ${
        f >= 3.5 ? "ok" : "MISSED"
      })`,
    );
    console.log(`  with --jobs 0 (hashing on the main thread): ${faster(serial).toFixed(2)}×`);
    console.log(
      `  CPU time, sha256sum / phlb (median of rounds): ${fasterCpu(full).toFixed(2)}× (--jobs 0: ${
        fasterCpu(serial).toFixed(2)
      }×)`,
    );
    console.log(`  throughput phlb / sha256sum (wall):      ${mbps(full)} / ${mbps(sha)} MB/s`);
    const both = runs.get("phlb verify --all (2 snapshots, same inodes)")!;
    console.log(
      `  2 linked snapshots / 1 snapshot (wall):  ${
        (median(both.map((x) => x.wallMs)) / median(full.map((x) => x.wallMs))).toFixed(2)
      }  (each inode read once)`,
    );
  }
  console.log(`\nload average at the end: ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else await Deno.remove(work, { recursive: true });
}
