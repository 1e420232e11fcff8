/**
 * `deno run -A scripts/profile_first.ts`: where a first backup spends its time, phlb beside
 * `rsync -a` in the same state. Builds the seeded tree of `deno task bench` (20,000 files, 1 GiB),
 * then for each tool: removes its previous copy, drops the caches (as root), reads the source again
 * (warm, as the benchmark's headline) and runs one first backup under `perf record -g` and/or
 * `strace -c -f`. Prints the top kernel and user symbols, the time per thread name, and the
 * syscall table of each. Not a test and not a benchmark (the profilers slow both tools); the
 * ratios are `deno task bench`'s business.
 *
 * Options: --files N (20000), --mib N (1024), --seed N, --dir PATH (/var/tmp/phlb-profile; the
 * tree is kept there and reused when its marker matches), --what perf,strace (both), --top N (15),
 * --rounds N (1: runs each tool N times, alternating), --cold (drop the caches, do not read the
 * source), --phlb-args "…" (extra backup arguments, e.g. "--jobs 1"), --clean (remove the folder).
 * @module
 */
import {
  benchTreePlan,
  ContentPool,
  dropCaches,
  parseFlags,
  phlbArgv,
  readTree,
  removeTree,
  secs,
  writeTree,
} from "./bench_lib.ts";

const flags = parseFlags(Deno.args);
const FILES = Number(flags.get("files") ?? 20_000);
const MIB = Number(flags.get("mib") ?? 1024);
const SEED = Number(flags.get("seed") ?? 20261128);
const DIR = flags.get("dir") ?? "/var/tmp/phlb-profile";
const WHAT = (flags.get("what") ?? "perf,strace").split(",");
const TOP = Number(flags.get("top") ?? 15);
const ROUNDS = Math.max(1, Number(flags.get("rounds") ?? 1));
const COLD = flags.has("cold");
const PHLB_EXTRA = (flags.get("phlb-args") ?? "").split(" ").filter((s) => s !== "");

function log(msg: string): void {
  console.error(`[profile] ${new Date().toISOString().slice(11, 19)} ${msg}`);
}

function run(cmd: string, args: string[], quiet = true): { out: string; ok: boolean } {
  const r = new Deno.Command(cmd, { args, stdout: "piped", stderr: quiet ? "piped" : "inherit" })
    .outputSync();
  const out = new TextDecoder().decode(r.stdout);
  if (!r.success && quiet) console.error(new TextDecoder().decode(r.stderr).slice(0, 2000));
  return { out, ok: r.success };
}

const src = `${DIR}/src`;

/** Builds the tree once; a marker file says which shape is there. */
function ensureTree(): void {
  const marker = `${DIR}/tree-${FILES}-${MIB}-${SEED}`;
  try {
    Deno.statSync(marker);
    log(`reusing ${src}`);
    return;
  } catch { /* build it */ }
  removeTree(DIR);
  Deno.mkdirSync(DIR, { recursive: true });
  const tree = benchTreePlan(SEED, FILES, MIB * (1 << 20));
  const bytes = writeTree(src, tree, new ContentPool(SEED));
  Deno.writeTextFileSync(marker, `${bytes}\n`);
  log(`tree: ${tree.files.length} files, ${(bytes / (1 << 20)).toFixed(0)} MiB`);
}

interface Tool {
  name: "phlb" | "rsync";
  argv(): [string, string[]];
  clean(): void;
}

const TOOLS: Tool[] = [
  {
    name: "rsync",
    argv: () => ["rsync", ["-a", `${src}/`, `${DIR}/rsync/`]],
    clean: () => removeTree(`${DIR}/rsync`),
  },
  {
    name: "phlb",
    argv: () => phlbArgv(["backup", src, `${DIR}/root`, "--name", "p", "--json", ...PHLB_EXTRA]),
    clean: () => removeTree(`${DIR}/root`),
  },
];

function prepare(): void {
  const dropped = dropCaches();
  if (!COLD) readTree(src);
  else if (!dropped) log("--cold needs root: caches not dropped");
}

interface Sym {
  pct: number;
  kernel: boolean;
  name: string;
}

/** The flat profile of a perf.data: one line per symbol, [k] kernel, [.] user. */
function perfSymbols(data: string): Sym[] {
  const { out } = run("perf", [
    "report",
    "-i",
    data,
    "--no-children",
    "--sort",
    "sym",
    "--stdio",
    "-g",
    "none",
  ]);
  const syms: Sym[] = [];
  for (const line of out.split("\n")) {
    const m = /^\s+([\d.]+)%\s+\[([k.])\]\s+(.*\S)\s*$/.exec(line);
    if (m) syms.push({ pct: Number(m[1]), kernel: m[2] === "k", name: m[3] });
  }
  return syms;
}

/** Share of samples by `key` (comm: thread name; dso: binary), and the CPU seconds sampled. */
function perfShares(data: string, key: string): { lines: string[]; cpuSeconds: number } {
  const { out } = run("perf", [
    "report",
    "-i",
    data,
    "--no-children",
    "--sort",
    key,
    "--stdio",
    "-g",
    "none",
  ]);
  // cpu-clock counts nanoseconds.
  const count = /Event count \(approx\.\): (\d+)/.exec(out);
  return {
    lines: out.split("\n").filter((l) => /^\s+[\d.]+%/.test(l)).slice(0, 6).map((l) =>
      l.trim().replace(/\s+/g, " ")
    ),
    cpuSeconds: count ? Number(count[1]) / 1e9 : NaN,
  };
}

/** The run log's line that says how long the final flush (syncfs) took. */
function flushLine(): string {
  for (const e of Deno.readDirSync(`${DIR}/root/p`)) {
    if (!e.name.endsWith(".log")) continue;
    const line = Deno.readTextFileSync(`${DIR}/root/p/${e.name}`).split("\n").find((l) =>
      l.includes("written to disk")
    );
    if (line) return line.trim();
  }
  return "no flush line found";
}

/** Runs one tool under perf record -g; prints its profile. */
function profilePerf(tool: Tool, round: number): void {
  tool.clean();
  prepare();
  const data = `${DIR}/${tool.name}-${round}.perf.data`;
  const [cmd, args] = tool.argv();
  const started = performance.now();
  const r = run("perf", ["record", "-g", "-q", "-o", data, "--", cmd, ...args]);
  const wall = (performance.now() - started) / 1000;
  if (!r.ok) throw new Error(`${tool.name} under perf failed`);
  const syms = perfSymbols(data);
  const kernel = syms.filter((s) => s.kernel);
  const kTotal = kernel.reduce((a, s) => a + s.pct, 0);
  const comms = perfShares(data, "comm");
  console.log(
    `\n== ${tool.name}, round ${round}: perf record -g (${COLD ? "cold" : "warm"}), wall ${secs(wall)} s, ` +
      `CPU sampled ${secs(comms.cpuSeconds)} s, kernel ${kTotal.toFixed(1)}% of it; load ${
        Deno.loadavg()[0].toFixed(2)
      }`,
  );
  console.log(`threads: ${comms.lines.join("; ")}`);
  if (tool.name === "phlb") console.log(`phlb's log: ${flushLine()}`);
  console.log(`binaries: ${perfShares(data, "dso").lines.join("; ")}`);
  console.log(`top kernel symbols (% of all samples):`);
  for (const s of kernel.slice(0, TOP)) console.log(`  ${s.pct.toFixed(2).padStart(6)}%  ${s.name}`);
  console.log(`top user symbols:`);
  for (const s of syms.filter((s) => !s.kernel).slice(0, TOP)) {
    console.log(`  ${s.pct.toFixed(2).padStart(6)}%  ${s.name}`);
  }
}

/** Runs one tool under strace -c -f; prints the syscall table's top lines. */
function profileStrace(tool: Tool, round: number): void {
  tool.clean();
  prepare();
  const out = `${DIR}/${tool.name}-${round}.strace`;
  const [cmd, args] = tool.argv();
  const started = performance.now();
  const r = run("strace", ["-c", "-f", "-o", out, "--", cmd, ...args]);
  const wall = (performance.now() - started) / 1000;
  if (!r.ok) throw new Error(`${tool.name} under strace failed`);
  console.log(
    `\n== ${tool.name}, round ${round}: strace -c -f (${COLD ? "cold" : "warm"}), wall ${secs(wall)} s; ` +
      `load ${Deno.loadavg()[0].toFixed(2)}`,
  );
  const lines = Deno.readTextFileSync(out).split("\n");
  console.log(lines.slice(0, 2 + TOP).join("\n"));
  const total = lines.find((l) => /\btotal\b/.test(l));
  if (total) console.log(total);
}

ensureTree();
{
  const [cmd, args] = phlbArgv(["version"]);
  run(cmd, args);
}
for (let round = 1; round <= ROUNDS; round++) {
  // A-B-B-A: the order flips every round.
  const order = round % 2 === 1 ? TOOLS : [...TOOLS].reverse();
  for (const tool of order) {
    if (WHAT.includes("perf")) profilePerf(tool, round);
    if (WHAT.includes("strace")) profileStrace(tool, round);
  }
}
for (const tool of TOOLS) tool.clean();
if (flags.has("clean")) removeTree(DIR);
