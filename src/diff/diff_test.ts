import { assertEquals } from "../../tests/assert.ts";
import { type DiffMeta, metaChanges, pairMoves } from "./diff.ts";

Deno.test("pairMoves: nearest in the tree first (same folder, same name, fewest steps), then by path", () => {
  const table: [string[], string[], [string, string][]][] = [
    // One removed, several added: the same folder wins over the same name and the alphabet.
    [["a/x"], ["0/x", "a/y", "c/x"], [["a/x", "a/y"]]],
    // No same folder: the same name.
    [["p/q/r"], ["0/o", "s/r"], [["p/q/r", "s/r"]]],
    // Neither: the fewest steps between the folders (p/q -> p/z is 2, p/q -> x/y/z is 5).
    [["p/q/r"], ["x/y/z/a", "p/z/b"], [["p/q/r", "p/z/b"]]],
    // A folder renamed with equal contents: every file with its namesake.
    [["old/a", "old/b"], ["new/b", "new/a"], [["old/a", "new/a"], ["old/b", "new/b"]]],
    // More removed than added: the rest stays removed.
    [["d/1", "e/1"], ["e/2"], [["e/1", "e/2"]]],
  ];
  for (const [removed, added, expected] of table) {
    const got = pairMoves(removed, added).sort((x, y) => x[0] < y[0] ? -1 : 1);
    assertEquals(got, expected, `${removed} -> ${added}`);
  }
});

Deno.test("metaChanges: each change alone; a new target or type says enough; unknown sides compare nothing", () => {
  const file: DiffMeta = { kind: "file", mode: 0o644, mtimeMs: 1000, uid: 1, gid: 1 };
  const link: DiffMeta = { kind: "symlink", mode: 0o777, mtimeMs: 1000, uid: 1, gid: 1, target: "a" };
  const table: [DiffMeta, DiffMeta, string[]][] = [
    [file, file, []],
    [file, { ...file, mode: 0o600 }, ["mode"]],
    [file, { ...file, mtimeMs: 2000 }, ["mtime"]],
    [{ ...file, mtimeFracNs: 1 }, { ...file, mtimeFracNs: 2 }, ["mtime"]],
    // Nanoseconds seen on one side only (the Deno API) are no change.
    [{ ...file, mtimeFracNs: 1 }, file, []],
    [file, { ...file, gid: 2 }, ["owner"]],
    [link, { ...link, target: "b", mtimeMs: 5000 }, ["target"]],
    [link, { ...link, mode: 0o755 }, []],
    [file, link, ["type"]],
  ];
  for (const [a, b, expected] of table) {
    assertEquals(
      metaChanges({ meta: a }, { meta: b }),
      expected,
      `${JSON.stringify(a)} ${JSON.stringify(b)}`,
    );
  }
  assertEquals(metaChanges({ meta: file, xattrs: "" }, { meta: file, xattrs: "ab" }), ["xattrs"]);
  assertEquals(metaChanges({ meta: file }, { meta: file, xattrs: "ab" }), []);
  assertEquals(metaChanges({}, { meta: file }), []);
});
