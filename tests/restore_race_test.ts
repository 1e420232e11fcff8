/**
 * Issue 16, part 1: root restores into a folder that another user owns, while that user swaps the
 * folder's subfolders for symlinks to a root-only folder outside it. Nothing outside TARGET may
 * change: not a mode, an owner, a time, an entry or a byte.
 *
 * The racer is a separate process under another uid (setpriv), as the attacker would be; the
 * restores run in this process (the library call `phlb restore` makes), so that 20 rounds in each
 * --overwrite mode take seconds, not a minute of process starts; each mode's last round runs the
 * command itself.
 */
import { assert, assertEquals } from "./assert.ts";
import { phlb, sh, skipUnless, withTempDir, writeTree } from "./helpers.ts";
import { q } from "./manage_helpers.ts";
import { runBackup } from "../src/backup/engine.ts";
import { type OverwriteMode, runRestore } from "../src/restore/restore.ts";
import { resolveSnapshotRef } from "../src/store/ref.ts";
import { sha256Hex } from "../src/fs/hash.ts";
import { openBackend } from "../src/fs/native/mod.ts";

const RACER_UID = 4321;
const ROUNDS = 20;
const MODES: readonly OverwriteMode[] = ["never", "if-newer", "always"];
/** The suite's pass without FFI: in-process runs take the Deno-API backend (tests/helpers.ts). */
const NO_FFI = Deno.env.get("PHLB_NO_FFI") === "1";

const hasSetpriv = Deno.build.os === "linux" &&
  new Deno.Command("sh", { args: ["-c", "command -v setpriv"], stdout: "null", stderr: "null" }).outputSync()
    .success;
const asRootWithSetpriv = Deno.build.os === "linux" && Deno.uid() === 0 && hasSetpriv;

/**
 * The racer, run as RACER_UID: forever, each folder it can rename in the target named in file
 * CURRENT (and one level down, where restored folders let it) is moved away, a symlink to OUTSIDE
 * put in its place for a moment, then the folder is put back. Its swap count goes to COUNT_FILE
 * now and then.
 */
const RACER = `
const [current, outside, countFile] = Deno.args;
let n = 0;
const swap = (dir) => {
  let names;
  try {
    names = [...Deno.readDirSync(dir)].filter((e) => e.isDirectory && !e.name.startsWith(".")).map((e) => e.name);
  } catch {
    return [];
  }
  for (const name of names) {
    const p = dir + "/" + name;
    const away = dir + "/.away-" + n;
    try { Deno.renameSync(p, away); } catch { continue; }
    n++;
    try { Deno.symlinkSync(n % 2 ? outside : outside + "/sub", p); } catch { /* taken meanwhile */ }
    const until = performance.now() + 0.05;
    while (performance.now() < until) { /* hold the symlink in place a moment */ }
    try { Deno.removeSync(p); } catch { /* gone or a folder now */ }
    try { Deno.renameSync(away, p); } catch { /* stays away */ }
    if (n % 64 === 0) {
      Deno.writeTextFileSync(countFile + ".tmp", String(n));
      Deno.renameSync(countFile + ".tmp", countFile);
    }
  }
  return names;
};
console.log("ready");
for (;;) {
  let target;
  try { target = Deno.readTextFileSync(current); } catch { continue; }
  for (const name of swap(target)) swap(target + "/" + name);
}
`;
/** Every entry under `dir` with type, mode, owner, mtime and ctime in ns, size, and file hashes. */
function stateOf(dir: string): string {
  const fs = openBackend({ prefer: "native" });
  try {
    const lines: string[] = [];
    const visit = (path: string, rel: string) => {
      const st = fs.lstat(path);
      const content = st.isFile ? sha256Hex(Deno.readFileSync(path)) : "";
      lines.push(
        `${st.type} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${st.mtimeSec}.${st.mtimeNsec} ` +
          `${st.ctimeSec}.${st.ctimeNsec} ${st.size} ${rel} ${content}`,
      );
      if (st.isDirectory) {
        for (const e of fs.readDir(path)) visit(`${path}/${e.name}`, `${rel}/${e.name}`);
      }
    };
    visit(dir, ".");
    return lines.sort().join("\n");
  } finally {
    fs.close();
  }
}

/** The lines of `after` that are not in `before`, and the reverse: what changed. */
function changes(before: string, after: string): string[] {
  const a = new Set(before.split("\n"));
  const b = new Set(after.split("\n"));
  return [
    ...[...a].filter((l) => !b.has(l)).map((l) => `- ${l}`),
    ...[...b].filter((l) => !a.has(l)).map((l) => `+ ${l}`),
  ];
}

/** A source with folders of several modes and owners, and names the outside folder has too. */
function raceSource(src: string): void {
  const files: Record<string, string> = { "top.txt": "top" };
  for (let d = 0; d < 6; d++) {
    for (let f = 0; f < 6; f++) files[`d${d}/f${f}`] = `d${d}/f${f}`;
    files[`d${d}/sub/f0`] = `d${d}/sub/f0`;
    files[`d${d}/sub/deeper/f1`] = `d${d}/sub/deeper/f1`;
  }
  writeTree(src, files);
  for (let d = 0; d < 6; d++) {
    Deno.symlinkSync("f0", `${src}/d${d}/link`);
    // Modes the restore sets: 777 lets the racer into restored folders in later rounds.
    Deno.chmodSync(`${src}/d${d}`, [0o755, 0o777, 0o700, 0o750, 0o777, 0o711][d]);
    Deno.chmodSync(`${src}/d${d}/sub`, d % 2 ? 0o777 : 0o755);
    Deno.chmodSync(`${src}/d${d}/f0`, 0o666);
    Deno.chownSync(`${src}/d${d}/f1`, 1234, 1234);
    Deno.chownSync(`${src}/d${d}/sub`, 1234, 1234);
  }
}

/** A root-only folder beside TARGET with a file and a folder whose names the snapshot has too. */
function makeOutside(outside: string): void {
  writeTree(outside, { "f0": "outside f0", "f1": "outside f1", "sub/f0": "outside sub/f0", "secret": "s" });
  for (const p of ["", "/sub"]) Deno.chmodSync(outside + p, 0o700);
  Deno.chmodSync(`${outside}/f0`, 0o600);
}

Deno.test(skipUnless(
  asRootWithSetpriv && !NO_FFI,
  NO_FFI
    ? "without the native layer a root restore refuses such a target (tested below); the race needs folder handles"
    : "needs Linux, root and setpriv: the racer runs as another uid",
  {
    name:
      "restore as root into another user's folder: a racer swapping its folders for symlinks changes nothing " +
      `outside TARGET (${ROUNDS} rounds in each --overwrite mode)`,
    // The racer's pipes and the snapshot's handles are closed by the test itself.
    sanitizeResources: false,
    fn: async () => {
      await withTempDir(async (dir) => {
        // On a tmpfs: each restore ends with a syncfs, which on a busy shared disk takes 100-500 ms.
        const t = `${dir}/fs`;
        Deno.mkdirSync(t);
        Deno.chmodSync(dir, 0o755);
        const mounted = (await sh(`mount -t tmpfs -o mode=755,size=64m tmpfs ${q(t)}`)).code === 0;
        try {
          await raceAll(t);
        } finally {
          if (mounted) await sh(`umount ${q(t)}`);
        }
      });
    },
  },
));

/** The race in folder `t`: the snapshot, the outside folder, then every mode's rounds. */
async function raceAll(t: string): Promise<void> {
  Deno.chmodSync(t, 0o755);
  const src = `${t}/src`;
  const root = `${t}/root`;
  raceSource(src);
  await runBackup({ source: src, root, name: "src" });
  const outside = `${t}/outside`;
  makeOutside(outside);
  const racerDir = `${t}/racer`;
  Deno.mkdirSync(racerDir);
  Deno.writeTextFileSync(`${racerDir}/racer.js`, RACER);
  Deno.chownSync(racerDir, RACER_UID, RACER_UID);
  // An earlier restore's tree, older than the snapshot, for the rounds that find one in TARGET:
  // its files are replaced (--overwrite if-newer/always), d0..d2 are there, d3..d5 are new.
  const earlier = `${t}/earlier`;
  await runRestore({
    snapshot: resolveSnapshotRef("src@latest", { root: () => root }),
    target: earlier,
  });
  for (let d = 3; d < 6; d++) Deno.removeSync(`${earlier}/d${d}`, { recursive: true });
  assertEquals((await sh(`find ${q(earlier)} -exec touch -h -d 2001-01-01 {} +`)).code, 0);
  const current = `${racerDir}/current`;
  const report: string[] = [];
  const summaries: string[] = [];
  let changedRounds = 0;
  let files = 0;
  for (const mode of MODES) {
    const countFile = `${racerDir}/count-${mode}`;
    Deno.writeTextFileSync(current, "");
    const racer = new Deno.Command("setpriv", {
      args: [
        `--reuid=${RACER_UID}`,
        `--regid=${RACER_UID}`,
        "--clear-groups",
        Deno.execPath(),
        "run",
        "--quiet",
        "-A",
        `${racerDir}/racer.js`,
        current,
        outside,
        countFile,
      ],
      env: { DENO_DIR: `${racerDir}/deno`, HOME: racerDir, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "null",
    }).spawn();
    let changed = 0;
    const reader = racer.stdout.getReader();
    try {
      const first = await reader.read();
      assertEquals(new TextDecoder().decode(first.value).trim(), "ready");
      for (let round = 0; round < ROUNDS; round++) {
        // A new TARGET each round, owned by the racer's uid: empty for --overwrite never (every
        // folder is made and given its metadata), else holding the earlier tree.
        const target = `${t}/target-${mode}-${round}`;
        if (mode === "never") Deno.mkdirSync(target);
        else assertEquals((await sh(`cp -a ${q(earlier)} ${q(target)}`)).code, 0);
        Deno.chownSync(target, RACER_UID, RACER_UID);
        Deno.chmodSync(target, 0o755);
        Deno.writeTextFileSync(current, target);
        const before = stateOf(outside);
        if (round === ROUNDS - 1) {
          // The last round as a user runs it: the command, which makes the same call.
          const r = await phlb([
            "restore",
            "src@latest",
            target,
            "--root",
            root,
            "--overwrite",
            mode,
            "--json",
          ]);
          assert(r.code === 0 || r.code === 3, `phlb restore exited ${r.code}: ${r.stderr}`);
          files += JSON.parse(r.stdout).files;
        } else {
          const summary = await runRestore({
            snapshot: resolveSnapshotRef("src@latest", { root: () => root }),
            target,
            overwrite: mode,
          });
          files += summary.files;
        }
        const diff = changes(before, stateOf(outside));
        if (diff.length > 0) {
          changed++;
          if (report.length < 40) report.push(`${mode} round ${round + 1}:`, ...diff.slice(0, 6));
        }
      }
    } finally {
      racer.kill("SIGKILL");
      await racer.status;
      await reader.cancel().catch(() => {});
    }
    const swaps = Number(Deno.readTextFileSync(countFile));
    summaries.push(
      `--overwrite ${mode}: outside changed in ${changed} of ${ROUNDS} rounds (${swaps} swaps)`,
    );
    changedRounds += changed;
    // The racer really raced: it swapped folders many times while the restores ran.
    assert(swaps >= 64, `the racer swapped only ${swaps} times`);
  }
  console.log(summaries.join("\n"));
  assertEquals(changedRounds, 0, `writes outside TARGET:\n${[...summaries, ...report].join("\n")}`);
  // The restores did their work around the racer.
  assert(files > 0, "no file was restored");
}
