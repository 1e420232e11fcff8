/**
 * Output that behaves: a closed pipe is a quiet end (exit 0, nothing on stderr), a backup whose
 * stderr is gone still finishes its snapshot, and `phlb` without a command is a usage error.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { onlyOn, phlb, phlbCommandArgs, snapshots, withTempDir, writeTree } from "./helpers.ts";

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `phlb ARGS` as a shell word list, run with the test's permissions. */
function phlbShell(args: string[]): string {
  return [Deno.execPath(), ...phlbCommandArgs(args)].map(shellQuote).join(" ");
}

/** Runs a bash pipeline and returns each stage's exit status and what phlb wrote on stderr. */
async function pipeline(script: string, home: string) {
  const r = await new Deno.Command("bash", {
    args: ["-c", `${script}; echo "status=\${PIPESTATUS[*]}" >&3`],
    env: { NO_COLOR: "1", HOME: home },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { stdout: new TextDecoder().decode(r.stdout), stderr: new TextDecoder().decode(r.stderr) };
}

Deno.test(onlyOn(["linux", "darwin"], "needs bash pipelines", {
  name: "output: `phlb --help | head -1` and `phlb diff A B --json | head` end quietly with exit 0",
  fn: async () => {
    await withTempDir(async (t) => {
      // A diff whose JSON is far larger than a pipe's buffer (64 KiB), so phlb is still writing
      // when head has gone.
      const files: Record<string, string> = {};
      for (let i = 0; i < 1500; i++) files[`dir-${i % 30}/file-with-a-long-name-${i}.txt`] = `content ${i}`;
      writeTree(`${t}/src`, { "a.txt": "a" });
      assertEquals((await phlb(["backup", `${t}/src`, `${t}/root`, "-q"])).code, 0);
      writeTree(`${t}/src`, files);
      assertEquals((await phlb(["backup", `${t}/src`, `${t}/root`, "-q"])).code, 0);
      const [a, b] = snapshots(`${t}/root`, "src");
      const full = await phlb(["diff", `src@${a}`, `src@${b}`, "--json", "--root", `${t}/root`]);
      assertEquals(full.code, 0, full.stderr);
      assert(full.stdout.length > 100_000, `the JSON is ${full.stdout.length} bytes`);

      for (
        const [args, consumer] of [
          [["--help"], "head -1"],
          [["diff", `src@${a}`, `src@${b}`, "--json", "--root", `${t}/root`], "head -3"],
          [["diff", `src@${a}`, `src@${b}`, "--root", `${t}/root`], "head -1"],
          [["list", "--root", `${t}/root`], "true"],
        ] as const
      ) {
        const r = await pipeline(
          `exec 3>&1; ${phlbShell([...args])} 2>/dev/stderr | ${consumer} >/dev/null`,
          t,
        );
        const status = /status=(\d+) (\d+)/.exec(r.stdout);
        assert(status, r.stdout);
        assertEquals(status[1], "0", `phlb ${args[0]} | ${consumer}: exit ${status[1]}, stderr: ${r.stderr}`);
        assertEquals(r.stderr, "", `phlb ${args[0]} | ${consumer}`);
      }
    });
  },
}));

Deno.test("output: a backup whose stderr reader has gone finishes the snapshot", async () => {
  await withTempDir(async (t) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`d${i % 10}/f${i}.txt`] = `x${i}`;
    writeTree(`${t}/src`, files);
    // -v writes a line per setting and per run detail on stderr, after the reader is gone.
    const child = new Deno.Command(Deno.execPath(), {
      args: phlbCommandArgs(["backup", `${t}/src`, `${t}/root`, "-v", "--exclude", "*5.txt"]),
      env: { NO_COLOR: "1", HOME: t },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    await child.stderr.cancel();
    const [status, stdout] = await Promise.all([child.status, new Response(child.stdout).text()]);
    assertEquals(status.code, 0, stdout);
    assertIncludes(stdout, "Snapshot ");
    const snaps = snapshots(`${t}/root`, "src");
    assertEquals(snaps.length, 1);
    const left = [...Deno.readDirSync(`${t}/root/src`)].map((e) => e.name).filter((n) =>
      n.includes(".partial")
    );
    assertEquals(left, []);
    assert(Deno.statSync(`${t}/root/src/${snaps[0]}/d1/f1.txt`).isFile);
  });
});

Deno.test(onlyOn(["linux", "darwin"], "needs a shell to close a descriptor", {
  name: "output: a backup started with stderr closed (2>&-) finishes the snapshot",
  fn: async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/src`, { "a.txt": "a", "b/c.txt": "c" });
      const r = await pipeline(
        `exec 3>&1; ${phlbShell(["backup", `${t}/src`, `${t}/root`, "-v"])} 2>&- >/dev/null`,
        t,
      );
      assertIncludes(r.stdout, "status=0");
      assertEquals(snapshots(`${t}/root`, "src").length, 1);
      assertEquals(
        [...Deno.readDirSync(`${t}/root/src`)].filter((e) => e.name.includes(".partial")).length,
        0,
      );
    });
  },
}));

Deno.test("output: `phlb` without a command prints the help on stderr and exits 2", async () => {
  const r = await phlb([]);
  assertEquals(r.code, 2);
  assertEquals(r.stdout, "");
  assertIncludes(r.stderr, "Usage: phlb");
  const help = await phlb(["help"]);
  assertEquals(help.code, 0);
  assertIncludes(help.stdout, "Usage: phlb");
});
