/**
 * Fault tests: a damaged or lost index `.phlb/index.sqlite`. The index is a cache, so a damaged
 * one must stop a run with one clear line pointing at `phlb add`, and a lost (or emptied) one must
 * not stop it, but be said out loud.
 *
 * `damage` lists the ways the file is broken; commands that arrive later (verify, add, prune) can
 * be run against the same list.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import { FatalError } from "../src/errors.ts";
import { BackupIndex } from "../src/index/index.ts";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { assertOneErrorLine, checkRoot, snapshotFolders } from "./fault_helpers.ts";
import {
  checkManifest,
  copyTree,
  phlb,
  SETTLED,
  SETTLED_FLAGS,
  treeState,
  UNDER_WINE,
  wineScaled,
  withTempDir,
  writeTree,
} from "./helpers.ts";

function random(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

/** Ways to damage an index file in place. */
export const damage: Record<string, (path: string) => void> = {
  "truncated to half": (path) => Deno.truncateSync(path, Math.floor(Deno.statSync(path).size / 2)),
  "truncated to 10 bytes": (path) => Deno.truncateSync(path, 10),
  "overwritten with garbage": (path) => Deno.writeFileSync(path, random(Deno.statSync(path).size)),
  // The header and the snapshots table (checked at open) survive; the entries table, read first
  // mid-run, does not.
  "garbage in the entries table": (path) => garbageInTable(path, "entries"),
  // Only reached while storing a new file (the dedup lookup and the new link source).
  "garbage in the sources table": (path) => garbageInTable(path, "sources"),
};

/** Overwrites the root page of one table with random bytes. */
function garbageInTable(path: string, table: string): void {
  const index = BackupIndex.open(path.slice(0, path.lastIndexOf("/")), { readOnly: true });
  // A test-only look at SQLite's own catalogue, through the raw connection.
  const root = index.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = ?").get(table) as {
    rootpage: number;
  };
  const pageSize = (index.db.prepare("PRAGMA page_size").get() as { page_size: number }).page_size;
  index.close();
  const f = Deno.openSync(path, { write: true });
  try {
    f.seekSync((Number(root.rootpage) - 1) * pageSize, Deno.SeekMode.Start);
    f.writeSync(random(pageSize));
  } finally {
    f.close();
  }
}

/** The source's file count: 600 (under Wine 60: tests/helpers.ts wineScaled). */
const FILES = wineScaled(600, 60);

/** A root with two snapshots of a source of FILES files, its index a few hundred KiB. */
async function rootWithHistory(t: string): Promise<{ src: string; root: string }> {
  const src = `${t}/src`;
  const root = `${t}/root`;
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) files[`d${i % 20}/f${i}.txt`] = `file ${i}\n`;
  writeTree(src, files);
  assertEquals((await phlb(["backup", src, root, ...SETTLED_FLAGS])).code, 0);
  writeTree(src, { "d0/f0.txt": "changed" });
  assertEquals((await phlb(["backup", src, root, ...SETTLED_FLAGS])).code, 0);
  return { src, root };
}

Deno.test({
  name: "a damaged index: one error line pointing at `phlb add`, exit 1, no stack trace, snapshots intact",
  fn: async () => {
    await withTempDir(async (t) => {
      const { src, root: pristine } = await rootWithHistory(t);
      const known = await checkRoot(pristine, "src", new Map());
      for (const [how, fn] of Object.entries(damage)) {
        const root = `${t}/${how.replaceAll(" ", "-")}`;
        await copyTree(pristine, root);
        fn(`${root}/.phlb/index.sqlite`);
        // A new file, so that the run also stores one (and looks for its content in the index).
        writeTree(src, { [`new/${how}.txt`]: how });
        const r = await phlb(["backup", src, root]);
        assertEquals(r.code, 1, `${how}: ${r.stderr}`);
        const line = assertOneErrorLine(r.stderr, "index");
        assert(line.includes("damaged"), `${how}: ${line}`);
        assert(/^hint: .*`phlb add`/m.test(r.stderr), `${how}: no hint at phlb add in ${r.stderr}`);
        assertEquals(snapshotFolders(root, "src").complete, snapshotFolders(pristine, "src").complete);

        // Do what the hint says (phlb add is not there yet): move the index away, run again.
        Deno.renameSync(`${root}/.phlb/index.sqlite`, `${t}/damaged.sqlite`);
        const again = await phlb(["backup", src, root]);
        assertEquals(again.code, 0, `${how}, index moved away: ${again.stderr}`);
        assert(again.stderr.includes("records no snapshot, but this root holds 2"), again.stderr);
        for (const [id, listing] of known) {
          assertEquals(await checkTrees(root, id), listing.size, `${how}: snapshot ${id}`);
        }
      }
    });
  },
});

/** Counts a complete snapshot's entries (plus its manifest), after checking it with sha256sum. */
async function checkTrees(root: string, id: string): Promise<number> {
  assertEquals(await checkManifest(`${root}/src/${id}`, `${root}/src/${id}.sha256`), "");
  return treeState(`${root}/src/${id}`).length; // its entries, and one for the folder itself
}

Deno.test({
  name: "an index truncated to 0 bytes: the run works, reads everything, and warns that the index was lost",
  fn: async () => {
    await withTempDir(async (t) => {
      const { src, root } = await rootWithHistory(t);
      const known = await checkRoot(root, "src", new Map());
      Deno.truncateSync(`${root}/.phlb/index.sqlite`, 0);
      const r = await phlb(["backup", src, root, "--json", ...SETTLED_FLAGS]);
      assertEquals(r.code, 0, r.stderr);
      const warning = r.stderr.split("\n").filter((l) => l.startsWith("warning:"));
      assertEquals(warning.length, 1, r.stderr);
      assert(warning[0].includes("records no snapshot, but this root holds 2"), warning[0]);
      assert(warning[0].includes("`phlb add`"), warning[0]);
      const s = JSON.parse(r.stdout);
      assert(
        Deno.readTextFileSync(`${root}/src/${s.snapshot}.log`).includes("WARNING the index"),
        "the warning is not in the run log",
      );
      // Nothing is linked to the snapshots the index forgot; duplicates within the run still are.
      assertEquals([s.files, s.unchangedLinked, s.dedupLinked, s.copied], [FILES, 0, 0, FILES]);
      const next = await phlb(["backup", src, root, "--json"]);
      assertEquals(next.code, 0, next.stderr);
      assert(!next.stderr.includes("warning"), next.stderr);
      assertEquals(JSON.parse(next.stdout).unchangedLinked, FILES);
      // The snapshots from before the loss are untouched.
      for (const [id, listing] of known) assertEquals(await checkTrees(root, id), listing.size);
    });
  },
});

Deno.test({
  name: "a damaged index stops an in-process run with a FatalError and leaves the root unlocked",
  fn: async () => {
    await withTempDir(async (t) => {
      const { src, root } = await rootWithHistory(t);
      const good = Deno.readFileSync(`${root}/.phlb/index.sqlite`);
      damage["overwritten with garbage"](`${root}/.phlb/index.sqlite`);
      const err = await assertRejects(() => runBackup({ source: src, root, name: "src" }));
      assert(err instanceof FatalError && String(err.hint).includes("phlb add"), String(err));
      // A long-lived process (a server, a test) can run again once the index is back.
      Deno.writeFileSync(`${root}/.phlb/index.sqlite`, good);
      const s = await runBackup({ source: src, root, name: "src", ...SETTLED });
      assertEquals([s.files, s.unchangedLinked], [FILES, FILES]);
    });
  },
});

Deno.test({
  name: "every command meets a damaged or emptied index with one error line and the hint, or copes",
  fn: async () => {
    await withTempDir(async (t) => {
      const { src, root: pristine } = await rootWithHistory(t);
      const commands = (root: string) => [
        ["list", "--root", root],
        ["diff", "--root", root, "src@latest"],
        ["prune", "--root", root, "--keep-last", "1", "--dry-run"],
        ["backup", src, root, "--dry-run"],
      ];
      const all = { ...damage, "truncated to 0 bytes": (p: string) => Deno.truncateSync(p, 0) };
      // Under Wine (each phlb start takes seconds there) one damage of each kind: a cut file, a
      // damaged table, an empty file. The handling is the same SQLite code on every platform.
      const kinds = UNDER_WINE
        ? ["truncated to half", "garbage in the entries table", "truncated to 0 bytes"]
        : Object.keys(all);
      const damages = Object.fromEntries(Object.entries(all).filter(([how]) => kinds.includes(how)));
      const seen: string[] = [];
      for (const [how, fn] of Object.entries(damages)) {
        const root = `${t}/${how.replaceAll(" ", "-")}`;
        await copyTree(pristine, root);
        fn(`${root}/.phlb/index.sqlite`);
        for (const args of commands(root)) {
          const r = await phlb(args);
          const what = `${args[0]} with an index ${how}`;
          assert(
            !/^\s+at /m.test(r.stderr) && !r.stderr.includes("--debug for details"),
            `${what}:\n${r.stderr}`,
          );
          if (r.code === 0) continue; // it did not need the damaged part
          assertEquals(r.code, 1, `${what}:\n${r.stderr}`);
          const line = assertOneErrorLine(r.stderr, "index");
          assert(/damaged|empty/.test(line), `${what}: ${line}`);
          assert(/^hint: .*`phlb add`/m.test(r.stderr), `${what}: no hint at phlb add in ${r.stderr}`);
          seen.push(`${args[0]}/${how}`);
        }
      }
      // Each command met the damage at least once (so each was tried, not skipped).
      for (const cmd of ["list", "diff", "prune", "backup"]) {
        assert(seen.some((s) => s.startsWith(`${cmd}/`)), `${cmd} never reported the damage: ${seen}`);
      }
    });
  },
});
