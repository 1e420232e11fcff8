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
  "common.progress.filesOf": "{done:raw}/{total:raw} Dateien",
  "common.progress.eta": "Rest",
  // ── end common ──

  // ── cli: src/commands, main.ts help, src/config, src/helper ──
  // ── end cli ──

  // ── backup: src/backup, src/add, src/fs, src/index, their reports ──
  "index.hint.rebuild":
    "Der Index ist nur ein Zwischenspeicher: Verschieben Sie ihn (oder löschen Sie den Ordner .phlb) und bauen Sie ihn mit `phlb add` neu auf",
  "backup.full": "Das Sicherungsziel „{root}“ ist voll: {error}. {left}",
  "backup.full.leftPartial": "Der Snapshot bleibt als {id}.partial zurück; frühere Snapshots sind unberührt",
  "backup.full.untouched": "Frühere Snapshots sind unberührt",
  "backup.full.hint": "Geben Sie Platz frei (z. B. mit `phlb prune`) und starten Sie die Sicherung erneut",
  "backup.root.cannotWrite": "In den Sicherungsordner „{root}“ kann nicht geschrieben werden: {error}",
  "backup.index.damaged":
    "Der Index ist beschädigt („{path}“): {error}. Frühere Snapshots sind unberührt{stays}",
  "backup.index.failed":
    "Der Index ist ausgefallen („{path}“): {error}. Frühere Snapshots sind unberührt{stays}",
  "backup.index.stays": "; dieser bleibt {id}.partial",
  "backup.snapshot.cannotCreate": "Snapshot „{path}“ kann nicht angelegt werden: {error}",
  "backup.snapshot.folderNotSynced":
    "Der Snapshot „{path}“ ist vollständig, aber sein Ordner konnte nicht auf die Platte geschrieben werden: {error}",
  "backup.snapshot.cannotFlush":
    "Der Snapshot kann nicht auf die Platte geschrieben werden: {error}. Er bleibt {id}.partial",
  "backup.info.start": "phlb sichert „{source}“ nach „{dest}“",
  "backup.info.renameRetry": "in Benutzung, das Umbenennen wird gleich wiederholt: {error}",
  "backup.info.flushed": "auf die Platte geschrieben ({how}) in {ms:raw} ms{network}",
  "backup.info.notFlushed":
    "nicht auf die Platte erzwungen: {os} bietet dafür keinen Weg (das Dateisystem schreibt selbst zurück){network}",
  "backup.info.flushedNetwork":
    "; auf einem Netzwerk-Dateisystem erreicht das den Server, dessen Platte nach eigenem Zeitplan schreibt",
  "backup.info.stalePartialRemoved": "{id}.partial entfernt, von einem abgebrochenen Lauf übrig",
  "backup.problem.cannotRemovePartial": "der abgebrochene Snapshot kann nicht entfernt werden: {error}",
  "backup.notice.legacyNotAdopted": {
    one:
      "Dieser Sicherungsordner enthält {count} Snapshot von PyHardLinkBackup, den phlb noch nicht übernommen hat. Diese Sicherung liest jede Datei und verlinkt nur auf das, was phlb selbst speichert; führen Sie einmal `phlb add` aus, um sie gegen ihre .sha512-Dateien zu prüfen und zu übernehmen (docs/migrating.md)",
    other:
      "Dieser Sicherungsordner enthält {count} Snapshots von PyHardLinkBackup, die phlb noch nicht übernommen hat. Diese Sicherung liest jede Datei und verlinkt nur auf das, was phlb selbst speichert; führen Sie einmal `phlb add` aus, um sie gegen ihre .sha512-Dateien zu prüfen und zu übernehmen (docs/migrating.md)",
  },
  "backup.notice.indexLost":
    "Der Index „{path}“ verzeichnet keinen Snapshot, aber dieser Sicherungsordner enthält {count}{legacy}: Er wurde gelöscht, geleert oder ersetzt. Diese Sicherung liest jede Datei und verlinkt nur auf das, was sie selbst speichert; bauen Sie den Index mit `phlb add` neu auf",
  "backup.notice.indexLost.legacy": " ({count} von PyHardLinkBackup)",
  "backup.notice.previousNotIndexed":
    "Der vorige Snapshot {id} fehlt im Index: Jede Datei wird gelesen (führen Sie `phlb add` aus)",
  "backup.notice.storedDiffers": {
    one:
      "{count} Datei wurde neu gespeichert: Die gespeicherte Kopie, auf die sie verlinkt worden wäre, ist beschädigt oder weicht vom Eintrag im Index ab (in einem Snapshot bearbeitet, berührt, chmod oder chown): {paths}. Ältere Snapshots enthalten diese Kopien weiterhin: `phlb verify --all` nennt sie, `phlb verify --repair` repariert sie",
    other:
      "{count} Dateien wurden neu gespeichert: Die gespeicherten Kopien, auf die sie verlinkt worden wären, sind beschädigt oder weichen vom Eintrag im Index ab (in einem Snapshot bearbeitet, berührt, chmod oder chown): {paths}. Ältere Snapshots enthalten diese Kopien weiterhin: `phlb verify --all` nennt sie, `phlb verify --repair` repariert sie",
  },
  "backup.notice.reRecordedInodes":
    "{count} gespeicherte Kopien hatten andere Inode-Nummern als im Index verzeichnet (wurde der Sicherungsordner auf eine andere Platte kopiert?); jede wurde einmal gelesen, enthielt ihren Inhalt und wurde verlinkt. `list` und `prune` zählen den Platz nach Inodes: Bauen Sie den Index neu auf (verschieben Sie {path} und führen Sie dann `phlb add` aus), damit deren Zahlen wieder stimmen",
  "backup.notice.sourceEmptied":
    "Die Quelle „{source}“ ist leer, der vorige Snapshot {id} aber nicht: Ist ihr Laufwerk eingebunden? Dieser Snapshot ist leer",
  "backup.source.missing": "Die Quelle „{path}“ gibt es nicht",
  "backup.source.cannotRead": "Die Quelle „{path}“ kann nicht gelesen werden: {error}",
  "backup.source.notFolder": "Die Quelle „{path}“ ist kein Ordner",
  "backup.source.insideRoot":
    "Die Quelle „{source}“ liegt im Sicherungsordner „{root}“: Damit würden die Sicherungen gesichert",
  "backup.root.cannotCreate": "Der Sicherungsordner „{root}“ kann nicht angelegt werden: {error}",
  "backup.name.invalid": "Ungültiger Sicherungsname „{name}“: Verwenden Sie einen einfachen Ordnernamen",
  "backup.root.noHardlinks":
    "Der Sicherungsordner „{root}“ kann keine Hardlinks aufnehmen ({error}); verwenden Sie ein Dateisystem, das sie unterstützt (ext4, NTFS, APFS, btrfs, XFS, …), nicht FAT/exFAT{sshfs}",
  "backup.root.noHardlinks.sshfs":
    ". Über sshfs muss der Server die SFTP-Erweiterung hardlink@openssh.com anbieten (OpenSSH 5.7 und neuer), und sshfs darf nicht mit -o disable_hardlink eingebunden sein",
  "backup.root.pathTooLong":
    "Der Pfad des Sicherungsordners ist zu lang: SQLite kann den Index „{path}“ nicht öffnen ({bytes:raw} Bytes; es nimmt Pfade bis etwa 500 Bytes)",
  "backup.root.pathTooLong.hint": "Verwenden Sie einen Sicherungsordner mit kürzerem Pfad",
  "backup.snapshot.exists": "Den Snapshot „{snapshot}“ gibt es schon unter „{root}“",
  "backup.info.destinationNetwork":
    "Ziel: {what}, ein Netzwerk-Dateisystem: Der Index wird in einer lokalen Kopie bearbeitet und unter der Sperre zurückgeschrieben; die Sperre ist allein der Eintrag .phlb/lock.owner (keine Sperre des Betriebssystems), alle {heartbeatS:raw} s erneuert und nach {staleS:raw} s verwaist",
  "backup.info.unknownFilesystem": "unbekanntes Dateisystem",
  "backup.info.destination": "Ziel: {what}",
  "backup.info.inodesUnstable":
    "Das Ziel zeigt für eine verlinkte Datei zwei Inode-Nummern: Inode-Nummern werden nicht verzeichnet, gespeicherte Kopien werden an Pfad, Größe und mtime erkannt",
  "backup.info.timeSteps":
    "Das Ziel speichert mtimes in Schritten von {step}: Gespeicherte Kopien zeigen die mtime der Quelle auf diesen Schritt genau und werden so verglichen",
  "backup.info.timesNotKept":
    "Das Ziel hat eine von phlb gesetzte mtime nicht behalten: Gespeicherte Kopien passen nicht zum schnellen Weg",
  "backup.info.linkCountsHidden":
    "Das Ziel zeigt keine Linkzahlen: Die Link-Grenze wird hier nicht gezählt; ein Link, den der Server ablehnt, wird zur Kopie",
  "backup.info.maxLinks":
    "höchstens {count:raw} Links je gespeicherter Datei; dann wird eine neue Kopie angelegt",
  "backup.problem.cannotCreateFolder": "Ordner kann nicht angelegt werden: {error}",
  "backup.problem.folderMetadata": "Metadaten des Ordners können nicht gesetzt werden: {error}",
  "backup.problem.linkFailed": "Verlinken fehlgeschlagen, stattdessen kopiert: {error}",
  "backup.problem.vanished": "während der Sicherung verschwunden",
  "backup.problem.cannotRead": "nicht lesbar: {error}",
  "backup.problem.cannotBackUp": "kann nicht gesichert werden: {error}",
  "backup.problem.changedWhileRead":
    "beim Lesen geändert: Die gespeicherte Kopie ist das Gelesene, und die Prüfsumme im Manifest passt dazu; der nächste Lauf liest die Datei erneut",
  "backup.problem.replacedWhileRead":
    "beim Lesen ersetzt: Der Snapshot enthält die geöffnete Fassung, vollständig und wie im Manifest",
  "backup.problem.deletedWhileRead":
    "beim Lesen gelöscht: Der Snapshot enthält die geöffnete Fassung, vollständig und wie im Manifest",
  "backup.problem.special": "übersprungen: {kind}, keine Datei, kann nicht gesichert werden",
  "backup.problem.cannotReadSymlink": "Symlink nicht lesbar: {error}",
  "backup.notice.partialCopyDiffers":
    "{rel}: Die Kopie „{path}“ eines abgebrochenen Laufs enthält nicht, was der Index verzeichnet (bei einem Absturz verloren?); nicht verwendet, neu kopiert",
  "backup.notice.storedCopyDamaged":
    "Die gespeicherte Kopie „{path}“ enthält nicht ihren verzeichneten Inhalt (beschädigt): im Index vermerkt, wird nie mehr verlinkt; {rel} wird neu gespeichert (`phlb verify --repair` repariert die Snapshots, die diese Kopie teilen)",
  "backup.excluded.backupRoot": "es ist der Sicherungsordner",
  "backup.excluded.marker": "Markierungsdatei „{marker}“",
  "backup.info.workers": {
    one: "Dateiinhalte werden von {count:raw} Worker gelesen, geprüft und geschrieben",
    other: "Dateiinhalte werden von {count:raw} Workern gelesen, geprüft und geschrieben",
  },
  "backup.info.walkedAhead": {
    one: "vorab durchlaufen: {count:raw} Datei, {bytes:raw} Bytes in {ms:raw} ms",
    other: "vorab durchlaufen: {count:raw} Dateien, {bytes:raw} Bytes in {ms:raw} ms",
  },
  "fs.kind.fifo": "FIFO",
  "fs.kind.socket": "Socket",
  "fs.kind.block": "Blockgerät",
  "fs.kind.char": "Zeichengerät",
  "fs.kind.special": "Spezialdatei",
  "fs.symlink.cannotSetOwner": "Eigentümer des Symlinks kann nicht gesetzt werden: {error}",
  "fs.symlink.cannotSetTime": "Zeit des Symlinks kann nicht gesetzt werden: {error}",
  "fs.symlink.cannotCreate": "Symlink auf „{target}“ kann nicht angelegt werden: {error}{hint}",
  "fs.symlink.windowsHint": " (Windows erlaubt Symlinks im Entwicklermodus oder für Administratoren)",
  "fs.xattr.cannotSet": "xattr „{name}“ kann nicht gesetzt werden: {error}",
  "fs.name.notAName": "ist kein Name",
  "fs.name.controlChar": "enthält das Steuerzeichen {code}",
  "fs.name.badChar": "enthält „{char}“",
  "fs.name.trailingDot": "endet mit einem Punkt oder Leerzeichen",
  "fs.name.reserved": "ist der reservierte Gerätename {stem}",
  "fs.walk.windowsName": "nicht gelesen: Der Name {why}; ein Windows-Pfad erreicht ihn nicht",
  "fs.walk.folderVanished": "Ordner verschwunden (gelöscht oder verschoben, während phlb lief)",
  "fs.walk.cannotReadFolder": "Ordner nicht lesbar: {error}",
  "fs.walk.lossyNameTwice":
    "Ein Name in diesem Ordner ist kein gültiges UTF-8 und kann über Deno nicht gelesen werden (angezeigt als „{name}“, wie ein anderer Name hier); er wurde nicht gesichert",
  "fs.walk.lossyName":
    "Ein Name in diesem Ordner ist kein gültiges UTF-8 und kann über Deno nicht gelesen werden (angezeigt als „{name}“); er wurde nicht gesichert",
  "fs.walk.vanished": "verschwunden (gelöscht oder verschoben, während phlb lief)",
  "fs.walk.cannotStat": "stat nicht möglich: {error}",
  "fs.walk.otherFilesystem": "auf einem anderen Dateisystem (--one-file-system)",
  "backup.excluded": "ausgeschlossen",
  "backup.start.dryRun": "Probelauf: Es wird nichts geschrieben.",
  "backup.start": "Sicherung nach {path}",
  "backup.start.withPrevious": "Sicherung nach {path} (voriger Snapshot: {previous})",
  "backup.progress.rateNew": "{rate}, {copied:bytes} neu",
  "backup.verdict.dryRun":
    "Probelauf von {name}: {files} ({size:bytes}), {errors}, {toRead} zu lesen; nichts wurde geschrieben",
  "backup.verdict": "Snapshot {path}: {files} ({size:bytes}), {errors}, {copied:bytes} neu",
  "backup.summary.titleDryRun": "Probelauf von {name}: nichts wurde geschrieben",
  "backup.summary.title": "Snapshot {path}",
  "backup.summary.count": "{count}",
  "backup.summary.countSize": "{count} ({size:bytes})",
  "backup.summary.files": "Dateien",
  "backup.summary.unchanged": "unverändert",
  "backup.summary.unchangedValue": "{count} ({size:bytes}), würden ungelesen verlinkt",
  "backup.summary.toRead": "zu lesen",
  "backup.summary.toReadValue": "{count} ({size:bytes}), dann nach Inhalt verlinkt oder kopiert",
  "backup.summary.unchangedLinked": "unverändert, verlinkt",
  "backup.summary.dedupLinked": "gleicher Inhalt, verlinkt",
  "backup.summary.savedValue": "{count} ({size:bytes} gespart)",
  "backup.summary.hardlinksKept": "Hardlinks der Quelle erhalten",
  "backup.summary.copied": "kopiert",
  "backup.summary.symlinks": "Symlinks",
  "backup.summary.folders": "Ordner",
  "backup.summary.skipped": "übersprungen (Spezialdateien)",
  "backup.summary.excluded": "ausgeschlossen",
  "backup.summary.excludedValue": "{count} (mit -v einzeln angezeigt)",
  "backup.summary.errors": "Fehler",
  "backup.summary.warnings": "Warnungen",
  "backup.summary.warningsValue": "{count} (jede in {path}.log)",
  "backup.summary.duration": "Dauer",
  "backup.summary.durationValue": "{d:duration} ({rate})",
  "backup.summary.someFailed": "Einige Einträge wurden nicht gesichert; siehe {path}.log",
  "index.cannotRead": "Der Index „{path}“ kann nicht gelesen werden: {error}",
  "index.cannotMoveAside": "Der beschädigte Index „{path}“ kann nicht beiseitegelegt werden: {error}",
  "index.newerSchema":
    "Der Index „{path}“ ist nicht verwendbar: Er hat Schema-Version {version:raw}, dieses phlb kennt {known:raw}",
  "index.newerSchema.hint":
    "Verwenden Sie ein neueres phlb, oder löschen Sie den Ordner .phlb und bauen Sie den Index mit `phlb add` neu auf",
  "index.empty": "Der Index „{path}“ kann nicht geöffnet werden: Er ist leer",
  "index.damagedReason": "er ist beschädigt",
  "index.cannotOpen": "Der Index „{path}“ kann nicht geöffnet werden: {error}",
  "index.cannotCopyLocal": "Der Index „{path}“ kann nicht in einen lokalen Ordner kopiert werden: {error}",
  "index.cannotWriteBack":
    "Der Index kann nicht nach „{path}“ zurückgeschrieben werden: {error}. Die Snapshots sind unberührt; dort liegt der Index von vor diesem Lauf",
  "index.cannotWriteBack.hint":
    "Führen Sie `phlb add` aus, sobald der Sicherungsordner beschreibbar ist, um die Snapshots dieses Laufs zu erfassen",
  "add.info.indexMovedAside": "Der Index war beschädigt ({damage}) und wurde nach {path} verschoben",
  "add.info.newIndex": "Ein neuer Index wird aus den Snapshots aufgebaut",
  "add.info.leftoverRemoved": "„{path}“ entfernt, ein Überbleibsel eines abgebrochenen `phlb add`",
  "add.cannotRecord": "Der Snapshot „{path}“ kann nicht erfasst werden: {error}",
  "add.legacy.cannotRemoveSummary":
    "Die Zusammenfassung „{path}“ von PyHardLinkBackup kann nicht entfernt werden: {error}",
  "add.legacy.manifestUnreadable":
    "Sein Manifest hat unlesbare Zeilen, deshalb bleiben die Dateien von PyHardLinkBackup in diesem Snapshot",
  "add.legacy.cannotRead": "für die Prüfung gegen {hashName} nicht lesbar: {error}",
  "add.legacy.differs":
    "Inhalt weicht von {hashName} (PyHardLinkBackup) ab: sha512 ist {got}…, die Datei sagt {expected}…",
  "add.legacy.orphanHash":
    "Prüfsumme von PyHardLinkBackup für „{name}“, das nicht in diesem Snapshot ist (gelöscht oder verloren); behalten",
  "add.legacy.cannotRemove":
    "Diese Datei von PyHardLinkBackup kann nicht entfernt werden: {error}; sie bleibt und wird erfasst",
  "add.problem.sourceDamaged":
    "Die gespeicherte Kopie „{path}“ passt nicht mehr zu ihrer verzeichneten sha256: als beschädigt vermerkt, wird nie verlinkt (`phlb verify --repair` repariert sie)",
  "add.problem.cannotLink": "Verlinken auf „{path}“ nicht möglich, bleibt eine eigene Kopie: {error}",
  "add.problem.folderMtime": "Die mtime des Ordners kann nicht wiederhergestellt werden: {error}",
  "add.problem.badManifestLine": "Manifest-Zeile {line:raw} ist keine sha256sum-Zeile",
  "add.problem.manifestUnreadable": "Das Manifest ist nicht lesbar: {error}; es bleibt, wie es ist",
  "add.problem.missing": "im Manifest aufgeführt, nicht im Snapshot",
  "add.problem.special": "eine Spezialdatei (FIFO, Socket oder Gerät) in einem Snapshot: nicht erfasst",
  "add.problem.folderNotFile": "ein Ordner, aber das Manifest führt hier eine Datei",
  "add.problem.symlinkNotFile": "ein Symlink, aber das Manifest führt hier eine Datei",
  "add.problem.cannotReadSymlink": "Symlink nicht lesbar: {error}",
  "add.problem.cannotRemoveLeftover": "Der übrig gebliebene Link kann nicht entfernt werden: {error}",
  "add.problem.cannotRead": "nicht lesbar: {error}; nicht erfasst",
  "add.problem.notInManifest":
    "nicht im Manifest: so erfasst, wie es ist, nie verlinkt und nie Quelle eines Links",
  "add.problem.differs": "Inhalt weicht vom Manifest ab: sha256 ist {got}…, das Manifest sagt {expected}…",
  "add.skip.partial": "unvollständig (.partial)",
  "add.skip.deleting": "wird gelöscht",
  "add.severity.damage": "Schaden",
  "add.snapshot.recording": "wird erfasst",
  "add.snapshot.recorded": "schon im Index",
  "add.snapshot.skipped": "übersprungen: {reason}",
  "add.link.would": "würde {path} -> {source} verlinken ({size:bytes})",
  "add.link.wouldFree": "würde {path} -> {source} verlinken ({size:bytes}, frei)",
  "add.link.done": "{path} -> {source} verlinkt ({size:bytes})",
  "add.link.freed": "{path} -> {source} verlinkt ({size:bytes}, frei)",
  "add.progress": "{read:bytes} gelesen ({rate}), {linked} verlinkt, {freed:bytes} frei",
  "add.verdict":
    "Snapshots in {root} erfasst: {recorded} erfasst, {linked} verlinkt, {freed:bytes} freigegeben, {errors}{damaged}",
  "add.verdict.dryRun":
    "Probelauf von phlb add in {root}: {recorded} zu erfassen, {linked} zu verlinken, würde {freed:bytes} freigeben, {errors}{damaged}",
  "add.verdict.damaged": { one: ", {count} Pfad beschädigt", other: ", {count} Pfade beschädigt" },
  "add.summary.title": "Snapshots in {root} erfasst",
  "add.summary.titleDryRun": "Probelauf von phlb add in {root}: nichts wurde geschrieben",
  "add.summary.index": "Index",
  "add.summary.index.updated": "aktualisiert",
  "add.summary.index.created": "angelegt",
  "add.summary.index.wouldCreate": "würde angelegt",
  "add.summary.index.wouldRebuild": "beschädigt: würde beiseitegelegt und neu aufgebaut",
  "add.summary.index.rebuilt": "neu aufgebaut; der beschädigte liegt unter {path}",
  "add.summary.snapshots": "Snapshots",
  "add.summary.snapshots.value":
    "{complete} vollständig: {recorded} erfasst, {already} schon im Index{skipped}",
  "add.summary.snapshots.valueDryRun":
    "{complete} vollständig: {recorded} zu erfassen, {already} schon im Index{skipped}",
  "add.summary.snapshots.skipped": "; {count} unvollständige übersprungen",
  "add.summary.manifests": "Manifeste",
  "add.summary.manifests.value": "{checked} geprüft, {written} geschrieben",
  "add.summary.manifests.valueDryRun": "{checked} geprüft, {written} zu schreiben",
  "add.summary.files": "Dateien",
  "add.summary.files.value": "{count} ({size:bytes}), {read:bytes} gelesen",
  "add.summary.linked": "verlinkt",
  "add.summary.wouldLink": "würde verlinken",
  "add.summary.linked.value": {
    one: "{count} Duplikat ({size:bytes}), {freed:bytes} freigegeben",
    other: "{count} Duplikate ({size:bytes}), {freed:bytes} freigegeben",
  },
  "add.summary.linked.valueDryRun": {
    one: "{count} Duplikat ({size:bytes}), würde {freed:bytes} freigeben",
    other: "{count} Duplikate ({size:bytes}), würde {freed:bytes} freigeben",
  },
  "add.summary.legacy.value": "{snapshots}; {files} gegen ihre .sha512 geprüft, {differ}",
  "add.summary.legacy.differ": { one: "{count} weicht ab", other: "{count} weichen ab" },
  "add.summary.legacyFiles": "Altdateien",
  "add.summary.legacyFiles.toRemove": "{count} zu entfernen (.sha512, phlb_config.ini, summary.txt)",
  "add.summary.legacyFiles.removed": "{count} entfernt (.sha512, phlb_config.ini, summary.txt)",
  "add.summary.legacyFiles.kept": "{count} behalten",
  "add.summary.legacyFiles.keptHint": "{count} behalten (phlb add --drop-legacy-files entfernt sie)",
  "add.summary.damage": "Schaden",
  "add.summary.damage.value": {
    one: "{count} Pfad weicht von seinem Manifest ab",
    other: "{count} Pfade weichen von ihrem Manifest ab",
  },
  "add.summary.damage.valueLegacy": {
    one: "{count} Pfad weicht von seinem Manifest oder der .sha512 von PyHardLinkBackup ab",
    other: "{count} Pfade weichen von ihrem Manifest oder der .sha512 von PyHardLinkBackup ab",
  },
  "add.summary.count": "{count}",
  "add.summary.errors": "Fehler",
  "add.summary.warnings": "Warnungen",
  "add.summary.duration": "Dauer",
  "add.summary.duration.value": "{d:duration}",
  "fs.backend.native": "Metadaten: nativ ({libc}): Nanosekunden-Zeiten, xattrs, Namen Byte für Byte",
  "fs.backend.deno":
    "Metadaten: Deno-Datei-API{reason}: mtimes in Millisekunden, {ctimes}, keine xattrs, Namen müssen gültiges UTF-8 sein",
  "fs.backend.ctimesMs": "ctimes in Millisekunden",
  "fs.backend.ctimesS": "ctimes in ganzen Sekunden",
  "fs.probe.notHardlink":
    "ein mit link() angelegter zweiter Name ist kein Hardlink: Ein Schreiben über den ersten zeigt sich dort nicht",
  "fs.trust.ownedByUid": "er gehört der UID {uid:raw}",
  "fs.trust.worldWritable": "jeder Benutzer kann hineinschreiben",
  "fs.trust.groupWritable": "die Gruppe {gid:raw} kann hineinschreiben",
  "fs.trust.ownedBy": "er gehört {owner}",
  "fs.trust.noAcl": "er hat keine Zugriffsliste: Jeder darf ihn ändern",
  "fs.trust.mayChangeNew": "{who} darf ändern, was darin angelegt wird (Zugriffsmaske {mask})",
  "fs.trust.mayWrite": "{who} darf hineinschreiben (Zugriffsmaske {mask})",
  "fs.trust.mayReplace": "{who} darf umbenennen oder ersetzen, was darin liegt (Zugriffsmaske {mask})",
  // ── end backup ──

  // ── check: src/verify, src/prune, src/list, src/diff, src/copy, src/restore, src/store, their reports ──
  // ── end check ──

  // ── web: src/web ──
  // ── end web ──
};
