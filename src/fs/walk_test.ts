import { assertEquals } from "../../tests/assert.ts";
import { withTempDir, writeTree } from "../../tests/helpers.ts";
import { walk, windowsPathNameProblem } from "./walk.ts";
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

Deno.test("walk: a name Windows paths cannot reach is an error for that name, never stat'ed (the default on Windows)", async () => {
  await withTempDir((t) => {
    const names = ["CON", "x.", "keep.txt"];
    if (Deno.build.os === "windows") {
      // Only a \\?\ path makes such names there; an ordinary one would open the console or strip the dot.
      for (const n of names) Deno.writeTextFileSync(`\\\\?\\${t.replaceAll("/", "\\")}\\${n}`, n);
    } else {
      for (const n of names) Deno.writeTextFileSync(`${t}/${n}`, n);
    }
    const problems: string[] = [];
    const events: string[] = [];
    for (
      const ev of walk(t, {
        backend: new DenoBackend(),
        onProblem: (p) => problems.push(`${p.severity} ${p.path}: ${p.message}`),
        // Elsewhere the same rule, asked for.
        nameProblem: Deno.build.os === "windows" ? undefined : windowsPathNameProblem,
      })
    ) events.push(`${ev.kind} ${ev.entry.rel}`);
    assertEquals(events, ["enter ", "file keep.txt", "leave "]);
    assertEquals(problems, [
      "error CON: not read: the name is the reserved device name CON, which a Windows path cannot reach",
      "error x.: not read: the name ends with a dot or a space, which a Windows path cannot reach",
    ]);
  });
});
