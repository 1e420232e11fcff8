/**
 * The root's writer lock. Its record is `ROOT/.phlb/lock.owner`, created with O_EXCL (which NFS,
 * SMB and SFTP servers do atomically): whoever creates it holds the root. The holder rewrites it
 * every heartbeat interval, from a worker so that a long synchronous copy on the main thread cannot
 * hold the beat back; a record whose heartbeat is older than its stale threshold belongs to a
 * holder that died or lost the network, and is taken over with a warning naming it.
 *
 * On a local disk the OS lock (flock / LockFileEx on `ROOT/.phlb/lock`) is taken first, as before:
 * it is released by the OS when its holder dies, so a record left by a dead process of this host is
 * taken over at once, and phlb versions that only know the OS lock still exclude each other. On a
 * network filesystem OS locks do nothing across clients (sshfs) or depend on the server (NFS), so
 * only the record counts there.
 *
 * Heartbeat ages are read on the server's clock: the record's mtime against that of a scratch file
 * written beside it, so machines whose clocks differ agree on them.
 * @module
 */
import { errorMessage, FatalError, InterruptedError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { joinPath } from "../fs/path.ts";
import { destinationFilesystem } from "../fs/platform.ts";
import { META_FILE_MODE, tighten } from "./modes.ts";

/** How often the holder rewrites its record, unless told otherwise (LOCK_HEARTBEAT). */
export const DEFAULT_HEARTBEAT_MS = 30_000;
/** How old a record's heartbeat may get before others take it over (LOCK_STALE). */
export const DEFAULT_STALE_MS = 5 * 60_000;

/** What `lock.owner` holds (FORMAT.md, "The lock"). */
export interface LockRecord {
  pid: number;
  host: string;
  command: string;
  /** A backup's backup name. */
  name?: string;
  startedAt: string;
  /** When the holder last rewrote the record (its own clock; ages are read from the file's mtime). */
  heartbeatAt?: string;
  /** The holder's interval and the age after which its record is stale: others go by these. */
  heartbeatMs?: number;
  staleMs?: number;
  /** Random: tells this holder's record from one written after a takeover. */
  token?: string;
}

/** Options for {@linkcode acquireRootLock} and {@linkcode waitForRootLock}. */
export interface LockOptions {
  /** A backup's backup name, for the record. */
  name?: string;
  /** How often the holder rewrites its record. Default {@linkcode DEFAULT_HEARTBEAT_MS}. */
  heartbeatMs?: number;
  /** A record older than this is stale. Default {@linkcode DEFAULT_STALE_MS}; the holder's own value wins. */
  staleMs?: number;
  /** The root is on a network filesystem: no OS lock. Default: detected (src/fs/platform.ts). */
  network?: boolean;
  /** A stale record was taken over: the message names its holder (a warning for the run). */
  onTakeover?: (message: string, text?: Msg) => void;
  /** The record of a dead process of this host was removed (the OS lock showed it): for the run log. */
  onInfo?: (message: string, text?: Msg) => void;
}

/** Options of {@linkcode waitForRootLock}. */
export interface WaitOptions extends LockOptions {
  /** How long to wait for a held root (--lock-wait); 0 (the default) fails at once. */
  waitMs?: number;
  /** Told once, when the root is held and the call starts waiting. */
  onWait?: (holder: string, text?: Msg) => void;
  /** How often to look again while waiting. Default 1 s, or the heartbeat if shorter. */
  pollMs?: number;
  /** Aborting stops the wait with an InterruptedError. */
  signal?: AbortSignal;
}

/** The worker that rewrites the record: inline, so a compiled binary needs no file for it. */
const HEARTBEAT_WORKER = `
self.onmessage = (event) => {
  const { path, token, intervalMs } = event.data;
  const timer = setInterval(() => {
    let text;
    try {
      text = Deno.readTextFileSync(path);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) {
        clearInterval(timer);
        self.postMessage({ lost: "removed" });
      }
      return; // a network error: tried again at the next beat
    }
    let record;
    try {
      record = JSON.parse(text);
    } catch {
      return; // caught mid-write by a cache: read again at the next beat
    }
    if (record.token !== token) {
      clearInterval(timer);
      self.postMessage({ lost: "taken", host: record.host, pid: record.pid });
      return;
    }
    record.heartbeatAt = new Date().toISOString();
    try {
      Deno.writeTextFileSync(path, JSON.stringify(record) + "\\n");
    } catch { /* tried again at the next beat */ }
  }, intervalMs);
};
`;

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown host";
  }
}

/** "phlb backup (pid 12 on nas, since T)": a record's holder for messages, in English. */
export function describeHolder(r: Partial<LockRecord> | undefined): string {
  return String(holderText(r));
}

/** {@linkcode describeHolder} as a catalogue text, for the terminal. */
export function holderText(r: Partial<LockRecord> | undefined): Msg {
  if (!r || r.command === undefined) return msg("store.lock.anotherProcess");
  return msg("store.lock.holder", {
    command: r.command,
    pid: String(r.pid),
    host: String(r.host),
    since: String(r.startedAt),
  });
}

/** A held lock. Release it with {@linkcode RootLock.release}. */
export class RootLock {
  /** The root is on a network filesystem: the record is the whole lock. */
  readonly network: boolean;
  readonly #recordPath: string;
  readonly #token: string;
  #osLock?: Deno.FsFile;
  #worker?: Worker;
  #workerUrl?: string;
  #lost?: Msg;

  constructor(at: { recordPath: string; token: string; network: boolean; osLock?: Deno.FsFile }) {
    this.#recordPath = at.recordPath;
    this.#token = at.token;
    this.network = at.network;
    this.#osLock = at.osLock;
  }

  /** Starts rewriting the record every `intervalMs`. */
  startHeartbeat(intervalMs: number): void {
    this.#workerUrl = URL.createObjectURL(new Blob([HEARTBEAT_WORKER], { type: "application/javascript" }));
    this.#worker = new Worker(this.#workerUrl, { type: "module" });
    this.#worker.onmessage = (e: MessageEvent<{ lost: "removed" | "taken"; host?: string; pid?: number }>) =>
      this.#lost = e.data.lost === "removed"
        ? msg("store.lock.recordRemoved")
        : msg("store.lock.takenOverByHost", { host: JSON.stringify(e.data.host), pid: String(e.data.pid) });
    this.#worker.postMessage({ path: this.#recordPath, token: this.#token, intervalMs });
  }

  /**
   * Throws {@linkcode FatalError} when the lock is no longer this process's: its record was taken
   * over (this process was stopped or cut off for longer than the stale threshold) or removed.
   * Called before anything another holder could be hurt by: the commit, the index's write-back.
   */
  assertHeld(): void {
    let why = this.#lost;
    if (why === undefined) {
      try {
        const r = JSON.parse(Deno.readTextFileSync(this.#recordPath)) as LockRecord;
        if (r.token !== this.#token) why = msg("store.lock.takenOverBy", { holder: holderText(r) });
      } catch (err) {
        if (err instanceof Deno.errors.NotFound) why = msg("store.lock.recordRemoved");
        // Unreadable for a moment (a network error, a cache caught mid-write): the heartbeat says.
      }
    }
    if (why !== undefined) {
      throw new FatalError(msg("store.lock.lost", { path: this.#recordPath, why }), {
        hint: msg("store.lock.lost.hint"),
      });
    }
  }

  /** Releases the lock: the heartbeat stops and the record goes, unless another holder's is there now. Safe to call twice. */
  release(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    if (this.#workerUrl) URL.revokeObjectURL(this.#workerUrl);
    this.#workerUrl = undefined;
    try {
      const r = JSON.parse(Deno.readTextFileSync(this.#recordPath)) as LockRecord;
      if (r.token === this.#token) Deno.removeSync(this.#recordPath);
    } catch { /* gone already, or not ours */ }
    const os = this.#osLock;
    this.#osLock = undefined;
    if (os) {
      // Unlocked, then closed whatever the unlock said (under Wine the unlock fails; the close releases it).
      try {
        os.unlockSync();
      } catch { /* see above */ }
      try {
        os.close();
      } catch { /* closed already */ }
    }
  }
}

/** What one attempt found: the lock, or the holder. */
type Attempt = { lock: RootLock } | { holder: Msg; record?: LockRecord };

function isNetwork(metaPath: string, options: LockOptions): boolean {
  return options.network ?? destinationFilesystem(metaPath).network;
}

/**
 * Takes the writer lock of the root whose meta folder is `metaPath`, or throws
 * {@linkcode FatalError} naming the holder when another process has it. A stale record is taken
 * over (`options.onTakeover` says whose).
 */
export function acquireRootLock(metaPath: string, command: string, options: LockOptions = {}): RootLock {
  const r = attempt(metaPath, command, options);
  if ("lock" in r) return r.lock;
  throw heldError(metaPath, r.holder, { waitedMs: 0 });
}

/**
 * {@linkcode acquireRootLock}, waiting up to `options.waitMs` for a held root (borg's
 * --lock-wait): several machines' cron jobs can share one root.
 */
export async function waitForRootLock(
  metaPath: string,
  command: string,
  options: WaitOptions = {},
): Promise<RootLock> {
  const waitMs = options.waitMs ?? 0;
  const startMs = Date.now();
  const pollMs = options.pollMs ?? Math.min(1000, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  let told = false;
  for (;;) {
    const r = attempt(metaPath, command, options);
    if ("lock" in r) return r.lock;
    const leftMs = startMs + waitMs - Date.now();
    if (leftMs <= 0) throw heldError(metaPath, r.holder, { waitedMs: waitMs });
    if (!told) options.onWait?.(String(r.holder), r.holder);
    told = true;
    await sleep(Math.min(pollMs, leftMs), options.signal);
  }
}

function heldError(metaPath: string, holder: Msg, at: { waitedMs: number }): FatalError {
  const lockPath = joinPath(metaPath, "lock.owner");
  const text = at.waitedMs > 0
    ? msg("store.lock.heldWaited", { holder, path: lockPath, seconds: Math.round(at.waitedMs / 1000) })
    : msg("store.lock.held", { holder, path: lockPath });
  return new FatalError(text, { hint: msg("store.lock.held.hint") });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** One try: the OS lock (local disks), then the record. */
function attempt(metaPath: string, command: string, options: LockOptions): Attempt {
  const network = isNetwork(metaPath, options);
  const recordPath = joinPath(metaPath, "lock.owner");
  let osLock: Deno.FsFile | undefined;
  if (!network) {
    const lockPath = joinPath(metaPath, "lock");
    try {
      osLock = Deno.openSync(lockPath, { read: true, write: true, create: true, mode: META_FILE_MODE });
      tighten(lockPath, META_FILE_MODE);
    } catch (err) {
      throw new FatalError(msg("store.lock.cannotOpen", { path: lockPath, error: errorMessage(err) }), {
        cause: err,
      });
    }
    if (!osLock.tryLockSync(true)) {
      osLock.close();
      return { holder: holderText(readRecord(recordPath)) };
    }
  }
  try {
    const token = crypto.randomUUID();
    const record: LockRecord = {
      pid: Deno.pid,
      host: hostname(),
      command,
      ...(options.name !== undefined ? { name: options.name } : {}),
      startedAt: new Date().toISOString(),
      heartbeatAt: new Date().toISOString(),
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      staleMs: options.staleMs ?? DEFAULT_STALE_MS,
      token,
    };
    for (let tries = 0; tries < 3; tries++) {
      if (createRecord(recordPath, record)) {
        const lock = new RootLock({ recordPath, token, network, osLock });
        osLock = undefined;
        lock.startHeartbeat(record.heartbeatMs!);
        return { lock };
      }
      const found = readRecord(recordPath);
      const stale = staleness(metaPath, { recordPath, found, osLocked: osLock !== undefined, options });
      if (stale === undefined) continue; // gone meanwhile: create it again
      if (!stale.stale) return { holder: holderText(found), record: found };
      if (!takeOver(metaPath, { recordPath, found })) return { holder: holderText(found), record: found };
      if (stale.sameHostDead) {
        const m = msg("store.lock.diedRemoved", { holder: holderText(found) });
        options.onInfo?.(String(m), m);
      } else {
        const m = msg("store.lock.tookOver", {
          holder: holderText(found),
          ageSeconds: Math.round(stale.ageMs / 1000),
          staleSeconds: Math.round(stale.staleMs / 1000),
        });
        options.onTakeover?.(String(m), m);
      }
    }
    return { holder: holderText(readRecord(recordPath)) };
  } finally {
    // Still ours here only when the record was not made: the OS lock goes with the attempt.
    if (osLock) {
      try {
        osLock.unlockSync();
      } catch { /* Wine: the close releases it */ }
      osLock.close();
    }
  }
}

/** Creates the record with O_EXCL; false when one is there. */
function createRecord(path: string, record: LockRecord): boolean {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { write: true, createNew: true, mode: META_FILE_MODE });
  } catch (err) {
    if (err instanceof Deno.errors.AlreadyExists) return false;
    throw new FatalError(msg("store.lock.cannotCreate", { path, error: errorMessage(err) }), { cause: err });
  }
  try {
    const data = new TextEncoder().encode(JSON.stringify(record) + "\n");
    let off = 0;
    while (off < data.length) off += file.writeSync(data.subarray(off));
    file.syncSync();
  } finally {
    file.close();
  }
  return true;
}

/** The record at `path`, or undefined when it is gone or unreadable (being written). */
function readRecord(path: string): LockRecord | undefined {
  try {
    const r = JSON.parse(Deno.readTextFileSync(path));
    return r && typeof r === "object" ? r as LockRecord : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the record found is stale: on a local disk whose OS lock this process holds, a record
 * of this host is (its holder died; one of another host, written over a network share of this
 * disk, goes by its heartbeat); otherwise when its heartbeat is older than the holder's stale
 * threshold. Undefined when the record is gone.
 */
function staleness(
  metaPath: string,
  at: { recordPath: string; found: LockRecord | undefined; osLocked: boolean; options: LockOptions },
): { stale: boolean; ageMs: number; staleMs: number; sameHostDead: boolean } | undefined {
  const { found, options } = at;
  const staleMs = found?.staleMs ?? options.staleMs ?? DEFAULT_STALE_MS;
  if (at.osLocked && (found === undefined || found.host === hostname() || found.token === undefined)) {
    // The OS lock shows no process of this host holds the root (an older phlb wrote no token).
    if (!pathExists(at.recordPath)) return undefined;
    return { stale: true, ageMs: 0, staleMs, sameHostDead: true };
  }
  const ageMs = recordAgeMs(metaPath, at.recordPath);
  if (ageMs === undefined) return undefined;
  return { stale: ageMs > staleMs, ageMs, staleMs, sameHostDead: false };
}

function pathExists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * How long ago the record was last written, on the server's clock: its mtime against the mtime
 * of a scratch file written now (the local clock where none can be written). Undefined when gone.
 */
export function recordAgeMs(metaPath: string, recordPath: string): number | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = Deno.statSync(recordPath).mtime?.getTime() ?? Date.now();
  } catch {
    return undefined;
  }
  return Math.max(0, serverNowMs(metaPath) - mtimeMs);
}

/** The time on the clock of the filesystem holding `dir`, read from a file made there. */
function serverNowMs(dir: string): number {
  const path = joinPath(dir, `lock.clock-${Deno.pid}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    const f = Deno.openSync(path, { write: true, createNew: true, mode: META_FILE_MODE });
    try {
      f.writeSync(new Uint8Array([0x0a]));
      return f.statSync().mtime?.getTime() ?? Date.now();
    } finally {
      f.close();
      Deno.removeSync(path);
    }
  } catch {
    return Date.now();
  }
}

/**
 * Removes the stale record `found`, one taker at a time: the taker creates `lock.takeover` with
 * O_EXCL, checks the record is still the stale one, and removes it; then it creates its own like
 * anyone (O_EXCL again), so two takers can never both hold the root. False when another taker is
 * at it, or the record changed (its holder is alive after all).
 */
function takeOver(metaPath: string, at: { recordPath: string; found: LockRecord | undefined }): boolean {
  const takeoverPath = joinPath(metaPath, "lock.takeover");
  if (!createRecord(takeoverPath, { pid: Deno.pid, host: hostname(), command: "takeover", startedAt: "" })) {
    // A taker that died in these few calls leaves it: it is old after a minute, and then removed.
    const age = recordAgeMs(metaPath, takeoverPath);
    if (age !== undefined && age > 60_000) {
      try {
        Deno.removeSync(takeoverPath);
      } catch { /* another taker did */ }
    }
    return false;
  }
  try {
    const now = readRecord(at.recordPath);
    if (now?.token !== at.found?.token || now?.pid !== at.found?.pid) return false;
    try {
      Deno.removeSync(at.recordPath);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
    return true;
  } finally {
    try {
      Deno.removeSync(takeoverPath);
    } catch { /* gone */ }
  }
}

/** What {@linkcode probeRootLock} saw. */
export interface LockProbe {
  /** True when a live process holds the root's lock. */
  held: boolean;
  /** Who holds it, from `lock.owner`, when known: English, and as a text for the terminal. */
  owner?: string;
  ownerText?: Msg;
  /** The holder's command (`backup`, `prune`, …) and, for a backup, its backup name, when known. */
  command?: string;
  name?: string;
}

/**
 * Tells whether another process holds the root's lock, without keeping it. Read-only commands
 * use it to tell a `.partial` being written from one left by a dead run. On a local disk the OS
 * lock says, for a record of this host; otherwise the record's heartbeat. It only touches the OS
 * lock when `lock.owner` exists, because holders write that file and a momentary probe could
 * otherwise make a backup starting at that instant report the root as busy.
 */
export function probeRootLock(metaPath: string, options: { network?: boolean } = {}): LockProbe {
  const recordPath = joinPath(metaPath, "lock.owner");
  let record: LockRecord | undefined;
  try {
    record = JSON.parse(Deno.readTextFileSync(recordPath));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return { held: false };
  }
  const seen = {
    owner: describeHolder(record),
    ownerText: holderText(record),
    ...(typeof record?.command === "string" ? { command: record.command } : {}),
    ...(typeof record?.name === "string" ? { name: record.name } : {}),
  };
  const network = options.network ?? destinationFilesystem(metaPath).network;
  if (!network && (record === undefined || record.host === hostname() || record.token === undefined)) {
    let file: Deno.FsFile;
    try {
      file = Deno.openSync(joinPath(metaPath, "lock"), { read: true });
    } catch {
      return { held: false };
    }
    try {
      if (!file.tryLockSync(false)) return { held: true, ...seen };
      try {
        file.unlockSync();
      } catch { /* Wine: os error 33; the close below releases it (see RootLock.release) */ }
      return { held: false };
    } finally {
      file.close();
    }
  }
  const age = recordAgeMs(metaPath, recordPath);
  if (age === undefined) return { held: false };
  return age > (record?.staleMs ?? DEFAULT_STALE_MS) ? { held: false } : { held: true, ...seen };
}
