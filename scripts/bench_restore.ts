/**
 * `deno task bench:restore`: `phlb restore` of a snapshot of many small files, against `cp -a` of
 * the same snapshot folder, as whole commands with a warm page cache. Runs are interleaved
 * (phlb, cp, cp, phlb, …) and the report gives each one's median and the median of the per-pair
 * ratios phlb / cp -a. With `--other PATH/main.ts` a second phlb (another checkout, e.g. the
 * commit before a change) is timed in the same rotation, so two versions compare on one machine
 * state.
 *
 * Options: --files N (default 20000), --seed N, --dir PATH (work folder; default .bench/restore in
 * the worktree; a tmpfs keeps the disk out of it), --runs N (rounds, default 5), --other PATH,
 * --keep (leave the work folder).
 *
 * Restore ends with a syncfs of the target (its files are on the disk when it says so); `cp -a`
 * does not, so on a disk the ratio includes the write-back. Each phlb run is checked: exit 0 and
 * every file restored.
 * @module
 */
import { runtimeFlags } from "./permissions.ts";
import {
  ContentPool,
  haveCommand,
  machineInfo,
  parseFlags,
  phlbArgv,
  phlbBackup,
  planTree,
  ratio,
  removeTree,
  secs,
  smallSizes,
  table,
  timedOk,
  writeTree,
} from "./bench_lib.ts";

const flags = parseFlags(Deno.args);
const FILES = Number(flags.get("files") ?? 20_000);
const SEED = Number(flags.get("seed") ?? 20261206);
const RUNS = Math.max(1, Number(flags.get("runs") ?? 5));
const OTHER = flags.get("other");
const KEEP = flags.has("keep");
const DIR = flags.get("dir") ?? new URL("../.bench/restore", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;

if (!haveCommand("cp")) throw new Error("cp is needed as the reference");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

removeTree(DIR);
Deno.mkdirSync(DIR, { recursive: true });
const src = `${DIR}/src`;
const tree = planTree({
  seed: SEED,
  files: FILES,
  filesPerDir: 25,
  duplicateFraction: 0,
  symlinks: 20,
  size: smallSizes,
});
writeTree(src, tree, new ContentPool(SEED));
const backup = await phlbBackup(src, `${DIR}/root`, "src");
const snapshot = backup.summary.snapshotPath;
console.log(machineInfo(DIR));
console.log(`tree: ${FILES} files in ${tree.dirs.length} folders; snapshot ${snapshot}`);

/** Wall and CPU (user + system, when GNU time is there) seconds of one run. */
type Took = { seconds: number; cpuSeconds?: number };
type Runner = { label: string; run: (target: string) => Promise<Took> };
const phlbRun = (label: string, argv: () => [string, string[]]): Runner => ({
  label,
  run: async (target) => {
    const [cmd, args] = argv();
    const r = await timedOk(cmd, [...args, "restore", snapshot, target, "--json"]);
    const files = JSON.parse(r.stdout).files;
    if (files !== FILES) throw new Error(`${label} restored ${files} files, not ${FILES}`);
    return r;
  },
});
const runners: Runner[] = [
  phlbRun("phlb restore", () => phlbArgv([])),
  { label: "cp -a", run: (target) => timedOk("cp", ["-a", snapshot, target]) },
];
if (OTHER) {
  runners.push(phlbRun(`phlb restore (${OTHER})`, () => [
    Deno.execPath(),
    ["run", "--quiet", "--config", CONFIG, ...runtimeFlags(), OTHER],
  ]));
}

const times = new Map<string, Took[]>(runners.map((r) => [r.label, []]));
let n = 0;
for (let round = 0; round < RUNS; round++) {
  // A-B-B-A: the order flips every round, so a drift in the machine's state hits both alike.
  const order = round % 2 === 0 ? runners : [...runners].reverse();
  for (const r of order) {
    const target = `${DIR}/out-${n++}`;
    times.get(r.label)!.push(await r.run(target));
    removeTree(target);
  }
}

const cp = times.get("cp -a")!;
const rows = runners.map((r) => {
  const t = times.get(r.label)!;
  const wall = median(t.map((x) => x.seconds));
  const wallRatio = median(t.map((x, i) => x.seconds / cp[i].seconds));
  const cpu = t.every((x) => x.cpuSeconds !== undefined) ? median(t.map((x) => x.cpuSeconds!)) : undefined;
  const cpuRatio = cpu === undefined ? undefined : median(t.map((x, i) => x.cpuSeconds! / cp[i].cpuSeconds!));
  return [r.label, secs(wall), ratio(wallRatio, 1), secs(cpu), ratio(cpuRatio, 1)];
});
console.log(table(["command", "wall", "wall / cp -a", "cpu", "cpu / cp -a"], rows));
if (!KEEP) removeTree(DIR);
