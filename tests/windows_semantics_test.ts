/**
 * Windows-relevant behaviour that can be proven on any platform: paths longer than Windows' old
 * 260-character limit, and a symlink whose creation the destination refuses.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { runBackup } from "../src/backup/engine.ts";
import {
  cannotMount,
  checkManifest,
  holdFileExclusively,
  ino,
  mountImage,
  nativePath,
  onlyOn,
  phlb,
  SETTLED,
  SETTLED_FLAGS,
  sh,
  skipUnless,
  snapshots,
  UNDER_WINE,
  withTempDir,
  writeTree,
} from "./helpers.ts";
import { hashFileSync } from "../src/fs/hash.ts";

/**
 * The Wine limit behind the end-to-end long-path test: phlb runs with its own permission list, and
 * with anything short of all permissions Deno resolves each path it opens to check it, which fails
 * under Wine past about 260 characters. Windows resolves such paths; the in-process test below
 * (all permissions) runs the engine on the same tree under Wine.
 */
const WINE_LONG_PATHS = "Wine limit: realPath fails past about 260 characters, and Deno resolves each path " +
  "it opens that way unless every permission is granted (phlb has its own list)";

/** The source of the long-path tests: one file whose path, from the source, is over 300 characters. */
function longTree(src: string): string {
  const deep = Array.from({ length: 5 }, (_, i) => `folder-${i}-${"x".repeat(50)}`).join("/");
  const rel = `${deep}/${"long-file-name-".repeat(4)}.txt`;
  writeTree(src, { [rel]: "deep content", "short.txt": "short" });
  assert(`${src}/${rel}`.length > 300 && rel.length > 300, `path is ${rel.length} characters`);
  return rel;
}

Deno.test(skipUnless(!UNDER_WINE, WINE_LONG_PATHS, {
  name: "a file whose path is over 300 characters is backed up, checked and linked the next time",
  fn: async () => {
    await withTempDir(async (t) => {
      const rel = longTree(`${t}/src`);

      const first = await phlb(["backup", `${t}/src`, `${t}/root`, "--json", ...SETTLED_FLAGS]);
      assertEquals(first.code, 0, first.stderr);
      assertEquals(JSON.parse(first.stdout).files, 2);
      const [snap] = snapshots(`${t}/root`, "src");
      assertEquals(Deno.readTextFileSync(`${t}/root/src/${snap}/${rel}`), "deep content");
      const manifest = Deno.readTextFileSync(`${t}/root/src/${snap}.sha256`);
      assertIncludes(manifest, `${hashFileSync(`${t}/root/src/${snap}/${rel}`).hash}  ${rel}\n`);
      if (Deno.build.os !== "windows") {
        // And as a user would check it (Windows has no sha256sum; the line above covers it there).
        const check = await sh(`cd '${t}/root/src/${snap}' && sha256sum -c '../${snap}.sha256'`);
        assertEquals(check.code, 0, check.stdout + check.stderr);
      }

      const second = await phlb(["backup", `${t}/src`, `${t}/root`, "--json"]);
      assertEquals(second.code, 0, second.stderr);
      assertEquals(JSON.parse(second.stdout).unchangedLinked, 2);
    });
  },
}));

Deno.test("in process, a file whose path is over 300 characters is backed up, in the manifest, and linked the next time", async () => {
  await withTempDir(async (t) => {
    const rel = longTree(`${t}/src`);
    const first = await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src", ...SETTLED });
    assertEquals([first.files, first.errors], [2, 0]);
    const stored = `${first.snapshotPath}/${rel}`;
    assert(stored.length > 300, `${stored.length} characters`);
    assertEquals(Deno.readTextFileSync(stored), "deep content");
    assertEquals(await checkManifest(first.snapshotPath, `${first.snapshotPath}.sha256`), "");
    const second = await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src", ...SETTLED });
    assertEquals([second.unchangedLinked, second.errors], [2, 0]);
    assertEquals(ino(`${second.snapshotPath}/${rel}`), ino(stored));
  });
});

const noExt4 = await cannotMount("ext4-1k-blocks");

Deno.test(skipUnless(
  noExt4 === undefined,
  `needs a loop-mounted ext4 image to make a destination that refuses a symlink: ${noExt4}`,
  {
    name:
      "a symlink the destination refuses is an item error naming the link and its target; the run goes on",
    fn: async () => {
      await withTempDir(async (t) => {
        // Windows refuses symlinks without a privilege. Here the refusal comes from ext4 with
        // 1 KiB blocks, which cannot hold a symlink target longer than 1023 bytes.
        const target = `../${"far-away-".repeat(200)}target`;
        writeTree(`${t}/src`, { "a.txt": "a", "z/last.txt": "last" });
        Deno.symlinkSync(target, `${t}/src/link`);
        Deno.symlinkSync("a.txt", `${t}/src/short-link`);
        const dest = await mountImage(t, "ext4-1k-blocks", 16);
        assert(typeof dest !== "string", `cannot mount the ext4 image: ${dest}`);
        const mnt = dest.path;
        try {
          const r = await phlb(["backup", `${t}/src`, `${mnt}/root`]);
          assertEquals(r.code, 3, r.stderr);
          assertIncludes(r.stderr, `"link": cannot create symlink to "${target}"`);
          const [snap] = snapshots(`${mnt}/root`, "src");
          const dir = `${mnt}/root/src/${snap}`;
          // Everything else is there, the snapshot is complete, and the log names the link.
          assertEquals(Deno.readTextFileSync(`${dir}/a.txt`), "a");
          assertEquals(Deno.readTextFileSync(`${dir}/z/last.txt`), "last");
          assertEquals(Deno.readLinkSync(`${dir}/short-link`), "a.txt");
          let stored = true;
          try {
            Deno.lstatSync(`${dir}/link`);
          } catch {
            stored = false;
          }
          assertEquals(stored, false);
          const log = Deno.readTextFileSync(`${mnt}/root/src/${snap}.log`);
          assertIncludes(log, `ERROR "link": cannot create symlink to "${target}"`);
          const summary = JSON.parse(Deno.readTextFileSync(`${mnt}/root/src/${snap}.summary.json`));
          assertEquals([summary.errors, summary.symlinks, summary.files], [1, 1, 2]);
        } finally {
          await dest.unmount();
        }
      });
    },
  },
));

Deno.test(onlyOn("windows", "makes names through \\\\?\\ paths, which only Windows has", {
  name:
    "backup on Windows: a name its paths cannot reach (CON, x.) is an error naming it, exit 3; the rest is backed up",
  fn: async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/src`, { "keep.txt": "keep" });
      // Made by a tool that writes names literally (WSL, Cygwin, a \\?\ path): Windows' ordinary
      // paths open the console for CON and strip the dot of x., finding another file or none.
      for (const n of ["CON", "x."]) Deno.writeTextFileSync(`\\\\?\\${nativePath(`${t}/src`)}\\${n}`, n);
      const r = await phlb(["backup", `${t}/src`, `${t}/root`, "--json"]);
      assertEquals(r.code, 3, r.stderr);
      assertIncludes(r.stderr, `"CON": not read: the name is the reserved device name CON`);
      assertIncludes(r.stderr, `"x.": not read: the name ends with a dot or a space`);
      const s = JSON.parse(r.stdout);
      assertEquals([s.files, s.errors], [1, 2]);
      assertEquals(Deno.readTextFileSync(`${s.snapshotPath}/keep.txt`), "keep");
    });
  },
}));

Deno.test(onlyOn("windows", "holds the file with a Windows sharing mode (share nothing)", {
  name:
    "backup on Windows: a file another process holds open unshared is an item error, exit 3; the next run takes it",
  fn: async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/src`, { "a.txt": "a", "locked.txt": "in use", "z.txt": "z" });
      const holder = await holdFileExclusively(`${t}/src/locked.txt`);
      let r;
      try {
        r = await phlb(["backup", `${t}/src`, `${t}/root`, "--json"]);
      } finally {
        await holder.release();
      }
      assertEquals(r.code, 3, r.stderr);
      assertIncludes(r.stderr, `"locked.txt": cannot read:`);
      const s = JSON.parse(r.stdout);
      assertEquals([s.status, s.files, s.errors], ["complete", 2, 1]);
      assertEquals(snapshots(`${t}/root`, "src"), [s.snapshot], "a complete snapshot, not an abort");
      assertEquals(Deno.readTextFileSync(`${s.snapshotPath}/z.txt`), "z");
      assertIncludes(
        Deno.readTextFileSync(`${t}/root/src/${s.snapshot}.log`),
        `ERROR "locked.txt": cannot read`,
      );
      // Released, the next run backs it up.
      const next = await phlb(["backup", `${t}/src`, `${t}/root`, "--json"]);
      assertEquals(next.code, 0, next.stderr);
      const n = JSON.parse(next.stdout);
      assertEquals(Deno.readTextFileSync(`${n.snapshotPath}/locked.txt`), "in use");
    });
  },
}));
