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
  "cli.help.usage": "Usage:",
  "cli.help.options": "Options:",
  "cli.help.arguments": "Arguments:",
  "cli.help.commands": "Commands:",
  "cli.help.optionsWord": "[options]",
  "cli.help.commandWord": "[command]",
  "cli.help.default": "default: {value}",
  "cli.help.choices": "choices: {values}",
  "cli.help.display": "display help for command",
  "cli.help.examples": "Examples:",
  "cli.help.exitCodes": "Exit codes:",
  "cli.commander.unknownOption": "unknown option '{option}'",
  "cli.commander.unknownCommand": "unknown command '{command}'",
  "cli.commander.didYouMean": "(Did you mean {suggestion}?)",
  "cli.commander.didYouMeanOneOf": "(Did you mean one of {suggestions}?)",
  "cli.commander.missingArgument": "missing required argument '{name}'",
  "cli.commander.optionArgumentMissing": "option '{option}' argument missing",
  "cli.commander.requiredOption": "required option '{option}' not specified",
  "cli.commander.tooManyArguments": {
    one: "too many arguments. Expected {count} argument but got {received}: {details}.",
    other: "too many arguments. Expected {count} arguments but got {received}: {details}.",
  },
  "cli.commander.tooManyArgumentsFor": {
    one: "too many arguments for '{command}'. Expected {count} argument but got {received}: {details}.",
    other: "too many arguments for '{command}'. Expected {count} arguments but got {received}: {details}.",
  },
  "cli.commander.invalidOptionArgument": "option '{option}' argument '{value}' is invalid.",
  "cli.commander.invalidArgument": "command-argument value '{value}' is invalid for argument '{name}'.",
  "cli.commander.allowedChoices": "Allowed choices are {choices}.",
  "cli.program.description": "hardlink snapshot backups: every snapshot a plain, complete folder",
  "cli.program.version": "print the version",
  "cli.program.debug": "show full error causes",
  "cli.opt.root":
    "the backup root (default: {env}, else BACKUP_PATH from PyHardLinkBackup.ini, else ~/PyHardLinkBackups)",
  "cli.opt.racyWindow": "test only: the racy window (default 2000)",
  "cli.opt.racyWindowBad": '--racy-window-ms takes whole milliseconds, not "{value}"',
  "cli.opt.quiet": "print only problems and the one-line verdict",
  "cli.opt.json": "print the result as JSON on stdout (problems stay on stderr)",
  "cli.arg.rootAsWithRoot": "the backup root, as with --root",
  "cli.name.dot": "a backup name must not start with a dot (hidden folders and .phlb are not backups)",
  "cli.name.plain": "give a plain folder name, without / or \\",
  "cli.exit.ok": "done",
  "cli.exit.fatal": 'fatal error, see the "error:" line',
  "cli.exit.usage": "usage error",
  "cli.exit.itemErrors": "done, but some items failed (each is named)",
  "cli.exit.damage": "damage found",
  "cli.exit.interrupted": "interrupted (Ctrl-C or SIGTERM)",
  "cli.exit.all.itemErrors": "done, but some items failed (each is named in the log)",
  "cli.exit.all.damage": "verify found damage (or add, copy: files differ from their manifest)",
  "cli.lock.waitHelp":
    "wait up to this long for a root another run holds, instead of failing (90s, 10m = 10 minutes, 2h; the LOCK_WAIT key)",
  "cli.lock.staleTooShort":
    "LOCK_STALE ({stale:raw} s) must be at least three LOCK_HEARTBEAT intervals ({min:raw} s): a live run could be taken for a dead one",
  "cli.root.twice": 'the backup root is given twice, as {name} "{positional}" and --root "{flag}"',
  "cli.failure.indexDamaged": "The index is damaged: {error}",
  "cli.backup.badPattern": 'bad {rule} pattern "{pattern}": {error}',
  "cli.backup.description":
    "make a new snapshot of SOURCE under ROOT/NAME/: unchanged and duplicate files are hardlinks",
  "cli.backup.arg.source": "the folder to back up",
  "cli.backup.opt.name": "backup name, the folder under the root (default: the source folder's name)",
  "cli.backup.opt.dryRun": "show what would be done; write nothing",
  "cli.backup.opt.exclude": "leave out matching files and folders (repeatable)",
  "cli.backup.opt.excludeFrom": "read exclude globs from FILE, one per line (repeatable)",
  "cli.backup.opt.excludeIfPresent":
    "leave out folders holding a file with this name, e.g. .nobackup (repeatable)",
  "cli.backup.opt.excludeCaches": "leave out folders holding a valid CACHEDIR.TAG (default)",
  "cli.backup.opt.noExcludeCaches": "back up folders holding a CACHEDIR.TAG too",
  "cli.backup.opt.oneFileSystem": "stay on the source's filesystem (default)",
  "cli.backup.opt.noOneFileSystem": "descend into other mounted filesystems",
  "cli.backup.opt.dedup": "exact: same content and metadata are linked; content: same content alone",
  "cli.backup.opt.checksum":
    "trust nothing: read every file (no unchanged-file fast path) and every stored copy before linking to it; reads both sides, about twice the bytes of a first backup",
  "cli.backup.opt.jobs": "workers reading, hashing and writing new files: a number, 0 (none) or auto (JOBS)",
  "cli.backup.opt.verbose": "also list the settings, excluded entries and run details",
  "cli.backup.help":
    "Settings not given as options come from the first PyHardLinkBackup.ini found in the current folder,\nits parents, or the home folder (see `phlb config --show`). --exclude, --exclude-from and\n--exclude-if-present add to the file's SKIP_PATTERNS and EXCLUDE_IF_PRESENT. The root is DEST or\n--root, else $PHLB_ROOT, else BACKUP_PATH, else ~/PyHardLinkBackups.",
  "cli.backup.example.dryRun": "what would be read, linked and copied",
  "cli.backup.exit.itemErrors": "the snapshot was made, but some items failed (each is named in ID.log)",
  "cli.backup.exit.interrupted": "interrupted (Ctrl-C or SIGTERM): the snapshot stays .partial",
  "cli.backup.noFolderName": 'the source "{source}" has no folder name; give one with --name',
  "cli.backup.dotName":
    'the source\'s folder name "{name}" cannot be a backup name (it starts with a dot); give one with --name',
  "cli.backup.settings": "settings:",
  "cli.backup.excludeRow": "exclude",
  "cli.add.description":
    "record every snapshot folder under the root in the index (also trees copied in by hand as NAME/YYYY-MM-DD-HHMMSS/), write missing manifests, and hardlink identical files",
  "cli.add.opt.dryRun": "show what would be recorded, linked and freed; write nothing",
  "cli.add.opt.verbose": "also list every link made and every snapshot already in the index",
  "cli.add.opt.dropLegacy":
    "remove PyHardLinkBackup's FILE.sha512 files (each after FILE matched it), phlb_config.ini and 'ID summary.txt' from the snapshots it made; the manifests are written without them",
  "cli.add.help":
    "Snapshots the index records already are left as they are (check them with phlb verify). A missing\nor damaged index (.phlb/index.sqlite) is rebuilt from the trees; a damaged one is moved aside to\nindex.sqlite.corrupt-TIMESTAMP. Existing manifests are checked, never rewritten: a file that\ndiffers from its manifest, or that the manifest does not list, is reported as damage (exit code 4),\nnever linked and never linked to; one that differs is marked damaged (phlb verify --repair heals it).\n\nTwo files are linked only when content, size, mtime, permissions and owner are all equal, so no\nsnapshot shows anything different afterwards.\n\nSnapshots made by PyHardLinkBackup are adopted too: each file with a FILE.sha512 beside it is\nchecked against it (a difference is damage). --drop-legacy-files then removes PyHardLinkBackup's\nown files (see docs/migrating.md).",
  "cli.add.example.record": "record and deduplicate the configured root",
  "cli.add.example.dryRun": "what would be linked and freed",
  "cli.add.example.dropLegacy": "adopt PyHardLinkBackup's snapshots without its .sha512 files",
  "cli.add.example.rebuild": "a new index from the trees",
  "cli.add.exit.damage": "files differ from their manifest or their .sha512 (each is named; none is linked)",
  "cli.add.exit.interrupted": "interrupted (Ctrl-C or SIGTERM): each snapshot recorded so far stays recorded",
  "cli.verify.description":
    "check snapshots against their manifests and the index: missing, extra, changed and damaged files",
  "cli.verify.arg.snapshots":
    "snapshots: NAME@ID, NAME@latest or a folder ROOT/NAME/ID; a name, ROOT/NAME or a backup root stands for its newest snapshots (default: the newest snapshot of every name)",
  "cli.verify.opt.all": "check every complete snapshot, not only the newest of each name",
  "cli.verify.opt.fast": "check presence, size, mtime, permissions and owner only; read no content",
  "cli.verify.opt.maxDuration":
    "scrub: verify stored contents, least recently verified first, for at most this long (90s, 30m = 30 minutes, 2h, 1h30m)",
  "cli.verify.opt.resume": "scrub: continue the current scrub pass instead of starting a new one",
  "cli.verify.opt.repair":
    "heal damaged stored copies (found now, or marked by an earlier verify, scrub, add, restore or backup) from intact ones: another stored copy, or the source file; takes the root's lock",
  "cli.verify.opt.dryRun": "with --repair: show what would be repaired, and from where; change nothing",
  "cli.verify.opt.jobs": "workers reading and hashing files: a number, 0 (none) or auto (JOBS)",
  "cli.verify.opt.lockWait": "with --repair or a scrub: {help}",
  "cli.verify.opt.json": "print the summary and every problem (and repair) as JSON on stdout",
  "cli.verify.opt.verbose": "also say how many files and bytes each snapshot holds as its check starts",
  "cli.verify.help":
    "Each problem is one line on stdout: KIND: \"NAME/ID/PATH\": what differs. Kinds: no-manifest,\nbad-manifest, missing, extra, type, size, mtime, mode, owner, content, symlink-target, unreadable.\n\nA scrub (--max-duration and/or --resume) covers every snapshot of the root, content by content,\nand records in the index when each content was verified; every run verifies at least one. In\n--max-duration, m is minutes (30m); in prune's --keep-within it is months.\n\nA stored copy found damaged (other bytes, size, mtime, permissions or owner than recorded) is\nmarked in the index: no backup or add links to it again. --repair gives every path that shares it\na new copy with the recorded bytes and metadata, from another stored copy or the source file (its\nsha256 checked first); the damaged file is never changed, and a repair killed at any moment leaves\neach path with the old copy or the new one. A copy with no intact source stays damaged (exit 4).\n\nverify takes no lock, so a backup is never refused because a verify runs. A snapshot removed while\nit runs (by phlb prune, or by hand) is reported as removed, not as damage. --repair and a scrub\ntake the root's lock: they wait for no one, and are refused while a backup, prune or add runs.",
  "cli.verify.example.newest": "the newest snapshot of every name",
  "cli.verify.example.allFast": "every snapshot, metadata only",
  "cli.verify.example.quiet": "problems and the verdict only",
  "cli.verify.example.scrub": "a nightly slice of a scrub",
  "cli.verify.example.repair": "what a repair would heal, and from where",
  "cli.verify.exit.damage":
    "damage found, each problem a line on stdout; with --repair: a copy is still damaged",
  "cli.verify.scrubWithSnapshots":
    "a scrub (--max-duration, --resume) covers the whole root: give --root, not snapshots",
  "cli.verify.scrubFast": "a scrub reads content: it cannot be --fast",
  "cli.verify.scrubRepair":
    "a scrub finds and marks damage; repair it with a run of its own: phlb verify --repair",
  "cli.verify.dryRunNeedsRepair": "--dry-run goes with --repair",
  "cli.verify.lockWaitNeeds": "--lock-wait goes with --repair or a scrub (--max-duration, --resume)",
  "cli.prune.badCount": "expected a whole number, or 'unlimited'",
  "cli.prune.description":
    "remove snapshots that no keep rule keeps (restic forget rules); --dry-run shows the plan",
  "cli.prune.opt.name": "only this backup name (default: every name, each on its own)",
  "cli.prune.opt.keepLast": "keep the n newest snapshots",
  "cli.prune.opt.keepHourly": "keep the newest snapshot of each of the last n hours that have one",
  "cli.prune.opt.keepDaily": "keep the newest snapshot of each of the last n days that have one",
  "cli.prune.opt.keepWeekly": "keep the newest snapshot of each of the last n ISO weeks that have one",
  "cli.prune.opt.keepMonthly": "keep the newest snapshot of each of the last n months that have one",
  "cli.prune.opt.keepYearly": "keep the newest snapshot of each of the last n years that have one",
  "cli.prune.opt.keepWithin":
    "keep every snapshot within this long of the newest: y years, m months (not minutes), d days, h hours (30d, 12h, 1y6m)",
  "cli.prune.opt.dryRun":
    "show every snapshot with keep/remove, the rules and the bytes freed; remove nothing",
  "cli.prune.opt.json": "print the plan and what was removed as JSON on stdout",
  "cli.prune.opt.verbose": "also show each snapshot's time in the plan",
  "cli.prune.help":
    "Rules add up: a snapshot stays when any rule keeps it. Periods are local time; a count of\n'unlimited' keeps one per period forever. When there are fewer periods than n, the oldest snapshot\nis kept too. In --keep-within, m is months (restic's grammar; verify's --max-duration 30m is\nminutes): the plan says the duration in words. Without any --keep flag, the KEEP_* keys of\nPyHardLinkBackup.ini are the rules; any --keep flag replaces them all. Always kept: the newest\ncomplete snapshot of each name. Partial snapshots never count; those older than the newest\ncomplete one (left by dead runs) are removed.\n\nWhat a removal frees is said twice: the file contents no other snapshot links to (from the\nindex), and the estimated total on disk, with the folders, symlinks and sidecar files counted.",
  "cli.prune.example.rootArg": "the root as an argument",
  "cli.prune.example.within": "keep 1 year 6 months of Photos",
  "cli.prune.example.quiet": "the KEEP_* rules of the ini; problems and one line",
  "cli.prune.exit.itemErrors": "done, but some snapshots could not be removed (each is named)",
  "cli.prune.exit.interrupted": "interrupted (Ctrl-C or SIGTERM): the snapshots not reached yet are kept",
  "cli.prune.badKeepWithin": "bad --keep-within: {error}",
  "cli.prune.noRule":
    "give at least one keep rule (--keep-last, --keep-daily, …, --keep-within), or set KEEP_DAILY etc. in PyHardLinkBackup.ini",
  "cli.copy.description":
    "copy the snapshots of one backup root into another (a second disk, a NAS), oldest first, keeping their names and IDs; unchanged and duplicate files are hardlinks there too",
  "cli.copy.arg.src": "the backup root to copy from",
  "cli.copy.arg.dest": "the backup root to copy into, as with --root (made when missing)",
  "cli.copy.opt.name": "only this backup name (default: every name)",
  "cli.copy.opt.since": "only snapshots taken at or after snapshot ID, e.g. 2026-11-28-101500",
  "cli.copy.opt.dryRun": "show which snapshots would be copied and which skipped; write nothing",
  "cli.copy.opt.json": "print the plan and what was copied as JSON on stdout (problems stay on stderr)",
  "cli.copy.opt.verbose": "also list the skipped snapshots and the run details (fidelity, the lock)",
  "cli.copy.help":
    "DEST_ROOT is the root the copy writes into, found as backup's DEST is: DEST_ROOT or --root, else\n$PHLB_ROOT, else BACKUP_PATH, else ~/PyHardLinkBackups. SRC_ROOT is always given.\n\nEach snapshot is written at DEST as a backup would write it (.partial until complete): files\nunchanged since DEST's previous snapshot are linked unread, content DEST holds already is linked,\nand only new content is copied. Every file copied is hashed and checked against the source\nsnapshot's manifest: a difference is damage at the source; that snapshot stays .partial at DEST\nand the exit code is 4. Snapshots complete at DEST are skipped, so an interrupted copy is simply\nrun again. Memory does not grow with the number of hardlinks. DEST's lock is held for the whole\ncopy; --lock-wait waits for it (m is minutes: 30m = 30 minutes).",
  "cli.copy.example.usb": "every snapshot not yet at the USB disk",
  "cli.copy.example.dryRun": "what would be copied",
  "cli.copy.example.since": "one name, from November on",
  "cli.copy.example.env": "into $PHLB_ROOT; one line",
  "cli.copy.example.lockWait": "wait while a backup writes there",
  "cli.copy.exit.itemErrors": "copied, but some items failed (each is named, and in the snapshot's log)",
  "cli.copy.exit.damage":
    "a source snapshot is damaged (files differ from its manifest): its copy stays .partial",
  "cli.copy.exit.interrupted": "interrupted (Ctrl-C or SIGTERM): the snapshot being copied stays .partial",
  "cli.diff.description":
    "list what changed between two snapshots: added, removed, modified, moved, metadata (reads no file)",
  "cli.diff.arg.a": "the older snapshot: a path, or NAME@latest / NAME@ID, optionally with /SUBPATH",
  "cli.diff.arg.b":
    "the newer snapshot; an ID alone means A's name (default: A's predecessor is compared with A)",
  "cli.diff.opt.json": "print the changes as JSON on stdout",
  "cli.diff.opt.verbose":
    "also say what changed in each modified entry (size, mode, mtime, owner, xattrs, target)",
  "cli.diff.help":
    "One line per change: + added, - removed, M content modified, > moved (same content, new path),\nm mode only, t mtime only, o owner only, x xattrs only, L symlink target changed; a file whose\nmetadata changed in several ways shows one letter per change. Moves are found by equal content\nat a removed and an added path, each removed path paired with the added one nearest to it in the\ntree. Everything comes from the index (the manifests without one): no file is read.",
  "cli.diff.example.last": "what the last run changed",
  "cli.diff.example.toNewest": "from a snapshot to the newest",
  "cli.diff.example.counts": "the counts only",
  "cli.list.description":
    "list snapshots with status, sizes, unique and new bytes; the root's total and dedup ratio",
  "cli.list.arg.name":
    "only this backup name; or a path: a backup root or its ROOT/NAME folder (a snapshot, NAME@ID or ROOT/NAME/ID, stands for its name)",
  "cli.list.opt.json": "print the snapshots and the totals as JSON on stdout",
  "cli.list.opt.verbose": "also show each snapshot's warnings and folder",
  "cli.list.help":
    "Columns: size is the snapshot's files as they appear; unique is what deleting that snapshot alone\nwould free (files with no link outside it); new is what its run copied. Figures come from the\nindex, no tree is walked.",
  "cli.list.example.all": "every backup name under the root",
  "cli.list.example.name": "only the snapshots of Documents",
  "cli.list.example.folder": "a name's folder stands for its root and name",
  "cli.list.example.quiet": "one line: snapshots and space of the root",
  "cli.restore.badGlob": 'bad {flag} "{glob}": {error}',
  "cli.restore.description":
    "copy a snapshot, or a folder or file in it, into TARGET: new files, each checked",
  "cli.restore.arg.snapshot":
    "a snapshot folder path, or NAME@latest / NAME@ID, optionally followed by /SUBPATH",
  "cli.restore.arg.target": "the folder to restore into (created when missing)",
  "cli.restore.opt.include": "restore only matching entries (repeatable)",
  "cli.restore.opt.exclude": "leave out matching entries (repeatable)",
  "cli.restore.opt.overwrite": "what to do with entries already in TARGET (default: never)",
  "cli.restore.opt.unsafeTarget":
    "as root, restore even into a target another user could redirect (see docs/security.md)",
  "cli.restore.opt.dryRun": "show what would be restored; write nothing",
  "cli.restore.opt.verbose": "also list entries kept because they exist",
  "cli.restore.help":
    "A folder's contents go into TARGET; a single file or symlink goes into TARGET under its name.\nGlobs work as for backup --exclude, relative to what is restored. Restored files are new files\n(never hardlinks into the backup), with mode, mtime and (as root) owner; folders are never\nreplaced, and nothing is ever written outside TARGET, even while someone changes it. As root, a\nTARGET that another user could redirect is refused unless --unsafe-target is given\n(docs/security.md).",
  "cli.restore.example.dryRun": "what would be written",
  "cli.restore.exit.itemErrors": "done, but some entries were not restored (each is named on stderr)",
  "cli.restore.exit.interrupted": "interrupted (Ctrl-C or SIGTERM): what was restored so far stays",
  "cli.version.description":
    "print the phlb version, the Deno version, and whether this is a compiled binary",
  "cli.version.opt.json": "print the versions as JSON on stdout",
  "cli.version.example.short": "the phlb version alone",
  "cli.version.compiled": "compiled binary",
  "cli.version.fromSource": "running from source (deno run)",
  "cli.config.editorStart": 'Cannot start the editor "{editor}": {error}',
  "cli.config.editorHint": "set VISUAL or EDITOR to an editor command, or edit the file with any text editor",
  "cli.config.editorCode": 'The editor "{editor}" ended with code {code:raw}',
  "cli.config.description":
    "edit PyHardLinkBackup.ini (created in the home folder, every key commented out, if there is none)",
  "cli.config.opt.show": "print the effective settings and where each comes from",
  "cli.config.opt.path": "print the path of the PyHardLinkBackup.ini in use",
  "cli.config.opt.json": "with --show or --path: print the result as JSON on stdout",
  "cli.config.help":
    "phlb reads the first PyHardLinkBackup.ini found in the current folder, then each parent folder,\nthen the home folder. Keys that file does not set get built-in defaults; options given to\n`phlb backup` override both, and $PHLB_ROOT overrides BACKUP_PATH (--root and DEST override\nit). `phlb config` opens the file in use with $VISUAL or $EDITOR (Notepad on Windows).",
  "cli.config.example.edit": "create (if missing) and edit the ini",
  "cli.config.example.show": "every setting with its origin",
  "cli.config.example.env": "BACKUP_PATH from the environment",
  "cli.config.example.path": "which file is in use",
  "cli.config.exit.fatal": 'fatal error, or the ini has errors (each is listed; see the "error:" line)',
  "cli.config.showAndPath": "give --show or --path, not both",
  "cli.config.jsonNeeds": "--json goes with --show or --path",
  "cli.config.noIni": "No PyHardLinkBackup.ini found: the built-in defaults are in use",
  "cli.config.noIniHint": "`phlb config` creates one in your home folder",
  "cli.config.hasErrors": {
    one: "{file} has {count} error (listed above)",
    other: "{file} has {count} errors (listed above)",
  },
  "cli.config.noHome": "No home folder is known (HOME/USERPROFILE): cannot create the config",
  "cli.config.created": "Created {file}, every key commented out with its default.",
  "cli.config.inUse":
    "The config in use is {file}\nOpen it in any text editor, or set EDITOR (e.g. EDITOR=nano).",
  "cli.config.opening": "Opening {file}",
  "cli.config.checked": "Checked {file}: no problems.",
  "cli.helper.description": "write {sh} and {cmd} into DIR: each backs up the folder it is in",
  "cli.helper.arg.dir": "the folder the scripts will back up",
  "cli.helper.opt.json": "print the files written and the phlb they run as JSON on stdout",
  "cli.helper.help":
    "Also writes a PyHardLinkBackup.ini template into DIR, unless one exists (it is never overwritten).\nThe scripts run the phlb binary they were made with (made from source: the clone's launcher,\nphlb or phlb.cmd), else `phlb` on PATH, and exit with phlb's exit code. The .cmd keeps its\nwindow open when double-clicked; give it --no-pause in Task Scheduler.",
  "cli.helper.example.run": "then run ~/Documents/{sh} (or double-click {cmd})",
  "cli.helper.example.windows": "on Windows",
  "cli.helper.cannotWrite": 'Cannot write "{file}": {error}',
  "cli.helper.cannotUse": 'Cannot use the folder "{dir}": {error}',
  "cli.helper.notFolder": '"{dir}" is not a folder',
  "cli.helper.iniIntro":
    "This file sits beside {sh} and {cmd}: backups started here use it\ninstead of the one in your home folder, so keys left commented out get phlb's defaults.",
  "cli.helper.script.notFoundSh":
    "phlb was not found: put it on PATH, or run `phlb helper` for this folder again",
  "cli.helper.script.notFoundCmd":
    'phlb was not found: put phlb.exe on PATH, or run "phlb helper" for this folder again.',
  "cli.helper.report.created": "created",
  "cli.helper.report.replaced": "replaced",
  "cli.helper.report.kept": "kept (exists; not changed)",
  "cli.helper.report.runs": "The scripts run {path} (else phlb on PATH).",
  "cli.helper.report.runsPath": "The scripts run phlb from PATH.",
  "cli.helper.report.denoDir":
    "{sh} adds {dir} to PATH: the launcher needs Deno there (cron's PATH is short).",
  "cli.helper.report.copied":
    "Copied {keys} from {file} into the new ini, which backups of this folder now use instead.",
  "cli.completion.description": "print a completion script for bash, zsh, fish or powershell",
  "cli.completion.arg.shell": "the shell",
  "cli.completion.help":
    "The script completes subcommands, options, their choices, folders, and the NAME@ID of each\nsnapshot for restore, diff, verify and list (read from the root's index when you press Tab, for\nthe root given on the line with -r, else $PHLB_ROOT, else the configured one).",
  "cli.complete.description":
    "values for the completion scripts: snapshots (NAME@ID) or names of the root the words name",
  "cli.complete.arg.what": "snapshots or names",
  "cli.complete.arg.words": "the command line being completed",
  "cli.serve.badPort": 'bad --port "{value}": give 0 to 65535 (0: any free port)',
  "cli.serve.badDays": 'bad --stale-days "{value}": give a number of days above 0',
  "cli.serve.description":
    "browse the backups in a read-only web page (dashboard, snapshots, files, search, logs)",
  "cli.serve.opt.port": "TCP port; 0 picks a free one (default: 8484)",
  "cli.serve.opt.listen":
    "address to bind (default {address}: this machine only); any other address lets everyone who can reach it read the backups",
  "cli.serve.opt.staleDays": "flag a backup whose newest complete snapshot is older than this (default: 7)",
  "cli.serve.opt.json": "print the address as one JSON line on stdout once listening",
  "cli.serve.help":
    "Nothing is written: the index is opened read-only, and only GET and HEAD requests are answered.\nCtrl-C stops the server (exit code 0).",
  "cli.serve.example.freePort": "a free port, said as JSON",
  "cli.serve.exit.ok": "stopped with Ctrl-C or SIGTERM",
  "cli.serve.cannotListen": "Cannot listen on {address}: {error}",
  "cli.serve.portInUse": "another program uses that port: choose one with --port",
  "cli.ini.retired": "a PyHardLinkBackup setting phlb does not use, ignored: {advice}",
  "cli.ini.unknownKey": "unknown key, ignored (`phlb config --show` lists the keys)",
  "cli.ini.setAgain": "set again (first on line {line:raw}); this line wins",
  "cli.ini.cannotRead": 'Cannot read the config file "{file}": {error}',
  "cli.ini.bad": "bad config: {where}{problem}",
  "cli.ini.badHint": "fix the line, or run `phlb config` to edit the file",
  "cli.ini.badHintMore":
    "fix the line ({count} more: `phlb config --show` lists them), or run `phlb config` to edit the file",
  "cli.ini.noHome":
    "no home folder is known (HOME/USERPROFILE), so the default backup root ~/PyHardLinkBackups cannot be found; give it with --root or PHLB_ROOT, or set BACKUP_PATH in PyHardLinkBackup.ini",
  "cli.ini.badSection": "broken section header {header}: write [name]",
  "cli.ini.cannotReadLine": "cannot read {text}: expected KEY = value, a [section] or a # comment",
  "cli.ini.notKeyName": "cannot read {text}: {key} is not a key name",
  "cli.exclude.cannotRead": 'Cannot read the exclude list "{file}": {error}',
  "cli.template.cannotCreate": 'Cannot create "{file}": {error}',
  "cli.template.head":
    "PyHardLinkBackup.ini: settings for phlb (and PyHardLinkBackup before it).\n\nphlb reads the first PyHardLinkBackup.ini it finds: in the current folder, then in each parent\nfolder, then in your home folder. Keys not set in that file get the defaults shown below.\nTo change a setting, remove the # in front of its key and edit the value.\nA relative path starts at this file's folder; ~ is your home folder. Lists are comma-separated.\n`phlb config --show` prints the values in use and where each comes from.",
  "cli.template.setNote": "{note}; default: {value}",
  "cli.template.copiedFrom": "copied from {file}:{line:raw}",
  "cli.origin.default": "default",
  "cli.origin.env": "environment {name}",
  "cli.configShow.file": "config file: {file}",
  "cli.configShow.none": "config file: none found (searched {searched}); built-in defaults",
  "cli.lock.waiting": "waiting",
  "cli.lock.waitingFor": "for the backup root: {holder} holds it (waiting up to {duration})",
  "cli.unit.days": { one: "{count} day", other: "{count} days" },
  "cli.unit.hours": { one: "{count} hour", other: "{count} hours" },
  "cli.unit.minutes": { one: "{count} minute", other: "{count} minutes" },
  "cli.unit.seconds": { one: "{count} second", other: "{count} seconds" },
  "cli.value.oneLine": "takes one value, not several lines",
  "cli.value.pathEmpty": "is empty; give a folder path",
  "cli.value.noHome": "uses ~, but no home folder is known (HOME/USERPROFILE)",
  "cli.value.namesNotPaths": "holds names, not paths: {value} has a / or \\ (use SKIP_PATTERNS for paths)",
  "cli.value.notBool": "{value} is not yes or no",
  "cli.value.notWhole": "{value} is not a whole number; give one from {min:raw}, or auto",
  "cli.value.tooLarge": "{value} is too large; give a number from {min:raw}, or auto",
  "cli.value.tooSmall": "{value} is too small; give a number from {min:raw}, or auto",
  "cli.value.notCount": "{value} is not a whole number; give a count, unlimited, or nothing",
  "cli.value.notDuration": "{value} is not a duration such as 90s, 10m or 1h30m",
  "cli.value.tooShort": "{value} is too short; give at least {min}",
  "cli.value.notChoice": "{value} is not one of {choices}",
  "cli.value.badTimestamp": "{value} cannot be used: {problem}",
  "cli.value.notMode": "{value} is not an octal mode such as 0o700 or 0o750",
  "cli.value.modeOwner":
    "{value} leaves the owner without rwx; phlb must write into the folders it makes (0o7xx)",
  "cli.value.notLanguage": "{value} is not a language code such as en or de-ch",
  "cli.value.flag": "{flag}: {problem}",
  "cli.key.BACKUP_PATH": "root folder of all backups; a relative path starts at this file's folder",
  "cli.key.SUB_DIR_FORMATTER": "snapshot folder name, from the start time: %Y %y %m %d %H %M %S %j",
  "cli.key.SKIP_DIRS": "folder names left out and never entered, at any depth",
  "cli.key.SKIP_PATTERNS":
    "globs left out, files and folders: *.tmp is a name anywhere, a/b* a path from the source",
  "cli.key.EXCLUDE_CACHES": "leave out folders holding a valid CACHEDIR.TAG (browser, build caches)",
  "cli.key.EXCLUDE_IF_PRESENT": "leave out folders holding a file with one of these names, e.g. .nobackup",
  "cli.key.ONE_FILE_SYSTEM": "stay on the source's filesystem: do not enter other mounts",
  "cli.key.DEDUP": "exact: link same content with same mode/mtime/owner; content: same content alone",
  "cli.key.MAX_LINKS": "links per file before a new copy is made; auto: the filesystem's limit (NTFS 1023)",
  "cli.key.JOBS":
    "workers reading, hashing and writing files; auto: none on 2 cores or fewer, else a core each beside the main one, at most 4",
  "cli.key.KEEP_LAST": "phlb prune without --keep flags: keep the n newest snapshots",
  "cli.key.KEEP_HOURLY": "phlb prune: keep the newest snapshot of each of the last n hours",
  "cli.key.KEEP_DAILY": "phlb prune: keep the newest snapshot of each of the last n days",
  "cli.key.KEEP_WEEKLY": "phlb prune: keep the newest snapshot of each of the last n weeks",
  "cli.key.KEEP_MONTHLY":
    "phlb prune: keep the newest snapshot of each of the last n months (unlimited: all)",
  "cli.key.KEEP_YEARLY": "phlb prune: keep the newest snapshot of each of the last n years",
  "cli.key.KEEP_WITHIN": "phlb prune: keep every snapshot within this long of the newest (30d)",
  "cli.key.DEFAULT_NEW_PATH_MODE":
    "mode of the root and backup-name folders phlb makes (.phlb/ is always 0o700); 0o700: only you",
  "cli.key.LOCK_WAIT":
    "how long backup, copy and prune wait for a root another run holds (--lock-wait); 0: refused at once",
  "cli.key.LOCK_HEARTBEAT":
    "how often a run rewrites the root's lock record .phlb/lock.owner, to show it is alive",
  "cli.key.LOCK_STALE":
    "a lock record not rewritten for this long is taken over (its holder died or lost the network)",
  "cli.key.LOGGING_LEVEL":
    "terminal output: ERROR as -q, WARNING normal, INFO or DEBUG as -v (the run log keeps all)",
  "cli.key.LANGUAGE_CODE":
    "the language of messages: en or de (--lang wins; unset: LC_ALL, LC_MESSAGES, LANG, else en)",
  "cli.retired.database": "phlb keeps its index in BACKUP_PATH/.phlb/; remove the line",
  "cli.retired.autoLogin": "phlb has no Django admin; remove the line",
  "cli.retired.updateInterval": "phlb shows progress on its own; remove the line",
  "cli.retired.useLoggingLevel": "use LOGGING_LEVEL",
  "cli.retired.fileLevel": "the run log beside each snapshot keeps every warning and error; remove the line",
  "cli.retired.hashName": "phlb always uses sha256; remove the line",
  "cli.retired.remove": "remove the line",
  "cli.retired.useSkipPatterns": "use SKIP_PATTERNS",
  // ── end cli ──

  // ── backup: src/backup, src/add, src/fs, src/index, their reports ──
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
