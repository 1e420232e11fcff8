/**
 * What docs/migrating.md says about coming from PyHardLinkBackup, as a user meets it: an old ini
 * with PyHardLinkBackup's keys (warned about once per content), and a `~/PyHardLinkBackups` root
 * laid out as PyHardLinkBackup 0.x left it (store/legacy.ts): `NAME/ID/` with `FILE.sha512` beside
 * each file (its hex sha512, no newline), `phlb_config.ini` (`[BACKUP_RUN]`) inside, and
 * `ID summary.txt` and `ID.log` beside; backed up into, adopted and checked with `phlb add`, and
 * cleaned with `phlb add --drop-legacy-files`.
 * @module
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { ino, phlb, snapshots, withTempDir, writeTree } from "./helpers.ts";

const IS_WINDOWS = Deno.build.os === "windows";

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
MIN_CHUNK_SIZE = 1048576
`;

const OLD_ID = "2020-01-01-120000";
const NEXT_ID = "2020-01-02-120000";
const FILES = { "a.txt": "alpha", "sub/b.txt": "beta" };

function sha512(text: string): string {
  return createHash("sha512").update(text).digest("hex");
}

/**
 * One snapshot as PyHardLinkBackup 0.13 wrote it: each file with its `.sha512` (no newline), the
 * run config inside, the summary and the log beside.
 */
function oldSnapshot(root: string, id: string, files: Record<string, string>, primaryKey: number): void {
  const tree: Record<string, string> = { "phlb_config.ini": `[BACKUP_RUN]\nprimary_key = ${primaryKey}\n\n` };
  for (const [path, text] of Object.entries(files)) {
    tree[path] = text;
    tree[`${path}.sha512`] = sha512(text);
  }
  writeTree(`${root}/Docs/${id}`, tree);
  writeTree(`${root}/Docs`, {
    [`${id} summary.txt`]: `Start backup: ${id}\nSource path: /home/me/Docs\n\nBackup done in 1.0 sec\n`,
    [`${id}.log`]: "2020-01-01 12:00:00,000 INFO     Backup to: ...\n",
  });
}

/**
 * A home folder with the old ini, a source folder, and a root holding one PyHardLinkBackup snapshot
 * of it: the same files with the same mtimes.
 */
function oldSetup(home: string): { src: string; root: string } {
  const src = `${home}/Docs`;
  const root = `${home}/PyHardLinkBackups`;
  writeTree(src, FILES);
  oldSnapshot(root, OLD_ID, FILES, 1);
  for (const path of Object.keys(FILES)) {
    const mtime = Deno.statSync(`${src}/${path}`).mtime!;
    Deno.utimeSync(`${root}/Docs/${OLD_ID}/${path}`, mtime, mtime);
  }
  writeTree(root, { "PyHardLinkBackup.sqlite3": "old db" });
  writeTree(home, { "PyHardLinkBackup.ini": OLD_INI });
  return { src, root };
}

/** Every file under `dir` ("/"-separated, sorted), folders left out. */
function filesUnder(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(rel === "" ? dir : `${dir}/${rel}`)) {
    const path = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory) out.push(...filesUnder(dir, path));
    else out.push(path);
  }
  return out.sort();
}

/**
 * Checks snapshot `dir` against its manifest as `sha256sum -c` would, with Deno (so also on Windows),
 * and with `sha256sum --strict -c` itself where there is one. Returns the paths listed.
 */
async function checkManifest(dir: string, manifest: string): Promise<string[]> {
  const listed: string[] = [];
  for (const line of Deno.readTextFileSync(manifest).split("\n").filter((l) => l !== "")) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    assert(m, `not a sha256sum line: ${line}`);
    const actual = createHash("sha256").update(Deno.readFileSync(`${dir}/${m[2]}`)).digest("hex");
    assertEquals(actual, m[1], `${m[2]} differs from ${manifest}`);
    listed.push(m[2]);
  }
  assertEquals([...listed].sort(), filesUnder(dir), `${manifest} lists every file of ${dir}`);
  if (!IS_WINDOWS) {
    const check = await new Deno.Command("sha256sum", {
      args: ["--strict", "-c", manifest],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const td = new TextDecoder();
    assertEquals(check.code, 0, td.decode(check.stdout) + td.decode(check.stderr));
  }
  return listed.sort();
}

function mtimeMs(path: string): number {
  return Deno.statSync(path).mtime!.getTime();
}

const RETIRED = [
  [5, "SKIP_FILES", "use SKIP_PATTERNS"],
  [7, "DATABASE_NAME", "phlb keeps its index in BACKUP_PATH/.phlb/; remove the line"],
  [8, "LOGGING_CONSOLE_LEVEL", "use LOGGING_LEVEL"],
  [12, "HASH_NAME", "phlb always uses sha256; remove the line"],
  [13, "MIN_CHUNK_SIZE", "remove the line"],
] as const;

Deno.test("migrating: an old ini works, each PyHardLinkBackup key phlb does not use is named with advice, and the first backup says the old snapshots await `phlb add`", async () => {
  await withTempDir(async (t) => {
    const { src, root } = oldSetup(`${t}/home`);
    const env = { HOME: `${t}/home` };
    const show = await phlb(["config", "--show"], { env });
    assertEquals(show.code, 0, show.stderr);
    // As phlb shows paths: resolved, with the platform's separators.
    const ini = resolve(t, "home/PyHardLinkBackup.ini");
    assertIncludes(show.stdout, `BACKUP_PATH           = ${resolve(root)}  (${ini}:2)`);
    assertIncludes(show.stdout, `SKIP_PATTERNS         = *.pyc, *.tmp, *.cache`);
    // PyHardLinkBackup's folder mode is phlb's too: the root and NAME folders it makes.
    assert(
      /DEFAULT_NEW_PATH_MODE = 0o700 +\(.*PyHardLinkBackup\.ini:11\)/.test(show.stdout),
      show.stdout,
    );
    for (const [line, key, advice] of RETIRED) {
      assertIncludes(
        show.stderr,
        `${ini}:${line}: ${key}: a PyHardLinkBackup setting phlb does not use, ignored: ${advice}`,
      );
    }

    // The first backup into the old root: it says what the old snapshots are and what adopts them.
    const first = await phlb(["backup", src, "--json"], { env });
    assertEquals(first.code, 0, first.stderr);
    assertIncludes(
      first.stderr,
      "this root holds 1 snapshot made by PyHardLinkBackup that phlb has not adopted yet",
    );
    assertIncludes(
      first.stderr,
      "run `phlb add` once to check them against their .sha512 files and adopt them",
    );
    assert(!first.stderr.includes("deleted, emptied or replaced"), first.stderr);
    assertEquals(JSON.parse(first.stdout).unchangedLinked, 0);
    assertEquals(snapshots(root, "Docs").length, 2);
    const [, id] = snapshots(root, "Docs");
    assertIncludes(Deno.readTextFileSync(`${root}/Docs/${id}.log`), "made by PyHardLinkBackup");
  });
});

Deno.test("migrating: the retired keys warn once per ini file and content; an edited ini warns again; config --show always lists them", async () => {
  await withTempDir(async (t) => {
    const home = `${t}/home`;
    const { src } = oldSetup(home);
    const env = { HOME: home };
    const retiredLines = (stderr: string) =>
      stderr.split("\n").filter((l) => l.includes("phlb does not use"));

    // A quiet run shows no warning, so it does not use it up.
    const quiet = await phlb(["backup", "-q", src], { env });
    assertEquals(quiet.code, 0, quiet.stderr);
    assertEquals(retiredLines(quiet.stderr), []);

    const first = await phlb(["list"], { env });
    assertEquals(first.code, 0, first.stderr);
    assertEquals(retiredLines(first.stderr).length, RETIRED.length, first.stderr);
    const second = await phlb(["list"], { env });
    assertEquals(second.code, 0, second.stderr);
    assertEquals(retiredLines(second.stderr), [], "the same ini warns once");
    const backup = await phlb(["backup", src], { env });
    assertEquals(backup.code, 0, backup.stderr);
    assertEquals(retiredLines(backup.stderr), []);

    const show = await phlb(["config", "--show"], { env });
    assertEquals(retiredLines(show.stderr).length, RETIRED.length, "config --show lists them all");

    // Another content is warned about again, once.
    Deno.writeTextFileSync(`${home}/PyHardLinkBackup.ini`, OLD_INI + "# moved to phlb\n");
    const edited = await phlb(["list"], { env });
    assertEquals(retiredLines(edited.stderr).length, RETIRED.length, edited.stderr);
    assertEquals(retiredLines((await phlb(["list"], { env })).stderr), []);

    // The same ini seen from another home (another user) warns there too.
    Deno.mkdirSync(`${t}/other`);
    const other = await phlb(["list", "--root", `${home}/PyHardLinkBackups`], {
      env: { HOME: `${t}/other` },
      cwd: home,
    });
    assertEquals(retiredLines(other.stderr).length, RETIRED.length, other.stderr);

    const state = IS_WINDOWS ? `${home}/AppData/Roaming/phlb` : `${home}/.config/phlb`;
    const saved = JSON.parse(Deno.readTextFileSync(`${state}/ini-warnings.json`));
    assertEquals(saved.shown.map((e: { file: string }) => e.file), [resolve(home, "PyHardLinkBackup.ini")]);
    if (!IS_WINDOWS) {
      assertEquals(Deno.statSync(state).mode! & 0o777, 0o700);
      assertEquals(Deno.statSync(`${state}/ini-warnings.json`).mode! & 0o777, 0o600);
    }
  });
});

Deno.test("migrating: a state that cannot be written breaks no command; the warning just comes again", async () => {
  await withTempDir(async (t) => {
    const home = `${t}/home`;
    oldSetup(home);
    // Files where phlb's config folders would be.
    writeTree(home, { ".config": "mine", "AppData": "mine" });
    for (let i = 0; i < 2; i++) {
      const r = await phlb(["list"], { env: { HOME: home } });
      assertEquals(r.code, 0, r.stderr);
      assertIncludes(r.stderr, "SKIP_FILES: a PyHardLinkBackup setting phlb does not use");
    }
    assertEquals(Deno.readTextFileSync(`${home}/.config`), "mine");
  });
});

Deno.test("migrating: phlb add adopts PyHardLinkBackup's snapshots, checks each file against its .sha512, and keeps its files", async () => {
  await withTempDir(async (t) => {
    const { src, root } = oldSetup(`${t}/home`);
    const env = { HOME: `${t}/home` };
    const old = `${root}/Docs/${OLD_ID}`;
    const added = await phlb(["add", "--json"], { env });
    assertEquals(added.code, 0, added.stderr);
    const s = JSON.parse(added.stdout);
    assertEquals(
      [s.legacySnapshots, s.legacyChecked, s.legacyMismatched, s.legacyFiles, s.legacyDropped],
      [1, 2, 0, 4, 0],
    );
    const human = await phlb(["add", "--root", root, "-n"], { env });
    assertEquals(human.code, 0, human.stderr);

    // Without --drop-legacy-files, PyHardLinkBackup's hashes and ini are files of the snapshot.
    const listed = await checkManifest(old, `${root}/Docs/${OLD_ID}.sha256`);
    assertEquals(listed, ["a.txt", "a.txt.sha512", "phlb_config.ini", "sub/b.txt", "sub/b.txt.sha512"]);
    assertEquals(Deno.readTextFileSync(`${old}/a.txt.sha512`), sha512("alpha"));
    assertIncludes(Deno.readTextFileSync(`${root}/Docs/${OLD_ID} summary.txt`), "Start backup:");
    assertIncludes(Deno.readTextFileSync(`${root}/Docs/${OLD_ID}.log`), "Backup to:");
    assertEquals(Deno.readTextFileSync(`${root}/PyHardLinkBackup.sqlite3`), "old db");

    // The summary tells what --drop-legacy-files would do.
    const again = await phlb(["add", "--drop-legacy-files", "--dry-run"], { env });
    assertEquals(again.code, 0, again.stderr);
    assertIncludes(again.stdout, "legacy files:     4 to remove");
    assertEquals(filesUnder(old).length, 5);

    // From then on, unchanged files are linked to the old snapshot without being read.
    const next = await phlb(["backup", src, "--json"], { env });
    assertEquals(next.code, 0, next.stderr);
    assert(!next.stderr.includes("records no snapshot"), next.stderr);
    assert(!next.stderr.includes("PyHardLinkBackup"), next.stderr);
    const summary = JSON.parse(next.stdout);
    assertEquals(summary.unchangedLinked, 2, next.stdout);
    const [, id] = snapshots(root, "Docs");
    assertEquals(ino(`${root}/Docs/${id}/a.txt`), ino(`${old}/a.txt`));
    assertEquals(ino(`${root}/Docs/${id}/sub/b.txt`), ino(`${old}/sub/b.txt`));
  });
});

for (const noFfi of [false, true]) {
  Deno.test(
    `migrating: a file that differs from its .sha512 is damage (exit 4), is never linked, and its pair is kept${
      noFfi ? " (Deno API, no FFI)" : ""
    }`,
    async () => {
      await withTempDir(async (t) => {
        const { root } = oldSetup(`${t}/home`);
        const env = { HOME: `${t}/home` };
        const old = `${root}/Docs/${OLD_ID}`;
        const next = `${root}/Docs/${NEXT_ID}`;
        // Bit rot: same size, other bytes, same mtime.
        const mtime = Deno.statSync(`${old}/sub/b.txt`).mtime!;
        Deno.writeTextFileSync(`${old}/sub/b.txt`, "bEta");
        Deno.utimeSync(`${old}/sub/b.txt`, mtime, mtime);
        // A later snapshot holds those bytes as a good file (its own .sha512 says so): it must not
        // become a link to the damaged one. Its a.txt is a copy of the good one: that one is linked.
        oldSnapshot(root, NEXT_ID, { "a.txt": "alpha", "sub/b.txt": "bEta" }, 2);
        for (const path of ["a.txt", "sub/b.txt"]) {
          const m = Deno.statSync(`${old}/${path}`).mtime!;
          Deno.utimeSync(`${next}/${path}`, m, m);
        }
        const added = await phlb(["add"], { env, noFfi });
        assertEquals(added.code, 4, added.stderr);
        assertIncludes(
          added.stderr,
          `damage: "Docs/${OLD_ID}/sub/b.txt": content differs from PyHardLinkBackup's b.txt.sha512: sha512 is ` +
            `${sha512("bEta").slice(0, 16)}…, the file says ${sha512("beta").slice(0, 16)}…`,
        );
        assertEquals(added.stderr.split("\n").filter((l) => l.startsWith("damage:")).length, 1, added.stderr);
        // Summary labels are aligned: compare with one space after each colon.
        const summary = added.stdout.replace(/: +/g, ": ");
        assertIncludes(
          summary,
          "PyHardLinkBackup: 2 snapshots; 4 files checked against their .sha512, 1 differs",
        );
        assertIncludes(summary, "damage: 1 path differs from their manifest or PyHardLinkBackup's .sha512");
        assertEquals(ino(`${next}/a.txt`), ino(`${old}/a.txt`));
        assert(ino(`${next}/sub/b.txt`) !== ino(`${old}/sub/b.txt`), "a good file linked to a damaged one");

        // Dropping keeps the evidence: the damaged file's hash stays, the rest goes.
        const dropped = await phlb(["add", "--drop-legacy-files", "--json"], { env, noFfi });
        assertEquals(dropped.code, 4, dropped.stderr);
        assertEquals(JSON.parse(dropped.stdout).legacyDropped, 7);
        assertEquals(filesUnder(old), ["a.txt", "sub/b.txt", "sub/b.txt.sha512"]);
        assertEquals(filesUnder(next), ["a.txt", "sub/b.txt"]);
        assertEquals(await checkManifest(old, `${root}/Docs/${OLD_ID}.sha256`), filesUnder(old));
        assertEquals(await checkManifest(next, `${root}/Docs/${NEXT_ID}.sha256`), filesUnder(next));
        assertEquals(Deno.readTextFileSync(`${old}/sub/b.txt.sha512`), sha512("beta"));
      });
    },
  );
}

Deno.test("migrating: --drop-legacy-files keeps the files of a snapshot without PyHardLinkBackup's marks, and of one whose manifest has a bad line", async () => {
  await withTempDir(async (t) => {
    const { root } = oldSetup(`${t}/home`);
    const env = { HOME: `${t}/home` };
    const old = `${root}/Docs/${OLD_ID}`;
    // As PyHardLinkBackup before 0.4 left them: hash files, but no run config and no summary.
    const early = `${root}/Docs/${NEXT_ID}`;
    assertEquals((await phlb(["add"], { env })).code, 0);
    const manifest = `${root}/Docs/${OLD_ID}.sha256`;
    Deno.writeTextFileSync(manifest, Deno.readTextFileSync(manifest) + "not a sha256sum line\n");
    writeTree(early, { "c.txt": "gamma", "c.txt.sha512": sha512("gamma") });
    const before = [...filesUnder(old), ...filesUnder(early)];

    const run = await phlb(["add", "--drop-legacy-files", "--json"], { env });
    assertEquals(run.code, 4, run.stderr);
    assertIncludes(run.stderr, `damage: "Docs/${OLD_ID}": manifest line 6 is not a sha256sum line`);
    assertIncludes(
      run.stderr,
      `warning: "Docs/${OLD_ID}": its manifest has unreadable lines, so PyHardLinkBackup's files are kept`,
    );
    const s = JSON.parse(run.stdout);
    assertEquals(
      [s.legacySnapshots, s.legacyChecked, s.legacyMismatched, s.legacyDropped, s.legacyFiles],
      [1, 3, 0, 1, 3],
    );
    // The files in the tree stay; the summary beside the snapshot is not in its manifest, and goes.
    assertEquals([...filesUnder(old), ...filesUnder(early)], before);
    assert(!filesUnder(`${root}/Docs`).includes(`${OLD_ID} summary.txt`));
    assertIncludes(Deno.readTextFileSync(manifest), "not a sha256sum line");
  });
});

Deno.test("migrating: phlb add --drop-legacy-files removes exactly PyHardLinkBackup's files, writes the manifests without them, and sets the folders' times back", async () => {
  await withTempDir(async (t) => {
    const { src, root } = oldSetup(`${t}/home`);
    const env = { HOME: `${t}/home` };
    const old = `${root}/Docs/${OLD_ID}`;
    const next = `${root}/Docs/${NEXT_ID}`;
    // The first snapshot is adopted as it is; a second one is copied in later.
    assertEquals((await phlb(["add"], { env })).code, 0);
    oldSnapshot(root, NEXT_ID, { "a.txt": "alpha", "sub/b.txt": "beta 2" }, 2);
    // PyHardLinkBackup linked unchanged files to the previous snapshot (its hash file is new).
    Deno.removeSync(`${next}/a.txt`);
    Deno.linkSync(`${old}/a.txt`, `${next}/a.txt`);
    // A user's own files: a sha512sum listing, a note, and a hash whose file the user deleted.
    writeTree(next, {
      "iso.img": "image",
      "iso.img.sha512": `${sha512("image")}  iso.img\n`,
      "notes.sha512": "my sha512 notes\n",
      "sub/gone.txt.sha512": sha512("gone"),
    });
    const folders = [old, `${old}/sub`, next, `${next}/sub`];
    const times = folders.map(mtimeMs);
    const before = [...filesUnder(old), ...filesUnder(next)];

    // A dry run removes nothing.
    const dry = await phlb(["add", "--drop-legacy-files", "-n", "--json"], { env });
    assertEquals(dry.code, 0, dry.stderr);
    assertEquals(JSON.parse(dry.stdout).legacyDropped, 8);
    assertEquals([...filesUnder(old), ...filesUnder(next)], before);

    const run = await phlb(["add", "--drop-legacy-files"], { env });
    assertEquals(run.code, 0, run.stderr);
    assertIncludes(run.stdout, "legacy files:     8 removed");
    assertIncludes(
      run.stderr,
      `warning: "Docs/${NEXT_ID}/sub/gone.txt.sha512": PyHardLinkBackup's hash of "gone.txt", which is not in this snapshot`,
    );
    // Each snapshot's two hash files and its run config, and the summaries beside them.
    assertEquals(filesUnder(old), ["a.txt", "sub/b.txt"]);
    assertEquals(filesUnder(next), [
      "a.txt",
      "iso.img",
      "iso.img.sha512",
      "notes.sha512",
      "sub/b.txt",
      "sub/gone.txt.sha512",
    ]);
    assertEquals(filesUnder(`${root}/Docs`).filter((p) => !p.includes("/")), [
      `${OLD_ID}.log`,
      `${OLD_ID}.sha256`,
      `${NEXT_ID}.log`,
      `${NEXT_ID}.sha256`,
    ]);
    assertEquals(Deno.readTextFileSync(`${next}/iso.img.sha512`), `${sha512("image")}  iso.img\n`);
    // The manifest of the adopted snapshot is written again, the new one's without them from the start.
    assertEquals(await checkManifest(old, `${root}/Docs/${OLD_ID}.sha256`), ["a.txt", "sub/b.txt"]);
    assertEquals(await checkManifest(next, `${root}/Docs/${NEXT_ID}.sha256`), filesUnder(next));
    assertEquals(folders.map(mtimeMs), times, "the folders' times are set back");
    assertEquals(ino(`${next}/a.txt`), ino(`${old}/a.txt`));

    // Nothing is left to do, and the index agrees with the trees.
    const again = await phlb(["add", "--drop-legacy-files", "--json"], { env });
    assertEquals(again.code, 0, again.stderr);
    const s = JSON.parse(again.stdout);
    assertEquals([s.recorded, s.alreadyRecorded, s.legacyDropped], [0, 2, 0]);
    const verify = await phlb(["verify", "--all"], { env });
    assertEquals(verify.code, 0, verify.stdout + verify.stderr);
    const backup = await phlb(["backup", src, "--json"], { env });
    assertEquals(backup.code, 0, backup.stderr);
    assertEquals(JSON.parse(backup.stdout).unchangedLinked, 1, "a.txt links to the newest snapshot unread");
  });
});
