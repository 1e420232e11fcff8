import { assert, assertEquals } from "../../tests/assert.ts";
import { diffLines, type LineDiff, splitLines } from "./line_diff.ts";

/** The old and new texts as the diff's lines spell them (with every line shown). */
function sides(d: LineDiff): { old: string[]; neu: string[] } {
  const lines = d.hunks.flatMap((h) => h.lines);
  return {
    old: lines.filter((l) => l.kind !== "add").map((l) => l.text),
    neu: lines.filter((l) => l.kind !== "del").map((l) => l.text),
  };
}

function marks(d: LineDiff): string[] {
  return d.hunks.flatMap((h) => [
    `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    ...h.lines.map((l) => `${l.kind === "same" ? " " : l.kind === "del" ? "-" : "+"}${l.text}`),
  ]);
}

Deno.test("splitLines keeps whether the text ends with a newline", () => {
  assertEquals(splitLines(""), { lines: [], finalNewline: true });
  assertEquals(splitLines("a\nb\n"), { lines: ["a", "b"], finalNewline: true });
  assertEquals(splitLines("a\nb"), { lines: ["a", "b"], finalNewline: false });
  assertEquals(splitLines("\n"), { lines: [""], finalNewline: true });
});

Deno.test("diffLines gives unified hunks as diff -u does", () => {
  const table: [string, string, string[]][] = [
    ["a\nb\nc\n", "a\nb\nc\n", []],
    ["a\nb\nc\n", "a\nB\nc\n", ["@@ -1,3 +1,3 @@", " a", "-b", "+B", " c"]],
    ["", "x\n", ["@@ -0,0 +1,1 @@", "+x"]],
    ["x\n", "", ["@@ -1,1 +0,0 @@", "-x"]],
    ["a\nb\n", "a\nb\nc\n", ["@@ -1,2 +1,3 @@", " a", " b", "+c"]],
    ["b\n", "a\nb\n", ["@@ -1,1 +1,2 @@", "+a", " b"]],
    // The last line without its newline is a different line.
    ["a\nb", "a\nb\n", ["@@ -1,2 +1,2 @@", " a", "-b", "+b"]],
    // Two changes far apart are two hunks, with three lines of context each.
    [
      "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
      "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\nELEVEN\n12\n",
      [
        "@@ -1,5 +1,5 @@",
        " 1",
        "-2",
        "+TWO",
        " 3",
        " 4",
        " 5",
        "@@ -8,5 +8,5 @@",
        " 8",
        " 9",
        " 10",
        "-11",
        "+ELEVEN",
        " 12",
      ],
    ],
  ];
  for (const [a, b, want] of table) assertEquals(marks(diffLines(a, b)), want, JSON.stringify([a, b]));
  const eol = diffLines("a\nb", "a\nb\n").hunks[0].lines;
  assertEquals(eol.map((l) => l.noNewline ?? false), [false, true, false]);
});

Deno.test("diffLines counts and numbers lines, and the minimal script is found", () => {
  const d = diffLines("a\nb\nc\nd\ne\n", "a\nc\nd\nX\ne\nf\n");
  assertEquals([d.added, d.removed, d.coarse], [2, 1, false]);
  const lines = d.hunks.flatMap((h) => h.lines);
  assertEquals(
    lines.map((l) => [l.kind, l.oldNo ?? 0, l.newNo ?? 0]),
    [["same", 1, 1], ["del", 2, 0], ["same", 3, 2], ["same", 4, 3], ["add", 0, 4], ["same", 5, 5], [
      "add",
      0,
      6,
    ]],
  );
});

/** A deterministic pseudo-random text and an edited copy; lines of `width` characters when given. */
function texts(seed: number, lines: number, edits: number, width = 0): [string, string] {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const a = Array.from({ length: lines }, () => `line ${rnd(lines * 2)} `.padEnd(width, "abcdefgh"));
  const b = [...a];
  for (let e = 0; e < edits; e++) {
    const at = rnd(b.length + 1);
    const op = rnd(3);
    if (op === 0) b.splice(at, 0, `new ${e}`);
    else if (op === 1 && b.length > 0) b.splice(Math.min(at, b.length - 1), 1);
    else if (b.length > 0) b[Math.min(at, b.length - 1)] = `changed ${e}`;
  }
  return [a.join("\n") + "\n", b.join("\n") + "\n"];
}

Deno.test("diffLines spells out both texts exactly, also when a region falls back past maxEdits", () => {
  for (
    const [seed, n, edits, maxEdits] of [[1, 200, 10, 2000], [2, 300, 150, 20], [3, 50, 200, 5], [4, 0, 5, 1]]
  ) {
    const [a, b] = texts(seed, n, edits);
    const d = diffLines(a, b, { context: Infinity, maxEdits });
    const s = sides(d);
    assertEquals(s.old, splitLines(a).lines, `old side, seed ${seed}`);
    assertEquals(s.neu, splitLines(b).lines, `new side, seed ${seed}`);
    if (maxEdits === 2000) assertEquals(d.coarse, false);
  }
  // Two unrelated texts past the cap: shown as removed, then added.
  const d = diffLines("a\nb\nc\n", "x\ny\nz\n", { maxEdits: 2 });
  assert(d.coarse);
  assertEquals([d.removed, d.added], [3, 3]);
});

Deno.test("two versions of a 1 MiB text with 1% of the lines edited align line by line", () => {
  // Not a timing assertion (scripts/bench_serve.ts measures): the size the file page allows.
  const [a, b] = texts(7, 16_384, 160, 63);
  assertEquals(a.length, 1 << 20);
  const d = diffLines(a, b);
  assertEquals(d.coarse, false);
  assert(d.added > 0 && d.removed > 0);
});
