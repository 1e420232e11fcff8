/**
 * The English catalogue: every text phlb shows a person, by key. It is the catalogue the others are
 * checked against: its keys are the keys, and its placeholders are the placeholders.
 *
 * An entry is a string, or `{ one, other }` chosen by the `count` parameter (Intl.PluralRules).
 * Placeholders are `{name}` or `{name:format}`; formats: `bytes` (1.5 MiB), `duration` (12.3 s),
 * `date` (6 Dec 2026), `datetime`, `raw` (a number as it is, without grouping). A number without a
 * format is grouped for the language (1,234 / 1.234); a string is inserted as it is.
 *
 * Keys are grouped by area, each group between its markers, so that work on one area never touches
 * another's lines. Never put here: `--json` field names, log file lines (ID.log stays English, so
 * one log format can be searched everywhere), on-disk names, or anything FORMAT.md defines.
 * @module
 */

/** One catalogue entry: a text, or a text per plural category of `count`. */
export type Entry = string | { readonly one: string; readonly other: string };

/** The English texts. */
export const EN = {
  // ── common: main.ts, errors, the language itself, units ──
  "common.error": "error",
  "common.warning": "warning",
  "common.hint": "hint",
  "common.cause": "cause",
  "common.interrupted": "interrupted",
  "common.runWithHelp": "(run with --help for usage)",
  "common.runWithDebug": "(run with --debug for details)",
  "common.stoppedCleanly": "stopped cleanly",
  "common.stoppedCleanly.backup":
    "stopped cleanly; the unfinished snapshot stays .partial (the next backup reuses and removes it)",
  "common.stoppedCleanly.prune": "stopped cleanly; the snapshots not reached yet are kept",
  "common.stoppedCleanly.add": "stopped cleanly; each snapshot recorded so far stays recorded",
  "common.stoppedCleanly.restore": "stopped cleanly; what was restored so far stays in the target",
  "common.unknownLanguage":
    'language "{code}" ({from}) is not available; phlb speaks English. Available: {available}',
  "common.langOption": "the language of messages: en or de (default: LANGUAGE_CODE, else LC_ALL, LANG)",
  "common.langBadValue": '--lang: "{value}" is not a language code such as en or de-CH',
  "common.files": { one: "{count} file", other: "{count} files" },
  "common.folders": { one: "{count} folder", other: "{count} folders" },
  "common.errors": { one: "{count} error", other: "{count} errors" },
  "common.warnings": { one: "{count} warning", other: "{count} warnings" },
  "common.snapshots": { one: "{count} snapshot", other: "{count} snapshots" },
  "common.progress.counting": "counting",
  "common.progress.about": "about",
  "common.progress.filesOf": "{done:raw}/{total:raw} files",
  "common.progress.eta": "ETA",
  // ── end common ──

  // ── cli: src/commands, main.ts help, src/config, src/helper ──
  // ── end cli ──

  // ── backup: src/backup, src/add, src/fs, src/index, their reports ──
  "index.hint.rebuild":
    "the index is only a cache: move it away (or delete the .phlb folder) and run `phlb add` to rebuild it",
  "backup.full": 'The backup destination "{root}" is full: {error}. {left}',
  "backup.full.leftPartial": "The snapshot was left as {id}.partial; earlier snapshots are untouched",
  "backup.full.untouched": "Earlier snapshots are untouched",
  "backup.full.hint": "free space (e.g. `phlb prune`) and run the backup again",
  "backup.root.cannotWrite": 'Cannot write to backup root "{root}": {error}',
  "backup.index.damaged": 'The index is damaged ("{path}"): {error}. Earlier snapshots are untouched{stays}',
  "backup.index.failed": 'The index failed ("{path}"): {error}. Earlier snapshots are untouched{stays}',
  "backup.index.stays": "; this one stays {id}.partial",
  "backup.snapshot.cannotCreate": 'Cannot create snapshot "{path}": {error}',
  "backup.snapshot.folderNotSynced":
    'The snapshot "{path}" is complete, but its folder could not be written to disk: {error}',
  "backup.snapshot.cannotFlush": "Cannot write the snapshot to disk: {error}. It stays {id}.partial",
  "backup.info.start": 'phlb backup of "{source}" into "{dest}"',
  "backup.info.renameRetry": "in use, renaming again in a moment: {error}",
  "backup.info.flushed": "written to disk ({how}) in {ms:raw} ms{network}",
  "backup.info.notFlushed":
    "not flushed to disk: {os} offers no way to (the filesystem writes it back itself){network}",
  "backup.info.flushedNetwork":
    "; on a network filesystem this reaches the server, whose disk writes it back on its own schedule",
  "backup.info.stalePartialRemoved": "removed {id}.partial, left by an interrupted run",
  "backup.problem.cannotRemovePartial": "cannot remove the interrupted snapshot: {error}",
  "backup.notice.legacyNotAdopted": {
    one:
      "this root holds {count} snapshot made by PyHardLinkBackup that phlb has not adopted yet. This run reads every file and links only to what phlb stores itself; run `phlb add` once to check them against their .sha512 files and adopt them (docs/migrating.md)",
    other:
      "this root holds {count} snapshots made by PyHardLinkBackup that phlb has not adopted yet. This run reads every file and links only to what phlb stores itself; run `phlb add` once to check them against their .sha512 files and adopt them (docs/migrating.md)",
  },
  "backup.notice.indexLost":
    'the index "{path}" records no snapshot, but this root holds {count}{legacy}: it was deleted, emptied or replaced. This run reads every file and links only to what it stores itself; run `phlb add` to rebuild the index',
  "backup.notice.indexLost.legacy": " ({count} made by PyHardLinkBackup)",
  "backup.notice.previousNotIndexed":
    "previous snapshot {id} is not in the index: every file is read (run `phlb add`)",
  "backup.notice.storedDiffers": {
    one:
      "{count} file was stored afresh: the stored copy it would have been linked to is damaged or differs from what the index recorded for it (edited, touched, chmod or chown inside a snapshot): {paths}. Older snapshots still hold those copies: `phlb verify --all` names them, `phlb verify --repair` heals them",
    other:
      "{count} files were stored afresh: the stored copy they would have been linked to is damaged or differs from what the index recorded for it (edited, touched, chmod or chown inside a snapshot): {paths}. Older snapshots still hold those copies: `phlb verify --all` names them, `phlb verify --repair` heals them",
  },
  "backup.notice.reRecordedInodes":
    "{count} stored copies had other inode numbers than the index records (was the root copied to another disk?); each was read once, found to hold its content, and linked. `list` and `prune` count space by inode: rebuild the index (move {path} away, then run `phlb add`) for their figures to be right again",
  "backup.notice.sourceEmptied":
    'the source "{source}" is empty, but the previous snapshot {id} is not: is its drive mounted? This snapshot is empty',
  "backup.source.missing": 'Source "{path}" does not exist',
  "backup.source.cannotRead": 'Cannot read source "{path}": {error}',
  "backup.source.notFolder": 'Source "{path}" is not a folder',
  "backup.source.insideRoot":
    'Source "{source}" is inside the backup root "{root}": that would back up the backups',
  "backup.root.cannotCreate": 'Cannot create backup root "{root}": {error}',
  "backup.name.invalid": 'Invalid backup name "{name}": use a plain folder name',
  "backup.root.noHardlinks":
    'The backup root "{root}" cannot hold hardlinks ({error}); use a filesystem that supports them (ext4, NTFS, APFS, btrfs, XFS, …), not FAT/exFAT{sshfs}',
  "backup.root.noHardlinks.sshfs":
    ". Over sshfs the server must offer the SFTP extension hardlink@openssh.com (OpenSSH 5.7 and later), and sshfs must not be mounted with -o disable_hardlink",
  "backup.root.pathTooLong":
    'The backup root\'s path is too long: SQLite cannot open the index "{path}" ({bytes:raw} bytes; it takes paths of about 500 bytes at most)',
  "backup.root.pathTooLong.hint": "use a backup root with a shorter path",
  "backup.snapshot.exists": 'Snapshot "{snapshot}" exists already under "{root}"',
  "backup.info.destinationNetwork":
    "destination: {what}, a network filesystem: the index is worked on in a local copy and written back under the lock; the lock is the record .phlb/lock.owner alone (no OS lock), rewritten every {heartbeatS:raw} s and stale after {staleS:raw} s",
  "backup.info.unknownFilesystem": "unknown filesystem",
  "backup.info.destination": "destination: {what}",
  "backup.info.inodesUnstable":
    "the destination shows two inode numbers for one hardlinked file: inode numbers are not recorded, and stored copies are recognised by path, size and mtime",
  "backup.info.timeSteps":
    "the destination keeps mtimes in steps of {step}: stored copies show the source's mtime to that step, and are compared at it",
  "backup.info.timesNotKept":
    "the destination did not keep an mtime phlb set: stored copies will not match the fast path",
  "backup.info.linkCountsHidden":
    "the destination does not show link counts: the link limit is not counted here; a link the server refuses is made a copy",
  "backup.info.maxLinks": "at most {count:raw} links per stored file; then a new copy is made",
  "backup.problem.cannotCreateFolder": "cannot create folder: {error}",
  "backup.problem.folderMetadata": "cannot set folder metadata: {error}",
  "backup.problem.linkFailed": "link failed, copied instead: {error}",
  "backup.problem.vanished": "vanished during the backup",
  "backup.problem.cannotRead": "cannot read: {error}",
  "backup.problem.cannotBackUp": "cannot back up: {error}",
  "backup.problem.changedWhileRead":
    "changed while it was read: the stored copy is what was read, and the manifest hash matches it; the next run reads it again",
  "backup.problem.replacedWhileRead":
    "replaced while it was read: the snapshot holds the version that was opened, whole and as the manifest says",
  "backup.problem.deletedWhileRead":
    "deleted while it was read: the snapshot holds the version that was opened, whole and as the manifest says",
  "backup.problem.special": "skipped: a {kind} is not a file and cannot be backed up",
  "backup.problem.cannotReadSymlink": "cannot read symlink: {error}",
  "backup.notice.partialCopyDiffers":
    '{rel}: the copy "{path}", left by an interrupted run, does not hold what the index records (lost in a crash?); not used, copied again',
  "backup.notice.storedCopyDamaged":
    'the stored copy "{path}" does not hold its recorded content (damaged): marked in the index, never linked again; {rel} is stored afresh (`phlb verify --repair` heals the snapshots that share that copy)',
  "backup.excluded.backupRoot": "it is the backup root",
  "backup.excluded.marker": 'marker file "{marker}"',
  "backup.info.workers": {
    one: "file contents are read, hashed and written by {count:raw} worker",
    other: "file contents are read, hashed and written by {count:raw} workers",
  },
  // The run log's line, kept as it always was ("1 files"): one log format everywhere.
  "backup.info.walkedAhead": {
    one: "walked ahead: {count:raw} files, {bytes:raw} bytes in {ms:raw} ms",
    other: "walked ahead: {count:raw} files, {bytes:raw} bytes in {ms:raw} ms",
  },
  "fs.kind.fifo": "FIFO",
  "fs.kind.socket": "socket",
  "fs.kind.block": "block device",
  "fs.kind.char": "character device",
  "fs.kind.special": "special file",
  "fs.symlink.cannotSetOwner": "cannot set the symlink's owner: {error}",
  "fs.symlink.cannotSetTime": "cannot set the symlink's time: {error}",
  "fs.symlink.cannotCreate": 'cannot create symlink to "{target}": {error}{hint}',
  "fs.symlink.windowsHint": " (Windows allows symlinks with Developer Mode on, or for an administrator)",
  "fs.xattr.cannotSet": 'cannot set xattr "{name}": {error}',
  "fs.name.notAName": "is not a name",
  "fs.name.controlChar": "holds the control character {code}",
  "fs.name.badChar": 'holds "{char}"',
  "fs.name.trailingDot": "ends with a dot or a space",
  "fs.name.reserved": "is the reserved device name {stem}",
  "fs.walk.windowsName": "not read: the name {why}, which a Windows path cannot reach",
  "fs.walk.folderVanished": "folder vanished (deleted or moved while phlb ran)",
  "fs.walk.cannotReadFolder": "cannot read folder: {error}",
  "fs.walk.lossyNameTwice":
    'a name in this folder is not valid UTF-8 and cannot be read through Deno (shown as "{name}", the same as another name here); it was not backed up',
  "fs.walk.lossyName":
    'a name in this folder is not valid UTF-8 and cannot be read through Deno (shown as "{name}"); it was not backed up',
  "fs.walk.vanished": "vanished (deleted or moved while phlb ran)",
  "fs.walk.cannotStat": "cannot stat: {error}",
  "fs.walk.otherFilesystem": "on another filesystem (--one-file-system)",
  "backup.excluded": "excluded",
  "backup.start.dryRun": "Dry run: nothing will be written.",
  "backup.start": "Backing up into {path}",
  "backup.start.withPrevious": "Backing up into {path} (previous: {previous})",
  "backup.progress.rateNew": "{rate}, {copied:bytes} new",
  "backup.verdict.dryRun":
    "Dry run of {name}: {files} ({size:bytes}), {errors}, {toRead} to read; nothing was written",
  "backup.verdict": "Snapshot {path}: {files} ({size:bytes}), {errors}, {copied:bytes} new",
  "backup.summary.titleDryRun": "Dry run of {name}: nothing was written",
  "backup.summary.title": "Snapshot {path}",
  "backup.summary.count": "{count}",
  "backup.summary.countSize": "{count} ({size:bytes})",
  "backup.summary.files": "files",
  "backup.summary.unchanged": "unchanged",
  "backup.summary.unchangedValue": "{count} ({size:bytes}), would be linked unread",
  "backup.summary.toRead": "to read",
  "backup.summary.toReadValue": "{count} ({size:bytes}), then linked by content or copied",
  "backup.summary.unchangedLinked": "unchanged, linked",
  "backup.summary.dedupLinked": "same content, linked",
  "backup.summary.savedValue": "{count} ({size:bytes} saved)",
  "backup.summary.hardlinksKept": "source hardlinks kept",
  "backup.summary.copied": "copied",
  "backup.summary.symlinks": "symlinks",
  "backup.summary.folders": "folders",
  "backup.summary.skipped": "skipped (special files)",
  "backup.summary.excluded": "excluded",
  "backup.summary.excludedValue": "{count} (list them with -v)",
  "backup.summary.errors": "errors",
  "backup.summary.warnings": "warnings",
  "backup.summary.warningsValue": "{count} (each in {path}.log)",
  "backup.summary.duration": "duration",
  "backup.summary.durationValue": "{d:duration} ({rate})",
  "backup.summary.someFailed": "Some items were not backed up; see {path}.log",
  "index.cannotRead": 'Cannot read index "{path}": {error}',
  "index.cannotMoveAside": 'Cannot move the damaged index "{path}" aside: {error}',
  "index.newerSchema":
    'Cannot use index "{path}": it has schema version {version:raw}, this phlb knows {known:raw}',
  "index.newerSchema.hint":
    "use a newer phlb, or delete the .phlb folder and run `phlb add` to rebuild the index",
  "index.empty": 'Cannot open index "{path}": it is empty',
  "index.damagedReason": "it is damaged",
  "index.cannotOpen": 'Cannot open index "{path}": {error}',
  "index.cannotCopyLocal": 'Cannot copy index "{path}" to a local folder: {error}',
  "index.cannotWriteBack":
    'Cannot write the index back to "{path}": {error}. The snapshots are untouched; the index there is the one from before this run',
  "index.cannotWriteBack.hint":
    "run `phlb add` to record the snapshots this run made, once the root can be written",
  "add.info.indexMovedAside": "the index was damaged ({damage}) and was moved to {path}",
  "add.info.newIndex": "building a new index from the snapshots",
  "add.info.leftoverRemoved": 'removed "{path}", a leftover of an interrupted `phlb add`',
  "add.cannotRecord": 'Cannot record snapshot "{path}": {error}',
  "add.legacy.cannotRemoveSummary": 'cannot remove PyHardLinkBackup\'s summary "{path}": {error}',
  "add.legacy.manifestUnreadable":
    "its manifest has unreadable lines, so PyHardLinkBackup's files are kept in this snapshot",
  "add.legacy.cannotRead": "cannot read for the check against {hashName}: {error}",
  "add.legacy.differs":
    "content differs from PyHardLinkBackup's {hashName}: sha512 is {got}…, the file says {expected}…",
  "add.legacy.orphanHash":
    'PyHardLinkBackup\'s hash of "{name}", which is not in this snapshot (deleted or lost); kept',
  "add.legacy.cannotRemove": "cannot remove this PyHardLinkBackup file: {error}; it is kept and recorded",
  "add.problem.sourceDamaged":
    'the stored copy "{path}" no longer matches its recorded sha256: marked damaged, never linked to (`phlb verify --repair` heals it)',
  "add.problem.cannotLink": 'cannot link to "{path}", kept as a separate copy: {error}',
  "add.problem.folderMtime": "cannot restore the folder's mtime: {error}",
  "add.problem.badManifestLine": "manifest line {line:raw} is not a sha256sum line",
  "add.problem.manifestUnreadable": "cannot read the manifest: {error}; it is left as it is",
  "add.problem.missing": "listed in the manifest, not in the snapshot",
  "add.problem.special": "a special file (FIFO, socket or device) in a snapshot: not recorded",
  "add.problem.folderNotFile": "a folder, but the manifest lists a file here",
  "add.problem.symlinkNotFile": "a symlink, but the manifest lists a file here",
  "add.problem.cannotReadSymlink": "cannot read the symlink: {error}",
  "add.problem.cannotRemoveLeftover": "cannot remove the leftover link: {error}",
  "add.problem.cannotRead": "cannot read: {error}; not recorded",
  "add.problem.notInManifest": "not in the manifest: recorded as it is, never linked and never a link source",
  "add.problem.differs": "content differs from the manifest: sha256 is {got}…, the manifest says {expected}…",
  "add.skip.partial": "unfinished (.partial)",
  "add.skip.deleting": "being deleted",
  "add.severity.damage": "damage",
  "add.snapshot.recording": "recording",
  "add.snapshot.recorded": "already in the index",
  "add.snapshot.skipped": "skipped: {reason}",
  "add.link.would": "would link {path} -> {source} ({size:bytes})",
  "add.link.wouldFree": "would link {path} -> {source} ({size:bytes}, freed)",
  "add.link.done": "linked {path} -> {source} ({size:bytes})",
  "add.link.freed": "linked {path} -> {source} ({size:bytes}, freed)",
  "add.progress": "read {read:bytes} ({rate}), {linked} linked, {freed:bytes} freed",
  "add.verdict":
    "Added snapshots in {root}: {recorded} recorded, {linked} linked, freed {freed:bytes}, {errors}{damaged}",
  "add.verdict.dryRun":
    "Dry run of phlb add in {root}: {recorded} to record, {linked} to link, would free {freed:bytes}, {errors}{damaged}",
  "add.verdict.damaged": { one: ", {count} path damaged", other: ", {count} paths damaged" },
  "add.summary.title": "Added snapshots in {root}",
  "add.summary.titleDryRun": "Dry run of phlb add in {root}: nothing was written",
  "add.summary.index": "index",
  "add.summary.index.updated": "updated",
  "add.summary.index.created": "created",
  "add.summary.index.wouldCreate": "would be created",
  "add.summary.index.wouldRebuild": "damaged: would be moved aside and rebuilt",
  "add.summary.index.rebuilt": "rebuilt; the damaged one is {path}",
  "add.summary.snapshots": "snapshots",
  "add.summary.snapshots.value":
    "{complete} complete: {recorded} recorded, {already} already in the index{skipped}",
  "add.summary.snapshots.valueDryRun":
    "{complete} complete: {recorded} to record, {already} already in the index{skipped}",
  "add.summary.snapshots.skipped": "; {count} unfinished skipped",
  "add.summary.manifests": "manifests",
  "add.summary.manifests.value": "{checked} checked, {written} written",
  "add.summary.manifests.valueDryRun": "{checked} checked, {written} to write",
  "add.summary.files": "files",
  "add.summary.files.value": "{count} ({size:bytes}), read {read:bytes}",
  "add.summary.linked": "linked",
  "add.summary.wouldLink": "would link",
  "add.summary.linked.value": {
    one: "{count} duplicate ({size:bytes}), freed {freed:bytes}",
    other: "{count} duplicates ({size:bytes}), freed {freed:bytes}",
  },
  "add.summary.linked.valueDryRun": {
    one: "{count} duplicate ({size:bytes}), would free {freed:bytes}",
    other: "{count} duplicates ({size:bytes}), would free {freed:bytes}",
  },
  "add.summary.legacy.value": "{snapshots}; {files} checked against their .sha512, {differ}",
  "add.summary.legacy.differ": { one: "{count} differs", other: "{count} differ" },
  "add.summary.legacyFiles": "legacy files",
  "add.summary.legacyFiles.toRemove": "{count} to remove (.sha512, phlb_config.ini, summary.txt)",
  "add.summary.legacyFiles.removed": "{count} removed (.sha512, phlb_config.ini, summary.txt)",
  "add.summary.legacyFiles.kept": "{count} kept",
  "add.summary.legacyFiles.keptHint": "{count} kept (phlb add --drop-legacy-files removes them)",
  "add.summary.damage": "damage",
  "add.summary.damage.value": {
    one: "{count} path differs from their manifest",
    other: "{count} paths differ from their manifest",
  },
  "add.summary.damage.valueLegacy": {
    one: "{count} path differs from their manifest or PyHardLinkBackup's .sha512",
    other: "{count} paths differ from their manifest or PyHardLinkBackup's .sha512",
  },
  "add.summary.count": "{count}",
  "add.summary.errors": "errors",
  "add.summary.warnings": "warnings",
  "add.summary.duration": "duration",
  "add.summary.duration.value": "{d:duration}",
  "fs.backend.native": "metadata: native ({libc}): nanosecond times, xattrs, exact byte names",
  "fs.backend.deno":
    "metadata: Deno file API{reason}: millisecond mtimes, {ctimes}, no xattrs, names must be valid UTF-8",
  "fs.backend.ctimesMs": "millisecond ctimes",
  "fs.backend.ctimesS": "whole-second ctimes",
  "fs.probe.notHardlink":
    "a second name made with link() is no hardlink: it does not show a write through the first",
  "fs.trust.ownedByUid": "it belongs to uid {uid:raw}",
  "fs.trust.worldWritable": "every user can write to it",
  "fs.trust.groupWritable": "group {gid:raw} can write to it",
  "fs.trust.ownedBy": "it belongs to {owner}",
  "fs.trust.noAcl": "it has no access list: everyone may change it",
  "fs.trust.mayChangeNew": "{who} may change what is made in it (access mask {mask})",
  "fs.trust.mayWrite": "{who} may write to it (access mask {mask})",
  "fs.trust.mayReplace": "{who} may rename or replace what is in it (access mask {mask})",
  // ── end backup ──

  // ── check: src/verify, src/prune, src/list, src/diff, src/copy, src/restore, src/store, their reports ──
  // ── end check ──

  // ── web: src/web ──
  // ── end web ──
} as const satisfies Record<string, Entry>;

/** A catalogue key. */
export type MessageKey = keyof typeof EN;

/**
 * A complete catalogue for one language: every key of {@linkcode EN}, no other. A language file
 * declares `export const XX: Catalog = { … }`, so a missing or extra key fails `deno check`.
 */
export type Catalog = { readonly [K in MessageKey]: Entry };
