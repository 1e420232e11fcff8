/**
 * `deno task bench:scale`: phlb on a million small files. Not a test, and not run in CI (it takes
 * about a quarter of an hour here). Builds a seeded tree of small files in a nested folder shape,
 * then times phlb's first backup and a no-change backup, and `cp -al` of the first snapshot (the
 * cost of the link farm alone) on the same tree. Reports wall time, CPU time, peak RSS and the
 * index size, next to the targets: no-change ≤ 1.5× `cp -al`, peak RSS ≤ 150 MB.
 *
 * Options: --files N (default 1000000), --seed N, --dir PATH (work folder; default .bench/ in the
 * worktree), --warm (never drop caches), --rsync (also time `rsync -a --link-dest`, no change),
 * --keep (leave the work folder), --json PATH (write the results as JSON), --bundle (run phlb from a
 * `deno bundle` of main.ts, the closest stand-in here for a compiled binary), --runs N (N no-change
 * backups, default 1: shows whether a run slows down, or writes more, as snapshots pile up),
 * --max-bytes N (caps every file at N bytes: a million files of at most 48 bytes fit in the inodes
 * of an ext4 made with `-O inline_data`, a few GiB in all, where the default sizes need about 8 GiB
 * per copy on a 4 KiB-block ext4; peak RSS depends on the number of files, not their sizes).
 *
 * Each no-change run and `cp -al` also report the bytes written to the disk (the block device's
 * counter, read after `sync`): what the run costs the disk, index and manifest included.
 * @module
 */
import {
  ContentPool,
  diskWrittenCounter,
  dropCaches,
  haveCommand,
  machineInfo,
  mib,
  parseFlags,
  phlbArgv,
  phlbBackup,
  phlbEntryLabel,
  planTree,
  ratio,
  removeTree,
  secs,
  sizeOnDisk,
  smallSizes,
  table,
  type Timed,
  timedOk,
  usePhlbBundle,
  writeTree,
} from "./bench_lib.ts";

const flags = parseFlags(Deno.args);
const FILES = Number(flags.get("files") ?? 1_000_000);
const SEED = Number(flags.get("seed") ?? 20261128);
const WARM = flags.has("warm");
const KEEP = flags.has("keep");
const BUNDLE = flags.has("bundle");
const RUNS = Math.max(1, Number(flags.get("runs") ?? 1));
const RSYNC = flags.has("rsync");
const JSON_OUT = flags.get("json");
const MAX_BYTES = flags.has("max-bytes") ? Number(flags.get("max-bytes")) : undefined;
const WORK = flags.get("dir") ?? new URL(`../.bench/scale-${Deno.pid}`, import.meta.url).pathname;
const TARGETS = { noChangeVsCpAl: 1.5, rssBytes: 150 * (1 << 20) };

function log(msg: string): void {
  console.error(`[bench:scale] ${new Date().toISOString().slice(11, 19)} ${msg}`);
}

let cold = !WARM;
function prepare(): void {
  if (cold) cold = dropCaches();
  else new Deno.Command("sync").outputSync();
}

function run(t: Timed): string {
  const cpu = t.cpuSeconds === undefined ? "" : ` (cpu ${secs(t.cpuSeconds)})`;
  return `${secs(t.seconds)} s${cpu}, ${mib(t.peakRssBytes)}`;
}

async function main(): Promise<void> {
  if (RSYNC && !haveCommand("rsync")) {
    throw new Error("--rsync needs rsync: apt-get update && apt-get install -y rsync");
  }
  removeTree(WORK);
  Deno.mkdirSync(WORK, { recursive: true });
  const src = `${WORK}/src`;
  const root = `${WORK}/phlb`;
  log(`work folder ${WORK}`);
  if (BUNDLE) log(`phlb runs from ${usePhlbBundle(WORK)}`);

  const started = performance.now();
  const tree = planTree({
    seed: SEED,
    files: FILES,
    filesPerDir: 20,
    duplicateFraction: 0.1,
    symlinks: Math.round(FILES / 1000),
    size: MAX_BYTES === undefined ? smallSizes : (rng) => {
      const s = smallSizes(rng);
      return { ...s, sizeBytes: Math.min(s.sizeBytes, MAX_BYTES) };
    },
  });
  const totalBytes = writeTree(src, tree, new ContentPool(SEED));
  log(
    `tree: ${tree.files.length} files, ${tree.dirs.length} folders, ${tree.symlinks.length} symlinks, ` +
      `${mib(totalBytes)}; written in ${secs((performance.now() - started) / 1000)} s`,
  );
  {
    const [cmd, args] = phlbArgv(["version"]);
    await timedOk(cmd, args);
  }
  cold = !WARM && dropCaches();
  log(cold ? "dropping caches before every timed command" : "warm caches (drop_caches not used)");

  prepare();
  const first = await phlbBackup(src, root, "scale");
  if (first.summary.errors !== 0 || first.summary.files !== tree.files.length) {
    throw new Error(`first backup: ${JSON.stringify(first.summary)}`);
  }
  log(`phlb first backup: ${run(first)}`);
  const snapshot = first.summary.snapshotPath;

  const written = diskWrittenCounter(WORK);
  /** Runs `fn` after prepare(), and the disk bytes it wrote (counted after a sync). */
  const measured = async <T>(fn: () => Promise<T>): Promise<T & { writtenBytes?: number }> => {
    prepare();
    const before = written?.();
    const result = await fn();
    new Deno.Command("sync").outputSync();
    const after = written?.();
    return { ...result, writtenBytes: before === undefined ? undefined : after! - before };
  };
  const wrote = (t: { writtenBytes?: number }) =>
    t.writtenBytes === undefined ? "" : `, ${mib(t.writtenBytes)} written`;

  const cpal = await measured(() => timedOk("cp", ["-al", snapshot, `${WORK}/cp-al`]));
  log(`cp -al of the first snapshot: ${run(cpal)}${wrote(cpal)}`);
  removeTree(`${WORK}/cp-al`);

  let rsync: Timed | undefined;
  if (RSYNC) {
    prepare();
    rsync = await timedOk("rsync", ["-a", `--link-dest=${snapshot}`, `${src}/`, `${WORK}/rsync/`]);
    log(`rsync -a --link-dest, no change: ${run(rsync)}`);
    removeTree(`${WORK}/rsync`);
  }

  const noChange: (Awaited<ReturnType<typeof phlbBackup>> & { writtenBytes?: number })[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const r = await measured(() => phlbBackup(src, root, "scale"));
    if (r.summary.errors !== 0 || r.summary.unchangedLinked !== tree.files.length) {
      throw new Error(`no-change backup: ${JSON.stringify(r.summary)}`);
    }
    log(`phlb no-change backup ${i}/${RUNS} (snapshot ${i + 1}): ${run(r)}${wrote(r)}`);
    noChange.push(r);
  }

  const indexBytes = ["", "-wal", "-shm"].reduce(
    (sum, ext) => sum + (sizeOnDisk(`${root}/.phlb/index.sqlite${ext}`) ?? 0),
    0,
  );
  const peak = Math.max(first.peakRssBytes ?? 0, ...noChange.map((r) => r.peakRssBytes ?? 0));
  const ok = (good: boolean) => (good ? "ok" : "MISSED");
  console.log("");
  console.log(
    `phlb scale benchmark: ${tree.files.length} files in ${tree.dirs.length} folders, ${mib(totalBytes)}, ` +
      `seed ${SEED}${MAX_BYTES === undefined ? "" : `, files of at most ${MAX_BYTES} bytes`}, ${
        cold ? "caches dropped before every command" : "warm caches (caches not dropped)"
      }`,
  );
  console.log(`machine: ${machineInfo(WORK)}`);
  console.log(`phlb ran as: ${phlbEntryLabel()}, with the phlb task's flags`);
  console.log(`load average at the end: ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  console.log("");
  const disk = (t: { writtenBytes?: number }) => t.writtenBytes === undefined ? "—" : mib(t.writtenBytes);
  const rows = [
    ["phlb first backup", secs(first.seconds), secs(first.cpuSeconds), mib(first.peakRssBytes), "", "", ""],
    [
      "cp -al (link farm only)",
      secs(cpal.seconds),
      secs(cpal.cpuSeconds),
      mib(cpal.peakRssBytes),
      disk(cpal),
      "",
      "",
    ],
  ];
  if (rsync) {
    rows.push([
      "rsync --link-dest, no change",
      secs(rsync.seconds),
      secs(rsync.cpuSeconds),
      mib(rsync.peakRssBytes),
      "",
      "",
      "",
    ]);
  }
  noChange.forEach((r, i) =>
    rows.push([
      RUNS === 1 ? "phlb no-change backup" : `phlb no-change backup, snapshot ${i + 2}`,
      secs(r.seconds),
      secs(r.cpuSeconds),
      mib(r.peakRssBytes),
      disk(r),
      `${ratio(r.seconds, cpal.seconds)} cp -al`,
      i === 0 ? `≤ ${TARGETS.noChangeVsCpAl}× ${ok(r.seconds / cpal.seconds <= TARGETS.noChangeVsCpAl)}` : "",
    ])
  );
  console.log(table(["run", "wall s", "cpu s", "peak RSS", "disk written", "ratio", "target"], rows));
  console.log("");
  console.log(
    `peak RSS of phlb: ${mib(peak)} (target ≤ ${mib(TARGETS.rssBytes)}: ${ok(peak <= TARGETS.rssBytes)})`,
  );
  console.log(`index size after ${RUNS + 1} snapshots: ${mib(indexBytes)}`);
  if (JSON_OUT) {
    Deno.writeTextFileSync(
      JSON_OUT,
      JSON.stringify(
        {
          files: tree.files.length,
          dirs: tree.dirs.length,
          totalBytes,
          seed: SEED,
          cold,
          machine: machineInfo(WORK),
          phlbRanAs: phlbEntryLabel(),
          first: { seconds: first.seconds, cpuSeconds: first.cpuSeconds, peakRssBytes: first.peakRssBytes },
          cpAl: { seconds: cpal.seconds, cpuSeconds: cpal.cpuSeconds, writtenBytes: cpal.writtenBytes },
          rsync: rsync && { seconds: rsync.seconds, cpuSeconds: rsync.cpuSeconds },
          noChange: noChange.map((r) => ({
            seconds: r.seconds,
            cpuSeconds: r.cpuSeconds,
            peakRssBytes: r.peakRssBytes,
            writtenBytes: r.writtenBytes,
          })),
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
  if (!KEEP) {
    log("removing the work folder");
    removeTree(WORK);
  } else log(`kept ${WORK}`);
}
