/**
 * Recording one snapshot for `phlb add`, in one transaction (an interrupted run never leaves a
 * half-recorded snapshot): every file is read once per inode; an existing manifest is checked
 * (mismatches are reported as damage, the manifest is never rewritten), a missing one written
 * (temp file, then rename); files, folders and symlinks are recorded as the engine records them
 * (`ino` = the stored inode; the source's inode and ctime are unknown, so NULL); each file is
 * deduplicated (links.ts) unless its bytes differ from the manifest or the manifest does not list it.
 * @module
 */
import { errorMessage, FatalError, InterruptedError, type ItemProblem } from "../errors.ts";
import { renameRetrying } from "../fs/atomic.ts";
import { isInterrupt, isNotFound } from "../fs/classify.ts";
import { hexToBytes } from "../fs/hash.ts";
import { joinPath } from "../fs/path.ts";
import { lstatOrUndefined, modeOf } from "../fs/stat.ts";
import { recordedMtime } from "../fs/times.ts";
import { walk, type WalkEntry, walkTree } from "../fs/walk.ts";
import { sourceXattrs } from "../fs/xattrs.ts";
import { contentIdOfHash, markDamaged } from "../index/damage.ts";
import { type BackupIndex, EntryFlag, EntryKind, type SourceKey } from "../index/index.ts";
import { beginSnapshotLoad, commitSnapshotLoad, rollbackSnapshotLoad } from "../index/rebuild.ts";
import { DEDUP_TEMP_NAME, sidecarPaths, type SnapshotDir } from "../store/layout.ts";
import { sidecarModeOf } from "../store/modes.ts";
import { ManifestWriter, readManifest, rewriteManifestWithout } from "../store/manifest.ts";
import type { Adder } from "./add.ts";
import { LegacySnapshot } from "./legacy.ts";
import type { AddFrame } from "./links.ts";
import { said, type SnapshotProblem } from "./summary.ts";
import { msg } from "../i18n/messages.ts";

/** Records one snapshot. */
export class SnapshotScan {
  readonly r: Adder;
  readonly index: BackupIndex;
  readonly snap: SnapshotDir;
  readonly label: string;
  listed?: Map<string, string>;
  writer?: ManifestWriter;
  manifestTmp = "";
  snapshotId = 0;
  /** Malformed lines of the existing manifest. */
  badManifestLines = 0;
  /** PyHardLinkBackup's files in this snapshot: checked against, and with --drop-legacy-files removed. */
  legacy!: LegacySnapshot;

  constructor(r: Adder, snap: SnapshotDir) {
    this.r = r;
    this.index = r.index;
    this.snap = snap;
    this.label = `${snap.name}/${snap.id}`;
  }

  problem(p: SnapshotProblem): void {
    this.r.problem({ snapshot: this.label, ...p });
  }

  /** The existing manifest as path → hash; undefined when there is none (then one is written). */
  loadManifest(path: string): "missing" | "unreadable" | Map<string, string> {
    const listed = new Map<string, string>();
    try {
      for (
        const e of readManifest(
          path,
          (lineNo) => {
            this.badManifestLines++;
            this.problem({
              path: "",
              severity: "damage",
              ...said(msg("add.problem.badManifestLine", { line: lineNo })),
            });
          },
        )
      ) {
        listed.set(e.path.startsWith("./") ? e.path.slice(2) : e.path, e.hash);
      }
    } catch (err) {
      if (isNotFound(err)) return "missing";
      this.problem({
        path: "",
        severity: "error",
        ...said(msg("add.problem.manifestUnreadable", { error: errorMessage(err) })),
      });
      return "unreadable";
    }
    return listed;
  }

  /** When the snapshot was made: from its name, else its folder's mtime. */
  startedMs(): number {
    return this.snap.date?.getTime() ?? lstatOrUndefined(this.r.fs, this.snap.path)?.mtimeMs ?? 0;
  }

  /** The run summary beside the snapshot, if there is a readable one. */
  summaryJson(path: string): { text: string | undefined; finishedMs: number | undefined } {
    try {
      const text = Deno.readTextFileSync(path);
      const parsed = JSON.parse(text);
      const finishedMs = typeof parsed?.finishedAt === "string" ? Date.parse(parsed.finishedAt) : NaN;
      return { text, finishedMs: Number.isNaN(finishedMs) ? undefined : finishedMs };
    } catch {
      return { text: undefined, finishedMs: undefined };
    }
  }

  async run(oldRowId: number | undefined): Promise<void> {
    const side = sidecarPaths(this.r.root, this.snap.name, this.snap.id);
    const manifest = this.loadManifest(side.manifest);
    if (manifest instanceof Map) {
      this.listed = manifest;
      this.r.summary.manifestsChecked++;
    }
    this.legacy = new LegacySnapshot(this.r.legacy, {
      snap: this.snap,
      manifestRewritable: manifest === "missing" || (manifest instanceof Map && this.badManifestLines === 0),
    });
    // Rows of an earlier, different recording of this snapshot go first (a transaction of their own).
    if (oldRowId !== undefined) this.index.dropSnapshot(oldRowId);
    beginSnapshotLoad(this.index);
    try {
      this.snapshotId = this.index.createSnapshot(this.snap.name, this.snap.id, this.startedMs());
      // Complete at once: the folder is, and link sources inside it are found under its real name.
      // Nobody sees the row before the load commits.
      this.index.setSnapshotStatus(this.snapshotId, "complete");
      if (manifest === "missing" && !this.r.dryRun) {
        this.manifestTmp = `${side.manifest}.tmp`;
        this.writer = new ManifestWriter(this.manifestTmp, { mode: sidecarModeOf(this.snap.path) });
      }
      await this.walkTree();
      // PyHardLinkBackup's files go after the whole snapshot was checked; one that cannot is recorded.
      for (const kept of this.legacy.removeQueued()) {
        if (kept.listedHash !== undefined) this.listed?.set(kept.entry.rel, kept.listedHash);
        await this.addFile(kept.entry, kept.frame, { keep: true });
      }
      if (this.listed) {
        for (const rel of this.listed.keys()) {
          this.problem({
            path: rel,
            severity: "damage",
            ...said(msg("add.problem.missing")),
          });
        }
      }
      if (manifest === "missing") {
        if (this.writer) {
          this.writer.close();
          this.writer = undefined;
          renameRetrying(this.manifestTmp, side.manifest);
        }
        this.r.summary.manifestsWritten++;
      } else if (this.legacy.dropped.size > 0 && !this.r.dryRun) {
        rewriteManifestWithout(side.manifest, this.legacy.dropped);
      }
      const summary = this.summaryJson(side.summary);
      this.index.setSnapshotStatus(this.snapshotId, "complete", summary.finishedMs, summary.text);
      commitSnapshotLoad(this.index);
      this.r.summary.recorded++;
    } catch (err) {
      rollbackSnapshotLoad(this.index);
      if (this.writer) {
        try {
          this.writer.close();
        } catch { /* already failing */ }
        try {
          Deno.removeSync(this.manifestTmp);
        } catch { /* not written */ }
      }
      if (isInterrupt(err)) throw new InterruptedError();
      if (err instanceof FatalError) throw err;
      throw new FatalError(msg("add.cannotRecord", { path: this.snap.path, error: errorMessage(err) }), {
        cause: err,
      });
    }
  }

  async walkTree(): Promise<void> {
    const onProblem = (p: ItemProblem) =>
      this.problem({ path: p.path, severity: p.severity, message: p.message, text: p.text });
    try {
      this.legacy.noteFolder("", this.r.fs.readDir(this.snap.path).map((d) => d.name));
    } catch { /* the walk reports it */ }
    // The walk hands over each folder's names (read once) through excludeDir, which excludes nothing.
    const excludeDir = (entry: WalkEntry, names: readonly string[]) => {
      this.legacy.noteFolder(entry.rel, names);
      return undefined;
    };
    const events = walk(this.snap.path, { onProblem, oneFileSystem: true, backend: this.r.fs, excludeDir });
    await walkTree<AddFrame>(events, {
      tick: (entry) => this.r.meter.tick(`${this.label}/${entry.rel}`),
      enter: (entry, parent) => {
        if (parent) this.recordOther(entry, { parent, kind: EntryKind.Dir });
        return { rel: entry.rel, path: entry.path, dirId: this.index.dirId(entry.rel), info: entry.info };
      },
      leave: (frame) => this.legacy.leaveFolder(frame.rel),
      file: (entry, parent) => this.addFile(entry, parent),
      symlink: (entry, parent) => this.recordOther(entry, { parent, kind: EntryKind.Symlink }),
      other: (entry) =>
        this.problem({
          path: entry.rel,
          severity: "warning",
          ...said(msg("add.problem.special")),
        }),
    });
  }

  /** Records a folder or a symlink. */
  recordOther(entry: WalkEntry, at: { parent: AddFrame; kind: EntryKind }): void {
    const { parent, kind } = at;
    if (this.listed?.has(entry.rel)) {
      this.listed.delete(entry.rel);
      this.problem({
        path: entry.rel,
        severity: "damage",
        ...said(
          kind === EntryKind.Dir ? msg("add.problem.folderNotFile") : msg("add.problem.symlinkNotFile"),
        ),
      });
    }
    let target: string | null = null;
    if (kind === EntryKind.Symlink) {
      try {
        target = this.r.fs.readLink(entry.path);
      } catch (err) {
        this.problem({
          path: entry.rel,
          severity: "error",
          ...said(msg("add.problem.cannotReadSymlink", { error: errorMessage(err) })),
        });
        return;
      }
    }
    const info = entry.info;
    const mtime = recordedMtime(info, this.r.fs.fidelity.nanosecondTimes);
    this.index.insertEntry({
      snapshotId: this.snapshotId,
      dirId: parent.dirId,
      name: entry.name,
      kind,
      sizeBytes: kind === EntryKind.Dir ? 0 : info.size,
      mtimeMs: mtime.ms,
      mtimeFracNs: mtime.fracNs,
      mode: modeOf(info),
      uid: info.uid,
      gid: info.gid,
      contentId: null,
      ino: null,
      srcIno: null,
      srcCtimeMs: null,
      target,
      flags: 0,
      xattrs: kind === EntryKind.Dir ? sourceXattrs(this.r.fs, entry.path).digest : null,
    });
  }

  /** Whether another file in the entry's folder holds the same bytes (read to be sure). */
  async duplicatesSibling(entry: WalkEntry, frame: AddFrame): Promise<boolean> {
    try {
      const own = await this.r.hasher.hash(entry.path, entry.info);
      for (const d of this.r.fs.readDir(frame.path)) {
        if (d.name === entry.name || DEDUP_TEMP_NAME.test(d.name)) continue;
        const path = joinPath(frame.path, d.name);
        const st = this.r.fs.lstat(path);
        if (!st.isFile || st.size !== entry.info.size) continue;
        if ((await this.r.hasher.hash(path, st)).hashHex === own.hashHex) return true;
      }
    } catch (err) {
      if (isInterrupt(err)) throw new InterruptedError();
      // Unreadable: not proven redundant, so it is kept and recorded like any file.
    }
    return false;
  }

  /**
   * Marks the stored inode of `entry` damaged for the content its manifest lists (when the index
   * knows that content: other snapshots may record the inode with it, and must not link to it).
   */
  markDamaged(listedHash: string, entry: WalkEntry): void {
    const contentId = contentIdOfHash(this.index, listedHash);
    if (contentId === undefined || entry.info.ino === 0) return;
    if (!this.r.dryRun) {
      markDamaged(this.index, {
        contentId,
        ino: entry.info.ino,
        foundBy: "add",
        problem: "content",
        path: `${this.label}/${entry.rel}`,
      });
    }
    this.r.damaged.add(entry.info.ino, contentId);
  }

  /** Records a file; `keep`: one of PyHardLinkBackup's that could not be removed, recorded as it is. */
  async addFile(entry: WalkEntry, frame: AddFrame, options: { keep?: boolean } = {}): Promise<void> {
    const info = entry.info;
    if (
      DEDUP_TEMP_NAME.test(entry.name) && !this.listed?.has(entry.rel) &&
      (info.nlink > 1 || await this.duplicatesSibling(entry, frame))
    ) {
      // Left by a run killed between link and rename: a second name of a stored file, or (when a
      // later run moved that file's other names to another copy) the last name of a copy whose
      // content the file it was to replace, beside it, still holds.
      if (!this.r.dryRun) {
        try {
          this.r.fs.remove(entry.path);
          this.r.links.restoreFolderTimes(frame);
        } catch (err) {
          this.problem({
            path: entry.rel,
            severity: "warning",
            ...said(msg("add.problem.cannotRemoveLeftover", { error: errorMessage(err) })),
          });
          return;
        }
      }
      const text = msg("add.info.leftoverRemoved", { path: `${this.label}/${entry.rel}` });
      this.r.cb.onInfo?.(String(text), text);
      return;
    }
    const listedHash = this.listed?.get(entry.rel);
    if (listedHash !== undefined) this.listed!.delete(entry.rel);
    if (!options.keep && this.legacy.claims(entry, frame, listedHash)) return;
    const legacyCheck = this.legacy.startCheck(entry, frame);
    let hashHex: string;
    let sizeBytes: number;
    let cached: boolean;
    try {
      ({ hashHex, sizeBytes, cached } = await this.r.hasher.hash(entry.path, info, {
        onChunk: legacyCheck?.onChunk,
      }));
    } catch (err) {
      if (isInterrupt(err)) throw new InterruptedError();
      this.problem({
        path: entry.rel,
        severity: "error",
        ...said(msg("add.problem.cannotRead", { error: errorMessage(err) })),
      });
      return;
    }
    const summary = this.r.summary;
    summary.files++;
    summary.bytes += sizeBytes;
    // Bytes that differ from the manifest or PyHardLinkBackup's hash, or that changed while read, are
    // recorded but never shared.
    let suspect = sizeBytes !== info.size;
    if (legacyCheck?.finish({ cached })) suspect = true;
    if (this.listed) {
      if (listedHash === undefined) {
        // Planted in the snapshot after it was made: what it holds is nobody's backup. Recorded as it
        // is, never linked and never a link source, as a file that differs from its manifest.
        suspect = true;
        this.problem({
          path: entry.rel,
          severity: "damage",
          ...said(msg("add.problem.notInManifest")),
        });
      } else if (listedHash !== hashHex) {
        suspect = true;
        this.markDamaged(listedHash, entry);
        this.problem({
          path: entry.rel,
          severity: "damage",
          ...said(
            msg("add.problem.differs", { got: hashHex.slice(0, 16), expected: listedHash.slice(0, 16) }),
          ),
        });
      }
    }
    const contentId = this.index.contentId(hexToBytes(hashHex), sizeBytes);
    const mtime = recordedMtime(info, this.r.fs.fidelity.nanosecondTimes);
    const xattrs = sourceXattrs(this.r.fs, entry.path).digest;
    const key: SourceKey = {
      contentId,
      mode: modeOf(info),
      mtimeMs: mtime.ms,
      mtimeFracNs: mtime.fracNs ?? 0,
      uid: info.uid,
      gid: info.gid,
      xattrs: xattrs ?? undefined,
    };
    let storedIno: number | null = info.ino;
    let becomesSource = false;
    if (!suspect) {
      const outcome = await this.r.links.dedup(entry, {
        index: this.index,
        frame,
        key,
        hashHex,
        label: this.label,
      });
      if (outcome.kind === "linked") storedIno = outcome.ino;
      becomesSource = outcome.kind === "no-source" || outcome.kind === "limit";
    }
    this.index.insertEntry({
      snapshotId: this.snapshotId,
      dirId: frame.dirId,
      name: entry.name,
      kind: EntryKind.File,
      sizeBytes,
      mtimeMs: key.mtimeMs,
      mtimeFracNs: mtime.fracNs,
      xattrs,
      mode: key.mode,
      uid: key.uid,
      gid: key.gid,
      contentId,
      ino: storedIno,
      srcIno: null,
      srcCtimeMs: null,
      target: null,
      flags: suspect ? EntryFlag.Unstable : 0,
    });
    if (becomesSource) {
      this.index.setSource(key, { snapshotId: this.snapshotId, dirId: frame.dirId, name: entry.name });
      // Just read: when later copies are linked to it, it need not be read again.
      this.r.links.checked(info);
    }
    this.writer?.add(hashHex, entry.rel);
  }
}
