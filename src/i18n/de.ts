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
  // ── end check ──

  // ── web: src/web ──
  // ── end web ──
};
