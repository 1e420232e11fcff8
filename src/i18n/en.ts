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
  "common.progress.files": { one: "{count:raw} file", other: "{count:raw} files" },
  "common.progress.filesOf": "{done:raw}/{total:raw} files",
  "common.progress.eta": "ETA",
  // ── end common ──

  // ── cli: src/commands, main.ts help, src/config, src/helper ──
  // ── end cli ──

  // ── backup: src/backup, src/add, src/fs, src/index, their reports ──
  // ── end backup ──

  // ── check: src/verify, src/prune, src/list, src/diff, src/copy, src/restore, src/store, their reports ──
  // verify: problems (the kind before each line stays the technical token of --json and the help)
  "verify.kind.file": "a regular file",
  "verify.kind.folder": "a folder",
  "verify.kind.symlink": "a symlink",
  "verify.problem.missingFile": "a regular file the snapshot recorded is missing",
  "verify.problem.missingFolder": "a folder the snapshot recorded is missing",
  "verify.problem.missingSymlink": "a symlink the snapshot recorded is missing",
  "verify.problem.badManifestLine": "line {line:raw} of {id}.sha256 is not a sha256sum line",
  "verify.problem.noManifest": "the manifest {id}.sha256 is missing",
  "verify.problem.manifestUnreadable": "cannot read the manifest {id}.sha256: {error}",
  "verify.problem.badManifestMore": "{count} more lines of {id}.sha256 are not sha256sum lines",
  "verify.problem.listedNotThere": "listed in the manifest, not in the snapshot",
  "verify.problem.special": "a special file (FIFO, socket or device): no snapshot holds one",
  "verify.problem.folderListedAsFile": "a folder, but the manifest lists a file here",
  "verify.problem.folderButRecorded": "a folder, but {kind} was recorded",
  "verify.problem.extraFolder": "a folder the snapshot did not record",
  "verify.problem.symlinkListedAsFile": "a symlink, but the manifest lists a file here",
  "verify.problem.extraSymlink": "a symlink the snapshot did not record",
  "verify.problem.symlinkButRecorded": "a symlink, but {kind} was recorded",
  "verify.problem.symlinkUnreadable": "cannot read the symlink: {error}",
  "verify.problem.symlinkTarget": "points to {target}, recorded {recorded}",
  "verify.problem.fileButRecorded": "a regular file, but {kind} was recorded",
  "verify.problem.repairLeftover":
    "not in the manifest: left by an interrupted `phlb verify --repair` (run it again)",
  "verify.problem.addLeftover":
    "not in the manifest: a second name of a stored file, left by an interrupted `phlb add` (run it again)",
  "verify.problem.notInManifest": "not in the manifest",
  "verify.problem.extraFile": "a file the snapshot did not record",
  "verify.problem.size": "size is {size:raw} bytes, recorded {recorded:raw}",
  "verify.problem.mtime": "mtime is {mtime}, recorded {recorded}",
  "verify.problem.mode": "permissions are {mode}, recorded {recorded}",
  "verify.problem.owner": "owner is {owner}, recorded {recorded}",
  "verify.problem.contentManifest": "content differs: sha256 is {actual}…, the manifest says {expected}…",
  "verify.problem.contentRecorded": "content differs: sha256 is {actual}…, recorded {expected}…",
  "verify.problem.unreadable": "cannot read: {error}",
  "verify.problem.shared": "{problem} ({count} other recorded paths share this file)",
  "verify.noSnapshot": 'No complete snapshot to verify under "{root}"',
  "verify.noSnapshot.hint": "`phlb list` shows what the root holds",
  "verify.notComplete": '"{label}" is not a complete snapshot (it is .{status})',
  "verify.insideSnapshot": '"{path}" is inside a snapshot: verify checks whole snapshots',
  "verify.insideSnapshot.hint": "give the snapshot itself: {path}",
  "verify.notice.removed":
    "{label} was removed while verify ran (by `phlb prune`, or by hand): not checked, and not damage",
  "verify.notice.markFailed":
    "the damaged copies could not be marked in the index ({error}): until a verify that can write the root marks them, a backup may link unchanged files to them again",
  "verify.notice.nothingToCompare":
    "{label}: no manifest and not in the index: nothing to compare with (run `phlb add`)",
  "verify.notice.notInIndex":
    "{label}: not in the index, so sizes, mtimes, folders and symlinks are not checked (run `phlb add`)",
  // verify: scrub
  "verify.scrub.noIndex": 'A scrub needs the index, and "{path}" cannot be used: {error}',
  "verify.scrub.noIndex.hint": "run `phlb add` to build the index from the snapshots",
  "verify.scrub.newPass": "starting a new scrub pass",
  "verify.scrub.resume": "resuming the scrub pass begun {when}",
  "verify.scrub.missing": "a file the snapshot recorded is missing",
  "verify.scrub.cannotStat": "cannot stat: {error}",
  "verify.scrub.notAFile": "not a regular file any more",
  // verify: --repair
  "verify.repair.ownerNeedsRoot": "its recorded owner {owner} can only be set by root",
  "verify.repair.fromHealed": "{label} (healed by an interrupted repair)",
  "verify.repair.fromOwnBytes": "its own bytes (only its metadata had changed)",
  "verify.repair.fromSource": 'the source file "{source}"',
  "verify.repair.stillDamaged": "{count} paths of a repaired copy still hold the damaged one: {paths}",
  "verify.repair.notRecorded": "the index does not record it: run `phlb add` first",
  "verify.repair.xattrsNowhere": "its recorded extended attributes are on no copy that could be read",
  "verify.repair.xattrsNoFfi":
    "it has extended attributes, and this phlb cannot read them (it runs without --allow-ffi)",
  "verify.repair.noSource.unknown":
    "no intact copy: no other stored copy holds its content, and no source file is known",
  "verify.repair.noSource.changed":
    "no intact copy: no other stored copy holds its content, and the source file {sources} no longer holds it",
  "verify.repair.noSource.gone":
    "no intact copy: no other stored copy holds its content, and the source file {sources} is gone",
  "verify.repair.cannotWrite": 'cannot write a repaired copy from "{from}": {error}',
  "verify.repair.cannotReplace": 'cannot replace "{label}" with its repaired copy: {error}',
  "verify.repair.cannotRemoveLeftover": 'cannot remove "{path}", left by an interrupted repair: {error}',
  "verify.repair.cannotRestoreMtime": 'cannot restore the mtime of "{folder}": {error}',
  "verify.repair.cannotFlush": "cannot flush the repairs to the disk: {error}",
  // verify: the report
  "verify.report.otherPaths": { one: "(+{count} other path)", other: "(+{count} other paths)" },
  "verify.report.repaired": "repaired: {path}: from {from}",
  "verify.report.wouldRepair": "would repair: {path}: from {from}",
  "verify.report.alreadyRepaired":
    "already repaired: {path}: by an interrupted repair; the index now says so",
  "verify.report.cannotRepair": "cannot repair: {paths}: {reason}",
  "verify.report.checking": "Checking {snapshot}",
  "verify.report.checkingFigures": "Checking {snapshot}: {files} ({size:bytes})",
  "verify.report.note": "note: {text}",
  "verify.report.progressRead": "read {rate}",
  "verify.next.repair": "next: {command}   heals what is listed above",
  "verify.next.unrepairable":
    "next: the copies that cannot be repaired have no intact source left: restore those files from another backup if you have one. Damaged copies are never linked again, and the next `phlb backup` stores each file afresh whose source is still there",
  "verify.next.dryRun":
    "next: {command}   shows how the damaged copies can be healed; without --dry-run it heals them",
  "verify.next.cannotHeal":
    'next: missing, extra or manifest problems cannot be healed from other copies: see "When verify finds damage" in docs/verify.md. The next `phlb backup` makes a new, complete snapshot',
  "verify.report.problems": { one: "{count} problem", other: "{count} problems" },
  "verify.verdict.repaired": {
    one: "REPAIRED: {problems}, in {count} stored copy; everything else matches",
    other: "REPAIRED: {problems}, in {count} stored copies; everything else matches",
  },
  "verify.verdict.okScrub":
    "OK: every content read matches (`phlb verify --all` checks every path of every snapshot)",
  "verify.verdict.okFast": "OK: everything matches (metadata only: --fast reads no content)",
  "verify.verdict.ok": "OK: everything matches",
  "verify.verdict.damaged": "DAMAGED: {problems} ({kinds})",
  "verify.verdict.damagedLeft": "DAMAGED: {problems} ({kinds}), {left} left after the repair",
  "verify.report.scrubOf": "Scrub of {root}",
  "verify.label.thisRun": "this run",
  "verify.label.pass": "pass",
  "verify.label.limit": "limit",
  "verify.label.files": "files",
  "verify.label.content": "content",
  "verify.label.read": "read",
  "verify.label.reused": "reused",
  "verify.label.removed": "removed",
  "verify.label.damaged": "damaged",
  "verify.label.repair": "repair",
  "verify.label.duration": "duration",
  "verify.report.contents": { one: "{count} content", other: "{count} contents" },
  "verify.report.thisRun": "{contents}, {files}, read {size:bytes} ({rate})",
  "verify.report.pass": "{verified} of {total} contents verified since {since} ({pct}%)",
  "verify.report.limit": "{limit} (--max-duration)",
  "verify.report.verified": "Verified {snapshots} under {root}",
  "verify.report.symlinks": { one: "{count} symlink", other: "{count} symlinks" },
  "verify.report.files": "{count} ({size:bytes}), {folders}, {symlinks}",
  "verify.report.notRead": "not read (--fast)",
  "verify.report.read": "{files}, {size:bytes} ({rate})",
  "verify.report.reused": {
    one: "{count} file share an inode already read",
    other: "{count} files share an inode already read",
  },
  "verify.report.removed": "{snapshots} (while verify ran: not checked, not damage)",
  "verify.report.storedCopies": { one: "{count} stored copy", other: "{count} stored copies" },
  "verify.report.damagedMarked": "{copies}, {marked} marked in the index: never linked again",
  "verify.report.damagedNotMarked": "{copies}, not marked",
  "verify.report.paths": { one: "{count} path", other: "{count} paths" },
  "verify.report.healed": "healed {copies} ({paths})",
  "verify.report.wouldHeal": "would heal {copies} ({paths})",
  "verify.report.cannotHeal": "{copies} cannot be",
  "verify.report.leftoversRemoved": {
    one: "removed {count} leftover of an interrupted repair",
    other: "removed {count} leftovers of an interrupted repair",
  },
  "verify.report.passComplete": "the pass is complete; the next --resume starts a new one",
  "verify.report.continueWith": "continue with: {command}",
  // store: the lock, names, references, roots
  "store.noBackupNamed": 'No backup named "{name}" under "{root}"',
  "store.lock.anotherProcess": "another phlb process",
  "store.lock.holder": "phlb {command} (pid {pid} on {host}, since {since})",
  "store.lock.recordRemoved": "the lock record was removed",
  "store.lock.takenOverBy": "taken over by {holder}",
  "store.lock.takenOverByHost": "taken over by {host} pid {pid}",
  "store.lock.lost": 'Lost the lock of the backup root ("{path}"): {why}',
  "store.lock.lost.hint":
    "this run was held up for longer than the lock's stale threshold (LOCK_STALE); run it again",
  "store.lock.held": 'Backup root is in use: {holder} holds "{path}"',
  "store.lock.heldWaited":
    'Backup root is in use: {holder} holds "{path}", still after waiting {seconds:raw} s',
  "store.lock.held.hint":
    "wait for it to finish, or give --lock-wait DURATION (LOCK_WAIT) to wait for it; a lock whose holder died is taken over (at once on a local disk, once its heartbeat is stale on a network root)",
  "store.lock.cannotOpen": 'Cannot open lock "{path}": {error}',
  "store.lock.cannotCreate": 'Cannot create lock "{path}": {error}',
  "store.lock.diedRemoved": "{holder} died without releasing the lock; its record was removed",
  "store.lock.tookOver":
    "took over the lock of {holder}: its heartbeat is {ageSeconds:raw} s old (stale after {staleSeconds:raw} s); it died or lost the connection",
  // list
  "list.namesAre": "the names are: {names}",
  "list.noBackupsYet": "the root holds no backups yet",
  "list.status.interrupted": "partial (interrupted run)",
  "list.status.running": "partial (running)",
  "list.status.deleting": "deleting (unfinished prune)",
  "list.status.complete": "complete",
  "list.column.snapshot": "snapshot",
  "list.column.status": "status",
  "list.column.files": "files",
  "list.column.size": "size",
  "list.column.unique": "unique",
  "list.column.new": "new",
  "list.column.duration": "duration",
  "list.column.errors": "errors",
  "list.column.warnings": "warnings",
  "list.column.folder": "folder",
  "list.onDisk": "{size:bytes} on disk",
  "list.sizesUnknown": "sizes unknown (no index)",
  "list.names": { one: "{count} name", other: "{count} names" },
  "list.verdict": "Root {root}: {snapshots} of {names}, {space}",
  "list.root": "Root {root}: {snapshots}",
  "list.notIndexed": "not in the index; run `phlb add` to rebuild it",
  "list.label.onDisk": "on disk (each file once)",
  "list.label.apparent": "apparent size (all snapshots)",
  "list.label.dedup": "dedup ratio",
  "list.label.inUse": "in use",
  "list.noIndex": "no index: sizes unknown; `phlb add` rebuilds it",
  "list.legend": "unique: freed by deleting that snapshot alone; new: bytes its run copied",
  "store.cannotWriteRoot": 'Cannot write to backup root "{root}": {error}',
  // prune
  "prune.span.years": { one: "{count} year", other: "{count} years" },
  "prune.span.months": { one: "{count} month", other: "{count} months" },
  "prune.span.days": { one: "{count} day", other: "{count} days" },
  "prune.span.hours": { one: "{count} hour", other: "{count} hours" },
  "prune.span.join": "{first} {rest}",
  "prune.reason.last": "last snapshot",
  "prune.reason.hourly": "hourly snapshot",
  "prune.reason.daily": "daily snapshot",
  "prune.reason.weekly": "weekly snapshot",
  "prune.reason.monthly": "monthly snapshot",
  "prune.reason.yearly": "yearly snapshot",
  "prune.reason.oldest": "oldest {reason}",
  "prune.reason.within": "within {span}",
  "prune.reason.deleting": "left by an interrupted prune",
  "prune.reason.partialOld": "partial, left by an interrupted run",
  "prune.reason.partialNew":
    "partial newer than the newest complete snapshot: the next backup reuses and removes it",
  "prune.reason.noTimestamp": "its name holds no timestamp: rules never remove it",
  "prune.reason.newest": "newest complete snapshot (always kept)",
  "prune.reason.notKept": "not kept by any rule",
  "prune.noRule": "No keep rule given: prune would keep only the newest snapshot of each name",
  "prune.noRule.hint": "give at least one of --keep-last/-hourly/-daily/-weekly/-monthly/-yearly/-within",
  "prune.cannotRemove": "cannot remove snapshot: {error}",
  "prune.policy.unlimited": "unlimited",
  "prune.policy.last": "the {n} newest",
  "prune.policy.hourly": "{n} hourly",
  "prune.policy.daily": "{n} daily",
  "prune.policy.weekly": "{n} weekly",
  "prune.policy.monthly": "{n} monthly",
  "prune.policy.yearly": "{n} yearly",
  "prune.policy.within": "every snapshot within {span} of the newest",
  "prune.policy.keep": "keep {rules}",
  "prune.freed.unknownDry": "would free: unknown (no index; `phlb add` rebuilds it)",
  "prune.freed.unknown": "frees: unknown (no index; `phlb add` rebuilds it)",
  "prune.label.contents": "file contents",
  "prune.label.onDisk": "on disk, about",
  "prune.freed.contents": "{size:bytes} ({bytes:raw} bytes of files with no link outside them)",
  "prune.freed.onDisk": "{size:bytes} (with the folders, symlinks and sidecar files)",
  "prune.freed.unindexed":
    "{snapshots} the index does not know: only their folders and unlinked files are counted",
  "prune.plan.rules": "Rules: {rules}",
  "prune.plan.counts": "keep {keep}, remove {remove}",
  "prune.column.action": "action",
  "prune.column.snapshot": "snapshot",
  "prune.column.time": "time",
  "prune.column.why": "why",
  "prune.action.keep": "keep",
  "prune.action.remove": "remove",
  "prune.plan.wouldRemove": "Would remove {snapshots}:",
  "prune.plan.removing": "Removing {snapshots}:",
  "prune.plan.dryRun": "Dry run: nothing was removed.",
  "prune.removed": "removed {snapshot}",
  "prune.verdict.wouldRemove": "Would remove {snapshots}; nothing was removed.",
  "prune.verdict.wouldRemoveFreeing":
    "Would remove {snapshots}, freeing {size:bytes} of file contents, about {onDisk:bytes} on disk; nothing was removed.",
  "prune.verdict.removed": "Removed {snapshots}",
  "prune.verdict.removedFreeing":
    "Removed {snapshots}, freeing {size:bytes} of file contents, about {onDisk:bytes} on disk",
  "prune.verdict.failed": "{done}; {count} could not be removed",
  // diff
  "diff.notAFolder": '"{path}" is not a folder: diff compares folders',
  "diff.neitherExists": 'Neither "{a}" nor "{b}" exists',
  "diff.neitherExists.hint": "`phlb restore --dry-run` or a file manager shows what a snapshot holds",
  "diff.noEarlier": "{snapshot} has no earlier complete snapshot to compare with",
  "diff.noManifestNoIndex": 'Cannot read the manifest "{path}" and the index does not know {snapshot}',
  "diff.change.type": "{from} -> {to}",
  "diff.change.target": "target {from} -> {to}",
  "diff.change.mode": "mode {from} -> {to}",
  "diff.change.mtime": "mtime {from} -> {to}",
  "diff.change.owner": "owner {from} -> {to}",
  "diff.change.xattrs": "xattrs changed",
  "diff.kind.file": "file",
  "diff.kind.symlink": "symlink",
  "diff.counts":
    "{added} added ({addedSize:bytes}), {removed} removed ({removedSize:bytes}), {modified} modified, {moved} moved, {changed} metadata only, {unchanged} unchanged",
  // restore
  "restore.snapshotMissing": 'Snapshot folder "{path}" is missing',
  "restore.notInSnapshot": '"{path}" is not in snapshot {snapshot}',
  "restore.pathIsSymlink":
    '"{path}" in snapshot {snapshot} is a symlink; restore does not follow symlinks inside a snapshot',
  "restore.pathNotFolder": '"{path}" in snapshot {snapshot} is not a folder',
  "restore.manifestUnreadable": 'cannot read the manifest "{path}" ({error}): restored files are not checked',
  "restore.skippedSpecial": "skipped: a {kind}",
  "restore.specialNotRestored": "skipped: a {kind} is not restored",
  "restore.markFailed": "the damaged copies could not be marked in the index: {error}",
  "restore.flushFailed": "the restored files could not all be written to disk: {error}",
  "restore.unusableName": "not a usable name",
  "restore.caseCollision":
    'not restored: on this case-insensitive target it would be the same entry as "{other}"',
  "restore.targetFull": 'The target "{path}" is full: {error}',
  "restore.folderInTheWay": "a folder is in the target where this entry goes; folders are never replaced",
  "restore.cannotRead": "cannot read from the snapshot: {error}",
  "restore.notInManifest": "not in the manifest: restored unchecked",
  "restore.damagedKept":
    "the snapshot's copy does not match the manifest (sha256 {actual}, manifest {expected}): the existing file was left in place",
  "restore.damagedRestored":
    "restored, but the snapshot's copy does not match the manifest (sha256 {actual}, manifest {expected}): it is damaged",
  "restore.symlinkOwner": "cannot set the symlink's owner: {error}",
  "restore.symlinkTime": "cannot set the symlink's time: {error}",
  "restore.kept.never": "exists (--overwrite never)",
  "restore.kept.ifNewer": "exists and is not older (--overwrite if-newer)",
  "restore.report.kept": "kept",
  "restore.verdict.dryRun":
    "Dry run of restoring {what} into {target}: {files} ({size:bytes}), {errors}; nothing was written",
  "restore.verdict.restored": "Restored {what} into {target}: {files} ({size:bytes}), {errors}",
  "restore.title.dryRun": "Dry run of restoring {what} into {target}: nothing was written",
  "restore.title.restored": "Restored {what} into {target}",
  "restore.label.files": "files",
  "restore.label.symlinks": "symlinks",
  "restore.label.folders": "folders",
  "restore.label.keptExisting": "kept existing",
  "restore.label.excluded": "excluded",
  "restore.label.errors": "errors",
  "restore.label.warnings": "warnings",
  "restore.label.duration": "duration",
  "restore.files.dryRun": "{count} ({size:bytes}) would be written",
  "restore.files.checked": "{count} ({size:bytes}), each checked against the manifest",
  "restore.folders.new": "{count} new",
  "restore.keptExisting": "{count} (see --overwrite; list them with -v)",
  "restore.caseInsensitive": "target is case-insensitive: names differing only by case are reported",
  // restore: the target
  "restore.target.adminNoFfi":
    'Refusing to restore as Administrator into "{target}": without --allow-ffi phlb cannot read who else may change it, and a user who can could lead the restore elsewhere with a junction',
  "restore.target.adminNoFfi.hint":
    "run phlb with --allow-ffi (as the launcher and release binaries do), or pass --unsafe-target",
  "restore.target.insideRoot": 'Target "{target}" is inside the backup root "{root}"',
  "restore.target.insideRoot.hint":
    "restore into a folder outside the backup root; snapshots are never changed",
  "restore.target.cannotCreate": 'Cannot create target "{target}": {error}',
  "restore.target.rootOpen":
    'Refusing to restore as root into "{target}": {why}. Without the native layer restore writes by path, so that user could swap a folder in it for a symlink and root would write wherever it points',
  "restore.target.unsafeHint":
    "restore into a folder only root can change (and move the files from there), run phlb with its native layer (--allow-ffi, as `deno task phlb` and the release binaries do), or pass --unsafe-target",
  "restore.target.notAFolder": 'Target "{target}" exists and is not a folder',
  "restore.target.pathNotAFolder": '"{path}" is not a folder',
  "restore.target.cannotCheck": "cannot check folder: {error}",
  "restore.target.symlinkInTheWay":
    "a symlink is in the target where this folder goes; restore never follows symlinks there",
  "restore.target.fileInTheWay": "a file is in the target where this folder goes",
  "restore.target.cannotCreateFolder": "cannot create folder: {error}",
  "restore.target.folderReplaced":
    "the folder was replaced while restoring; restore never follows symlinks in the target",
  "restore.target.cannotOpenFolder": "cannot open folder: {error}",
  "restore.target.resolvesOutside":
    'the folder resolves to "{real}", outside the target; nothing is written there',
  "restore.target.folderOpen":
    "not restored into: {why}. Without the native layer restore writes by path, so that user could swap what is in it for a symlink (--unsafe-target restores into it anyway)",
  "restore.target.aclNoFfi": "who else may change it cannot be read without --allow-ffi",
  "restore.target.folderMeta": "cannot set folder metadata: {error}",
  "restore.target.symlinkAnd": "it is a symlink, and {why}",
  "restore.target.wayOpen":
    'Refusing to restore as {who} into "{target}": "{path}" on the way to it can be changed by another user ({why}); that user could make the target lead somewhere else while {who} writes',
  "restore.target.wayOpen.hint":
    "restore into a folder only {who} can reach and change, or pass --unsafe-target",
  // copy
  "copy.sameRoot":
    'DEST_ROOT "{dest}" and SRC_ROOT "{src}" are the same root, or one holds the other: copy to another folder',
  "copy.badSince": '--since "{since}" is no snapshot id (such as 2026-11-28-101500)',
  "copy.skip.complete": "complete at DEST",
  "copy.skip.deleting": "being removed at DEST (.deleting): run phlb prune there",
  "copy.manifestUnreadable":
    "{label}: its manifest cannot be read ({error}); copied without checking the files against it",
  "copy.noticeOf": "{label}: {text}",
  "copy.cannotSetAside": 'Cannot set the interrupted copy "{path}" aside: {error}',
  "copy.sourceDamaged": "The source snapshot {snapshot} is damaged: {detail}",
  "copy.sourceDamaged.hint":
    "`phlb verify` at the source shows every difference; the copy of this snapshot stays .partial",
  "copy.damage.notCopied": "{path} is in its manifest but was not copied (missing or unreadable)",
  "copy.damage.notListed": "{path} is in the snapshot but not in its manifest",
  "copy.damage.content": "{path} holds bytes with sha256 {actual}; its manifest says {expected}",
  "copy.damage.marked":
    "{path} is marked damaged in the source's index (its {problem}, found by phlb {foundBy} at {at}); `phlb verify --repair` there heals it",
  "copy.damage.badLines": "its manifest has lines that are no sha256sum lines",
  "copy.plan.toCopy": "{snapshots} to copy",
  "copy.plan.toCopySkipped": "{snapshots} to copy, {skipped} skipped",
  "copy.skipped": "skipped",
  "copy.copying": "Copying {position}",
  "copy.progressNew": "{size:bytes} new",
  "copy.damagedStays": "{reason}; its copy stays {snapshot}.partial at DEST",
  "copy.verdict.dryRun":
    "Dry run of phlb copy to {dest}: {snapshots} to copy, {skipped} skipped; nothing was written",
  "copy.verdict.done":
    "Copy to {dest}: {snapshots} copied, {skipped} skipped, {files} ({size:bytes}), {written:bytes} written, {errors}",
  "copy.verdict.damaged":
    "Copy to {dest}: {snapshots} copied, {skipped} skipped, {files} ({size:bytes}), {written:bytes} written, {errors}, {damaged} damaged at the source",
  "copy.line.copied":
    "{what}: {files} ({size:bytes}): {unchanged} unchanged linked unread, {dedup} linked by content, {copied} copied ({copiedSize:bytes})",
  "copy.label.copied": "copied",
  "copy.label.toCopy": "to copy",
  "copy.label.damaged": "DAMAGED",
  "copy.label.skipped": "skipped",
  "copy.title.dryRun": "Dry run of phlb copy from {source} to {dest}: nothing was written",
  "copy.title.done": "Copy of {source} to {dest}",
  "copy.label.snapshots": "snapshots",
  "copy.label.files": "files",
  "copy.label.errors": "errors",
  "copy.label.warnings": "warnings",
  "copy.label.duration": "duration",
  "copy.totals.toCopy": "{count} to copy, {skipped} skipped",
  "copy.totals.copied": "{count} copied, {skipped} skipped",
  "copy.totals.damaged": "{snapshots}, {damaged} damaged",
  "copy.totals.files": "{count} ({size:bytes}), {written:bytes} written",
  "copy.totals.warnings": "{count} (each in the snapshot's .log at DEST)",
  "copy.damagedStayPartial":
    "Damaged source snapshots stay .partial at DEST; check the source with phlb verify",
  "store.ref.dotDot": 'the path inside the snapshot must not contain "..": {subpath}',
  "store.ref.noSnapshots": 'No snapshots of "{name}" under "{root}"',
  "store.ref.noSnapshots.hint": "`phlb list --root ROOT` shows the backup names and their snapshots",
  "store.ref.noComplete": '"{name}" has no complete snapshot under "{root}"',
  "store.ref.ambiguous": '"{ref}" matches {count} snapshots ({ids})',
  "store.ref.noSuchSnapshot": 'No snapshot "{which}" of "{name}" under "{root}"',
  "store.ref.noSuchSnapshot.hint": "`phlb list` shows the snapshots",
  "store.ref.namesAre": "the backup names under {root} are: {names} (give NAME, NAME@latest or NAME@ID)",
  "store.ref.giveWhat":
    "give a backup root, ROOT/NAME, a snapshot folder, or NAME, NAME@latest, NAME@ID with --root",
  "store.ref.notASnapshot":
    '"{arg}" is not a snapshot: it is neither a backup root (a folder holding .phlb), nor a backup name\'s folder ROOT/NAME, nor a snapshot folder ROOT/NAME/ID or a path inside one',
  "store.ref.doesNotExist": '"{arg}" does not exist',
  "store.ref.isRoot": '"{arg}" is a backup root, not a snapshot',
  "store.ref.isRoot.hint": "name one of its snapshots: NAME@latest, NAME@ID or ROOT/NAME/ID",
  "store.root.missing": 'Backup root "{path}" does not exist',
  "store.root.missing.hint": "give the root with --root, or make a backup first: phlb backup SOURCE",
  "store.root.cannotOpen": 'Cannot open backup root "{path}": {error}',
  "store.root.notAFolder": 'Backup root "{path}" is not a folder',
  "store.select.noRoot": "No backup root given",
  "store.select.otherRoot": '"{arg}" is not under "{root}": give the snapshots of one root at a time',
  "store.select.notInRoot": '"{arg}" is not in the backup root given with --root',
  "restore.target.cannotOpen": 'Cannot open target "{target}": {error}',
  "restore.target.folderChangeable": "its folder can be changed by another user: {why}",
  "restore.target.foreignInShared": "it belongs to uid {uid}, in a folder every user may add to",
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
