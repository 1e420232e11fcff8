/**
 * Der deutsche Katalog. Anrede: „Sie“, durchgehend; Fachwörter wie in guter deutscher Software
 * (Sicherung, Snapshot, Sicherungsordner, Probelauf). Jeder Schlüssel von `en.ts`, kein anderer
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
  "common.snapshots": { one: "{count} Snapshot", other: "{count} Snapshots" },
  "common.progress.counting": "zähle",
  "common.progress.about": "etwa",
  "common.progress.files": { one: "{count:raw} Datei", other: "{count:raw} Dateien" },
  "common.progress.filesOf": "{done:raw}/{total:raw} Dateien",
  "common.progress.eta": "Rest",
  // ── end common ──

  // ── cli: src/commands, main.ts help, src/config, src/helper ──
  "cli.help.usage": "Aufruf:",
  "cli.help.options": "Optionen:",
  "cli.help.arguments": "Argumente:",
  "cli.help.commands": "Befehle:",
  "cli.help.optionsWord": "[Optionen]",
  "cli.help.commandWord": "[Befehl]",
  "cli.help.default": "Standard: {value}",
  "cli.help.choices": "Auswahl: {values}",
  "cli.help.display": "Hilfe zum Befehl anzeigen",
  "cli.help.examples": "Beispiele:",
  "cli.help.exitCodes": "Exit-Codes:",
  "cli.commander.unknownOption": "unbekannte Option „{option}“",
  "cli.commander.unknownCommand": "unbekannter Befehl „{command}“",
  "cli.commander.didYouMean": "(Meinten Sie {suggestion}?)",
  "cli.commander.didYouMeanOneOf": "(Meinten Sie eines von {suggestions}?)",
  "cli.commander.missingArgument": "das Argument „{name}“ fehlt",
  "cli.commander.optionArgumentMissing": "der Option „{option}“ fehlt ihr Wert",
  "cli.commander.requiredOption": "die nötige Option „{option}“ fehlt",
  "cli.commander.tooManyArguments": {
    one: "zu viele Argumente: erwartet {count}, erhalten {received}: {details}.",
    other: "zu viele Argumente: erwartet {count}, erhalten {received}: {details}.",
  },
  "cli.commander.tooManyArgumentsFor": {
    one: "zu viele Argumente für „{command}“: erwartet {count}, erhalten {received}: {details}.",
    other: "zu viele Argumente für „{command}“: erwartet {count}, erhalten {received}: {details}.",
  },
  "cli.commander.invalidOptionArgument": "der Wert „{value}“ der Option „{option}“ ist ungültig.",
  "cli.commander.invalidArgument": "der Wert „{value}“ ist für das Argument „{name}“ ungültig.",
  "cli.commander.allowedChoices": "Erlaubt sind: {choices}.",
  "cli.program.description":
    "Hardlink-Snapshot-Sicherungen: jeder Snapshot ein einfacher, vollständiger Ordner",
  "cli.program.version": "die Version ausgeben",
  "cli.program.debug": "vollständige Fehlerursachen zeigen",
  "cli.opt.root":
    "der Sicherungsordner (Standard: {env}, sonst BACKUP_PATH aus PyHardLinkBackup.ini, sonst ~/PyHardLinkBackups)",
  "cli.opt.racyWindow": "nur für Tests: das Zeitfenster unsicherer Änderungszeiten (Standard 2000)",
  "cli.opt.racyWindowBad": "--racy-window-ms nimmt ganze Millisekunden, nicht „{value}“",
  "cli.opt.quiet": "nur Probleme und das einzeilige Ergebnis ausgeben",
  "cli.opt.json": "das Ergebnis als JSON auf stdout ausgeben (Probleme bleiben auf stderr)",
  "cli.arg.rootAsWithRoot": "der Sicherungsordner, wie mit --root",
  "cli.name.dot":
    "ein Sicherungsname darf nicht mit einem Punkt beginnen (versteckte Ordner und .phlb sind keine Sicherungen)",
  "cli.name.plain": "geben Sie einen einfachen Ordnernamen an, ohne / oder \\",
  "cli.exit.ok": "erledigt",
  "cli.exit.fatal": "schwerer Fehler, siehe die Zeile „Fehler:“",
  "cli.exit.usage": "Aufruffehler",
  "cli.exit.itemErrors": "erledigt, aber einige Einträge sind fehlgeschlagen (jeder wird genannt)",
  "cli.exit.damage": "Schaden gefunden",
  "cli.exit.interrupted": "abgebrochen (Strg-C oder SIGTERM)",
  "cli.exit.all.itemErrors": "erledigt, aber einige Einträge sind fehlgeschlagen (jeder steht im Log)",
  "cli.exit.all.damage":
    "verify hat Schaden gefunden (oder add, copy: Dateien weichen von ihrem Manifest ab)",
  "cli.lock.waitHelp":
    "so lange auf einen Sicherungsordner warten, den ein anderer Lauf hält, statt abzubrechen (90s, 10m = 10 Minuten, 2h; der Schlüssel LOCK_WAIT)",
  "cli.lock.staleTooShort":
    "LOCK_STALE ({stale:raw} s) muss mindestens drei LOCK_HEARTBEAT-Intervalle lang sein ({min:raw} s): ein laufender Lauf könnte sonst für einen toten gehalten werden",
  "cli.root.twice":
    "der Sicherungsordner ist zweimal angegeben, als {name} „{positional}“ und --root „{flag}“",
  "cli.failure.indexDamaged": "Der Index ist beschädigt: {error}",
  "cli.backup.badPattern": "ungültiges Muster in {rule}: „{pattern}“: {error}",
  "cli.backup.description":
    "einen neuen Snapshot von SOURCE unter ROOT/NAME/ anlegen: unveränderte und doppelte Dateien werden Hardlinks",
  "cli.backup.arg.source": "der Ordner, der gesichert wird",
  "cli.backup.opt.name":
    "Sicherungsname, der Ordner im Sicherungsordner (Standard: der Name des Quellordners)",
  "cli.backup.opt.dryRun": "zeigen, was getan würde; nichts schreiben",
  "cli.backup.opt.exclude": "passende Dateien und Ordner auslassen (wiederholbar)",
  "cli.backup.opt.excludeFrom": "Ausschlussmuster aus FILE lesen, eines pro Zeile (wiederholbar)",
  "cli.backup.opt.excludeIfPresent":
    "Ordner auslassen, die eine Datei dieses Namens enthalten, z. B. .nobackup (wiederholbar)",
  "cli.backup.opt.excludeCaches": "Ordner mit einer gültigen CACHEDIR.TAG auslassen (Standard)",
  "cli.backup.opt.noExcludeCaches": "auch Ordner mit einer CACHEDIR.TAG sichern",
  "cli.backup.opt.oneFileSystem": "im Dateisystem der Quelle bleiben (Standard)",
  "cli.backup.opt.noOneFileSystem": "auch in andere eingehängte Dateisysteme wechseln",
  "cli.backup.opt.dedup":
    "exact: gleicher Inhalt und gleiche Metadaten werden verlinkt; content: gleicher Inhalt allein",
  "cli.backup.opt.checksum":
    "nichts vertrauen: jede Datei lesen (kein schneller Weg für unveränderte Dateien) und jede gespeicherte Kopie, bevor auf sie verlinkt wird; liest beide Seiten, etwa doppelt so viele Bytes wie eine erste Sicherung",
  "cli.backup.opt.jobs":
    "Worker, die neue Dateien lesen, hashen und schreiben: eine Zahl, 0 (keine) oder auto (JOBS)",
  "cli.backup.opt.verbose": "auch die Einstellungen, ausgelassene Einträge und Details des Laufs auflisten",
  "cli.backup.help":
    "Einstellungen, die nicht als Optionen angegeben sind, kommen aus der ersten PyHardLinkBackup.ini im\naktuellen Ordner, seinen übergeordneten Ordnern oder dem Home-Ordner (siehe `phlb config --show`).\n--exclude, --exclude-from und --exclude-if-present ergänzen SKIP_PATTERNS und EXCLUDE_IF_PRESENT\nder Datei. Der Sicherungsordner ist DEST oder --root, sonst $PHLB_ROOT, sonst BACKUP_PATH, sonst\n~/PyHardLinkBackups.",
  "cli.backup.example.dryRun": "was gelesen, verlinkt und kopiert würde",
  "cli.backup.exit.itemErrors":
    "der Snapshot wurde angelegt, aber einige Einträge sind fehlgeschlagen (jeder steht in ID.log)",
  "cli.backup.exit.interrupted": "abgebrochen (Strg-C oder SIGTERM): der Snapshot bleibt .partial",
  "cli.backup.noFolderName": "die Quelle „{source}“ hat keinen Ordnernamen; geben Sie einen mit --name an",
  "cli.backup.dotName":
    "der Ordnername „{name}“ der Quelle kann kein Sicherungsname sein (er beginnt mit einem Punkt); geben Sie einen mit --name an",
  "cli.backup.settings": "Einstellungen:",
  "cli.backup.excludeRow": "Ausschluss",
  "cli.add.description":
    "jeden Snapshot-Ordner im Sicherungsordner in den Index aufnehmen (auch von Hand hineinkopierte Bäume als NAME/YYYY-MM-DD-HHMMSS/), fehlende Manifeste schreiben und gleiche Dateien verlinken",
  "cli.add.opt.dryRun": "zeigen, was aufgenommen, verlinkt und frei würde; nichts schreiben",
  "cli.add.opt.verbose":
    "auch jeden angelegten Hardlink und jeden Snapshot auflisten, der schon im Index steht",
  "cli.add.opt.dropLegacy":
    "die FILE.sha512-Dateien von PyHardLinkBackup (jede, nachdem FILE zu ihr passte), phlb_config.ini und „ID summary.txt“ aus seinen Snapshots entfernen; die Manifeste werden ohne sie geschrieben",
  "cli.add.help":
    "Snapshots, die der Index schon verzeichnet, bleiben, wie sie sind (prüfen Sie sie mit phlb verify).\nEin fehlender oder beschädigter Index (.phlb/index.sqlite) wird aus den Bäumen neu aufgebaut; ein\nbeschädigter wird nach index.sqlite.corrupt-TIMESTAMP beiseitegelegt. Vorhandene Manifeste werden\ngeprüft, nie neu geschrieben: eine Datei, die von ihrem Manifest abweicht oder die es nicht\nauflistet, wird als Schaden gemeldet (Exit-Code 4), nie verlinkt und nie Ziel eines Hardlinks; eine\nabweichende wird als beschädigt markiert (phlb verify --repair repariert sie).\n\nZwei Dateien werden nur verlinkt, wenn Inhalt, Größe, mtime, Rechte und Besitzer gleich sind; so\nzeigt danach kein Snapshot etwas anderes.\n\nAuch Snapshots von PyHardLinkBackup werden übernommen: jede Datei mit einer FILE.sha512 daneben\nwird mit ihr verglichen (eine Abweichung ist ein Schaden). --drop-legacy-files entfernt danach die\neigenen Dateien von PyHardLinkBackup (siehe docs/migrating.md).",
  "cli.add.example.record": "den eingestellten Sicherungsordner aufnehmen und deduplizieren",
  "cli.add.example.dryRun": "was verlinkt und frei würde",
  "cli.add.example.dropLegacy": "die Snapshots von PyHardLinkBackup ohne ihre .sha512-Dateien übernehmen",
  "cli.add.example.rebuild": "ein neuer Index aus den Bäumen",
  "cli.add.exit.damage":
    "Dateien weichen von ihrem Manifest oder ihrer .sha512 ab (jede wird genannt; keine wird verlinkt)",
  "cli.add.exit.interrupted":
    "abgebrochen (Strg-C oder SIGTERM): jeder bis dahin aufgenommene Snapshot bleibt aufgenommen",
  "cli.verify.description":
    "Snapshots mit ihren Manifesten und dem Index vergleichen: fehlende, zusätzliche, geänderte und beschädigte Dateien",
  "cli.verify.arg.snapshots":
    "Snapshots: NAME@ID, NAME@latest oder ein Ordner ROOT/NAME/ID; ein Name, ROOT/NAME oder ein Sicherungsordner steht für seine neuesten Snapshots (Standard: der neueste Snapshot jedes Namens)",
  "cli.verify.opt.all": "jeden vollständigen Snapshot prüfen, nicht nur den neuesten jedes Namens",
  "cli.verify.opt.fast": "nur Vorhandensein, Größe, mtime, Rechte und Besitzer prüfen; keinen Inhalt lesen",
  "cli.verify.opt.maxDuration":
    "Scrub: gespeicherte Inhalte prüfen, die am längsten ungeprüften zuerst, höchstens so lange (90s, 30m = 30 Minuten, 2h, 1h30m)",
  "cli.verify.opt.resume": "Scrub: den laufenden Scrub-Durchgang fortsetzen, statt einen neuen zu beginnen",
  "cli.verify.opt.repair":
    "beschädigte gespeicherte Kopien (jetzt gefunden oder von einem früheren verify, Scrub, add, restore oder backup markiert) aus intakten reparieren: aus einer anderen gespeicherten Kopie oder der Quelldatei; nimmt die Sperre des Sicherungsordners",
  "cli.verify.opt.dryRun": "mit --repair: zeigen, was woraus repariert würde; nichts ändern",
  "cli.verify.opt.jobs": "Worker, die Dateien lesen und hashen: eine Zahl, 0 (keine) oder auto (JOBS)",
  "cli.verify.opt.lockWait": "mit --repair oder einem Scrub: {help}",
  "cli.verify.opt.json":
    "die Zusammenfassung und jedes Problem (und jede Reparatur) als JSON auf stdout ausgeben",
  "cli.verify.opt.verbose":
    "auch sagen, wie viele Dateien und Bytes jeder Snapshot enthält, wenn seine Prüfung beginnt",
  "cli.verify.help":
    'Jedes Problem ist eine Zeile auf stdout: ART: "NAME/ID/PFAD": was abweicht. Arten: no-manifest,\nbad-manifest, missing, extra, type, size, mtime, mode, owner, content, symlink-target, unreadable.\n\nEin Scrub (--max-duration und/oder --resume) umfasst jeden Snapshot des Sicherungsordners, Inhalt\nfür Inhalt, und vermerkt im Index, wann jeder Inhalt geprüft wurde; jeder Lauf prüft mindestens\neinen. In --max-duration ist m Minuten (30m); in --keep-within von prune sind es Monate.\n\nEine als beschädigt gefundene gespeicherte Kopie (andere Bytes, Größe, mtime, Rechte oder Besitzer\nals verzeichnet) wird im Index markiert: kein backup oder add verlinkt mehr auf sie. --repair gibt\njedem Pfad, der sie teilt, eine neue Kopie mit den verzeichneten Bytes und Metadaten, aus einer\nanderen gespeicherten Kopie oder der Quelldatei (deren sha256 zuerst geprüft wird); die beschädigte\nDatei wird nie geändert, und eine Reparatur, die zu irgendeinem Zeitpunkt abbricht, hinterlässt\njeden Pfad mit der alten oder der neuen Kopie. Eine Kopie ohne intakte Quelle bleibt beschädigt\n(Exit-Code 4).\n\nverify nimmt keine Sperre, eine Sicherung wird also nie abgewiesen, weil ein verify läuft. Ein\nSnapshot, der währenddessen entfernt wird (von phlb prune oder von Hand), wird als entfernt\ngemeldet, nicht als Schaden. --repair und ein Scrub nehmen die Sperre des Sicherungsordners: sie\nwarten auf niemanden und werden abgewiesen, solange ein backup, prune oder add läuft.',
  "cli.verify.example.newest": "der neueste Snapshot jedes Namens",
  "cli.verify.example.allFast": "jeder Snapshot, nur Metadaten",
  "cli.verify.example.quiet": "nur Probleme und das Ergebnis",
  "cli.verify.example.scrub": "ein nächtlicher Abschnitt eines Scrubs",
  "cli.verify.example.repair": "was eine Reparatur woraus heilen würde",
  "cli.verify.exit.damage":
    "Schaden gefunden, jedes Problem eine Zeile auf stdout; mit --repair: eine Kopie ist noch beschädigt",
  "cli.verify.scrubWithSnapshots":
    "ein Scrub (--max-duration, --resume) umfasst den ganzen Sicherungsordner: geben Sie --root an, keine Snapshots",
  "cli.verify.scrubFast": "ein Scrub liest Inhalte: er kann nicht --fast sein",
  "cli.verify.scrubRepair":
    "ein Scrub findet und markiert Schaden; reparieren Sie ihn in einem eigenen Lauf: phlb verify --repair",
  "cli.verify.dryRunNeedsRepair": "--dry-run gehört zu --repair",
  "cli.verify.lockWaitNeeds": "--lock-wait gehört zu --repair oder einem Scrub (--max-duration, --resume)",
  "cli.prune.badCount": "erwartet: eine ganze Zahl oder „unlimited“",
  "cli.prune.description":
    "Snapshots entfernen, die keine Behalte-Regel behält (Regeln wie restic forget); --dry-run zeigt den Plan",
  "cli.prune.opt.name": "nur dieser Sicherungsname (Standard: jeder Name, jeder für sich)",
  "cli.prune.opt.keepLast": "die n neuesten Snapshots behalten",
  "cli.prune.opt.keepHourly": "den neuesten Snapshot jeder der letzten n Stunden behalten, die einen haben",
  "cli.prune.opt.keepDaily": "den neuesten Snapshot jedes der letzten n Tage behalten, die einen haben",
  "cli.prune.opt.keepWeekly":
    "den neuesten Snapshot jeder der letzten n ISO-Wochen behalten, die einen haben",
  "cli.prune.opt.keepMonthly": "den neuesten Snapshot jedes der letzten n Monate behalten, die einen haben",
  "cli.prune.opt.keepYearly": "den neuesten Snapshot jedes der letzten n Jahre behalten, die einen haben",
  "cli.prune.opt.keepWithin":
    "jeden Snapshot behalten, der höchstens so lange vor dem neuesten liegt: y Jahre, m Monate (nicht Minuten), d Tage, h Stunden (30d, 12h, 1y6m)",
  "cli.prune.opt.dryRun":
    "jeden Snapshot mit behalten/entfernen, die Regeln und die frei werdenden Bytes zeigen; nichts entfernen",
  "cli.prune.opt.json": "den Plan und das Entfernte als JSON auf stdout ausgeben",
  "cli.prune.opt.verbose": "im Plan auch die Zeit jedes Snapshots zeigen",
  "cli.prune.help":
    "Regeln addieren sich: ein Snapshot bleibt, wenn irgendeine Regel ihn behält. Zeiträume sind\nOrtszeit; eine Anzahl „unlimited“ behält für immer einen pro Zeitraum. Gibt es weniger Zeiträume\nals n, wird auch der älteste Snapshot behalten. In --keep-within ist m Monate (die Schreibweise von\nrestic; --max-duration 30m von verify ist Minuten): der Plan nennt die Dauer in Worten. Ohne\n--keep-Option sind die KEEP_*-Schlüssel der PyHardLinkBackup.ini die Regeln; jede --keep-Option\nersetzt sie alle. Immer behalten: der neueste vollständige Snapshot jedes Namens. Unvollständige\nSnapshots zählen nie; die älter als der neueste vollständige sind (von abgestürzten Läufen), werden\nentfernt.\n\nWas ein Entfernen frei macht, wird zweimal genannt: die Dateiinhalte, auf die kein anderer Snapshot\nverlinkt (aus dem Index), und die geschätzte belegte Gesamtgröße, mit Ordnern, Symlinks und\nBegleitdateien.",
  "cli.prune.example.rootArg": "der Sicherungsordner als Argument",
  "cli.prune.example.within": "1 Jahr 6 Monate von Photos behalten",
  "cli.prune.example.quiet": "die KEEP_*-Regeln der ini; Probleme und eine Zeile",
  "cli.prune.exit.itemErrors":
    "erledigt, aber einige Snapshots ließen sich nicht entfernen (jeder wird genannt)",
  "cli.prune.exit.interrupted":
    "abgebrochen (Strg-C oder SIGTERM): die noch nicht erreichten Snapshots bleiben",
  "cli.prune.badKeepWithin": "ungültiges --keep-within: {error}",
  "cli.prune.noRule":
    "geben Sie mindestens eine Behalte-Regel an (--keep-last, --keep-daily, …, --keep-within), oder setzen Sie KEEP_DAILY usw. in PyHardLinkBackup.ini",
  "cli.copy.description":
    "die Snapshots eines Sicherungsordners in einen anderen kopieren (eine zweite Platte, ein NAS), die ältesten zuerst, mit ihren Namen und IDs; unveränderte und doppelte Dateien sind auch dort Hardlinks",
  "cli.copy.arg.src": "der Sicherungsordner, aus dem kopiert wird",
  "cli.copy.arg.dest": "der Sicherungsordner, in den kopiert wird, wie mit --root (angelegt, wenn er fehlt)",
  "cli.copy.opt.name": "nur dieser Sicherungsname (Standard: jeder Name)",
  "cli.copy.opt.since": "nur Snapshots ab der Snapshot-ID, z. B. 2026-11-28-101500",
  "cli.copy.opt.dryRun": "zeigen, welche Snapshots kopiert und welche übersprungen würden; nichts schreiben",
  "cli.copy.opt.json": "den Plan und das Kopierte als JSON auf stdout ausgeben (Probleme bleiben auf stderr)",
  "cli.copy.opt.verbose":
    "auch die übersprungenen Snapshots und die Details des Laufs auflisten (Originaltreue, die Sperre)",
  "cli.copy.help":
    "DEST_ROOT ist der Sicherungsordner, in den kopiert wird, gefunden wie DEST von backup: DEST_ROOT\noder --root, sonst $PHLB_ROOT, sonst BACKUP_PATH, sonst ~/PyHardLinkBackups. SRC_ROOT wird immer\nangegeben.\n\nJeder Snapshot wird in DEST geschrieben, wie eine Sicherung ihn schriebe (.partial, bis er\nvollständig ist): seit dem vorigen Snapshot in DEST unveränderte Dateien werden ungelesen\nverlinkt, Inhalte, die DEST schon hat, werden verlinkt, und nur neue Inhalte werden kopiert. Jede\nkopierte Datei wird gehasht und mit dem Manifest des Quell-Snapshots verglichen: eine Abweichung\nist ein Schaden in der Quelle; dieser Snapshot bleibt in DEST .partial, und der Exit-Code ist 4.\nIn DEST vollständige Snapshots werden übersprungen; eine abgebrochene Kopie wird also einfach neu\ngestartet. Der Speicherbedarf wächst nicht mit der Zahl der Hardlinks. Die Sperre von DEST wird\nfür die ganze Kopie gehalten; --lock-wait wartet auf sie (m ist Minuten: 30m = 30 Minuten).",
  "cli.copy.example.usb": "jeder Snapshot, der noch nicht auf der USB-Platte ist",
  "cli.copy.example.dryRun": "was kopiert würde",
  "cli.copy.example.since": "ein Name, ab November",
  "cli.copy.example.env": "nach $PHLB_ROOT; eine Zeile",
  "cli.copy.example.lockWait": "warten, solange dort eine Sicherung schreibt",
  "cli.copy.exit.itemErrors":
    "kopiert, aber einige Einträge sind fehlgeschlagen (jeder wird genannt und steht im Log des Snapshots)",
  "cli.copy.exit.damage":
    "ein Quell-Snapshot ist beschädigt (Dateien weichen von seinem Manifest ab): seine Kopie bleibt .partial",
  "cli.copy.exit.interrupted":
    "abgebrochen (Strg-C oder SIGTERM): der gerade kopierte Snapshot bleibt .partial",
  "cli.diff.description":
    "auflisten, was sich zwischen zwei Snapshots geändert hat: hinzugefügt, entfernt, geändert, verschoben, Metadaten (liest keine Datei)",
  "cli.diff.arg.a": "der ältere Snapshot: ein Pfad oder NAME@latest / NAME@ID, wahlweise mit /SUBPATH",
  "cli.diff.arg.b":
    "der neuere Snapshot; eine ID allein meint den Namen von A (Standard: der Vorgänger von A wird mit A verglichen)",
  "cli.diff.opt.json": "die Änderungen als JSON auf stdout ausgeben",
  "cli.diff.opt.verbose":
    "auch sagen, was sich in jedem geänderten Eintrag geändert hat (Größe, Modus, mtime, Besitzer, xattrs, Ziel)",
  "cli.diff.help":
    "Eine Zeile pro Änderung: + hinzugefügt, - entfernt, M Inhalt geändert, > verschoben (gleicher\nInhalt, neuer Pfad), m nur Modus, t nur mtime, o nur Besitzer, x nur xattrs, L Symlink-Ziel\ngeändert; eine Datei, deren Metadaten sich auf mehrere Arten geändert haben, zeigt einen Buchstaben\npro Änderung. Verschiebungen werden an gleichem Inhalt unter einem entfernten und einem\nhinzugefügten Pfad erkannt; jeder entfernte Pfad wird mit dem hinzugefügten gepaart, der ihm im\nBaum am nächsten ist. Alles kommt aus dem Index (ohne Index aus den Manifesten): keine Datei wird\ngelesen.",
  "cli.diff.example.last": "was der letzte Lauf geändert hat",
  "cli.diff.example.toNewest": "von einem Snapshot bis zum neuesten",
  "cli.diff.example.counts": "nur die Zahlen",
  "cli.list.description":
    "Snapshots mit Status, Größen, eigenen und neuen Bytes auflisten; die Summe des Sicherungsordners und den Dedup-Faktor",
  "cli.list.arg.name":
    "nur dieser Sicherungsname; oder ein Pfad: ein Sicherungsordner oder sein Ordner ROOT/NAME (ein Snapshot, NAME@ID oder ROOT/NAME/ID, steht für seinen Namen)",
  "cli.list.opt.json": "die Snapshots und die Summen als JSON auf stdout ausgeben",
  "cli.list.opt.verbose": "auch die Warnungen und den Ordner jedes Snapshots zeigen",
  "cli.list.help":
    "Spalten: Größe ist die Größe der Dateien des Snapshots, wie sie erscheinen; eigen ist, was das\nLöschen allein dieses Snapshots frei machen würde (Dateien ohne Hardlink außerhalb); neu ist, was\nsein Lauf kopiert hat. Die Zahlen kommen aus dem Index, kein Baum wird durchlaufen.",
  "cli.list.example.all": "jeder Sicherungsname im Sicherungsordner",
  "cli.list.example.name": "nur die Snapshots von Documents",
  "cli.list.example.folder": "der Ordner eines Namens steht für seinen Sicherungsordner und Namen",
  "cli.list.example.quiet": "eine Zeile: Snapshots und Platz des Sicherungsordners",
  "cli.restore.badGlob": "ungültiges {flag} „{glob}“: {error}",
  "cli.restore.description":
    "einen Snapshot oder einen Ordner oder eine Datei darin nach TARGET kopieren: neue Dateien, jede geprüft",
  "cli.restore.arg.snapshot":
    "der Pfad eines Snapshot-Ordners oder NAME@latest / NAME@ID, wahlweise gefolgt von /SUBPATH",
  "cli.restore.arg.target": "der Ordner, in den wiederhergestellt wird (angelegt, wenn er fehlt)",
  "cli.restore.opt.include": "nur passende Einträge wiederherstellen (wiederholbar)",
  "cli.restore.opt.exclude": "passende Einträge auslassen (wiederholbar)",
  "cli.restore.opt.overwrite": "was mit Einträgen geschieht, die schon in TARGET sind (Standard: never)",
  "cli.restore.opt.unsafeTarget":
    "als root auch in ein Ziel wiederherstellen, das ein anderer Benutzer umlenken könnte (siehe docs/security.md)",
  "cli.restore.opt.dryRun": "zeigen, was wiederhergestellt würde; nichts schreiben",
  "cli.restore.opt.verbose": "auch Einträge auflisten, die behalten werden, weil sie existieren",
  "cli.restore.help":
    "Der Inhalt eines Ordners kommt nach TARGET; eine einzelne Datei oder ein Symlink kommt unter\nseinem Namen nach TARGET. Muster wirken wie bei backup --exclude, relativ zu dem, was\nwiederhergestellt wird. Wiederhergestellte Dateien sind neue Dateien (nie Hardlinks in die\nSicherung), mit Modus, mtime und (als root) Besitzer; Ordner werden nie ersetzt, und nie wird\netwas außerhalb von TARGET geschrieben, auch nicht, während jemand es ändert. Als root wird ein\nTARGET, das ein anderer Benutzer umlenken könnte, abgewiesen, außer mit --unsafe-target\n(docs/security.md).",
  "cli.restore.example.dryRun": "was geschrieben würde",
  "cli.restore.exit.itemErrors":
    "erledigt, aber einige Einträge wurden nicht wiederhergestellt (jeder wird auf stderr genannt)",
  "cli.restore.exit.interrupted":
    "abgebrochen (Strg-C oder SIGTERM): was bis dahin wiederhergestellt wurde, bleibt",
  "cli.version.description":
    "die Version von phlb und von Deno ausgeben, und ob dies ein kompiliertes Programm ist",
  "cli.version.opt.json": "die Versionen als JSON auf stdout ausgeben",
  "cli.version.example.short": "nur die Version von phlb",
  "cli.version.compiled": "kompiliertes Programm",
  "cli.version.fromSource": "läuft aus dem Quelltext (deno run)",
  "cli.config.editorStart": "Der Editor „{editor}“ lässt sich nicht starten: {error}",
  "cli.config.editorHint":
    "setzen Sie VISUAL oder EDITOR auf einen Editor-Befehl, oder bearbeiten Sie die Datei mit einem beliebigen Texteditor",
  "cli.config.editorCode": "Der Editor „{editor}“ endete mit Code {code:raw}",
  "cli.config.description":
    "PyHardLinkBackup.ini bearbeiten (im Home-Ordner angelegt, jeder Schlüssel auskommentiert, wenn es keine gibt)",
  "cli.config.opt.show": "die wirksamen Einstellungen ausgeben und woher jede kommt",
  "cli.config.opt.path": "den Pfad der verwendeten PyHardLinkBackup.ini ausgeben",
  "cli.config.opt.json": "mit --show oder --path: das Ergebnis als JSON auf stdout ausgeben",
  "cli.config.help":
    "phlb liest die erste PyHardLinkBackup.ini, die es im aktuellen Ordner findet, dann in jedem\nübergeordneten Ordner, dann im Home-Ordner. Schlüssel, die diese Datei nicht setzt, bekommen\neingebaute Standardwerte; Optionen von `phlb backup` gehen beidem vor, und $PHLB_ROOT geht\nBACKUP_PATH vor (--root und DEST gehen ihm vor). `phlb config` öffnet die verwendete Datei mit\n$VISUAL oder $EDITOR (unter Windows mit Notepad).",
  "cli.config.example.edit": "die ini anlegen (wenn sie fehlt) und bearbeiten",
  "cli.config.example.show": "jede Einstellung mit ihrer Herkunft",
  "cli.config.example.env": "BACKUP_PATH aus der Umgebung",
  "cli.config.example.path": "welche Datei verwendet wird",
  "cli.config.exit.fatal":
    "schwerer Fehler, oder die ini hat Fehler (jeder wird aufgelistet; siehe die Zeile „Fehler:“)",
  "cli.config.showAndPath": "geben Sie --show oder --path an, nicht beides",
  "cli.config.jsonNeeds": "--json gehört zu --show oder --path",
  "cli.config.noIni": "Keine PyHardLinkBackup.ini gefunden: die eingebauten Standardwerte gelten",
  "cli.config.noIniHint": "`phlb config` legt eine in Ihrem Home-Ordner an",
  "cli.config.hasErrors": {
    one: "{file} hat {count} Fehler (oben aufgelistet)",
    other: "{file} hat {count} Fehler (oben aufgelistet)",
  },
  "cli.config.noHome":
    "Kein Home-Ordner bekannt (HOME/USERPROFILE): die Konfiguration lässt sich nicht anlegen",
  "cli.config.created": "{file} angelegt, jeder Schlüssel mit seinem Standardwert auskommentiert.",
  "cli.config.inUse":
    "Die verwendete Konfiguration ist {file}\nÖffnen Sie sie mit einem beliebigen Texteditor, oder setzen Sie EDITOR (z. B. EDITOR=nano).",
  "cli.config.opening": "Öffne {file}",
  "cli.config.checked": "{file} geprüft: keine Probleme.",
  "cli.helper.description": "{sh} und {cmd} nach DIR schreiben: jedes sichert den Ordner, in dem es liegt",
  "cli.helper.arg.dir": "der Ordner, den die Skripte sichern",
  "cli.helper.opt.json":
    "die geschriebenen Dateien und das phlb, das sie starten, als JSON auf stdout ausgeben",
  "cli.helper.help":
    "Schreibt auch eine Vorlage PyHardLinkBackup.ini nach DIR, außer es gibt dort schon eine (sie wird\nnie überschrieben). Die Skripte starten das phlb-Programm, mit dem sie angelegt wurden (aus dem\nQuelltext angelegt: den Starter des Klons, phlb oder phlb.cmd), sonst `phlb` aus dem PATH, und\nenden mit dem Exit-Code von phlb. Die .cmd hält ihr Fenster offen, wenn sie doppelt angeklickt\nwird; geben Sie ihr in der Aufgabenplanung --no-pause mit.",
  "cli.helper.example.run": "dann ~/Documents/{sh} starten (oder {cmd} doppelklicken)",
  "cli.helper.example.windows": "unter Windows",
  "cli.helper.cannotWrite": "„{file}“ lässt sich nicht schreiben: {error}",
  "cli.helper.cannotUse": "Der Ordner „{dir}“ ist nicht verwendbar: {error}",
  "cli.helper.notFolder": "„{dir}“ ist kein Ordner",
  "cli.helper.iniIntro":
    "Diese Datei liegt neben {sh} und {cmd}:\nhier gestartete Sicherungen verwenden sie statt der in Ihrem Home-Ordner; auskommentierte\nSchlüssel bekommen daher die Standardwerte von phlb.",
  "cli.helper.script.notFoundSh":
    "phlb wurde nicht gefunden: legen Sie es in den PATH, oder führen Sie `phlb helper` für diesen Ordner erneut aus",
  "cli.helper.script.notFoundCmd":
    'phlb wurde nicht gefunden: legen Sie phlb.exe in den PATH, oder führen Sie "phlb helper" für diesen Ordner erneut aus.',
  "cli.helper.report.created": "angelegt",
  "cli.helper.report.replaced": "ersetzt",
  "cli.helper.report.kept": "behalten (existiert; nicht geändert)",
  "cli.helper.report.runs": "Die Skripte starten {path} (sonst phlb aus dem PATH).",
  "cli.helper.report.runsPath": "Die Skripte starten phlb aus dem PATH.",
  "cli.helper.report.denoDir":
    "{sh} ergänzt den PATH um {dir}: der Starter braucht dort Deno (der PATH von cron ist kurz).",
  "cli.helper.report.copied":
    "{keys} aus {file} in die neue ini übernommen, die Sicherungen dieses Ordners nun stattdessen verwenden.",
  "cli.completion.description": "ein Vervollständigungsskript für bash, zsh, fish oder powershell ausgeben",
  "cli.completion.arg.shell": "die Shell",
  "cli.completion.help":
    "Das Skript vervollständigt Unterbefehle, Optionen, ihre Werte, Ordner und die NAME@ID jedes\nSnapshots für restore, diff, verify und list (beim Drücken von Tab aus dem Index des\nSicherungsordners gelesen: des mit -r auf der Zeile angegebenen, sonst $PHLB_ROOT, sonst des\neingestellten).",
  "cli.complete.description":
    "Werte für die Vervollständigungsskripte: Snapshots (NAME@ID) oder Namen des Sicherungsordners, den die Wörter nennen",
  "cli.complete.arg.what": "snapshots oder names",
  "cli.complete.arg.words": "die Befehlszeile, die vervollständigt wird",
  "cli.serve.badPort": "ungültiger --port „{value}“: geben Sie 0 bis 65535 an (0: ein freier Port)",
  "cli.serve.badDays": "ungültige --stale-days „{value}“: geben Sie eine Zahl von Tagen über 0 an",
  "cli.serve.description":
    "die Sicherungen in einer schreibgeschützten Webseite durchsehen (Übersicht, Snapshots, Dateien, Suche, Logs)",
  "cli.serve.opt.port": "TCP-Port; 0 wählt einen freien (Standard: 8484)",
  "cli.serve.opt.listen":
    "Adresse, an die gebunden wird (Standard {address}: nur dieser Rechner); jede andere Adresse lässt jeden, der sie erreicht, die Sicherungen lesen",
  "cli.serve.opt.staleDays":
    "eine Sicherung markieren, deren neuester vollständiger Snapshot älter ist (Standard: 7)",
  "cli.serve.opt.json": "die Adresse als eine JSON-Zeile auf stdout ausgeben, sobald der Server bereit ist",
  "cli.serve.help":
    "Nichts wird geschrieben: der Index wird nur lesend geöffnet, und nur GET- und HEAD-Anfragen werden\nbeantwortet. Strg-C beendet den Server (Exit-Code 0).",
  "cli.serve.example.freePort": "ein freier Port, als JSON genannt",
  "cli.serve.exit.ok": "mit Strg-C oder SIGTERM beendet",
  "cli.serve.cannotListen": "Auf {address} lässt sich nicht lauschen: {error}",
  "cli.serve.portInUse": "ein anderes Programm verwendet diesen Port: wählen Sie einen mit --port",
  "cli.ini.retired": "eine Einstellung von PyHardLinkBackup, die phlb nicht verwendet, ignoriert: {advice}",
  "cli.ini.unknownKey": "unbekannter Schlüssel, ignoriert (`phlb config --show` listet die Schlüssel)",
  "cli.ini.setAgain": "erneut gesetzt (zuerst in Zeile {line:raw}); diese Zeile gilt",
  "cli.ini.cannotRead": "Die Konfigurationsdatei „{file}“ lässt sich nicht lesen: {error}",
  "cli.ini.bad": "fehlerhafte Konfiguration: {where}{problem}",
  "cli.ini.badHint": "korrigieren Sie die Zeile, oder bearbeiten Sie die Datei mit `phlb config`",
  "cli.ini.badHintMore":
    "korrigieren Sie die Zeile ({count} weitere: `phlb config --show` listet sie), oder bearbeiten Sie die Datei mit `phlb config`",
  "cli.ini.noHome":
    "kein Home-Ordner bekannt (HOME/USERPROFILE), daher lässt sich der Standard-Sicherungsordner ~/PyHardLinkBackups nicht finden; geben Sie ihn mit --root oder PHLB_ROOT an, oder setzen Sie BACKUP_PATH in PyHardLinkBackup.ini",
  "cli.ini.badSection": "kaputte Abschnittsüberschrift {header}: schreiben Sie [Name]",
  "cli.ini.cannotReadLine":
    "{text} ist nicht lesbar: erwartet KEY = Wert, ein [Abschnitt] oder ein #-Kommentar",
  "cli.ini.notKeyName": "{text} ist nicht lesbar: {key} ist kein Schlüsselname",
  "cli.exclude.cannotRead": "Die Ausschlussliste „{file}“ lässt sich nicht lesen: {error}",
  "cli.template.cannotCreate": "„{file}“ lässt sich nicht anlegen: {error}",
  "cli.template.head":
    "PyHardLinkBackup.ini: Einstellungen für phlb (und davor PyHardLinkBackup).\n\nphlb liest die erste PyHardLinkBackup.ini, die es findet: im aktuellen Ordner, dann in jedem\nübergeordneten Ordner, dann in Ihrem Home-Ordner. Schlüssel, die diese Datei nicht setzt,\nbekommen die unten gezeigten Standardwerte. Um eine Einstellung zu ändern, entfernen Sie das #\nvor ihrem Schlüssel und ändern den Wert. Ein relativer Pfad beginnt im Ordner dieser Datei; ~ ist\nIhr Home-Ordner. Listen werden durch Kommas getrennt.\n`phlb config --show` zeigt die verwendeten Werte und woher jeder kommt.",
  "cli.template.setNote": "{note}; Standard: {value}",
  "cli.template.copiedFrom": "übernommen aus {file}:{line:raw}",
  "cli.origin.default": "Standard",
  "cli.origin.env": "Umgebung {name}",
  "cli.configShow.file": "Konfigurationsdatei: {file}",
  "cli.configShow.none":
    "Konfigurationsdatei: keine gefunden (gesucht: {searched}); eingebaute Standardwerte",
  "cli.lock.waiting": "warte",
  "cli.lock.waitingFor": "auf den Sicherungsordner: {holder} hält ihn (warte bis zu {duration})",
  "cli.unit.days": { one: "{count} Tag", other: "{count} Tage" },
  "cli.unit.hours": { one: "{count} Stunde", other: "{count} Stunden" },
  "cli.unit.minutes": { one: "{count} Minute", other: "{count} Minuten" },
  "cli.unit.seconds": { one: "{count} Sekunde", other: "{count} Sekunden" },
  "cli.value.oneLine": "nimmt einen Wert, nicht mehrere Zeilen",
  "cli.value.pathEmpty": "ist leer; geben Sie einen Ordnerpfad an",
  "cli.value.noHome": "verwendet ~, aber kein Home-Ordner ist bekannt (HOME/USERPROFILE)",
  "cli.value.namesNotPaths":
    "enthält Namen, keine Pfade: {value} hat ein / oder \\ (für Pfade gibt es SKIP_PATTERNS)",
  "cli.value.notBool": "{value} ist nicht yes oder no",
  "cli.value.notWhole": "{value} ist keine ganze Zahl; geben Sie eine ab {min:raw} an, oder auto",
  "cli.value.tooLarge": "{value} ist zu groß; geben Sie eine Zahl ab {min:raw} an, oder auto",
  "cli.value.tooSmall": "{value} ist zu klein; geben Sie eine Zahl ab {min:raw} an, oder auto",
  "cli.value.notCount": "{value} ist keine ganze Zahl; geben Sie eine Anzahl an, unlimited oder nichts",
  "cli.value.notDuration": "{value} ist keine Dauer wie 90s, 10m oder 1h30m",
  "cli.value.tooShort": "{value} ist zu kurz; geben Sie mindestens {min} an",
  "cli.value.notChoice": "{value} ist keiner der Werte {choices}",
  "cli.value.badTimestamp": "{value} ist nicht verwendbar: {problem}",
  "cli.value.notMode": "{value} ist kein oktaler Modus wie 0o700 oder 0o750",
  "cli.value.modeOwner":
    "{value} lässt dem Besitzer kein rwx; phlb muss in die Ordner schreiben, die es anlegt (0o7xx)",
  "cli.value.notLanguage": "{value} ist kein Sprachcode wie en oder de-ch",
  "cli.value.flag": "{flag}: {problem}",
  "cli.key.BACKUP_PATH":
    "Sicherungsordner aller Sicherungen; ein relativer Pfad beginnt im Ordner dieser Datei",
  "cli.key.SUB_DIR_FORMATTER": "Name des Snapshot-Ordners, aus der Startzeit: %Y %y %m %d %H %M %S %j",
  "cli.key.SKIP_DIRS": "Ordnernamen, die ausgelassen und nie betreten werden, in jeder Tiefe",
  "cli.key.SKIP_PATTERNS":
    "Muster für ausgelassene Dateien und Ordner: *.tmp ist ein Name überall, a/b* ein Pfad ab der Quelle",
  "cli.key.EXCLUDE_CACHES": "Ordner mit einer gültigen CACHEDIR.TAG auslassen (Browser-, Build-Caches)",
  "cli.key.EXCLUDE_IF_PRESENT":
    "Ordner auslassen, die eine Datei mit einem dieser Namen enthalten, z. B. .nobackup",
  "cli.key.ONE_FILE_SYSTEM": "im Dateisystem der Quelle bleiben: keine anderen Einhängepunkte betreten",
  "cli.key.DEDUP":
    "exact: gleichen Inhalt mit gleichem Modus/mtime/Besitzer verlinken; content: gleichen Inhalt allein",
  "cli.key.MAX_LINKS":
    "Hardlinks pro Datei, bevor eine neue Kopie angelegt wird; auto: die Grenze des Dateisystems (NTFS 1023)",
  "cli.key.JOBS":
    "Worker, die Dateien lesen, hashen und schreiben; auto: keine bei 2 Kernen oder weniger, sonst einer je Kern neben dem Hauptkern, höchstens 4",
  "cli.key.KEEP_LAST": "phlb prune ohne --keep-Optionen: die n neuesten Snapshots behalten",
  "cli.key.KEEP_HOURLY": "phlb prune: den neuesten Snapshot jeder der letzten n Stunden behalten",
  "cli.key.KEEP_DAILY": "phlb prune: den neuesten Snapshot jedes der letzten n Tage behalten",
  "cli.key.KEEP_WEEKLY": "phlb prune: den neuesten Snapshot jeder der letzten n Wochen behalten",
  "cli.key.KEEP_MONTHLY":
    "phlb prune: den neuesten Snapshot jedes der letzten n Monate behalten (unlimited: alle)",
  "cli.key.KEEP_YEARLY": "phlb prune: den neuesten Snapshot jedes der letzten n Jahre behalten",
  "cli.key.KEEP_WITHIN":
    "phlb prune: jeden Snapshot behalten, der höchstens so lange vor dem neuesten liegt (30d)",
  "cli.key.DEFAULT_NEW_PATH_MODE":
    "Modus des Sicherungsordners und der Ordner der Sicherungsnamen, die phlb anlegt (.phlb/ ist immer 0o700); 0o700: nur Sie",
  "cli.key.LOCK_WAIT":
    "wie lange backup, copy und prune auf einen Sicherungsordner warten, den ein anderer Lauf hält (--lock-wait); 0: sofort abgewiesen",
  "cli.key.LOCK_HEARTBEAT":
    "wie oft ein Lauf den Sperreintrag .phlb/lock.owner des Sicherungsordners neu schreibt, um zu zeigen, dass er lebt",
  "cli.key.LOCK_STALE":
    "ein Sperreintrag, der so lange nicht neu geschrieben wurde, wird übernommen (sein Halter ist abgestürzt oder hat das Netz verloren)",
  "cli.key.LOGGING_LEVEL":
    "Ausgabe im Terminal: ERROR wie -q, WARNING normal, INFO oder DEBUG wie -v (das Log des Laufs behält alles)",
  "cli.key.LANGUAGE_CODE":
    "die Sprache der Meldungen: en oder de (--lang geht vor; nicht gesetzt: LC_ALL, LC_MESSAGES, LANG, sonst en)",
  "cli.retired.database": "phlb hält seinen Index in BACKUP_PATH/.phlb/; entfernen Sie die Zeile",
  "cli.retired.autoLogin": "phlb hat keine Django-Verwaltung; entfernen Sie die Zeile",
  "cli.retired.updateInterval": "phlb zeigt den Fortschritt von selbst; entfernen Sie die Zeile",
  "cli.retired.useLoggingLevel": "verwenden Sie LOGGING_LEVEL",
  "cli.retired.fileLevel":
    "das Log neben jedem Snapshot behält jede Warnung und jeden Fehler; entfernen Sie die Zeile",
  "cli.retired.hashName": "phlb verwendet immer sha256; entfernen Sie die Zeile",
  "cli.retired.remove": "entfernen Sie die Zeile",
  "cli.retired.useSkipPatterns": "verwenden Sie SKIP_PATTERNS",
  "cli.duration.empty": "leere Zeitspanne",
  "cli.duration.notCalendar": "{text} ist keine Zeitspanne wie 30d, 12h, 1y6m",
  "cli.duration.unknownUnit": "unbekannte Einheit {unit} in {text}: möglich sind y, m, d, h",
  "cli.duration.unitTwice": "Einheit {unit} zweimal in {text}",
  "cli.duration.zero": "{text} ist eine Zeitspanne von null",
  "cli.duration.badElapsed": "ungültige {option} {text}: z. B. 90s, 30m, 2h, 1h30m oder 500ms",
  // ── end cli ──

  // ── backup: src/backup, src/add, src/fs, src/index, their reports ──
  "index.hint.rebuild":
    "Der Index ist nur ein Zwischenspeicher: Verschieben Sie ihn (oder löschen Sie den Ordner .phlb) und bauen Sie ihn mit `phlb add` neu auf",
  "backup.full": "Der Sicherungsordner „{root}“ ist voll: {error}. {left}",
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
  "fs.glob.empty": "leeres Ausschlussmuster",
  "fs.worker.stopped": "Ein Worker, der Dateiinhalte liest und schreibt, hat aufgehört: {error}",
  "fs.worker.stopped.hint":
    "das ist ein Fehler in phlb; führen Sie es mit --jobs 0 erneut aus, dann erledigt der Hauptthread diese Arbeit",
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
  "prune.policy.last": { one: "den neuesten", other: "die {n} neuesten" },
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
  "store.format.empty": "es ist leer",
  "store.format.slash": "es darf weder / noch \\ enthalten",
  "store.format.dot": "es beginnt mit einem Punkt, und Ordner mit einem Punkt am Anfang sind nie Snapshots",
  "store.format.reserved": "es endet auf {suffix}, das phlb unvollständigen Snapshots und ihren Dateien gibt",
  "store.format.unsupported": "es verwendet {field}; möglich sind %Y %y %m %d %H %M %S %j %%",
  "store.format.noDate": "es hat kein Datumsfeld, also bekäme jeder Lauf denselben Namen",
  "restore.windowsName":
    "nicht wiederhergestellt: der Name {why}, was Windows nicht speichern kann (er wird nicht umbenannt)",
  // ── end check ──

  // ── web: src/web ──
  "web.serve.start": "phlb serve: {root} schreibgeschützt unter {url}",
  "web.serve.stopHint": "(Strg-C beendet es)",
  "web.serve.stopped": "phlb serve: beendet",
  "web.serve.exposed":
    "lauscht auf {address}: Wer diese Adresse erreicht, kann jede Datei dieser Sicherungen lesen (es gibt keine Anmeldung)",
  "web.error.readOnly": "Nur GET und HEAD: phlb serve ist schreibgeschützt.",
  "web.error.internal": "Interner Fehler: {error}",
  "web.host.missing":
    "Kein Host-Header: Senden Sie HTTP/1.1 mit dem Host, unter dem dieser Server erreicht wurde.",
  "web.host.unexpected": "Unerwarteter Host-Header.",
  "web.host.mismatch": "Das Anfrageziel nennt einen anderen Host als der Host-Header.",
  "web.note.noIndex":
    "Es gibt keinen Index ({path}): Die Zahlen stammen aus den Snapshot-Ordnern. Die Suche und die Listen gleicher Inhalte brauchen ihn, und der Dateiverlauf vergleicht nur Größe und Änderungszeit. Erstellen Sie ihn mit `phlb add`.",
  "web.note.badIndex":
    "Der Index kann nicht gelesen werden ({error}): Die Zahlen stammen aus den Snapshot-Ordnern. Die Suche und die Listen gleicher Inhalte brauchen ihn, und der Dateiverlauf vergleicht nur Größe und Änderungszeit. Bauen Sie ihn mit `phlb add` neu auf.",
  "web.language.label": "Sprache",
  "web.language.default": "die Sprache des Servers",
  "web.language.en": "English",
  "web.language.de": "Deutsch",
  "web.layout.brand": "phlb-Sicherungen",
  "web.layout.searchPlaceholder": "Dateiname",
  "web.layout.searchLabel": "Dateinamen suchen",
  "web.layout.searchButton": "Suchen",
  "web.layout.crumbsLabel": "Brotkrümelnavigation",
  "web.crumbs.backups": "Sicherungen",
  "web.notFound.title": "Nicht gefunden",
  "web.notFound.text": "Hier gibt es nichts.",
  "web.notFound.back": "Zurück zu den Sicherungen",
  "web.age.justNow": "gerade eben",
  "web.age.minutes": { one: "{count} Min.", other: "{count} Min." },
  "web.age.hours": { one: "{count} Std.", other: "{count} Std." },
  "web.age.days": { one: "{count} Tag", other: "{count} Tage" },
  "web.badge.unfinished": "unvollständig",
  "web.badge.unfinished.title": "läuft gerade oder wurde abgebrochen",
  "web.badge.deleting": "wird gelöscht",
  "web.badge.complete": "vollständig",
  "web.pager.label": "Seiten",
  "web.pager.previous": "← zurück",
  "web.pager.next": "weiter →",
  "web.pager.page": "Seite {page}",
  "web.snapshot.view.files": "Dateien ansehen",
  "web.snapshot.view.changes": "Änderungen gegenüber dem vorigen Snapshot",
  "web.snapshot.view.log": "Protokoll und Zusammenfassung",
  "web.snapshot.figures": { one: "{count} Datei, {size:bytes}", other: "{count} Dateien, {size:bytes}" },
  "web.snapshot.figuresNew": {
    one: "{count} Datei, {size:bytes} ({newSize:bytes} neu)",
    other: "{count} Dateien, {size:bytes} ({newSize:bytes} neu)",
  },
  "web.col.path": "Pfad",
  "web.col.backup": "Sicherung",
  "web.col.size": "Größe",
  "web.col.snapshots": "Snapshots",
  "web.col.snapshot": "Snapshot",
  "web.col.newest": "neuester",
  "web.col.modified": "geändert",
  "web.dashboard.title": "Sicherungen",
  "web.dashboard.empty": "Noch keine Sicherungen unter {root}. Erstellen Sie eine mit {command}.",
  "web.dashboard.col.backup": "Sicherung",
  "web.dashboard.col.lastRun": "letzter Lauf",
  "web.dashboard.col.age": "Alter",
  "web.dashboard.col.state": "Zustand",
  "web.dashboard.col.newestUnique": "nur im neuesten",
  "web.dashboard.col.newestUnique.title": "was das Löschen nur des neuesten Snapshots freigäbe",
  "web.dashboard.col.perRun": "je Lauf: {total}, {new}",
  "web.dashboard.never": "nie",
  "web.dashboard.lastUnfinished": "letzter Lauf unvollständig",
  "web.dashboard.stale": "veraltet",
  "web.dashboard.stale.title": {
    one: "kein vollständiger Snapshot am letzten {count} Tag",
    other: "kein vollständiger Snapshot in den letzten {count} Tagen",
  },
  "web.dashboard.ok": "in Ordnung",
  "web.dashboard.footer": {
    one:
      "Sicherungsordner: {root}. „Belegt“ zählt jede gespeicherte Datei einmal, wie viele Snapshots sie auch verlinken; „nur im neuesten“ ist, was das Löschen nur des neuesten Snapshots freigäbe. Eine Sicherung ist veraltet, wenn ihr neuester vollständiger Snapshot älter als {count} Tag ist.",
    other:
      "Sicherungsordner: {root}. „Belegt“ zählt jede gespeicherte Datei einmal, wie viele Snapshots sie auch verlinken; „nur im neuesten“ ist, was das Löschen nur des neuesten Snapshots freigäbe. Eine Sicherung ist veraltet, wenn ihr neuester vollständiger Snapshot älter als {count} Tage ist.",
  },
  "web.space.onDisk": "belegt",
  "web.space.onDisk.note": "jede Datei einmal",
  "web.space.apparent": "scheinbare Größe",
  "web.space.apparent.note": "jeder Snapshot vollständig",
  "web.space.ratio": "Dedup-Faktor",
  "web.space.ratio.note": "scheinbar / belegt",
  "web.space.snapshots": "Snapshots",
  "web.space.snapshots.note": "alle Sicherungen",
  "web.chart.empty": "noch keine abgeschlossenen Läufe",
  "web.chart.label": "Gesamtgröße (Linie) und neue Bytes (Balken, logarithmisch) je Lauf",
  "web.chart.title":
    "Gesamtgröße je Lauf (Linie, bis {total:bytes}); neue Bytes je Lauf (Balken, logarithmisch, bis {new:bytes})",
  "web.chart.tip": "{id} ({time}): {total:bytes} gesamt, {new:bytes} neu",
  "web.chart.tip.adopted":
    "{id} ({time}): {total:bytes} gesamt, neue Bytes unbekannt (übernommen mit phlb add)",
  "web.chart.axis.total": "gesamt ≤ {size:bytes}",
  "web.chart.axis.new": "neu, logarithmisch ≤ {size:bytes}",
  "web.chart.legend.total": "gesamt",
  "web.chart.legend.new": "neu",
  "web.snapshots.legend": "{total} · {new} je Lauf",
  "web.snapshots.legend.total": "Linie: Gesamtgröße",
  "web.snapshots.legend.new": "Balken: neue Bytes, logarithmisch",
  "web.snapshots.col.status": "Status",
  "web.snapshots.col.files": "Dateien",
  "web.snapshots.col.unique": "nur hier",
  "web.snapshots.col.unique.title": "frei, wenn nur dieser Snapshot gelöscht wird",
  "web.snapshots.col.new": "neu",
  "web.snapshots.col.new.title": "Bytes, die sein Lauf kopiert hat",
  "web.snapshots.col.duration": "Dauer",
  "web.snapshots.col.errors": "Fehler",
  "web.snapshots.col.warnings": "Warnungen",
  "web.snapshots.changes": "Änderungen",
  "web.snapshots.log": "Protokoll",
  "web.snapshots.none": "Keine Snapshots.",
  "web.snapshots.footnote":
    "Nur hier: was das Löschen nur dieses Snapshots freigäbe (braucht den Index). Neu: die Bytes, die sein Lauf kopiert hat.",
  "web.snapshots.footnote.adopted":
    "Nur hier: was das Löschen nur dieses Snapshots freigäbe (braucht den Index). Neu: die Bytes, die sein Lauf kopiert hat; — bei einem mit {command} übernommenen Snapshot, dessen Lauf phlb nie gesehen hat.",
  "web.folder.col.name": "Name",
  "web.folder.backslash": "(ein Backslash im Namen: wird nicht ausgeliefert)",
  "web.folder.download": "herunterladen",
  "web.folder.special": "(Spezialdatei)",
  "web.folder.empty": "Dieser Ordner ist leer.",
  "web.summary.source": "Quelle",
  "web.summary.startedAt": "gestartet",
  "web.summary.finishedAt": "beendet",
  "web.summary.durationMs": "Dauer",
  "web.summary.previous": "verglichen mit",
  "web.summary.files": "Dateien",
  "web.summary.bytes": "Größe",
  "web.summary.unchangedLinked": "unverändert, ungelesen verlinkt",
  "web.summary.unchangedBytes": "unveränderte Bytes",
  "web.summary.dedupLinked": "gleicher Inhalt gefunden, verlinkt",
  "web.summary.dedupBytes": "durch Inhalts-Hardlinks gesparte Bytes",
  "web.summary.copied": "kopiert",
  "web.summary.copiedBytes": "neue Bytes",
  "web.summary.symlinks": "Symlinks",
  "web.summary.directories": "Ordner",
  "web.summary.skipped": "übersprungene Spezialdateien",
  "web.summary.excluded": "ausgeschlossen",
  "web.summary.errors": "Fehler",
  "web.summary.warnings": "Warnungen",
  "web.log.title": "{name} / {id}: Protokoll",
  "web.log.crumb": "Protokoll",
  "web.log.summary": "Zusammenfassung",
  "web.log.runLog": "Protokoll des Laufs",
  "web.log.noSummary": "Keine Zusammenfassung: Der Lauf wurde nicht beendet.",
  "web.log.noSummary.index":
    "Keine Zusammenfassung: Der Lauf wurde nicht beendet; die Zahlen oben stammen aus dem Index.",
  "web.log.truncated": "Das Protokoll ist länger; nur sein Anfang wird gezeigt.",
  "web.log.none": "Kein Protokoll.",
  "web.search.title": "Suche",
  "web.search.titleWith": "Suche: {text}",
  "web.search.crumb": "Suche",
  "web.search.filterLabel": "Sicherungsname",
  "web.search.allBackups": "alle Sicherungen",
  "web.search.hint": "Geben Sie oben im Suchfeld einen Teil eines Dateinamens ein.",
  "web.search.needsIndex": "Die Suche braucht den Index. Erstellen Sie ihn mit {command}.",
  "web.search.none": "Kein Dateiname enthält {text}{where}.",
  "web.search.count": {
    one: "{n} Pfad enthält {text}{where}{shown}.",
    other: "{n} Pfade enthalten {text}{where}{shown}.",
  },
  "web.search.where": " in {name}",
  "web.search.shown": "; {first}–{last} gezeigt",
  "web.search.failed.title": "Suche fehlgeschlagen",
  "web.search.failed.text": "Der Index konnte nicht durchsucht werden: {error}",
  "web.kind.file": "Datei",
  "web.kind.dir": "Ordner",
  "web.kind.symlink": "Symlink",
  "web.kind.other": "Spezialdatei",
  "web.compare.tooLarge": "Nicht verglichen: Die Version in {id} ist größer als {max:bytes}.",
  "web.compare.notText": "Nicht verglichen: Die Version in {id} ist kein UTF-8-Text.",
  "web.compare.unreadable": "Nicht verglichen: Die Version in {id} kann nicht gelesen werden.",
  "web.compare.pickTwo": "Wählen Sie in der Tabelle „Verlauf“ zwei verschiedene Versionen zum Vergleichen.",
  "web.compare.first": "Dies ist die erste Version der Datei: Es gibt nichts davor zum Vergleichen.",
  "web.compare.unchanged":
    "Der Inhalt hat sich seit dem ersten Snapshot mit diesem Pfad, {id}, nicht geändert: Es gibt nichts zu vergleichen.",
  "web.compare.kindBefore": "Vor dieser Version liegt in {id} unter diesem Pfad: {kind}.",
  "web.file.thisOne": "(diese)",
  "web.file.changes": "Änderungen",
  "web.file.compare.previous": "Gegenüber der vorigen Version: von {a} ({aTime}) zu {b} ({bTime}).",
  "web.file.compare.picked": "Von {a} ({aTime}) zu {b} ({bTime}).",
  "web.file.absent": "nicht in diesem Snapshot",
  "web.file.absent.why": "vor diesem Lauf gelöscht oder verschoben",
  "web.file.compareFrom": "vergleichen von {id}",
  "web.file.compareTo": "vergleichen mit {id}",
  "web.file.firstSeen": "zuerst gesehen",
  "web.file.changed": "geändert",
  "web.file.same": "gleich",
  "web.file.reappeared": "nach einer Lücke zurück",
  "web.file.history": "Verlauf",
  "web.file.history.text":
    "Jeder Snapshot von {name}, der diesen Pfad enthält. Wählen Sie zwei Versionen, um sie zu vergleichen.",
  "web.file.history.textDisk":
    "Jeder Snapshot von {name}, der diesen Pfad enthält; ohne den Index bedeutet eine Änderung eine andere Größe oder Änderungszeit. Wählen Sie zwei Versionen, um sie zu vergleichen.",
  "web.file.col.from": "von",
  "web.file.col.from.title": "die ältere Version",
  "web.file.col.to": "zu",
  "web.file.col.to.title": "die neuere Version",
  "web.file.col.change": "Änderung",
  "web.file.compareButton": "Die zwei Versionen vergleichen",
  "web.file.gone": "Nicht im späteren Snapshot {id}: vor diesem Lauf gelöscht oder verschoben.",
  "web.file.bytes": { one: "({count} Byte)", other: "({count} Bytes)" },
  "web.file.mode": "Rechte",
  "web.file.hashFrom.index": "(aus dem Index)",
  "web.file.hashFrom.manifest": "(aus dem Manifest)",
  "web.file.hashUnknown": "unbekannt (nicht im Index oder im Manifest)",
  "web.file.links": "Hardlinks",
  "web.file.links.note": "(Namen in beliebigen Snapshots, die diese gespeicherte Kopie teilen)",
  "web.file.download": "Herunterladen",
  "web.file.restore":
    "Mit phlb wiederherstellen (in den Ordner {folder}, der angelegt wird, falls er fehlt; dort wird nichts überschrieben):",
  "web.file.content": "Inhalt",
  "web.file.noPreview.empty": "Keine Vorschau: Die Datei ist leer.",
  "web.file.noPreview.notText": "Keine Vorschau: kein kurzer UTF-8-Text.",
  "web.file.sameContent": "Gleicher Inhalt an anderer Stelle",
  "web.file.sameContent.needsIndex": "Braucht den Index.",
  "web.file.sameContent.none": "Kein anderer Pfad hat diesen Inhalt.",
  "web.file.sameContent.truncated": "Nur die ersten Treffer werden gezeigt.",
  "web.symlink.kind": "Art",
  "web.symlink.kindValue": "symbolischer Link",
  "web.symlink.target": "Ziel",
  "web.symlink.note": "Links werden gezeigt, nie verfolgt: Der Zieltext ist, was die Quelle enthielt.",
  "web.diff.counts": { one: "{added} {removed} Zeile", other: "{added} {removed} Zeilen" },
  "web.diff.noNewline": "⏎ kein Zeilenumbruch am Ende",
  "web.diff.noNewline.title": "die Datei endet ohne Zeilenumbruch",
  "web.diff.same": "Die zwei Versionen haben denselben Text.",
  "web.diff.coarse":
    "(manche Teile haben sich zu stark geändert, um sie Zeile für Zeile zuzuordnen: als entfernt, dann hinzugefügt gezeigt)",
  "web.diff.cut": {
    one: "{count} weitere Zeile des Diffs wird nicht gezeigt.",
    other: "{count} weitere Zeilen des Diffs werden nicht gezeigt.",
  },
  "web.changes.title": "{name} / {id}: Änderungen",
  "web.changes.crumb": "Änderungen",
  "web.changes.kind.added": "hinzugefügt",
  "web.changes.kind.removed": "entfernt",
  "web.changes.kind.modified": "geändert",
  "web.changes.kind.moved": "verschoben",
  "web.changes.whatChanged": "was sich geändert hat",
  "web.changes.summary":
    "Gegenüber {previous}: {added} hinzugefügt ({addedSize}), {removed} entfernt ({removedSize}), {modified} geändert, {moved} verschoben, {unchanged} unverändert.",
  "web.changes.sameAs": "Dieselbe Liste wie {command}.",
  "web.changes.unfinished":
    "Dieser Lauf ist unvollständig: Die Liste enthält, was er bisher geschrieben hat.",
  "web.changes.none": "Keine Datei geändert.",
  "web.changes.first":
    "Dies ist der erste vollständige Snapshot dieses Namens: Es gibt nichts davor zum Vergleichen.",
  "web.changes.cannotList": "Die Änderungen können nicht aufgelistet werden: {error}",
  // ── end web ──
};
