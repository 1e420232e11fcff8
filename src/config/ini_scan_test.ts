import { assertEquals } from "../../tests/assert.ts";
import { scanIni } from "./ini_scan.ts";

Deno.test("scanIni reads PyHardLinkBackup's own file: sections, comments, `=` with or without spaces", () => {
  const text = [
    "#",
    "# Configuration for PyHardLinkBackup:",
    "#",
    "",
    "[common]",
    "; a semicolon comment",
    "LANGUAGE_CODE= en-us",
    "",
    "[backup]",
    "BACKUP_PATH= ~/PyHardLinkBackups",
    "sub_dir_formatter = %Y-%m-%d-%H%M%S",
    "SKIP_DIRS: __pycache__, temp",
  ].join("\r\n");
  const r = scanIni("\uFEFF" + text);
  assertEquals(r.problems, []);
  assertEquals(r.entries, [
    { key: "LANGUAGE_CODE", value: "en-us", line: 7 },
    { key: "BACKUP_PATH", value: "~/PyHardLinkBackups", line: 10 },
    { key: "SUB_DIR_FORMATTER", value: "%Y-%m-%d-%H%M%S", line: 11 },
    { key: "SKIP_DIRS", value: "__pycache__, temp", line: 12 },
  ]);
});

Deno.test("scanIni: # inside a value is kept (as configparser does), quotes are removed, the first = splits", () => {
  const r = scanIni('BACKUP_PATH = D:\\Backups #2\nA = "quoted value"\nB = x=y\nC =\n');
  assertEquals(r.entries.map((e) => [e.key, e.value]), [
    ["BACKUP_PATH", "D:\\Backups #2"],
    ["A", "quoted value"],
    ["B", "x=y"],
    ["C", ""],
  ]);
});

Deno.test("scanIni: an indented line continues the value; an indented KEY = value line is a key", () => {
  const r = scanIni("SKIP_PATTERNS = *.pyc,\n    *.tmp\n\t*.cache\n  SKIP_DIRS = temp\n");
  assertEquals(r.problems, []);
  assertEquals(r.entries, [
    { key: "SKIP_PATTERNS", value: "*.pyc,\n*.tmp\n*.cache", line: 1 },
    { key: "SKIP_DIRS", value: "temp", line: 4 },
  ]);
});

Deno.test("scanIni reports broken lines with their numbers and reads the rest", () => {
  const r = scanIni(
    "[common\nBACKUP_PATH = /b\njust some words\nNOT A KEY = 1\n  indented after a header?\n[x]\n  lost\n",
  );
  assertEquals(r.entries, [{ key: "BACKUP_PATH", value: "/b", line: 2 }]);
  assertEquals(r.problems.map((p) => p.line), [1, 3, 4, 5, 7]);
  assertEquals(
    r.problems[1].message,
    'cannot read "just some words": expected KEY = value, a [section] or a # comment',
  );
  assertEquals(r.problems[2].message, 'cannot read "NOT A KEY = 1": "NOT A KEY" is not a key name');
});
