/**
 * `deno task bench:walk-ahead`: what a first backup's walk ahead (names and sizes, for the end of
 * its progress line) costs. Each round backs up the same tree into a fresh root twice, once with
 * the walk ahead and once without, in A-B-B-A order; every backup runs in its own process with
 * phlb's runtime flags. Prints each pair's ratio and the median. Not a test.
 *
 * Options: --files N (default 20000), --mib N (default 1024), --small (small files only, the
 * worst case: the walk is a larger share of a backup that copies little), --pairs N (default 6),
 * --dir PATH (work folder; default .bench/ in the worktree), --keep.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import {
  ContentPool,
  mixedSizes,
  parseFlags,
  planTree,
  removeTree,
  smallSizes,
  timed,
  writeTree,
} from "./bench_lib.ts";
import { runtimeFlags } from "./permissions.ts";

if (Deno.args[0] === "--child") {
  // One backup: SRC ROOT on|off; prints its wall time in ms.
  const [, source, root, mode] = Deno.args;
  const t0 = performance.now();
  let walkMs = 0;
  const s = await runBackup({ source, root, name: "src", walkAhead: mode === "on" }, {
    onInfo: (m) => {
      const found = /^walked ahead: .* in (\d+) ms$/.exec(m);
      if (found) walkMs = Number(found[1]);
    },
  });
  console.log(JSON.stringify({ ms: performance.now() - t0, walkMs, files: s.files, errors: s.errors }));
  Deno.exit(0);
}

const flags = parseFlags(Deno.args);
const FILES = Number(flags.get("files") ?? 20_000);
const TOTAL_BYTES = Number(flags.get("mib") ?? 1024) * (1 << 20);
const SMALL = flags.has("small");
const PAIRS = Number(flags.get("pairs") ?? 6);
const WORK = flags.get("dir") ?? new URL(`../.bench/walk-ahead-${Deno.pid}`, import.meta.url).pathname;

function log(msg: string): void {
  console.error(`[bench:walk-ahead] ${msg}`);
}

/** One backup in its own process: its wall time, the walk ahead's, and the process's CPU time. */
async function backup(
  src: string,
  root: string,
  mode: "on" | "off",
): Promise<{ ms: number; walkMs: number; cpuMs?: number }> {
  const script = new URL(import.meta.url).pathname;
  const r = await timed(Deno.execPath(), ["run", ...runtimeFlags(), script, "--child", src, root, mode]);
  if (r.code !== 0) throw new Error(`backup (${mode}) failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  if (out.errors > 0) throw new Error(`backup (${mode}) had ${out.errors} errors`);
  removeTree(root);
  return {
    ms: out.ms,
    walkMs: out.walkMs,
    cpuMs: r.cpuSeconds === undefined ? undefined : r.cpuSeconds * 1000,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

Deno.mkdirSync(WORK, { recursive: true });
try {
  const src = `${WORK}/src`;
  const tree = planTree({
    seed: 20261128,
    files: FILES,
    filesPerDir: 20,
    duplicateFraction: 0.1,
    symlinks: Math.round(FILES / 400),
    size: SMALL ? smallSizes : mixedSizes,
    huge: SMALL ? undefined : { count: 4, totalBytes: TOTAL_BYTES },
  });
  const bytes = writeTree(src, tree, new ContentPool(20261128));
  log(`tree: ${tree.files.length} files, ${tree.dirs.length} folders, ${(bytes / 2 ** 20).toFixed(0)} MiB`);
  await backup(src, `${WORK}/warm`, "off"); // warms the page cache and Deno's module cache
  type Row = { on: number; off: number; walkMs: number; cpuOn?: number; cpuOff?: number };
  const rows: Row[] = [];
  for (let i = 0; i < PAIRS; i++) {
    // A-B-B-A: the machine's drift hits both sides alike.
    const order: ("on" | "off")[] = i % 2 === 0 ? ["on", "off"] : ["off", "on"];
    const r: Record<string, { ms: number; walkMs: number; cpuMs?: number }> = {};
    for (const mode of order) r[mode] = await backup(src, `${WORK}/root-${i}-${mode}`, mode);
    rows.push({ on: r.on.ms, off: r.off.ms, walkMs: r.on.walkMs, cpuOn: r.on.cpuMs, cpuOff: r.off.cpuMs });
    const cpu = r.on.cpuMs && r.off.cpuMs
      ? `; CPU ${r.on.cpuMs.toFixed(0)} / ${r.off.cpuMs.toFixed(0)} ms (${
        (r.on.cpuMs / r.off.cpuMs).toFixed(3)
      })`
      : "";
    log(
      `pair ${i + 1}: with ${r.on.ms.toFixed(0)} ms (walk ahead ${r.on.walkMs} ms), without ` +
        `${r.off.ms.toFixed(0)} ms, ratio ${(r.on.ms / r.off.ms).toFixed(3)}${cpu}`,
    );
  }
  const ratios = rows.map((r) => r.on / r.off);
  // The walk's own time over the backup it precedes: the direct measure, far less noisy than the
  // ratio of two backups on a shared machine; and the CPU time, which other jobs disturb less.
  const shares = rows.map((r) => r.walkMs / r.on);
  const cpu = rows.filter((r) => r.cpuOn && r.cpuOff).map((r) => r.cpuOn! / r.cpuOff!);
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  console.log(
    `walk ahead, ${tree.files.length} files${SMALL ? " (small)" : ""}, ${PAIRS} pairs:\n` +
      `  its own time: ${pct(median(shares))} of the backup (median; max ${pct(Math.max(...shares))})\n` +
      `  wall with/without: median ratio ${median(ratios).toFixed(3)} (${
        median(rows.map((r) => r.on)).toFixed(0)
      } / ` +
      `${median(rows.map((r) => r.off)).toFixed(0)} ms; per pair ${
        ratios.map((r) => r.toFixed(3)).join(" ")
      })` +
      (cpu.length > 0
        ? `\n  CPU with/without: median ratio ${median(cpu).toFixed(3)} (per pair ${
          cpu.map((r) => r.toFixed(3)).join(" ")
        })`
        : ""),
  );
} finally {
  if (!flags.has("keep")) removeTree(WORK);
}
