/**
 * Issue 16, part 2: the names of private files stay private. What phlb makes in a backup root is
 * no more readable than the folders backed up: the root and NAME folders it makes are 0700 (or
 * DEFAULT_NEW_PATH_MODE), `.phlb/` 0700 with its files 0600, a snapshot's sidecars no more readable
 * than its top folder; whatever the umask. Folders phlb did not make keep their modes.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlbCommandArgs, sh, skipUnless, withTempDir, writeTree } from "./helpers.ts";
import { q } from "./manage_helpers.ts";
import { BackupIndex } from "../src/index/index.ts";

const posix = Deno.build.os !== "windows";
const asRoot = posix && Deno.uid() === 0;

/** `phlb ARGS` run by bash under `umask`, with HOME set to `home`. */
async function phlbUmask(
  umask: string,
  args: string[],
  home: string,
): Promise<{ code: number; stderr: string }> {
  const argv = [Deno.execPath(), ...phlbCommandArgs(args)].map(q).join(" ");
  const r = await new Deno.Command("bash", {
    args: ["-c", `umask ${umask} && exec ${argv}`],
    env: { HOME: home, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: r.code, stderr: new TextDecoder().decode(r.stderr) };
}

function modeOf(path: string): string {
  return (Deno.lstatSync(path).mode! & 0o7777).toString(8);
}

/** The one snapshot id under ROOT/NAME. */
function snapshotId(root: string, name: string): string {
  const ids = [...Deno.readDirSync(`${root}/${name}`)].filter((e) => e.isDirectory).map((e) => e.name);
  assertEquals(ids.length, 1, ids.join(", "));
  return ids[0];
}

Deno.test(skipUnless(posix, "Windows has no POSIX modes", {
  name: "modes: a first backup under umask 000 of a 0700 folder: root, its missing parent and NAME 0700, " +
    ".phlb 0700, index and lock 0600, sidecars 0600",
  fn: async () => {
    await withTempDir(async (t) => {
      const src = `${t}/private`;
      writeTree(src, { "secret-name.txt": "s", "sub/also-secret.txt": "a" });
      Deno.chmodSync(src, 0o700);
      const root = `${t}/made/root`;
      const r = await phlbUmask("000", ["backup", src, root, "-q"], t);
      assertEquals(r.code, 0, r.stderr);
      const id = snapshotId(root, "private");
      const expected: Record<string, string> = {
        [`${t}/made`]: "700",
        [root]: "700",
        [`${root}/private`]: "700",
        [`${root}/.phlb`]: "700",
        [`${root}/.phlb/index.sqlite`]: "600",
        [`${root}/.phlb/lock`]: "600",
        [`${root}/private/${id}`]: "700",
        [`${root}/private/${id}.sha256`]: "600",
        [`${root}/private/${id}.log`]: "600",
        [`${root}/private/${id}.summary.json`]: "600",
      };
      const got = Object.fromEntries(Object.keys(expected).map((p) => [p, modeOf(p)]));
      assertEquals(got, expected);
      // The folders inside the snapshot keep their source's modes, as ever.
      assertEquals(modeOf(`${root}/private/${id}/sub`), modeOf(`${src}/sub`));
    });
  },
}));

Deno.test(skipUnless(asRoot, "needs root to run a command as another user (setpriv)", {
  name:
    "modes: another user cannot list or read the manifest of a 0700 folder's snapshot (cat ROOT/NAME/*.sha256)",
  fn: async () => {
    await withTempDir(async (t) => {
      Deno.chmodSync(t, 0o755);
      const src = `${t}/private`;
      writeTree(src, { "secret-name.txt": "s" });
      Deno.chmodSync(src, 0o700);
      const root = `${t}/root`;
      const r = await phlbUmask("000", ["backup", src, root, "-q"], t);
      assertEquals(r.code, 0, r.stderr);
      const id = snapshotId(root, "private");
      const asNobody = (cmd: string) =>
        sh(`setpriv --reuid=65534 --regid=65534 --clear-groups bash -c ${q(cmd)}`);
      for (
        const cmd of [
          `cat ${q(root)}/private/*.sha256`,
          `cat ${q(`${root}/private/${id}.sha256`)}`,
          `cat ${q(`${root}/private/${id}.log`)}`,
          `ls ${q(`${root}/private`)}`,
          `cat ${q(`${root}/.phlb/index.sqlite`)}`,
        ]
      ) {
        const out = await asNobody(cmd);
        assert(out.code !== 0, `${cmd} worked as uid 65534: ${out.stdout}`);
        assert(!out.stdout.includes("secret-name"), out.stdout);
        assertIncludes(out.stderr, "Permission denied");
      }
      // The owner reads them as before.
      assertIncludes(Deno.readTextFileSync(`${root}/private/${id}.sha256`), "secret-name.txt");
    });
  },
}));

Deno.test(skipUnless(posix, "Windows has no POSIX modes", {
  name:
    "modes: DEFAULT_NEW_PATH_MODE sets the root and NAME folders phlb makes (umask 000), .phlb stays 0700; " +
    "a 0755 source gives 0644 sidecars, never writable by others",
  fn: async () => {
    await withTempDir(async (t) => {
      const src = `${t}/shared`;
      writeTree(src, { "a.txt": "a" });
      Deno.chmodSync(src, 0o755);
      const root = `${t}/root`;
      writeTree(t, { "PyHardLinkBackup.ini": "[common]\nDEFAULT_NEW_PATH_MODE = 0o750\n" });
      const r = await phlbUmask("000", ["backup", src, root, "-q"], t);
      assertEquals(r.code, 0, r.stderr);
      const id = snapshotId(root, "shared");
      assertEquals(
        [root, `${root}/shared`, `${root}/.phlb`, `${root}/shared/${id}`, `${root}/shared/${id}.sha256`].map(
          modeOf,
        ),
        ["750", "750", "700", "755", "644"],
      );
    });
  },
}));

Deno.test(skipUnless(posix, "Windows has no POSIX modes", {
  name:
    "modes: a root and a NAME folder phlb did not make keep their modes; an older phlb's .phlb (0755) and " +
    "index (0644) are tightened",
  fn: async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "a.txt": "a" });
      const root = `${t}/root`;
      Deno.mkdirSync(`${root}/src`, { recursive: true });
      Deno.chmodSync(root, 0o755);
      Deno.chmodSync(`${root}/src`, 0o775);
      const r = await phlbUmask("022", ["backup", src, root, "-q"], t);
      assertEquals(r.code, 0, r.stderr);
      assertEquals([modeOf(root), modeOf(`${root}/src`)], ["755", "775"]);
      // As an older phlb left them.
      Deno.chmodSync(`${root}/.phlb`, 0o755);
      Deno.chmodSync(`${root}/.phlb/index.sqlite`, 0o644);
      Deno.chmodSync(`${root}/.phlb/lock`, 0o644);
      writeTree(src, { "b.txt": "b" });
      const again = await phlbUmask("022", ["backup", src, root, "-q"], t);
      assertEquals(again.code, 0, again.stderr);
      assertEquals(
        [`${root}/.phlb`, `${root}/.phlb/index.sqlite`, `${root}/.phlb/lock`].map(modeOf),
        ["700", "600", "600"],
      );
    });
  },
}));

Deno.test(skipUnless(posix, "Windows has no POSIX modes", {
  name: "modes: SQLite's -wal and -shm files, made when the index is next written, are 0600 like it",
  fn: async () => {
    await withTempDir((t) => {
      const meta = `${t}/.phlb`;
      Deno.mkdirSync(meta, { mode: 0o700 });
      const index = BackupIndex.open(meta);
      try {
        index.createSnapshot("n", "2026-01-01-000000", Date.now());
        index.commit();
        const path = BackupIndex.pathIn(meta);
        assertEquals([path, `${path}-wal`, `${path}-shm`].map(modeOf), ["600", "600", "600"]);
      } finally {
        index.close();
      }
    });
  },
}));
