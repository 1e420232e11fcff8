/**
 * `deno task bench`: phlb against `rsync -a --link-dest` and `cp -al` on the same generated tree,
 * in the same run. Not a test: it prints times, ratios and phlb's peak RSS next to the targets.
 *
 * Phases, each timed for every tool:
 * 1. first backup: `rsync -a` into an empty folder, `cp -a` (a second reference), `phlb backup`;
 *    `sync` right after rsync is timed too, since phlb writes its snapshot to disk before it commits;
 * 2. no change: `rsync -a --link-dest=PREV`, `cp -al PREV NEW`, `phlb backup`;
 * 3. after changing 1% of the files (a quarter each modified, added, moved, deleted): the same three.
 *    Every round applies a fresh 1% change, so each tool sees exactly the same work.
 *
 * phlb runs as users run it: `deno run` with the permission flags of deno.json's `phlb` task.
 * Caches are dropped before every timed command when the kernel allows it (root); otherwise every
 * tool runs with warm caches alike, and the report says which.
 *
 * Options: --files N (default 20000), --mib N (total size, default 1024), --repeat N (default 3),
 * --seed N, --dir PATH (work folder; default .bench/ in the worktree), --warm (never drop caches),
 * --keep (leave the work folder), --json PATH (write the results as JSON), --bundle (run phlb from a
 * `deno bundle` of main.ts, the closest stand-in here for a compiled binary).
 * @module
 */
import {
  ContentPool,
  dropCaches,
  HAVE_GNU_TIME,
  haveCommand,
  machineInfo,
  mib,
  mixedSizes,
  parseFlags,
  phlbArgv,
  phlbBackup,
  phlbEntryLabel,
  planTree,
  ratio,
  removeTree,
  Rng,
  secs,
  sizeOnDisk,
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
const REPEAT = Number(flags.get("repeat") ?? 3);
const SEED = Number(flags.get("seed") ?? 20261128);
const WARM = flags.has("warm");
const KEEP = flags.has("keep");
const BUNDLE = flags.has("bundle");
const JSON_OUT = flags.get("json");
const WORK = flags.get("dir") ??
  new URL(`../.bench/run-${Deno.pid}`, import.meta.url).pathname;

const TARGETS = { first: 1.0, noChange: 0.5, change: 0.6, rssBytes: 80_000_000 }; // the 80 MB (76.3 MiB)

function log(msg: string): void {
  console.error(`[bench] ${msg}`);
}

for (const tool of ["rsync", "cp"]) {
  if (!haveCommand(tool)) {
    console.error(
      `error: ${tool} is not installed; the benchmark compares against it.\n` +
        `  Debian/Ubuntu: apt-get update && apt-get install -y ${tool === "cp" ? "coreutils" : tool}\n` +
        `  macOS: brew install ${tool === "cp" ? "coreutils" : tool}`,
    );
    Deno.exit(1);
  }
}
if (!HAVE_GNU_TIME) {
  log("/usr/bin/time is missing (Debian: apt-get install -y time); peak RSS is polled from /proc instead");
}

const src = `${WORK}/src`;
const rsDir = `${WORK}/rsync`;
const cpDir = `${WORK}/cp`;
const root = `${WORK}/phlb`;

/** Before each timed command: same starting state for every tool. */
let cold = !WARM;
function prepare(): void {
  if (cold) cold = dropCaches();
  else new Deno.Command("sync").outputSync();
}

/** Best (lowest) time of several runs, and the highest peak RSS among them. */
interface Best {
  seconds: number;
  /** CPU seconds (user + sys) of the fastest run. */
  cpuSeconds?: number;
  all: number[];
  peakRssBytes?: number;
}
function best(runs: Timed[]): Best {
  const all = runs.map((r) => r.seconds);
  const rss = runs.map((r) => r.peakRssBytes).filter((x): x is number => x !== undefined);
  const fastest = runs[all.indexOf(Math.min(...all))];
  return {
    seconds: fastest.seconds,
    cpuSeconds: fastest.cpuSeconds,
    all,
    peakRssBytes: rss.length ? Math.max(...rss) : undefined,
  };
}

/** One run for the progress log: wall time, CPU time and peak RSS. */
function run(t: Timed): string {
  const cpu = t.cpuSeconds === undefined ? "" : ` (cpu ${secs(t.cpuSeconds)})`;
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

async function main(): Promise<void> {
  removeTree(WORK);
  Deno.mkdirSync(WORK, { recursive: true });
  log(`work folder ${WORK}`);
  if (BUNDLE) log(`phlb runs from ${usePhlbBundle(WORK)}`);

  const planStart = performance.now();
  const tree = planTree({
    seed: SEED,
    files: FILES,
    filesPerDir: 20,
    duplicateFraction: 0.1,
    symlinks: Math.round(FILES / 400),
    size: mixedSizes,
    huge: { count: 4, totalBytes: TOTAL_BYTES },
  });
  const pool = new ContentPool(SEED);
  const totalBytes = writeTree(src, tree, pool);
  const largest = Math.max(...tree.files.map((f) => f.sizeBytes));
  const small = tree.files.filter((f) => f.sizeBytes <= 32 << 10).length;
  const mbSized = tree.files.filter((f) => f.sizeBytes >= 1 << 20).length;
  log(
    `tree: ${tree.files.length} files (${small} ≤ 32 KiB, ${mbSized} ≥ 1 MiB, largest ${mib(largest)}), ` +
      `${tree.dirs.length} folders, ${tree.symlinks.length} symlinks, ${mib(totalBytes)}, ` +
      `10% duplicates; written in ${secs((performance.now() - planStart) / 1000)} s`,
  );

  // Warm deno's module cache so the first timed phlb run does not pay for transpiling.
  {
    const [cmd, args] = phlbArgv(["version"]);
    await timedOk(cmd, args);
  }
  cold = !WARM && dropCaches();
  log(
    cold ? "dropping caches before every timed command" : "warm caches for every tool (drop_caches not used)",
  );

  // ---- 1. first backup
  const first = { rsync: [] as Timed[], cp: [] as Timed[], phlb: [] as Timed[] };
  // rsync leaves its data to the kernel's writeback; phlb writes the snapshot to disk before it
  // calls it complete (FORMAT.md, "Completeness"). `sync` right after rsync is that same work.
  const rsyncThenSync: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    removeTree(rsDir);
    Deno.mkdirSync(rsDir);
    prepare();
    first.rsync.push(await timedOk("rsync", ["-a", `${src}/`, `${rsDir}/s0/`]));
    rsyncThenSync.push(first.rsync[r].seconds + (await timedOk("sync", [])).seconds);
    removeTree(cpDir);
    Deno.mkdirSync(cpDir);
    prepare();
    first.cp.push(await timedOk("cp", ["-a", src, `${cpDir}/s0`]));
    removeTree(root);
    prepare();
    const p = await phlbBackup(src, root, "bench");
    check(p.summary.errors === 0 && p.summary.files === tree.files.length, "phlb first backup summary");
    first.phlb.push(p);
    log(
      `first backup ${r + 1}/${REPEAT}: rsync ${run(first.rsync[r])} (then sync: ` +
        `${secs(rsyncThenSync[r])} s), cp -a ${run(first.cp[r])}, phlb ${run(p)}`,
    );
  }

  // ---- 2. no change
  const still = { rsync: [] as Timed[], cp: [] as Timed[], phlb: [] as Timed[] };
  for (let r = 0; r < REPEAT; r++) {
    prepare();
    still.rsync.push(await timedOk("rsync", ["-a", `--link-dest=${rsDir}/s0`, `${src}/`, `${rsDir}/n/`]));
    removeTree(`${rsDir}/n`);
    prepare();
    still.cp.push(await timedOk("cp", ["-al", `${cpDir}/s0`, `${cpDir}/n`]));
    removeTree(`${cpDir}/n`);
    prepare();
    const p = await phlbBackup(src, root, "bench");
    check(
      p.summary.errors === 0 && p.summary.unchangedLinked === tree.files.length && p.summary.copied === 0,
      "phlb no-change backup linked every file unread",
    );
    still.phlb.push(p);
    log(
      `no change ${r + 1}/${REPEAT}: rsync ${run(still.rsync[r])}, cp -al ` +
        `${run(still.cp[r])}, phlb ${run(p)}`,
    );
  }

  // ---- 3. after a 1% change
  const change = { rsync: [] as Timed[], cp: [] as Timed[], phlb: [] as Timed[] };
  let prevRs = `${rsDir}/s0`;
  for (let r = 0; r < REPEAT; r++) {
    const { changed } = applyChange(tree, pool, r);
    prepare();
    const next = `${rsDir}/c${r}`;
    change.rsync.push(await timedOk("rsync", ["-a", `--link-dest=${prevRs}`, `${src}/`, `${next}/`]));
    removeTree(prevRs);
    prevRs = next;
    prepare();
    change.cp.push(await timedOk("cp", ["-al", `${cpDir}/s0`, `${cpDir}/n`]));
    removeTree(`${cpDir}/n`);
    prepare();
    const p = await phlbBackup(src, root, "bench");
    const s = p.summary;
    check(
      s.errors === 0 && s.files === tree.files.length && s.unchangedLinked >= tree.files.length - changed,
      "phlb after-change backup",
    );
    change.phlb.push(p);
    log(
      `1% change ${r + 1}/${REPEAT} (${changed} files): rsync ${run(change.rsync[r])}, ` +
        `cp -al ${run(change.cp[r])}, phlb ${run(p)} ` +
        `(linked ${s.unchangedLinked} unread, ${s.dedupLinked} by content, copied ${s.copied})`,
    );
  }

  const indexBytes = ["", "-wal", "-shm"].reduce(
    (sum, ext) => sum + (sizeOnDisk(`${root}/.phlb/index.sqlite${ext}`) ?? 0),
    0,
  );
  const snapshotsMade = 2 * REPEAT + 1;

  // ---- report
  const f = { rsync: best(first.rsync), cp: best(first.cp), phlb: best(first.phlb) };
  const n = { rsync: best(still.rsync), cp: best(still.cp), phlb: best(still.phlb) };
  const c = { rsync: best(change.rsync), cp: best(change.cp), phlb: best(change.phlb) };
  const phases: [string, typeof f, number, string][] = [
    ["first backup", f, TARGETS.first, " (cp -a)"],
    ["no change", n, TARGETS.noChange, ""],
    ["after 1% change", c, TARGETS.change, ""],
  ];
  const peak = Math.max(f.phlb.peakRssBytes ?? 0, n.phlb.peakRssBytes ?? 0, c.phlb.peakRssBytes ?? 0);
  console.log("");
  console.log(
    `phlb benchmark: ${FILES} files, ${mib(totalBytes)}, seed ${SEED}, best of ${REPEAT}, ` +
      (cold ? "caches dropped before every command" : "warm caches (caches not dropped)"),
  );
  console.log(`machine: ${machineInfo(WORK)}`);
  console.log(`phlb ran as: ${phlbEntryLabel()}, with the phlb task's flags`);
  console.log(`load average at the end: ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  console.log("");
  console.log(table(
    ["wall time", "rsync s", "cp -al s", "phlb s", "phlb/rsync", "phlb/cp", "target", "", "phlb peak RSS"],
    phases.map(([label, p, target, cpNote]) => [
      label,
      secs(p.rsync.seconds),
      secs(p.cp.seconds) + cpNote,
      secs(p.phlb.seconds),
      ratio(p.phlb.seconds, p.rsync.seconds),
      ratio(p.phlb.seconds, p.cp.seconds),
      `≤ ${target}×`,
      p.phlb.seconds / p.rsync.seconds <= target ? "ok" : "MISSED",
      mib(p.phlb.peakRssBytes),
    ]),
  ));
  if (f.phlb.cpuSeconds !== undefined) {
    console.log("");
    console.log(table(
      ["CPU time (user+sys)", "rsync s", "cp -al s", "phlb s", "phlb/rsync", "phlb/cp"],
      phases.map(([label, p, _t, cpNote]) => [
        label,
        secs(p.rsync.cpuSeconds),
        secs(p.cp.cpuSeconds) + cpNote,
        secs(p.phlb.cpuSeconds),
        ratio(p.phlb.cpuSeconds, p.rsync.cpuSeconds),
        ratio(p.phlb.cpuSeconds, p.cp.cpuSeconds),
      ]),
    ));
  }
  console.log("");
  console.log(
    `peak RSS of phlb over all runs: ${mib(peak)} (target ≤ 80 MB = ${mib(TARGETS.rssBytes)}: ` +
      `${peak <= TARGETS.rssBytes ? "ok" : "MISSED"}); rsync ${mib(f.rsync.peakRssBytes)} ` +
      `(its largest process)`,
  );
  console.log(`index size after ${snapshotsMade} snapshots: ${mib(indexBytes)}`);
  const durable = Math.min(...rsyncThenSync);
  console.log(
    `first backup on the disk: rsync -a then sync ${secs(durable)} s; phlb (which flushes before it ` +
      `commits) ${secs(f.phlb.seconds)} s: ${ratio(f.phlb.seconds, durable)}`,
  );
  const all = (b: Best) => b.all.map(secs).join("/");
  for (const [label, p] of phases) {
    console.log(`all runs, ${label} (s): rsync ${all(p.rsync)}, cp ${all(p.cp)}, phlb ${all(p.phlb)}`);
  }
  console.log(
    "cp -al copies the previous snapshot's link farm without looking at the source: a lower bound, " +
      "not a backup tool.",
  );
  if (JSON_OUT) {
    Deno.writeTextFileSync(
      JSON_OUT,
      JSON.stringify(
        {
          files: FILES,
          totalBytes,
          seed: SEED,
          repeat: REPEAT,
          cold,
          machine: machineInfo(WORK),
          phlbRanAs: phlbEntryLabel(),
          first: f,
          firstRsyncThenSyncSeconds: durable,
          noChange: n,
          change: c,
          peakRssBytes: peak,
          indexBytes,
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
