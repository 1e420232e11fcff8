/**
 * `phlb copy SRC_ROOT DEST_ROOT`, run as a user runs it: to a second loop-mounted ext4, killed at
 * random moments and completed, onto sshfs, and with damage at the source.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { checkRoot, isolatedHome, PhlbChild, prng } from "./fault_helpers.ts";
import {
  checkManifest,
  IS_WINDOWS,
  mountImage,
  phlb,
  SETTLED_FLAGS,
  sh,
  snapshots,
  withTempDir,
  writeTree,
} from "./helpers.ts";
import { mountSshfs, sshfsTest } from "./sshfs_helpers.ts";
import { sourceRoot } from "./copy_fixture.ts";

isolatedHome();

Deno.test("copy to a second loop-mounted ext4: every snapshot, oldest first, under its name and ID; sha256sum -c passes; unchanged files stay one inode; a second copy skips them", async () => {
  await withTempDir(async (dir) => {
    const ids = await sourceRoot(dir, { name: "docs", n: 300, count: 3 });
    assertEquals(ids.length, 3);
    const m = await mountImage(dir, "ext4", 64);
    if (typeof m === "string") {
      console.log(`ext4 part skipped: ${m}; copying to a plain folder`);
    }
    const dest = typeof m === "string" ? `${dir}/dest` : `${m.path}/backups`;
    try {
      // Settled (SETTLED_FLAGS): the source snapshots were written a moment ago, so their change
      // times are now, and the racy rule would have the next snapshot read them again.
      const r = await phlb(["copy", `${dir}/src-root`, dest, "--json", ...SETTLED_FLAGS]);
      assertEquals(r.code, 0, r.stderr);
      const s = JSON.parse(r.stdout);
      assertEquals(
        s.snapshots.map((x: { id: string; action: string }) => [x.id, x.action]),
        ids.map((id) => [id, "copied"]),
      );
      // The first is read and copied; the next ones link the unchanged files unread.
      assertEquals(s.snapshots[1].unchangedLinked, 299);
      assertEquals(s.snapshots[2].unchangedLinked, 300);
      assertEquals(snapshots(dest, "docs"), ids);
      // Every snapshot is whole (manifest = files, sha256sum -c passes) and recorded in DEST's index.
      await checkRoot(dest, "docs", new Map());
      const a = Deno.statSync(`${dest}/docs/${ids[0]}/d2/f2.txt`);
      const b = Deno.statSync(`${dest}/docs/${ids[2]}/d2/f2.txt`);
      assertEquals(a.ino, b.ino, "an unchanged file is two copies at DEST");
      assert(a.ino !== Deno.statSync(`${dir}/src-root/docs/${ids[0]}/d2/f2.txt`).ino);
      // The same metadata as the source's snapshots.
      const sm = Deno.statSync(`${dir}/src-root/docs/${ids[1]}/d1/f1.txt`);
      const dm = Deno.statSync(`${dest}/docs/${ids[1]}/d1/f1.txt`);
      assertEquals([dm.mtime?.getTime(), dm.mode], [sm.mtime?.getTime(), sm.mode]);
      // DEST keeps the source's summary (its figures and start time), with DEST's paths.
      const srcSummary = JSON.parse(Deno.readTextFileSync(`${dir}/src-root/docs/${ids[2]}.summary.json`));
      const destSummary = JSON.parse(Deno.readTextFileSync(`${dest}/docs/${ids[2]}.summary.json`));
      assertEquals(
        { ...destSummary, root: srcSummary.root, snapshotPath: srcSummary.snapshotPath },
        srcSummary,
      );
      assertEquals(destSummary.root, Deno.realPathSync(dest));
      const log = Deno.readTextFileSync(`${dest}/docs/${ids[2]}.log`);
      assert(log.includes("INFO phlb copy: the lines above are the log of the backup"), log);

      const again = await phlb(["copy", `${dir}/src-root`, dest, "--json"]);
      assertEquals(again.code, 0, again.stderr);
      const s2 = JSON.parse(again.stdout);
      assertEquals([s2.copied, s2.skipped, s2.files], [0, 3, 0]);
      const verify = await phlb(["verify", "--root", dest, "--all"]);
      assertEquals(verify.code, 0, verify.stdout + verify.stderr);
    } finally {
      if (typeof m !== "string") await m.unmount();
    }
  });
});

Deno.test("copy killed at random moments, then run again: every snapshot complete and whole, nothing left over", async () => {
  await withTempDir(async (dir) => {
    const ids = await sourceRoot(dir, { name: "docs", n: 800, count: 3 });
    const dest = `${dir}/dest`;
    const seed = Number(Deno.env.get("PHLB_FAULT_SEED") ?? Date.now() % 100_000);
    const rand = prng(seed);
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const child = new PhlbChild(["copy", `${dir}/src-root`, dest]);
      if (rand() < 0.8) await child.waitForStderr("Copying [");
      await new Promise((r) => setTimeout(r, rand() * 1500));
      child.kill("SIGKILL");
      const r = await child.finish();
      outcomes.push(r.signal === "SIGKILL" ? "killed" : `exit ${r.code}`);
      // Whatever is complete at DEST is whole at every moment: manifest, files, index.
      await checkRoot(dest, "docs", new Map(), { sha256sum: false }).catch((err) => {
        throw new Error(`after run ${i} (seed ${seed}, ${outcomes.join(", ")}): ${err.message}`);
      });
    }
    const last = await phlb(["copy", `${dir}/src-root`, dest, "--json"]);
    assertEquals(last.code, 0, `seed ${seed}: ${last.stderr}`);
    assertEquals(snapshots(dest, "docs"), ids, `seed ${seed}, runs: ${outcomes.join(", ")}`);
    await checkRoot(dest, "docs", new Map());
    // No .partial, no interrupted copy set aside, no temporary sidecar: only snapshots and their three files.
    const names = [...Deno.readDirSync(`${dest}/docs`)].map((e) => e.name).sort();
    assertEquals(names, ids.flatMap((id) => [id, `${id}.log`, `${id}.sha256`, `${id}.summary.json`]).sort());
    const verify = await phlb(["verify", "--root", dest, "--all"]);
    assertEquals(verify.code, 0, `seed ${seed}: ${verify.stdout}${verify.stderr}`);
  });
});

Deno.test(
  sshfsTest(
    "copy onto sshfs: sha256sum -c passes on the server, verify passes, the next copy links unchanged files unread",
    async (sshd) => {
      await withTempDir(async (dir) => {
        const ids = await sourceRoot(dir, { name: "docs", n: 150, count: 2 });
        const server = `${dir}/server`;
        Deno.mkdirSync(server);
        const mount = await mountSshfs(sshd, { remote: server, mountPoint: `${dir}/mnt` });
        try {
          const dest = `${mount.path}/offsite`;
          const r = await phlb([
            "copy",
            `${dir}/src-root`,
            dest,
            "--name",
            "docs",
            "--since",
            ids[0],
            "--json",
            ...SETTLED_FLAGS,
          ]);
          assertEquals(r.code, 0, r.stderr);
          const s = JSON.parse(r.stdout);
          assertEquals(s.snapshots.map((x: { action: string }) => x.action), ["copied", "copied"]);
          assertEquals(s.snapshots[1].unchangedLinked, 149);
          for (const id of ids) {
            const check = await sh(
              `cd '${server}/offsite/docs/${id}' && sha256sum --strict --quiet -c '../${id}.sha256'`,
            );
            assertEquals(check.code, 0, `${id}: ${check.stdout}${check.stderr}`);
          }
          // Real hardlinks on the server, though sshfs shows none.
          const a = Deno.statSync(`${server}/offsite/docs/${ids[0]}/d2/f2.txt`);
          assertEquals([a.ino, a.nlink], [
            Deno.statSync(`${server}/offsite/docs/${ids[1]}/d2/f2.txt`).ino,
            2,
          ]);
          const verify = await phlb(["verify", "--root", dest, "--all"]);
          assertEquals(verify.code, 0, verify.stdout + verify.stderr);
          // A new snapshot at the source: copied with every unchanged file linked unread over sshfs.
          writeTree(`${dir}/docs`, { "d3/f3.txt": "new content\n" });
          assertEquals((await phlb(["backup", `${dir}/docs`, `${dir}/src-root`, "-q"])).code, 0);
          const next = await phlb(["copy", `${dir}/src-root`, dest, "--json", ...SETTLED_FLAGS]);
          assertEquals(next.code, 0, next.stderr);
          const s3 = JSON.parse(next.stdout).snapshots.at(-1);
          assertEquals([s3.action, s3.unchangedLinked, s3.copied], ["copied", 150, 1]);
        } finally {
          await mount.unmount();
        }
      });
    },
  ),
);

Deno.test("copy of a damaged source snapshot: bytes changed or a file gone, it stays .partial at DEST, exit 4, the file named", async () => {
  await withTempDir(async (dir) => {
    const ids = await sourceRoot(dir, { name: "docs", n: 40, count: 2 });
    const snap0 = `${dir}/src-root/docs/${ids[0]}`;
    // Bit rot: same size, other bytes, in the first snapshot (and so in the second, which links it).
    const victim = `${snap0}/d4/f4.txt`;
    const st = Deno.statSync(victim);
    const bytes = Deno.readFileSync(victim);
    bytes[0] ^= 0x20;
    Deno.writeFileSync(victim, bytes);
    Deno.utimeSync(victim, st.atime!, st.mtime!);
    const r = await phlb(["copy", `${dir}/src-root`, `${dir}/dest`, "--json"]);
    assertEquals(r.code, 4, r.stderr);
    const s = JSON.parse(r.stdout);
    assertEquals(s.damaged, 2);
    assert(s.snapshots[0].reason.includes(`"d4/f4.txt" holds bytes with sha256`), s.snapshots[0].reason);
    assert(r.stderr.includes("is damaged"), r.stderr);
    assertEquals(snapshots(`${dir}/dest`, "docs"), [], "a damaged snapshot was committed");
    assert(Deno.statSync(`${dir}/dest/docs/${ids[0]}.partial`).isDirectory);
    // -q: the damage is a problem, so it is printed (once per snapshot), then the one-line verdict.
    const q = await phlb(["copy", `${dir}/src-root`, `${dir}/dest-q`, "-q"]);
    assertEquals(q.code, 4, q.stderr);
    assertEquals(q.stderr.match(/^error: The source snapshot docs\/\S+ is damaged/gm)?.length, 2, q.stderr);
    assertEquals(q.stdout.trim().split("\n").length, 1, q.stdout);
    assertIncludes(q.stdout, "0 snapshots copied, 0 skipped,");
    assertIncludes(q.stdout, ", 2 damaged at the source");
    // Repaired at the source, the next copy completes both (the partial copies are set aside and reused).
    bytes[0] ^= 0x20;
    Deno.writeFileSync(victim, bytes);
    Deno.utimeSync(victim, st.atime!, st.mtime!);
    const fixed = await phlb(["copy", `${dir}/src-root`, `${dir}/dest`]);
    assertEquals(fixed.code, 0, fixed.stderr);
    await checkRoot(`${dir}/dest`, "docs", new Map());
    assertEquals([...Deno.readDirSync(`${dir}/dest/docs`)].filter((e) => e.name.includes("partial")), []);

    // A file gone from the source snapshot: named too.
    Deno.removeSync(`${dir}/src-root/docs/${ids[1]}/d5/f5.txt`);
    const gone = await phlb(["copy", `${dir}/src-root`, `${dir}/dest2`, "--json"]);
    assertEquals(gone.code, 4, gone.stderr);
    const g = JSON.parse(gone.stdout).snapshots;
    assertEquals(g.map((x: { action: string }) => x.action), ["copied", "damaged"]);
    assert(g[1].reason.includes(`"d5/f5.txt" is in its manifest but was not copied`), g[1].reason);
  });
});

Deno.test("copy and damage marks: a copy marked damaged at the source is not spread (mode changed inside a snapshot, found by verify); one marked at DEST is not linked", async () => {
  await withTempDir(async (dir) => {
    const ids = await sourceRoot(dir, { name: "docs", n: 30, count: 2 });
    // A chmod inside the first snapshot (and so the second, which links it): the bytes, which the
    // manifest checks, are intact; only verify's mark tells. Windows has no mode bits (verify
    // compares none there): there the mtime is changed, also damage with intact bytes.
    const victim = `${dir}/src-root/docs/${ids[0]}/d3/f3.txt`;
    if (IS_WINDOWS) Deno.utimeSync(victim, 1_000_000_000, 1_000_000_000);
    else Deno.chmodSync(victim, 0o600);
    const v = await phlb(["verify", `${dir}/src-root`, "--json"]);
    assertEquals(v.code, 4, v.stderr);
    assert(JSON.parse(v.stdout).damagedMarked >= 1, v.stdout);
    const r = await phlb(["copy", `${dir}/src-root`, `${dir}/dest`, "--json"]);
    assertEquals(r.code, 4, r.stderr);
    const s = JSON.parse(r.stdout);
    assertEquals(s.snapshots.map((x: { action: string }) => x.action), ["damaged", "damaged"]);
    assert(
      s.snapshots[0].reason.includes(`"d3/f3.txt" is marked damaged in the source's index`),
      s.snapshots[0].reason,
    );
    assertEquals(snapshots(`${dir}/dest`, "docs"), [], "a snapshot with a damaged copy was committed");
    // Healed at the source, the copy completes.
    const repair = await phlb(["verify", `${dir}/src-root`, "--repair"]);
    assertEquals(repair.code, 0, repair.stderr + repair.stdout);
    const fixed = await phlb(["copy", `${dir}/src-root`, `${dir}/dest`, "--since", ids[0], "--name", "docs"]);
    assertEquals(fixed.code, 0, fixed.stderr);
    assertEquals(snapshots(`${dir}/dest`, "docs"), ids);
    await checkRoot(`${dir}/dest`, "docs", new Map());

    // At DEST: the first snapshot copied, a stored copy there rots and verify marks it; the copy of
    // the next snapshot must not link that file (unchanged at the source) to the marked inode.
    const ids2 = await sourceRoot(`${dir}/b`, { name: "docs", n: 30, count: 1 });
    const one = await phlb(["copy", `${dir}/b/src-root`, `${dir}/dest2`]);
    assertEquals(one.code, 0, one.stderr);
    const rotten = `${dir}/dest2/docs/${ids2[0]}/d4/f4.txt`;
    const st = Deno.statSync(rotten);
    const bytes = Deno.readFileSync(rotten);
    bytes[0] ^= 0x20;
    Deno.writeFileSync(rotten, bytes);
    Deno.utimeSync(rotten, st.atime!, st.mtime!);
    const vd = await phlb(["verify", `${dir}/dest2`, "--json"]);
    assertEquals(vd.code, 4, vd.stderr);
    assertEquals(JSON.parse(vd.stdout).damagedMarked, 1, vd.stdout);
    writeTree(`${dir}/b/docs`, { "new/x.txt": "x\n" });
    assertEquals((await phlb(["backup", `${dir}/b/docs`, `${dir}/b/src-root`, "-q"])).code, 0);
    const two = await phlb(["copy", `${dir}/b/src-root`, `${dir}/dest2`, "--json"]);
    assertEquals(two.code, 0, two.stderr);
    const [first, second] = snapshots(`${dir}/dest2`, "docs");
    const fresh = `${dir}/dest2/docs/${second}/d4/f4.txt`;
    assert(Deno.statSync(fresh).ino !== st.ino, "the new snapshot links the copy marked damaged");
    assertEquals(
      Deno.readTextFileSync(fresh),
      Deno.readTextFileSync(`${dir}/b/src-root/docs/${second}/d4/f4.txt`),
    );
    assertEquals(first, ids2[0]);
    assertEquals(
      await checkManifest(`${dir}/dest2/docs/${second}`, `${dir}/dest2/docs/${second}.sha256`),
      "",
    );
  });
});
