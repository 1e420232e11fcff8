/**
 * The scrub: `phlb verify --max-duration D` / `--resume` verifies contents in slices, least
 * recently verified first, and records in the index when each content was last verified, so a
 * multi-TB root can be checked in nightly slices.
 *
 * The unit is a content (a distinct sha256 + size). For each, every distinct stored inode that
 * holds it is read once, through one recorded path in a complete snapshot, and compared with the
 * recorded size, mtime and hash. A pass ends when every content was verified since it began.
 *
 * It writes only the index (verification times, the pass, and a mark on each stored inode found
 * damaged: index/damage.ts), under the root lock. It never prints.
 * @module
 */
import { errorMessage, FatalError, InterruptedError } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { isInterrupt, isNotFound } from "../fs/classify.ts";
import type { ContentRunner } from "../fs/content_pool.ts";
import { FileHasher } from "../fs/file_hasher.ts";
import { storedTimeStepNs } from "../fs/probe.ts";
import { sameMtime } from "../fs/times.ts";
import { joinPath } from "../fs/path.ts";
import { BackupIndex, EntryFlag } from "../index/index.ts";
import { type DamageProblem, markDamaged } from "../index/damage.ts";
import {
  contentCopies,
  type DueContent,
  dueContents,
  ensureScrubSchema,
  finishScrubPass,
  markVerified,
  scrubCoverage,
  scrubPass,
  startScrubPass,
} from "../index/verify.ts";
import { metaDir, snapshotPath } from "../store/layout.ts";
import { waitForRootLock } from "../store/lock.ts";
import { openRoot } from "../store/root.ts";
import {
  emptyVerifySummary,
  Kind,
  type VerifyCallbacks,
  type VerifyProblem,
  type VerifySummary,
} from "./summary.ts";
import { RunMeter } from "../fs/pacer.ts";
import { type FileStat, type FsBackend, openBackend } from "../fs/native/mod.ts";
import { hashRunner } from "./verify.ts";

/** What to scrub, and for how long. */
export interface ScrubOptions {
  /** The backup root. */
  root: string;
  /** Stop starting new contents after this long; at least one content is verified per run. */
  maxDurationMs?: number;
  /** Continue the current pass (a new one starts when the last one finished). Without: a new pass. */
  resume?: boolean;
  /** Aborting stops between files; what was verified so far stays recorded. */
  signal?: AbortSignal;
  /** Read size for hashing. */
  chunkBytes?: number;
  /** The root lock's wait (--lock-wait), heartbeat and stale threshold (src/store/lock.ts); default: refused at once. */
  lock?: { waitMs?: number; heartbeatMs?: number; staleMs?: number };
  /** Workers that read and hash (see VerifyOptions.jobs). */
  jobs?: number;
}

/** A problem whose words are a catalogue text: `message` English, `text` shown in the run's language. */
function scrubProblem(p: Omit<VerifyProblem, "message"> & { message: Msg }): VerifyProblem {
  return { ...p, message: String(p.message), text: p.message };
}

/** A problem's words, and how many other recorded paths share the copy. */
function sharedBy(problem: Msg, others: number): Msg {
  return others > 0 ? msg("verify.problem.shared", { problem, count: others }) : problem;
}

/** One content being verified: its problems so far, and the hash of the copy read, if one is. */
interface Checking {
  content: DueContent;
  problems: VerifyProblem[];
  /** Copies found damaged without a read (their size): marked when the content completes. */
  marks: { info: FileStat; problem: DamageProblem; path: string }[];
  read?: {
    copy: ReturnType<typeof contentCopies>[number];
    label: string;
    /** Other recorded paths that share the copy. */
    others: number;
    hash: Promise<string | { error: unknown }>;
    /** The copy's lstat and `NAME/ID/path`, for its damage mark. */
    info: FileStat;
    where: string;
    /** What was found damaged before the read (its mtime), if anything. */
    damaged: DamageProblem | undefined;
  }[];
}

/** Contents fetched per query. */
const BATCH = 64;
/** Verification times are committed at least this often, so an interrupted scrub keeps them. */
const COMMIT_EVERY_MS = 1000;

/**
 * Runs one scrub slice. Throws {@linkcode FatalError} when the root has no index or another
 * process holds the root.
 */
export async function runScrub(
  options: ScrubOptions,
  callbacks: VerifyCallbacks = {},
): Promise<VerifySummary> {
  const root = openRoot(options.root);
  const meta = metaDir(root);
  const indexPath = BackupIndex.pathIn(meta);
  try {
    Deno.statSync(indexPath);
  } catch (err) {
    throw new FatalError(msg("verify.scrub.noIndex", { path: indexPath, error: errorMessage(err) }), {
      cause: err,
      hint: msg("verify.scrub.noIndex.hint"),
    });
  }
  const lock = await waitForRootLock(meta, "verify (scrub)", {
    ...options.lock,
    signal: options.signal,
    onWait: callbacks.onLockWait,
    onTakeover: callbacks.onNotice,
  });
  let index: BackupIndex | undefined;
  // Opened once per run: stored files are stat'ed and read with its fidelity.
  const fs = openBackend();
  const runner = hashRunner(fs, options);
  try {
    // A network root's index is written back only while the lock is still this run's.
    index = BackupIndex.open(meta, { beforeWriteBack: () => lock.assertHeld() });
    ensureScrubSchema(index);
    return await new Scrubber(index, { ...options, root, fs, runner }, callbacks).run();
  } finally {
    runner?.close();
    fs.close();
    try {
      index?.close();
    } finally {
      lock.release();
    }
  }
}

class Scrubber {
  readonly summary: VerifySummary;
  readonly hasher: FileHasher;
  readonly meter: RunMeter<{ files: number; bytes: number; readBytes: number }>;
  readonly snapshotExists = new Map<string, boolean>();

  readonly root: string;
  /** The step in which the root keeps mtimes: recorded ones are compared no finer (1 s over sshfs). */
  readonly timeStepNs: number;

  /** `options.root` is the root's real path. */
  constructor(
    readonly index: BackupIndex,
    readonly opt: ScrubOptions & { fs: FsBackend; runner: ContentRunner | undefined },
    readonly cb: VerifyCallbacks,
  ) {
    this.root = opt.root;
    this.timeStepNs = storedTimeStepNs(opt.root, metaDir(opt.root), { backend: opt.fs });
    this.summary = emptyVerifySummary(opt.root, "scrub");
    this.hasher = new FileHasher({
      chunkBytes: opt.chunkBytes,
      signal: opt.signal,
      backend: opt.fs,
      runner: opt.runner,
    });
    const s = this.summary;
    this.meter = new RunMeter({
      signal: opt.signal,
      counts: () => ({ files: s.files, bytes: s.bytes, readBytes: this.hasher.readBytes }),
      onProgress: cb.onProgress,
    });
  }

  problem(p: VerifyProblem): void {
    this.summary.problems++;
    this.summary.problemsByKind[p.kind] = (this.summary.problemsByKind[p.kind] ?? 0) + 1;
    this.summary.status = "damaged";
    this.cb.onProblem?.(p);
  }

  /** A stored inode found damaged: marked in the index, never linked again (index/damage.ts). */
  markCopy(content: DueContent, at: { info: FileStat; problem: DamageProblem; path: string }): void {
    if (at.info.ino === 0) return;
    markDamaged(this.index, {
      contentId: content.contentId,
      ino: at.info.ino,
      foundBy: "scrub",
      problem: at.problem,
      path: at.path,
    });
    this.summary.damagedCopies++;
    this.summary.damagedMarked++;
  }

  async run(): Promise<VerifySummary> {
    const index = this.index;
    const deadline = this.opt.maxDurationMs === undefined
      ? Infinity
      : this.meter.startedMs + this.opt.maxDurationMs;
    let pass = scrubPass(index);
    if (!this.opt.resume || !pass || pass.finishedMs !== null) {
      pass = startScrubPass(index, Date.now());
      const m = msg("verify.scrub.newPass");
      this.cb.onNotice?.(String(m), m);
    } else {
      const m = msg("verify.scrub.resume", { when: new Date(pass.startedMs).toISOString() });
      this.cb.onNotice?.(String(m), m);
    }
    let verified = 0;
    let complete = false;
    let stoppedByDuration = false;
    let lastCommitMs = Date.now();
    /** Contents whose copies are being read, in order: each is completed in turn. */
    const checking: Checking[] = [];
    index.begin();
    try {
      outer: for (;;) {
        // Contents still being read are due too: wait for them before asking for more.
        while (checking.length > 0) await this.finishOne(checking, pass.startedMs);
        const batch = dueContents(index, pass.startedMs, { limit: BATCH });
        if (batch.length === 0) {
          finishScrubPass(index, Date.now());
          complete = true;
          break;
        }
        for (const content of batch) {
          if ((verified > 0 || checking.length > 0) && Date.now() >= deadline) {
            stoppedByDuration = true;
            break outer;
          }
          checking.push(await this.start(content));
          verified++;
          // A few contents are read at once, to keep the workers busy; they complete in order.
          while (checking.length > this.hasher.concurrency) await this.finishOne(checking, pass.startedMs);
          if (Date.now() - lastCommitMs >= COMMIT_EVERY_MS) {
            index.commit();
            index.begin();
            lastCommitMs = Date.now();
          }
        }
      }
      while (checking.length > 0) await this.finishOne(checking, pass.startedMs);
    } finally {
      index.commit();
    }
    const coverage = scrubCoverage(index, pass.startedMs);
    const s = this.summary;
    s.scrub = {
      passStartedAt: new Date(pass.startedMs).toISOString(),
      complete,
      contentsTotal: coverage.total,
      contentsVerified: coverage.verified,
      verifiedThisRun: verified,
      stoppedByDuration,
    };
    this.meter.finish(s, this.hasher);
    return s;
  }

  /** Whether a complete snapshot's folder exists: rows of snapshots deleted by hand are skipped. */
  hasSnapshot(name: string, snapId: string): boolean {
    const key = `${name}/${snapId}`;
    let found = this.snapshotExists.get(key);
    if (found === undefined) {
      try {
        found = Deno.statSync(snapshotPath(this.root, name, snapId, "complete")).isDirectory;
      } catch {
        found = false;
      }
      this.snapshotExists.set(key, found);
    }
    return found;
  }

  /** Completes the oldest content being read: its problems in order, then its verification time. */
  async finishOne(checking: Checking[], passStartedMs: number): Promise<void> {
    const c = checking.shift()!;
    await this.complete(c);
    // Never before the pass start, or the content would stay due.
    markVerified(this.index, c.content.contentId, { nowMs: Math.max(Date.now(), passStartedMs) });
  }

  /**
   * Starts verifying a content: each distinct stored inode is checked through its first recorded
   * path that is there, and read (in the pool, while later contents start). Problems wait in the
   * result, so they come out in content order whatever finishes first.
   */
  async start(content: DueContent): Promise<Checking> {
    const checking: Checking = { content, problems: [], marks: [], read: [] };
    const problem = (p: Omit<VerifyProblem, "message"> & { message: Msg }) =>
      checking.problems.push(scrubProblem(p));
    const copies = contentCopies(this.index, content.contentId);
    // Paths sharing a recorded inode are one stored file: read one of them.
    const groups = new Map<string, typeof copies>();
    for (const c of copies) {
      const key = c.ino !== null ? `i${c.ino}` : `p${c.backupName}/${c.snapId}/${c.rel}`;
      const g = groups.get(key);
      if (g) g.push(c);
      else groups.set(key, [c]);
    }
    for (const group of groups.values()) {
      for (const copy of group) {
        if (!this.hasSnapshot(copy.backupName, copy.snapId)) continue;
        const label = `${copy.backupName}/${copy.snapId}`;
        const path = joinPath(snapshotPath(this.root, copy.backupName, copy.snapId, "complete"), copy.rel);
        await this.meter.tick(`${label}/${copy.rel}`);
        let info: FileStat;
        try {
          info = this.opt.fs.lstat(path);
        } catch (err) {
          if (isNotFound(err)) {
            problem({
              snapshot: label,
              path: copy.rel,
              kind: Kind.missing,
              message: msg("verify.scrub.missing"),
            });
          } else {problem({
              snapshot: label,
              path: copy.rel,
              kind: Kind.unreadable,
              message: msg("verify.scrub.cannotStat", { error: errorMessage(err) }),
            });}
          continue; // Another path of the same stored file may still be there.
        }
        if (!info.isFile) {
          problem({
            snapshot: label,
            path: copy.rel,
            kind: Kind.type,
            message: msg("verify.scrub.notAFile"),
          });
          continue;
        }
        this.summary.files++;
        this.summary.bytes += info.size;
        const others = group.length - 1;

        const where = `${label}/${copy.rel}`;
        if (info.size !== content.sizeBytes) {
          problem({
            snapshot: label,
            path: copy.rel,
            kind: Kind.size,
            message: sharedBy(
              msg("verify.problem.size", { size: info.size, recorded: content.sizeBytes }),
              others,
            ),
          });
          checking.marks.push({ info, problem: "size", path: where });
          break;
        }
        // A DEDUP=content link shows the first stored copy's mtime, not the recorded source's.
        let damaged: DamageProblem | undefined;
        if (
          (copy.flags & EntryFlag.SharedMeta) === 0 &&
          !sameMtime({ ms: info.mtimeMs, fracNs: null }, { ms: copy.mtimeMs, fracNs: null }, this.timeStepNs)
        ) {
          damaged = "mtime";
          problem({
            snapshot: label,
            path: copy.rel,
            kind: Kind.mtime,
            message: msg("verify.problem.mtime", {
              mtime: new Date(info.mtimeMs).toISOString(),
              recorded: new Date(copy.mtimeMs).toISOString(),
            }),
          });
        }
        // Never rejects: its outcome is looked at when the content completes.
        const hash = this.hasher.hashSoon(path, info).then((r) => r.hashHex, (error) => ({ error }));
        checking.read!.push({ copy, label, others, hash, info, where, damaged });
        break;
      }
    }
    return checking;
  }

  /** Compares what was read with the recorded hash, and reports the content's problems in order. */
  async complete(checking: Checking): Promise<void> {
    const { content } = checking;
    const problems = checking.problems;
    for (const mark of checking.marks) this.markCopy(content, mark);
    for (const { copy, label, others, hash, info, where, damaged: before } of checking.read ?? []) {
      let damaged = before;
      const actual = await hash;
      if (typeof actual !== "string") {
        const err = actual.error;
        if (isInterrupt(err)) throw new InterruptedError();
        if (err instanceof FatalError) throw err;
        problems.push(scrubProblem({
          snapshot: label,
          path: copy.rel,
          kind: Kind.unreadable,
          message: msg("verify.problem.unreadable", { error: errorMessage(err) }),
        }));
        continue;
      }
      if (actual !== content.hashHex) {
        damaged = "content";
        problems.push(scrubProblem({
          snapshot: label,
          path: copy.rel,
          kind: Kind.content,
          message: sharedBy(
            msg("verify.problem.contentRecorded", {
              actual: actual.slice(0, 16),
              expected: content.hashHex.slice(0, 16),
            }),
            others,
          ),
        }));
      }
      if (damaged) this.markCopy(content, { info, problem: damaged, path: where });
    }
    for (const p of problems) this.problem(p);
  }
}
