/**
 * `deno task bench`: phlb against `rsync -a` (`--link-dest` after the first run) and `cp -a`
 * (`cp -al` of the first copy after it: the link farm alone, the floor for making a snapshot of
 * links) on the same generated tree, as users run them. Not a test: it prints times, ratios, CPU
 * times and peak RSS next to the targets.
 *
 * Two cache states, each a table of its own:
 * - warm (the headline): before every run the source is read again, so its pages, inodes and names
 *   are cached, as for a nightly backup of recently used data. As root the caches are dropped
 *   first (so what the previous run left, the destination's pages and freed inodes, is gone);
 * - cold: the caches are dropped before every run.
 *
 * Phases, in rounds: the first backup (into an empty folder, the previous round's removed), no
 * change, and after changing 1% of the files (a quarter each modified, added, moved, deleted; a
 * fresh change every round, so every tool sees the same work). In each round every tool runs once,
 * rsync, cp and phlb with each `--jobs` setting, in the opposite order to the round before
 * (A-B-B-A), and the headline ratio is the median over rounds of phlb's time divided by rsync's in
 * the same round (beside it the same against cp). Each phlb setting has its own root, so each sees
 * exactly what rsync sees.
 *
 * phlb runs as users run it: `deno run` with the permission flags of deno.json's `phlb` task, and
 * writes its snapshot to disk before it calls it complete; rsync leaves its data to the kernel, so
 * `sync` right after rsync's first backup is timed too.
 *
 * Options: --files N (20000), --mib N (total size, 1024), --pairs N (rounds, 5), --seed N,
 * --dir PATH (work folder; default .bench/ in the worktree), --modes warm,cold (both; cold needs
 * root), --jobs default,0,2 (phlb's settings: "default" runs without --jobs), --phases
 * first,nochange,change, --keep (leave the work folder), --json PATH, --bundle (run phlb from a
 * `deno bundle` of main.ts, the closest stand-in here for a compiled binary).
 * @module
 */
import { defaultWorkers } from "../src/fs/content_pool.ts";
import {
  benchTreePlan,
  ContentPool,
  dropCaches,
  HAVE_GNU_TIME,
  haveCommand,
  inodeReuseNote,
  machineInfo,
  median,
  mib,
  mixedSizes,
  parseFlags,
  phlbArgv,
  phlbBackup,
  phlbEntryLabel,
  ratio,
  readTree,
  removeTree,
  Rng,
  secs,
  table,
  type Timed,
  timedOk,
  type Tree,
  type TreeFile,
  usePhlbBundle,
  writeTree,
} from "./bench_lib.ts";

const flags = parseFlags(Deno.args);
const FILES = Number(flags.get("files") ?? 20_000);
const TOTAL_BYTES = Number(flags.get("mib") ?? 1024) * (1 << 20);
const PAIRS = Math.max(1, Number(flags.get("pairs") ?? 5));
const SEED = Number(flags.get("seed") ?? 20261128);
const KEEP = flags.has("keep");
const BUNDLE = flags.has("bundle");
const JSON_OUT = flags.get("json");
const WORK = flags.get("dir") ?? new URL(`../.bench/run-${Deno.pid}`, import.meta.url).pathname;
const MODES = (flags.get("modes") ?? "warm,cold").split(",") as ("warm" | "cold")[];
const PHASES = (flags.get("phases") ?? "first,nochange,change").split(",");
const DEFAULT_JOBS = defaultWorkers();
/** phlb's settings: "default" (no --jobs) and explicit counts; a count equal to the default is dropped. */
const JOBS = [
  ...new Set(
    (flags.get("jobs") ?? "default,0,2").split(",").map((j) =>
      j === "default" || Number(j) === DEFAULT_JOBS ? "default" : j
    ),
  ),
];

/** The issue's targets (phlb / rsync, and peak RSS on this 20k-file tree). */
const TARGETS = { first: 1.0, nochange: 0.45, change: 0.5, rssBytes: 100 * (1 << 20) };

function log(msg: string): void {
  console.error(`[bench] ${new Date().toISOString().slice(11, 19)} ${msg}`);
}

for (const tool of ["rsync", "sync", "cp"]) {
  if (!haveCommand(tool)) {
    console.error(
      `error: ${tool} is not installed; the benchmark compares against it.\n` +
        `  Debian/Ubuntu: apt-get update && apt-get install -y ${tool === "rsync" ? tool : "coreutils"}\n` +
        `  macOS: brew install ${tool === "rsync" ? tool : "coreutils"}`,
    );
    Deno.exit(1);
  }
}
if (!HAVE_GNU_TIME) {
  log("/usr/bin/time is missing (Debian: apt-get install -y time); peak RSS is polled, CPU time unknown");
}

const src = `${WORK}/src`;

/** One tool of a round: rsync, cp, or phlb with one --jobs setting. */
interface Tool {
  label: string;
  kind: "rsync" | "cp" | "phlb";
  /** phlb's --jobs value, or "default"; undefined for rsync and cp. */
  jobs?: string;
}
const RSYNC: Tool = { label: "rsync", kind: "rsync" };
const CP: Tool = { label: "cp -a, then cp -al", kind: "cp" };
const TOOLS: Tool[] = [
  RSYNC,
  CP,
  ...JOBS.map((j): Tool => ({
    label: j === "default" ? `phlb (default: --jobs ${DEFAULT_JOBS})` : `phlb --jobs ${j}`,
    kind: "phlb",
    jobs: j,
  })),
];
const HEADLINE = TOOLS[2];

type Phase = "first" | "nochange" | "change";
const PHASE_NAMES: Record<Phase, string> = {
  first: "first backup",
  nochange: "no change",
  change: "after 1% change",
};

/** Every run of one mode: phase → tool label → runs in round order. */
type Runs = Record<Phase, Record<string, Timed[]>>;

let canDrop = dropCaches();

/** Before every timed run: the caches as the mode says. */
function prepare(mode: "warm" | "cold"): void {
  if (canDrop) canDrop = dropCaches();
  else new Deno.Command("sync").outputSync();
  if (mode === "warm") readTree(src);
}

/** One run of a tool, printed as it ends. */
function show(t: Timed): string {
  const cpu = t.cpuSeconds === undefined ? "" : ` cpu ${secs(t.cpuSeconds)}`;
  return `${secs(t.seconds)} s${cpu} ${mib(t.peakRssBytes)}`;
}

function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`benchmark sanity check failed: ${what}`);
}

/** Applies round `r` of the 1% change to the source and the in-memory file list. */
function applyChange(tree: Tree, pool: ContentPool, r: number): { changed: number } {
  const rng = new Rng(SEED + 1000 * (r + 1));
  const quarter = Math.max(1, Math.round(tree.files.length * 0.01 / 4));
  const picked = new Set<number>();
  const pick = () => {
    for (;;) {
      const i = rng.int(0, tree.files.length);
      // Large files stay put, so every round does a comparable amount of work.
      if (!picked.has(i) && tree.files[i].sizeBytes <= 8 << 20) {
        picked.add(i);
        return i;
      }
    }
  };
  const dirs = tree.dirs;
  const mtimeBase = Date.UTC(2026, 1, 1) + r * 3_600_000;
  const taken = new Set(tree.files.map((f) => f.rel));
  const freshRel = (stem: string, ext: string) => {
    for (;;) {
      const d = rng.pick(dirs);
      const rel = d === "" ? stem + ext : `${d}/${stem}${ext}`;
      if (!taken.has(rel)) {
        taken.add(rel);
        return rel;
      }
    }
  };
  const ext = (rel: string) => {
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    const dot = base.indexOf(".");
    return dot < 0 ? "" : base.slice(dot);
  };
  // modify: new bytes (size within ±50%) and a new mtime
  for (let i = 0; i < quarter; i++) {
    const f = tree.files[pick()];
    f.sizeBytes = Math.max(1, Math.round(f.sizeBytes * (0.5 + rng.float())));
    f.tag = `m${r}-${i}`;
    f.mtimeMs = mtimeBase + i * 1000;
    pool.writeFile(`${src}/${f.rel}`, f.sizeBytes, f.tag, f.mtimeMs);
  }
  // move: to another folder under a new name; bytes and mtime unchanged
  for (let i = 0; i < quarter; i++) {
    const f = tree.files[pick()];
    const rel = freshRel(`moved-${r}-${i}`, ext(f.rel));
    Deno.renameSync(`${src}/${f.rel}`, `${src}/${rel}`);
    f.rel = rel;
  }
  // delete
  const doomed = [...Array(quarter)].map(() => pick()).sort((a, b) => b - a);
  for (const i of doomed) {
    Deno.removeSync(`${src}/${tree.files[i].rel}`);
    tree.files.splice(i, 1);
  }
  // add: new files in existing folders
  for (let i = 0; i < quarter; i++) {
    const { sizeBytes, ext } = mixedSizes(rng);
    const f: TreeFile = {
      rel: freshRel(`added-${r}-${i}`, ext),
      sizeBytes,
      mtimeMs: mtimeBase + 500_000 + i * 1000,
      tag: `a${r}-${i}`,
    };
    pool.writeFile(`${src}/${f.rel}`, f.sizeBytes, f.tag, f.mtimeMs);
    tree.files.push(f);
  }
  return { changed: 4 * quarter };
}

/** The jobs arguments of a phlb tool. */
function jobsArgs(tool: Tool): string[] {
  return tool.jobs === undefined || tool.jobs === "default" ? [] : ["--jobs", tool.jobs];
}

/** Runs every phase of one mode; returns the runs. */
async function runMode(mode: "warm" | "cold", tree: Tree, pool: ContentPool, changeRound: { n: number }) {
  const dir = `${WORK}/${mode}`;
  removeTree(dir);
  Deno.mkdirSync(dir, { recursive: true });
  const runs: Runs = { first: {}, nochange: {}, change: {} };
  for (const p of Object.keys(runs) as Phase[]) for (const t of TOOLS) runs[p][t.label] = [];
  const rootOf = (t: Tool) => `${dir}/phlb-jobs-${t.jobs}`;
  const rsyncFirst = `${dir}/rsync-first`;
  const cpFirst = `${dir}/cp-first`;
  /** rsync's first backup, timed with the `sync` that puts it on the disk as phlb's run does. */
  const rsyncThenSync: number[] = [];
  const ordered = (round: number) => (round % 2 === 0 ? TOOLS : [...TOOLS].reverse());

  // ---- 1. first backup (always run: the other phases start from it)
  const firstRounds = PHASES.includes("first") ? PAIRS : 1;
  for (let r = 0; r < firstRounds; r++) {
    for (const tool of ordered(r)) {
      if (tool.kind === "cp") {
        removeTree(cpFirst);
        prepare(mode);
        const t = await timedOk("cp", ["-a", src, cpFirst]);
        runs.first[tool.label].push(t);
        log(`${mode} first backup ${r + 1}/${firstRounds}: ${tool.label} ${show(t)}`);
      } else if (tool.kind === "rsync") {
        removeTree(rsyncFirst);
        prepare(mode);
        const t = await timedOk("rsync", ["-a", `${src}/`, `${rsyncFirst}/`]);
        rsyncThenSync.push(t.seconds + (await timedOk("sync", [])).seconds);
        runs.first[tool.label].push(t);
        log(`${mode} first backup ${r + 1}/${firstRounds}: ${tool.label} ${show(t)}`);
      } else {
        removeTree(rootOf(tool));
        prepare(mode);
        const p = await phlbBackup(src, rootOf(tool), "bench", jobsArgs(tool));
        check(p.summary.errors === 0 && p.summary.files === tree.files.length, "phlb first backup summary");
        runs.first[tool.label].push(p);
        log(`${mode} first backup ${r + 1}/${firstRounds}: ${tool.label} ${show(p)}`);
      }
    }
  }

  // ---- 2. no change
  if (PHASES.includes("nochange")) {
    for (let r = 0; r < PAIRS; r++) {
      for (const tool of ordered(r)) {
        prepare(mode);
        if (tool.kind === "cp") {
          const t = await timedOk("cp", ["-al", cpFirst, `${dir}/cp-n`]);
          runs.nochange[tool.label].push(t);
          removeTree(`${dir}/cp-n`);
          log(`${mode} no change ${r + 1}/${PAIRS}: ${tool.label} ${show(t)}`);
        } else if (tool.kind === "rsync") {
          const t = await timedOk("rsync", ["-a", `--link-dest=${rsyncFirst}`, `${src}/`, `${dir}/rsync-n/`]);
          runs.nochange[tool.label].push(t);
          removeTree(`${dir}/rsync-n`);
          log(`${mode} no change ${r + 1}/${PAIRS}: ${tool.label} ${show(t)}`);
        } else {
          const p = await phlbBackup(src, rootOf(tool), "bench", jobsArgs(tool));
          check(
            p.summary.errors === 0 && p.summary.unchangedLinked === tree.files.length &&
              p.summary.copied === 0,
            "phlb no-change backup linked every file unread",
          );
          runs.nochange[tool.label].push(p);
          log(`${mode} no change ${r + 1}/${PAIRS}: ${tool.label} ${show(p)}`);
        }
      }
    }
  }

  // ---- 3. after a 1% change: the same fresh change for every tool, each against its own previous
  if (PHASES.includes("change")) {
    let prevRsync = rsyncFirst;
    for (let r = 0; r < PAIRS; r++) {
      const { changed } = applyChange(tree, pool, changeRound.n++);
      for (const tool of ordered(r)) {
        prepare(mode);
        if (tool.kind === "cp") {
          // A link farm of the first copy: cp cannot pick up the change; the floor for the links.
          const t = await timedOk("cp", ["-al", cpFirst, `${dir}/cp-c`]);
          runs.change[tool.label].push(t);
          removeTree(`${dir}/cp-c`);
          log(`${mode} 1% change ${r + 1}/${PAIRS}: ${tool.label} ${show(t)}`);
        } else if (tool.kind === "rsync") {
          const next = `${dir}/rsync-c${r}`;
          const t = await timedOk("rsync", ["-a", `--link-dest=${prevRsync}`, `${src}/`, `${next}/`]);
          if (prevRsync !== rsyncFirst) removeTree(prevRsync);
          prevRsync = next;
          runs.change[tool.label].push(t);
          log(`${mode} 1% change ${r + 1}/${PAIRS} (${changed} files): ${tool.label} ${show(t)}`);
        } else {
          const p = await phlbBackup(src, rootOf(tool), "bench", jobsArgs(tool));
          const s = p.summary;
          check(
            s.errors === 0 && s.files === tree.files.length &&
              s.unchangedLinked >= tree.files.length - changed,
            "phlb after-change backup",
          );
          runs.change[tool.label].push(p);
          log(
            `${mode} 1% change ${r + 1}/${PAIRS}: ${tool.label} ${show(p)} ` +
              `(linked ${s.unchangedLinked} unread, ${s.dedupLinked} by content, copied ${s.copied})`,
          );
        }
      }
    }
  }
  if (!KEEP) removeTree(dir);
  return { runs, rsyncThenSync };
}

/** Per-round ratios of `tool` to `ref` (default rsync) in one phase. */
function pairRatios(runs: Runs, phase: Phase, tool: Tool, ref: Tool = RSYNC): number[] {
  const a = runs[phase][tool.label];
  const b = runs[phase][ref.label];
  return a.map((t, i) => t.seconds / b[i].seconds).filter((x) => Number.isFinite(x));
}

function fmtRatio(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? "—" : `${x.toFixed(2)}×`;
}

function report(mode: "warm" | "cold", runs: Runs, rsyncThenSync: number[]): Record<string, unknown> {
  const phases = (Object.keys(PHASE_NAMES) as Phase[]).filter((p) => runs[p].rsync.length > 0);
  const state = mode === "warm"
    ? `warm caches (the source read again before every run${canDrop ? ", after dropping the caches" : ""})`
    : "cold caches (dropped before every run)";
  console.log("");
  console.log(`${mode.toUpperCase()}: ${state}; ${PAIRS} rounds, A-B-B-A`);
  const rows = phases.map((p) => {
    const ratios = pairRatios(runs, p, HEADLINE);
    const m = median(ratios);
    const target = TARGETS[p];
    return [
      PHASE_NAMES[p],
      secs(median(runs[p].rsync.map((t) => t.seconds))),
      secs(median(runs[p][CP.label].map((t) => t.seconds))),
      secs(median(runs[p][HEADLINE.label].map((t) => t.seconds))),
      fmtRatio(m),
      `${fmtRatio(Math.min(...ratios))}–${fmtRatio(Math.max(...ratios))}`,
      `≤ ${target}×`,
      m <= target ? "ok" : "MISSED",
      fmtRatio(median(pairRatios(runs, p, HEADLINE, CP))),
    ];
  });
  console.log(table(
    [
      "phase",
      "rsync s",
      "cp s",
      `${HEADLINE.label} s`,
      "phlb/rsync (median of rounds)",
      "range",
      "target",
      "",
      "phlb/cp (median of rounds)",
    ],
    rows,
  ));
  if (runs.first.rsync.length > 0) {
    const durable = median(rsyncThenSync);
    const phlbFirst = median(runs.first[HEADLINE.label].map((t) => t.seconds));
    console.log(
      `first backup on the disk: rsync -a then sync ${secs(durable)} s (median); phlb (which writes ` +
        `its snapshot to disk before it commits) ${secs(phlbFirst)} s: ${ratio(phlbFirst, durable)}`,
    );
  }
  console.log("");
  console.log(table(
    [
      "phase",
      "tool",
      "wall s (median)",
      "CPU s (median)",
      "peak RSS (max)",
      "/rsync (median of rounds)",
      "/cp (median of rounds)",
      "all runs, s",
    ],
    phases.flatMap((p) =>
      TOOLS.map((t) => {
        const rs = runs[p][t.label];
        const cpu = rs.map((r) => r.cpuSeconds).filter((x): x is number => x !== undefined);
        const rss = rs.map((r) => r.peakRssBytes).filter((x): x is number => x !== undefined);
        return [
          PHASE_NAMES[p],
          t.label,
          secs(median(rs.map((r) => r.seconds))),
          cpu.length ? secs(median(cpu)) : "—",
          rss.length ? mib(Math.max(...rss)) : "—",
          t.kind === "phlb" ? fmtRatio(median(pairRatios(runs, p, t))) : "",
          t.kind === "phlb" ? fmtRatio(median(pairRatios(runs, p, t, CP))) : "",
          rs.map((r) => secs(r.seconds)).join(" "),
        ];
      })
    ),
  ));
  const peak = Math.max(
    0,
    ...phases.flatMap((p) => runs[p][HEADLINE.label].map((r) => r.peakRssBytes ?? 0)),
  );
  console.log(
    `peak RSS of ${HEADLINE.label}: ${mib(peak)} (target ≤ ${mib(TARGETS.rssBytes)}: ` +
      `${peak <= TARGETS.rssBytes ? "ok" : "MISSED"})`,
  );
  const summarize = (rs: Timed[]) =>
    rs.map((r) => ({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakRssBytes: r.peakRssBytes }));
  return {
    state,
    rsyncThenSyncSeconds: rsyncThenSync,
    phases: Object.fromEntries(
      phases.map((p) => [p, Object.fromEntries(TOOLS.map((t) => [t.label, summarize(runs[p][t.label])]))]),
    ),
    headlineRatios: Object.fromEntries(phases.map((p) => [p, median(pairRatios(runs, p, HEADLINE))])),
    headlineRatiosToCp: Object.fromEntries(
      phases.map((p) => [p, median(pairRatios(runs, p, HEADLINE, CP))]),
    ),
    peakRssBytes: peak,
  };
}

async function main(): Promise<void> {
  removeTree(WORK);
  Deno.mkdirSync(WORK, { recursive: true });
  log(`work folder ${WORK}`);
  if (BUNDLE) log(`phlb runs from ${usePhlbBundle(WORK)}`);
  const note = inodeReuseNote(WORK);
  if (note) log(`note: ${note}${canDrop ? " (dropping the caches before each run avoids it)" : ""}`);
  if (MODES.includes("cold") && !canDrop) log("cold mode needs root (drop_caches): skipped");
  const modes = MODES.filter((m) => m === "warm" || canDrop);

  const planStart = performance.now();
  const tree = benchTreePlan(SEED, FILES, TOTAL_BYTES);
  const pool = new ContentPool(SEED);
  const totalBytes = writeTree(src, tree, pool);
  log(
    `tree: ${tree.files.length} files, ${tree.dirs.length} folders, ${tree.symlinks.length} symlinks, ` +
      `${mib(totalBytes)}, 10% duplicates; written in ${secs((performance.now() - planStart) / 1000)} s`,
  );
  log(`phlb settings: ${TOOLS.slice(2).map((t) => t.label).join(", ")}; ${PAIRS} rounds per phase`);
  {
    // Deno's module cache warm, so no timed run pays for transpiling.
    const [cmd, args] = phlbArgv(["version"]);
    await timedOk(cmd, args);
  }

  const results: Record<string, unknown> = {};
  const changeRound = { n: 0 };
  const reports: (() => void)[] = [];
  for (const mode of modes) {
    const started = performance.now();
    const { runs, rsyncThenSync } = await runMode(mode, tree, pool, changeRound);
    log(`${mode} mode took ${secs((performance.now() - started) / 1000)} s`);
    reports.push(() => results[mode] = report(mode, runs, rsyncThenSync));
  }
  console.log("");
  console.log(`phlb benchmark: ${tree.files.length} files, ${mib(totalBytes)}, seed ${SEED}`);
  console.log(`machine: ${machineInfo(WORK)}${note ? `; ${note}` : ""}`);
  console.log(
    `phlb ran as: ${phlbEntryLabel()}, with the phlb task's flags; default --jobs here: ${DEFAULT_JOBS}`,
  );
  console.log(`load average at the end: ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  for (const r of reports) r();
  console.log("");
  console.log(
    "Ratios are phlb's time over rsync's (or cp's) in the same round; the headline is their median. " +
      "phlb writes its snapshot to disk before it calls it complete, rsync and cp leave that to the " +
      "kernel. After the first backup cp makes a link farm of its first copy (cp -al), whatever changed.",
  );
  if (JSON_OUT) {
    Deno.writeTextFileSync(
      JSON_OUT,
      JSON.stringify(
        {
          files: tree.files.length,
          totalBytes,
          seed: SEED,
          pairs: PAIRS,
          defaultJobs: DEFAULT_JOBS,
          machine: machineInfo(WORK),
          phlbRanAs: phlbEntryLabel(),
          loadAverage: Deno.loadavg(),
          ...results,
        },
        null,
        2,
      ) + "\n",
    );
  }
}

try {
  await main();
} finally {
  if (!KEEP) removeTree(WORK);
  else log(`kept ${WORK}`);
}
