/**
 * Test helpers: real temp trees and a real `phlb` child process with the shipped permissions.
 * @module
 */
import { normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { runtimeFlags } from "../scripts/permissions.ts";
import { hashFileSync } from "../src/fs/hash.ts";
import { readManifest } from "../src/store/manifest.ts";

// fileURLToPath, not URL.pathname: on Windows the pathname is "/C:/…", which no program accepts.
const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../deno.json", import.meta.url));

/** Result of one phlb run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The suite's pass without FFI (`PHLB_NO_FFI=1 deno test -A`, run by .ci/run): every phlb child
 * runs without --allow-ffi, and in-process runs take the Deno-API backend (src/fs/native/mod.ts
 * reads the same variable). Tests that need the native layer skip with that reason.
 */
export const NO_FFI: boolean = Deno.env.get("PHLB_NO_FFI") === "1";

/** Under Wine (`wine-deno.sh run` sets it): a test that hits a Wine limit may skip, naming it. */
export const UNDER_WINE: boolean = Deno.env.get("PHLB_UNDER_WINE") === "1";

/**
 * `n`, or `underWine` under Wine. There every file operation is a round trip to wineserver:
 * measured here, an lstat takes about 2 ms and a first backup of 2,000 small files 21 s (0.2 s on
 * Linux), so the fault tests that build thousands of files and kill dozens of runs would take many
 * minutes. Under Wine they test the same behaviour on smaller trees and fewer kills; Linux and a
 * real Windows run the full size.
 */
export function wineScaled(n: number, underWine: number): number {
  return UNDER_WINE ? underWine : n;
}

/**
 * Options that make a fixture's files settled for the engine: the racy window is 0, so a file
 * whose change time is now (every file a test just wrote or set the mtime of: utime sets the
 * change time, on Windows too) is trusted by the next run's fast path as if the window had passed.
 * `SETTLED_FLAGS` is the same for `phlb backup` (a hidden, test-only flag).
 */
export const SETTLED = { racyWindowMs: 0 } as const;
/** {@linkcode SETTLED} as `phlb backup` flags. */
export const SETTLED_FLAGS: readonly string[] = ["--racy-window-ms", "0"];

/** True on Windows, where paths use backslashes and there are no POSIX modes, owners or signals. */
export const IS_WINDOWS: boolean = Deno.build.os === "windows";

/**
 * A path as phlb prints it on this platform: "/" becomes "\\" on Windows (node:path normalize),
 * so expected paths in messages follow the platform's rules. Unchanged on Linux and macOS.
 */
export function nativePath(path: string): string {
  return IS_WINDOWS ? normalize(path) : path;
}

/**
 * Why this process cannot create symlinks, or undefined when it can. Probed once: on Windows a
 * symlink needs a privilege (Developer Mode or an administrator; GitHub's runners have it), and
 * under Wine creating one reports success but makes nothing.
 */
export const NO_SYMLINKS: string | undefined = (() => {
  const dir = Deno.makeTempDirSync({ prefix: "phlb-symlink-probe-" });
  try {
    Deno.writeTextFileSync(`${dir}/target`, "t");
    Deno.symlinkSync("target", `${dir}/link`, { type: "file" });
    if (Deno.lstatSync(`${dir}/link`).isSymlink && Deno.readLinkSync(`${dir}/link`) === "target") {
      return undefined;
    }
    return "a symlink was reported made but is not there";
  } catch (err) {
    return `this account may not create symlinks (${err instanceof Error ? err.message : err})`;
  } finally {
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch { /* left in the temp folder */ }
  }
})();

/** The Wine limit behind {@linkcode NO_SYMLINKS} under Wine, as skip reasons name it. */
export const WINE_SYMLINK_STUB = "Wine limit: creating a symlink reports success but makes nothing";

/** Why symlink tests cannot run here, naming the Wine limit under Wine; undefined when they can. */
export function symlinkSkipReason(): string | undefined {
  if (NO_SYMLINKS === undefined) return undefined;
  return UNDER_WINE ? WINE_SYMLINK_STUB : NO_SYMLINKS;
}

/**
 * Creates a symlink to a file (`type` "file") or folder ("dir"): Windows needs the kind when the
 * target does not exist. Elsewhere the kind is ignored.
 */
export function symlinkSync(target: string, path: string, type: "file" | "dir" = "file"): void {
  Deno.symlinkSync(target, path, { type });
}

let isolatedHome: string | undefined;

/**
 * Set, the number of content workers every phlb run of {@linkcode phlb} uses (`JOBS` in the test
 * home's ini): `PHLB_TEST_JOBS=3 deno test -A tests/integrity_test.ts` runs a file's backups, verifies
 * and scrubs with 3 workers, where the default on a 2-core machine is 1 for a backup.
 */
const TEST_JOBS = Deno.env.get("PHLB_TEST_JOBS");

/**
 * A home folder for child processes, so no test reads the real ~/PyHardLinkBackup.ini: empty, or
 * holding only `JOBS` when PHLB_TEST_JOBS is set.
 */
function testHome(): string {
  if (isolatedHome === undefined) {
    const home = Deno.makeTempDirSync({ prefix: "phlb-test-home-" });
    isolatedHome = home;
    if (TEST_JOBS !== undefined) {
      Deno.writeTextFileSync(`${home}/PyHardLinkBackup.ini`, `[common]\nJOBS = ${TEST_JOBS}\n`);
    }
    globalThis.addEventListener("unload", () => {
      try {
        Deno.removeSync(home, { recursive: true });
      } catch { /* already gone */ }
    });
  }
  return isolatedHome;
}

/**
 * Runs `phlb ARGS` as a child process, exactly as `deno task phlb` would. HOME is an empty temp
 * folder unless `env` sets it, so the real home config is never used. `noFfi` drops --allow-ffi,
 * for tests of the Deno-API fallback (FORMAT.md, "Metadata fidelity"); {@linkcode NO_FFI} drops it
 * for every run.
 */
export async function phlb(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; noFfi?: boolean } = {},
): Promise<RunResult> {
  const flags = runtimeFlags().filter((f) => !((options.noFfi || NO_FFI) && f === "--allow-ffi"));
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--config", CONFIG, ...flags, MAIN, ...args],
    cwd: options.cwd,
    // The language comes from the test, never from the machine's locale.
    env: { NO_COLOR: "1", HOME: testHome(), LC_ALL: "", LC_MESSAGES: "", LANG: "", ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
  const r = await cmd.output();
  return {
    code: r.code,
    stdout: new TextDecoder().decode(r.stdout),
    stderr: new TextDecoder().decode(r.stderr),
  };
}

/** The argv to spawn phlb yourself (for kill tests); without --allow-ffi under {@linkcode NO_FFI}. */
export function phlbCommandArgs(args: string[]): string[] {
  const flags = runtimeFlags().filter((f) => !(NO_FFI && f === "--allow-ffi"));
  return ["run", "--quiet", "--config", CONFIG, ...flags, MAIN, ...args];
}

/** A temp folder removed after `fn`. */
export async function withTempDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "phlb-test-" });
  try {
    await fn(dir);
  } finally {
    try {
      await Deno.remove(dir, { recursive: true });
    } catch {
      // Snapshots may hold read-only folders: make them writable and retry.
      if (Deno.build.os !== "windows") {
        await new Deno.Command("chmod", { args: ["-R", "u+w", dir] }).output().catch(() => {});
      }
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  }
}

/**
 * Writes files: keys are "/"-separated paths, values their text. Creates parent folders.
 * Their mtime is set a minute back (each call's files alike), as for files that were not just
 * edited: a file modified within 2 s of being backed up is read again by the next run, which
 * would hide the fast path that most tests look at. Tests of that rule write files themselves.
 */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  const mtime = new Date(Date.now() - 60_000);
  for (const [rel, content] of Object.entries(files)) {
    const path = `${root}/${rel}`;
    Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    if (typeof content === "string") Deno.writeTextFileSync(path, content);
    else Deno.writeFileSync(path, content);
    Deno.utimeSync(path, mtime, mtime);
  }
}

/** The snapshot folders (complete ones) under ROOT/NAME, oldest first. */
export function snapshots(root: string, name: string): string[] {
  const out: string[] = [];
  try {
    for (const e of Deno.readDirSync(`${root}/${name}`)) {
      if (e.isDirectory && /^\d{4}-\d{2}-\d{2}-\d{6}(_\d+)?$/.test(e.name)) out.push(e.name);
    }
  } catch { /* none */ }
  return out.sort((a, b) => {
    const [ba, sa] = a.split("_");
    const [bb, sb] = b.split("_");
    return ba < bb ? -1 : ba > bb ? 1 : Number(sa ?? 1) - Number(sb ?? 1);
  });
}

/** The inode number of a path (lstat). */
export function ino(path: string): number {
  return Deno.lstatSync(path).ino!;
}

/** Runs a shell command and returns its result. */
export async function sh(
  cmd: string,
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  const r = await new Deno.Command("bash", {
    args: ["-c", cmd],
    cwd: options.cwd,
    env: options.env,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  return {
    code: r.code,
    stdout: new TextDecoder().decode(r.stdout),
    stderr: new TextDecoder().decode(r.stderr),
  };
}

/** Whether every one of these programs is on PATH (never on Windows, which has no `command -v`). */
export async function hasTools(...names: string[]): Promise<boolean> {
  if (Deno.build.os === "windows") return false;
  return (await sh(names.map((n) => `command -v '${n}'`).join(" && "))).code === 0;
}

/**
 * The regular files under `dir`, as sorted "/"-separated paths relative to it (`find . -type f |
 * sort` without the "./"), through Deno's API so it works on every platform.
 */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string) => {
    for (const e of Deno.readDirSync(abs)) {
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory) visit(`${abs}/${e.name}`, r);
      else if (e.isFile) out.push(r);
    }
  };
  visit(dir, "");
  return out.sort();
}

/**
 * Every entry under `dir` (sorted "/"-separated paths) with what it holds: a file's text, a
 * symlink's target (`-> target`), or `/` for a folder. Two trees with equal listings hold the same
 * names and contents (`diff -r`, through Deno's API).
 */
export function treeContents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (abs: string, rel: string) => {
    for (const e of [...Deno.readDirSync(abs)].sort((a, b) => a.name < b.name ? -1 : 1)) {
      const p = `${abs}/${e.name}`;
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      const st = Deno.lstatSync(p);
      if (st.isSymlink) out[r] = `-> ${Deno.readLinkSync(p)}`;
      else if (st.isDirectory) {
        out[r] = "/";
        visit(p, r);
      } else out[r] = hashFileSync(p).hash;
    }
  };
  visit(dir, "");
  return out;
}

/**
 * Checks a snapshot against its manifest as `cd SNAPSHOT && sha256sum -c MANIFEST` does: with
 * coreutils where it is installed (the user's check), and always by reading the manifest and
 * hashing each file it names (Windows has no sha256sum). Returns the problems, one per line;
 * an empty string means every line matched.
 */
export async function checkManifest(snapshotDir: string, manifestPath: string): Promise<string> {
  const problems: string[] = [];
  let lines = 0;
  for (
    const line of readManifest(manifestPath, (no, text) => problems.push(`line ${no}: bad line ${text}`))
  ) {
    lines++;
    let got: string;
    try {
      got = hashFileSync(`${snapshotDir}/${line.path}`).hash;
    } catch (err) {
      problems.push(`${line.path}: ${err instanceof Error ? err.message : err}`);
      continue;
    }
    if (got !== line.hash) problems.push(`${line.path}: FAILED`);
  }
  // (sha256sum refuses a manifest without lines, as a snapshot without files has.)
  if (lines > 0 && await hasTools("sha256sum")) {
    const r = await new Deno.Command("sha256sum", {
      args: ["--strict", "--quiet", "-c", manifestPath],
      cwd: snapshotDir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!r.success) {
      const dec = new TextDecoder();
      problems.push(`sha256sum -c: exit ${r.code}: ${dec.decode(r.stdout)}${dec.decode(r.stderr)}`);
    }
  }
  return problems.join("\n");
}

/**
 * Copies the tree `from` to `to` (which must not exist) as `cp -a` does: on Linux and macOS with
 * `cp -a` itself, the tool a user has; on Windows through Deno: files with their bytes and
 * mtime, folders with their mtime, symlinks as symlinks, hardlinks within the tree kept.
 */
export async function copyTree(from: string, to: string): Promise<void> {
  if (!IS_WINDOWS) {
    const r = await sh(`cp -a '${from}' '${to}'`);
    if (r.code !== 0) throw new Error(`cp -a ${from} ${to}: ${r.stderr}`);
    return;
  }
  const seen = new Map<string, string>(); // dev:ino of a file with several links -> its first copy
  const visit = (src: string, dest: string) => {
    const st = Deno.lstatSync(src);
    if (st.isSymlink) {
      symlinkSync(Deno.readLinkSync(src), dest, Deno.statSync(src).isDirectory ? "dir" : "file");
    } else if (st.isDirectory) {
      Deno.mkdirSync(dest);
      for (const e of Deno.readDirSync(src)) visit(`${src}/${e.name}`, `${dest}/${e.name}`);
      Deno.utimeSync(dest, st.atime ?? st.mtime!, st.mtime!);
    } else {
      const key = `${st.dev}:${st.ino}`;
      const first = (st.nlink ?? 1) > 1 ? seen.get(key) : undefined;
      if (first) return Deno.linkSync(first, dest);
      Deno.copyFileSync(src, dest);
      Deno.utimeSync(dest, st.atime ?? st.mtime!, st.mtime!);
      if ((st.nlink ?? 1) > 1) seen.set(key, dest);
    }
  };
  visit(from, to);
}

/**
 * Makes `to` a tree of hardlinks to the files of `from` (`cp -al`: folders new, files shared);
 * with coreutils where it is there, else through Deno.
 */
export async function linkTree(from: string, to: string): Promise<void> {
  if (!IS_WINDOWS) {
    const r = await sh(`cp -al '${from}' '${to}'`);
    if (r.code !== 0) throw new Error(`cp -al ${from} ${to}: ${r.stderr}`);
    return;
  }
  const visit = (src: string, dest: string) => {
    Deno.mkdirSync(dest);
    for (const e of Deno.readDirSync(src)) {
      if (e.isDirectory) visit(`${src}/${e.name}`, `${dest}/${e.name}`);
      else Deno.linkSync(`${src}/${e.name}`, `${dest}/${e.name}`);
    }
  };
  visit(from, to);
}

/** Copies one file with its mtime (and mode, where there are modes), as `cp -p` does. */
export function copyFilePreserving(from: string, to: string): void {
  const st = Deno.statSync(from);
  Deno.copyFileSync(from, to);
  Deno.utimeSync(to, st.atime ?? st.mtime!, st.mtime!);
}

/**
 * The bytes the files under `paths` take, each inode counted once (what `du` measures, in whole
 * bytes rather than blocks, through Deno so it works on every platform).
 */
export function usedBytes(...paths: string[]): number {
  const seen = new Set<string>();
  let total = 0;
  const visit = (p: string) => {
    const st = Deno.lstatSync(p);
    if (st.isDirectory) {
      for (const e of Deno.readDirSync(p)) visit(`${p}/${e.name}`);
      return;
    }
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return;
    seen.add(key);
    total += st.size;
  };
  for (const path of paths) visit(path);
  return total;
}

/**
 * Every entry under `dir` with its inode, link count, mtime and size, sorted (`find -printf '%p
 * %i %n %T@ %s'`): equal before and after means nothing was written, moved or linked.
 */
export function treeState(dir: string): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string) => {
    const st = Deno.lstatSync(abs);
    out.push(`${rel} ${st.ino} ${st.nlink} ${st.mtime?.getTime()} ${st.isDirectory ? "-" : st.size}`);
    if (st.isDirectory) {
      for (const e of Deno.readDirSync(abs)) {
        visit(`${abs}/${e.name}`, `${rel}/${e.name}`);
      }
    }
  };
  visit(dir, ".");
  return out.sort();
}

/** A lock held by another process (see {@linkcode holdFileLock}). */
export interface HeldLock {
  /** Ends the holder (SIGKILL: its lock goes with it, as the OS releases a dead process's locks). */
  release(): Promise<void>;
}

/**
 * Another process takes an exclusive OS lock on `path` (flock on Linux and macOS, LockFileEx on
 * Windows, through Deno's FsFile.lock) and holds it until released: `flock FILE sleep`, portably.
 * Resolves once the lock is held.
 */
export async function holdFileLock(path: string): Promise<HeldLock> {
  const code =
    `const f = Deno.openSync(${JSON.stringify(path)}, { read: true, write: true, create: true });\n` +
    `f.lockSync(true);\nconsole.log("held");\nsetInterval(() => {}, 1000);`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  let seen = "";
  while (!seen.includes("held")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the lock holder ended before it held ${path}`);
    seen += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return {
    async release() {
      try {
        child.kill("SIGKILL");
      } catch { /* gone already */ }
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}

/**
 * Windows only: another process opens `path` with no sharing (CreateFileW with share mode 0,
 * through FFI, as Office or a virus scanner does), so every other open fails with a sharing
 * violation until released. Wine emulates that too. Resolves once the file is held.
 */
export async function holdFileExclusively(path: string): Promise<HeldLock> {
  const code = `
    const k32 = Deno.dlopen("kernel32.dll", {
      CreateFileW: { parameters: ["buffer", "u32", "u32", "pointer", "u32", "u32", "pointer"], result: "pointer" },
    });
    const path = ${JSON.stringify(nativePath(path))};
    const wide = new Uint16Array(path.length + 1);
    for (let i = 0; i < path.length; i++) wide[i] = path.charCodeAt(i);
    // GENERIC_READ, no sharing, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL
    const h = k32.symbols.CreateFileW(wide, 0x80000000, 0, null, 3, 0x80, null);
    const v = Deno.UnsafePointer.value(h);
    console.log(v === 0n || v === 0xffffffffffffffffn ? "failed" : "held");
    setInterval(() => {}, 1000);`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  let seen = "";
  while (!/held|failed/.test(seen)) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const release = async () => {
    try {
      child.kill("SIGKILL");
    } catch { /* gone already */ }
    await child.status;
    await child.stdout.cancel().catch(() => {});
  };
  if (!seen.includes("held")) {
    await release();
    throw new Error(`could not open ${path} exclusively: ${seen}`);
  }
  return { release };
}

/** A root lock held by another process (see {@linkcode holdRootLock}). */
export interface RootLockHolder {
  /** The holder's process id (its `lock.owner` record names it). */
  pid: number;
  /** Tells the holder to release the lock as a finishing run does; resolves to its exit code. */
  release(): Promise<number>;
}

/**
 * Another process takes the root lock of the meta folder `metaPath` (a `phlb backup` of name
 * "other", to what it tells) and holds it until released: resolves once it holds it. Released by
 * the test, never on a timer: under Wine a phlb takes seconds to start, so a holder that let go
 * after 2.5 s was gone before the command meant to find the root held had looked.
 */
export async function holdRootLock(metaPath: string): Promise<RootLockHolder> {
  const lockTs = new URL("../src/store/lock.ts", import.meta.url).href;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { acquireRootLock } from ${JSON.stringify(lockTs)};
      const lock = acquireRootLock(${JSON.stringify(metaPath)}, "backup", { name: "other" });
      console.log("held");
      for await (const _ of Deno.stdin.readable) { /* until the test closes stdin */ }
      lock.release();`,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  let seen = "";
  while (!seen.includes("held")) {
    const { value, done } = await reader.read();
    if (done) {
      await child.stdin.close().catch(() => {});
      await child.status;
      throw new Error(`the lock holder ended before it held ${metaPath}`);
    }
    seen += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  await child.stdout.cancel().catch(() => {});
  return {
    pid: child.pid,
    async release() {
      await child.stdin.close().catch(() => {}); // closed already: a second release
      return (await child.status).code;
    },
  };
}

/** Sets a file's mtime (seconds since the epoch). */
export function setMtime(path: string, epochSeconds: number): void {
  Deno.utimeSync(path, epochSeconds, epochSeconds);
}

/** An operating system as `Deno.build.os` names it. */
export type OS = typeof Deno.build.os;

/**
 * A test definition that runs only when `condition` holds. Otherwise it is ignored, and its name
 * says why, so the report shows the reason next to "ignored": a test never passes silently.
 */
export function skipUnless(
  condition: boolean,
  reason: string,
  test: Deno.TestDefinition,
): Deno.TestDefinition {
  if (condition) return test;
  return { ...test, name: `${test.name} [skipped: ${reason}]`, ignore: true };
}

/** A test definition that runs only on the given operating systems (see {@linkcode skipUnless}). */
export function onlyOn(
  os: OS | readonly OS[],
  reason: string,
  test: Deno.TestDefinition,
): Deno.TestDefinition {
  const list: readonly OS[] = typeof os === "string" ? [os] : os;
  return skipUnless(list.includes(Deno.build.os), `${reason}; not on ${Deno.build.os}`, test);
}

/**
 * `Deno.test(name, fn)`, except on the given operating systems, where the test is registered as
 * ignored and a line naming it and saying why is printed. Bind it to a name as long as
 * `Deno.test` (`posixTest`, `linuxTest`) so marking a test changes one word, not its layout.
 */
export function testSkippedOn(
  os: OS | readonly OS[],
  reason: string,
): (name: string, fn: () => void | Promise<void>) => void {
  const list: readonly OS[] = typeof os === "string" ? [os] : os;
  if (!list.includes(Deno.build.os)) return (name, fn) => Deno.test(name, fn);
  return (name, fn) => {
    console.log(`ignored on ${Deno.build.os}: "${name}": ${reason}`);
    Deno.test({ name, fn, ignore: true });
  };
}

/**
 * `Deno.test(name, fn)`, or, when `reason` is given, the test registered as ignored with a line
 * naming it and the reason (as {@linkcode testSkippedOn}, for reasons other than the OS).
 */
export function testSkippedIf(
  reason: string | undefined,
): (name: string, fn: () => void | Promise<void>) => void {
  if (reason === undefined) return (name, fn) => Deno.test(name, fn);
  return (name, fn) => {
    console.log(`ignored: "${name}": ${reason}`);
    Deno.test({ name, fn, ignore: true });
  };
}

/** Why phlb children cannot use the native layer in this run ({@linkcode NO_FFI}), or undefined. */
export const NO_NATIVE_CHILDREN: string | undefined = NO_FFI
  ? "PHLB_NO_FFI=1: this pass runs phlb without --allow-ffi (the pass with FFI tests the native layer)"
  : undefined;

/** Filesystems a test can loop-mount from an image file (Linux, root). */
export type ImageKind = "ext4" | "ext4-1k-blocks" | "ntfs";

const MKFS: Record<ImageKind, { tool: string; mkfs: string; mount: string }> = {
  "ext4": { tool: "mkfs.ext4", mkfs: "mkfs.ext4 -q -F", mount: "mount -o loop" },
  // 1 KiB blocks: a symlink target longer than 1023 bytes cannot be stored.
  "ext4-1k-blocks": { tool: "mkfs.ext4", mkfs: "mkfs.ext4 -q -F -b 1024", mount: "mount -o loop" },
  "ntfs": { tool: "mkntfs", mkfs: "mkntfs -F -Q -q", mount: "mount -t ntfs-3g -o loop" },
};

/** A mounted image; `unmount` detaches it (the loop device goes with it). */
export interface MountedImage {
  path: string;
  unmount: () => Promise<void>;
}

/**
 * Makes a `sizeMiB` image of `kind` in `dir` and mounts it at `dir/mnt`. Returns why not, as a
 * string, when this machine cannot (not Linux, not root, tool missing, mount refused).
 */
export async function mountImage(dir: string, kind: ImageKind, sizeMiB = 64): Promise<MountedImage | string> {
  if (Deno.build.os !== "linux") return "loop mounts need Linux";
  if (Deno.uid() !== 0) return "loop mounts need root";
  const m = MKFS[kind];
  if ((await sh(`command -v ${m.tool}`)).code !== 0) return `${m.tool} is not installed`;
  const img = `${dir}/${kind}.img`;
  const mnt = `${dir}/mnt`;
  Deno.mkdirSync(mnt, { recursive: true });
  const r = await sh(
    `truncate -s ${sizeMiB}M '${img}' && ${m.mkfs} '${img}' >/dev/null 2>&1 && ${m.mount} '${img}' '${mnt}'`,
  );
  if (r.code !== 0) return `mounting a ${kind} image was refused: ${r.stderr.trim().split("\n")[0]}`;
  return { path: mnt, unmount: async () => void (await sh(`umount '${mnt}'`)) };
}

/** Whether a `kind` image can be mounted here: undefined if so, else the reason. Cleans up. */
export async function cannotMount(kind: ImageKind): Promise<string | undefined> {
  const dir = await Deno.makeTempDir({ prefix: "phlb-mount-probe-" });
  try {
    const m = await mountImage(dir, kind, 16);
    if (typeof m === "string") return m;
    await m.unmount();
    return undefined;
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/**
 * Options for the three-argument `Deno.test(name, options, fn)`: the test is ignored on the given
 * operating systems, and a line saying why is printed when the file loads.
 */
export function skipOn(os: OS | readonly OS[], reason: string): { ignore: boolean } {
  const list: readonly OS[] = typeof os === "string" ? [os] : os;
  const skip = list.includes(Deno.build.os);
  if (skip) console.log(`ignored on ${Deno.build.os}: ${reason}`);
  return { ignore: skip };
}

/**
 * What this process's open descriptors under `dir` point at (Linux: /proc/self/fd), sorted, to find
 * leaks. Only `dir` counts: descriptors of the test runner and of other tests come and go.
 */
export function openFdsUnder(dir: string): string[] {
  const found: string[] = [];
  for (const e of Deno.readDirSync("/proc/self/fd")) {
    let target: string;
    try {
      target = Deno.readLinkSync(`/proc/self/fd/${e.name}`);
    } catch {
      continue; // closed meanwhile (the readDir's own descriptor)
    }
    if (target === dir || target.startsWith(`${dir}/`)) found.push(target);
  }
  return found.sort();
}

/**
 * Overwrites one byte of a file in place and sets its mtime back, keeping its size: what bit rot,
 * or an editor writing in place, does to a stored copy.
 */
export function rotByte(path: string, offset = 0): void {
  const before = Deno.lstatSync(path);
  const f = Deno.openSync(path, { read: true, write: true });
  const b = new Uint8Array(1);
  f.seekSync(offset, Deno.SeekMode.Start);
  f.readSync(b);
  b[0] ^= 0x20;
  f.seekSync(offset, Deno.SeekMode.Start);
  f.writeSync(b);
  f.close();
  Deno.utimeSync(path, before.atime!, before.mtime!);
}
