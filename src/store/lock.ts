/**
 * The root's writer lock, `ROOT/.phlb/lock`.
 *
 * It is an OS file lock (flock / LockFileEx) on that file, so the lock of a process that died is
 * released by the OS and simply taken over: there is no stale-PID guessing. Who holds it is
 * written to `ROOT/.phlb/lock.owner` for the error message; Windows locks are mandatory, so the
 * owner cannot live in the locked file itself.
 * @module
 */
import { FatalError } from "../errors.ts";
import { joinPath } from "../fs/path.ts";
import { META_FILE_MODE, tighten } from "./modes.ts";

/** A held lock. Release it with {@linkcode RootLock.release}. */
export class RootLock {
  #file: Deno.FsFile;
  #ownerPath: string;
  constructor(file: Deno.FsFile, ownerPath: string) {
    this.#file = file;
    this.#ownerPath = ownerPath;
  }

  /** Releases the lock. Safe to call twice. */
  release(): void {
    try {
      Deno.removeSync(this.#ownerPath);
    } catch { /* gone already */ }
    try {
      this.#file.unlockSync();
      this.#file.close();
    } catch { /* closed already */ }
  }
}

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown host";
  }
}

/**
 * Takes the writer lock of the root whose meta folder is `metaPath`.
 * Throws {@linkcode FatalError} naming the holder when another process has it.
 */
export function acquireRootLock(
  metaPath: string,
  command: string,
  options: { name?: string } = {},
): RootLock {
  const lockPath = joinPath(metaPath, "lock");
  const ownerPath = joinPath(metaPath, "lock.owner");
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(lockPath, { read: true, write: true, create: true, mode: META_FILE_MODE });
    tighten(lockPath, META_FILE_MODE);
  } catch (err) {
    throw new FatalError(`Cannot open lock "${lockPath}": ${(err as Error).message}`, { cause: err });
  }
  if (!file.tryLockSync(true)) {
    file.close();
    let owner = "another phlb process";
    try {
      const o = JSON.parse(Deno.readTextFileSync(ownerPath));
      owner = `phlb ${o.command} (pid ${o.pid} on ${o.host}, since ${o.startedAt})`;
    } catch { /* owner file not written yet */ }
    throw new FatalError(`Backup root is in use: ${owner} holds "${lockPath}"`, {
      hint: "wait for it to finish; the lock of a process that died is released by the OS",
    });
  }
  try {
    Deno.writeTextFileSync(
      ownerPath,
      JSON.stringify({
        pid: Deno.pid,
        host: hostname(),
        command,
        ...(options.name !== undefined ? { name: options.name } : {}),
        startedAt: new Date().toISOString(),
      }) + "\n",
      { mode: META_FILE_MODE },
    );
  } catch { /* informational only */ }
  return new RootLock(file, ownerPath);
}

/** What {@linkcode probeRootLock} saw. */
export interface LockProbe {
  /** True when a live process holds the root's lock. */
  held: boolean;
  /** Who holds it, from `lock.owner`, when known. */
  owner?: string;
  /** The holder's command (`backup`, `prune`, …) and, for a backup, its backup name, when known. */
  command?: string;
  name?: string;
}

/**
 * Tells whether another process holds the root's lock, without keeping it. Read-only commands
 * use it to tell a `.partial` being written from one left by a dead run. It only touches the lock
 * when `lock.owner` exists, because holders write that file and a momentary probe could otherwise
 * make a backup starting at that instant report the root as busy.
 */
export function probeRootLock(metaPath: string): LockProbe {
  const ownerPath = joinPath(metaPath, "lock.owner");
  let owner: string | undefined;
  let command: string | undefined;
  let name: string | undefined;
  try {
    const o = JSON.parse(Deno.readTextFileSync(ownerPath));
    owner = `phlb ${o.command} (pid ${o.pid} on ${o.host}, since ${o.startedAt})`;
    if (typeof o.command === "string") command = o.command;
    if (typeof o.name === "string") name = o.name;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return { held: false };
  }
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(joinPath(metaPath, "lock"), { read: true });
  } catch {
    return { held: false };
  }
  try {
    if (!file.tryLockSync(false)) return { held: true, owner, command, name };
    file.unlockSync();
    return { held: false };
  } finally {
    file.close();
  }
}
