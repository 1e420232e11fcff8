// Metadata fidelity end to end (issue 9): nanosecond mtimes, xattrs and a name with byte 0xFF go
// through `phlb backup`, `phlb verify`, coreutils `sha256sum -c` and `phlb restore` unchanged when
// phlb may use FFI; without --allow-ffi the run says so in its log and keeps today's behaviour.
import { assert, assertEquals } from "./assert.ts";
import {
  hasTools,
  NO_NATIVE_CHILDREN,
  phlb,
  type RunResult,
  sh,
  snapshots,
  testSkippedIf,
  testSkippedOn,
  withTempDir,
} from "./helpers.ts";

const test = testSkippedOn(["windows", "darwin"], "uses GNU stat, setfattr and names with raw bytes");
/** The tests of the native layer: not in the pass without FFI. */
const nativeTest = Deno.build.os === "linux" ? testSkippedIf(NO_NATIVE_CHILDREN) : test;
const hasAttrTools = await hasTools("setfattr", "getfattr");
if (!hasAttrTools) console.warn("xattr tests skipped: setfattr/getfattr missing (apt-get install attr)");

/** Runs phlb with the shipped permissions (which hold --allow-ffi), or without --allow-ffi. */
function run(args: string[], options: { ffi: boolean }): Promise<RunResult> {
  return phlb(args, { noFfi: !options.ffi });
}

async function shOk(cmd: string, cwd?: string): Promise<string> {
  const r = await sh(cmd, { cwd });
  assertEquals(r.code, 0, `${cmd}: ${r.stderr}`);
  return r.stdout;
}

nativeTest(
  "native: nanosecond mtimes of files and folders survive backup and restore (stat -c %y)",
  async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      await shOk(
        `mkdir -p src/d/e && printf a > src/a && printf b > src/d/b && ` +
          `touch -d '2021-03-04 05:06:07.123456789' src/a src/d/b src/d/e src/d && ` +
          `touch -d '2019-11-12 13:14:15.000000001' src`,
        t,
      );
      const b = await run(["backup", src, `${t}/root`, "-v"], { ffi: true });
      assertEquals(b.code, 0, b.stderr);
      assert(b.stderr.includes("metadata: native"), b.stderr);
      const r = await run(["restore", "src@latest", `${t}/out`, "--root", `${t}/root`], { ffi: true });
      assertEquals(r.code, 0, r.stderr);
      const names = ". a d d/b d/e";
      const want = await shOk(`stat -c '%y %n' ${names}`, src);
      assert(want.includes(".123456789"), want);
      const snap = `${t}/root/src/${snapshots(`${t}/root`, "src")[0]}`;
      assertEquals(await shOk(`stat -c '%y %n' ${names}`, snap), want);
      assertEquals(await shOk(`stat -c '%y %n' ${names}`, `${t}/out`), want);
    });
  },
);

nativeTest("native: an xattr set with setfattr survives backup and restore (files and folders)", async () => {
  if (!hasAttrTools) return;
  await withTempDir(async (t) => {
    await shOk("mkdir -p src/d && printf x > src/d/f", t);
    const set = await sh(
      "setfattr -n user.phlb.tag -v red src/d/f && setfattr -n user.phlb.dir -v 0x00ff src/d",
      {
        cwd: t,
      },
    );
    if (set.code !== 0) {
      console.warn(`skipped: the temp folder takes no user xattrs (${set.stderr.trim()})`);
      return;
    }
    const b = await run(["backup", `${t}/src`, `${t}/root`, "-q"], { ffi: true });
    assertEquals(b.code, 0, b.stderr);
    const r = await run(["restore", "src@latest", `${t}/out`, "--root", `${t}/root`], { ffi: true });
    assertEquals(r.code, 0, r.stderr);
    const snap = `${t}/root/src/${snapshots(`${t}/root`, "src")[0]}`;
    for (const top of [snap, `${t}/out`]) {
      assertEquals(await shOk("getfattr --only-values -n user.phlb.tag d/f", top), "red");
      assertEquals(
        await shOk("getfattr --absolute-names -e hex -n user.phlb.dir d | grep user.", top),
        "user.phlb.dir=0x00ff\n",
      );
    }
  });
});

nativeTest(
  "native: a name with byte 0xFF is backed up, verified (phlb and sha256sum -c) and restored as is",
  async () => {
    await withTempDir(async (t) => {
      await shOk(
        `mkdir -p src/$'d\\xfe' && printf hello > src/$'a\\xffb' && printf deep > src/$'d\\xfe'/$'\\xff'`,
        t,
      );
      const b = await run(["backup", `${t}/src`, `${t}/root`, "-q"], { ffi: true });
      assertEquals(b.code, 0, b.stdout + b.stderr);
      const id = snapshots(`${t}/root`, "src")[0];
      const v = await run(["verify", "--root", `${t}/root`], { ffi: true });
      assertEquals(v.code, 0, v.stdout + v.stderr);
      const c = await sh(`sha256sum -c ../${id}.sha256`, { cwd: `${t}/root/src/${id}` });
      assertEquals(c.code, 0, c.stdout + c.stderr);
      assertEquals(c.stdout.split("\n").filter((l) => l.endsWith(": OK")).length, 2, c.stdout);
      const r = await run(["restore", "src@latest", `${t}/out`, "--root", `${t}/root`], { ffi: true });
      assertEquals(r.code, 0, r.stdout + r.stderr);
      // Each file was found in the manifest under its bytes and checked against it.
      assert(
        r.stdout.includes("each checked against the manifest") && !r.stderr.includes("warning"),
        r.stderr,
      );
      const listing = "find . -mindepth 1 | LC_ALL=C sort | od -An -tx1 | tr -s ' \\n' ' '";
      assertEquals(await shOk(listing, `${t}/out`), await shOk(listing, `${t}/src`));
      assertEquals(await shOk(`cat $'a\\xffb' $'d\\xfe'/$'\\xff'`, `${t}/out`), "hellodeep");
    });
  },
);

test("fallback: without --allow-ffi the run log says so, and a 0xFF name is an error naming its folder", async () => {
  await withTempDir(async (t) => {
    await shOk(`mkdir -p src/d && printf a > src/ok && printf b > src/d/$'x\\xffy'`, t);
    const b = await run(["backup", `${t}/src`, `${t}/root`, "-q"], { ffi: false });
    assertEquals(b.code, 3, b.stdout + b.stderr);
    const id = snapshots(`${t}/root`, "src")[0];
    const log = Deno.readTextFileSync(`${t}/root/src/${id}.log`);
    assert(log.includes("metadata: Deno file API (no --allow-ffi)"), log);
    assert(/"d".*not valid UTF-8/.test(log), log);
  });
});

nativeTest(
  "native: add rebuilds the index of a 0xFF name, a scrub reads it, the next backup links it, prune removes it",
  async () => {
    await withTempDir(async (t) => {
      await shOk(
        `mkdir -p src/$'d\\xfe' && printf hello > src/$'a\\xffb' && printf deep > src/$'d\\xfe'/$'\\xff'`,
        t,
      );
      const root = `${t}/root`;
      assertEquals((await run(["backup", `${t}/src`, root, "-q"], { ffi: true })).code, 0);
      Deno.removeSync(`${root}/.phlb`, { recursive: true });
      const add = await run(["add", "--root", root], { ffi: true });
      assertEquals(add.code, 0, add.stdout + add.stderr);
      const scrub = await run(["verify", "--root", root, "--max-duration", "1h"], { ffi: true });
      assertEquals(scrub.code, 0, scrub.stdout + scrub.stderr);
      const next = await run(["backup", `${t}/src`, root, "--json"], { ffi: true });
      assertEquals(next.code, 0, next.stderr);
      const s = JSON.parse(next.stdout);
      assertEquals([s.files, s.unchangedLinked, s.copied], [2, 2, 0]);
      const prune = await run(["prune", "--root", root, "--keep-last", "1"], { ffi: true });
      assertEquals(prune.code, 0, prune.stdout + prune.stderr);
      assertEquals(snapshots(root, "src"), [s.snapshot]);
      const v = await run(["verify", "--root", root], { ffi: true });
      assertEquals(v.code, 0, v.stdout + v.stderr);
    });
  },
);

for (const ffi of [true, false]) {
  (ffi ? nativeTest : test)(
    `${ffi ? "native" : "Deno API"}: as root, a symlink's owner survives backup and restore`,
    async () => {
      if (Deno.uid() !== 0) {
        console.log("ignored: only root can give a symlink another owner");
        return;
      }
      await withTempDir(async (t) => {
        await shOk(`mkdir src && printf a > src/a && ln -s a src/l && ln -s /nowhere src/broken`, t);
        await shOk(`chown -h 1234:5678 src/l src/broken`, t);
        const b = await run(["backup", `${t}/src`, `${t}/root`, "--json"], { ffi });
        assertEquals(b.code, 0, b.stderr);
        assertEquals(JSON.parse(b.stdout).warnings, 0, b.stderr);
        const r = await run(["restore", "src@latest", `${t}/out`, "--root", `${t}/root`], { ffi });
        assertEquals(r.code, 0, r.stderr);
        const snap = `${t}/root/src/${snapshots(`${t}/root`, "src")[0]}`;
        for (const dir of [snap, `${t}/out`]) {
          assertEquals(
            await shOk(`stat -c '%u:%g %n' l broken a`, dir),
            "1234:5678 l\n1234:5678 broken\n0:0 a\n",
            dir,
          );
        }
        // The targets were not touched: chown of a symlink never follows it.
        assertEquals(await shOk(`stat -c '%u:%g' a`, `${t}/src`), "0:0\n");
      });
    },
  );
}
