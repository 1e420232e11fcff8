/**
 * The GitHub workflows cannot run here, so their shape is checked here: valid YAML, the right
 * triggers, runners and steps, the pinned Deno version, and the same target list as
 * scripts/compile.ts. Also: the one permission list never grants everything.
 */
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlbCommandArgs, skipOn, withTempDir } from "./helpers.ts";
import { permissionFlags, readDenoJson, runtimeFlags } from "../scripts/permissions.ts";
import { binaryName, TARGETS } from "../scripts/compile.ts";

// deno-lint-ignore no-explicit-any
type Yaml = any;

function repoFile(rel: string): string {
  return Deno.readTextFileSync(fileURLToPath(new URL(`../${rel}`, import.meta.url)));
}

function workflow(name: string): Yaml {
  return parse(repoFile(`.github/workflows/${name}`), { strict: true, uniqueKeys: true });
}

/** Every `run:` script of a job, joined. */
function runText(job: Yaml): string {
  return (job.steps as Yaml[]).map((s) => s.run ?? "").join("\n");
}

/** The Deno version .ci/run installs: the project's one pinned version. */
function pinnedDeno(): string {
  const m = repoFile(".ci/run").match(/^DENO_VERSION=(\S+)$/m);
  assert(m, ".ci/run sets DENO_VERSION");
  return m[1];
}

/** The runner each target is built and smoke-tested on: its own OS and architecture. */
const NATIVE_RUNNER: Record<string, string> = {
  "x86_64-unknown-linux-gnu": "ubuntu-latest",
  "aarch64-unknown-linux-gnu": "ubuntu-24.04-arm",
  "x86_64-pc-windows-msvc": "windows-latest",
  "x86_64-apple-darwin": "macos-15-intel",
  "aarch64-apple-darwin": "macos-latest",
};

Deno.test("ci.yml: fmt, lint, check and test on Linux, Windows and macOS with the pinned Deno", () => {
  const ci = workflow("ci.yml");
  assertEquals(ci.on.push.branches, ["main"]);
  assert("pull_request" in ci.on, "runs on pull requests");
  const job = ci.jobs.test;
  assertEquals([...job.strategy.matrix.os].sort(), ["macos-latest", "ubuntu-latest", "windows-latest"]);
  assertEquals(job.strategy["fail-fast"], false);
  assertEquals(job["runs-on"], "${{ matrix.os }}");
  const setup = job.steps.find((s: Yaml) => String(s.uses ?? "").startsWith("denoland/setup-deno@"));
  assertEquals(setup.with["deno-version"], `v${pinnedDeno()}`);
  const runs = job.steps.map((s: Yaml) => s.run).filter(Boolean);
  for (const cmd of ["deno fmt --check", "deno lint", "deno task check", "deno task test"]) {
    assert(runs.includes(cmd), `ci.yml runs "${cmd}"`);
  }
  const brew = job.steps.find((s: Yaml) =>
    String(s.run ?? "").startsWith("brew install coreutils findutils gnu-sed")
  );
  assertEquals(brew?.if, "runner.os == 'macOS'", "macOS gets GNU sha256sum, du, find and sed");
  assertIncludes(brew.run, "libexec/gnubin");
  assertEquals(ci.permissions, { contents: "read" });
});

Deno.test("release.yml: on v* tags, every target of compile.ts built and smoke-tested on its own runner", () => {
  const rel = workflow("release.yml");
  assertEquals(rel.on.push.tags, ["v*"]);
  assertEquals(rel.env.DENO_VERSION, `v${pinnedDeno()}`);
  const build = rel.jobs.build;
  const include: Yaml[] = build.strategy.matrix.include;
  assertEquals(include.map((e) => e.target).sort(), [...TARGETS].sort(), "the same targets as compile.ts");
  for (const e of include) {
    assertEquals(e.runner, NATIVE_RUNNER[e.target], `runner for ${e.target}`);
    assertEquals(e.binary, binaryName(e.target), `binary name for ${e.target}`);
  }
  assertEquals(build["runs-on"], "${{ matrix.runner }}");
  assertEquals(build.defaults.run.shell, "bash");
  const setup = build.steps.find((s: Yaml) => String(s.uses ?? "").startsWith("denoland/setup-deno@"));
  assertEquals(setup.with["deno-version"], "${{ env.DENO_VERSION }}");

  const run = runText(build);
  // Built by the one script, with the one permission list.
  assertIncludes(run, "deno task compile --target ${{ matrix.target }} --out dist");
  // Smoke: version says compiled, a backup twice (the second links), the manifest checks out.
  assertIncludes(run, `"dist/\${{ matrix.binary }}" version`);
  assertIncludes(run, 'grep -q "compiled binary"');
  assertIncludes(run, '"$bin" backup smoke/src smoke/root');
  assertIncludes(run, `grep -q '"unchangedLinked": 3'`);
  assertIncludes(run, "sha256sum -c SHA256SUMS");
  assertIncludes(run, "shasum -a 256 -c SHA256SUMS");
  assertIncludes(run, '$sha -c "../$id.sha256"');
  assertIncludes(run, `"$bin" --help | grep -qE '^ +verify( |$)'`);
  assertIncludes(run, '"$bin" verify');
  // Windows: the helper .cmd works after the stick moved, started from another drive.
  const cmd = build.steps.find((s: Yaml) => String(s.name).startsWith("smoke test - the helper .cmd"));
  assertEquals([cmd.if, cmd.shell], ["runner.os == 'Windows'", "cmd"]);
  for (const part of ["phlb.exe helper", "move C:\\phlb-stick C:\\moved-stick", "pushd D:\\", "--no-pause"]) {
    assertIncludes(cmd.run, part);
  }
  // The order matters: build, then version, then backup, then the artifact.
  const names = build.steps.map((s: Yaml) => s.name ?? s.uses);
  const at = (n: string) => names.findIndex((x: string) => x.startsWith(n));
  assert(at("build") < at("smoke test - phlb version"), names.join(", "));
  assert(at("smoke test - phlb version") < at("smoke test - a tiny backup"), names.join(", "));
  assert(at("smoke test - a tiny backup") < at("actions/upload-artifact@"), names.join(", "));

  const publish = rel.jobs.publish;
  assertEquals(publish.needs, "build");
  assertEquals(publish.if, "startsWith(github.ref, 'refs/tags/v')");
  assertEquals(publish.permissions, { contents: "write" });
  const pub = runText(publish);
  assertIncludes(pub, "cat SHA256SUMS.* | sort -k 2 > SHA256SUMS");
  assertIncludes(pub, `test "$(wc -l < SHA256SUMS)" = ${TARGETS.length}`);
  // The man page ships with the binaries, checked in step with the tree before each build.
  assertIncludes(run, "scripts/man.ts --check");
  assertIncludes(pub, "cp ../source/phlb.1 phlb.1");
  assertIncludes(pub, "sha256sum phlb.1 >> SHA256SUMS");
  assertIncludes(pub, "gh release upload");
  assertIncludes(pub, "dist/*");
  // Only the publish job may write to the repository.
  assertEquals(rel.permissions, { contents: "read" });
});

Deno.test("the one permission list never grants everything, and the compile task uses no -A", () => {
  const config = readDenoJson();
  const flags = permissionFlags(config);
  assert(flags.length > 0);
  assert(flags.includes("--no-prompt"), "binaries never prompt; the task must not either");
  for (const f of flags) assert(f === "--no-prompt" || /^--allow-[a-z]+(=.+)?$/.test(f), f);
  assert(!flags.includes("--allow-all"));
  // The V8 flags travel with the permissions: a compiled binary keeps phlb's memory settings.
  const runtime = runtimeFlags(config);
  assertEquals(runtime.slice(0, flags.length), flags);
  assert(runtime.includes("--v8-flags=--max-semi-space-size=1"), runtime.join(" "));
  assertIncludes(repoFile("scripts/compile.ts"), "...runtimeFlags(),");
  const tasks = config.tasks as Record<string, string>;
  assert(!/(^|\s)(-A|--allow-all)(\s|$)/.test(tasks.compile), tasks.compile);
  for (const bad of ["-A", "--allow-all", "-RW", "--permission-set=all"]) {
    let threw = false;
    try {
      permissionFlags({ tasks: { phlb: `deno run ${bad} main.ts` } });
    } catch {
      threw = true;
    }
    assert(threw, `permissionFlags refuses ${bad}`);
  }
});

Deno.test("the README's and the workflows' Deno version is the pinned one", () => {
  const readme = repoFile("README.md");
  const mentioned = [...readme.matchAll(/deno@(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
  assert(mentioned.length > 0);
  for (const v of mentioned) assertEquals(v, pinnedDeno());
});

Deno.test(
  "release.yml's smoke-test script passes here, with phlb run from source in place of the binary",
  skipOn("windows", "the script is bash; on Windows it runs under Git Bash in the release workflow"),
  async () => {
    const rel = workflow("release.yml");
    const step = rel.jobs.build.steps.find((s: Yaml) => String(s.name).startsWith("smoke test - a tiny"));
    await withTempDir(async (t) => {
      Deno.mkdirSync(`${t}/dist`);
      const argv = [Deno.execPath(), ...phlbCommandArgs([])].map((w) => `'${w}'`).join(" ");
      Deno.writeTextFileSync(`${t}/dist/phlb-from-source`, `#!/bin/sh\nexec ${argv} "$@"\n`, { mode: 0o755 });
      const script = String(step.run).replaceAll("${{ matrix.binary }}", "phlb-from-source");
      const r = await new Deno.Command("bash", {
        args: ["-c", script],
        cwd: t,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const out = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
      assertEquals(r.code, 0, out);
      assertEquals(out.match(/^sub\/b\.txt: OK$/gm)?.length, 2, out);
    });
  },
);
