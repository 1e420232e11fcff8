/**
 * The command line in German, as a user meets it: `--help` (commander's own words included), usage
 * errors, `phlb config --show`, the files `phlb helper` writes and the completion scripts, with
 * `--lang de` or `LANGUAGE_CODE = de` in the working folder's ini. English stays exactly as it was.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { nativePath, phlb, withTempDir } from "./helpers.ts";

function assertLacks(text: string, part: string, what = "") {
  assert(!text.includes(part), `${what} must not hold ${JSON.stringify(part)}:\n${text}`);
}

Deno.test("i18n cli: phlb --help and phlb backup --help in German, commander's words and the exit codes included", async () => {
  await withTempDir(async (dir) => {
    const top = await phlb(["--lang", "de", "--help"]);
    assertEquals(top.code, 0, top.stderr);
    assertIncludes(top.stdout, "Aufruf: phlb [Optionen] [Befehl]\n");
    assertIncludes(top.stdout, "\nOptionen:\n");
    assertIncludes(top.stdout, "\nBefehle:\n");
    assertIncludes(top.stdout, "  backup [Optionen] <source> [dest]");
    assertIncludes(top.stdout, "  help [Befehl]");
    assertIncludes(top.stdout, "Hilfe zum Befehl anzeigen");
    assertIncludes(top.stdout, "  -V, --version");
    assertIncludes(top.stdout, "die Version ausgeben");
    assertIncludes(
      top.stdout,
      "\nExit-Codes:\n  0    erledigt\n  1    schwerer Fehler, siehe die Zeile „Fehler:“\n",
    );
    assertIncludes(top.stdout, "  2    Aufruffehler\n");
    assertIncludes(top.stdout, "  130  abgebrochen (Strg-C oder SIGTERM)");
    for (const english of ["Usage:", "Options:", "Commands:", "[options]", "display help", "Exit codes:"]) {
      assertLacks(top.stdout, english, "phlb --lang de --help");
    }

    // The ini of the working folder chooses German too.
    Deno.writeTextFileSync(`${dir}/PyHardLinkBackup.ini`, "[common]\nLANGUAGE_CODE = de\n");
    const backup = await phlb(["backup", "--help"], { cwd: dir });
    assertEquals(backup.code, 0, backup.stderr);
    assertIncludes(backup.stdout, "Aufruf: phlb backup [Optionen] <source> [dest]\n");
    assertIncludes(backup.stdout, "\nArgumente:\n  source ");
    assertIncludes(backup.stdout, "der Ordner, der gesichert wird");
    assertIncludes(backup.stdout, '(Auswahl: "exact",');
    assertIncludes(backup.stdout, "\nBeispiele:\n  phlb backup ~/Documents ");
    assertIncludes(backup.stdout, "was gelesen, verlinkt und kopiert würde");
    assertIncludes(
      backup.stdout,
      "  3    der Snapshot wurde angelegt, aber einige Einträge sind fehlgeschlagen (jeder steht in ID.log)\n",
    );
    assertIncludes(backup.stdout, "  130  abgebrochen (Strg-C oder SIGTERM): der Snapshot bleibt .partial");
    for (const english of ["Usage:", "Arguments:", "Examples:", "choices:", "the folder to back up"]) {
      assertLacks(backup.stdout, english, "phlb backup --help with LANGUAGE_CODE = de");
    }
  });
});

Deno.test("i18n cli: commander's usage errors in German, with the suggestion and the hint line", async () => {
  const unknown = await phlb(["--lang", "de", "list", "--frobnicate"]);
  assertEquals(unknown.code, 2);
  assertEquals(
    unknown.stderr,
    "Fehler: unbekannte Option „--frobnicate“\n(Aufruf mit --help zeigt die Bedienung)\n",
  );
  const suggested = await phlb(["--lang", "de", "list", "--jsn"]);
  assertIncludes(suggested.stderr, "Fehler: unbekannte Option „--jsn“\n(Meinten Sie --json?)\n");
  const missing = await phlb(["--lang", "de", "backup"]);
  assertEquals(missing.code, 2);
  assertIncludes(missing.stderr, "Fehler: das Argument „source“ fehlt\n");
  const choice = await phlb(["--lang", "de", "completion", "tcsh"]);
  assertIncludes(
    choice.stderr,
    "Fehler: der Wert „tcsh“ ist für das Argument „shell“ ungültig. Erlaubt sind: bash, zsh, fish, powershell.",
  );
  const many = await phlb(["--lang", "de", "list", "a", "b"]);
  assertIncludes(many.stderr, "Fehler: zu viele Argumente für „list“: erwartet 1, erhalten 2: a, b.");
  // phlb's own usage errors of a command.
  const both = await phlb(["--lang", "de", "config", "--show", "--path"]);
  assertEquals(both.code, 2);
  assertIncludes(both.stderr, "Fehler: geben Sie --show oder --path an, nicht beides\n");
});

Deno.test("i18n cli: English help and usage errors are commander's own words, unchanged", async () => {
  const top = await phlb(["--help"]);
  assertIncludes(top.stdout, "Usage: phlb [options] [command]\n");
  assertIncludes(top.stdout, "\nOptions:\n  -V, --version ");
  assert(/\n {2}-h, --help +display help for command\n/.test(top.stdout), top.stdout);
  assert(/\n {2}help \[command\] +display help for command\n/.test(top.stdout), top.stdout);
  assertIncludes(top.stdout, '\nExit codes:\n  0    done\n  1    fatal error, see the "error:" line\n');
  const backup = await phlb(["backup", "--help"]);
  assertIncludes(backup.stdout, '(choices: "exact",');
  assertIncludes(backup.stdout, "\nExamples:\n");
  const unknown = await phlb(["list", "--frobnicate"]);
  assertEquals(unknown.stderr, "error: unknown option '--frobnicate'\n(run with --help for usage)\n");
  const suggested = await phlb(["lst"]);
  assertEquals(
    suggested.stderr,
    "error: unknown command 'lst'\n(Did you mean list?)\n(run with --help for usage)\n",
  );
  const many = await phlb(["add", "a", "b", "c"]);
  assertIncludes(
    many.stderr,
    "error: too many arguments for 'add'. Expected 1 argument but got 3: a, b, c.\n",
  );
  const invalid = await phlb(["backup", "--name", ".x", "a"]);
  assertIncludes(
    invalid.stderr,
    "error: option '--name <name>' argument '.x' is invalid. a backup name must not start with a dot",
  );
});

Deno.test("i18n cli: phlb config --show in German (settings, origins, problems); its --json stays English", async () => {
  await withTempDir(async (dir) => {
    Deno.writeTextFileSync(
      `${dir}/PyHardLinkBackup.ini`,
      "[common]\nLANGUAGE_CODE = de\nJOBS = many\nHASH_NAME = md5\nFROB = 1\nJOBS = 2\n",
    );
    const show = await phlb(["config", "--show"], { cwd: dir });
    assertEquals(show.code, 1, show.stderr);
    assertIncludes(show.stdout, `Konfigurationsdatei: ${nativePath(`${dir}/PyHardLinkBackup.ini`)}\n`);
    assertIncludes(show.stdout, "(Standard)\n");
    assertLacks(show.stdout, "(default)", "config --show");
    assertIncludes(
      show.stderr,
      `Fehler: ${
        nativePath(`${dir}/PyHardLinkBackup.ini`)
      }:3: JOBS: "many" ist keine ganze Zahl; geben Sie eine ab 0 an, oder auto\n`,
    );
    assertIncludes(
      show.stderr,
      `Warnung: ${
        nativePath(`${dir}/PyHardLinkBackup.ini`)
      }:4: HASH_NAME: eine Einstellung von PyHardLinkBackup, die phlb ` +
        "nicht verwendet, ignoriert: phlb verwendet immer sha256; entfernen Sie die Zeile\n",
    );
    assertIncludes(show.stderr, "FROB: unbekannter Schlüssel, ignoriert");
    assertIncludes(show.stderr, "JOBS: erneut gesetzt (zuerst in Zeile 3); diese Zeile gilt");
    assertIncludes(
      show.stderr,
      `Fehler: ${nativePath(`${dir}/PyHardLinkBackup.ini`)} hat 1 Fehler (oben aufgelistet)\n`,
    );

    // --lang en beats the ini; --json is English in any language.
    const english = await phlb(["--lang", "en", "config", "--show"], { cwd: dir });
    assertIncludes(english.stdout, "config file: ");
    assertIncludes(english.stderr, 'JOBS: "many" is not a whole number; give one from 0, or auto');
    const json = await phlb(["config", "--show", "--json"], { cwd: dir });
    const parsed = JSON.parse(json.stdout);
    assertEquals(parsed.settings.BACKUP_PATH.origin, "default");
    assertEquals(parsed.problems[0].message, '"many" is not a whole number; give one from 0, or auto');
    assertEquals("text" in parsed.problems[0], false);
  });
});

Deno.test("i18n cli: phlb helper in German: its report, the ini's comments, the scripts' messages (the .cmd in ASCII)", async () => {
  await withTempDir(async (dir) => {
    Deno.mkdirSync(`${dir}/Fotos`);
    const r = await phlb(["--lang", "de", "helper", `${dir}/Fotos`]);
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stdout, `angelegt ${nativePath(`${dir}/Fotos/PyHardLinkBackup.ini`)}\n`);
    assertIncludes(r.stdout, "Die Skripte starten ");
    // On Windows the ini is written with CRLF line ends, for Notepad.
    const ini = Deno.readTextFileSync(`${dir}/Fotos/PyHardLinkBackup.ini`).replaceAll("\r\n", "\n");
    assertIncludes(ini, "# PyHardLinkBackup.ini: Einstellungen für phlb (und davor PyHardLinkBackup).\n");
    assertIncludes(
      ini,
      "# Sicherungsordner aller Sicherungen; ein relativer Pfad beginnt im Ordner dieser Datei\n",
    );
    assertIncludes(ini, "# BACKUP_PATH = ~/PyHardLinkBackups\n");
    const sh = Deno.readTextFileSync(`${dir}/Fotos/phlb_backup_this_directory.sh`);
    assertIncludes(
      sh,
      "phlb wurde nicht gefunden: legen Sie es in den PATH, oder führen Sie \\`phlb helper\\` für",
    );
    const cmd = Deno.readTextFileSync(`${dir}/Fotos/phlb_backup_this_directory.cmd`);
    assertIncludes(
      cmd,
      'echo phlb wurde nicht gefunden: legen Sie phlb.exe in den PATH, oder fuehren Sie "phlb helper"',
    );
    // cmd.exe reads a batch file in the OEM code page: the file holds no byte above 0x7e.
    assertEquals([...cmd].filter((c) => c.charCodeAt(0) > 0x7e), []);
    if (Deno.build.os !== "windows") {
      const check = await new Deno.Command("sh", {
        args: ["-n", `${dir}/Fotos/phlb_backup_this_directory.sh`],
      })
        .output();
      assertEquals(check.code, 0, new TextDecoder().decode(check.stderr));
    }
  });
});

async function shellAccepts(shell: string, args: string[], script: string): Promise<string | undefined> {
  try {
    const r = await new Deno.Command(shell, {
      args: [...args],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    })
      .spawn();
    const w = r.stdin.getWriter();
    await w.write(new TextEncoder().encode(script));
    await w.close();
    const out = await r.output();
    return out.code === 0 ? "" : new TextDecoder().decode(out.stderr) || `exit ${out.code}`;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

Deno.test({
  name:
    "i18n cli: the completion scripts made in German carry German descriptions and stay valid (bash, zsh, fish)",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const checks: [string, string, string[]][] = [["bash", "bash", ["-n"]], ["zsh", "zsh", ["-n"]], [
      "fish",
      "fish",
      ["--no-execute"],
    ]];
    let checked = 0;
    for (const [name, shell, args] of checks) {
      const r = await phlb(["--lang", "de", "completion", name]);
      assertEquals(r.code, 0, r.stderr);
      if (name !== "bash") assertIncludes(r.stdout, "Sicherungsordner");
      const problem = await shellAccepts(shell, args, r.stdout);
      if (problem === undefined) continue;
      assertEquals(problem, "", `${name} rejects the German script`);
      checked++;
    }
    assert(checked >= 1, "no shell to check the scripts with");
  },
});
