// Making a new index (FORMAT.md, "The backup root"): whole under a temporary name, then renamed, so
// a run killed at any moment leaves no index or a readable one, never an empty file readers refuse.
import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { pathExists as exists } from "../fs/classify.ts";
import { BackupIndex, SCHEMA_VERSION } from "./index.ts";
import { newIndexPath } from "./open.ts";

function userVersion(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
  } finally {
    db.close();
  }
}

Deno.test("index: a new index is made whole and renamed into place; nothing else is left beside it", async () => {
  await withTempDir((dir) => {
    BackupIndex.open(dir).close();
    const path = BackupIndex.pathIn(dir);
    assertEquals(userVersion(path), SCHEMA_VERSION);
    assert(!exists(newIndexPath(path)), "the temporary name is gone");
    assert(!exists(`${newIndexPath(path)}-journal`), "and its journal");
    if (Deno.build.os !== "windows") assertEquals(Deno.statSync(path).mode! & 0o777, 0o600);
    const reader = BackupIndex.open(dir, { readOnly: true });
    assertEquals(reader.listSnapshots("x"), []);
    reader.close();
  });
});

Deno.test("index: an empty index file, a stale -wal beside it and a killed run's temporary index are replaced by a new, readable index", async () => {
  await withTempDir((dir) => {
    const path = BackupIndex.pathIn(dir);
    // A -wal of another database with a row in it: replayed into the new index, it would bring that
    // database's pages along.
    const other = `${dir}/other.sqlite`;
    const o = new DatabaseSync(other);
    o.exec("PRAGMA journal_mode = WAL");
    o.exec("PRAGMA wal_autocheckpoint = 0");
    o.exec("CREATE TABLE snapshots(id INTEGER PRIMARY KEY, name TEXT)");
    o.exec("INSERT INTO snapshots(name) VALUES ('stale')");
    Deno.copyFileSync(`${other}-wal`, `${path}-wal`);
    o.close();
    Deno.writeFileSync(path, new Uint8Array());
    // What a run killed while it made the index left: a temporary index and a journal.
    Deno.writeTextFileSync(newIndexPath(path), "half");
    Deno.writeTextFileSync(`${newIndexPath(path)}-journal`, "not a journal");

    const reader = () => BackupIndex.open(dir, { readOnly: true });
    let refused = "";
    try {
      reader().close();
    } catch (err) {
      refused = String(err);
    }
    assert(refused.includes("it is empty"), `a reader refuses the empty file: ${refused}`);

    BackupIndex.open(dir).close();
    assertEquals(userVersion(path), SCHEMA_VERSION);
    assert(!exists(newIndexPath(path)) && !exists(`${newIndexPath(path)}-journal`));
    const index = reader();
    try {
      assertEquals(index.listSnapshots("stale"), []);
    } finally {
      index.close();
    }
  });
});

Deno.test("index: a process killed at random moments while it makes indexes leaves each one missing or readable", async () => {
  await withTempDir(async (dir) => {
    const module = new URL("./index.ts", import.meta.url).href;
    const code = `import { BackupIndex } from ${JSON.stringify(module)};
      for (let i = 0; ; i++) {
        const d = ${JSON.stringify(dir)} + "/r" + Deno.args[0] + "-" + i;
        Deno.mkdirSync(d);
        BackupIndex.open(d).close();
      }`;
    let made = 0;
    for (let round = 0; round < 10; round++) {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["eval", "--no-check", code, String(round)],
        stdout: "null",
        stderr: "null",
      }).spawn();
      // Past the start-up, then a random moment among the opens.
      const deadline = Date.now() + 60_000;
      while (![...Deno.readDirSync(dir)].some((e) => e.name.startsWith(`r${round}-1`))) {
        assert(Date.now() < deadline, "the child made no index in 60 s");
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      child.kill("SIGKILL");
      assert(!(await child.status).success, "the child ran until killed");
    }
    for (const e of Deno.readDirSync(dir)) {
      const d = `${dir}/${e.name}`;
      if (!exists(BackupIndex.pathIn(d))) continue;
      made++;
      const index = BackupIndex.open(d, { readOnly: true });
      index.close();
    }
    assert(made > 10, `indexes made: ${made}`);
  });
});
