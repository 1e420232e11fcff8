/**
 * `phlb verify --repair`: heals damaged stored copies. A damaged copy is one inode shared by every
 * snapshot that links to it, so healing it once heals them all.
 *
 * For each damaged inode (found by this verify, or marked in the index by an earlier verify, scrub,
 * add or backup): intact bytes with the recorded sha256 are looked for in another stored inode of
 * the same content, in the inode itself when only its metadata was changed, then in the live source
 * file at the recorded path; every candidate is read and hashed as it is copied. The bytes are
 * written into a new file beside the first path (a temporary name), given the mode, owner, xattrs
 * and mtime the index records (the xattrs' values come from the damaged inode or the source, when
 * their digest is the recorded one), and flushed. Then each path that holds the damaged inode gets
 * the new one: renamed over it (the first), or linked to a temporary name in its folder and renamed
 * over it. The damaged inode is never written, truncated or changed. The folders' times are put
 * back; the index records the new inode and drops the mark; the filesystem is flushed at the end.
 *
 * Killed at any moment (SIGKILL too), each path holds either the damaged inode or the new one,
 * whole: renames replace names atomically. What a killed run leaves: temporary names (the next
 * repair removes them, and verify names them), and index rows still naming the damaged inode where
 * a path holds the new one (the next repair reads such a path, and records it when it holds the
 * content). A copy with no intact source stays damaged and marked, reported with every path that
 * shares it. It never prints.
 * @module
 */
import { dirname } from "node:path";
import { errorMessage, InterruptedError } from "../errors.ts";
import { renameRetrying } from "../fs/atomic.ts";
import { Msg, msg } from "../i18n/messages.ts";
import { isInterrupt } from "../fs/classify.ts";
import { copyOpenFile } from "../fs/copy.ts";
import { FileHasher } from "../fs/file_hasher.ts";
import type { FileStat, FsBackend, Xattr } from "../fs/native/mod.ts";
import { baseName, joinPath } from "../fs/path.ts";
import { isRoot, processOwner } from "../fs/platform.ts";
import { lstatOrUndefined, modeOf, timesOf } from "../fs/stat.ts";
import { sourceXattrs, writeXattrs } from "../fs/xattrs.ts";
import { copiesOfInode, otherInodesOf, type RecordedCopy, recordedCopyAt } from "../index/copies.ts";
import {
  clearDamage,
  contentById,
  contentIdOfHash,
  damageMarks,
  type DamageProblem,
  dropOrphanDamage,
  markCopies,
  setRepairedEntry,
} from "../index/damage.ts";
import { BackupIndex } from "../index/index.ts";
import { pathExists } from "../fs/classify.ts";
import { REPAIR_TEMP_NAME, repairTempName, sidecarPaths } from "../store/layout.ts";
import { foreignMetaFlag, sourceCopy } from "../store/link_source.ts";
import { sameBytes } from "../backup/fast_path.ts";
import type { FoundDamage } from "./found_damage.ts";
import type { RepairEvent, RepairSummary } from "./summary.ts";

/** Other stored inodes of a content tried as the source of intact bytes. */
const OTHER_INODES_TRIED = 8;

/**
 * Opens a root's index to write (migrated), or undefined when it has none. `beforeWriteBack`: a
 * network root's index is written back only while the lock is still this run's.
 */
export function openIndexToWrite(
  meta: string,
  options: { beforeWriteBack?: () => void } = {},
): BackupIndex | undefined {
  return BackupIndex.isIn(meta) ? BackupIndex.open(meta, options) : undefined;
}

/** What a repair needs. */
export interface RepairOptions {
  root: string;
  /** The index: writable under the root's lock, or read-only for a dry run; none without one. */
  index?: BackupIndex;
  fs: FsBackend;
  dryRun: boolean;
  signal?: AbortSignal;
  chunkBytes?: number;
  onRepair?: (event: RepairEvent) => void;
  onNotice?: (message: string, text?: Msg) => void;
  /** Paces the run and throws once it is interrupted. */
  tick: (path: string) => Promise<void> | undefined;
}

/** A path that holds (or held) a damaged inode. */
interface RepairPath {
  /** `NAME/ID/REL`. */
  label: string;
  path: string;
  backupName: string;
  snapId: string;
  rel: string;
  /** Its index entry, when the index records it. */
  copy?: RecordedCopy;
}

/** One damaged inode to heal. */
interface Damaged {
  ino: number;
  contentId?: number;
  hashHex: string;
  sizeBytes?: number;
  problem: DamageProblem;
  paths: Map<string, RepairPath>;
}

/** The metadata a new copy gets: what the index records. */
interface TargetMeta {
  mode: number;
  uid: number;
  gid: number;
  mtimeSec: number;
  mtimeNsec: number;
  /** The recorded xattr digest, or null for none. */
  xattrs: Uint8Array | null;
}

/** Where intact bytes were found. */
interface BytesSource {
  path: string;
  /** For the report: `NAME/ID/REL`, "the source file …", or "its own bytes". */
  label: string | Msg;
}

/** What a repair run did. */
export interface RepairDone {
  summary: RepairSummary;
  /** `dev:ino` of each inode repaired (or found repaired). */
  repairedKeys: string[];
  /** Damaged inodes seen (found by this verify, or marked). */
  damagedCopies: number;
  /** Marks written by this run, or present and left (not a dry run). */
  marked: number;
}

/** Heals the damaged copies of one root. */
/** A repair event's source: English in `from` (the JSON), the text to show in `fromText`. */
function fromFields(from: string | Msg): { from: string; fromText?: Msg } {
  return from instanceof Msg ? { from: String(from), fromText: from } : { from };
}

export class Repairer {
  readonly #opt: RepairOptions;
  readonly #hasher: FileHasher;
  readonly #asRoot = isRoot();
  readonly #owner = processOwner();
  #tempCounter = 0;
  /** Folders whose times were taken before this run changed them, to be put back. */
  readonly #folderTimes = new Map<string, FileStat>();
  /** The run's summary. */
  readonly summary: RepairSummary;

  constructor(options: RepairOptions) {
    this.#opt = options;
    this.#hasher = new FileHasher({
      chunkBytes: options.chunkBytes,
      signal: options.signal,
      backend: options.fs,
    });
    this.summary = {
      dryRun: options.dryRun,
      repaired: 0,
      repairedPaths: 0,
      unrepairable: 0,
      leftoversRemoved: 0,
    };
  }

  /** Repairs what `found` holds and what the index marks; removes a killed repair's `leftovers`. */
  async run(
    found: FoundDamage,
    at: { leftovers: readonly { path: string; folder: string }[] },
  ): Promise<RepairDone> {
    const opt = this.#opt;
    const index = opt.index;
    if (!opt.dryRun) { for (const l of at.leftovers) this.#removeLeftover(l.path, l.folder); }
    if (index && !opt.dryRun) {
      // Marked first: a repair that fails or is killed leaves them marked, never linked to again.
      index.begin();
      markCopies(index, found.copies(), { foundBy: "verify" });
      index.commit();
    }
    const work = this.#collect(found);
    const repairedKeys: string[] = [];
    let changed = false;
    try {
      for (const d of work) {
        await opt.tick(d.paths.values().next().value?.label ?? "");
        const r = await this.#repair(d);
        if (r.key) repairedKeys.push(r.key);
        if (r.changed) changed = true;
      }
    } finally {
      // Every rename of this run on the disk: a power cut after the report loses none of them.
      if (changed) this.#flush();
    }
    const marked = index ? damageMarks(index).length : 0;
    return { summary: this.summary, repairedKeys, damagedCopies: work.length, marked };
  }

  /** The damaged inodes: those found by this verify, and those the index marks, each once. */
  #collect(found: FoundDamage): Damaged[] {
    const { index, root } = this.#opt;
    const byIno = new Map<number, Damaged>();
    for (const f of found.all()) {
      const contentId = index ? contentIdOfHash(index, f.hashHex) : undefined;
      const d: Damaged = {
        ino: f.ino,
        contentId,
        hashHex: f.hashHex,
        sizeBytes: contentId !== undefined ? contentById(index!, contentId)?.sizeBytes : undefined,
        problem: f.problem,
        paths: new Map(),
      };
      for (const p of f.paths) {
        const [backupName, snapId] = p.snapshot.split("/");
        const copy = index && p.snapshotRowId !== undefined
          ? recordedCopyAt(index, {
            snapshotId: p.snapshotRowId,
            dirPath: parentRel(p.rel),
            name: baseRel(p.rel),
          })
          : undefined;
        d.paths.set(p.path, {
          label: `${p.snapshot}/${p.rel}`,
          path: p.path,
          backupName,
          snapId,
          rel: p.rel,
          copy,
        });
      }
      byIno.set(f.ino, d);
    }
    if (!index) return [...byIno.values()];
    for (const m of damageMarks(index)) {
      let d = byIno.get(m.ino);
      if (d && d.contentId !== undefined && d.contentId !== m.contentId) continue;
      if (!d) {
        const content = contentById(index, m.contentId);
        if (!content) continue;
        d = {
          ino: m.ino,
          contentId: m.contentId,
          hashHex: content.hashHex,
          sizeBytes: content.sizeBytes,
          problem: m.problem,
          paths: new Map(),
        };
        byIno.set(m.ino, d);
      }
    }
    // Every recorded path of each inode: snapshots this verify did not check share it too.
    for (const d of byIno.values()) {
      if (d.contentId === undefined) continue;
      for (const c of copiesOfInode(index, { contentId: d.contentId, ino: d.ino })) {
        const loc = sourceCopy(root, c);
        const rel = loc.label.slice(c.backupName.length + c.snapId.length + 2);
        if (!d.paths.has(loc.path)) {
          d.paths.set(loc.path, {
            label: loc.label,
            path: loc.path,
            backupName: c.backupName,
            snapId: c.snapId,
            rel,
            copy: c,
          });
        } else if (!d.paths.get(loc.path)!.copy) {
          d.paths.get(loc.path)!.copy = c;
        }
      }
    }
    return [...byIno.values()];
  }

  /** Heals one damaged inode. Returns its key when it is healed, and whether anything was changed. */
  async #repair(d: Damaged): Promise<{ key?: string; changed: boolean }> {
    const opt = this.#opt;
    const labels = [...d.paths.values()].map((p) => p.label);
    const cannot = (reason: Msg) => {
      this.summary.unrepairable++;
      opt.onRepair?.({ action: "cannot-repair", paths: labels, reason: String(reason), reasonText: reason });
      return { changed: false };
    };
    // The paths that hold the damaged inode now; the others were healed (or replaced) already.
    const holding: { p: RepairPath; st: FileStat }[] = [];
    const elsewhere: { p: RepairPath; st: FileStat }[] = [];
    for (const p of d.paths.values()) {
      const st = lstatOrUndefined(opt.fs, p.path);
      if (!st?.isFile) continue;
      if (st.ino === d.ino) holding.push({ p, st });
      else elsewhere.push({ p, st });
    }
    if (holding.length === 0) return await this.#alreadyRepaired(d, elsewhere);
    const damaged = holding[0].st;
    const key = `${damaged.dev}:${damaged.ino}`;
    const meta = this.#targetMeta(d, holding);
    if (meta instanceof Msg) return cannot(meta);
    if (
      !this.#asRoot && (meta.uid !== this.#owner.uid || meta.gid !== this.#owner.gid) && this.#owner.uid >= 0
    ) {
      return cannot(msg("verify.repair.ownerNeedsRoot", { owner: `${meta.uid}:${meta.gid}` }));
    }
    // A killed repair may have healed some paths already: the others get that copy, not another one.
    const healed = await this.#healedPath(d, { elsewhere, meta });
    if (healed) {
      const from = msg("verify.repair.fromHealed", { label: healed.p.label });
      if (opt.dryRun) {
        this.summary.repaired++;
        this.summary.repairedPaths += holding.length;
        opt.onRepair?.({ action: "would-repair", paths: labels, ...fromFields(from) });
        return { changed: false };
      }
      const replaced = this.#replace(healed.p.path, { holding, ino: d.ino, fromTemp: false });
      const foreignMeta = foreignMetaFlag(healed.st, meta, { asRoot: this.#asRoot }) !== 0;
      this.#recordRepaired(d, { replaced: [healed.p, ...replaced], newIno: healed.st.ino, foreignMeta });
      return this.#repaired({ d, key, holding, replaced, from });
    }
    const xattrsOfDamaged = this.#xattrsIfRecorded(holding[0].p.path, meta.xattrs);
    const candidates = this.#bytesSources(d, holding);
    if (opt.dryRun) {
      for (const c of candidates) {
        if (await this.#holds(c.path, d)) {
          const xattrs = xattrsOfDamaged ?? this.#xattrsIfRecorded(c.path, meta.xattrs);
          if (xattrs === undefined) return cannot(this.#xattrReason());
          this.summary.repaired++;
          this.summary.repairedPaths += holding.length;
          opt.onRepair?.({ action: "would-repair", paths: labels, ...fromFields(c.label) });
          return { changed: false };
        }
      }
      return cannot(this.#noSourceReason(d));
    }
    const firstFolder = dirname(holding[0].p.path);
    for (const c of candidates) {
      const xattrs = xattrsOfDamaged ?? this.#xattrsIfRecorded(c.path, meta.xattrs);
      if (xattrs === undefined) continue;
      this.#keepFolderTimes(firstFolder);
      const tmp = joinPath(firstFolder, repairTempName(Deno.pid, ++this.#tempCounter));
      const made = await this.#write(c.path, { tmp, d, meta, xattrs });
      this.#restoreFolderTimes(firstFolder);
      if (!made) continue;
      const replaced = this.#replace(tmp, { holding, ino: d.ino, fromTemp: true });
      this.#recordRepaired(d, { replaced, newIno: made.ino, foreignMeta: made.foreign });
      return this.#repaired({ d, key, holding, replaced, from: c.label });
    }
    if (candidates.length > 0 && xattrsOfDamaged === undefined && meta.xattrs !== null) {
      return cannot(this.#xattrReason());
    }
    return cannot(this.#noSourceReason(d));
  }

  /** Reports a repair; returns the inode's key when every path that held it got the new copy. */
  #repaired(
    at: { d: Damaged; key: string; holding: { p: RepairPath }[]; replaced: RepairPath[]; from: string | Msg },
  ): { key?: string; changed: boolean } {
    const { holding, replaced } = at;
    if (replaced.length < holding.length) {
      const left = holding.filter((h) => !replaced.includes(h.p)).map((h) => h.p.label);
      const m = msg("verify.repair.stillDamaged", { count: left.length, paths: left.join(", ") });
      this.#opt.onNotice?.(String(m), m);
    }
    if (replaced.length === 0) return { changed: false };
    this.summary.repaired++;
    this.summary.repairedPaths += replaced.length;
    this.#opt.onRepair?.({ action: "repaired", paths: replaced.map((p) => p.label), ...fromFields(at.from) });
    return { key: replaced.length === holding.length ? at.key : undefined, changed: true };
  }

  /**
   * A path of the damaged inode that a killed repair already gave a new copy: the index still names
   * the damaged inode there, and it holds the content with the recorded metadata.
   */
  async #healedPath(
    d: Damaged,
    at: { elsewhere: { p: RepairPath; st: FileStat }[]; meta: TargetMeta },
  ): Promise<{ p: RepairPath; st: FileStat } | undefined> {
    const { meta } = at;
    for (const e of at.elsewhere) {
      if (e.p.copy?.ino !== d.ino) continue;
      const st = e.st;
      const shows = st.mtimeSec === meta.mtimeSec && st.mtimeNsec === meta.mtimeNsec &&
        foreignMetaFlag(st, meta, { asRoot: this.#asRoot }) === 0;
      if (!shows || this.#xattrsIfRecorded(e.p.path, meta.xattrs) === undefined) continue;
      if (await this.#holds(e.p.path, d)) return e;
    }
    return undefined;
  }

  /**
   * No path holds the damaged inode any more: a killed repair (or a backup) replaced them. Paths
   * that hold the content with the recorded metadata are recorded with their inode; then the mark
   * goes, when no entry names the damaged inode.
   */
  async #alreadyRepaired(d: Damaged, elsewhere: { p: RepairPath; st: FileStat }[]) {
    const { index, dryRun } = this.#opt;
    let fixed = 0;
    for (const { p, st } of elsewhere) {
      if (!p.copy || p.copy.ino !== d.ino || dryRun) continue;
      if (!(await this.#holds(p.path, d))) continue;
      if (index && d.contentId !== undefined) {
        setRepairedEntry(index, p.copy, {
          ino: st.ino,
          contentId: d.contentId,
          sizeBytes: st.size,
          foreignMeta: foreignMetaFlag(st, p.copy, { asRoot: this.#asRoot }) !== 0,
        });
        fixed++;
      }
    }
    if (index && d.contentId !== undefined && !dryRun) {
      index.begin();
      dropOrphanDamage(index);
      index.commit();
    }
    if (fixed > 0) {
      this.#opt.onRepair?.({ action: "already-repaired", paths: elsewhere.map((e) => e.p.label) });
    }
    return { key: undefined, changed: false };
  }

  /** The metadata the new copy gets: its first entry's that shows the inode's own, or why none. */
  #targetMeta(d: Damaged, holding: { p: RepairPath; st: FileStat }[]): TargetMeta | Msg {
    const recorded = [...d.paths.values()].map((p) => p.copy).find((c) => c && !c.sharedMeta) ??
      [...d.paths.values()].map((p) => p.copy).find((c) => c !== undefined);
    if (recorded) {
      const fracNs = recorded.mtimeFracNs ?? 0;
      const sec = Math.floor(recorded.mtimeMs / 1000);
      return {
        mode: recorded.mode,
        uid: recorded.uid,
        gid: recorded.gid,
        mtimeSec: sec,
        mtimeNsec: (recorded.mtimeMs - sec * 1000) * 1_000_000 + fracNs,
        xattrs: recorded.xattrs,
      };
    }
    // Not in the index: only bytes can be wrong then (nothing records the metadata to check), and
    // the damaged inode still shows its own metadata.
    if (d.problem !== "content") return msg("verify.repair.notRecorded");
    const st = holding[0].st;
    return {
      mode: modeOf(st),
      uid: st.uid,
      gid: st.gid,
      mtimeSec: st.mtimeSec,
      mtimeNsec: st.mtimeNsec,
      xattrs: sourceXattrs(this.#opt.fs, holding[0].p.path).digest,
    };
  }

  /** The xattrs of `path` when their digest is the recorded one; [] when none are recorded. */
  #xattrsIfRecorded(path: string, recorded: Uint8Array | null): Xattr[] | undefined {
    if (recorded === null) return [];
    const x = sourceXattrs(this.#opt.fs, path);
    return x.digest !== null && sameBytes(x.digest, recorded) ? x.list : undefined;
  }

  #xattrReason(): Msg {
    return this.#opt.fs.fidelity.xattrs
      ? msg("verify.repair.xattrsNowhere")
      : msg("verify.repair.xattrsNoFfi");
  }

  /**
   * Where intact bytes may be, best first: other stored inodes of the content, the damaged inode
   * itself when only its metadata differs, and the live source file at each path's place.
   */
  #bytesSources(d: Damaged, holding: { p: RepairPath; st: FileStat }[]): BytesSource[] {
    const { index, root, fs } = this.#opt;
    const out: BytesSource[] = [];
    if (index && d.contentId !== undefined) {
      for (
        const c of otherInodesOf(index, {
          contentId: d.contentId,
          exceptIno: d.ino,
          limit: OTHER_INODES_TRIED,
        })
      ) {
        const loc = sourceCopy(root, c);
        const st = lstatOrUndefined(fs, loc.path);
        if (st?.isFile && st.ino !== d.ino) out.push({ path: loc.path, label: loc.label });
      }
    }
    if (d.problem !== "content" && d.problem !== "size") {
      out.push({ path: holding[0].p.path, label: msg("verify.repair.fromOwnBytes") });
    }
    const seen = new Set<string>();
    for (const p of d.paths.values()) {
      const source = sourceOf(root, p);
      if (source === undefined || seen.has(source)) continue;
      seen.add(source);
      if (lstatOrUndefined(fs, source)?.isFile) {
        out.push({ path: source, label: msg("verify.repair.fromSource", { source }) });
      }
    }
    return out;
  }

  /** Why no source was found, for the report. */
  #noSourceReason(d: Damaged): Msg {
    const sources = [
      ...new Set([...d.paths.values()].map((p) => sourceOf(this.#opt.root, p)).filter((s) => s)),
    ];
    if (sources.length === 0) return msg("verify.repair.noSource.unknown");
    const quoted = sources.map((s) => `"${s}"`).join(", ");
    return sources.some((s) => pathExists(s!))
      ? msg("verify.repair.noSource.changed", { sources: quoted })
      : msg("verify.repair.noSource.gone", { sources: quoted });
  }

  /** Whether the file at `path` holds the damaged inode's content (read whole). */
  async #holds(path: string, d: Damaged): Promise<boolean> {
    try {
      const st = this.#opt.fs.lstat(path);
      if (!st.isFile || (d.sizeBytes !== undefined && st.size !== d.sizeBytes)) return false;
      return (await this.#hasher.hash(path, st)).hashHex === d.hashHex;
    } catch (err) {
      if (isInterrupt(err)) throw new InterruptedError();
      return false;
    }
  }

  /**
   * Writes a new copy at `at.tmp` from `from`, hashed as it is written: removed again, and
   * undefined returned, when its bytes are not the content. Then the recorded owner, mode, xattrs
   * and times, and a flush of the file.
   */
  async #write(
    from: string,
    at: { tmp: string; d: Damaged; meta: TargetMeta; xattrs: readonly Xattr[] },
  ): Promise<{ ino: number; foreign: boolean } | undefined> {
    const { fs, signal } = this.#opt;
    const { tmp, d, meta } = at;
    let src;
    try {
      src = fs.openRead(from);
    } catch {
      return undefined;
    }
    let created = false;
    try {
      const times = {
        atimeSec: meta.mtimeSec,
        atimeNsec: meta.mtimeNsec,
        mtimeSec: meta.mtimeSec,
        mtimeNsec: meta.mtimeNsec,
      };
      created = true;
      const copied = await copyOpenFile(src, tmp, times, {
        backend: fs,
        mode: meta.mode,
        sync: true,
        signal,
      });
      if (copied.hash !== d.hashHex || (d.sizeBytes !== undefined && copied.sizeBytes !== d.sizeBytes)) {
        fs.remove(tmp);
        return undefined;
      }
      let chowned = false;
      if (this.#asRoot && meta.uid >= 0 && (copied.uid !== meta.uid || copied.gid !== meta.gid)) {
        fs.chown(tmp, { uid: meta.uid, gid: meta.gid });
        chowned = true;
      }
      if (Deno.build.os !== "windows" && (chowned || copied.mode !== meta.mode)) fs.chmod(tmp, meta.mode);
      if (at.xattrs.length > 0) {
        const r = writeXattrs(tmp, { backend: fs, list: at.xattrs });
        if (
          r.failures.length > 0 || !sameBytes(r.digest ?? new Uint8Array(), meta.xattrs ?? new Uint8Array())
        ) {
          fs.remove(tmp);
          return undefined;
        }
      }
      fs.setTimes(tmp, times);
      syncFile(fs, tmp);
      const st = fs.lstat(tmp);
      const foreign = foreignMetaFlag(st, meta, { asRoot: this.#asRoot }) !== 0;
      return { ino: st.ino, foreign };
    } catch (err) {
      if (created) {
        try {
          fs.remove(tmp);
        } catch { /* not made */ }
      }
      if (isInterrupt(err)) throw new InterruptedError();
      this.#notice(msg("verify.repair.cannotWrite", { from: String(from), error: errorMessage(err) }));
      return undefined;
    } finally {
      src.close();
    }
  }

  /**
   * Gives each path holding inode `at.ino` the new file `tmp`: the first by renaming `tmp` over it,
   * the others by a link to a temporary name in their folder, renamed over them. Returns the paths
   * replaced.
   */
  #replace(
    tmp: string,
    at: { holding: { p: RepairPath; st: FileStat }[]; ino: number; fromTemp: boolean },
  ): RepairPath[] {
    const fs = this.#opt.fs;
    const replaced: RepairPath[] = [];
    let made = tmp;
    for (const { p } of at.holding) {
      const now = lstatOrUndefined(fs, p.path);
      if (!now?.isFile || now.ino !== at.ino) continue; // changed meanwhile: not ours to replace
      const folder = dirname(p.path);
      this.#keepFolderTimes(folder);
      try {
        if (replaced.length === 0 && at.fromTemp) {
          renameRetrying(made, p.path, { rename: (a, b) => fs.rename(a, b) });
        } else {
          const link = joinPath(folder, repairTempName(Deno.pid, ++this.#tempCounter));
          fs.link(made, link);
          try {
            renameRetrying(link, p.path, { rename: (a, b) => fs.rename(a, b) });
          } catch (err) {
            fs.remove(link);
            throw err;
          }
        }
        if (replaced.length === 0 && at.fromTemp) made = p.path;
        replaced.push(p);
      } catch (err) {
        this.#notice(msg("verify.repair.cannotReplace", { label: p.label, error: errorMessage(err) }));
      } finally {
        this.#restoreFolderTimes(folder);
      }
    }
    if (replaced.length === 0 && at.fromTemp) {
      try {
        fs.remove(tmp);
      } catch { /* renamed after all, or gone */ }
    }
    return replaced;
  }

  /** The index after a repair: the paths replaced name the new inode; the mark goes with the last. */
  #recordRepaired(d: Damaged, at: { replaced: RepairPath[]; newIno: number; foreignMeta: boolean }): void {
    const index = this.#opt.index;
    if (!index || d.contentId === undefined) return;
    index.begin();
    for (const p of at.replaced) {
      if (!p.copy) continue;
      setRepairedEntry(index, p.copy, {
        ino: at.newIno,
        contentId: d.contentId,
        sizeBytes: d.sizeBytes ?? p.copy.sizeBytes,
        foreignMeta: at.foreignMeta,
      });
    }
    if (copiesOfInode(index, { contentId: d.contentId, ino: d.ino }).length === 0) {
      clearDamage(index, { contentId: d.contentId, ino: d.ino });
    }
    index.commit();
  }

  /** Removes a temporary name a killed repair left, keeping its folder's times. */
  #removeLeftover(path: string, folder: string): void {
    const fs = this.#opt.fs;
    try {
      if (!REPAIR_TEMP_NAME.test(baseName(path)) || !fs.lstat(path).isFile) return;
      this.#keepFolderTimes(folder);
      fs.remove(path);
      this.summary.leftoversRemoved++;
    } catch (err) {
      this.#notice(msg("verify.repair.cannotRemoveLeftover", { path, error: errorMessage(err) }));
    } finally {
      this.#restoreFolderTimes(folder);
    }
  }

  /** Takes a folder's times before this run first changes it. */
  #keepFolderTimes(folder: string): void {
    if (this.#folderTimes.has(folder)) return;
    const st = lstatOrUndefined(this.#opt.fs, folder);
    if (st) this.#folderTimes.set(folder, st);
  }

  /** Puts back a folder's times: a snapshot shows what it showed (folders are never shared). */
  #restoreFolderTimes(folder: string): void {
    const st = this.#folderTimes.get(folder);
    if (!st) return;
    try {
      this.#opt.fs.setTimes(folder, timesOf(st));
    } catch (err) {
      this.#notice(msg("verify.repair.cannotRestoreMtime", { folder, error: errorMessage(err) }));
    }
  }

  /** Writes everything this run changed to the disk. */
  /** A notice: English for callers that read strings, the text for the report. */
  #notice(m: Msg): void {
    this.#opt.onNotice?.(String(m), m);
  }

  #flush(): void {
    try {
      this.#opt.fs.syncFilesystem(this.#opt.root);
    } catch (err) {
      this.#notice(msg("verify.repair.cannotFlush", { error: errorMessage(err) }));
    }
  }
}

/** The live source file a snapshot path was backed up from (its summary's `source`), if known. */
function sourceOf(root: string, p: RepairPath): string | undefined {
  try {
    const summary = JSON.parse(Deno.readTextFileSync(sidecarPaths(root, p.backupName, p.snapId).summary));
    if (typeof summary?.source !== "string" || summary.source === "") return undefined;
    return joinPath(summary.source, p.rel);
  } catch {
    return undefined;
  }
}

/**
 * Flushes a file's metadata (its data was flushed as it was written). Windows flushes only handles
 * opened to write, and journals NTFS metadata itself: there, and wherever it fails, the flush of the
 * whole filesystem at the end does it.
 */
function syncFile(fs: FsBackend, path: string): void {
  if (Deno.build.os === "windows") return;
  try {
    const f = fs.openRead(path);
    try {
      f.syncSync();
    } finally {
      f.close();
    }
  } catch { /* see above */ }
}

function parentRel(rel: string): string {
  const i = rel.lastIndexOf("/");
  return i < 0 ? "" : rel.slice(0, i);
}

function baseRel(rel: string): string {
  return rel.slice(rel.lastIndexOf("/") + 1);
}
