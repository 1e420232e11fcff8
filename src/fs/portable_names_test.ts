import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import {
  CaseCollisionTracker,
  exceedsWindowsMaxPath,
  probeCaseInsensitive,
  windowsNameProblem,
} from "./portable_names.ts";

Deno.test("windows names: reserved devices, invalid characters, trailing dot or space", () => {
  const bad: Record<string, string> = {
    "CON": "is the reserved device name CON",
    "con": "is the reserved device name CON",
    "NUL.txt": "is the reserved device name NUL",
    "nul.tar.gz": "is the reserved device name NUL",
    "CON .txt": "is the reserved device name CON",
    "com1": "is the reserved device name COM1",
    "LPT9.log": "is the reserved device name LPT9",
    "COM¹": "is the reserved device name COM¹",
    "a:b": 'holds ":"',
    'say "hi"': 'holds """',
    "what?": 'holds "?"',
    "x*y": 'holds "*"',
    "a|b": 'holds "|"',
    "back\\slash": 'holds "\\"',
    "tab\there": "holds the control character 0x9",
    "x.": "ends with a dot or a space",
    "x ": "ends with a dot or a space",
    "..": "is not a name",
  };
  for (const [name, why] of Object.entries(bad)) assertEquals(windowsNameProblem(name), why, name);
  for (
    const ok of [
      "CONSOLE",
      "console.txt",
      "COM0",
      "COM10",
      "LPT",
      "a.b.c",
      ".hidden",
      "ümlaut",
      "x y",
      "NULL",
    ]
  ) {
    assertEquals(windowsNameProblem(ok), undefined, ok);
  }
});

Deno.test("case collisions: a later name equal but for case is reported with the earlier one", () => {
  const t = new CaseCollisionTracker();
  assertEquals(t.add("A.txt"), undefined);
  assertEquals(t.add("b.txt"), undefined);
  assertEquals(t.add("a.txt"), "A.txt");
  assertEquals(t.add("A.TXT"), "A.txt");
  assertEquals(t.add("Straße"), undefined);
  assertEquals(t.add("STRASSE"), undefined, "no full case folding: NTFS does not merge ß and SS");
  assertEquals(t.add("ÄRGER"), undefined);
  assertEquals(t.add("ärger"), "ÄRGER");
  // NTFS upper-cases each character alone: "k" is "K", the KELVIN SIGN stays itself (two names
  // there, as under Wine: tests/restore_test.ts); final and medial sigma are both "Σ" (one name).
  assertEquals(t.add("k.txt"), undefined);
  assertEquals(t.add("\u212A.txt"), undefined);
  assertEquals(t.add("\u03C3"), undefined);
  assertEquals(t.add("\u03C2"), "\u03C3");
});

Deno.test("long paths: over 260 characters is flagged, not refused", () => {
  assertEquals(exceedsWindowsMaxPath("C:\\" + "a".repeat(300)), true);
  assertEquals(exceedsWindowsMaxPath("C:\\short"), false);
});

Deno.test({
  name: "case probe: this Linux temp folder is case-sensitive by every way of asking",
  // Elsewhere the temp folder's filesystem may well be case-insensitive (NTFS, APFS).
  ignore: Deno.build.os !== "linux",
}, async () => {
  await withTempDir((t) => {
    assertEquals(probeCaseInsensitive(t, { mayWrite: true }), false);
    assertEquals([...Deno.readDirSync(t)].length, 0, "the scratch file is removed");
    Deno.writeTextFileSync(`${t}/Name`, "x");
    assertEquals(probeCaseInsensitive(t), false);
    Deno.mkdirSync(`${t}/Sub`);
    assertEquals(probeCaseInsensitive(`${t}/Sub`), false, "asked through the folder's own name");
  });
});
