/**
 * Benchmark of the native metadata layer (issue 9). Builds a tree of small files, then, in child
 * processes running with phlb's permission list without and with `--allow-ffi`, times per call:
 * - lstat: Deno.lstatSync, the native backend (fs-string -> bytes -> statx) and raw statx;
 * - folder reads per entry: Deno.readDirSync, the backend's readDir (decoded names), raw getdents64;
 * - link, set times, list xattrs; open + fstat + read + close of a small file; 1 MiB reads;
 * - a no-change-backup loop without index or manifest: read each folder, sort, lstat the source,
 *   lstat the previous copy, link it into a new tree; straight Deno calls (today's engine) and
 *   through openBackend() (native with FFI, the fallback without);
 * and, unless `--no-engine`, times a real no-change `phlb backup` of the same tree for scale.
 * With `--engine`, it only compares no-change `phlb backup` runs of the engine benchmark's tree
 * shape (scripts/bench.ts: 20 files per folder, 10% duplicates, symlinks; small files, since a
 * no-change run reads none) without and with `--allow-ffi`: best of `--rounds` runs each, CPU
 * (user+sys) and wall. CPU is the figure to trust on a shared machine.
 * It prints numbers and ratios and asserts nothing.
 *
 *   deno task bench:native [--files 20000] [--per-dir 100] [--rounds 5] [--dir PATH] [--no-engine]
 *   deno task bench:native --engine [--files 20000] [--rounds 3]
 * @module
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { runtimeFlags } from "./permissions.ts";
import { ContentPool, planTree, smallSizes, writeTree } from "./bench_lib.ts";
import { openBackend } from "../src/fs/native/mod.ts";
import { openLinuxLibc } from "../src/fs/native/libc_linux.ts";
import { cString } from "../src/fs/native/names.ts";
import type { FsBackend } from "../src/fs/native/backend.ts";

const SELF = new URL(import.meta.url).pathname;
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;

/** Nanoseconds per call of each measurement, median over rounds: CPU time (user+sys) and wall time. */
type Results = Record<string, { cpu: number; wall: number }>;

interface Tree {
  root: string;
  dirs: string[];
  files: string[];
}

function listTree(root: string): Tree {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const d of Deno.readDirSync(root)) {
    if (!d.isDirectory) continue;
    const dir = `${root}/${d.name}`;
    dirs.push(dir);
    for (const f of Deno.readDirSync(dir)) files.push(`${dir}/${f.name}`);
  }
  dirs.sort();
  files.sort();
  return { root, dirs, files };
}

function makeTree(root: string, options: { files: number; perDir: number }): void {
  Deno.mkdirSync(root, { recursive: true });
  const data = new TextEncoder().encode("phlb bench file\n");
  for (let i = 0; i < options.files; i++) {
    const dir = `${root}/dir-${String(Math.floor(i / options.perDir)).padStart(4, "0")}`;
    if (i % options.perDir === 0) Deno.mkdirSync(dir, { recursive: true });
    Deno.writeFileSync(`${dir}/file-${String(i).padStart(6, "0")}.txt`, data);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Times one pass of `fn` (which makes `count` calls) and records ns per call. CPU time of this
 * process is recorded beside wall time: other work on the machine stretches wall time, not CPU time.
 */
function timeIt(
  samples: Map<string, { cpu: number[]; wall: number[] }>,
  name: string,
  count: number,
  fn: () => void,
): void {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = ((performance.now() - t0) * 1e6) / count;
  const c = process.cpuUsage(c0);
  const cpu = ((c.user + c.system) * 1e3) / count;
  const s = samples.get(name) ?? { cpu: [], wall: [] };
  s.cpu.push(cpu);
  s.wall.push(wall);
  samples.set(name, s);
}

/** A scratch folder beside the tree, removed before each use (removal not timed). */
function freshDir(path: string): string {
  try {
    Deno.removeSync(path, { recursive: true });
  } catch { /* not there */ }
  Deno.mkdirSync(path);
  return path;
}

/** The no-change loop: per folder read + sort; per file lstat source, lstat previous, link. */
function loopDirect(tree: Tree, out: string): void {
  for (const dir of tree.dirs) {
    const names: string[] = [];
    for (const e of Deno.readDirSync(dir)) names.push(e.name);
    names.sort();
    const base = dir.slice(tree.root.length);
    Deno.mkdirSync(out + base);
    for (const name of names) {
      const src = `${dir}/${name}`;
      Deno.lstatSync(src);
      Deno.lstatSync(src); // the previous snapshot's copy: here the same file
      Deno.linkSync(src, `${out}${base}/${name}`);
    }
  }
}

function loopBackend(b: FsBackend, tree: Tree, out: string): void {
  for (const dir of tree.dirs) {
    const names = b.readDir(dir).map((e) => e.name).sort();
    const base = dir.slice(tree.root.length);
    b.mkdir(out + base);
    for (const name of names) {
      const src = `${dir}/${name}`;
      b.lstat(src);
      b.lstat(src);
      b.link(src, `${out}${base}/${name}`);
    }
  }
}

function runChild(treeRoot: string, rounds: number): Results {
  const tree = listTree(treeRoot);
  const n = tree.files.length;
  const scratch = `${treeRoot}.scratch`;
  const samples = new Map<string, { cpu: number[]; wall: number[] }>();
  const backend = openBackend();
  const native = backend.kind === "native";
  const libc = native && Deno.build.os === "linux" ? openLinuxLibc() : undefined;
  const cpaths = tree.files.map(cString);
  const cdirs = tree.dirs.map(cString);
  const xattrProbe = native ? openBackend({ prefer: "native" }) : undefined;
  const bigFile = `${treeRoot}.big`;
  const bigBytes = 64 << 20;
  Deno.writeFileSync(bigFile, new Uint8Array(bigBytes).fill(7));
  const times = { atimeSec: 1_600_000_000, atimeNsec: 1, mtimeSec: 1_600_000_000, mtimeNsec: 123456789 };
  for (let r = 0; r < rounds; r++) {
    timeIt(samples, "lstat deno", n, () => {
      for (const p of tree.files) Deno.lstatSync(p);
    });
    if (native) {
      timeIt(samples, "lstat native", n, () => {
        for (const p of tree.files) backend.lstat(p);
      });
    }
    if (libc) {
      timeIt(samples, "lstat raw statx", n, () => {
        for (const c of cpaths) libc.lstat(c);
      });
    }
    timeIt(samples, "readdir deno (per entry)", n, () => {
      for (const d of tree.dirs) {
        const names: string[] = [];
        for (const e of Deno.readDirSync(d)) names.push(e.name);
      }
    });
    if (native) {
      timeIt(samples, "readdir native (per entry)", n, () => {
        for (const d of tree.dirs) backend.readDir(d);
      });
    }
    if (libc) {
      timeIt(samples, "readdir raw getdents64 (per entry)", n, () => {
        for (const c of cdirs) libc.readDir(c);
      });
    }
    freshDir(scratch);
    timeIt(samples, "link deno", n, () => {
      for (let i = 0; i < n; i++) Deno.linkSync(tree.files[i], `${scratch}/${i}`);
    });
    if (native) {
      freshDir(scratch);
      timeIt(samples, "link native", n, () => {
        for (let i = 0; i < n; i++) backend.link(tree.files[i], `${scratch}/${i}`);
      });
    }
    const small = new Uint8Array(4096);
    timeIt(samples, "open+stat+read+close deno", n, () => {
      for (const p of tree.files) {
        const f = Deno.openSync(p, { read: true });
        f.statSync();
        while (f.readSync(small) !== null) { /* to the end */ }
        f.close();
      }
    });
    if (native) {
      timeIt(samples, "open+stat+read+close native", n, () => {
        for (const p of tree.files) {
          const f = backend.openRead(p);
          f.stat();
          while (f.readSync(small) !== null) { /* to the end */ }
          f.close();
        }
      });
    }
    const chunk = new Uint8Array(1 << 20);
    const bigMiB = Math.round(bigBytes / (1 << 20));
    timeIt(samples, `read ${bigMiB} MiB in 1 MiB chunks deno (per MiB)`, bigMiB, () => {
      const f = Deno.openSync(bigFile, { read: true });
      while (f.readSync(chunk) !== null) { /* to the end */ }
      f.close();
    });
    if (native) {
      timeIt(samples, `read ${bigMiB} MiB in 1 MiB chunks native (per MiB)`, bigMiB, () => {
        const f = backend.openRead(bigFile);
        while (f.readSync(chunk) !== null) { /* to the end */ }
        f.close();
      });
    }
    const mtime = new Date(1_600_000_000_123);
    timeIt(samples, "utime deno", n, () => {
      for (const p of tree.files) Deno.utimeSync(p, mtime, mtime);
    });
    if (native) {
      timeIt(samples, "utimensat native", n, () => {
        for (const p of tree.files) backend.setTimes(p, times);
      });
    }
    if (xattrProbe) {
      timeIt(samples, "llistxattr native", n, () => {
        for (const p of tree.files) xattrProbe.listXattrs(p);
      });
    }
    freshDir(scratch);
    Deno.mkdirSync(`${scratch}/t`);
    timeIt(samples, "no-change loop, Deno calls (per file)", n, () => loopDirect(tree, `${scratch}/t`));
    freshDir(scratch);
    Deno.mkdirSync(`${scratch}/t`);
    timeIt(samples, `no-change loop, openBackend()=${backend.kind} (per file)`, n, () => {
      loopBackend(backend, tree, `${scratch}/t`);
    });
  }
  for (const p of [scratch, bigFile]) {
    try {
      Deno.removeSync(p, { recursive: true });
    } catch { /* gone */ }
  }
  libc?.close();
  xattrProbe?.close();
  backend.close();
  const out: Results = {};
  for (const [k, v] of samples) out[k] = { cpu: median(v.cpu), wall: median(v.wall) };
  return out;
}

async function spawnChild(flags: string[], treeRoot: string, rounds: number): Promise<Results> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      "--config",
      CONFIG,
      ...flags,
      SELF,
      "--child",
      treeRoot,
      "--rounds",
      String(rounds),
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (r.code !== 0) throw new Error(`benchmark child failed: ${new TextDecoder().decode(r.stderr)}`);
  return JSON.parse(new TextDecoder().decode(r.stdout));
}

/** Wall and CPU (user+sys, read through bash's `time`) milliseconds of no-change `phlb backup` runs. */
async function timeEngine(
  flags: string[],
  treeRoot: string,
  backupRoot: string,
): Promise<{ wall: number; cpu: number }> {
  const run = engineRunner(flags, { treeRoot, backupRoot });
  await run(); // the first snapshot copies everything
  const runs: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 3; i++) runs.push(await run());
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

/** A function that runs one `phlb backup --quiet TREE ROOT` and returns its wall and CPU ms. */
function engineRunner(
  flags: string[],
  paths: { treeRoot: string; backupRoot: string },
): () => Promise<{ wall: number; cpu: number }> {
  const { treeRoot, backupRoot } = paths;
  const quote = (w: string) => `'${w.replaceAll("'", "'\\''")}'`;
  const cmd = [
    Deno.execPath(),
    "run",
    "--quiet",
    "--config",
    CONFIG,
    ...flags,
    MAIN,
    "backup",
    "--quiet",
    treeRoot,
    backupRoot,
  ]
    .map(quote).join(" ");
  const run = async () => {
    const r = await new Deno.Command("bash", {
      args: ["-c", `TIMEFORMAT='%R %U %S'; time ${cmd} >/dev/null`],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(r.stderr).trim();
    if (r.code !== 0) throw new Error(`phlb backup failed: ${err}`);
    const [real, user, sys] = err.split("\n").at(-1)!.split(" ").map(Number);
    return { wall: real * 1000, cpu: (user + sys) * 1000 };
  };
  return run;
}

/** No-change backups of the engine benchmark's tree shape, without and with --allow-ffi. */
async function compareEngine(base: string, options: { files: number; rounds: number }): Promise<void> {
  const src = `${base}/src`;
  const tree = planTree({
    seed: 20261128,
    files: options.files,
    filesPerDir: 20,
    duplicateFraction: 0.1,
    symlinks: Math.round(options.files / 400),
    size: smallSizes,
  });
  writeTree(src, tree, new ContentPool(20261128));
  const flags = runtimeFlags().filter((f) => f !== "--allow-ffi");
  console.log(
    `tree: ${tree.files.length} files, ${tree.dirs.length} folders, ${tree.symlinks.length} symlinks`,
  );
  const runDeno = engineRunner(flags, { treeRoot: src, backupRoot: `${base}/deno` });
  const runNative = engineRunner([...flags, "--allow-ffi"], { treeRoot: src, backupRoot: `${base}/native` });
  // First snapshots (everything copied), then the no-change runs, interleaved so that load from
  // other work on the machine falls on both sides alike.
  await runDeno();
  await runNative();
  const denoRuns: { wall: number; cpu: number }[] = [];
  const nativeRuns: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < options.rounds; i++) {
    denoRuns.push(await runDeno());
    nativeRuns.push(await runNative());
  }
  const best = (runs: { wall: number; cpu: number }[]) => ({
    cpu: Math.min(...runs.map((r) => r.cpu)),
    wall: Math.min(...runs.map((r) => r.wall)),
  });
  const deno = best(denoRuns);
  const native = best(nativeRuns);
  const all = (runs: { wall: number; cpu: number }[]) =>
    runs.map((r) => `${r.cpu.toFixed(0)}/${r.wall.toFixed(0)}`).join(" ");
  console.log(`runs, cpu/wall ms: Deno ${all(denoRuns)}; native ${all(nativeRuns)}`);
  console.log(`no-change phlb backup, best of ${options.rounds} (ms, process start included):`);
  console.log(`  Deno file API (no --allow-ffi): cpu ${deno.cpu.toFixed(0)}  wall ${deno.wall.toFixed(0)}`);
  console.log(
    `  native (--allow-ffi):           cpu ${native.cpu.toFixed(0)}  wall ${native.wall.toFixed(0)}`,
  );
  console.log(
    `  native / Deno:                  cpu ${(native.cpu / deno.cpu).toFixed(3)}  wall ${
      (native.wall / deno.wall).toFixed(3)
    }`,
  );
}

function fmt(ns: number | undefined): string {
  return ns === undefined ? "-" : `${(ns / 1000).toFixed(2)} us`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: {
      child: { type: "boolean", default: false },
      files: { type: "string", default: "20000" },
      "per-dir": { type: "string", default: "100" },
      rounds: { type: "string", default: "5" },
      dir: { type: "string" },
      "no-engine": { type: "boolean", default: false },
      engine: { type: "boolean", default: false },
    },
  });
  const rounds = Number(values.rounds);
  if (values.engine) {
    const base = values.dir ?? Deno.makeTempDirSync({ prefix: "phlb-bench-engine-" });
    try {
      await compareEngine(base, { files: Number(values.files), rounds: Number(values.rounds ?? 3) });
    } finally {
      if (!values.dir) Deno.removeSync(base, { recursive: true });
    }
    return;
  }
  if (values.child) {
    console.log(JSON.stringify(runChild(positionals[0], rounds)));
    return;
  }
  const base = values.dir ?? Deno.makeTempDirSync({ prefix: "phlb-bench-native-" });
  const treeRoot = `${base}/tree`;
  try {
    const files = Number(values.files);
    makeTree(treeRoot, { files, perDir: Number(values["per-dir"]) });
    const flags = runtimeFlags();
    console.log(
      `tree: ${files} files in ${Math.ceil(files / Number(values["per-dir"]))} folders under ${treeRoot}`,
    );
    console.log(`phlb permissions: ${flags.join(" ")}`);
    const without = await spawnChild(flags, treeRoot, rounds);
    const withFfi = await spawnChild([...flags, "--allow-ffi"], treeRoot, rounds);
    const names = [...new Set([...Object.keys(without), ...Object.keys(withFfi)])];
    const width = Math.max(...names.map((k) => k.length));
    const cols = ["no ffi, cpu", "ffi, cpu", "no ffi, wall", "ffi, wall"];
    console.log(
      `\n${`per call, median of ${rounds} rounds`.padEnd(width)}${cols.map((c) => c.padStart(14)).join("")}`,
    );
    for (const k of names) {
      const cells = [without[k]?.cpu, withFfi[k]?.cpu, without[k]?.wall, withFfi[k]?.wall];
      console.log(`${k.padEnd(width)}${cells.map((c) => fmt(c).padStart(14)).join("")}`);
    }
    const ratio = (a: string, b: string) =>
      `cpu ${(withFfi[a].cpu / withFfi[b].cpu).toFixed(2)}  wall ${
        (withFfi[a].wall / withFfi[b].wall).toFixed(2)
      }`;
    const loopDenoKey = "no-change loop, Deno calls (per file)";
    const loopNativeKey = "no-change loop, openBackend()=native (per file)";
    console.log(`\nratios with --allow-ffi, native / Deno (below 1: native is faster):`);
    console.log(`  lstat           ${ratio("lstat native", "lstat deno")}`);
    console.log(`  readdir         ${ratio("readdir native (per entry)", "readdir deno (per entry)")}`);
    console.log(`  link            ${ratio("link native", "link deno")}`);
    console.log(`  set times       ${ratio("utimensat native", "utime deno")}`);
    console.log(`  open+stat+read  ${ratio("open+stat+read+close native", "open+stat+read+close deno")}`);
    console.log(`  no-change loop  ${ratio(loopNativeKey, loopDenoKey)}`);
    console.log(
      `Deno.lstatSync with / without --allow-ffi granted: cpu ${
        (withFfi["lstat deno"].cpu / without["lstat deno"].cpu).toFixed(2)
      }`,
    );
    const loopDeno = withFfi[loopDenoKey].cpu;
    const loopNative = withFfi[loopNativeKey].cpu;
    if (!values["no-engine"]) {
      const engine = await timeEngine(flags, treeRoot, `${base}/backups`);
      const perFileUs = (engine.cpu * 1000) / files;
      const savedUs = (loopDeno - loopNative) / 1000;
      console.log(
        `\nphlb backup, no change (today's engine, Deno API): ${engine.wall.toFixed(0)} ms wall, ` +
          `${engine.cpu.toFixed(0)} ms cpu (${perFileUs.toFixed(1)} us/file, process start included)`,
      );
      console.log(
        `the calls the native backend replaces cost ${
          (loopDeno / 1000).toFixed(1)
        } us/file (cpu) with Deno, ` +
          `${(loopNative / 1000).toFixed(1)} native: projected engine cpu change ${
            ((-savedUs / perFileUs) * 100).toFixed(1)
          }%`,
      );
    }
  } finally {
    if (!values.dir) Deno.removeSync(base, { recursive: true });
  }
}

if (import.meta.main) await main();
