import { resolve } from "node:path";
import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir, writeTree } from "../../tests/helpers.ts";
import { type ConfigProblem, loadConfig, readConfig } from "./config.ts";
import { rememberShown, userConfigDir, WARNED_STATE_FILE } from "./warned.ts";

const OLD_INI = "[common]\nSKIP_FILES = *.pyc\nFROBNICATE = 1\n[internals]\nHASH_NAME = sha512\n";

function warningsOf(cwd: string, home: string | null): ConfigProblem[] {
  const shown: ConfigProblem[] = [];
  loadConfig({ cwd, home, onWarning: (p) => shown.push(p) });
  return shown;
}

const keys = (ps: ConfigProblem[]) => ps.map((p) => p.key);

Deno.test("retired keys warn once per ini content; unknown keys always; an edit warns again", async () => {
  await withTempDir((t) => {
    const home = `${t}/home`;
    writeTree(t, { "data/PyHardLinkBackup.ini": OLD_INI, "home/.keep": "" });
    const cwd = `${t}/data`;
    const first = warningsOf(cwd, home);
    assertEquals(keys(first), ["SKIP_FILES", "FROBNICATE", "HASH_NAME"]);
    // Not shown yet (a quiet run prints nothing): the next load warns again.
    assertEquals(keys(warningsOf(cwd, home)), ["SKIP_FILES", "FROBNICATE", "HASH_NAME"]);
    for (const p of first) if (p.once) rememberShown(p.once);
    assertEquals(keys(warningsOf(cwd, home)), ["FROBNICATE"]);
    // `phlb config --show` reads the file as it is: all of them.
    assertEquals(keys(readConfig({ cwd, home }).problems), ["SKIP_FILES", "FROBNICATE", "HASH_NAME"]);
    // Another content of the same file is another warning, once.
    Deno.writeTextFileSync(`${cwd}/PyHardLinkBackup.ini`, OLD_INI + "SUB_DIR_FORMATTER = %Y-%m-%d-%H%M%S\n");
    const edited = warningsOf(cwd, home);
    assertEquals(keys(edited), ["SKIP_FILES", "FROBNICATE", "HASH_NAME"]);
    for (const p of edited) if (p.once) rememberShown(p.once);
    assertEquals(keys(warningsOf(cwd, home)), ["FROBNICATE"]);
    // The state keeps one entry per file: the latest content.
    const state = JSON.parse(Deno.readTextFileSync(`${userConfigDir(home)}/${WARNED_STATE_FILE}`));
    assertEquals(state.shown.length, 1);
    assertEquals(state.shown[0].file, resolve(cwd, "PyHardLinkBackup.ini"));
  });
});

Deno.test("the warned state: a 0o600 file in a 0o700 folder under the home folder", {
  ignore: Deno.build.os === "windows",
}, async () => {
  await withTempDir((t) => {
    const home = `${t}/home`;
    writeTree(t, { "data/PyHardLinkBackup.ini": OLD_INI, "home/.keep": "" });
    const umask = Deno.umask(0o000);
    try {
      for (const p of readConfig({ cwd: `${t}/data`, home }).problems) if (p.once) rememberShown(p.once);
    } finally {
      Deno.umask(umask);
    }
    const dir = userConfigDir(home);
    assertEquals(dir, `${home}/.config/phlb`);
    assertEquals(Deno.statSync(dir).mode! & 0o777, 0o700);
    assertEquals(Deno.statSync(`${home}/.config`).mode! & 0o777, 0o700);
    assertEquals(Deno.statSync(`${dir}/${WARNED_STATE_FILE}`).mode! & 0o777, 0o600);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), [WARNED_STATE_FILE]);
  });
});

Deno.test("the warned state cannot be written or read: the command goes on, and the warning comes again", async () => {
  await withTempDir((t) => {
    const home = `${t}/home`;
    // A file where the config folder should be: nothing can be made under it.
    writeTree(t, { "data/PyHardLinkBackup.ini": OLD_INI, "home/.config": "not a folder" });
    writeTree(t, { "home/AppData": "not a folder" });
    const cwd = `${t}/data`;
    const first = warningsOf(cwd, home);
    for (const p of first) if (p.once) rememberShown(p.once);
    assertEquals(keys(warningsOf(cwd, home)), ["SKIP_FILES", "FROBNICATE", "HASH_NAME"]);
    assertEquals(Deno.readTextFileSync(`${home}/.config`), "not a folder");

    // A damaged state file is read as empty, and replaced when the warnings are shown.
    const home2 = `${t}/home2`;
    writeTree(home2, {
      [`${userConfigDir(home2).slice(home2.length + 1)}/${WARNED_STATE_FILE}`]: "{not json",
    });
    const again = warningsOf(cwd, home2);
    assertEquals(keys(again), ["SKIP_FILES", "FROBNICATE", "HASH_NAME"]);
    for (const p of again) if (p.once) rememberShown(p.once);
    assertEquals(keys(warningsOf(cwd, home2)), ["FROBNICATE"]);
  });
});

Deno.test("without a home folder the retired keys warn every time (there is nowhere to remember)", async () => {
  await withTempDir((t) => {
    writeTree(t, { "PyHardLinkBackup.ini": OLD_INI });
    const ps = readConfig({ cwd: t, home: null }).problems;
    assert(ps.every((p) => p.once === undefined));
    assertEquals(keys(warningsOf(t, null)), ["SKIP_FILES", "FROBNICATE", "HASH_NAME"]);
  });
});
