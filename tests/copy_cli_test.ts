/**
 * `phlb copy` as a command: --dry-run, --name and --since, refused roots, --lock-wait, and the one
 * grammar (DEST_ROOT from the argument, -r or PHLB_ROOT; -q, -v, usage errors). The copies
 * themselves (loop-mounted ext4, kills, sshfs, damage) are in tests/copy_test.ts.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { checkRoot, isolatedHome, PhlbChild } from "./fault_helpers.ts";
import { holdRootLock, phlb, snapshots, withTempDir, writeTree } from "./helpers.ts";
import { sourceRoot } from "./copy_fixture.ts";

Deno.test("copy --dry-run writes nothing; --name and --since choose; the same root, or one inside the other, is refused", async () => {
  await withTempDir(async (dir) => {
    const ids = await sourceRoot(dir, { name: "docs", n: 5, count: 2 });
    writeTree(`${dir}/pics`, { "a.jpg": "jpg" });
    assertEquals((await phlb(["backup", `${dir}/pics`, `${dir}/src-root`, "-q"])).code, 0);
    const dry = await phlb(["copy", `${dir}/src-root`, `${dir}/dest`, "--dry-run", "--json"]);
    assertEquals(dry.code, 0, dry.stderr);
    const d = JSON.parse(dry.stdout);
    assertEquals([d.status, d.copied], ["dry-run", 3]);
    assert(!(await exists(`${dir}/dest`)), "a dry run made DEST");
    const since = await phlb([
      "copy",
      `${dir}/src-root`,
      `${dir}/dest`,
      "--name",
      "docs",
      "--since",
      ids[1],
      "--json",
    ]);
    assertEquals(since.code, 0, since.stderr);
    assertEquals(JSON.parse(since.stdout).snapshots.map((x: { id: string }) => x.id), [ids[1]]);
    assertEquals(snapshots(`${dir}/dest`, "docs"), [ids[1]]);
    assertEquals(snapshots(`${dir}/dest`, "pics"), []);
    // The older one comes later too: the copy is not only forward.
    const all = await phlb(["copy", `${dir}/src-root`, `${dir}/dest`, "--json"]);
    assertEquals(JSON.parse(all.stdout).snapshots.map((x: { action: string }) => x.action), [
      "copied",
      "skipped",
      "copied",
    ]);
    await checkRoot(`${dir}/dest`, "docs", new Map());
    for (const bad of [`${dir}/src-root`, `${dir}/src-root/docs/x`]) {
      const r = await phlb(["copy", `${dir}/src-root`, bad]);
      assertEquals(r.code, 1, r.stderr);
      assert(r.stderr.includes("same root, or one holds the other"), r.stderr);
    }
    const noName = await phlb(["copy", `${dir}/src-root`, `${dir}/dest`, "--name", "nope"]);
    assertEquals(noName.code, 1, noName.stderr);
  });
});

Deno.test("copy --lock-wait: DEST held by another process, the copy waits, then copies every snapshot under one lock", async () => {
  await withTempDir(async (dir) => {
    const ids = await sourceRoot(dir, { name: "docs", n: 200, count: 3 });
    const meta = `${dir}/dest/.phlb`;
    Deno.mkdirSync(meta, { recursive: true });
    const holder = await holdRootLock(meta);
    try {
      // Without --lock-wait the copy is refused at once, naming the holder.
      const refused = await phlb(["copy", `${dir}/src-root`, `${dir}/dest`]);
      assertEquals(refused.code, 1, refused.stderr);
      assert(refused.stderr.includes("phlb backup (pid "), refused.stderr);
      // The lock records seen while the copy runs: one holder (one token) from the wait to the end.
      const tokens = new Set<string>();
      let copying = true;
      const watch = (async () => {
        while (copying) {
          try {
            const rec = JSON.parse(Deno.readTextFileSync(`${meta}/lock.owner`));
            if (rec.pid !== holder.pid) tokens.add(`${rec.command} ${rec.token}`);
          } catch { /* absent, or caught mid-write */ }
          await new Promise((ok) => setTimeout(ok, 2));
        }
      })();
      // Released once the copy says it waits (not on a timer: under Wine a phlb takes seconds to start).
      const copy = new PhlbChild(["copy", `${dir}/src-root`, `${dir}/dest`, "--lock-wait", "30s", "--json"]);
      const said = await copy.waitForStderr("waiting for the backup root");
      assertEquals(await holder.release(), 0);
      const r = await copy.finish();
      copying = false;
      await watch;
      assert(said, r.stderr);
      assertEquals(tokens.size, 1, `the copy took DEST's lock ${tokens.size} times`);
      assertEquals(r.code, 0, r.stderr);
      // One wait for the whole copy, not one per snapshot.
      assertEquals(r.stderr.split("waiting for the backup root").length - 1, 1, r.stderr);
      assertEquals(JSON.parse(r.stdout).snapshots.map((x: { action: string }) => x.action), [
        "copied",
        "copied",
        "copied",
      ]);
      assertEquals(snapshots(`${dir}/dest`, "docs"), ids);
      assert(!(await exists(`${meta}/lock.owner`)), "the copy left its lock record");
    } finally {
      await holder.release();
    }
  });
});

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

isolatedHome();

Deno.test("copy in the one grammar: DEST_ROOT from the argument, -r or PHLB_ROOT; -q one line; -v the skipped; aligned summary; usage errors exit 2", async () => {
  await withTempDir(async (dir) => {
    await sourceRoot(dir, { name: "docs", n: 5, count: 1 });
    const src = `${dir}/src-root`;
    // No DEST_ROOT: PHLB_ROOT is the root the copy writes, as for a backup.
    const viaEnv = await phlb(["copy", src, "-q"], { env: { PHLB_ROOT: `${dir}/env` } });
    assertEquals(viaEnv.code, 0, viaEnv.stderr);
    assertEquals(viaEnv.stderr, "");
    assert(
      /^Copy to .*[\\/]env: 1 snapshot copied, 0 skipped, 5 files \(\d+ B\), \d+ B written, 0 errors\n$/.test(
        viaEnv.stdout,
      ),
      viaEnv.stdout,
    );
    assertEquals(snapshots(`${dir}/env`, "docs").length, 1);
    // -r over PHLB_ROOT; the same folder as -r and as DEST_ROOT is no conflict.
    const viaFlag = await phlb(["copy", src, `${dir}/flag`, "-r", `${dir}/flag`], {
      env: { PHLB_ROOT: `${dir}/env` },
    });
    assertEquals(viaFlag.code, 0, viaFlag.stderr);
    assertEquals(snapshots(`${dir}/flag`, "docs").length, 1);
    // The summary's labels line up, the snapshot lines with the totals.
    const fields = viaFlag.stdout.split("\n").filter((l) => /^ {2}[a-z ]+: /.test(l));
    assertEquals(fields.map((l) => l.split(":")[0].trim()), [
      "copied",
      "snapshots",
      "files",
      "errors",
      "duration",
    ]);
    const columns = new Set(fields.map((l) => l.length - l.slice(l.indexOf(":") + 1).trimStart().length));
    assertEquals(columns.size, 1, viaFlag.stdout);
    assertIncludes(viaFlag.stdout, ": 5 files (");
    // -v names what was skipped, and why.
    const again = await phlb(["copy", src, "-r", `${dir}/flag`, "-v"]);
    assertEquals(again.code, 0, again.stderr);
    assertIncludes(again.stderr, "0 snapshots to copy, 1 skipped");
    assert(/skipped: docs\/\S+ \(complete at DEST\)/.test(again.stderr), again.stderr);
    // Usage errors: exit 2, nothing written.
    for (
      const args of [
        ["copy"],
        ["copy", src, `${dir}/u`, "-r", `${dir}/other`],
        ["copy", src, `${dir}/u`, "--name", "a/b"],
        ["copy", src, `${dir}/u`, "--name", ".phlb"],
        ["copy", src, `${dir}/u`, "--since", "yesterday"],
        ["copy", src, `${dir}/u`, "--lock-wait", "soon"],
        ["copy", src, `${dir}/u`, "--bogus"],
      ]
    ) {
      const r = await phlb(args);
      assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assertIncludes(r.stderr, "(run with --help for usage)");
    }
    assert(!(await exists(`${dir}/u`)), "a usage error wrote DEST");
  });
});
