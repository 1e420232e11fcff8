/**
 * End-to-end tests of `phlb verify --repair`: one damaged inode shared by several snapshots is
 * healed once for all of them, from another stored copy, its own bytes or the source file; the
 * damaged inode is never changed; a repair killed at random moments loses nothing.
 * @module
 */
import { resolve } from "node:path";
import { quoteArg } from "../src/report/shell_quote.ts";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { killAtRandomMoments, prng, timeRun } from "./fault_helpers.ts";
import {
  checkManifest,
  holdFileLock,
  ino,
  IS_WINDOWS,
  NO_FFI,
  phlb,
  rotByte,
  SETTLED_FLAGS,
  sh,
  snapshots,
  testSkippedOn,
  wineScaled,
  withTempDir,
  writeTree,
} from "./helpers.ts";

const posixTest = testSkippedOn("windows", "changes a stored copy's POSIX mode (Windows has none)");
// xattrs are kept by the native layer only: not on Windows, nor in the pass without FFI (the Deno
// API has no xattr calls; docs/windows.md says so).
const hasAttrTools = !IS_WINDOWS && !NO_FFI &&
  (await sh("command -v setfattr && command -v getfattr")).code === 0;

/** Backs up `src` into `root` (name "src") `n` times, a second apart; returns the snapshot ids. */
async function backups(src: string, root: string, n: number): Promise<string[]> {
  for (let i = 0; i < n; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 1100));
    const r = await phlb(["backup", src, root, "-q", ...SETTLED_FLAGS]);
    assertEquals(r.code, 0, r.stderr);
  }
  return snapshots(root, "src");
}

/** `sha256sum -c` of every listed snapshot (by reading too, where there is no sha256sum); asserts each passes. */
async function assertSha256sumPasses(root: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    const problems = await checkManifest(`${root}/src/${id}`, `${root}/src/${id}.sha256`);
    assertEquals(problems, "", `sha256sum -c of ${id}`);
  }
}

/** What a repair must keep: the mode and owner where there are modes and owners (not Windows). */
function statOf(path: string) {
  const st = Deno.lstatSync(path);
  const mode = IS_WINDOWS ? 0 : st.mode! & 0o7777;
  return { ino: st.ino, mode, uid: st.uid, gid: st.gid, mtimeMs: st.mtime!.getTime() };
}

Deno.test(
  "--repair heals 3 snapshots that share one damaged inode from the source file; sha256sum -c passes on all 3",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "docs/a.txt": "precious words ".repeat(500), "b.txt": "b" });
      if (!IS_WINDOWS) Deno.chmodSync(`${src}/docs/a.txt`, 0o640);
      if (hasAttrTools) await sh(`setfattr -n user.tag -v blue '${src}/docs/a.txt'`);
      const ids = await backups(src, root, 3);
      const paths = ids.map((id) => `${root}/src/${id}/docs/a.txt`);
      const damaged = ino(paths[0]);
      assertEquals(paths.map(ino), [damaged, damaged, damaged], "one inode shared by 3 snapshots");
      const before = statOf(paths[0]);
      const folderMtime = Deno.lstatSync(`${root}/src/${ids[1]}/docs`).mtime!.getTime();
      rotByte(paths[0], 7);
      const damagedBytes = Deno.readFileSync(paths[0]);

      const r = await phlb(["verify", "--root", root, "--all", "--repair"]);
      assertEquals(r.code, 0, r.stdout + r.stderr);
      assertIncludes(r.stdout, `repaired: "src/${ids[0]}/docs/a.txt" (+2 other paths): from the source file`);
      assertIncludes(r.stdout, "REPAIRED: 3 problems, in 1 stored copy");
      await assertSha256sumPasses(root, ids);
      const healed = paths.map(statOf);
      assertEquals(new Set(healed.map((s) => s.ino)).size, 1, "the 3 paths share one new inode");
      assert(healed[0].ino !== damaged, "the damaged inode was rewritten in place");
      for (const s of healed) assertEquals({ ...s, ino: 0 }, { ...before, ino: 0 }, "metadata as recorded");
      if (hasAttrTools) {
        const x = await sh(`getfattr --only-values -n user.tag '${paths[2]}'`);
        assertEquals(x.stdout, "blue", "xattrs as recorded");
      }
      assertEquals(
        Deno.lstatSync(`${root}/src/${ids[1]}/docs`).mtime!.getTime(),
        folderMtime,
        "folder mtime kept",
      );
      assertEquals(Deno.readFileSync(paths[0]).length, damagedBytes.length);
      // Nothing is left over, every snapshot verifies, and the next backup links all unread.
      const v = await phlb(["verify", "--root", root, "--all"]);
      assertEquals(v.code, 0, v.stdout + v.stderr);
      await new Promise((r) => setTimeout(r, 1100));
      const b = await phlb(["backup", src, root, "--json", ...SETTLED_FLAGS]);
      const s = JSON.parse(b.stdout);
      assertEquals([s.unchangedLinked, s.copied], [2, 0], b.stderr);
    });
  },
);

Deno.test(
  "--repair --dry-run says what it would heal and from where, and changes nothing; the hint names the real run",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "text ".repeat(300) });
      const ids = await backups(src, root, 2);
      rotByte(`${root}/src/${ids[0]}/a.txt`);
      const inos = ids.map((id) => ino(`${root}/src/${id}/a.txt`));
      const r = await phlb(["verify", "--root", root, "--all", "--repair", "--dry-run"]);
      assertEquals(r.code, 4, r.stdout + r.stderr);
      assertIncludes(r.stdout, `would repair: "src/${ids[0]}/a.txt" (+1 other path): from the source file`);
      const last = r.stdout.trimEnd().split("\n").at(-1)!;
      // The root as phlb prints it: resolved, and quoted for this machine's shell (cmd on Windows).
      assertIncludes(last, `next: phlb verify --repair --all --root ${quoteArg(resolve(root))}`);
      assertEquals(ids.map((id) => ino(`${root}/src/${id}/a.txt`)), inos);
      const j = await phlb(["verify", "--root", root, "--all", "--repair", "--dry-run", "--json"]);
      const summary = JSON.parse(j.stdout);
      assertEquals(summary.repairList.map((e: { action: string }) => e.action), ["would-repair"]);
      assertEquals(summary.repair.repaired, 1);
      assertIncludes(summary.next, "phlb verify --repair --all");
    });
  },
);

Deno.test(
  "--repair takes intact bytes from another stored copy of the content, and the metadata from the record",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "same bytes ".repeat(100), "b/c.txt": "same bytes ".repeat(100) });
      // Another mtime: another identity, so another stored inode with the same content.
      Deno.utimeSync(`${src}/b/c.txt`, 1_500_000_000, 1_500_000_000);
      const ids = await backups(src, root, 2);
      const a = ids.map((id) => `${root}/src/${id}/a.txt`);
      const before = statOf(a[0]);
      rotByte(a[0]);
      Deno.removeSync(`${src}/a.txt`); // the source is gone too
      const r = await phlb(["verify", "--root", root, "--all", "--repair"]);
      assertEquals(r.code, 0, r.stdout + r.stderr);
      assertIncludes(r.stdout, `(+1 other path): from src/${ids[1]}/b/c.txt`);
      await assertSha256sumPasses(root, ids);
      assertEquals({ ...statOf(a[1]), ino: 0 }, { ...before, ino: 0 });
    });
  },
);

Deno.test("--repair heals what the index marks outside the snapshots it checks", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "old.txt": "old words ".repeat(80), "keep/copy.txt": "old words ".repeat(80) });
    Deno.utimeSync(`${src}/keep/copy.txt`, 1_500_000_000, 1_500_000_000); // its own inode
    const [s1] = await backups(src, root, 1);
    Deno.removeSync(`${src}/old.txt`); // only the first snapshot holds old.txt
    await new Promise((r) => setTimeout(r, 1100));
    const s2 = (await backups(src, root, 1)).at(-1)!;
    rotByte(`${root}/src/${s1}/old.txt`);
    const marked = await phlb(["verify", "--root", root, "--all", "-q"]);
    assertEquals(marked.code, 4, marked.stdout);
    // Checks the newest snapshot only, which is sound; heals the marked copy in the older one.
    const r = await phlb(["verify", "--root", root, "--repair"]);
    assertEquals(r.code, 0, r.stdout + r.stderr);
    assertIncludes(r.stdout, `repaired: "src/${s1}/old.txt": from src/${s2}/keep/copy.txt`);
    await assertSha256sumPasses(root, [s1, s2]);
  });
});

posixTest(
  "--repair heals a chmod of a stored copy from its own bytes; the changed inode itself is left as it is",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "a" });
      const ids = await backups(src, root, 2);
      const a = ids.map((id) => `${root}/src/${id}/a.txt`);
      const old = ino(a[0]);
      Deno.chmodSync(a[0], 0o600);
      Deno.linkSync(a[0], `${t}/outside`); // to see the old inode afterwards
      const r = await phlb(["verify", "--root", root, "--all", "--repair"]);
      assertEquals(r.code, 0, r.stdout + r.stderr);
      assertIncludes(r.stdout, "from its own bytes");
      assertEquals(a.map((p) => Deno.lstatSync(p).mode! & 0o777), [0o644, 0o644]);
      assertEquals(Deno.lstatSync(`${t}/outside`).mode! & 0o777, 0o600, "the old inode was changed");
      assertEquals(ino(`${t}/outside`), old);
    });
  },
);

Deno.test(
  "--repair with no intact copy left: reported with every path that shares it, exit 4, nothing changed",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "only copy ".repeat(50), "b.txt": "b" });
      const ids = await backups(src, root, 3);
      rotByte(`${root}/src/${ids[0]}/a.txt`);
      Deno.writeTextFileSync(`${src}/a.txt`, "changed since");
      const inos = ids.map((id) => ino(`${root}/src/${id}/a.txt`));
      const r = await phlb(["verify", "--root", root, "--all", "--repair"]);
      assertEquals(r.code, 4, r.stdout + r.stderr);
      const line = r.stdout.split("\n").find((l) => l.startsWith("cannot repair:"))!;
      assert(line !== undefined, r.stdout);
      for (const id of ids) assertIncludes(line, `"src/${id}/a.txt"`);
      assertIncludes(line, "no intact copy");
      assertIncludes(r.stdout.trimEnd().split("\n").at(-1)!, "next: the copies that cannot be repaired");
      assertEquals(ids.map((id) => ino(`${root}/src/${id}/a.txt`)), inos);
    });
  },
);

Deno.test("--repair takes the root's lock: refused while another phlb holds it", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a.txt": "a" });
    const ids = await backups(`${t}/src`, `${t}/root`, 1);
    rotByte(`${t}/root/src/${ids[0]}/a.txt`);
    const holder = await holdFileLock(`${t}/root/.phlb/lock`);
    try {
      const r = await phlb(["verify", "--root", `${t}/root`, "--repair"]);
      assertEquals(r.code, 1, r.stdout + r.stderr);
      assertIncludes(r.stderr, "Backup root is in use");
      // A verify without --repair takes no lock: it runs, and reports.
      const v = await phlb(["verify", "--root", `${t}/root`, "-q"]);
      assertEquals(v.code, 4, v.stdout + v.stderr);
    } finally {
      await holder.release();
    }
  });
});

const SEED = Number(Deno.env.get("PHLB_FAULT_SEED") ?? 20261128);

Deno.test({
  name:
    "--repair killed at 8 random moments (4 under Wine): each path holds the damaged or the repaired copy, whole; a re-run completes",
  fn: async () => {
    await withTempDir(async (t) => {
      const rand = prng(SEED);
      const src = `${t}/src`;
      const root = `${t}/root`;
      // 8 kills and 9 batches of 100 files (under Wine, where each file call is a round trip to
      // wineserver, 4 kills and 5 batches of 15), each stored once and shared by 3 snapshots. Before
      // each run one more batch rots, so that every run has work to be killed in.
      const KILLS = wineScaled(8, 4);
      const BATCH = wineScaled(100, 15);
      const files: Record<string, string> = {};
      for (let i = 0; i < (KILLS + 1) * BATCH; i++) {
        files[`d${i % 8}/f${i}.txt`] = `file ${i} `.repeat(40 + (i % 50));
      }
      writeTree(src, files);
      const ids = await backups(src, root, 3);
      const rels = Object.keys(files);
      const good = new Map(rels.map((rel) => [rel, Deno.readFileSync(`${src}/${rel}`)]));
      const damagedIno = new Map<string, number>();
      const bad = new Map<string, Uint8Array>();
      const rotBatch = (b: number) => {
        for (const rel of rels.slice(b * BATCH, (b + 1) * BATCH)) {
          const p = `${root}/src/${ids[b % 3]}/${rel}`;
          rotByte(p, 3);
          damagedIno.set(rel, ino(p));
          bad.set(rel, Deno.readFileSync(p));
        }
      };
      const manifests = ids.map((id) => Deno.readTextFileSync(`${root}/src/${id}.sha256`));
      const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
      /** Every path: a whole file with the damaged bytes (the damaged inode) or the good ones (another). */
      const checkPaths = () => {
        let healed = 0;
        for (const rel of damagedIno.keys()) {
          for (const id of ids) {
            const p = `${root}/src/${id}/${rel}`;
            const st = Deno.lstatSync(p);
            assert(st.isFile, `${p} is not a file`);
            const bytes = Deno.readFileSync(p);
            if (st.ino === damagedIno.get(rel)) {
              assert(same(bytes, bad.get(rel)!), `${p}: the damaged inode changed`);
            } else {
              assert(same(bytes, good.get(rel)!), `${p}: a new inode without the recorded bytes`);
              healed++;
            }
          }
        }
        assertEquals(ids.map((id) => Deno.readTextFileSync(`${root}/src/${id}.sha256`)), manifests);
        return healed;
      };
      const repair = ["verify", "--root", root, "--all", "--repair"];
      const STARTED = "repaired:";
      rotBatch(0);
      const runMs = await timeRun(repair, STARTED);
      assertEquals(checkPaths(), BATCH * ids.length);
      const outcomes = await killAtRandomMoments({
        args: repair,
        kills: KILLS,
        rand,
        runMs,
        startedText: STARTED,
        before: (i) => rotBatch(i + 1),
        after: (i, r) => {
          assert(
            r.killed || r.code === 0,
            `repair ${i} (seed ${SEED}): ${r.stdout}${r.stderr}`,
          );
          return `${checkPaths()} of ${damagedIno.size * ids.length} damaged paths healed`;
        },
      });
      console.log(`repair kills (seed ${SEED}, a full run ${runMs} ms):\n  ${outcomes.join("\n  ")}`);
      const last = await phlb(repair);
      assertEquals(last.code, 0, last.stdout + last.stderr);
      assertEquals(checkPaths(), rels.length * ids.length);
      await assertSha256sumPasses(root, ids);
      const v = await phlb(["verify", "--root", root, "--all"]);
      assertEquals(v.code, 0, v.stdout + v.stderr);
      // Every entry, as `find -name '.phlb-repair-*'` lists them: files and folders.
      const leftovers: string[] = [];
      const visit = (dir: string) => {
        for (const e of Deno.readDirSync(dir)) {
          if (e.name.startsWith(".phlb-repair-")) leftovers.push(`${dir}/${e.name}`);
          if (e.isDirectory) visit(`${dir}/${e.name}`);
        }
      };
      visit(`${root}/src`);
      assertEquals(leftovers, [], "temporary names left");
      // Each file's 3 paths share one inode again (a later run links to what a killed one made).
      for (const rel of rels) {
        assertEquals(new Set(ids.map((id) => ino(`${root}/src/${id}/${rel}`))).size, 1, rel);
      }
    });
  },
});
