/**
 * The catalogue cannot drift: every language has every key with the same placeholders, every key is
 * used, and no shown text in src/ bypasses the catalogue (scripts/i18n_scan.ts decides how).
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import { EN, type Entry, type MessageKey } from "../src/i18n/en.ts";
import { CATALOGS, chooseLanguage, languageOf, LANGUAGES } from "../src/i18n/languages.ts";
import { msg, PLACEHOLDER, translator } from "../src/i18n/messages.ts";
import { holdsWords, scanPaths, scanSource } from "../scripts/i18n_scan.ts";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url)).replace(/[\/\\]$/, "");

function placeholders(entry: Entry): string[] {
  const texts = typeof entry === "string" ? [entry] : [entry.one, entry.other];
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACEHOLDER)) names.add(m[0]);
  return [...names].sort();
}

Deno.test("i18n: every language has exactly the English keys, with the same placeholders and plural forms", () => {
  const keys = Object.keys(EN).sort();
  for (const lang of LANGUAGES) {
    const catalog = CATALOGS[lang] as Record<string, Entry>;
    assertEquals(Object.keys(catalog).sort(), keys, `${lang}: keys`);
    for (const key of keys) {
      const en = EN[key as MessageKey] as Entry;
      const other = catalog[key];
      assertEquals(typeof other, typeof en, `${lang} ${key}: a plural entry in one language is one in both`);
      // A plural form may leave out {count} ("one file" / "eine Datei"), so plurals compare their union.
      assertEquals(placeholders(other), placeholders(en), `${lang} ${key}: placeholders`);
      const texts = typeof other === "string" ? [other] : [other.one, other.other];
      for (const text of texts) {
        assert(text.trim() !== "", `${lang} ${key}: empty`);
        const stray = text.replace(PLACEHOLDER, "").match(/\{[^}]*\}/);
        assert(stray === null, `${lang} ${key}: ${stray?.[0]} is not a placeholder`);
      }
    }
  }
});

Deno.test("i18n: every catalogue key is used in src/ or main.ts, written out in full", () => {
  let code = Deno.readTextFileSync(`${repo}/main.ts`);
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(dir)) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) walk(p);
      else if (p.endsWith(".ts") && !p.endsWith("_test.ts") && !p.includes("/src/i18n/")) {
        code += Deno.readTextFileSync(p);
      }
    }
  };
  walk(`${repo}/src`);
  const unused = Object.keys(EN).filter((key) => !code.includes(`"${key}"`));
  assertEquals(unused, [], "keys no code uses (remove them from every catalogue)");
});

Deno.test("i18n: no shown text in src/ or main.ts bypasses the catalogue", () => {
  const findings = scanPaths([`${repo}/src`, `${repo}/main.ts`], repo);
  assertEquals(
    findings.map((f) => `${f.file}:${f.line}: ${JSON.stringify(f.text)}`),
    [],
    "texts shown without t()/msg(); scripts/i18n_scan.ts lists them",
  );
});

Deno.test("i18n: the scanner finds text in sinks and leaves keys, code and ignored lines alone", () => {
  const source = [
    'err(`${st.red("error")}: cannot read ${path}\\n`);',
    'throw new FatalError("Source does not exist", { hint: "give a folder" });',
    'err(`${t("common.error")}: ${shown}\\n`);',
    'const label = t("common.files", { count: 2 });',
    'out(JSON.stringify(summary, null, 2) + "\\n");',
    'cmd.addOption(new Option("-r, --root <path>", "the backup root"));',
    'fields.push(["files", String(n)]);',
    'return html`<p title="a tip">No backups yet</p><td>${n}</td>`;',
    'err("phlb backup ~/Documents"); // a command line, not text',
    'out("something wrong"); // i18n-ignore: a test of the marker',
    'const re = /"quoted words here"/;',
    'run.problem(itemProblem(rel, isNotFound(err) ? "warning" : "error", msg("backup.problem.vanished")));',
    'onProblem({ path, severity: gone ? "warning" : "error", message: "cannot stat" });',
    'err((p.severity === "warning" ? st.yellow(line) : st.red(line)) + "\\n");',
    'err(`${p.severity}: ${st.red("warning")}`);',
    'this.cb.onNotice?.("the lock was taken over");',
    'export function itemProblem(path: string, severity: "error" | "warning", text: Msg) {}',
  ].join("\n");
  const found = scanSource(source, "x.ts").map((f) => `${f.line}:${f.text}`);
  assertEquals(found, [
    "1:error",
    "1:: cannot read",
    "2:Source does not exist",
    "2:give a folder",
    "6:the backup root",
    "7:files",
    "8:a tip",
    "8:No backups yet",
    "13:cannot stat",
    "15:warning",
    "16:the lock was taken over",
  ]);
  assert(!holdsWords("--root <path> PHLB_ROOT ./x.sha256 .partial"));
  assert(holdsWords("Sicherung läuft"));
});

Deno.test("i18n: language codes, and the order --lang > LANGUAGE_CODE > LC_ALL > LC_MESSAGES > LANG > English", () => {
  for (const code of ["de", "de-DE", "de_CH.UTF-8", "DE", "de_AT@euro"]) {
    assertEquals(languageOf(code), "de", code);
  }
  for (const code of ["en", "en_US.UTF-8", "C", "POSIX", "C.UTF-8"]) {
    assertEquals(languageOf(code), "en", code);
  }
  assertEquals(languageOf("fr_FR.UTF-8"), undefined);
  const env = { LC_ALL: "", LC_MESSAGES: "de_DE.UTF-8", LANG: "en_GB.UTF-8" };
  assertEquals(chooseLanguage({ flag: "en", ini: "de", env }), { language: "en", from: "--lang" });
  assertEquals(chooseLanguage({ ini: "de-ch", env: { LANG: "en" } }), {
    language: "de",
    from: "LANGUAGE_CODE",
  });
  assertEquals(chooseLanguage({ env }), { language: "de", from: "LC_MESSAGES" });
  assertEquals(chooseLanguage({ env: { LC_ALL: "C", LANG: "de_DE" } }), { language: "en", from: "LC_ALL" });
  assertEquals(chooseLanguage({}), { language: "en", from: "default" });
  // An explicit language phlb does not speak is English, said once; the system's locale quietly.
  assertEquals(chooseLanguage({ ini: "fr" }), {
    language: "en",
    from: "LANGUAGE_CODE",
    unknown: { code: "fr", from: "LANGUAGE_CODE" },
  });
  assertEquals(chooseLanguage({ env: { LANG: "fr_FR.UTF-8" } }), { language: "en", from: "LANG" });
});

Deno.test("i18n: numbers, sizes and dates follow the language; a Msg is English as a string", () => {
  const de = translator("de");
  const en = translator("en");
  assertEquals(de.t("common.files", { count: 1234 }), "1.234 Dateien");
  assertEquals(de.t("common.files", { count: 1 }), "1 Datei");
  assertEquals(en.t("common.files", { count: 1234 }), "1,234 files");
  assertEquals(de.bytes(12.5 * 1024 * 1024), "12,5 MiB");
  assertEquals(en.bytes(12.5 * 1024 * 1024), "12.5 MiB");
  assertEquals(de.date(new Date(2026, 11, 6)), "6. Dez. 2026");
  assertEquals(en.date(new Date(2026, 11, 6)), "6 Dec 2026");
  assertEquals(de.duration(12_300), "12,3 s");
  const m = msg("common.files", { count: 2 });
  assertEquals(String(m), "2 files");
  assertEquals(m.in("de"), "2 Dateien");
  assertEquals(de.t("common.progress.filesOf", { done: 1500, total: 20000 }), "1500/20000 Dateien");
});
