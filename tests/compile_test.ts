/**
 * `deno task compile` end to end. Where the Deno runtime download is unreachable (as on the
 * project's own machines) it must fail fast with one clear line; where it is reachable (GitHub's
 * runners) it must build a binary that runs and says it is compiled.
 */
import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "./assert.ts";
import { withTempDir } from "./helpers.ts";
import { readDenoJson } from "../scripts/permissions.ts";
import { binaryName, type Target, TARGETS } from "../scripts/compile.ts";
import { VERSION } from "../src/version.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The compile task's `deno …` words, exactly as deno.json has them. */
function compileTaskArgs(): string[] {
  const task = (readDenoJson().tasks as Record<string, string>).compile;
  const words = task.split(/\s+/);
  assertEquals(words[0], "deno");
  return words.slice(1);
}

Deno.test("deno task compile: builds a working binary, or says in one line that the runtime download failed", async () => {
  const native = (TARGETS as readonly string[]).includes(Deno.build.target)
    ? Deno.build.target as Target
    : "x86_64-unknown-linux-gnu";
  await withTempDir(async (t) => {
    const started = Date.now();
    const r = await new Deno.Command(Deno.execPath(), {
      args: [...compileTaskArgs(), "--target", native, "--out", t],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      // A stalled download must not hang the suite.
      signal: AbortSignal.timeout(240_000),
    }).output();
    const stdout = new TextDecoder().decode(r.stdout);
    const stderr = new TextDecoder().decode(r.stderr);
    const binary = `${t}/${binaryName(native)}`;
    if (r.code === 0) {
      const sums = Deno.readTextFileSync(`${t}/SHA256SUMS`);
      assert(sums.endsWith(`  ${binaryName(native)}\n`), sums);
      const v = await new Deno.Command(binary, { args: ["version", "--json"], stdout: "piped" }).output();
      const info = JSON.parse(new TextDecoder().decode(v.stdout));
      assertEquals(info.phlb, VERSION);
      assertEquals(info.compiled, true);
      return;
    }
    assertEquals(r.code, 1, stdout + stderr);
    const lines = stderr.trim().split("\n");
    assertEquals(lines.length, 1, `expected one line, got:\n${stderr}`);
    assert(
      lines[0].startsWith(`error: deno compile could not download the Deno runtime for ${native}`),
      lines[0],
    );
    assert(!/Caused by|backtrace|\bat \S+:\d+/.test(stderr), stderr);
    assert(!stderr.includes("deno.land"), `the message names the download host: ${stderr}`);
    assertEquals(stdout, "");
    assertEquals([...Deno.readDirSync(t)].map((e) => e.name), [], "nothing is left in the output folder");
    // Fast: the type check is cached after the first build of the suite, the DNS failure is quick.
    assert(Date.now() - started < 120_000, `took ${Date.now() - started} ms`);
  });
});
