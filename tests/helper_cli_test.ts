/**
 * End-to-end: `phlb helper DIR` run through the clone's launcher, as a user without a compiled
 * binary runs it, then the script it wrote, run as cron runs it (another folder, a short PATH),
 * makes a real backup and exits with phlb's exit code.
 * @module
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { nativePath, onlyOn, phlb, sh, snapshots, testSkippedOn, withTempDir, writeTree } from "./helpers.ts";

const CLONE = fileURLToPath(new URL("..", import.meta.url)).replace(/[\\/]$/, "");
const LAUNCHER = `${CLONE}/phlb`;

// Ignored where they cannot apply, with the reason printed.
const linuxTest = testSkippedOn(
  ["windows", "darwin"],
  "runs the .sh helper on a path longer than Linux's PATH_MAX (4,096 bytes) for phlb's exit code 3",
);
const posixTest = testSkippedOn(
  "windows",
  "runs the .sh helper and the POSIX launcher (phlb.cmd is Windows')",
);

function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cmd` in `cwd` with this process's environment and `env` over it. */
async function run(
  cmd: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<Run> {
  const r = await new Deno.Command(cmd, { args, cwd: options.cwd, env: options.env, stdin: "null" }).output();
  return {
    code: r.code,
    stdout: new TextDecoder().decode(r.stdout),
    stderr: new TextDecoder().decode(r.stderr),
  };
}

linuxTest(
  "cli: helper made through the launcher calls it by path; the script backs up its folder from anywhere with PATH=/usr/bin:/bin and exits with phlb's exit code",
  async () => {
    await withTempDir(async (t) => {
      const home = `${t}/home`;
      // The stick's ini puts the root beside the data; the helper's new ini must keep pointing there.
      writeTree(`${t}/stick`, {
        "PyHardLinkBackup.ini": "[backup]\nBACKUP_PATH = Backups\n",
        "Docs/letter.txt": "Dear …",
        "Docs/sub/notes.txt": "notes",
      });
      const made = await run(LAUNCHER, ["helper", "Docs"], {
        cwd: `${t}/stick`,
        env: { HOME: home, NO_COLOR: "1" },
      });
      assertEquals(made.code, 0, made.stderr);
      assertIncludes(made.stdout, `created  ${t}/stick/Docs/phlb_backup_this_directory.sh`);
      assertIncludes(made.stdout, `The scripts run ${LAUNCHER} (else phlb on PATH).`);
      assertIncludes(made.stdout, "Copied BACKUP_PATH");
      assertIncludes(
        Deno.readTextFileSync(`${t}/stick/Docs/PyHardLinkBackup.ini`),
        "\nBACKUP_PATH = ../Backups\n",
      );
      const script = `${t}/stick/Docs/phlb_backup_this_directory.sh`;
      assertIncludes(Deno.readTextFileSync(script), `for candidate in ${shQuote(LAUNCHER)} `);

      // As cron runs it: another folder, PATH=/usr/bin:/bin.
      const cron = { HOME: home, NO_COLOR: "1", PATH: "/usr/bin:/bin" };
      const first = await run(script, [], { cwd: "/", env: cron });
      assertEquals(first.code, 0, first.stderr);
      assertIncludes(first.stdout, `Snapshot ${t}/stick/Backups/Docs/`);
      const snaps = snapshots(`${t}/stick/Backups`, "Docs");
      assertEquals(snaps.length, 1);
      const snap = `${t}/stick/Backups/Docs/${snaps[0]}`;
      assertEquals(Deno.readTextFileSync(`${snap}/sub/notes.txt`), "notes");
      // The scripts and the ini are part of the folder, so they are backed up too.
      assertEquals(Deno.readTextFileSync(`${snap}/letter.txt`), "Dear …");
      assert(Deno.statSync(`${snap}/phlb_backup_this_directory.sh`).isFile);

      // An item phlb cannot store (a path over 4,096 bytes): phlb exits 3, and so does the script.
      const deep = await sh(
        `cd '${t}/stick/Docs' && for i in $(seq 22); do d=$(printf "d%.0s" $(seq 200)); mkdir "$d" && cd "$d"; done && printf deep > deep.txt`,
      );
      assertEquals(deep.code, 0, deep.stderr);
      const failed = await run(script, ["-q"], { cwd: "/", env: cron });
      assertEquals(failed.code, 3, failed.stderr);
      assertIncludes(failed.stderr, "File name too long");
      assertEquals(snapshots(`${t}/stick/Backups`, "Docs").length, 2);

      // A fatal error (here a broken ini beside the script): exit 1.
      Deno.writeTextFileSync(`${t}/stick/Docs/PyHardLinkBackup.ini`, "BACKUP_PATH = ../Backups\nnonsense\n");
      const fatal = await run(script, [], { cwd: "/", env: cron });
      assertEquals(fatal.code, 1);
      assertIncludes(fatal.stderr, `${t}/stick/Docs/PyHardLinkBackup.ini:2: cannot read "nonsense"`);

      // Made again, the scripts are replaced and the user's ini is kept as it is.
      const again = await phlb(["helper", `${t}/stick/Docs`], { env: { HOME: home } });
      assertIncludes(again.stdout, "kept (exists; not changed)");
      assertEquals(
        Deno.readTextFileSync(`${t}/stick/Docs/PyHardLinkBackup.ini`),
        "BACKUP_PATH = ../Backups\nnonsense\n",
      );
    });
  },
);

posixTest(
  "cli: a helper script made from source finds the Deno it was made with when PATH has neither deno nor npx",
  async () => {
    await withTempDir(async (t) => {
      // Deno where a user's own install puts it (~/.deno/bin), which cron's PATH does not hold.
      const denoBin = `${t}/home/.deno/bin`;
      Deno.mkdirSync(denoBin, { recursive: true });
      try {
        Deno.linkSync(Deno.execPath(), `${denoBin}/deno`);
      } catch {
        Deno.copyFileSync(Deno.execPath(), `${denoBin}/deno`);
      }
      // Only the tools the script and the launcher use.
      const tools = `${t}/tools`;
      Deno.mkdirSync(tools);
      for (const tool of ["dirname", "readlink", "sed"]) {
        const found = ["/usr/bin", "/bin"].map((d) => `${d}/${tool}`).find((p) => {
          try {
            return Deno.statSync(p).isFile;
          } catch {
            return false;
          }
        });
        assert(found, `${tool} is in neither /usr/bin nor /bin`);
        Deno.symlinkSync(found, `${tools}/${tool}`);
      }
      writeTree(`${t}/Docs`, { "a.txt": "alpha" });
      const base = { HOME: `${t}/home`, NO_COLOR: "1" };
      const made = await run(LAUNCHER, ["helper", `${t}/Docs`], {
        cwd: t,
        env: { ...base, PATH: `${denoBin}:${tools}` },
      });
      assertEquals(made.code, 0, made.stderr);
      assertIncludes(made.stdout, `phlb_backup_this_directory.sh adds ${denoBin} to PATH`);
      Deno.writeTextFileSync(`${t}/Docs/PyHardLinkBackup.ini`, `BACKUP_PATH = ${t}/root\n`);

      const cron = { ...base, PATH: tools };
      // The launcher alone cannot start phlb with this PATH...
      const alone = await run(LAUNCHER, ["version"], { cwd: "/", env: cron });
      assertEquals(alone.code, 1, alone.stdout);
      assertIncludes(alone.stderr, "phlb: needs Deno");
      // ...the script can: it adds the folder of the Deno it was made with.
      const r = await run(`${t}/Docs/phlb_backup_this_directory.sh`, [], { cwd: "/", env: cron });
      assertEquals(r.code, 0, r.stderr);
      assertEquals(snapshots(`${t}/root`, "Docs").length, 1);
    });
  },
);

Deno.test("cli: helper on a missing folder is fatal", async () => {
  await withTempDir(async (t) => {
    const r = await phlb(["helper", `${t}/nope`], { env: { HOME: `${t}/home` } });
    assertEquals(r.code, 1);
    assertIncludes(r.stderr, `Cannot use the folder "${nativePath(`${t}/nope`)}"`);
  });
});

/** Runs a .cmd with cmd.exe (`cmd /c SCRIPT ARGS`), as Task Scheduler or a console would. */
async function runCmd(
  script: string,
  options: { cwd: string; env: Record<string, string>; args?: string[] },
) {
  const r = await new Deno.Command("cmd", {
    args: ["/c", script, ...(options.args ?? [])],
    cwd: options.cwd,
    env: options.env,
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

Deno.test(onlyOn("windows", "runs the .cmd helper with cmd.exe", {
  name:
    "cli: the helper .cmd, run by cmd.exe from another folder, backs up its own folder with phlb's exit code",
  fn: async () => {
    await withTempDir(async (t) => {
      // From source there is no phlb.exe: the script calls the clone's launcher phlb.cmd by its
      // path, and the launcher needs deno.exe on PATH, where a user's install of Deno puts it.
      const denoDir = dirname(Deno.execPath());
      const env = {
        HOME: nativePath(`${t}/home`),
        NO_COLOR: "1",
        PATH: `${denoDir};${Deno.env.get("PATH")}`,
      };

      writeTree(`${t}/stick`, {
        "PyHardLinkBackup.ini": "[backup]\nBACKUP_PATH = Backups\n",
        "Docs/letter.txt": "Dear …",
        "Docs/sub/notes.txt": "notes",
      });
      const docs = nativePath(`${t}/stick/Docs`);
      const made = await phlb(["helper", docs], { env });
      assertEquals(made.code, 0, made.stderr);
      const script = `${docs}\\phlb_backup_this_directory.cmd`;
      assertIncludes(made.stdout, `created  ${script}`);
      assertEquals(Deno.readTextFileSync(script).split("\r\n")[0], "@echo off");
      assertIncludes(Deno.readTextFileSync(script), nativePath(`${CLONE}/phlb.cmd`));

      Deno.mkdirSync(`${t}/elsewhere`);
      const first = await runCmd(script, { cwd: nativePath(`${t}/elsewhere`), env, args: ["--no-pause"] });
      assertEquals(first.code, 0, first.stdout + first.stderr);
      assertIncludes(first.stdout, `Snapshot ${nativePath(`${t}/stick/Backups/Docs/`)}`);
      const snaps = snapshots(`${t}/stick/Backups`, "Docs");
      assertEquals(snaps.length, 1);
      assertEquals(Deno.readTextFileSync(`${t}/stick/Backups/Docs/${snaps[0]}/sub/notes.txt`), "notes");
      // The scripts and the ini are part of the folder, so they are backed up too.
      assertEquals(
        Deno.readTextFileSync(`${t}/stick/Backups/Docs/${snaps[0]}/phlb_backup_this_directory.cmd`),
        Deno.readTextFileSync(script),
      );

      // A fatal error (a broken ini beside the script): phlb's exit code 1 comes back.
      Deno.writeTextFileSync(`${docs}\\PyHardLinkBackup.ini`, "BACKUP_PATH = ..\\Backups\r\nnonsense\r\n");
      const fatal = await runCmd(script, { cwd: nativePath(`${t}/elsewhere`), env, args: ["--no-pause"] });
      assertEquals(fatal.code, 1, fatal.stdout + fatal.stderr);
      assertIncludes(fatal.stderr, `PyHardLinkBackup.ini:2: cannot read "nonsense"`);
      assertEquals(snapshots(`${t}/stick/Backups`, "Docs").length, 1);
    });
  },
}));
