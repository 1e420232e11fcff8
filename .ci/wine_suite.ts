/**
 * The suite's third pass, inside Wine (`.ci/run`: `wine-deno.sh run REPO run -A .ci/wine_suite.ts
 * JOBS [FILES or --ignore=GLOBS…]`): `deno test -A --parallel` with DENO_JOBS set, which wine-deno.sh cannot pass in
 * (it starts deno.exe with a fixed environment).
 *
 * Its name must not end in `_test.ts`: `deno test` would import it as a test module, and it would
 * start the whole suite again from inside the suite, without end. (Run as a module only when it is
 * the main module, so even an import does nothing.)
 *
 * More test files at once than there are cores: under Wine a test mostly waits (each file call is
 * a round trip to wineserver, each phlb it starts needs a second to load), so the CPU is idle most
 * of the time with one file per core. `--no-check`: the first pass type-checks the same sources
 * with the same compiler; the type check is no Windows behaviour.
 * @module
 */
if (import.meta.main) {
  const [jobs = "4", ...files] = Deno.args;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--parallel", "--no-check", ...files],
    env: { DENO_JOBS: jobs },
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  Deno.exit((await child.status).code);
}
