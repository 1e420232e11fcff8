/**
 * The launchers at the top of a clone, `phlb` (sh) and `phlb.cmd`, run the way a user runs them:
 * from another folder, through a symlink on PATH, with exactly the `phlb` task's flags, and with
 * nothing printed of their own. `phlb.cmd` runs under Wine where this machine has it.
 * Also: the module graph a backup loads holds no test-only package, and the pinned Deno version
 * is the same wherever it is written.
 * @module
 */
import { fileURLToPath } from "node:url";
import { runtimeFlags } from "../scripts/permissions.ts";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlb, snapshots, testSkippedOn, withTempDir, writeTree } from "./helpers.ts";

const CLONE = fileURLToPath(new URL("..", import.meta.url)).replace(/[\\/]$/, "");
const LAUNCHER = `${CLONE}/phlb`;
const DENO_VERSION = /^DENO_VERSION=(\S+)$/m.exec(Deno.readTextFileSync(LAUNCHER))![1];

const posixTest = testSkippedOn("windows", "runs the POSIX launcher `phlb` with sh (phlb.cmd is Windows')");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cmd` in `cwd`. `clearEnv` starts from an empty environment, for the runs of stand-ins;
 * real runs keep the rest of this process's environment (a proxy's CA file, say), since Deno
 * downloads phlb's npm packages into the fresh HOME's cache.
 */
async function run(
  cmd: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; clearEnv?: boolean },
): Promise<Run> {
  const r = await new Deno.Command(cmd, {
    args,
    cwd: options.cwd,
    env: options.env,
    clearEnv: options.clearEnv ?? false,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: r.code,
    stdout: new TextDecoder().decode(r.stdout),
    stderr: new TextDecoder().decode(r.stderr),
  };
}

/** A folder with only the tools the launcher and the helper scripts use, so PATH can lack Deno and npx. */
function toolsDir(t: string): string {
  const dir = `${t}/tools`;
  Deno.mkdirSync(dir);
  for (const tool of ["dirname", "readlink", "sed"]) {
    const found = ["/usr/bin", "/bin"].map((d) => `${d}/${tool}`).find((p) => {
      try {
        return Deno.statSync(p).isFile;
      } catch {
        return false;
      }
    });
    assert(found, `${tool} is in neither /usr/bin nor /bin`);
    Deno.symlinkSync(found, `${dir}/${tool}`);
  }
  return dir;
}

/**
 * A stand-in for `deno` or `npx`: says it is `version`, or records its folder and arguments and exits 7;
 * `RECORD.env` gets the Deno settings the launcher exports.
 */
function fakeProgram(path: string, options: { version?: string; record: string }): void {
  Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  const version = options.version === undefined
    ? ""
    : `if [ "$1" = --version ]; then echo "deno ${options.version} (stable, release, fake)"; exit 0; fi\n`;
  Deno.writeTextFileSync(
    path,
    `#!/bin/sh\n${version}{ pwd; for a in "$@"; do printf '%s\\n' "$a"; done; } > '${options.record}'\n` +
      `printf '%s\\n' "DENO_NO_UPDATE_CHECK=$DENO_NO_UPDATE_CHECK" "DENO_DISABLE_NODE_SHIM=$DENO_DISABLE_NODE_SHIM" > '${options.record}.env'\n` +
      "exit 7\n",
  );
  Deno.chmodSync(path, 0o755);
}

/** What the launcher hands to Deno after `deno` or `npx --yes deno@VERSION`. */
function expectedDenoArgs(args: string[]): string[] {
  return ["run", "--quiet", "--config", `${CLONE}/deno.json`, ...runtimeFlags(), `${CLONE}/main.ts`, ...args];
}

posixTest(
  "launcher: exactly the phlb task's flags, the caller's folder and arguments, through symlinks on PATH",
  async () => {
    await withTempDir(async (t) => {
      const record = `${t}/record`;
      fakeProgram(`${t}/fake/deno`, { version: DENO_VERSION, record });
      // A chain: ~/bin/phlb -> ../links/phlb (relative) -> the clone's launcher (absolute).
      Deno.mkdirSync(`${t}/bin`);
      Deno.mkdirSync(`${t}/links`);
      Deno.symlinkSync(LAUNCHER, `${t}/links/phlb`);
      Deno.symlinkSync("../links/phlb", `${t}/bin/phlb`);
      Deno.mkdirSync(`${t}/caller`);
      const env = { PATH: `${t}/bin:${t}/fake:${toolsDir(t)}`, HOME: `${t}/home` };
      const args = ["backup", "my folder", "-n", "*", "--exclude=a b"];
      const r = await run("/bin/sh", ["-c", 'exec phlb "$@"', "sh", ...args], {
        cwd: `${t}/caller`,
        env,
        clearEnv: true,
      });
      assertEquals(r.code, 7, r.stderr);
      assertEquals(r.stdout, "");
      assertEquals(r.stderr, "");
      const [cwd, ...argv] = Deno.readTextFileSync(record).trimEnd().split("\n");
      assertEquals(cwd, `${t}/caller`);
      assertEquals(argv, expectedDenoArgs(args));
      // No update note, and no `node` made from Deno in its cache (phlb runs no node).
      assertEquals(
        Deno.readTextFileSync(`${record}.env`),
        "DENO_NO_UPDATE_CHECK=1\nDENO_DISABLE_NODE_SHIM=1\n",
      );
    });
  },
);

posixTest(
  "launcher: a deno of another version on PATH: npx --yes deno@VERSION runs phlb instead",
  async () => {
    await withTempDir(async (t) => {
      const record = `${t}/record`;
      fakeProgram(`${t}/fake/deno`, { version: "1.46.3", record: `${t}/wrong-deno-ran` });
      fakeProgram(`${t}/fake/npx`, { record });
      Deno.mkdirSync(`${t}/caller`);
      const env = { PATH: `${t}/fake:${toolsDir(t)}` };
      const r = await run(LAUNCHER, ["version"], { cwd: `${t}/caller`, env, clearEnv: true });
      assertEquals(r.code, 7, r.stderr);
      assertEquals(r.stderr, "");
      const [cwd, ...argv] = Deno.readTextFileSync(record).trimEnd().split("\n");
      assertEquals(cwd, `${t}/caller`);
      assertEquals(argv, ["--yes", `deno@${DENO_VERSION}`, ...expectedDenoArgs(["version"])]);
      assertEquals(
        Deno.readTextFileSync(`${record}.env`),
        "DENO_NO_UPDATE_CHECK=1\nDENO_DISABLE_NODE_SHIM=1\n",
      );
      assertEquals(
        Deno.readDirSync(t).some((e) => e.name === "wrong-deno-ran"),
        false,
        "the deno of another version ran phlb",
      );
    });
  },
);

posixTest("launcher: with neither Deno nor npx on PATH it says so in one line and exits 1", async () => {
  await withTempDir(async (t) => {
    const r = await run(LAUNCHER, ["version"], { cwd: t, env: { PATH: toolsDir(t) }, clearEnv: true });
    assertEquals(r.code, 1);
    assertEquals(r.stdout, "");
    assert(
      r.stderr.startsWith(`phlb: needs Deno ${DENO_VERSION} (deno) or Node.js (npx) on PATH`) &&
        r.stderr.trimEnd().split("\n").length === 1,
      r.stderr,
    );
  });
});

posixTest(
  "launcher: from another folder, a relative source and the ini in the caller's folder are used",
  async () => {
    await withTempDir(async (t) => {
      const caller = `${t}/caller`;
      writeTree(caller, {
        "PyHardLinkBackup.ini": "[common]\nBACKUP_PATH = Backups\n",
        "letters/letter.txt": "Dear …",
      });
      const env = { PATH: Deno.env.get("PATH") ?? "", HOME: `${t}/home`, NO_COLOR: "1" };
      const path = await run(LAUNCHER, ["config", "--path"], { cwd: caller, env });
      assertEquals(path.code, 0, path.stderr);
      assertEquals(path.stdout, `${caller}/PyHardLinkBackup.ini\n`);
      const r = await run(LAUNCHER, ["backup", "letters"], { cwd: caller, env });
      assertEquals(r.code, 0, r.stderr);
      const snaps = snapshots(`${caller}/Backups`, "letters");
      assertEquals(snaps.length, 1);
      assertEquals(Deno.readTextFileSync(`${caller}/Backups/letters/${snaps[0]}/letter.txt`), "Dear …");
      assertIncludes(r.stdout, `Snapshot ${caller}/Backups/letters/${snaps[0]}`);
      // Nothing was looked for or made in the clone.
      assertEquals(Deno.readDirSync(CLONE).some((e) => e.name === "letters" || e.name === "Backups"), false);
    });
  },
);

posixTest(
  "launcher: prints nothing of its own: output and exit code are phlb's, as `deno task phlb` gives them",
  async () => {
    await withTempDir(async (t) => {
      const env = { PATH: Deno.env.get("PATH") ?? "", HOME: `${t}/home`, NO_COLOR: "1" };
      for (
        const args of [["version"], ["backup", `${t}/missing`, `${t}/root`], ["list", "--no-such-option"]]
      ) {
        const viaLauncher = await run(LAUNCHER, args, { cwd: t, env });
        const direct = await phlb(args, { cwd: t, env });
        assertEquals(viaLauncher, direct, args.join(" "));
      }
    });
  },
);

Deno.test("the module graph of main.ts holds no test-only package (deno info)", async () => {
  const packagesOf = async (module: string): Promise<string[]> => {
    const r = await new Deno.Command(Deno.execPath(), {
      // The module as a file URL: on Windows `deno info` takes a path's drive letter ("C:\…") for
      // a URL scheme and lists the module as external, with no graph.
      args: [
        "info",
        "--json",
        "--config",
        `${CLONE}/deno.json`,
        new URL(`../${module}`, import.meta.url).href,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
    const info = JSON.parse(new TextDecoder().decode(r.stdout)) as {
      modules: { specifier: string; npmPackage?: string }[];
      npmPackages: Record<string, { dependencies?: string[] }>;
    };
    // The npm packages the modules import, and theirs ("npmPackages" lists every locked one).
    const loaded = new Set<string>();
    const visit = (id: string) => {
      if (loaded.has(id)) return;
      loaded.add(id);
      for (const dep of info.npmPackages[id]?.dependencies ?? []) visit(dep);
    };
    for (const m of info.modules) if (m.npmPackage) visit(m.npmPackage);
    return [...info.modules.filter((m) => !m.npmPackage).map((m) => m.specifier), ...loaded];
  };
  const testOnly = (p: string) => /(^|\/)(playwright-core|yaml)@/.test(p);
  const phlbGraph = await packagesOf("main.ts");
  assert(phlbGraph.some((p) => p.startsWith("commander@")), `commander is not in ${phlbGraph.join(", ")}`);
  assertEquals(phlbGraph.filter(testOnly), []);
  // The check can fail: the browser test's graph does hold playwright-core.
  assert((await packagesOf("tests/serve_browser_test.ts")).some(testOnly));
});

Deno.test("the launchers and docs/ name the pinned Deno version (workflows_test.ts checks README.md and CI)", () => {
  const read = (p: string) => Deno.readTextFileSync(`${CLONE}/${p}`);
  const pinned = /^DENO_VERSION=(\S+)$/m.exec(read(".ci/run"))?.[1];
  const found: [string, string][] = [
    ["phlb", DENO_VERSION],
    ["phlb.cmd", /set "PHLB_DENO_VERSION=([^"]+)"/.exec(read("phlb.cmd"))?.[1] ?? "none"],
  ];
  const docs = [...Deno.readDirSync(`${CLONE}/docs`)].filter((e) => e.name.endsWith(".md"));
  for (const doc of docs.map((e) => `docs/${e.name}`)) {
    for (const m of read(doc).matchAll(/deno@(\d+\.\d+\.\d+)/g)) found.push([doc, m[1]]);
  }
  assert(found.some(([f]) => f.startsWith("docs/")), "docs/ names no deno@VERSION");
  assertEquals(found.filter(([, v]) => v !== pinned), []);
});

// phlb.cmd under Wine, where this machine has it: /work/shared/windows/wine-deno.sh runs Deno's
// Windows build, which here starts cmd.exe for each case (one Wine start for all of them).
const WINE_DENO = Deno.env.get("PHLB_WINE_DENO") ?? "/work/shared/windows/wine-deno.sh";
const wineReason = Deno.build.os !== "linux"
  ? `Wine runs phlb.cmd on Linux only; not on ${Deno.build.os}`
  : (() => {
    try {
      Deno.statSync(WINE_DENO);
    } catch {
      return `no ${WINE_DENO} (set PHLB_WINE_DENO to its path) to run phlb.cmd under Wine`;
    }
    return Deno.uid() === 0 ? undefined : "wine-deno.sh needs root (chroot)";
  })();

/** Runs in Deno's Windows build: each case's cmd.exe result, as JSON on stdout. */
const WINE_CASES = String.raw`
const [clone, work, fake] = Deno.args;
const denoDir = Deno.execPath().slice(0, Deno.execPath().lastIndexOf("\\"));
const bare = Deno.env.get("PATH") ?? "";
async function cmd(args, path, cwd = work) {
  const r = await new Deno.Command("cmd.exe", { args: ["/c", ...args], cwd, env: { PATH: path }, stdin: "null" })
    .output();
  return { code: r.code, stdout: new TextDecoder().decode(r.stdout), stderr: new TextDecoder().decode(r.stderr) };
}
const launcher = clone + "\\phlb.cmd";
const results = {
  flags: await cmd([launcher, "backup", "src"], fake + ";" + bare),
  backup: await cmd([launcher, "backup", "src", "root"], denoDir + ";" + bare),
  usage: await cmd([launcher, "backup"], denoDir + ";" + bare),
  helper: await cmd([launcher, "helper", work + "\\Docs"], denoDir + ";" + bare),
};
Deno.writeTextFileSync(work + "\\Docs\\PyHardLinkBackup.ini", "BACKUP_PATH = ..\\backups\r\n", { append: true });
const script = work + "\\Docs\\phlb_backup_this_directory.cmd";
results.script = await cmd([script, "--no-pause"], denoDir + ";" + bare, clone);
// As a double-click starts it (cmd.exe runs only the script): it pauses after phlb, so it went on.
results.clicked = await cmd([script], denoDir + ";" + bare, clone);
results.noDeno = await cmd([launcher, "version"], bare);
// The clone's folder on PATH: "phlb" is phlb.cmd, never the POSIX launcher beside it.
results.onPath = await cmd(["phlb", "version"], clone + ";" + denoDir + ";" + bare);
console.log(JSON.stringify(results));
`;

Deno.test({
  name:
    "phlb.cmd under Wine: the task's flags, the caller's folder, phlb's exit codes, helper scripts made from source",
  ignore: wineReason !== undefined,
  fn: async () => {
    await withTempDir(async (t) => {
      // Wine sees /tmp as it is; the clone's files go there, and every path below is a Z:\ path.
      const win = (p: string) => `Z:${p.replaceAll("/", "\\")}`;
      const clone = `${t}/clone`;
      Deno.mkdirSync(clone);
      for (const f of ["main.ts", "deno.json", "deno.lock", "phlb", "phlb.cmd", "src"]) {
        const r = await run("cp", ["-R", `${CLONE}/${f}`, `${clone}/${f}`], { cwd: t, env: {} });
        assertEquals(r.code, 0, r.stderr);
      }
      writeTree(`${t}/work`, { "src/a.txt": "alpha", "Docs/letter.txt": "Dear …" });
      // A stand-in deno.cmd: says it is the pinned version, or prints the arguments it was given.
      Deno.mkdirSync(`${t}/fake`);
      Deno.writeTextFileSync(
        `${t}/fake/deno.cmd`,
        [
          "@echo off",
          `if "%~1"=="--version" goto version`,
          "echo %*",
          "echo node shim off: %DENO_DISABLE_NODE_SHIM%",
          "exit /b 7",
          ":version",
          `echo deno ${DENO_VERSION} (stable, release, fake)`,
        ].join("\r\n") + "\r\n",
      );
      Deno.writeTextFileSync(`${t}/cases.js`, WINE_CASES);
      const r = await run(
        WINE_DENO,
        [
          "run",
          `${t}/work`,
          "run",
          "-A",
          win(`${t}/cases.js`),
          win(clone),
          win(`${t}/work`),
          win(`${t}/fake`),
        ],
        { cwd: t, env: { PATH: Deno.env.get("PATH") ?? "" } },
      );
      assertEquals(r.code, 0, r.stderr);
      const results = JSON.parse(r.stdout) as Record<string, Run>;

      const quoted = (p: string) => `"${win(p)}"`;
      assertEquals(results.flags.code, 7, results.flags.stderr);
      const [flagsLine, shimLine] = results.flags.stdout.trimEnd().split(/\r?\n/);
      assertEquals(shimLine, "node shim off: 1");
      assertEquals(
        flagsLine,
        [
          "run",
          "--quiet",
          "--config",
          quoted(`${clone}/deno.json`),
          ...runtimeFlags(),
          quoted(`${clone}/main.ts`),
        ]
          .concat(["backup", "src"]).join(" "),
      );
      assertEquals(results.backup.code, 0, results.backup.stderr);
      assertEquals(
        snapshots(`${t}/work/root`, "src").length,
        1,
        "the relative source and DEST were the caller's",
      );
      assertEquals(results.usage.code, 2, results.usage.stderr);
      assertIncludes(results.usage.stderr, "missing required argument");

      assertEquals(results.helper.code, 0, results.helper.stderr);
      assertIncludes(results.helper.stdout, `The scripts run ${win(clone)}\\phlb.cmd`);
      assertIncludes(
        Deno.readTextFileSync(`${t}/work/Docs/phlb_backup_this_directory.cmd`),
        `if exist "${win(clone)}\\phlb.cmd" set "PHLB_EXE=${win(clone)}\\phlb.cmd"`,
      );
      assertEquals(results.script.code, 0, results.script.stderr);
      assertIncludes(results.script.stdout, `Snapshot ${win(t)}\\work\\backups\\Docs\\`);
      assert(!/press any key/i.test(results.script.stdout), results.script.stdout);
      assertEquals(results.clicked.code, 0, results.clicked.stderr);
      assert(/press any key/i.test(results.clicked.stdout), results.clicked.stdout);
      assertEquals(snapshots(`${t}/work/backups`, "Docs").length, 2);

      assertEquals(results.onPath.code, 0, results.onPath.stderr);
      assertIncludes(results.onPath.stdout, "running from source");

      assertEquals(results.noDeno.code, 1);
      assertEquals(results.noDeno.stdout, "");
      assertIncludes(
        results.noDeno.stderr,
        `phlb: needs Deno ${DENO_VERSION} (deno) or Node.js (npx) on PATH`,
      );
    });
  },
});
