import { assertEquals } from "../../tests/assert.ts";
import { NO_SYMLINKS, symlinkSync, withTempDir, writeTree } from "../../tests/helpers.ts";
import { walk, walkTree, windowsPathNameProblem } from "./walk.ts";
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

Deno.test("walkTree: frames follow the folders, calls see their folder's frame, and a returned promise is waited for", async () => {
  await withTempDir(async (t) => {
    writeTree(t, { "a/b/deep.txt": "d", "a/x.txt": "x", "top.txt": "t" });
    // (Where this process cannot make symlinks, as under Wine, the walk has no symlink to show.)
    const withLink = NO_SYMLINKS === undefined;
    if (withLink) symlinkSync("top.txt", `${t}/link`);
    const calls: string[] = [];
    const finished: string[] = [];
    let reading = 0;
    await walkTree<string>(walk(t, { backend: new DenoBackend(), onProblem: (p) => calls.push(p.message) }), {
      tick: (entry) => {
        calls.push(`tick ${entry.rel}`);
        return undefined;
      },
      enter: (entry, parent) => {
        calls.push(`enter ${entry.rel} in ${parent ?? "-"}`);
        return `<${entry.rel}>`;
      },
      leave: (frame, parent) => calls.push(`leave ${frame} in ${parent ?? "-"}`),
      file: async (entry, parent) => {
        reading++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        calls.push(`file ${entry.rel} in ${parent} (${reading--} reading)`);
      },
      symlink: (entry, parent) => calls.push(`symlink ${entry.rel} in ${parent}`),
      other: (entry) => calls.push(`other ${entry.rel}`),
    }).then(() => finished.push("done"));
    assertEquals(calls, [
      "tick ",
      "enter  in -",
      "tick a",
      "enter a in <>",
      "tick a/b",
      "enter a/b in <a>",
      "tick a/b/deep.txt",
      "file a/b/deep.txt in <a/b> (1 reading)",
      "leave <a/b> in <a>",
      "tick a/x.txt",
      "file a/x.txt in <a> (1 reading)",
      "leave <a> in <>",
      ...(withLink ? ["tick link", "symlink link in <>"] : []),
      "tick top.txt",
      "file top.txt in <> (1 reading)",
      "leave <> in -",
    ]);
    assertEquals(finished, ["done"]);
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
