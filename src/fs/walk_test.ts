import { assertEquals } from "../../tests/assert.ts";
import { withTempDir, writeTree } from "../../tests/helpers.ts";
import { walk } from "./walk.ts";
import { DenoBackend } from "./native/mod.ts";

Deno.test("walk: excludeDir sees a folder's sorted names; an excluded folder is neither yielded nor entered", async () => {
  await withTempDir((t) => {
    writeTree(t, { "a/z.txt": "z", "a/m.txt": "m", "b/skip-me": "", "b/inner/x": "x", "c.txt": "c" });
    const seen = new Map<string, readonly string[]>();
    const excluded: string[] = [];
    const events: string[] = [];
    for (
      const ev of walk(t, {
        backend: new DenoBackend(),
        onProblem: (p) => {
          throw new Error(p.message);
        },
        excludeDir: (entry, names) => {
          seen.set(entry.rel, [...names]);
          return names.includes("skip-me") ? "marker" : undefined;
        },
        onExcluded: (entry, reason) => excluded.push(`${entry.rel}: ${reason}`),
      })
    ) events.push(`${ev.kind} ${ev.entry.rel}`);
    assertEquals(seen.get("a"), ["m.txt", "z.txt"]);
    assertEquals(seen.get("b"), ["inner", "skip-me"]);
    assertEquals(seen.has("b/inner"), false);
    assertEquals(excluded, ["b: marker"]);
    assertEquals(events, [
      "enter ",
      "enter a",
      "file a/m.txt",
      "file a/z.txt",
      "leave a",
      "file c.txt",
      "leave ",
    ]);
  });
});
