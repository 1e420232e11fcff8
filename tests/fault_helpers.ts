/**
 * Helpers for the fault tests (tests/faults_*_test.ts): real mounts, a phlb child that can be
 * killed at a chosen moment, and the invariants every backup root must keep whatever happened to
 * the run that wrote it. Written so that verify/add/prune get the same checks: give
 * {@linkcode checkRoot} the root and it checks every snapshot of a name, whoever wrote it.
 * @module
 */
import { BackupIndex } from "../src/index/index.ts";
import { hashFileSync, sha256Hex } from "../src/fs/hash.ts";
import { readManifest } from "../src/store/manifest.ts";
import { assert, assertEquals } from "./assert.ts";
import {
  IS_WINDOWS,
  NO_SYMLINKS,
  phlbCommandArgs,
  sh,
  symlinkSync,
  wineScaled,
  writeTree,
} from "./helpers.ts";

/** True on Linux, where /proc, mounts, setpriv and coreutils are available. */
export const IS_LINUX = Deno.build.os === "linux";

function run(cmd: string, args: string[]): { code: number; out: string } {
  try {
    const r = new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).outputSync();
    const dec = new TextDecoder();
    return { code: r.code, out: dec.decode(r.stdout) + dec.decode(r.stderr) };
  } catch (err) {
    return { code: 127, out: String(err) };
  }
}

let mountProbe: string | undefined | null = null;

/**
 * Why mounting a tmpfs is impossible here, or undefined when it works. Probed once by mounting a
 * tiny tmpfs; tests that need mounts pass this to `ignore` and print the reason.
 */
export function mountRefused(): string | undefined {
  if (mountProbe !== null) return mountProbe;
  if (!IS_LINUX) return mountProbe = `mounts are only tried on Linux (this is ${Deno.build.os})`;
  const dir = Deno.makeTempDirSync({ prefix: "phlb-mount-probe-" });
  try {
    const r = run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
    if (r.code !== 0) return mountProbe = `mounting a tmpfs was refused: ${r.out.trim()}`;
    run("umount", [dir]);
    return mountProbe = undefined;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** Reports why a test is skipped, once, where the test output shows it. */
export function skipReason(test: string, reason: string | undefined): boolean {
  if (reason) console.log(`skipping "${test}": ${reason}`);
  return reason !== undefined;
}

/** Mounts a tmpfs of `sizeBytes` on `dir`. */
export function mountTmpfs(dir: string, sizeBytes: number): void {
  const r = run("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes}`, "tmpfs", dir]);
  if (r.code !== 0) throw new Error(`mount tmpfs on ${dir} failed: ${r.out}`);
}

/** Remounts the tmpfs on `dir` with a new size. */
export function resizeTmpfs(dir: string, sizeBytes: number): void {
  const r = run("mount", ["-o", `remount,size=${sizeBytes}`, dir]);
  if (r.code !== 0) throw new Error(`remount of ${dir} failed: ${r.out}`);
}

/**
 * A temp folder on its own tmpfs where mounting works (file creation there is several times
 * cheaper than on this machine's disk, which keeps kill loops short), else a plain temp folder.
 * Unmounted and removed after `fn`.
 */
export async function withScratch(
  fn: (dir: string) => Promise<void> | void,
  sizeBytes = 1 << 30,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "phlb-fault-" });
  const mounted = mountRefused() === undefined;
  try {
    if (mounted) mountTmpfs(dir, sizeBytes);
    await fn(dir);
  } finally {
    if (mounted) unmount(dir);
    await Deno.remove(dir, { recursive: true }).catch(async () => {
      if (Deno.build.os !== "windows") {
        await new Deno.Command("chmod", { args: ["-R", "u+w", dir] }).output().catch(() => {});
      }
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    });
  }
}

/** Creates a sparse ext4 image of `sizeBytes` with room for `inodes`, and loop-mounts it on `dir`. */
export function mountExt4(image: string, dir: string, options: { sizeBytes: number; inodes: number }): void {
  Deno.writeFileSync(image, new Uint8Array(0));
  Deno.truncateSync(image, options.sizeBytes);
  let r = run("mkfs.ext4", ["-q", "-F", "-N", String(options.inodes), "-E", "lazy_itable_init=1", image]);
  if (r.code !== 0) throw new Error(`mkfs.ext4 failed: ${r.out}`);
  r = run("mount", ["-o", "loop", image, dir]);
  if (r.code !== 0) throw new Error(`mount -o loop ${image} failed: ${r.out}`);
}

/** Unmounts `dir`; never throws (a test's own failure is what matters), lazily if it is busy. */
export function unmount(dir: string): void {
  if (run("umount", [dir]).code !== 0) run("umount", ["-l", dir]);
}

/** A small seeded PRNG (mulberry32), so a failing random schedule can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One entry of a tree listing. */
export interface ListedEntry {
  kind: "file" | "dir" | "symlink" | "other";
  ino: number;
  sizeBytes: number;
  mtimeMs: number;
  mode: number;
  /** sha256 of a file's bytes, or a symlink's target. */
  content: string;
}

/**
 * Lists a tree: every entry's "/"-separated path with inode, size, mtime, mode and content hash.
 * `hashes` caches file hashes by inode across calls that happen while nothing is written
 * (snapshots share inodes, so each is read once per check).
 */
export function listTree(dir: string, hashes = new Map<number, string>()): Map<string, ListedEntry> {
  const out = new Map<string, ListedEntry>();
  const visit = (abs: string, rel: string) => {
    for (const e of [...Deno.readDirSync(abs)].sort((a, b) => a.name < b.name ? -1 : 1)) {
      const p = `${abs}/${e.name}`;
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      const st = Deno.lstatSync(p);
      let kind: ListedEntry["kind"] = "other";
      let content = "";
      if (st.isFile) {
        kind = "file";
        // Small files in one read; big ones in chunks (readFileSync of 100 MiB takes seconds).
        content = hashes.get(st.ino!) ??
          (st.size <= 1 << 20 ? sha256Hex(Deno.readFileSync(p)) : hashFileSync(p).hash);
        hashes.set(st.ino!, content);
      } else if (st.isDirectory) kind = "dir";
      else if (st.isSymlink) {
        kind = "symlink";
        content = Deno.readLinkSync(p);
      }
      out.set(r, {
        kind,
        ino: st.ino!,
        sizeBytes: kind === "dir" ? 0 : st.size,
        mtimeMs: kind === "symlink" || kind === "dir" ? 0 : st.mtime!.getTime(),
        mode: st.mode! & 0o7777,
        content,
      });
      if (kind === "dir") visit(p, r);
    }
  };
  visit(dir, "");
  return out;
}

/** Asserts two listings are identical, naming the first difference. */
export function assertSameListing(
  actual: Map<string, ListedEntry>,
  expected: Map<string, ListedEntry>,
  what: string,
): void {
  for (const [rel, e] of expected) {
    const a = actual.get(rel);
    assert(a !== undefined, `${what}: "${rel}" is missing`);
    assertEquals(a, e, `${what}: "${rel}" changed`);
  }
  for (const rel of actual.keys()) assert(expected.has(rel), `${what}: "${rel}" appeared`);
}

/** The snapshot folders of ROOT/NAME by state, from the folder names alone. */
export function snapshotFolders(
  root: string,
  name: string,
): { complete: string[]; partial: string[]; deleting: string[] } {
  const complete: string[] = [];
  const partial: string[] = [];
  const deleting: string[] = [];
  let entries: Deno.DirEntry[] = [];
  try {
    entries = [...Deno.readDirSync(`${root}/${name}`)];
  } catch { /* no snapshot yet */ }
  for (const e of entries) {
    if (!e.isDirectory) continue;
    if (e.name.endsWith(".partial")) partial.push(e.name.slice(0, -".partial".length));
    else if (e.name.endsWith(".deleting")) deleting.push(e.name.slice(0, -".deleting".length));
    else complete.push(e.name);
  }
  return { complete: complete.sort(), partial: partial.sort(), deleting: deleting.sort() };
}

/**
 * Checks the invariants of one backup name under a root, whatever happened to the runs:
 * - every folder without a suffix is a complete snapshot: its manifest and summary exist, the
 *   manifest names exactly its regular files with their hashes, and `sha256sum --strict -c`
 *   passes (skipped with `sha256sum: false` for huge snapshots: the hashes are compared anyway);
 * - `known` (snapshot id → listing recorded when it was first checked, manifest included) is
 *   unchanged, byte for byte, inode for inode, so it would still pass `sha256sum -c`;
 * - the index (when it can be read) records each complete snapshot with as many entries as its tree.
 * With `removable` (prune), a known snapshot may be gone, and is then deleted from `known`.
 * Returns the listings of the complete snapshots not yet in `known` (so the caller can add them).
 */
export async function checkRoot(
  root: string,
  name: string,
  known: Map<string, Map<string, ListedEntry>>,
  options: { sha256sum?: boolean; removable?: boolean } = {},
): Promise<Map<string, Map<string, ListedEntry>>> {
  const { complete } = snapshotFolders(root, name);
  const hashes = new Map<number, string>();
  const fresh = new Map<string, Map<string, ListedEntry>>();
  for (const id of complete) {
    const dir = `${root}/${name}/${id}`;
    const manifest = `${root}/${name}/${id}.sha256`;
    assert(statOrNull(manifest)?.isFile, `complete-looking ${id} has no manifest`);
    assert(statOrNull(`${root}/${name}/${id}.summary.json`)?.isFile, `complete-looking ${id} has no summary`);
    const listing = listTree(dir, hashes);
    const before = known.get(id);
    if (!before) {
      const files = [...listing].filter(([, e]) => e.kind === "file").map(([rel]) => rel).sort();
      const lines = [...readManifest(manifest)];
      assertEquals(
        lines.map((e) => e.path).sort(),
        files,
        `manifest of ${id} does not name exactly its files`,
      );
      for (const line of lines) {
        assertEquals(line.hash, listing.get(line.path)!.content, `manifest of ${id}: "${line.path}"`);
      }
      // The same check with the standard tool, where it is affordable and installed (Windows has
      // none; the hashes above are the check there). sha256sum rejects a manifest with no lines,
      // as a snapshot without files has.
      if (files.length > 0 && options.sha256sum !== false && !IS_WINDOWS) {
        const check = await sh(`cd '${dir}' && sha256sum --strict --quiet -c '../${id}.sha256'`);
        assertEquals(check.code, 0, `sha256sum -c of ${id}: ${check.stdout}${check.stderr}`);
      }
    }
    // The manifest belongs to the snapshot too: a changed manifest could hide a changed file.
    listing.set(MANIFEST_KEY, sidecarEntry(manifest));
    // Same bytes, inodes and manifest as when sha256sum checked it: it still passes.
    if (before) assertSameListing(listing, before, `snapshot ${id}`);
    else fresh.set(id, listing);
  }
  for (const id of [...known.keys()]) {
    if (complete.includes(id)) continue;
    // Under prune a snapshot may go, whole: it is then forgotten here too.
    assert(options.removable, `complete snapshot ${id} disappeared`);
    known.delete(id);
  }
  checkIndexAgrees(root, name, complete, fresh, known);
  return fresh;
}

function checkIndexAgrees(
  root: string,
  name: string,
  complete: string[],
  fresh: Map<string, Map<string, ListedEntry>>,
  known: Map<string, Map<string, ListedEntry>>,
): void {
  // A run killed after it made the root's meta folder and before it made the index leaves none;
  // nothing is complete then, and the next run makes it.
  if (complete.length === 0 && statOrNull(`${root}/.phlb/index.sqlite`) === null) return;
  let index: BackupIndex;
  try {
    index = BackupIndex.open(`${root}/.phlb`, { readOnly: true });
  } catch (err) {
    throw new Error(`the index of ${root} cannot be opened after the run: ${err}`);
  }
  try {
    const rows = new Map(index.listSnapshots(name).map((r) => [r.snapId, r]));
    for (const id of complete) {
      const row = rows.get(id);
      // A run killed between the final rename and the index update leaves the row "partial";
      // the next run fixes it from the tree. The entries were committed before the rename.
      assert(row !== undefined, `complete snapshot ${id} is not in the index`);
      const listing = fresh.get(id) ?? known.get(id)!;
      assertEquals(index.countEntries(row.id), listing.size - 1, `index entries of ${id}`);
    }
  } finally {
    index.close();
  }
}

/** The key under which a snapshot's listing holds its manifest file. */
export const MANIFEST_KEY = "../manifest";

function sidecarEntry(path: string): ListedEntry {
  const st = Deno.lstatSync(path);
  return {
    kind: "other",
    ino: st.ino!,
    sizeBytes: st.size,
    mtimeMs: st.mtime!.getTime(),
    mode: st.mode! & 0o7777,
    content: sha256Hex(Deno.readFileSync(path)),
  };
}

function statOrNull(path: string): Deno.FileInfo | null {
  try {
    return Deno.lstatSync(path);
  } catch {
    return null;
  }
}

let home: string | undefined;

/**
 * An empty HOME for phlb children, as tests/helpers.ts's phlb() gives them, so that no fault test
 * reads the real ~/PyHardLinkBackup.ini. Removed when the test process ends.
 */
export function isolatedHome(): string {
  if (home) return home;
  const dir = Deno.makeTempDirSync({ prefix: "phlb-fault-home-" });
  globalThis.addEventListener("unload", () => {
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch { /* gone already */ }
  });
  return home = dir;
}

/** A running phlb child whose output is collected as it comes. */
export class PhlbChild {
  readonly child: Deno.ChildProcess;
  stdout = "";
  stderr = "";
  #done: Promise<void>;

  constructor(args: string[], options: { env?: Record<string, string> } = {}) {
    this.child = new Deno.Command(Deno.execPath(), {
      args: phlbCommandArgs(args),
      env: { NO_COLOR: "1", HOME: isolatedHome(), ...options.env },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const pump = async (stream: ReadableStream<Uint8Array>, into: "stdout" | "stderr") => {
      const dec = new TextDecoder();
      for await (const chunk of stream) this[into] += dec.decode(chunk, { stream: true });
    };
    this.#done = Promise.all([pump(this.child.stdout, "stdout"), pump(this.child.stderr, "stderr")]).then(
      () => {},
    );
  }

  /** Waits until stderr holds `text`, or the child ends (then returns false). */
  waitForStderr(text: string, timeoutMs = 30_000): Promise<boolean> {
    return this.#waitFor(() => this.stderr.includes(text), timeoutMs);
  }

  /** Waits until stdout or stderr holds `text`, or the child ends (then returns false). */
  waitForOutput(text: string, timeoutMs = 30_000): Promise<boolean> {
    return this.#waitFor(() => this.stdout.includes(text) || this.stderr.includes(text), timeoutMs);
  }

  async #waitFor(seen: () => boolean, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    let ended = false;
    this.child.status.then(() => ended = true);
    while (!seen()) {
      if (ended || Date.now() > until) return seen();
      await new Promise((r) => setTimeout(r, 2));
    }
    return true;
  }

  #sentKill = false;

  /** Sends a signal; a child that already ended is fine. */
  kill(signal: Deno.Signal): void {
    if (signal === "SIGKILL") this.#sentKill = true;
    try {
      this.child.kill(signal);
    } catch { /* already gone */ }
  }

  /**
   * Waits for the end; returns the exit code (128 + n for a signal), the output, and whether the
   * SIGKILL ended it. On Windows there are no signals: Deno's kill() ends the process with exit
   * code 1 (TerminateProcess), so a child sent SIGKILL that ends with 1 counts as killed there.
   */
  async finish(): Promise<
    { code: number; signal: Deno.Signal | null; killed: boolean; stdout: string; stderr: string }
  > {
    const status = await this.child.status;
    await this.#done;
    const killed = status.signal === "SIGKILL" || (IS_WINDOWS && this.#sentKill && status.code === 1);
    return { code: status.code, signal: status.signal, killed, stdout: this.stdout, stderr: this.stderr };
  }
}

/** Asserts that stderr holds exactly one `error:` line containing `part`, and no stack trace. */
export function assertOneErrorLine(stderr: string, part: string): string {
  const lines = stderr.split("\n").filter((l) => l.startsWith("error:"));
  assertEquals(lines.length, 1, `expected one error line in:\n${stderr}`);
  assert(lines[0].includes(part), `expected "${part}" in: ${lines[0]}`);
  assert(!/^\s+at /m.test(stderr), `stack trace in:\n${stderr}`);
  assert(!stderr.includes("--debug for details"), `an unexpected-error line in:\n${stderr}`);
  return lines[0];
}

/** Runs phlb to the end and returns how long it took after printing `startedText` (ms). */
export async function timeRun(args: string[], startedText: string): Promise<number> {
  const child = new PhlbChild(args);
  assert(await child.waitForOutput(startedText), child.stderr);
  const started = Date.now();
  const r = await child.finish();
  assertEquals(r.code, 0, r.stderr);
  return Date.now() - started;
}

/** Options for {@linkcode killAtRandomMoments}. */
export interface KillLoopOptions {
  /** The phlb arguments of the run to kill, e.g. `["backup", SRC, ROOT]` (or add, prune, …). */
  args: string[] | ((i: number) => string[]);
  kills: number;
  rand: () => number;
  /** How long the command works after printing `startedText`; kill moments reach 1.2 times that. */
  runMs: number;
  /** What the command prints (stdout or stderr) when its real work starts; most kills wait for it. */
  startedText: string;
  /** Before each run, e.g. to change the source. */
  before?: (i: number) => void | Promise<void>;
  /** After each kill, with how the run ended: check the root here. Returns a note for the log. */
  after: (
    i: number,
    result: Awaited<ReturnType<PhlbChild["finish"]>>,
  ) => Promise<string | void> | string | void;
}

/**
 * Starts the command `kills` times and SIGKILLs it at a random moment: mostly while it works (up
 * to a little after it would have finished, so the end is covered), sometimes during start-up.
 * Returns one line per run: how it ended, and the note `after` returned.
 */
export async function killAtRandomMoments(options: KillLoopOptions): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < options.kills; i++) {
    await options.before?.(i);
    const child = new PhlbChild(typeof options.args === "function" ? options.args(i) : options.args);
    if (options.rand() < 0.85) await child.waitForOutput(options.startedText);
    await new Promise((r) => setTimeout(r, options.rand() * options.runMs * 1.2));
    child.kill("SIGKILL");
    const result = await child.finish();
    const note = await options.after(i, result);
    outcomes.push(`${result.killed ? "killed" : `exit ${result.code}`} ${note ?? ""}`.trim());
  }
  return outcomes;
}

/** A source of a few thousand files that the test mutates between runs, remembering what it touched. */
export class MutatingSource {
  readonly dir: string;
  readonly rand: () => number;
  /** Paths changed (written, added, removed, renamed) since the last complete snapshot. */
  dirty = new Set<string>();
  #files: string[] = [];
  #counter = 0;

  /** How many files one mutate() changes: 5% of the small ones. */
  #changes: number;
  #bigFiles = wineScaled(4, 2);

  /** About 2,000 small files, 4 big ones and 20 duplicates; under Wine 100 small ones and 2 big (wineScaled). */
  constructor(dir: string, rand: () => number) {
    this.dir = dir;
    this.rand = rand;
    const files: Record<string, string | Uint8Array> = {};
    const dirs = wineScaled(20, 5);
    const perDir = wineScaled(100, 20);
    this.#changes = Math.ceil((dirs * perDir) / 20);
    for (let d = 0; d < dirs; d++) {
      for (let f = 0; f < perDir; f++) files[`d${d}/f${f}.txt`] = `file ${d}/${f} ${"x".repeat(f * 7)}\n`;
    }
    for (let b = 0; b < this.#bigFiles; b++) files[`big/b${b}.bin`] = this.bytes(1 << 20);
    // Duplicates inside the source: dedup links in the very first run.
    for (let c = 0; c < 20; c++) files[`dups/c${c}.txt`] = "the same content\n";
    writeTree(dir, files);
    Deno.mkdirSync(`${dir}/empty/nested`, { recursive: true });
    // A symlink where one can be made (tests/helpers.ts NO_SYMLINKS).
    if (NO_SYMLINKS === undefined) {
      symlinkSync(IS_WINDOWS ? "..\\d0\\f0.txt" : "../d0/f0.txt", `${dir}/dups/link`);
    }
    this.#files = Object.keys(files);
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    const seed = Math.floor(this.rand() * 2 ** 32);
    const r = prng(seed);
    for (let i = 0; i < n; i += 4096) out.fill(Math.floor(r() * 256), i, Math.min(n, i + 4096));
    return out;
  }

  pick(): string {
    return this.#files[Math.floor(this.rand() * this.#files.length)];
  }

  /** Changes about 5% of the files, adds, removes and renames a few, sometimes a big one. */
  mutate(): void {
    for (let i = 0; i < this.#changes; i++) {
      const rel = this.pick();
      if (rel.startsWith("big/")) continue;
      Deno.writeTextFileSync(`${this.dir}/${rel}`, `changed ${this.#counter++}\n`);
      this.#backdate(rel);
      this.dirty.add(rel);
    }
    for (let i = 0; i < 10; i++) {
      const rel = `new/n${this.#counter++}.txt`;
      // Half of the new files repeat content that is stored already: dedup, not copy.
      writeTree(this.dir, { [rel]: i % 2 === 0 ? "the same content\n" : `new ${this.#counter}\n` });
      this.#files.push(rel);
      this.dirty.add(rel);
    }
    for (let i = 0; i < 5; i++) {
      const rel = this.pick();
      if (rel.startsWith("big/")) continue;
      const to = `${rel}.moved${this.#counter++}`;
      Deno.renameSync(`${this.dir}/${rel}`, `${this.dir}/${to}`);
      this.#files[this.#files.indexOf(rel)] = to;
      this.dirty.add(rel);
      this.dirty.add(to);
    }
    for (let i = 0; i < 5; i++) {
      const rel = this.pick();
      if (rel.startsWith("big/")) continue;
      Deno.removeSync(`${this.dir}/${rel}`);
      this.#files.splice(this.#files.indexOf(rel), 1);
      this.dirty.add(rel);
    }
    if (this.rand() < 0.5) {
      const rel = `big/b${Math.floor(this.rand() * this.#bigFiles)}.bin`;
      Deno.writeFileSync(`${this.dir}/${rel}`, this.bytes(1 << 20));
      this.#backdate(rel);
      this.dirty.add(rel);
    }
  }

  /**
   * Sets a changed file's mtime a minute back (still later than its previous one), as writeTree
   * does: a file written within 2 s of a backup is read again by the next run, which these tests'
   * unchanged-file counts do not expect.
   */
  #backdate(rel: string): void {
    const t = new Date(Date.now() - 60_000);
    Deno.utimeSync(`${this.dir}/${rel}`, t, t);
  }
}

/** The uid and gid phlb runs as in the permission tests (nobody). */
export const NOBODY = 65534;

/** Why phlb cannot be run as another user here (Linux, root and setpriv needed), or undefined. */
export function cannotSetpriv(): string | undefined {
  if (!IS_LINUX) return "setpriv is Linux-only";
  if (Deno.uid() !== 0) return "switching to another user needs root";
  try {
    const r = new Deno.Command("setpriv", {
      args: ["--reuid=65534", "--regid=65534", "--clear-groups", "true"],
    })
      .outputSync();
    return r.code === 0 ? undefined : `setpriv failed: ${new TextDecoder().decode(r.stderr)}`;
  } catch {
    return "setpriv (util-linux) is not installed";
  }
}

function denoDir(): string {
  const r = new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stdout: "piped" }).outputSync();
  return JSON.parse(new TextDecoder().decode(r.stdout)).denoDir;
}

/** Runs phlb as uid/gid 65534, with a copy of Deno's cache that user can read (made once per `t`). */
export async function asNobody(
  args: string[],
  t: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const cache = `${t}/deno-dir`;
  try {
    Deno.statSync(cache);
  } catch {
    assertEquals(
      (await sh(`cp -a '${denoDir()}' '${cache}' && chown -R ${NOBODY}:${NOBODY} '${cache}'`)).code,
      0,
    );
  }
  const r = await new Deno.Command("setpriv", {
    args: [
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      "--clear-groups",
      Deno.execPath(),
      ...phlbCommandArgs(args),
    ],
    env: { DENO_DIR: cache, HOME: t, NO_COLOR: "1" },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: r.code, stdout: text.decode(r.stdout), stderr: text.decode(r.stderr) };
}
