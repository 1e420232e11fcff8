/**
 * What docs/migrating.md says about coming from PyHardLinkBackup, as a user meets it: an old ini
 * with PyHardLinkBackup's keys, and a `~/PyHardLinkBackups` root of PyHardLinkBackup snapshots
 * (`NAME/YYYY-MM-DD-HHMMSS/` with `FILE.sha512` beside each file, `phlb_config.ini` inside, and
 * `… summary.txt` beside), backed up into and adopted with `phlb add`.
 * @module
 */
import { createHash } from "node:crypto";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { ino, phlb, sh, snapshots, withTempDir, writeTree } from "./helpers.ts";

/** PyHardLinkBackup's own default ini (config_defaults.ini), with the keys it grew later. */
const OLD_INI = `[common]
BACKUP_PATH= ~/PyHardLinkBackups
SUB_DIR_FORMATTER= %Y-%m-%d-%H%M%S
SKIP_DIRS= __pycache__, temp
SKIP_FILES= *.pyc, *.tmp, *.cache
LANGUAGE_CODE= en
DATABASE_NAME= ~/PyHardLinkBackups.sqlite3
LOGGING_CONSOLE_LEVEL= INFO

[internals]
DEFAULT_NEW_PATH_MODE= 0o700
HASH_NAME= sha512
CHUNK_SIZE= 64 * 1024
`;

const OLD_ID = "2020-01-01-120000";

/**
 * A home folder with the old ini, a source folder, and a root holding one PyHardLinkBackup snapshot
 * of it: the same files with the same mtimes, each with its `.sha512`.
 */
function oldSetup(home: string): { src: string; root: string } {
  const files = { "a.txt": "alpha", "sub/b.txt": "beta" };
  const src = `${home}/Docs`;
  const root = `${home}/PyHardLinkBackups`;
  writeTree(src, files);
  const snapshot: Record<string, string> = {
    "phlb_config.ini": "[common]\nBACKUP_PATH= ~/PyHardLinkBackups\n",
  };
  for (const [path, text] of Object.entries(files)) {
    snapshot[path] = text;
    snapshot[`${path}.sha512`] = createHash("sha512").update(text).digest("hex");
  }
  writeTree(`${root}/Docs/${OLD_ID}`, snapshot);
  for (const path of Object.keys(files)) {
    const mtime = Deno.statSync(`${src}/${path}`).mtime!;
    Deno.utimeSync(`${root}/Docs/${OLD_ID}/${path}`, mtime, mtime);
  }
  writeTree(root, { [`Docs/${OLD_ID} summary.txt`]: "Backup done:\n", "PyHardLinkBackup.sqlite3": "old db" });
  writeTree(home, { "PyHardLinkBackup.ini": OLD_INI });
  return { src, root };
}

Deno.test("migrating: an old ini works, and each PyHardLinkBackup key phlb does not use is named with advice", async () => {
  await withTempDir(async (t) => {
    const { src, root } = oldSetup(`${t}/home`);
    const env = { HOME: `${t}/home` };
    const show = await phlb(["config", "--show"], { env });
    assertEquals(show.code, 0, show.stderr);
    assertIncludes(show.stdout, `BACKUP_PATH           = ${root}  (${t}/home/PyHardLinkBackup.ini:2)`);
    assertIncludes(show.stdout, `SKIP_PATTERNS         = *.pyc, *.tmp, *.cache`);
    // PyHardLinkBackup's folder mode is phlb's too: the root and NAME folders it makes.
    assert(
      /DEFAULT_NEW_PATH_MODE = 0o700 +\(.*PyHardLinkBackup\.ini:11\)/.test(show.stdout),
      show.stdout,
    );
    const ini = `${t}/home/PyHardLinkBackup.ini`;
    for (
      const [line, key, advice] of [
        [5, "SKIP_FILES", "use SKIP_PATTERNS"],
        [7, "DATABASE_NAME", "phlb keeps its index in BACKUP_PATH/.phlb/; remove the line"],
        [8, "LOGGING_CONSOLE_LEVEL", "use LOGGING_LEVEL"],
        [12, "HASH_NAME", "phlb always uses sha256; remove the line"],
        [13, "CHUNK_SIZE", "remove the line"],
      ] as const
    ) {
      assertIncludes(
        show.stderr,
        `${ini}:${line}: ${key}: a PyHardLinkBackup setting phlb does not use, ignored: ${advice}`,
      );
    }

    // The first backup into the old root: the empty index is said to be so, and everything is read.
    const first = await phlb(["backup", src, "--json"], { env });
    assertEquals(first.code, 0, first.stderr);
    assertIncludes(first.stderr, "records no snapshot, but this root holds 1");
    assertIncludes(first.stderr, "run `phlb add` to rebuild the index");
    assertEquals(JSON.parse(first.stdout).unchangedLinked, 0);
    assertEquals(snapshots(root, "Docs").length, 2);
  });
});

Deno.test("migrating: phlb add adopts PyHardLinkBackup's snapshots; its own files stay as they are", async () => {
  await withTempDir(async (t) => {
    const { src, root } = oldSetup(`${t}/home`);
    const env = { HOME: `${t}/home` };
    const old = `${root}/Docs/${OLD_ID}`;
    const added = await phlb(["add", "--json"], { env });
    assertEquals(added.code, 0, added.stderr);

    // The manifest lists PyHardLinkBackup's per-file hashes and ini as files of the snapshot.
    const manifest = Deno.readTextFileSync(`${root}/Docs/${OLD_ID}.sha256`);
    const listed = manifest.trim().split("\n").map((l) => l.slice(66)).sort();
    assertEquals(listed, ["a.txt", "a.txt.sha512", "phlb_config.ini", "sub/b.txt", "sub/b.txt.sha512"]);
    const check = await sh(`cd '${old}' && sha256sum -c ../${OLD_ID}.sha256`);
    assertEquals(check.code, 0, check.stdout + check.stderr);
    assertEquals(Deno.readTextFileSync(`${old}/a.txt.sha512`).length, 128);
    assertEquals(Deno.readTextFileSync(`${root}/Docs/${OLD_ID} summary.txt`), "Backup done:\n");
    assertEquals(Deno.readTextFileSync(`${root}/PyHardLinkBackup.sqlite3`), "old db");

    // From then on, unchanged files are linked to the old snapshot without being read.
    const next = await phlb(["backup", src, "--json"], { env });
    assertEquals(next.code, 0, next.stderr);
    assert(!next.stderr.includes("records no snapshot"), next.stderr);
    const summary = JSON.parse(next.stdout);
    assertEquals(summary.unchangedLinked, 2, next.stdout);
    const [, id] = snapshots(root, "Docs");
    assertEquals(ino(`${root}/Docs/${id}/a.txt`), ino(`${old}/a.txt`));
    assertEquals(ino(`${root}/Docs/${id}/sub/b.txt`), ino(`${old}/sub/b.txt`));
  });
});
