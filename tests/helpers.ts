/**
 * Test helpers: real temp trees and a real `phlb` child process with the shipped permissions.
 * @module
 */
import { fileURLToPath } from "node:url";
import { runtimeFlags } from "../scripts/permissions.ts";

// fileURLToPath, not URL.pathname: on Windows the pathname is "/C:/…", which no program accepts.
const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../deno.json", import.meta.url));

/** Result of one phlb run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
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
 * for tests of the Deno-API fallback (FORMAT.md, "Metadata fidelity").
 */
export async function phlb(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; noFfi?: boolean } = {},
): Promise<RunResult> {
  const flags = runtimeFlags().filter((f) => !(options.noFfi && f === "--allow-ffi"));
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--config", CONFIG, ...flags, MAIN, ...args],
    cwd: options.cwd,
    env: { NO_COLOR: "1", HOME: testHome(), ...options.env },
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

/** The argv to spawn phlb yourself (for kill tests). */
export function phlbCommandArgs(args: string[]): string[] {
  return ["run", "--quiet", "--config", CONFIG, ...runtimeFlags(), MAIN, ...args];
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
      await new Deno.Command("chmod", { args: ["-R", "u+w", dir] }).output().catch(() => {});
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
export async function sh(cmd: string, options: { cwd?: string } = {}): Promise<RunResult> {
  const r = await new Deno.Command("bash", {
    args: ["-c", cmd],
    cwd: options.cwd,
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
