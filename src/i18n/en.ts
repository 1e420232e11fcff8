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
  // ── end check ──

  // ── web: src/web ──
  // The pages of `phlb serve` (src/web) and its terminal lines (src/report/serve_report.ts).
  "web.serve.start": "phlb serve: {root} read-only at {url}",
  "web.serve.stopHint": "(Ctrl-C stops it)",
  "web.serve.stopped": "phlb serve: stopped",
  "web.serve.exposed":
    "listening on {address}: anyone who can reach that address can read every file of these backups (there is no login)",
  "web.error.readOnly": "Only GET and HEAD: phlb serve is read-only.",
  "web.error.internal": "Internal error: {error}",
  "web.host.missing": "No Host header: send HTTP/1.1 with the Host this server was reached at.",
  "web.host.unexpected": "Unexpected Host header.",
  "web.host.mismatch": "The request target names another host than the Host header.",
  "web.note.noIndex":
    "There is no index ({path}): figures come from the snapshot folders. Search and same-content lists need it, and file history compares size and mtime only. Run `phlb add` to build it.",
  "web.note.badIndex":
    "The index cannot be read ({error}): figures come from the snapshot folders. Search and same-content lists need it, and file history compares size and mtime only. Run `phlb add` to rebuild it.",
  "web.language.label": "language",
  "web.language.default": "the server's language",
  "web.language.en": "English",
  "web.language.de": "Deutsch",
  "web.layout.brand": "phlb backups",
  "web.layout.searchPlaceholder": "file name",
  "web.layout.searchLabel": "search file names",
  "web.layout.searchButton": "Search",
  "web.layout.crumbsLabel": "breadcrumbs",
  "web.crumbs.backups": "backups",
  "web.notFound.title": "Not found",
  "web.notFound.text": "There is nothing here.",
  "web.notFound.back": "Back to the backups",
  "web.age.justNow": "just now",
  "web.age.minutes": { one: "{count} min", other: "{count} min" },
  "web.age.hours": { one: "{count} h", other: "{count} h" },
  "web.age.days": { one: "{count} d", other: "{count} d" },
  "web.badge.unfinished": "unfinished",
  "web.badge.unfinished.title": "running now, or interrupted",
  "web.badge.deleting": "being deleted",
  "web.badge.complete": "complete",
  "web.pager.label": "pages",
  "web.pager.previous": "← previous",
  "web.pager.next": "next →",
  "web.pager.page": "page {page}",
  "web.snapshot.view.files": "browse the files",
  "web.snapshot.view.changes": "changes against the previous snapshot",
  "web.snapshot.view.log": "run log and summary",
  "web.snapshot.figures": { one: "{count} file, {size:bytes}", other: "{count} files, {size:bytes}" },
  "web.snapshot.figuresNew": {
    one: "{count} file, {size:bytes} ({newSize:bytes} new)",
    other: "{count} files, {size:bytes} ({newSize:bytes} new)",
  },
  "web.col.path": "path",
  "web.col.backup": "backup",
  "web.col.size": "size",
  "web.col.snapshots": "snapshots",
  "web.col.snapshot": "snapshot",
  "web.col.newest": "newest",
  "web.col.modified": "modified",
  "web.dashboard.title": "Backups",
  "web.dashboard.empty": "No backups under {root} yet. Make one with {command}.",
  "web.dashboard.col.backup": "backup",
  "web.dashboard.col.lastRun": "last run",
  "web.dashboard.col.age": "age",
  "web.dashboard.col.state": "state",
  "web.dashboard.col.newestUnique": "newest unique",
  "web.dashboard.col.newestUnique.title": "what deleting the newest snapshot alone would free",
  "web.dashboard.col.perRun": "per run: {total}, {new}",
  "web.dashboard.never": "never",
  "web.dashboard.lastUnfinished": "last run unfinished",
  "web.dashboard.stale": "stale",
  "web.dashboard.stale.title": {
    one: "no complete snapshot in the last {count} day",
    other: "no complete snapshot in the last {count} days",
  },
  "web.dashboard.ok": "ok",
  "web.dashboard.footer": {
    one:
      "Backup root: {root}. On disk counts every stored file once, however many snapshots link it; newest unique is what deleting the newest snapshot alone would free. A backup is stale when its newest complete snapshot is older than {count} day.",
    other:
      "Backup root: {root}. On disk counts every stored file once, however many snapshots link it; newest unique is what deleting the newest snapshot alone would free. A backup is stale when its newest complete snapshot is older than {count} days.",
  },
  "web.space.onDisk": "on disk",
  "web.space.onDisk.note": "each file once",
  "web.space.apparent": "apparent size",
  "web.space.apparent.note": "every snapshot in full",
  "web.space.ratio": "dedup ratio",
  "web.space.ratio.note": "apparent / on disk",
  "web.space.snapshots": "snapshots",
  "web.space.snapshots.note": "all backups",
  "web.chart.empty": "no finished runs yet",
  "web.chart.label": "total size (line) and new bytes (bars, log scale) per run",
  "web.chart.title":
    "total size per run (line, up to {total:bytes}); new bytes per run (bars, log scale, up to {new:bytes})",
  "web.chart.tip": "{id} ({time}): {total:bytes} total, {new:bytes} new",
  "web.chart.tip.adopted": "{id} ({time}): {total:bytes} total, new bytes unknown (adopted by phlb add)",
  "web.chart.axis.total": "total ≤ {size:bytes}",
  "web.chart.axis.new": "new, log scale ≤ {size:bytes}",
  "web.chart.legend.total": "total",
  "web.chart.legend.new": "new",
  "web.snapshots.legend": "{total} · {new} per run",
  "web.snapshots.legend.total": "line: total size",
  "web.snapshots.legend.new": "bars: new bytes, log scale",
  "web.snapshots.col.status": "status",
  "web.snapshots.col.files": "files",
  "web.snapshots.col.unique": "unique",
  "web.snapshots.col.unique.title": "freed by deleting this snapshot alone",
  "web.snapshots.col.new": "new",
  "web.snapshots.col.new.title": "bytes its run copied",
  "web.snapshots.col.duration": "duration",
  "web.snapshots.col.errors": "errors",
  "web.snapshots.col.warnings": "warnings",
  "web.snapshots.changes": "changes",
  "web.snapshots.log": "log",
  "web.snapshots.none": "No snapshots.",
  "web.snapshots.footnote":
    "Unique: what deleting that snapshot alone would free (needs the index). New: the bytes its run copied.",
  "web.snapshots.footnote.adopted":
    "Unique: what deleting that snapshot alone would free (needs the index). New: the bytes its run copied; — for a snapshot adopted by {command}, whose run phlb never saw.",
  "web.folder.col.name": "name",
  "web.folder.backslash": "(a backslash in the name: not served)",
  "web.folder.download": "download",
  "web.folder.special": "(special file)",
  "web.folder.empty": "This folder is empty.",
  "web.summary.source": "source",
  "web.summary.startedAt": "started",
  "web.summary.finishedAt": "finished",
  "web.summary.durationMs": "duration",
  "web.summary.previous": "compared with",
  "web.summary.files": "files",
  "web.summary.bytes": "size",
  "web.summary.unchangedLinked": "unchanged, linked without reading",
  "web.summary.unchangedBytes": "unchanged bytes",
  "web.summary.dedupLinked": "same content found, linked",
  "web.summary.dedupBytes": "bytes saved by content links",
  "web.summary.copied": "copied",
  "web.summary.copiedBytes": "new bytes",
  "web.summary.symlinks": "symlinks",
  "web.summary.directories": "folders",
  "web.summary.skipped": "skipped special files",
  "web.summary.excluded": "excluded",
  "web.summary.errors": "errors",
  "web.summary.warnings": "warnings",
  "web.log.title": "{name} / {id}: run log",
  "web.log.crumb": "log",
  "web.log.summary": "Summary",
  "web.log.runLog": "Run log",
  "web.log.noSummary": "No summary: the run did not finish.",
  "web.log.noSummary.index": "No summary: the run did not finish; the figures above come from the index.",
  "web.log.truncated": "The log is longer; only its beginning is shown.",
  "web.log.none": "No run log.",
  "web.search.title": "Search",
  "web.search.titleWith": "Search: {text}",
  "web.search.crumb": "search",
  "web.search.filterLabel": "backup name",
  "web.search.allBackups": "all backups",
  "web.search.hint": "Type part of a file name in the search box above.",
  "web.search.needsIndex": "Search needs the index. Run {command} to build it.",
  "web.search.none": "No file name contains {text}{where}.",
  "web.search.count": {
    one: "{n} path contains {text}{where}{shown}.",
    other: "{n} paths contain {text}{where}{shown}.",
  },
  "web.search.where": " in {name}",
  "web.search.shown": "; {first}–{last} shown",
  "web.search.failed.title": "Search failed",
  "web.search.failed.text": "The index could not be searched: {error}",
  "web.kind.file": "file",
  "web.kind.dir": "folder",
  "web.kind.symlink": "symlink",
  "web.kind.other": "special file",
  "web.compare.tooLarge": "Not compared: The version in {id} is larger than {max:bytes}.",
  "web.compare.notText": "Not compared: The version in {id} is not UTF-8 text.",
  "web.compare.unreadable": "Not compared: The version in {id} cannot be read.",
  "web.compare.pickTwo": "Pick two different versions in the History table to compare them.",
  "web.compare.first": "This is the first version of the file: there is nothing before it to compare.",
  "web.compare.unchanged":
    "The content has not changed since the first snapshot holding this path, {id}: there is nothing to compare.",
  "web.compare.kindBefore": "Before this version, {id} holds a {kind} at this path.",
  "web.file.thisOne": "(this one)",
  "web.file.changes": "Changes",
  "web.file.compare.previous": "Against the previous version: from {a} ({aTime}) to {b} ({bTime}).",
  "web.file.compare.picked": "from {a} ({aTime}) to {b} ({bTime}).",
  "web.file.absent": "not in this snapshot",
  "web.file.absent.why": "deleted or moved before this run",
  "web.file.compareFrom": "compare from {id}",
  "web.file.compareTo": "compare to {id}",
  "web.file.firstSeen": "first seen",
  "web.file.changed": "changed",
  "web.file.same": "same",
  "web.file.reappeared": "back after a gap",
  "web.file.history": "History",
  "web.file.history.text":
    "Every snapshot of {name} that holds this path. Pick two versions to compare them.",
  "web.file.history.textDisk":
    "Every snapshot of {name} that holds this path; without the index a change means a different size or modification time. Pick two versions to compare them.",
  "web.file.col.from": "from",
  "web.file.col.from.title": "the older version",
  "web.file.col.to": "to",
  "web.file.col.to.title": "the newer version",
  "web.file.col.change": "change",
  "web.file.compareButton": "Compare the two versions",
  "web.file.gone": "Not in the later snapshot {id}: deleted or moved before that run.",
  "web.file.bytes": { one: "({count} byte)", other: "({count} bytes)" },
  "web.file.mode": "mode",
  "web.file.hashFrom.index": "(from the index)",
  "web.file.hashFrom.manifest": "(from the manifest)",
  "web.file.hashUnknown": "unknown (not in the index or the manifest)",
  "web.file.links": "links",
  "web.file.links.note": "(names, in any snapshot, sharing this stored copy)",
  "web.file.download": "Download",
  "web.file.restore":
    "Restore it with phlb (into the folder {folder}, which is made when missing; nothing there is overwritten):",
  "web.file.content": "Content",
  "web.file.noPreview.empty": "No preview: the file is empty.",
  "web.file.noPreview.notText": "No preview: not small UTF-8 text.",
  "web.file.sameContent": "Same content elsewhere",
  "web.file.sameContent.needsIndex": "Needs the index.",
  "web.file.sameContent.none": "No other path holds this content.",
  "web.file.sameContent.truncated": "Only the first matches are shown.",
  "web.symlink.kind": "kind",
  "web.symlink.kindValue": "symbolic link",
  "web.symlink.target": "target",
  "web.symlink.note": "Links are shown, never followed: the target text is what the source held.",
  "web.diff.counts": { one: "{added} {removed} line", other: "{added} {removed} lines" },
  "web.diff.noNewline": "⏎ no newline at end",
  "web.diff.noNewline.title": "the file ends without a newline",
  "web.diff.same": "The two versions have the same text.",
  "web.diff.coarse": "(some parts changed too much to pair line by line: shown as removed, then added)",
  "web.diff.cut": {
    one: "{count} more line of the diff is not shown.",
    other: "{count} more lines of the diff are not shown.",
  },
  "web.changes.title": "{name} / {id}: changes",
  "web.changes.crumb": "changes",
  "web.changes.kind.added": "added",
  "web.changes.kind.removed": "removed",
  "web.changes.kind.modified": "modified",
  "web.changes.kind.moved": "moved",
  "web.changes.whatChanged": "what changed",
  "web.changes.summary":
    "Against {previous}: {added} added ({addedSize}), {removed} removed ({removedSize}), {modified} modified, {moved} moved, {unchanged} unchanged.",
  "web.changes.sameAs": "The same list as {command}.",
  "web.changes.unfinished": "This run is unfinished: the list has what it wrote so far.",
  "web.changes.none": "No file changed.",
  "web.changes.first":
    "This is the first complete snapshot of its name: there is nothing before it to compare with.",
  "web.changes.cannotList": "The changes cannot be listed: {error}",
  // ── end web ──
} as const satisfies Record<string, Entry>;

/** A catalogue key. */
export type MessageKey = keyof typeof EN;

/**
 * A complete catalogue for one language: every key of {@linkcode EN}, no other. A language file
 * declares `export const XX: Catalog = { … }`, so a missing or extra key fails `deno check`.
 */
export type Catalog = { readonly [K in MessageKey]: Entry };
