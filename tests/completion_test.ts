/**
 * `phlb completion`: scripts made from the command tree. The bash one is driven for real in a
 * bash subprocess (its completion function, as Tab calls it), with a `phlb` on PATH for the
 * NAME@ID values it asks for; the others are checked to name every subcommand and option.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import {
  onlyOn,
  phlb,
  phlbCommandArgs,
  sh,
  skipUnless,
  snapshots,
  withTempDir,
  writeTree,
} from "./helpers.ts";
import { buildProgram } from "../src/commands/program.ts";
import { completionTree } from "../src/commands/completion.ts";
import { ExitCode } from "../src/errors.ts";

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

const tree = completionTree(
  buildProgram({ exitCode: ExitCode.Ok, signal: new AbortController().signal }, {
    writeOut: () => {},
    writeErr: () => {},
  }),
);

/** Runs the bash completion function on `line` (completing its last word) and returns the candidates. */
async function complete(
  script: string,
  line: string,
  env: { bin: string; home: string; cwd: string; vars?: Record<string, string> },
) {
  const words = line.split(" ");
  const program = `
source ${shellQuote(script)}
COMP_WORDS=(${words.map(shellQuote).join(" ")})
COMP_CWORD=${words.length - 1}
COMP_LINE=${shellQuote(line)}
COMP_POINT=${line.length}
_phlb
printf '%s\\n' "\${COMPREPLY[@]}"
`;
  const r = await new Deno.Command("bash", {
    args: ["--norc", "--noprofile", "-c", program],
    cwd: env.cwd,
    env: { PATH: `${env.bin}:${Deno.env.get("PATH")}`, HOME: env.home, NO_COLOR: "1", ...env.vars },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(r.stderr);
  assertEquals(err, "", `bash completing "${line}"`);
  return new TextDecoder().decode(r.stdout).split("\n").filter((l) => l !== "").sort();
}

Deno.test(onlyOn(["linux", "darwin"], "drives bash", {
  name: "completion bash: subcommands, options, choices, folders and NAME@ID from the index, run in bash",
  fn: async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/src`, { "a.txt": "a" });
      assertEquals((await phlb(["backup", `${t}/src`, `${t}/root`, "-q"])).code, 0);
      await new Promise((r) => setTimeout(r, 1100));
      assertEquals((await phlb(["backup", `${t}/src`, `${t}/root`, "-q"])).code, 0);
      writeTree(`${t}/photos`, { "p.jpg": "p" });
      assertEquals((await phlb(["backup", `${t}/photos`, `${t}/root`, "-q"])).code, 0);
      const [s1, s2] = snapshots(`${t}/root`, "src");
      const [p1] = snapshots(`${t}/root`, "photos");

      // `phlb` on PATH, as the user's shell finds it, with the test's permissions.
      Deno.mkdirSync(`${t}/bin`);
      Deno.writeTextFileSync(
        `${t}/bin/phlb`,
        `#!/bin/sh\nexec ${[Deno.execPath(), ...phlbCommandArgs([])].map(shellQuote).join(" ")} "$@"\n`,
      );
      Deno.chmodSync(`${t}/bin/phlb`, 0o755);
      const gen = await phlb(["completion", "bash"]);
      assertEquals(gen.code, 0, gen.stderr);
      Deno.writeTextFileSync(`${t}/phlb.bash`, gen.stdout);
      assertEquals((await sh(`bash -n '${t}/phlb.bash'`)).code, 0);
      Deno.mkdirSync(`${t}/home`);
      const env = { bin: `${t}/bin`, home: `${t}/home`, cwd: t };
      const c = (line: string) => complete(`${t}/phlb.bash`, line, env);

      assertEquals(await c("phlb re"), ["rebuild", "restore"]);
      assertEquals(await c("phlb --ver"), ["--version"]);
      assertEquals(await c("phlb restore --over"), ["--overwrite"]);
      assertEquals(await c("phlb restore --overwrite "), ["always", "if-newer", "never"]);
      assertEquals(await c("phlb backup --dedup c"), ["content"]);
      assertEquals(await c("phlb completion "), ["bash", "fish", "powershell", "zsh"]);
      assertEquals(await c("phlb help ver"), ["verify", "version"]);
      // The alias has the options of add.
      assertEquals(await c("phlb rebuild --dry"), ["--dry-run"]);
      // verify's repair and its dry run; after an option that takes no value, snapshots again.
      assertEquals(await c("phlb verify --rep"), ["--repair"]);
      assertEquals(await c("phlb verify --repair --dr"), ["--dry-run"]);
      // Snapshots of the root given with -r, from the index, and folders (a path is a snapshot too).
      assertEquals(await c(`phlb restore -r ${t}/root src@`), ["src@" + s1, "src@" + s2, "src@latest"]);
      assertEquals(await c(`phlb diff --root=${t}/root p`), ["photos", "photos@" + p1, "photos@latest"]);
      assertEquals(await c(`phlb verify --repair -n -r ${t}/root src@l`), ["src@latest"]);
      assertEquals(await c(`phlb verify src@${s1} -r ${t}/root ph`), [
        "photos",
        "photos@" + p1,
        "photos@latest",
      ]);
      // restore's second argument is the target: folders only.
      assertEquals(await c(`phlb restore -r ${t}/root src@latest ph`), ["photos"]);
      // No root on the line: the one every command would take (PHLB_ROOT, then the ini).
      assertEquals(await c("phlb diff src@"), []); // none there: no values, no error
      const viaEnv = await complete(`${t}/phlb.bash`, "phlb diff src@", {
        ...env,
        vars: { PHLB_ROOT: `${t}/root` },
      });
      assertEquals(viaEnv, ["src@" + s1, "src@" + s2, "src@latest"]);
      Deno.writeTextFileSync(`${t}/home/PyHardLinkBackup.ini`, `BACKUP_PATH = ${t}/root\n`);
      assertEquals(await c("phlb diff src@"), ["src@" + s1, "src@" + s2, "src@latest"]);
      assertEquals(await c("phlb prune --name ph"), ["photos"]);
      assertEquals(await c(`phlb backup ${t}/sr`), [`${t}/src`]);
      // copy: its options, --lock-wait included (also on backup and prune); --name from SRC_ROOT, not
      // from the root it writes (here the ini's, which holds no "other").
      assertEquals(await c("phlb co"), ["completion", "config", "copy"]);
      assertEquals(await c("phlb copy --lo"), ["--lock-wait"]);
      assertEquals(await c("phlb backup --lock"), ["--lock-wait"]);
      assertEquals(await c("phlb prune --lock"), ["--lock-wait"]);
      writeTree(`${t}/other`, { "o.txt": "o" });
      assertEquals((await phlb(["backup", `${t}/other`, `${t}/src2`, "-q"])).code, 0);
      assertEquals(await c(`phlb copy ${t}/src2 ${t}/dest --name o`), ["other"]);
      assertEquals(await c(`phlb copy -r ${t}/dest ${t}/root --name p`), ["photos"]);
      assertEquals(await c(`phlb copy ${t}/ro`), [`${t}/root`]);
    });
  },
}));

const POSIX = Deno.build.os !== "windows";
const hasFish = POSIX && (await sh("command -v fish")).code === 0;
const hasZsh = POSIX && (await sh("command -v zsh")).code === 0;

Deno.test(skipUnless(hasFish, "needs fish (apt-get install fish)", {
  name: "completion fish: subcommands, aliases, choices alone after their option, NAME@ID, run in fish",
  fn: async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/src`, { "a.txt": "a" });
      assertEquals((await phlb(["backup", `${t}/src`, `${t}/root`, "-q"])).code, 0);
      const [id] = snapshots(`${t}/root`, "src");
      Deno.mkdirSync(`${t}/bin`);
      Deno.writeTextFileSync(
        `${t}/bin/phlb`,
        `#!/bin/sh\nexec ${[Deno.execPath(), ...phlbCommandArgs([])].map(shellQuote).join(" ")} "$@"\n`,
      );
      Deno.chmodSync(`${t}/bin/phlb`, 0o755);
      Deno.writeTextFileSync(`${t}/phlb.fish`, (await phlb(["completion", "fish"])).stdout);
      const c = async (line: string) => {
        const r = await new Deno.Command("fish", {
          args: [
            "--no-config",
            "-c",
            `source ${shellQuote(`${t}/phlb.fish`)}; complete -C ${shellQuote(line)}`,
          ],
          cwd: t,
          env: { PATH: `${t}/bin:${Deno.env.get("PATH")}`, HOME: t, NO_COLOR: "1" },
          stdout: "piped",
          stderr: "piped",
        }).output();
        assertEquals(new TextDecoder().decode(r.stderr), "", line);
        return new TextDecoder().decode(r.stdout).split("\n").filter((l) => l !== "").map((l) =>
          l.split("\t")[0]
        )
          .sort();
      };
      assertEquals(await c("phlb re"), ["rebuild", "restore"]);
      assertEquals(await c("phlb restore --overwrite "), ["always", "if-newer", "never"]);
      assertEquals(await c("phlb completion "), ["bash", "fish", "powershell", "zsh"]);
      assertEquals(await c(`phlb diff -r ${t}/root sr`), ["src/", `src@${id}`, "src@latest"]);
      assertEquals(await c(`phlb prune -r ${t}/root --name `), ["src"]);
    });
  },
}));

Deno.test(skipUnless(hasZsh, "needs zsh (apt-get install zsh)", {
  name: "completion zsh: the script is valid zsh (zsh -n)",
  fn: async () => {
    await withTempDir(async (t) => {
      Deno.writeTextFileSync(`${t}/_phlb`, (await phlb(["completion", "zsh"])).stdout);
      const r = await sh(`zsh -n '${t}/_phlb'`);
      assertEquals(r.code, 0, r.stderr);
    });
  },
}));

Deno.test("completion: every script names every subcommand and option of the tree; a bad shell is exit 2", async () => {
  const names = tree.commands.flatMap((c) => [c.name, ...c.aliases]);
  const flags = [...tree.options, ...tree.commands.flatMap((c) => c.options)].flatMap((o) => o.flags);
  assert(names.includes("backup") && names.includes("rebuild") && flags.includes("--root"), names.join());
  assert(!names.includes("__complete"), "the hidden command is not offered");
  for (const shell of ["bash", "zsh", "fish", "powershell"]) {
    const r = await phlb(["completion", shell]);
    assertEquals(r.code, 0, r.stderr);
    for (const n of names) assertIncludes(r.stdout, n, `${shell}: ${n}`);
    for (const f of flags) {
      // fish writes -l root / -s r.
      const spelled = shell === "fish" ? (f.startsWith("--") ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`) : f;
      assertIncludes(r.stdout, spelled, `${shell}: ${f}`);
    }
    assertIncludes(r.stdout, "__complete snapshots");
  }
  const bad = await phlb(["completion", "tcsh"]);
  assertEquals(bad.code, 2);
});

Deno.test("completion: __complete never fails into the line being typed", async () => {
  await withTempDir(async (t) => {
    const r = await phlb(["__complete", "snapshots", "phlb", "restore", "-r", `${t}/nowhere`, "x"]);
    assertEquals([r.code, r.stdout, r.stderr], [0, "", ""]);
    const help = await phlb(["--help"]);
    assert(!help.stdout.includes("__complete"), "hidden from --help");
  });
});
