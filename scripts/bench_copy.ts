/**
 * `deno task bench:copy`: `phlb copy` of a backup root against `rsync -aH` of the same root, for
 * peak memory above all: rsync -aH keeps every inode with more than one link in memory, and a
 * hardlink root is nothing but such inodes. Not a test, and not run in CI (a few minutes here).
 *
 * Builds a seeded tree of small files (default 100,000), backs it up `--snapshots` times (default
 * 5) with about 1% of the files changed and a few added between runs, then copies the root to a
 * fresh folder with each tool, in A-B-B-A order (`--pairs N`, default 1 pair: A-B; 2: A-B-B-A),
 * and prints peak RSS, wall and CPU time, and their ratios; medians of the per-pair ratios with
 * several pairs. Caches are warm (the root was just written, and every run reads it once first).
 *
 * Options: --files N, --snapshots N, --pairs N, --seed N, --dir PATH (default .bench/ in the
 * worktree), --keep.
 * @module
 */
import {
  ContentPool,
  haveCommand,
  machineInfo,
  mib,
  parseFlags,
  phlbArgv,
  phlbBackup,
  planTree,
  ratio,
  removeTree,
  Rng,
  secs,
  smallSizes,
  table,
  type Timed,
  timedOk,
  writeTree,
} from "./bench_lib.ts";

const flags = parseFlags(Deno.args);
const FILES = Number(flags.get("files") ?? 100_000);
const SNAPSHOTS = Number(flags.get("snapshots") ?? 5);
const PAIRS = Math.max(1, Number(flags.get("pairs") ?? 1));
const SEED = Number(flags.get("seed") ?? 20261128);
const KEEP = flags.has("keep");
const WORK = flags.get("dir") ?? new URL(`../.bench/copy-${Deno.pid}`, import.meta.url).pathname;

function log(msg: string): void {
  console.error(`[bench:copy] ${new Date().toISOString().slice(11, 19)} ${msg}`);
}

if (!haveCommand("rsync")) throw new Error("rsync is not installed");
const src = `${WORK}/src`;
const root = `${WORK}/root`;
const pool = new ContentPool(SEED);
/** Peak RSS of each `phlb backup` that made the root: what "bounded like a backup" compares with. */
const backupRss: number[] = [];

/**
 * Runs `cmd args` and returns its wall time and the sum of the peak RSS of it and every process it
 * starts (rsync runs as three: sender, receiver, generator; GNU time reports only the largest),
 * polled from /proc every 20 ms.
 */
async function timedTree(cmd: string, args: string[]): Promise<Timed> {
  const started = performance.now();
  const child = new Deno.Command(cmd, { args, stdin: "null", stdout: "piped", stderr: "piped" }).spawn();
  const peaks = new Map<number, number>();
  const poll = setInterval(() => {
    const tree = new Set([child.pid]);
    for (const e of Deno.readDirSync("/proc")) {
      if (!/^\d+$/.test(e.name)) continue;
      try {
        const stat = Deno.readTextFileSync(`/proc/${e.name}/stat`);
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (tree.has(ppid) || Number(e.name) === child.pid) tree.add(Number(e.name));
      } catch { /* gone */ }
    }
    for (const pid of tree) {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
        if (m) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(m[1]) * 1024));
      } catch { /* gone */ }
    }
  }, 20);
  const out = await child.output();
  clearInterval(poll);
  if (!out.success) throw new Error(`${cmd} exited ${out.code}: ${new TextDecoder().decode(out.stderr)}`);
  return {
    seconds: (performance.now() - started) / 1000,
    peakRssBytes: [...peaks.values()].reduce((a, b) => a + b, 0),
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
    code: out.code,
  };
}
try {
  log(`tree of ${FILES} files in ${WORK}`);
  const tree = planTree({
    seed: SEED,
    files: FILES,
    filesPerDir: 40,
    duplicateFraction: 0.05,
    symlinks: 20,
    size: smallSizes,
  });
  writeTree(src, tree, pool);
  const rng = new Rng(SEED + 1);
  for (let k = 0; k < SNAPSHOTS; k++) {
    if (k > 0) {
      // About 1% changed (new bytes, a later mtime) and 0.1% added.
      for (let i = 0; i < FILES / 100; i++) {
        const f = tree.files[rng.int(0, tree.files.length)];
        pool.writeFile(`${src}/${f.rel}`, f.sizeBytes, `${f.tag}-v${k}`, f.mtimeMs + k * 86_400_000);
      }
      for (let i = 0; i < FILES / 1000; i++) {
        pool.writeFile(`${src}/added-${k}-${i}.txt`, 100 + i, `added-${k}-${i}`, Date.UTC(2026, 0, 2 + k));
      }
    }
    const b = await phlbBackup(src, root, "data");
    backupRss.push(b.peakRssBytes ?? 0);
    log(
      `snapshot ${k + 1}/${SNAPSHOTS}: ${secs(b.seconds)} s, ${b.summary.copied} copied, ${
        mib(b.peakRssBytes)
      }`,
    );
  }
  removeTree(src);
  // Warm: every file of the root read once before the first measured run.
  await timedOk("sh", ["-c", `find '${root}' -type f -exec cat {} + > /dev/null`]);

  const runPhlb = async (): Promise<Timed> => {
    const dest = `${WORK}/dest-phlb`;
    removeTree(dest);
    const [cmd, args] = phlbArgv(["copy", root, dest, "--json"]);
    const r = await timedOk(cmd, args);
    const s = JSON.parse(r.stdout);
    if (s.copied !== SNAPSHOTS || s.damaged !== 0) throw new Error(`phlb copy: ${r.stdout.slice(0, 500)}`);
    removeTree(dest);
    return r;
  };
  const runRsync = async (): Promise<Timed> => {
    const dest = `${WORK}/dest-rsync`;
    removeTree(dest);
    const r = await timedOk("rsync", ["-aH", `${root}/`, `${dest}/`]);
    removeTree(dest);
    // Again, for the sum over its three processes (GNU time gives the largest one).
    const all = await timedTree("rsync", ["-aH", `${root}/`, `${dest}/`]);
    removeTree(dest);
    return { ...r, allRssBytes: all.peakRssBytes } as Timed & { allRssBytes?: number };
  };
  const pairs: Array<{ phlb: Timed; rsync: Timed & { allRssBytes?: number } }> = [];
  for (let p = 0; p < PAIRS; p++) {
    // A-B, then B-A: neither always runs first.
    if (p % 2 === 0) {
      const a = await runPhlb();
      log(`phlb copy: ${secs(a.seconds)} s, ${mib(a.peakRssBytes)}`);
      const b = await runRsync();
      log(`rsync -aH: ${secs(b.seconds)} s, ${mib(b.peakRssBytes)}`);
      pairs.push({ phlb: a, rsync: b });
    } else {
      const b = await runRsync();
      log(`rsync -aH: ${secs(b.seconds)} s, ${mib(b.peakRssBytes)}`);
      const a = await runPhlb();
      log(`phlb copy: ${secs(a.seconds)} s, ${mib(a.peakRssBytes)}`);
      pairs.push({ phlb: a, rsync: b });
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const rows = pairs.map((p, i) => [
    `pair ${i + 1}`,
    mib(p.phlb.peakRssBytes),
    `${mib(p.rsync.peakRssBytes)} (3 processes: ${mib(p.rsync.allRssBytes)})`,
    ratio(p.phlb.peakRssBytes, p.rsync.allRssBytes),
    secs(p.phlb.seconds),
    secs(p.rsync.seconds),
    ratio(p.phlb.seconds, p.rsync.seconds),
    `${secs(p.phlb.cpuSeconds)} / ${secs(p.rsync.cpuSeconds)}`,
  ]);
  console.log(
    `\nphlb copy vs rsync -aH: ${FILES} files, ${SNAPSHOTS} snapshots (${
      FILES * SNAPSHOTS
    } names), warm caches`,
  );
  console.log(machineInfo(WORK));
  console.log(`phlb backup peak RSS while making the root: ${backupRss.map((b) => mib(b)).join(", ")}`);
  console.log(
    table([
      "",
      "phlb peak RSS",
      "rsync peak RSS: largest process (all three)",
      "RSS ratio (to all)",
      "phlb s",
      "rsync s",
      "time ratio",
      "CPU s phlb / rsync",
    ], rows),
  );
  if (pairs.length > 1) {
    const rss = median(pairs.map((p) => p.phlb.peakRssBytes! / p.rsync.allRssBytes!));
    const time = median(pairs.map((p) => p.phlb.seconds / p.rsync.seconds));
    console.log(`median per-pair ratios: RSS ${rss.toFixed(2)}x, time ${time.toFixed(2)}x`);
  }
} finally {
  if (!KEEP) removeTree(WORK);
}
