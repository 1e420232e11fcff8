/**
 * Shared parts of the benchmark scripts (`deno task bench`, `deno task bench:scale`): a seeded
 * random generator, a deterministic test tree, timed child processes with their peak RSS,
 * cache dropping, machine facts and the results table. Scripts only: nothing in src/ imports this.
 * @module
 */
import { runtimeFlags } from "./permissions.ts";

const MAIN = new URL("../main.ts", import.meta.url).pathname;
const WORKER = new URL("../src/fs/content_worker.ts", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;

// ---- seeded randomness

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same tree on every machine. */
export class Rng {
  #s: number;

  /** Starts the sequence for `seed`. */
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  u32(): number {
    let t = (this.#s = (this.#s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [lo, hi). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo));
  }

  /** A value in [lo, hi) whose logarithm is uniform: many small, few large. */
  logUniform(lo: number, hi: number): number {
    return Math.floor(Math.exp(Math.log(lo) + this.float() * (Math.log(hi) - Math.log(lo))));
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length)];
  }
}

/** Random bytes that file contents are cut from; each file gets a unique header, so no two collide. */
export class ContentPool {
  readonly bytes: Uint8Array;
  #seed: number;
  #encoder = new TextEncoder();

  /** `sizeBytes` of seeded random data. */
  constructor(seed: number, sizeBytes = 32 << 20) {
    const rng = new Rng(seed);
    const words = new Uint32Array(sizeBytes / 4);
    for (let i = 0; i < words.length; i++) words[i] = rng.u32();
    this.bytes = new Uint8Array(words.buffer);
    this.#seed = seed;
  }

  /**
   * Writes a file of `sizeBytes` whose content is a function of `tag` alone (so files with the
   * same tag and size are byte-identical, and different tags differ), and sets its mtime.
   * Large files are written in chunks so memory stays flat.
   */
  writeFile(path: string, sizeBytes: number, tag: string, mtimeMs: number): void {
    let h = this.#seed ^ 0x811c9dc5;
    for (let i = 0; i < tag.length; i++) h = Math.imul(h ^ tag.charCodeAt(i), 0x01000193);
    const rng = new Rng(h);
    const header = this.#encoder.encode(`phlb-bench ${tag}\n`);
    const file = Deno.openSync(path, { write: true, create: true, truncate: true });
    try {
      let left = sizeBytes;
      const head = header.subarray(0, Math.min(header.length, left));
      writeAll(file, head);
      left -= head.length;
      while (left > 0) {
        const n = Math.min(left, 4 << 20);
        const off = rng.int(0, this.bytes.length - n + 1);
        writeAll(file, this.bytes.subarray(off, off + n));
        left -= n;
      }
    } finally {
      file.close();
    }
    const t = new Date(mtimeMs);
    Deno.utimeSync(path, t, t);
  }
}

function writeAll(file: Deno.FsFile, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += file.writeSync(data.subarray(off));
}

// ---- the tree

/** One file of a generated tree. */
export interface TreeFile {
  rel: string;
  sizeBytes: number;
  mtimeMs: number;
  /** The tag its content is derived from: duplicates share the tag of their original. */
  tag: string;
}

/** A generated tree: its folders (parents first) and files. */
export interface Tree {
  dirs: string[];
  files: TreeFile[];
  symlinks: { rel: string; target: string }[];
}

const DIR_WORDS = [
  "src",
  "docs",
  "assets",
  "photos",
  "music",
  "notes",
  "projects",
  "archive",
  "build",
  "lib",
  "test",
  "data",
  "images",
  "2019",
  "2020",
  "2021",
  "2022",
  "2023",
  "2024",
  "drafts",
  "old",
  "reports",
  "misc",
  "config",
  "scripts",
  "vendor",
  "media",
  "papers",
  "invoices",
  "backup",
  "work",
  "home",
  "share",
];
const SMALL_EXT = [".txt", ".md", ".json", ".ts", ".py", ".c", ".h", ".html", ".css", ".yml", ".csv", ".xml"];
const MEDIUM_EXT = [".jpg", ".png", ".pdf", ".docx", ".xlsx", ".svg", ".odt"];
const LARGE_EXT = [".jpg", ".mp3", ".pdf", ".zip", ".tar.gz", ".raw"];
const HUGE_EXT = [".mkv", ".iso", ".tar", ".vmdk"];

/** What a tree looks like. */
export interface TreeShape {
  seed: number;
  /** Files, duplicates included. */
  files: number;
  /** Average files per folder. */
  filesPerDir: number;
  /** Fraction of files that duplicate another file's bytes and mtime. */
  duplicateFraction: number;
  /** Symlinks (a few relative, a few absolute, a few broken). */
  symlinks: number;
  /** Picks a non-duplicate file's size and extension. */
  size: (rng: Rng, index: number) => { sizeBytes: number; ext: string };
  /** Files over this size are added after the others, sized to reach `totalBytes`. */
  huge?: { count: number; totalBytes: number };
}

/** A size spread for the ~1 GiB tree: most files small, some of a few MB, a few large ones fill up. */
export function mixedSizes(rng: Rng): { sizeBytes: number; ext: string } {
  const u = rng.float();
  if (u < 0.88) return { sizeBytes: rng.logUniform(40, 32 << 10), ext: rng.pick(SMALL_EXT) };
  if (u < 0.995) return { sizeBytes: rng.logUniform(32 << 10, 512 << 10), ext: rng.pick(MEDIUM_EXT) };
  return { sizeBytes: rng.logUniform(1 << 20, 8 << 20), ext: rng.pick(LARGE_EXT) };
}

/** Small files only (the scale tree): mostly under 4 KiB, some up to 64 KiB. */
export function smallSizes(rng: Rng): { sizeBytes: number; ext: string } {
  if (rng.float() < 0.8) return { sizeBytes: rng.logUniform(16, 4 << 10), ext: rng.pick(SMALL_EXT) };
  return { sizeBytes: rng.logUniform(4 << 10, 64 << 10), ext: rng.pick(MEDIUM_EXT) };
}

/**
 * The tree of `deno task bench` (and of scripts/profile_first.ts, which profiles its first backup):
 * FILES files of mixed sizes, 20 per folder, 10% duplicates, a symlink per 400 files, four huge files
 * making up the total.
 */
export function benchTreePlan(seed: number, files: number, totalBytes: number): Tree {
  return planTree({
    seed,
    files,
    filesPerDir: 20,
    duplicateFraction: 0.1,
    symlinks: Math.round(files / 400),
    size: mixedSizes,
    huge: { count: 4, totalBytes },
  });
}

/**
 * Plans a tree: a random nested folder shape (deeper where it already branches, up to 8 levels),
 * files spread over folders with a heavy tail (some folders hold hundreds), 10% duplicates.
 */
export function planTree(shape: TreeShape): Tree {
  const rng = new Rng(shape.seed);
  const dirCount = Math.max(1, Math.round(shape.files / shape.filesPerDir));
  const dirs: string[] = [""];
  const depth: number[] = [0];
  const used = new Set<string>([""]);
  while (dirs.length < dirCount) {
    // Preferential: a recent folder is more likely to get a child, which makes deep branches.
    const parentIx = Math.floor(dirs.length * Math.sqrt(rng.float()));
    if (depth[parentIx] >= 8) continue;
    const parent = dirs[parentIx];
    const base = rng.float() < 0.6 ? rng.pick(DIR_WORDS) : `${rng.pick(DIR_WORDS)}-${rng.int(0, 1000)}`;
    const rel = parent === "" ? base : `${parent}/${base}`;
    if (used.has(rel)) continue;
    used.add(rel);
    dirs.push(rel);
    depth.push(depth[parentIx] + 1);
  }
  // Heavy-tailed folder weights (Pareto), sampled through a cumulative table.
  const cumulative = new Float64Array(dirs.length);
  let sum = 0;
  for (let i = 0; i < dirs.length; i++) {
    sum += 1 / Math.pow(1 - rng.float() * 0.999, 0.9);
    cumulative[i] = sum;
  }
  const pickDir = () => {
    const x = rng.float() * sum;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return dirs[lo];
  };
  const names = new Set<string>();
  const newRel = (ext: string, i: number) => {
    for (;;) {
      const dir = pickDir();
      const stem = rng.float() < 0.5 ? `file-${i}` : `${rng.pick(DIR_WORDS)}_${rng.int(0, 100000)}`;
      const rel = dir === "" ? stem + ext : `${dir}/${stem}${ext}`;
      if (!names.has(rel) && !used.has(rel)) {
        names.add(rel);
        return rel;
      }
    }
  };
  const files: TreeFile[] = [];
  const hugeCount = shape.huge?.count ?? 0;
  const regular = shape.files - hugeCount;
  const dupCount = Math.round(shape.files * shape.duplicateFraction);
  const nowMs = Date.UTC(2026, 0, 1);
  for (let i = 0; i < regular - dupCount; i++) {
    const { sizeBytes, ext } = shape.size(rng, i);
    // mtimes spread over five years, whole milliseconds.
    const mtimeMs = nowMs - rng.int(0, 5 * 365 * 86400) * 1000 - rng.int(0, 1000);
    files.push({ rel: newRel(ext, i), sizeBytes, mtimeMs, tag: `f${i}` });
  }
  const originals = files.length;
  for (let i = 0; i < dupCount; i++) {
    const of = files[rng.int(0, originals)];
    const ext = of.rel.slice(of.rel.lastIndexOf("."));
    files.push({ ...of, rel: newRel(ext, originals + i) });
  }
  if (shape.huge && hugeCount > 0) {
    const have = files.reduce((s, f) => s + f.sizeBytes, 0);
    const left = Math.max(shape.huge.totalBytes - have, hugeCount * (16 << 20));
    for (let i = 0; i < hugeCount; i++) {
      const sizeBytes = Math.round((left / hugeCount) * (0.7 + 0.6 * (i / Math.max(1, hugeCount - 1))));
      files.push({
        rel: newRel(rng.pick(HUGE_EXT), 9_000_000 + i),
        sizeBytes,
        mtimeMs: nowMs - rng.int(0, 365 * 86400) * 1000,
        tag: `h${i}`,
      });
    }
  }
  const symlinks: Tree["symlinks"] = [];
  for (let i = 0; i < shape.symlinks; i++) {
    const target = i % 3 === 0
      ? `../${rng.pick(DIR_WORDS)}`
      : i % 3 === 1
      ? "/etc/hostname"
      : "missing-target";
    symlinks.push({ rel: newRel(".lnk", 8_000_000 + i), target });
  }
  return { dirs, files, symlinks };
}

/** Writes a planned tree under `root` (which must not exist). Returns its total bytes. */
export function writeTree(root: string, tree: Tree, pool: ContentPool): number {
  Deno.mkdirSync(root, { recursive: true });
  for (const d of tree.dirs) if (d !== "") Deno.mkdirSync(`${root}/${d}`);
  let total = 0;
  for (const f of tree.files) {
    pool.writeFile(`${root}/${f.rel}`, f.sizeBytes, f.tag, f.mtimeMs);
    total += f.sizeBytes;
  }
  for (const s of tree.symlinks) Deno.symlinkSync(s.target, `${root}/${s.rel}`);
  // Folder mtimes last, deepest first, so writing the files does not move them again.
  const t = new Date(Date.UTC(2025, 5, 1));
  for (let i = tree.dirs.length - 1; i >= 0; i--) Deno.utimeSync(`${root}/${tree.dirs[i]}`, t, t);
  return total;
}

// ---- running and measuring

/** One timed child process. */
export interface Timed {
  seconds: number;
  /** Peak resident set size in bytes, when measurable. */
  peakRssBytes?: number;
  /** User + system CPU seconds of the process and its children, when GNU time is there. */
  cpuSeconds?: number;
  stdout: string;
  stderr: string;
  code: number;
}

/** True when `/usr/bin/time` exists (GNU time, for `-v`). */
export const HAVE_GNU_TIME = (() => {
  try {
    return Deno.statSync("/usr/bin/time").isFile;
  } catch {
    return false;
  }
})();

/** True when `name` is on PATH. */
export function haveCommand(name: string): boolean {
  const r = new Deno.Command("sh", { args: ["-c", `command -v ${name}`], stdout: "null", stderr: "null" })
    .outputSync();
  return r.success;
}

/** VmHWM of a live process, in bytes, by reading /proc (fallback when GNU time is missing). */
function vmHwmBytes(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `cmd args` and returns its wall time and peak RSS: through `/usr/bin/time -v` when it is
 * there, else by polling /proc/PID/status every 5 ms (which can miss a peak in the last 5 ms).
 */
export async function timed(cmd: string, args: string[], options: { cwd?: string } = {}): Promise<Timed> {
  const timeFile = HAVE_GNU_TIME ? await Deno.makeTempFile({ prefix: "phlb-bench-time-" }) : undefined;
  const argv = timeFile ? ["/usr/bin/time", "-v", "-o", timeFile, cmd, ...args] : [cmd, ...args];
  const started = performance.now();
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: options.cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let peak: number | undefined;
  let cpuSeconds: number | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  if (!timeFile) {
    poll = setInterval(() => {
      const v = vmHwmBytes(child.pid);
      if (v !== undefined) peak = Math.max(peak ?? 0, v);
    }, 5);
  }
  const out = await child.output();
  const seconds = (performance.now() - started) / 1000;
  if (poll !== undefined) clearInterval(poll);
  if (timeFile) {
    const text = Deno.readTextFileSync(timeFile);
    Deno.removeSync(timeFile);
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
    if (m) peak = Number(m[1]) * 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(text);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
    if (user && sys) cpuSeconds = Number(user[1]) + Number(sys[1]);
  }
  return {
    seconds,
    peakRssBytes: peak,
    cpuSeconds,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
    code: out.code,
  };
}

/** Like {@linkcode timed}, and throws with the child's stderr when it fails. */
export async function timedOk(cmd: string, args: string[]): Promise<Timed> {
  const r = await timed(cmd, args);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.code}:\n${r.stderr.slice(0, 2000)}`);
  }
  return r;
}

/** What `phlbArgv` runs: main.ts, or a bundle of it (see {@linkcode usePhlbBundle}). */
let entry = MAIN;

/**
 * Runs phlb from one JavaScript file made by `deno bundle` (written to `dir`) instead of main.ts:
 * the closest this machine gets to the binaries `deno compile` makes, which also load a prebuilt
 * module graph without transpiling TypeScript or opening Deno's module caches (`deno compile`
 * itself cannot run here: it downloads its runtime). Returns the bundle's path.
 */
export function usePhlbBundle(dir: string): string {
  const out = `${dir}/phlb-bundle.js`;
  const bundle = (from: string, to: string) => {
    const r = new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--quiet", "--config", CONFIG, "-o", to, from],
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    if (!r.success) throw new Error(`deno bundle failed:\n${new TextDecoder().decode(r.stderr)}`);
  };
  bundle(MAIN, out);
  // A Worker's module is no import of main.ts: bundled beside it, as `deno compile --include` adds it.
  bundle(WORKER, `${dir}/content_worker.js`);
  const text = Deno.readTextFileSync(out);
  const worker = `new URL("./content_worker.ts", import.meta.url)`;
  if (!text.includes(worker)) throw new Error(`the bundle does not start the worker as ${worker}`);
  Deno.writeTextFileSync(out, text.replaceAll(worker, `new URL("./content_worker.js", import.meta.url)`));
  entry = out;
  return out;
}

/** What phlb runs from, for the report: "main.ts" or "a bundle (deno bundle)". */
export function phlbEntryLabel(): string {
  return entry === MAIN ? "deno run main.ts" : "deno run of a bundle (deno bundle main.ts)";
}

/** The argv that runs phlb exactly as users do: `deno run` with the shipped permission flags. */
export function phlbArgv(args: string[]): [string, string[]] {
  return [Deno.execPath(), ["run", "--quiet", "--config", CONFIG, ...runtimeFlags(), entry, ...args]];
}

/**
 * Runs `phlb backup SRC ROOT --name NAME --json [EXTRA…]`, timed; checks the exit code and returns
 * the summary.
 */
export async function phlbBackup(
  src: string,
  root: string,
  name: string,
  extra: string[] = [],
): Promise<Timed & { summary: Record<string, number> & { snapshotPath: string } }> {
  const [cmd, args] = phlbArgv(["backup", src, root, "--name", name, "--json", ...extra]);
  const r = await timedOk(cmd, args);
  return { ...r, summary: JSON.parse(r.stdout) };
}

/** Flushes dirty pages, then drops the page, dentry and inode caches. False when not allowed. */
export function dropCaches(): boolean {
  new Deno.Command("sync").outputSync();
  try {
    Deno.writeTextFileSync("/proc/sys/vm/drop_caches", "3\n");
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads every file under `dir` (and lstats every entry), so its pages, inodes and names are in the
 * cache: the state of data used recently, which a nightly backup of a working folder finds.
 */
export function readTree(dir: string): number {
  const buf = new Uint8Array(1 << 20);
  let bytes = 0;
  const visit = (d: string) => {
    for (const e of Deno.readDirSync(d)) {
      const p = `${d}/${e.name}`;
      Deno.lstatSync(p);
      if (e.isDirectory) visit(p);
      else if (e.isFile) {
        const f = Deno.openSync(p);
        try {
          for (let n; (n = f.readSync(buf)) !== null;) bytes += n;
        } finally {
          f.close();
        }
      }
    }
  };
  visit(dir);
  return bytes;
}

/**
 * Why inode allocation on the filesystem of `path` may be slow right after a deletion, or
 * undefined. ext4 without a journal skips, one by one, inodes freed in the last 60 s (5 min while
 * their table block is dirty) when it allocates new ones (`recently_deleted` in fs/ext4/ialloc.c):
 * measured here, that was half of a first backup's CPU time after the previous one was removed,
 * for rsync as much as for phlb. Dropping the caches (which the benchmarks do as root) forgets
 * them; without that, the first backups' times depend on what was deleted just before.
 */
export function inodeReuseNote(path: string): string | undefined {
  const dev = firstLine("findmnt", ["-no", "SOURCE,FSTYPE", "-T", path]).split(/\s+/);
  if (dev[1] !== "ext4" || !dev[0].startsWith("/dev/")) return undefined;
  try {
    const task = Deno.readTextFileSync(`/sys/fs/ext4/${dev[0].slice(5)}/journal_task`).trim();
    return task === "<none>"
      ? `${dev[0]} is ext4 without a journal: new inodes skip those freed in the last minutes`
      : undefined;
  } catch {
    return undefined;
  }
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Removes a tree, making folders writable first if a plain removal fails (non-root runs). */
export function removeTree(path: string): void {
  try {
    Deno.removeSync(path, { recursive: true });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    new Deno.Command("chmod", { args: ["-R", "u+w", path] }).outputSync();
    Deno.removeSync(path, { recursive: true });
  }
}

/** Bytes used by a path's files (`du -sb`, following no links), or undefined. */
export function sizeOnDisk(path: string): number | undefined {
  const r = new Deno.Command("du", { args: ["-sb", path], stdout: "piped", stderr: "null" }).outputSync();
  if (!r.success) return undefined;
  return Number(new TextDecoder().decode(r.stdout).split(/\s/)[0]);
}

function firstLine(cmd: string, args: string[]): string {
  try {
    const r = new Deno.Command(cmd, { args, stdout: "piped", stderr: "null" }).outputSync();
    return new TextDecoder().decode(r.stdout).split("\n")[0].trim();
  } catch {
    return "?";
  }
}

/** One line about the machine and the filesystem of `path`, for the report. */
export function machineInfo(path: string): string {
  const cpus = navigator.hardwareConcurrency;
  const memGiB = Math.round(Deno.systemMemoryInfo().total / (1 << 30));
  const model = /model name\s*:\s*(.*)/.exec(Deno.readTextFileSync("/proc/cpuinfo"))?.[1] ?? "?";
  const fs = firstLine("findmnt", ["-no", "SOURCE,FSTYPE", "-T", path]);
  const dev = fs.split(/\s+/)[0].replace(/^\/dev\//, "");
  let disk = "";
  try {
    const rota = Deno.readTextFileSync(`/sys/block/${dev}/queue/rotational`).trim();
    disk = rota === "1" ? ", reported rotational" : ", reported non-rotational";
  } catch { /* a partition or an overlay: unknown */ }
  return `${cpus} cores (${model}), ${memGiB} GiB RAM, ${fs}${disk}, Linux ${Deno.osRelease()}; ` +
    `deno ${Deno.version.deno}; ${firstLine("rsync", ["--version"])}; ${firstLine("cp", ["--version"])}`;
}

/**
 * A counter of the bytes written to the block device that holds `path` (`/sys/class/block/DEV/stat`,
 * sectors written × 512), or undefined where there is none (an overlay, tmpfs, not Linux). Call
 * `sync` before reading it, or writes still in the page cache are not counted yet.
 */
export function diskWrittenCounter(path: string): (() => number) | undefined {
  const source = firstLine("findmnt", ["-no", "SOURCE", "-T", path]);
  if (!source.startsWith("/dev/")) return undefined;
  const stat = `/sys/class/block/${source.slice("/dev/".length)}/stat`;
  const read = () => Number(Deno.readTextFileSync(stat).trim().split(/\s+/)[6]) * 512;
  try {
    return Number.isFinite(read()) ? read : undefined;
  } catch {
    return undefined;
  }
}

// ---- output

/** Seconds with sensible precision. */
export function secs(s: number | undefined): string {
  if (s === undefined) return "—";
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number | undefined): string {
  return bytes === undefined ? "—" : `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

/** A ratio like "0.42×". */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || b === 0) return "—";
  return `${(a / b).toFixed(2)}×`;
}

/** A plain-text table with aligned columns (first column left, the rest right). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Parses `--key value` and `--flag` options. */
export function parseFlags(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument "${a}"`);
    const eq = a.indexOf("=");
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < args.length && !args[i + 1].startsWith("--")) out.set(a.slice(2), args[++i]);
    else out.set(a.slice(2), "true");
  }
  return out;
}
