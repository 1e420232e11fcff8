import { assert, assertEquals, assertIncludes, assertRejects } from "../../tests/assert.ts";
import { IS_WINDOWS, nativePath, withTempDir, writeTree } from "../../tests/helpers.ts";
import { FatalError } from "../errors.ts";
import {
  configFromText,
  findConfigFile,
  formatProblem,
  loadConfig,
  readConfig,
  resolveRoot,
} from "./config.ts";
import { CONFIG_KEY_NAMES } from "./keys.ts";
import { configTemplate, createConfigFile, inheritedSettings } from "./template.ts";

/** A POSIX absolute path of the examples as this platform writes one (Windows: on drive C:). */
function abs(posix: string): string {
  return IS_WINDOWS ? `C:${posix.replaceAll("/", "\\")}` : posix;
}

Deno.test("search order: the nearest ini wins, then each parent, then home", async () => {
  await withTempDir((t) => {
    const home = `${t}/home`;
    writeTree(t, {
      "home/PyHardLinkBackup.ini": "SKIP_DIRS = from-home\n",
      "a/PyHardLinkBackup.ini": "SKIP_DIRS = from-a\n",
      "a/b/c/PyHardLinkBackup.ini": "SKIP_DIRS = from-c\n",
      "a/b/c/d/.keep": "",
    });
    const at = (cwd: string) => readConfig({ cwd, home });
    assertEquals(at(`${t}/a/b/c/d`).values.SKIP_DIRS, ["from-c"]);
    assertEquals(at(`${t}/a/b/c`).values.SKIP_DIRS, ["from-c"]);
    assertEquals(at(`${t}/a/b`).values.SKIP_DIRS, ["from-a"]);
    assertEquals(at(`${t}/a/b`).file, nativePath(`${t}/a/PyHardLinkBackup.ini`));
    // Outside the tree: only home is left.
    assertEquals(at(t).values.SKIP_DIRS, ["from-home"]);
    assertEquals(at(t).file, nativePath(`${home}/PyHardLinkBackup.ini`));
    // No file at all: defaults, and no file in use.
    const none = readConfig({ cwd: t, home: `${t}/nohome` });
    assertEquals(none.file, undefined);
    assertEquals(none.values.SKIP_DIRS, ["__pycache__", "temp"]);
    assertEquals(none.values.BACKUP_PATH, nativePath(`${t}/nohome/PyHardLinkBackups`));
  });
});

Deno.test("the first file found gives its values; defaults fill the rest (files are never merged)", async () => {
  await withTempDir((t) => {
    writeTree(t, {
      "PyHardLinkBackup.ini": "DEDUP = content\nMAX_LINKS = 500\n",
      "w/pyhardlinkbackup.ini": "[backup]\nmax_links = 100\n",
    });
    const c = readConfig({ cwd: `${t}/w`, home: null });
    // The lower-case name of later PyHardLinkBackup versions is found too. (A case-insensitive
    // filesystem finds it under the first name asked for: the same file.)
    const file = nativePath(`${t}/w/${IS_WINDOWS ? "PyHardLinkBackup.ini" : "pyhardlinkbackup.ini"}`);
    assertEquals(c.file, file);
    assertEquals(c.values.MAX_LINKS, 100);
    assertEquals(c.values.DEDUP, "exact");
    assertEquals(c.origins.MAX_LINKS, { kind: "file", file, line: 2 });
    assertEquals(c.origins.DEDUP, { kind: "default" });
  });
});

Deno.test("BACKUP_PATH: relative to the ini's folder, ~ is home, absolute stays", () => {
  const at = (v: string) =>
    configFromText(`BACKUP_PATH = ${v}\n`, abs("/stick/tools/PyHardLinkBackup.ini"), {
      home: abs("/home/u"),
    }).values.BACKUP_PATH;
  assertEquals(at("../Backups"), abs("/stick/Backups"));
  assertEquals(at("Backups"), abs("/stick/tools/Backups"));
  assertEquals(at("~/B"), abs("/home/u/B"));
  assertEquals(at(`${abs("/srv/b")}${IS_WINDOWS ? "\\" : "/"}`), abs("/srv/b"));
  const noHome = configFromText("BACKUP_PATH = ~/B\n", abs("/x/PyHardLinkBackup.ini"), { home: null });
  assertIncludes(
    formatProblem(noHome.problems[0]),
    `${abs("/x/PyHardLinkBackup.ini")}:1: BACKUP_PATH: uses ~`,
  );
});

Deno.test("every key's value types: lists, yes/no, choices, counts, timestamp formats", () => {
  const c = configFromText(
    [
      "SKIP_DIRS = node_modules,",
      "  .git",
      "SKIP_PATTERNS =",
      "EXCLUDE_CACHES = off",
      "ONE_FILE_SYSTEM = No",
      "DEDUP = CONTENT",
      "MAX_LINKS = auto",
      "LOGGING_LEVEL = debug",
      "SUB_DIR_FORMATTER = %Y%m%d_%H%M",
      "EXCLUDE_IF_PRESENT = .nobackup, .skip-me",
      "LANGUAGE_CODE = de-ch",
    ].join("\n"),
    "/c/PyHardLinkBackup.ini",
    { home: "/h" },
  );
  assertEquals(c.problems, []);
  assertEquals(c.values.SKIP_DIRS, ["node_modules", ".git"]);
  assertEquals(c.values.SKIP_PATTERNS, []);
  assertEquals(c.values.EXCLUDE_CACHES, false);
  assertEquals(c.values.ONE_FILE_SYSTEM, false);
  assertEquals(c.values.DEDUP, "content");
  assertEquals(c.values.MAX_LINKS, undefined);
  assertEquals(c.values.LOGGING_LEVEL, "DEBUG");
  assertEquals(c.values.SUB_DIR_FORMATTER, "%Y%m%d_%H%M");
  assertEquals(c.values.EXCLUDE_IF_PRESENT, [".nobackup", ".skip-me"]);
});

Deno.test("bad input: each message names the file, the line and the key; the key keeps its default", () => {
  const file = "/c/PyHardLinkBackup.ini";
  const c = configFromText(
    [
      "[backup]",
      "MAX_LINKS = lots", // 2
      "FROBNICATE = 1", // 3
      "this line is broken", // 4
      "SUB_DIR_FORMATTER = %Y/%m", // 5
      "EXCLUDE_CACHES = maybe", // 6
      "SKIP_DIRS = a/b", // 7
      "HASH_NAME = sha512", // 8
      "DEDUP = exact", // 9
      "DEDUP = fuzzy", // 10
    ].join("\n"),
    file,
    { home: "/h" },
  );
  const lines = c.problems.map((p) => `${p.severity} ${formatProblem(p)}`);
  assertEquals(lines, [
    `error ${file}:2: MAX_LINKS: "lots" is not a whole number; give one from 2, or auto`,
    `warning ${file}:3: FROBNICATE: unknown key, ignored (\`phlb config --show\` lists the keys)`,
    `error ${file}:4: cannot read "this line is broken": expected KEY = value, a [section] or a # comment`,
    `error ${file}:5: SUB_DIR_FORMATTER: "%Y/%m" cannot be used: it must not contain / or \\`,
    `error ${file}:6: EXCLUDE_CACHES: "maybe" is not yes or no`,
    `error ${file}:7: SKIP_DIRS: holds names, not paths: "a/b" has a / or \\ (use SKIP_PATTERNS for paths)`,
    `warning ${file}:8: HASH_NAME: a PyHardLinkBackup setting phlb does not use, ignored: ` +
    `phlb always uses sha256; remove the line`,
    `warning ${file}:10: DEDUP: set again (first on line 9); this line wins`,
    `error ${file}:10: DEDUP: "fuzzy" is not one of exact, content`,
  ]);
  assertEquals(c.values.MAX_LINKS, undefined);
  assertEquals(c.origins.MAX_LINKS, { kind: "default" });
  assertEquals(c.values.SKIP_DIRS, ["__pycache__", "temp"]);
});

Deno.test("loadConfig throws the first error as a FatalError and passes warnings on", async () => {
  await withTempDir(async (t) => {
    writeTree(t, { "PyHardLinkBackup.ini": "UNKNOWN_THING = 1\nSKIP_DIRS = x\n" });
    const warnings: string[] = [];
    const c = loadConfig({ cwd: t, home: null, onWarning: (p) => warnings.push(formatProblem(p)) });
    assertEquals(c.values.SKIP_DIRS, ["x"]);
    assertEquals(warnings, [
      `${nativePath(t)}${
        IS_WINDOWS ? "\\" : "/"
      }PyHardLinkBackup.ini:1: UNKNOWN_THING: unknown key, ignored (\`phlb config --show\` lists the keys)`,
    ]);
    Deno.writeTextFileSync(`${t}/PyHardLinkBackup.ini`, "MAX_LINKS = 1.5\nDEDUP = nah\n");
    const e = await assertRejects(() => loadConfig({ cwd: t, home: null }));
    assert(e instanceof FatalError);
    assertEquals(
      e.message,
      `bad config: ${
        nativePath(`${t}/PyHardLinkBackup.ini`)
      }:1: MAX_LINKS: "1.5" is not a whole number; give one from 2, or auto`,
    );
    assertIncludes(String(e.hint), "1 more");
  });
});

Deno.test("resolveRoot: an explicit root wins (relative to cwd), else BACKUP_PATH, else ~/PyHardLinkBackups", async () => {
  await withTempDir((t) => {
    writeTree(t, { "cfg/PyHardLinkBackup.ini": "BACKUP_PATH = ../roots/main\n", "plain/.keep": "" });
    assertEquals(resolveRoot("x/y", { cwd: `${t}/cfg`, home: `${t}/h` }), nativePath(`${t}/cfg/x/y`));
    assertEquals(resolveRoot(undefined, { cwd: `${t}/cfg`, home: `${t}/h` }), nativePath(`${t}/roots/main`));
    assertEquals(
      resolveRoot(undefined, { cwd: `${t}/plain`, home: `${t}/h` }),
      nativePath(`${t}/h/PyHardLinkBackups`),
    );
    let message = "";
    try {
      resolveRoot(undefined, { cwd: `${t}/plain`, home: null });
    } catch (e) {
      message = (e as Error).message;
    }
    assertIncludes(message, "no home folder is known");
  });
});

Deno.test("findConfigFile ignores a folder with the config's name", async () => {
  await withTempDir((t) => {
    Deno.mkdirSync(`${t}/w/PyHardLinkBackup.ini`, { recursive: true });
    assertEquals(findConfigFile({ cwd: `${t}/w`, home: null }), undefined);
  });
});

Deno.test("the template: every key commented out with its default; uncommented, it reads as the defaults", async () => {
  const text = configTemplate({ eol: "\n" });
  const asIs = configFromText(text, "/t/PyHardLinkBackup.ini", { home: "/h" });
  assertEquals(asIs.problems, []);
  assert(CONFIG_KEY_NAMES.every((k) => asIs.origins[k].kind === "default"));
  for (const k of CONFIG_KEY_NAMES) assertIncludes(text, `\n# ${k} =`);
  const uncommented = text.replace(/^# ([A-Z_]+ =)/gm, "$1");
  const all = configFromText(uncommented, "/t/PyHardLinkBackup.ini", { home: "/h" });
  assertEquals(all.problems, []);
  assertEquals(all.values, asIs.values);
  assert(CONFIG_KEY_NAMES.every((k) => all.origins[k].kind === "file"));
  await withTempDir((t) => {
    assert(createConfigFile(`${t}/PyHardLinkBackup.ini`));
    Deno.writeTextFileSync(`${t}/PyHardLinkBackup.ini`, "MINE = 1\n");
    // A user's file is never overwritten.
    assert(!createConfigFile(`${t}/PyHardLinkBackup.ini`));
    assertEquals(Deno.readTextFileSync(`${t}/PyHardLinkBackup.ini`), "MINE = 1\n");
  });
});

Deno.test("inheritedSettings rebases a relative BACKUP_PATH so a USB stick stays drive-independent", () => {
  const ini = abs("/stick/PyHardLinkBackup.ini");
  const c = configFromText("BACKUP_PATH = Backups\nSKIP_PATTERNS = *.o,\n  *.a\n", ini, { home: abs("/h") });
  assertEquals(inheritedSettings(c, abs("/stick/Docs/Letters")), [
    { key: "BACKUP_PATH", text: nativePath("../../Backups"), note: `copied from ${ini}:1` },
    { key: "SKIP_PATTERNS", text: "*.o, *.a", note: `copied from ${ini}:2` },
  ]);
  const home = configFromText("BACKUP_PATH = ~/B\n", abs("/h/PyHardLinkBackup.ini"), { home: abs("/h") });
  assertEquals(inheritedSettings(home, abs("/data"))[0].text, "~/B");
  // Written into a template at the new place, it means the same root.
  const tpl = configTemplate({ settings: inheritedSettings(c, abs("/stick/Docs/Letters")), eol: "\n" });
  const again = configFromText(tpl, abs("/stick/Docs/Letters/PyHardLinkBackup.ini"), { home: abs("/h") });
  assertEquals(again.values.BACKUP_PATH, abs("/stick/Backups"));
  assertEquals(again.values.SKIP_PATTERNS, ["*.o", "*.a"]);
});

Deno.test("KEEP_* keys: counts, unlimited, durations, and empty for no rule", () => {
  const file = "/c/PyHardLinkBackup.ini";
  const ok = configFromText(
    "KEEP_LAST = 3\nKEEP_MONTHLY = Unlimited\nKEEP_WITHIN = 1y6m\nKEEP_DAILY =\n",
    file,
    { home: "/h" },
  );
  assertEquals(ok.problems, []);
  assertEquals(ok.values.KEEP_LAST, 3);
  assertEquals(ok.values.KEEP_MONTHLY, -1);
  assertEquals(ok.values.KEEP_WITHIN, { years: 1, months: 6, days: 0, hours: 0 });
  assertEquals(ok.values.KEEP_DAILY, undefined);
  assertEquals(ok.values.KEEP_YEARLY, undefined);
  const bad = configFromText("KEEP_WEEKLY = -2\nKEEP_WITHIN = 3w\n", file, { home: "/h" });
  assertEquals(bad.problems.map((p) => formatProblem(p)), [
    `${file}:1: KEEP_WEEKLY: "-2" is not a whole number; give a count, unlimited, or nothing`,
    `${file}:2: KEEP_WITHIN: unknown unit "w" in "3w": use y, m, d, h`,
  ]);
});

Deno.test("SUB_DIR_FORMATTER may not make names phlb reserves: a leading dot, .partial, .deleting, sidecar endings", () => {
  const file = "/c/PyHardLinkBackup.ini";
  for (
    const [format, why] of [
      [".%Y-%m-%d", "it starts with a dot"],
      ["%Y-%m-%d-%H%M%S.partial", 'it ends with ".partial"'],
      ["%Y-%m-%d.deleting", 'it ends with ".deleting"'],
      ["%Y%m%d.log", 'it ends with ".log"'],
    ]
  ) {
    const c = configFromText(`SUB_DIR_FORMATTER = ${format}`, file, { home: "/h" });
    assertEquals(c.problems.length, 1, format);
    assertIncludes(formatProblem(c.problems[0]), `"${format}" cannot be used: ${why}`);
  }
  const huge = configFromText("MAX_LINKS = 99999999999999999999", file, { home: "/h" });
  assertIncludes(formatProblem(huge.problems[0]), "is too large");
  const ok = configFromText("SUB_DIR_FORMATTER = %Y.%m.%d-partial", file, { home: "/h" });
  assertEquals([ok.problems.length, ok.values.SUB_DIR_FORMATTER], [0, "%Y.%m.%d-partial"]);
});
