import { assertEquals } from "./assert.ts";
import { phlb, withTempDir, writeTree } from "./helpers.ts";

Deno.test("list, prune, restore and diff take the root and SUB_DIR_FORMATTER from PyHardLinkBackup.ini", async () => {
  await withTempDir(async (t) => {
    Deno.mkdirSync(`${t}/home`);
    writeTree(`${t}/work`, {
      "PyHardLinkBackup.ini": ["[backup]", "BACKUP_PATH = ../root", "SUB_DIR_FORMATTER = snap-%Y%m%d-%H%M%S"]
        .join("\n"),
      "src/a.txt": "one",
    });
    const run = (args: string[]) => phlb(args, { cwd: `${t}/work`, env: { HOME: `${t}/home` } });
    assertEquals((await run(["backup", "src", "-q"])).code, 0);
    Deno.writeTextFileSync(`${t}/work/src/a.txt`, "two");
    assertEquals((await run(["backup", "src", "-q"])).code, 0);
    const list = JSON.parse((await run(["list", "--json"])).stdout);
    const snaps = list.names[0].snapshots;
    assertEquals(snaps.length, 2);
    // The ids parse with the configured format, so they have a time.
    assertEquals(snaps.map((s: { startedAt: string | null }) => s.startedAt !== null), [true, true]);
    const diff = JSON.parse((await run(["diff", "src@latest", "--json"])).stdout);
    assertEquals(diff.modified.map((m: { path: string }) => m.path), ["a.txt"]);
    const restore = await run(["restore", "src@latest", `${t}/out`, "-q"]);
    assertEquals(restore.code, 0, restore.stderr);
    assertEquals(Deno.readTextFileSync(`${t}/out/a.txt`), "two");
    const prune = await run(["prune", "--keep-last", "1", "--json"]);
    assertEquals(prune.code, 0, prune.stderr);
    assertEquals(JSON.parse(prune.stdout).removed, 1);
  });
});
