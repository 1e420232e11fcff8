/**
 * The suite's third pass, inside Wine (`.ci/run`: `wine-deno.sh run REPO run -A .ci/wine_test.ts
 * JOBS [FILES…]`): `deno test -A --parallel` with DENO_JOBS set, which wine-deno.sh cannot pass in
 * (it starts deno.exe with a fixed environment).
 *
 * More test files at once than there are cores: under Wine a test mostly waits (each file call is
 * a round trip to wineserver, each phlb it starts needs a second to load), so the CPU is idle most
 * of the time with one file per core. `--no-check`: the first pass type-checks the same sources
 * with the same compiler; the type check is no Windows behaviour.
 * @module
 */
// LEAD NOTE: this file's name matches *_test.ts, so a plain `deno test` imported it and it started the
// whole suite again, recursively (a fork bomb that filled 24 GiB). Run only as a script; better, rename it
// (e.g. .ci/wine_suite.ts) so `deno test` never picks it up.
if (!import.meta.main) throw new Error(".ci/wine_test.ts is a script, not a test module");
const [jobs = "4", ...files] = Deno.args;
const child = new Deno.Command(Deno.execPath(), {
  args: ["test", "-A", "--parallel", "--no-check", ...files],
  env: { DENO_JOBS: jobs },
  stdin: "null",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
Deno.exit((await child.status).code);
