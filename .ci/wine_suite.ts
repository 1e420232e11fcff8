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
 *
 * `DENO_DISABLE_NODE_SHIM=1`, inherited by every deno.exe the suite starts: with no node.exe on
 * PATH, Deno makes one in its cache folder (`node_compat_bin`) as a link to itself. Under Wine it
 * does not see that the node.exe already there is itself, so each deno.exe start copied its whole
 * 97 MB executable to `node.exe.tmp-PID`, failed to rename it over the node.exe in use, and left it
 * (Wine's PIDs are small and reused, so the names are too: 493 copies, 46 GB, after a day of passes).
 * No test runs node. The copies an earlier pass left are removed first.
 * @module
 */

/** Removes the node.exe copies left in Deno's cache folder (those still in use stay). */
function removeNodeShimCopies(): void {
  const denoDir = Deno.env.get("DENO_DIR") ??
    (Deno.env.get("LOCALAPPDATA") ? `${Deno.env.get("LOCALAPPDATA")}\\deno` : undefined);
  if (!denoDir) return;
  const dir = `${denoDir}\\node_compat_bin`;
  try {
    for (const e of Deno.readDirSync(dir)) {
      if (!/^node\.exe\.tmp-\d+$/.test(e.name)) continue;
      try {
        Deno.removeSync(`${dir}\\${e.name}`);
      } catch { /* in use by a running deno.exe */ }
    }
  } catch { /* no such folder */ }
}

if (import.meta.main) {
  const [jobs = "4", ...files] = Deno.args;
  removeNodeShimCopies();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--parallel", "--no-check", ...files],
    env: { DENO_JOBS: jobs, DENO_DISABLE_NODE_SHIM: "1" },
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  Deno.exit((await child.status).code);
}
