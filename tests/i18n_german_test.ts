/**
 * phlb speaks German as a user meets it: `LANGUAGE_CODE = de` in the PyHardLinkBackup.ini of the
 * working folder, then backup, verify, list, `prune --dry-run`, help texts and the web dashboard.
 * None of their output may hold an English sentence of the catalogue; the log stays English.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { EN, type Entry, type MessageKey } from "../src/i18n/en.ts";
import { DE } from "../src/i18n/de.ts";
import { PLACEHOLDER } from "../src/i18n/messages.ts";
import { phlb, SETTLED_FLAGS, withTempDir, writeTree } from "./helpers.ts";
import { startServe } from "./serve_fixture.ts";

/**
 * The English pieces of the catalogue that German output must not hold: each text's static parts
 * between placeholders, of two words or more and 12 characters or more, where German says it
 * differently.
 */
function englishSentences(): Map<string, MessageKey> {
  const pieces = new Map<string, MessageKey>();
  const texts = (e: Entry) => typeof e === "string" ? [e] : [e.one, e.other];
  for (const key of Object.keys(EN) as MessageKey[]) {
    const german = new Set(texts(DE[key]));
    for (const text of texts(EN[key])) {
      if (german.has(text)) continue;
      // Split at the placeholders (replace first: split would also return PLACEHOLDER's groups).
      for (const piece of text.replace(PLACEHOLDER, "\u0000").split("\u0000")) {
        const p = piece.trim();
        if (
          p.length >= 12 && /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(p) && ![...german].some((g) => g.includes(p))
        ) {
          pieces.set(p, key);
        }
      }
    }
  }
  return pieces;
}

/** The English sentences of the catalogue that `output` holds, each with its key. */
function englishIn(output: string): string[] {
  return [...englishSentences()].filter(([p]) => output.includes(p)).map(([p, key]) => `${key}: ${p}`);
}

Deno.test("i18n: with LANGUAGE_CODE = de, backup, verify, list, prune -n, help and the dashboard speak German; the log stays English", async () => {
  await withTempDir(async (dir) => {
    const root = `${dir}/root`;
    writeTree(`${dir}/Dokumente`, { "a.txt": "eins", "b.txt": "zwei", "sub/c.txt": "drei" });
    Deno.writeTextFileSync(
      `${dir}/PyHardLinkBackup.ini`,
      `[common]\nBACKUP_PATH = ${root}\nLANGUAGE_CODE = de\n`,
    );
    const run = (args: string[]) => phlb(args, { cwd: dir });
    const outputs: string[] = [];
    const step = async (args: string[], code = 0) => {
      const r = await run(args);
      assertEquals(r.code, code, `phlb ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
      outputs.push(`$ phlb ${args.join(" ")}\n${r.stdout}${r.stderr}`);
      return r;
    };
    const first = await step(["backup", ...SETTLED_FLAGS, "Dokumente"]);
    assertIncludes(first.stdout, "Dateien");
    Deno.writeTextFileSync(`${dir}/Dokumente/a.txt`, "eins, geändert");
    await step(["backup", ...SETTLED_FLAGS, "Dokumente"]);
    await step(["verify", "Dokumente"]);
    await step(["list"]);
    await step(["prune", "--dry-run", "--keep-last", "1", "Dokumente"]);
    await step(["--help"]);
    await step(["backup", "--help"]);
    await step(["backup", "Fehlt"], 1);
    await step(["list", "--frobnicate"], 2);

    const srv = await startServe(["--port", "0"], { cwd: dir });
    try {
      const page = await (await fetch(srv.url)).text();
      assertIncludes(page, '<html lang="de">');
      outputs.push(page.replace(/<[^>]*>/g, " "));
      // The language switch: ?lang=en answers in English and keeps the choice in its links.
      const english = await (await fetch(`${srv.url}?lang=en`)).text();
      assertIncludes(english, '<html lang="en">');
      assertIncludes(english, "lang=en");
    } finally {
      await srv.stop();
    }

    const all = outputs.join("\n");
    assertEquals(englishIn(all), [], all);
    // The log of a run is English everywhere, so one log format can be searched on every machine.
    const logs = [...Deno.readDirSync(`${root}/Dokumente`)].filter((e) => e.name.endsWith(".log"));
    assert(logs.length >= 2, "two logs");
    const log = Deno.readTextFileSync(`${root}/Dokumente/${logs[0].name}`);
    assert(!/Dateien|Sicherung|Fehler/.test(log), log);
  });
});

Deno.test("i18n: --lang beats LANGUAGE_CODE, LANG selects German, an unknown language is English with one notice", async () => {
  await withTempDir(async (dir) => {
    Deno.writeTextFileSync(`${dir}/PyHardLinkBackup.ini`, `[common]\nLANGUAGE_CODE = de\n`);
    const flag = await phlb(["--lang", "en", "backup", "Fehlt"], { cwd: dir });
    assertEquals(flag.code, 1);
    assertIncludes(flag.stderr, "error:");
    const ini = await phlb(["backup", "Fehlt"], { cwd: dir });
    assertIncludes(ini.stderr, "Fehler:");
    const env = await phlb(["backup", "Fehlt"], { env: { LANG: "de_CH.UTF-8" } });
    assertIncludes(env.stderr, "Fehler:");
    const unknown = await phlb(["--lang", "fr", "backup", "Fehlt"]);
    assertEquals(unknown.stderr.match(/is not available/g)?.length, 1, unknown.stderr);
    assertIncludes(unknown.stderr, "error:");
  });
});
