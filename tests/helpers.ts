/**
 * Test helpers: real temp trees and a real `phlb` child process with the shipped permissions.
 * @module
 */
import { permissionFlags } from "../scripts/permissions.ts";

const MAIN = new URL("../main.ts", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;

/** Result of one phlb run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

let isolatedHome: string | undefined;

/** An empty home folder for child processes, so no test reads the real ~/PyHardLinkBackup.ini. */
function testHome(): string {
  isolatedHome ??= Deno.makeTempDirSync({ prefix: "phlb-test-home-" });
  return isolatedHome;
}

/**
 * Runs `phlb ARGS` as a child process, exactly as `deno task phlb` would. HOME is an empty temp
 * folder unless `env` sets it, so the real home config is never used.
 */
export async function phlb(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--config", CONFIG, ...permissionFlags(), MAIN, ...args],
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
  return ["run", "--quiet", "--config", CONFIG, ...permissionFlags(), MAIN, ...args];
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

/** Writes files: keys are "/"-separated paths, values their text. Creates parent folders. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = `${root}/${rel}`;
    Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    if (typeof content === "string") Deno.writeTextFileSync(path, content);
    else Deno.writeFileSync(path, content);
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
