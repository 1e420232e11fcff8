/**
 * End-to-end tests of `phlb verify --repair`: one damaged inode shared by several snapshots is
 * healed once for all of them, from another stored copy, its own bytes or the source file; the
 * damaged inode is never changed; a repair killed at random moments loses nothing.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { IS_LINUX, killAtRandomMoments, prng, timeRun } from "./fault_helpers.ts";
import { ino, phlb, sh, snapshots, testSkippedOn, withTempDir, writeTree } from "./helpers.ts";

const posixTest = testSkippedOn("windows", "uses coreutils sha256sum, chmod and setfattr");
const hasAttrTools = (await sh("command -v setfattr && command -v getfattr")).code === 0;

/** Backs up `src` into `root` (name "src") `n` times, a second apart; returns the snapshot ids. */
async function backups(src: string, root: string, n: number): Promise<string[]> {
  for (let i = 0; i < n; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 1100));
    const r = await phlb(["backup", src, root, "-q"]);
    assertEquals(r.code, 0, r.stderr);
  }
  return snapshots(root, "src");
}

/** Overwrites one byte in place and sets the mtime back: bit rot. */
function rot(path: string, offset = 0): void {
  const before = Deno.lstatSync(path);
  const f = Deno.openSync(path, { read: true, write: true });
  const b = new Uint8Array(1);
  f.seekSync(offset, Deno.SeekMode.Start);
  f.readSync(b);
  b[0] ^= 0x20;
  f.seekSync(offset, Deno.SeekMode.Start);
  f.writeSync(b);
  f.close();
  Deno.utimeSync(path, before.atime!, before.mtime!);
}

/** `sha256sum -c` of every listed snapshot; asserts each passes. */
async function assertSha256sumPasses(root: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    const r = await sh(`cd '${root}/src/${id}' && sha256sum --strict --quiet -c '../${id}.sha256'`);
    assertEquals(r.code, 0, `sha256sum -c of ${id}: ${r.stdout}${r.stderr}`);
  }
}

function statOf(path: string) {
  const st = Deno.lstatSync(path);
  return { ino: st.ino, mode: st.mode! & 0o7777, uid: st.uid, gid: st.gid, mtimeMs: st.mtime!.getTime() };
}

posixTest(
  "--repair heals 3 snapshots that share one damaged inode from the source file; sha256sum -c passes on all 3",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "docs/a.txt": "precious words ".repeat(500), "b.txt": "b" });
      Deno.chmodSync(`${src}/docs/a.txt`, 0o640);
      if (hasAttrTools) await sh(`setfattr -n user.tag -v blue '${src}/docs/a.txt'`);
      const ids = await backups(src, root, 3);
      const paths = ids.map((id) => `${root}/src/${id}/docs/a.txt`);
      const damaged = ino(paths[0]);
      assertEquals(paths.map(ino), [damaged, damaged, damaged], "one inode shared by 3 snapshots");
      const before = statOf(paths[0]);
      const folderMtime = Deno.lstatSync(`${root}/src/${ids[1]}/docs`).mtime!.getTime();
      rot(paths[0], 7);
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
      const b = await phlb(["backup", src, root, "--json"]);
      const s = JSON.parse(b.stdout);
      assertEquals([s.unchangedLinked, s.copied], [2, 0], b.stderr);
    });
  },
);

posixTest(
  "--repair --dry-run says what it would heal and from where, and changes nothing; the hint names the real run",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "text ".repeat(300) });
      const ids = await backups(src, root, 2);
      rot(`${root}/src/${ids[0]}/a.txt`);
      const inos = ids.map((id) => ino(`${root}/src/${id}/a.txt`));
      const r = await phlb(["verify", "--root", root, "--all", "--repair", "--dry-run"]);
      assertEquals(r.code, 4, r.stdout + r.stderr);
      assertIncludes(r.stdout, `would repair: "src/${ids[0]}/a.txt" (+1 other path): from the source file`);
      const last = r.stdout.trimEnd().split("\n").at(-1)!;
      assertIncludes(last, `next: phlb verify --repair --all --root ${root}`);
      assertEquals(ids.map((id) => ino(`${root}/src/${id}/a.txt`)), inos);
      const j = await phlb(["verify", "--root", root, "--all", "--repair", "--dry-run", "--json"]);
      const summary = JSON.parse(j.stdout);
      assertEquals(summary.repairList.map((e: { action: string }) => e.action), ["would-repair"]);
      assertEquals(summary.repair.repaired, 1);
      assertIncludes(summary.next, "phlb verify --repair --all");
    });
  },
);

posixTest(
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
      rot(a[0]);
      Deno.removeSync(`${src}/a.txt`); // the source is gone too
      const r = await phlb(["verify", "--root", root, "--all", "--repair"]);
      assertEquals(r.code, 0, r.stdout + r.stderr);
      assertIncludes(r.stdout, `(+1 other path): from src/${ids[1]}/b/c.txt`);
      await assertSha256sumPasses(root, ids);
      assertEquals({ ...statOf(a[1]), ino: 0 }, { ...before, ino: 0 });
    });
  },
);

posixTest("--repair heals what the index marks outside the snapshots it checks", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "old.txt": "old words ".repeat(80), "keep/copy.txt": "old words ".repeat(80) });
    Deno.utimeSync(`${src}/keep/copy.txt`, 1_500_000_000, 1_500_000_000); // its own inode
    const [s1] = await backups(src, root, 1);
    Deno.removeSync(`${src}/old.txt`); // only the first snapshot holds old.txt
    await new Promise((r) => setTimeout(r, 1100));
    const s2 = (await backups(src, root, 1)).at(-1)!;
    rot(`${root}/src/${s1}/old.txt`);
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

posixTest(
  "--repair with no intact copy left: reported with every path that shares it, exit 4, nothing changed",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      writeTree(src, { "a.txt": "only copy ".repeat(50), "b.txt": "b" });
      const ids = await backups(src, root, 3);
      rot(`${root}/src/${ids[0]}/a.txt`);
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

posixTest("--repair takes the root's lock: refused while another phlb holds it", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a.txt": "a" });
    const ids = await backups(`${t}/src`, `${t}/root`, 1);
    rot(`${t}/root/src/${ids[0]}/a.txt`);
    const holder = new Deno.Command("flock", { args: [`${t}/root/.phlb/lock`, "sleep", "5"] }).spawn();
    try {
      await new Promise((r) => setTimeout(r, 300));
      const r = await phlb(["verify", "--root", `${t}/root`, "--repair"]);
      assertEquals(r.code, 1, r.stdout + r.stderr);
      assertIncludes(r.stderr, "Backup root is in use");
      // A verify without --repair takes no lock: it runs, and reports.
      const v = await phlb(["verify", "--root", `${t}/root`, "-q"]);
      assertEquals(v.code, 4, v.stdout + v.stderr);
    } finally {
      holder.kill("SIGKILL");
      await holder.status;
    }
  });
});

const SEED = Number(Deno.env.get("PHLB_FAULT_SEED") ?? 20261128);

Deno.test({
  name:
    "--repair killed at 8 random moments: each path holds the damaged or the repaired copy, whole; a re-run completes",
  ignore: !IS_LINUX,
  fn: async () => {
    await withTempDir(async (t) => {
      const rand = prng(SEED);
      const src = `${t}/src`;
      const root = `${t}/root`;
      // 9 batches of 100 files, each stored once and shared by 3 snapshots. Before each run one more
      // batch rots, so that every run has work to be killed in.
      const BATCH = 100;
      const files: Record<string, string> = {};
      for (let i = 0; i < 9 * BATCH; i++) files[`d${i % 8}/f${i}.txt`] = `file ${i} `.repeat(40 + (i % 50));
      writeTree(src, files);
      const ids = await backups(src, root, 3);
      const rels = Object.keys(files);
      const good = new Map(rels.map((rel) => [rel, Deno.readFileSync(`${src}/${rel}`)]));
      const damagedIno = new Map<string, number>();
      const bad = new Map<string, Uint8Array>();
      const rotBatch = (b: number) => {
        for (const rel of rels.slice(b * BATCH, (b + 1) * BATCH)) {
          const p = `${root}/src/${ids[b % 3]}/${rel}`;
          rot(p, 3);
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
        kills: 8,
        rand,
        runMs,
        startedText: STARTED,
        before: (i) => rotBatch(i + 1),
        after: (i, r) => {
          assert(
            r.signal === "SIGKILL" || r.code === 0,
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
      const leftovers = await sh(`find '${root}/src' -name '.phlb-repair-*'`);
      assertEquals(leftovers.stdout, "", "temporary names left");
      // Each file's 3 paths share one inode again (a later run links to what a killed one made).
      for (const rel of rels) {
        assertEquals(new Set(ids.map((id) => ino(`${root}/src/${id}/${rel}`))).size, 1, rel);
      }
    });
  },
});
