import { assert, assertEquals } from "../../tests/assert.ts";
import { setMtime, SETTLED, sh, wineScaled, withTempDir, writeTree } from "../../tests/helpers.ts";
import { nativeUnavailableReason } from "../fs/native/mod.ts";
import { nameFromIndex } from "../fs/native/names.ts";
import { BackupIndex, EntryFlag } from "../index/index.ts";
import { runBackup } from "./engine.ts";

type Row = Record<string, unknown>;

/** Every entry row of one snapshot, by "dir/name", without the snapshot id. */
function entriesOf(root: string, snap: string): Map<string, Row> {
  const index = BackupIndex.open(`${root}/.phlb`, { readOnly: true });
  try {
    const id = index.findSnapshot("src", snap)!.id;
    const rows = index.statement(
      `SELECT d.path AS dir, e.* FROM entries e JOIN dirs d ON d.id = e.dir_id WHERE e.snapshot_id = ?`,
    ).all(id) as Row[];
    return new Map(rows.map((r) => {
      const { snapshot_id: _, ...rest } = r;
      return [`${r.dir}/${nameFromIndex(r.name as string | Uint8Array)}`, { ...rest }];
    }));
  } finally {
    index.close();
  }
}

Deno.test("a no-change run records each linked file as its previous row, in runs, around changes", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    const files: Record<string, string> = {};
    // Names that sort differently in JavaScript and SQLite, in a folder read in small chunks.
    const odd = ["\uFB01le", "\u{1F600}smile", "\uE000", "\u{10000}x"];
    for (let i = 0; i < 30; i++) files[`big/f${String(i).padStart(2, "0")}`] = `file ${i}`;
    for (const name of odd) files[`big/${name}`] = name;
    files["small/a"] = "a";
    writeTree(src, files);
    for (const rel of Object.keys(files)) setMtime(`${src}/${rel}`, 1_600_000_000);
    const first = await runBackup({ source: src, root, name: "src", ...SETTLED });

    // Changed, deleted and new files between runs of unchanged ones.
    writeTree(src, { "big/f05": "changed", "big/f17x": "new", "small/b": "new too" });
    for (const rel of ["big/f05", "big/f17x", "small/b"]) setMtime(`${src}/${rel}`, 1_600_000_100);
    Deno.removeSync(`${src}/big/f11`);
    Deno.removeSync(`${src}/big/f12`);
    Deno.removeSync(`${src}/big/\uE000`);
    const second = await runBackup({ source: src, root, name: "src", ...SETTLED });
    assertEquals(second.unchangedLinked, 30 + odd.length - 3 - 1 + 1);

    const before = entriesOf(root, first.snapshot);
    const after = entriesOf(root, second.snapshot);
    const expected = [...Object.keys(files), "big/f17x", "small/b"]
      .filter((rel) => !["big/f11", "big/f12", "big/\uE000"].includes(rel));
    assertEquals([...after.keys()].filter((k) => !k.startsWith("/")).sort(), expected.sort());
    for (const [key, row] of after) {
      if (key.startsWith("/")) continue; // the folders
      const old = before.get(key);
      if (key === "big/f05" || old === undefined) {
        assertEquals(row.flags, 1, `${key} was written`);
        continue;
      }
      // Linked unread: the previous row, with no flags but SharedMeta, and marked Unchanged.
      assertEquals(
        row,
        { ...old, flags: (Number(old.flags) & EntryFlag.SharedMeta) | EntryFlag.Unchanged },
        key,
      );
    }

    // And the index serves the next run: everything linked unread.
    const third = await runBackup({ source: src, root, name: "src", ...SETTLED });
    assert(third.files > 0);
    assertEquals([third.unchangedLinked, third.copied, third.dedupLinked], [third.files, 0, 0]);
  });
});

// Over two chunks of a thousand rows (under Wine, whose file calls are slow, just over one).
const MANY = wineScaled(2500, 1100);

Deno.test(`a folder of ${MANY} unchanged files is recorded whole, a thousand rows at a time`, async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    const files: Record<string, string> = {};
    for (let i = 0; i < MANY; i++) files[`many/f${i}`] = `file ${i}`;
    writeTree(src, files);
    const first = await runBackup({ source: src, root, name: "src", ...SETTLED });
    const second = await runBackup({ source: src, root, name: "src", ...SETTLED });
    assertEquals(second.unchangedLinked, MANY);
    const before = entriesOf(root, first.snapshot);
    const after = entriesOf(root, second.snapshot);
    assertEquals(after.size, before.size);
    for (const [key, row] of after) {
      if (!key.startsWith("/")) assertEquals(row, { ...before.get(key)!, flags: EntryFlag.Unchanged }, key);
    }
  });
});

const noNative = nativeUnavailableReason();

Deno.test({
  name:
    "a no-change run copies rows with nanoseconds and xattrs; a 0xFF name (stored as bytes) is looked up by itself",
  ignore: noNative !== undefined,
  fn: () =>
    withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      const run = () => runBackup({ source: src, root, name: "src", fsBackend: "native", racyWindowMs: 0 });
      // The 0xFF name sorts between "a2" and "b1" in the walk, after every text name in SQLite.
      writeTree(src, { "d/a1": "1", "d/a2": "2", "d/b1": "3", "d/b2": "4", "d/z": "5" });
      const made = await sh(
        `printf ff > d/$'a\\xffb' && touch -d '2021-03-04 05:06:07.123456789' d/* && ` +
          `(setfattr -n user.tag -v red d/a2 2>/dev/null || true)`,
        { cwd: src },
      );
      assertEquals(made.code, 0, made.stderr);
      const first = await run();
      assertEquals(first.files, 6);
      const withXattr = (await sh("getfattr -n user.tag d/a2", { cwd: src })).code === 0;
      if (!withXattr) console.warn("no user xattr in the temp folder: the xattrs column is only null here");

      // A new name after every previous text row makes the walk reach the byte-named row.
      writeTree(src, { "d/zz": "new" });
      const second = await run();
      assertEquals([second.unchangedLinked, second.copied + second.dedupLinked], [6, 1]);

      const before = entriesOf(root, first.snapshot);
      const after = entriesOf(root, second.snapshot);
      const ff = "d/a\uDCFFb";
      assert(after.get(ff)?.name instanceof Uint8Array, "the 0xFF name is stored as bytes");
      assertEquals(after.get("d/a1")?.mtime_frac_ns, 456_789);
      if (withXattr) assert(after.get("d/a2")?.xattrs instanceof Uint8Array, "a2 has an xattr digest");
      for (const [key, row] of after) {
        if (key.startsWith("/") || key === "d/zz") continue; // the folders, the new file
        const old = before.get(key);
        assert(old !== undefined, key);
        assertEquals(
          row,
          { ...old, flags: (Number(old.flags) & EntryFlag.SharedMeta) | EntryFlag.Unchanged },
          key,
        );
      }
    }),
});
