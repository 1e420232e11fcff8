/**
 * Der deutsche Katalog. Anrede: „Sie“, durchgehend; Fachwörter wie in guter deutscher Software
 * (Sicherung, Snapshot, Sicherungsziel, Prüfsumme). Jeder Schlüssel von `en.ts`, kein anderer
 * (`deno check` prüft das), mit denselben Platzhaltern (tests/i18n_catalog_test.ts prüft das).
 * @module
 */
import type { Catalog } from "./en.ts";

/** Die deutschen Texte. */
export const DE: Catalog = {
  // ── common: main.ts, errors, the language itself, units ──
  "common.error": "Fehler",
  "common.warning": "Warnung",
  "common.hint": "Tipp",
  "common.cause": "Ursache",
  "common.interrupted": "Abgebrochen",
  "common.runWithHelp": "(Aufruf mit --help zeigt die Bedienung)",
  "common.runWithDebug": "(mit --debug erscheinen Einzelheiten)",
  "common.stoppedCleanly": "sauber beendet",
  "common.stoppedCleanly.backup":
    "sauber beendet; der unfertige Snapshot bleibt .partial (die nächste Sicherung verwendet ihn weiter und entfernt ihn)",
  "common.stoppedCleanly.prune": "sauber beendet; die noch nicht erreichten Snapshots bleiben erhalten",
  "common.stoppedCleanly.add": "sauber beendet; jeder bis hierhin erfasste Snapshot bleibt erfasst",
  "common.stoppedCleanly.restore": "sauber beendet; was bis hierhin wiederhergestellt ist, bleibt im Ziel",
  "common.unknownLanguage":
    "Sprache „{code}“ ({from}) gibt es nicht; phlb spricht Englisch. Verfügbar: {available}",
  "common.langOption": "Sprache der Meldungen: en oder de (Standard: LANGUAGE_CODE, sonst LC_ALL, LANG)",
  "common.langBadValue": "--lang: „{value}“ ist kein Sprachcode wie en oder de-CH",
  "common.files": { one: "{count} Datei", other: "{count} Dateien" },
  "common.folders": { one: "{count} Ordner", other: "{count} Ordner" },
  "common.errors": { one: "{count} Fehler", other: "{count} Fehler" },
  "common.warnings": { one: "{count} Warnung", other: "{count} Warnungen" },
  "common.snapshots": { one: "{count} Snapshot", other: "{count} Snapshots" },
  "common.progress.counting": "zähle",
  "common.progress.about": "etwa",
  "common.progress.files": { one: "{count:raw} Datei", other: "{count:raw} Dateien" },
  "common.progress.filesOf": "{done:raw}/{total:raw} Dateien",
  "common.progress.eta": "Rest",
  // ── end common ──

  // ── cli: src/commands, main.ts help, src/config, src/helper ──
  // ── end cli ──

  // ── backup: src/backup, src/add, src/fs, src/index, their reports ──
  // ── end backup ──

  // ── check: src/verify, src/prune, src/list, src/diff, src/copy, src/restore, src/store, their reports ──
  // verify: Probleme (die Art vor jeder Zeile bleibt das technische Wort aus --json und der Hilfe)
  "verify.kind.file": "eine reguläre Datei",
  "verify.kind.folder": "ein Ordner",
  "verify.kind.symlink": "ein Symlink",
  "verify.problem.missingFile": "eine reguläre Datei, die der Snapshot erfasst hat, fehlt",
  "verify.problem.missingFolder": "ein Ordner, den der Snapshot erfasst hat, fehlt",
  "verify.problem.missingSymlink": "ein Symlink, den der Snapshot erfasst hat, fehlt",
  "verify.problem.badManifestLine": "Zeile {line:raw} von {id}.sha256 ist keine sha256sum-Zeile",
  "verify.problem.noManifest": "das Manifest {id}.sha256 fehlt",
  "verify.problem.manifestUnreadable": "das Manifest {id}.sha256 ist nicht lesbar: {error}",
  "verify.problem.badManifestMore": "{count} weitere Zeilen von {id}.sha256 sind keine sha256sum-Zeilen",
  "verify.problem.listedNotThere": "im Manifest aufgeführt, aber nicht im Snapshot",
  "verify.problem.special": "eine Spezialdatei (FIFO, Socket oder Gerät): so etwas enthält kein Snapshot",
  "verify.problem.folderListedAsFile": "ein Ordner, aber das Manifest führt hier eine Datei",
  "verify.problem.folderButRecorded": "ein Ordner, aber erfasst war {kind}",
  "verify.problem.extraFolder": "ein Ordner, den der Snapshot nicht erfasst hat",
  "verify.problem.symlinkListedAsFile": "ein Symlink, aber das Manifest führt hier eine Datei",
  "verify.problem.extraSymlink": "ein Symlink, den der Snapshot nicht erfasst hat",
  "verify.problem.symlinkButRecorded": "ein Symlink, aber erfasst war {kind}",
  "verify.problem.symlinkUnreadable": "der Symlink ist nicht lesbar: {error}",
  "verify.problem.symlinkTarget": "zeigt auf {target}, erfasst war {recorded}",
  "verify.problem.fileButRecorded": "eine reguläre Datei, aber erfasst war {kind}",
  "verify.problem.repairLeftover":
    "nicht im Manifest: Rest eines abgebrochenen `phlb verify --repair` (führen Sie es erneut aus)",
  "verify.problem.addLeftover":
    "nicht im Manifest: ein zweiter Name einer gespeicherten Datei, Rest eines abgebrochenen `phlb add` (führen Sie es erneut aus)",
  "verify.problem.notInManifest": "nicht im Manifest",
  "verify.problem.extraFile": "eine Datei, die der Snapshot nicht erfasst hat",
  "verify.problem.size": "Größe ist {size:raw} Bytes, erfasst waren {recorded:raw}",
  "verify.problem.mtime": "mtime ist {mtime}, erfasst war {recorded}",
  "verify.problem.mode": "Rechte sind {mode}, erfasst waren {recorded}",
  "verify.problem.owner": "Besitzer ist {owner}, erfasst war {recorded}",
  "verify.problem.contentManifest": "Inhalt weicht ab: sha256 ist {actual}…, laut Manifest {expected}…",
  "verify.problem.contentRecorded": "Inhalt weicht ab: sha256 ist {actual}…, erfasst war {expected}…",
  "verify.problem.unreadable": "nicht lesbar: {error}",
  "verify.problem.shared": "{problem} ({count} weitere erfasste Pfade teilen diese Datei)",
  "verify.noSnapshot": "Kein vollständiger Snapshot zum Prüfen in „{root}“",
  "verify.noSnapshot.hint": "`phlb list` zeigt, was der Sicherungsordner enthält",
  "verify.notComplete": "„{label}“ ist kein vollständiger Snapshot (er ist .{status})",
  "verify.insideSnapshot": "„{path}“ liegt in einem Snapshot: verify prüft nur ganze Snapshots",
  "verify.insideSnapshot.hint": "Geben Sie den Snapshot selbst an: {path}",
  "verify.notice.removed":
    "{label} wurde während der Prüfung entfernt (durch `phlb prune` oder von Hand): nicht geprüft, und kein Schaden",
  "verify.notice.markFailed":
    "die beschädigten Kopien konnten nicht im Index markiert werden ({error}): bis eine Prüfung, die in den Sicherungsordner schreiben darf, sie markiert, kann eine Sicherung unveränderte Dateien wieder mit ihnen verlinken",
  "verify.notice.nothingToCompare":
    "{label}: kein Manifest und nicht im Index: nichts zum Vergleichen (führen Sie `phlb add` aus)",
  "verify.notice.notInIndex":
    "{label}: nicht im Index, daher werden Größen, mtimes, Ordner und Symlinks nicht geprüft (führen Sie `phlb add` aus)",
  // verify: Scrub
  "verify.scrub.noIndex": "Ein Scrub braucht den Index, und „{path}“ ist nicht nutzbar: {error}",
  "verify.scrub.noIndex.hint": "`phlb add` baut den Index aus den Snapshots auf",
  "verify.scrub.newPass": "ein neuer Scrub-Durchgang beginnt",
  "verify.scrub.resume": "der Scrub-Durchgang vom {when} wird fortgesetzt",
  "verify.scrub.missing": "eine Datei, die der Snapshot erfasst hat, fehlt",
  "verify.scrub.cannotStat": "stat nicht möglich: {error}",
  "verify.scrub.notAFile": "keine reguläre Datei mehr",
  // verify: --repair
  "verify.repair.ownerNeedsRoot": "den erfassten Besitzer {owner} kann nur root setzen",
  "verify.repair.fromHealed": "{label} (von einer abgebrochenen Reparatur geheilt)",
  "verify.repair.fromOwnBytes": "ihren eigenen Bytes (nur ihre Metadaten hatten sich geändert)",
  "verify.repair.fromSource": "der Quelldatei „{source}“",
  "verify.repair.stillDamaged":
    "{count} Pfade einer reparierten Kopie enthalten noch die beschädigte: {paths}",
  "verify.repair.notRecorded": "der Index erfasst sie nicht: führen Sie zuerst `phlb add` aus",
  "verify.repair.xattrsNowhere": "ihre erfassten erweiterten Attribute sind auf keiner lesbaren Kopie",
  "verify.repair.xattrsNoFfi":
    "sie hat erweiterte Attribute, und dieses phlb kann sie nicht lesen (es läuft ohne --allow-ffi)",
  "verify.repair.noSource.unknown":
    "keine intakte Kopie: keine andere gespeicherte Kopie enthält ihren Inhalt, und keine Quelldatei ist bekannt",
  "verify.repair.noSource.changed":
    "keine intakte Kopie: keine andere gespeicherte Kopie enthält ihren Inhalt, und die Quelldatei {sources} enthält ihn nicht mehr",
  "verify.repair.noSource.gone":
    "keine intakte Kopie: keine andere gespeicherte Kopie enthält ihren Inhalt, und die Quelldatei {sources} gibt es nicht mehr",
  "verify.repair.cannotWrite": "aus „{from}“ lässt sich keine reparierte Kopie schreiben: {error}",
  "verify.repair.cannotReplace": "„{label}“ lässt sich nicht durch die reparierte Kopie ersetzen: {error}",
  "verify.repair.cannotRemoveLeftover":
    "„{path}“, Rest einer abgebrochenen Reparatur, lässt sich nicht entfernen: {error}",
  "verify.repair.cannotRestoreMtime": "die mtime von „{folder}“ lässt sich nicht wiederherstellen: {error}",
  "verify.repair.cannotFlush": "die Reparaturen lassen sich nicht auf die Platte schreiben: {error}",
  // verify: der Bericht
  "verify.report.otherPaths": { one: "(+{count} weiterer Pfad)", other: "(+{count} weitere Pfade)" },
  "verify.report.repaired": "repariert: {path}: aus {from}",
  "verify.report.wouldRepair": "reparierbar: {path}: aus {from}",
  "verify.report.alreadyRepaired":
    "schon repariert: {path}: von einer abgebrochenen Reparatur; der Index vermerkt es jetzt",
  "verify.report.cannotRepair": "nicht reparierbar: {paths}: {reason}",
  "verify.report.checking": "Prüfe {snapshot}",
  "verify.report.checkingFigures": "Prüfe {snapshot}: {files} ({size:bytes})",
  "verify.report.note": "Hinweis: {text}",
  "verify.report.progressRead": "gelesen {rate}",
  "verify.next.repair": "Als Nächstes: {command}   heilt, was oben aufgeführt ist",
  "verify.next.unrepairable":
    "Als Nächstes: Für die nicht reparierbaren Kopien gibt es keine intakte Quelle mehr: Stellen Sie diese Dateien aus einer anderen Sicherung wieder her, falls Sie eine haben. Beschädigte Kopien werden nie wieder verlinkt, und die nächste `phlb backup` speichert jede Datei neu, deren Quelle noch da ist",
  "verify.next.dryRun":
    "Als Nächstes: {command}   zeigt, wie sich die beschädigten Kopien heilen lassen; ohne --dry-run heilt es sie",
  "verify.next.cannotHeal":
    "Als Nächstes: Fehlende, zusätzliche oder Manifest-Probleme lassen sich nicht aus anderen Kopien heilen: siehe „When verify finds damage“ in docs/verify.md. Die nächste `phlb backup` legt einen neuen, vollständigen Snapshot an",
  "verify.report.problems": { one: "{count} Problem", other: "{count} Probleme" },
  "verify.verdict.repaired": {
    one: "REPARIERT: {problems} an {count} gespeicherten Kopie; alles andere stimmt",
    other: "REPARIERT: {problems} an {count} gespeicherten Kopien; alles andere stimmt",
  },
  "verify.verdict.okScrub":
    "OK: jeder gelesene Inhalt stimmt (`phlb verify --all` prüft jeden Pfad jedes Snapshots)",
  "verify.verdict.okFast": "OK: alles stimmt (nur Metadaten: --fast liest keine Inhalte)",
  "verify.verdict.ok": "OK: alles stimmt",
  "verify.verdict.damaged": "BESCHÄDIGT: {problems} ({kinds})",
  "verify.verdict.damagedLeft": "BESCHÄDIGT: {problems} ({kinds}), {left} nach der Reparatur übrig",
  "verify.report.scrubOf": "Scrub von {root}",
  "verify.label.thisRun": "dieser Lauf",
  "verify.label.pass": "Durchgang",
  "verify.label.limit": "Grenze",
  "verify.label.files": "Dateien",
  "verify.label.content": "Inhalt",
  "verify.label.read": "gelesen",
  "verify.label.reused": "wiederverwendet",
  "verify.label.removed": "entfernt",
  "verify.label.damaged": "beschädigt",
  "verify.label.repair": "Reparatur",
  "verify.label.duration": "Dauer",
  "verify.report.contents": { one: "{count} Inhalt", other: "{count} Inhalte" },
  "verify.report.thisRun": "{contents}, {files}, {size:bytes} gelesen ({rate})",
  "verify.report.pass": "{verified} von {total} Inhalten geprüft seit {since} ({pct} %)",
  "verify.report.limit": "{limit} (--max-duration)",
  "verify.report.verified": "{snapshots} geprüft in {root}",
  "verify.report.symlinks": { one: "{count} Symlink", other: "{count} Symlinks" },
  "verify.report.files": "{count} ({size:bytes}), {folders}, {symlinks}",
  "verify.report.notRead": "nicht gelesen (--fast)",
  "verify.report.read": "{files}, {size:bytes} ({rate})",
  "verify.report.reused": {
    one: "{count} Datei teilt einen schon gelesenen Inode",
    other: "{count} Dateien teilen einen schon gelesenen Inode",
  },
  "verify.report.removed": "{snapshots} (während der Prüfung: nicht geprüft, kein Schaden)",
  "verify.report.storedCopies": { one: "{count} gespeicherte Kopie", other: "{count} gespeicherte Kopien" },
  "verify.report.damagedMarked": "{copies}, davon {marked} im Index markiert: nie wieder verlinkt",
  "verify.report.damagedNotMarked": "{copies}, nicht markiert",
  "verify.report.paths": { one: "{count} Pfad", other: "{count} Pfade" },
  "verify.report.healed": "{copies} geheilt ({paths})",
  "verify.report.wouldHeal": "{copies} würden geheilt ({paths})",
  "verify.report.cannotHeal": "{copies} nicht heilbar",
  "verify.report.leftoversRemoved": {
    one: "{count} Rest einer abgebrochenen Reparatur entfernt",
    other: "{count} Reste einer abgebrochenen Reparatur entfernt",
  },
  "verify.report.passComplete": "der Durchgang ist vollständig; das nächste --resume beginnt einen neuen",
  "verify.report.continueWith": "weiter mit: {command}",
  // store: die Sperre, Namen, Verweise, Sicherungsordner
  "store.noBackupNamed": "Keine Sicherung namens „{name}“ in „{root}“",
  "store.lock.anotherProcess": "ein anderer phlb-Prozess",
  "store.lock.holder": "phlb {command} (PID {pid} auf {host}, seit {since})",
  "store.lock.recordRemoved": "der Eintrag der Sperre wurde entfernt",
  "store.lock.takenOverBy": "übernommen von {holder}",
  "store.lock.takenOverByHost": "übernommen von {host}, PID {pid}",
  "store.lock.lost": "Die Sperre des Sicherungsordners ging verloren („{path}“): {why}",
  "store.lock.lost.hint":
    "dieser Lauf wurde länger aufgehalten, als die Sperre ohne Lebenszeichen gilt (LOCK_STALE); führen Sie ihn erneut aus",
  "store.lock.held": "Der Sicherungsordner ist in Gebrauch: {holder} hält „{path}“",
  "store.lock.heldWaited":
    "Der Sicherungsordner ist in Gebrauch: {holder} hält „{path}“, auch nach {seconds:raw} s Warten",
  "store.lock.held.hint":
    "Warten Sie, bis er fertig ist, oder geben Sie --lock-wait DAUER (LOCK_WAIT) an, um darauf zu warten; die Sperre eines abgestürzten Halters wird übernommen (auf einer lokalen Platte sofort, auf einem Netzwerk-Sicherungsordner, sobald sein Lebenszeichen veraltet ist)",
  "store.lock.cannotOpen": "Die Sperre „{path}“ lässt sich nicht öffnen: {error}",
  "store.lock.cannotCreate": "Die Sperre „{path}“ lässt sich nicht anlegen: {error}",
  "store.lock.diedRemoved": "{holder} endete, ohne die Sperre freizugeben; ihr Eintrag wurde entfernt",
  "store.lock.tookOver":
    "Sperre von {holder} übernommen: ihr Lebenszeichen ist {ageSeconds:raw} s alt (veraltet nach {staleSeconds:raw} s); der Prozess endete oder verlor die Verbindung",
  // list
  "list.namesAre": "die Namen sind: {names}",
  "list.noBackupsYet": "der Sicherungsordner enthält noch keine Sicherungen",
  "list.status.interrupted": "unvollständig (Lauf abgebrochen)",
  "list.status.running": "unvollständig (läuft)",
  "list.status.deleting": "wird gelöscht (Ausdünnen nicht fertig)",
  "list.status.complete": "vollständig",
  "list.column.snapshot": "Snapshot",
  "list.column.status": "Status",
  "list.column.files": "Dateien",
  "list.column.size": "Größe",
  "list.column.unique": "eigen",
  "list.column.new": "neu",
  "list.column.duration": "Dauer",
  "list.column.errors": "Fehler",
  "list.column.warnings": "Warnungen",
  "list.column.folder": "Ordner",
  "list.onDisk": "{size:bytes} belegt",
  "list.sizesUnknown": "Größen unbekannt (kein Index)",
  "list.names": { one: "{count} Namen", other: "{count} Namen" },
  "list.verdict": "Sicherungsordner {root}: {snapshots} von {names}, {space}",
  "list.root": "Sicherungsordner {root}: {snapshots}",
  "list.notIndexed": "nicht im Index; `phlb add` baut ihn neu auf",
  "list.label.onDisk": "belegt (jede Datei einmal)",
  "list.label.apparent": "scheinbare Größe (alle Snapshots)",
  "list.label.dedup": "Dedup-Faktor",
  "list.label.inUse": "in Gebrauch",
  "list.noIndex": "kein Index: Größen unbekannt; `phlb add` baut ihn neu auf",
  "list.legend": "eigen: frei nach Löschen nur dieses Snapshots; neu: Bytes, die sein Lauf kopiert hat",
  "store.cannotWriteRoot": "In den Sicherungsordner „{root}“ lässt sich nicht schreiben: {error}",
  // prune
  "prune.span.years": { one: "{count} Jahr", other: "{count} Jahre" },
  "prune.span.months": { one: "{count} Monat", other: "{count} Monate" },
  "prune.span.days": { one: "{count} Tag", other: "{count} Tage" },
  "prune.span.hours": { one: "{count} Stunde", other: "{count} Stunden" },
  "prune.span.join": "{first} {rest}",
  "prune.reason.last": "letzter Snapshot",
  "prune.reason.hourly": "stündlicher Snapshot",
  "prune.reason.daily": "täglicher Snapshot",
  "prune.reason.weekly": "wöchentlicher Snapshot",
  "prune.reason.monthly": "monatlicher Snapshot",
  "prune.reason.yearly": "jährlicher Snapshot",
  "prune.reason.oldest": "ältester {reason}",
  "prune.reason.within": "im Zeitraum {span}",
  "prune.reason.deleting": "Rest eines abgebrochenen Ausdünnens",
  "prune.reason.partialOld": "unvollständig, Rest eines abgebrochenen Laufs",
  "prune.reason.partialNew":
    "unvollständig, neuer als der neueste vollständige Snapshot: die nächste Sicherung verwendet ihn weiter und entfernt ihn",
  "prune.reason.noTimestamp": "sein Name enthält keinen Zeitstempel: Regeln entfernen ihn nie",
  "prune.reason.newest": "neuester vollständiger Snapshot (wird immer behalten)",
  "prune.reason.notKept": "von keiner Regel behalten",
  "prune.noRule":
    "Keine Behalte-Regel angegeben: prune würde nur den neuesten Snapshot jedes Namens behalten",
  "prune.noRule.hint":
    "Geben Sie mindestens eine von --keep-last/-hourly/-daily/-weekly/-monthly/-yearly/-within an",
  "prune.cannotRemove": "der Snapshot lässt sich nicht entfernen: {error}",
  "prune.policy.unlimited": "unbegrenzt",
  "prune.policy.last": "die {n} neuesten",
  "prune.policy.hourly": "{n} stündliche",
  "prune.policy.daily": "{n} tägliche",
  "prune.policy.weekly": "{n} wöchentliche",
  "prune.policy.monthly": "{n} monatliche",
  "prune.policy.yearly": "{n} jährliche",
  "prune.policy.within": "jeden Snapshot im Zeitraum {span} vor dem neuesten",
  "prune.policy.keep": "{rules} behalten",
  "prune.freed.unknownDry": "würde freigeben: unbekannt (kein Index; `phlb add` baut ihn neu auf)",
  "prune.freed.unknown": "gibt frei: unbekannt (kein Index; `phlb add` baut ihn neu auf)",
  "prune.label.contents": "Dateiinhalte",
  "prune.label.onDisk": "belegt, etwa",
  "prune.freed.contents": "{size:bytes} ({bytes:raw} Bytes in Dateien ohne Link nach außen)",
  "prune.freed.onDisk": "{size:bytes} (mit Ordnern, Symlinks und Begleitdateien)",
  "prune.freed.unindexed":
    "{snapshots} kennt der Index nicht: nur ihre Ordner und unverlinkten Dateien sind gezählt",
  "prune.plan.rules": "Regeln: {rules}",
  "prune.plan.counts": "behalten {keep}, entfernen {remove}",
  "prune.column.action": "Aktion",
  "prune.column.snapshot": "Snapshot",
  "prune.column.time": "Zeit",
  "prune.column.why": "Grund",
  "prune.action.keep": "behalten",
  "prune.action.remove": "entfernen",
  "prune.plan.wouldRemove": "Würde {snapshots} entfernen:",
  "prune.plan.removing": "Entferne {snapshots}:",
  "prune.plan.dryRun": "Probelauf: nichts wurde entfernt.",
  "prune.removed": "entfernt: {snapshot}",
  "prune.verdict.wouldRemove": "Würde {snapshots} entfernen; nichts wurde entfernt.",
  "prune.verdict.wouldRemoveFreeing":
    "Würde {snapshots} entfernen und {size:bytes} Dateiinhalte freigeben, belegt etwa {onDisk:bytes}; nichts wurde entfernt.",
  "prune.verdict.removed": "{snapshots} entfernt",
  "prune.verdict.removedFreeing":
    "{snapshots} entfernt, {size:bytes} Dateiinhalte freigegeben, belegt etwa {onDisk:bytes}",
  "prune.verdict.failed": "{done}; {count} ließen sich nicht entfernen",
  // diff
  "diff.notAFolder": "„{path}“ ist kein Ordner: diff vergleicht Ordner",
  "diff.neitherExists": "Weder „{a}“ noch „{b}“ gibt es",
  "diff.neitherExists.hint": "`phlb restore --dry-run` oder ein Dateimanager zeigt, was ein Snapshot enthält",
  "diff.noEarlier": "{snapshot} hat keinen früheren vollständigen Snapshot zum Vergleichen",
  "diff.noManifestNoIndex": "Das Manifest „{path}“ ist nicht lesbar, und der Index kennt {snapshot} nicht",
  "diff.change.type": "{from} -> {to}",
  "diff.change.target": "Ziel {from} -> {to}",
  "diff.change.mode": "Rechte {from} -> {to}",
  "diff.change.mtime": "mtime {from} -> {to}",
  "diff.change.owner": "Besitzer {from} -> {to}",
  "diff.change.xattrs": "xattrs geändert",
  "diff.kind.file": "Datei",
  "diff.kind.symlink": "Symlink",
  "diff.counts":
    "{added} hinzugefügt ({addedSize:bytes}), {removed} entfernt ({removedSize:bytes}), {modified} geändert, {moved} verschoben, {changed} nur Metadaten, {unchanged} unverändert",
  // restore
  "restore.snapshotMissing": "Der Snapshot-Ordner „{path}“ fehlt",
  "restore.notInSnapshot": "„{path}“ ist nicht in Snapshot {snapshot}",
  "restore.pathIsSymlink":
    "„{path}“ in Snapshot {snapshot} ist ein Symlink; restore folgt keinen Symlinks innerhalb eines Snapshots",
  "restore.pathNotFolder": "„{path}“ in Snapshot {snapshot} ist kein Ordner",
  "restore.manifestUnreadable":
    "das Manifest „{path}“ ist nicht lesbar ({error}): wiederhergestellte Dateien werden nicht geprüft",
  "restore.skippedSpecial": "übersprungen: {kind}",
  "restore.specialNotRestored": "übersprungen: {kind} wird nicht wiederhergestellt",
  "restore.markFailed": "die beschädigten Kopien konnten nicht im Index markiert werden: {error}",
  "restore.flushFailed":
    "die wiederhergestellten Dateien ließen sich nicht alle auf die Platte schreiben: {error}",
  "restore.unusableName": "kein brauchbarer Name",
  "restore.caseCollision":
    "nicht wiederhergestellt: auf diesem Ziel ohne Unterscheidung von Groß- und Kleinschreibung wäre es derselbe Eintrag wie „{other}“",
  "restore.targetFull": "Das Ziel „{path}“ ist voll: {error}",
  "restore.folderInTheWay":
    "im Ziel steht ein Ordner, wo dieser Eintrag hingehört; Ordner werden nie ersetzt",
  "restore.cannotRead": "aus dem Snapshot nicht lesbar: {error}",
  "restore.notInManifest": "nicht im Manifest: ungeprüft wiederhergestellt",
  "restore.damagedKept":
    "die Kopie im Snapshot passt nicht zum Manifest (sha256 {actual}, Manifest {expected}): die vorhandene Datei blieb unverändert",
  "restore.damagedRestored":
    "wiederhergestellt, aber die Kopie im Snapshot passt nicht zum Manifest (sha256 {actual}, Manifest {expected}): sie ist beschädigt",
  "restore.symlinkOwner": "der Besitzer des Symlinks lässt sich nicht setzen: {error}",
  "restore.symlinkTime": "die Zeit des Symlinks lässt sich nicht setzen: {error}",
  "restore.kept.never": "vorhanden (--overwrite never)",
  "restore.kept.ifNewer": "vorhanden und nicht älter (--overwrite if-newer)",
  "restore.report.kept": "behalten",
  "restore.verdict.dryRun":
    "Probelauf der Wiederherstellung von {what} nach {target}: {files} ({size:bytes}), {errors}; nichts wurde geschrieben",
  "restore.verdict.restored": "{what} nach {target} wiederhergestellt: {files} ({size:bytes}), {errors}",
  "restore.title.dryRun":
    "Probelauf der Wiederherstellung von {what} nach {target}: nichts wurde geschrieben",
  "restore.title.restored": "{what} nach {target} wiederhergestellt",
  "restore.label.files": "Dateien",
  "restore.label.symlinks": "Symlinks",
  "restore.label.folders": "Ordner",
  "restore.label.keptExisting": "vorhandene behalten",
  "restore.label.excluded": "ausgeschlossen",
  "restore.label.errors": "Fehler",
  "restore.label.warnings": "Warnungen",
  "restore.label.duration": "Dauer",
  "restore.files.dryRun": "{count} ({size:bytes}) würden geschrieben",
  "restore.files.checked": "{count} ({size:bytes}), jede gegen das Manifest geprüft",
  "restore.folders.new": "{count} neu",
  "restore.keptExisting": "{count} (siehe --overwrite; mit -v aufgelistet)",
  "restore.caseInsensitive":
    "das Ziel unterscheidet Groß- und Kleinschreibung nicht: Namen, die sich nur darin unterscheiden, werden gemeldet",
  // restore: das Ziel
  "restore.target.adminNoFfi":
    "Wiederherstellen als Administrator nach „{target}“ abgelehnt: ohne --allow-ffi kann phlb nicht lesen, wer es sonst noch ändern darf, und wer das darf, könnte die Wiederherstellung mit einer Junction woandershin lenken",
  "restore.target.adminNoFfi.hint":
    "Starten Sie phlb mit --allow-ffi (wie der Starter und die Release-Binärdateien es tun) oder geben Sie --unsafe-target an",
  "restore.target.insideRoot": "Das Ziel „{target}“ liegt im Sicherungsordner „{root}“",
  "restore.target.insideRoot.hint":
    "Stellen Sie in einen Ordner außerhalb des Sicherungsordners wieder her; Snapshots werden nie verändert",
  "restore.target.cannotCreate": "Das Ziel „{target}“ lässt sich nicht anlegen: {error}",
  "restore.target.rootOpen":
    "Wiederherstellen als root nach „{target}“ abgelehnt: {why}. Ohne die native Schicht schreibt restore über Pfade, also könnte dieser Benutzer einen Ordner darin gegen einen Symlink tauschen, und root schriebe, wohin er zeigt",
  "restore.target.unsafeHint":
    "Stellen Sie in einen Ordner wieder her, den nur root ändern kann (und verschieben Sie die Dateien von dort), starten Sie phlb mit seiner nativen Schicht (--allow-ffi, wie `deno task phlb` und die Release-Binärdateien es tun) oder geben Sie --unsafe-target an",
  "restore.target.notAFolder": "Das Ziel „{target}“ existiert und ist kein Ordner",
  "restore.target.pathNotAFolder": "„{path}“ ist kein Ordner",
  "restore.target.cannotCheck": "der Ordner lässt sich nicht prüfen: {error}",
  "restore.target.symlinkInTheWay":
    "im Ziel steht ein Symlink, wo dieser Ordner hingehört; restore folgt dort nie Symlinks",
  "restore.target.fileInTheWay": "im Ziel steht eine Datei, wo dieser Ordner hingehört",
  "restore.target.cannotCreateFolder": "der Ordner lässt sich nicht anlegen: {error}",
  "restore.target.folderReplaced":
    "der Ordner wurde während der Wiederherstellung ersetzt; restore folgt im Ziel nie Symlinks",
  "restore.target.cannotOpenFolder": "der Ordner lässt sich nicht öffnen: {error}",
  "restore.target.resolvesOutside":
    "der Ordner führt nach „{real}“, außerhalb des Ziels; dort wird nichts geschrieben",
  "restore.target.folderOpen":
    "nicht hinein wiederhergestellt: {why}. Ohne die native Schicht schreibt restore über Pfade, also könnte dieser Benutzer den Inhalt gegen einen Symlink tauschen (--unsafe-target stellt trotzdem hinein wieder her)",
  "restore.target.aclNoFfi": "wer ihn sonst noch ändern darf, lässt sich ohne --allow-ffi nicht lesen",
  "restore.target.folderMeta": "die Metadaten des Ordners lassen sich nicht setzen: {error}",
  "restore.target.symlinkAnd": "es ist ein Symlink, und {why}",
  "restore.target.wayOpen":
    "Wiederherstellen als {who} nach „{target}“ abgelehnt: „{path}“ auf dem Weg dorthin kann ein anderer Benutzer ändern ({why}); dieser könnte das Ziel woandershin lenken, während {who} schreibt",
  "restore.target.wayOpen.hint":
    "Stellen Sie in einen Ordner wieder her, den nur {who} erreichen und ändern kann, oder geben Sie --unsafe-target an",
  // copy
  "copy.sameRoot":
    "DEST_ROOT „{dest}“ und SRC_ROOT „{src}“ sind derselbe Sicherungsordner, oder einer enthält den anderen: kopieren Sie in einen anderen Ordner",
  "copy.badSince": "--since „{since}“ ist keine Snapshot-ID (wie 2026-11-28-101500)",
  "copy.skip.complete": "vollständig in DEST",
  "copy.skip.deleting": "wird in DEST entfernt (.deleting): führen Sie dort phlb prune aus",
  "copy.manifestUnreadable":
    "{label}: das Manifest ist nicht lesbar ({error}); kopiert, ohne die Dateien dagegen zu prüfen",
  "copy.noticeOf": "{label}: {text}",
  "copy.cannotSetAside": "Die abgebrochene Kopie „{path}“ lässt sich nicht beiseitelegen: {error}",
  "copy.sourceDamaged": "Der Quell-Snapshot {snapshot} ist beschädigt: {detail}",
  "copy.sourceDamaged.hint":
    "`phlb verify` an der Quelle zeigt jeden Unterschied; die Kopie dieses Snapshots bleibt .partial",
  "copy.damage.notCopied": "{path} steht im Manifest, wurde aber nicht kopiert (fehlt oder nicht lesbar)",
  "copy.damage.notListed": "{path} ist im Snapshot, aber nicht im Manifest",
  "copy.damage.content": "{path} enthält Bytes mit sha256 {actual}; laut Manifest {expected}",
  "copy.damage.marked":
    "{path} ist im Index der Quelle als beschädigt markiert (sein {problem}, gefunden von phlb {foundBy} bei {at}); `phlb verify --repair` dort heilt es",
  "copy.damage.badLines": "das Manifest enthält Zeilen, die keine sha256sum-Zeilen sind",
  "copy.plan.toCopy": "{snapshots} zu kopieren",
  "copy.plan.toCopySkipped": "{snapshots} zu kopieren, {skipped} übersprungen",
  "copy.skipped": "übersprungen",
  "copy.copying": "Kopiere {position}",
  "copy.progressNew": "{size:bytes} neu",
  "copy.damagedStays": "{reason}; seine Kopie bleibt {snapshot}.partial in DEST",
  "copy.verdict.dryRun":
    "Probelauf von phlb copy nach {dest}: {snapshots} zu kopieren, {skipped} übersprungen; nichts wurde geschrieben",
  "copy.verdict.done":
    "Kopie nach {dest}: {snapshots} kopiert, {skipped} übersprungen, {files} ({size:bytes}), {written:bytes} geschrieben, {errors}",
  "copy.verdict.damaged":
    "Kopie nach {dest}: {snapshots} kopiert, {skipped} übersprungen, {files} ({size:bytes}), {written:bytes} geschrieben, {errors}, {damaged} an der Quelle beschädigt",
  "copy.line.copied":
    "{what}: {files} ({size:bytes}): {unchanged} unverändert ungelesen verlinkt, {dedup} nach Inhalt verlinkt, {copied} kopiert ({copiedSize:bytes})",
  "copy.label.copied": "kopiert",
  "copy.label.toCopy": "zu kopieren",
  "copy.label.damaged": "BESCHÄDIGT",
  "copy.label.skipped": "übersprungen",
  "copy.title.dryRun": "Probelauf von phlb copy von {source} nach {dest}: nichts wurde geschrieben",
  "copy.title.done": "Kopie von {source} nach {dest}",
  "copy.label.snapshots": "Snapshots",
  "copy.label.files": "Dateien",
  "copy.label.errors": "Fehler",
  "copy.label.warnings": "Warnungen",
  "copy.label.duration": "Dauer",
  "copy.totals.toCopy": "{count} zu kopieren, {skipped} übersprungen",
  "copy.totals.copied": "{count} kopiert, {skipped} übersprungen",
  "copy.totals.damaged": "{snapshots}, {damaged} beschädigt",
  "copy.totals.files": "{count} ({size:bytes}), {written:bytes} geschrieben",
  "copy.totals.warnings": "{count} (jede im .log des Snapshots in DEST)",
  "copy.damagedStayPartial":
    "Beschädigte Quell-Snapshots bleiben .partial in DEST; prüfen Sie die Quelle mit phlb verify",
  "store.ref.dotDot": "der Pfad im Snapshot darf „..“ nicht enthalten: {subpath}",
  "store.ref.noSnapshots": "Keine Snapshots von „{name}“ in „{root}“",
  "store.ref.noSnapshots.hint": "`phlb list --root ROOT` zeigt die Sicherungsnamen und ihre Snapshots",
  "store.ref.noComplete": "„{name}“ hat keinen vollständigen Snapshot in „{root}“",
  "store.ref.ambiguous": "„{ref}“ passt auf {count} Snapshots ({ids})",
  "store.ref.noSuchSnapshot": "Kein Snapshot „{which}“ von „{name}“ in „{root}“",
  "store.ref.noSuchSnapshot.hint": "`phlb list` zeigt die Snapshots",
  "store.ref.namesAre":
    "die Sicherungsnamen in {root} sind: {names} (geben Sie NAME, NAME@latest oder NAME@ID an)",
  "store.ref.giveWhat":
    "Geben Sie einen Sicherungsordner, ROOT/NAME, einen Snapshot-Ordner oder NAME, NAME@latest, NAME@ID mit --root an",
  "store.ref.notASnapshot":
    "„{arg}“ ist kein Snapshot: weder ein Sicherungsordner (ein Ordner mit .phlb) noch der Ordner eines Sicherungsnamens ROOT/NAME noch ein Snapshot-Ordner ROOT/NAME/ID oder ein Pfad darin",
  "store.ref.doesNotExist": "„{arg}“ gibt es nicht",
  "store.ref.isRoot": "„{arg}“ ist ein Sicherungsordner, kein Snapshot",
  "store.ref.isRoot.hint": "Nennen Sie einen seiner Snapshots: NAME@latest, NAME@ID oder ROOT/NAME/ID",
  "store.root.missing": "Den Sicherungsordner „{path}“ gibt es nicht",
  "store.root.missing.hint":
    "Geben Sie den Sicherungsordner mit --root an, oder legen Sie zuerst eine Sicherung an: phlb backup SOURCE",
  "store.root.cannotOpen": "Der Sicherungsordner „{path}“ lässt sich nicht öffnen: {error}",
  "store.root.notAFolder": "Der Sicherungsordner „{path}“ ist kein Ordner",
  "store.select.noRoot": "Kein Sicherungsordner angegeben",
  "store.select.otherRoot":
    "„{arg}“ liegt nicht in „{root}“: geben Sie die Snapshots eines Sicherungsordners nach dem anderen an",
  "store.select.notInRoot": "„{arg}“ liegt nicht in dem mit --root angegebenen Sicherungsordner",
  "restore.target.cannotOpen": "Das Ziel „{target}“ lässt sich nicht öffnen: {error}",
  "restore.target.folderChangeable": "sein Ordner kann von einem anderen Benutzer geändert werden: {why}",
  "restore.target.foreignInShared":
    "es gehört uid {uid}, in einem Ordner, in den jeder Benutzer schreiben darf",
  // ── end check ──

  // ── web: src/web ──
  // ── end web ──
};
