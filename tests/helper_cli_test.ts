/**
 * End-to-end: `phlb helper DIR`, then the script it wrote, run with bash, makes a real backup.
 * The script falls back to `phlb` on PATH (we run from source, not a compiled binary), so PATH gets
 * a tiny `phlb` wrapper that runs main.ts with the shipped permission flags.
 * @module
 */
import { assertEquals, assertIncludes } from "./assert.ts";
import {
  nativePath,
  onlyOn,
  phlb,
  phlbCommandArgs,
  sh,
  snapshots,
  testSkippedOn,
  withTempDir,
  writeTree,
} from "./helpers.ts";

// Ignored where they cannot apply, with the reason printed.
const test = testSkippedOn(
  ["windows", "darwin"],
  "runs the .sh helper with bash on a file name that is not valid UTF-8 (Linux filesystems only)",
);

function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

test("cli: the helper script backs up its own folder from anywhere and exits with phlb's exit code", async () => {
  await withTempDir(async (t) => {
    const bin = `${t}/bin`;
    Deno.mkdirSync(bin);
    // Without --allow-ffi: the Deno-API fallback cannot open a name that is not valid UTF-8, which
    // makes the item error (exit 3) below; with it, such a name is simply backed up.
    const argv = [Deno.execPath(), ...phlbCommandArgs([]).filter((f) => f !== "--allow-ffi")].map(shQuote)
      .join(" ");
    Deno.writeTextFileSync(`${bin}/phlb`, `#!/bin/sh\nexec ${argv} "$@"\n`);
    Deno.chmodSync(`${bin}/phlb`, 0o755);
    const env = { HOME: `${t}/home`, NO_COLOR: "1", PATH: `${bin}:${Deno.env.get("PATH")}` };

    // The stick's ini puts the root beside the data; the helper's new ini must keep pointing there.
    writeTree(`${t}/stick`, {
      "PyHardLinkBackup.ini": "[backup]\nBACKUP_PATH = Backups\n",
      "Docs/letter.txt": "Dear …",
      "Docs/sub/notes.txt": "notes",
    });
    const made = await phlb(["helper", `${t}/stick/Docs`], { env });
    assertEquals(made.code, 0, made.stderr);
    assertIncludes(made.stdout, `created  ${t}/stick/Docs/phlb_backup_this_directory.sh`);
    assertIncludes(made.stdout, "Copied BACKUP_PATH");
    assertIncludes(
      Deno.readTextFileSync(`${t}/stick/Docs/PyHardLinkBackup.ini`),
      "\nBACKUP_PATH = ../Backups\n",
    );

    const script = `${t}/stick/Docs/phlb_backup_this_directory.sh`;
    const runScript = async (args: string[] = []) => {
      const r = await new Deno.Command("bash", {
        args: [script, ...args],
        cwd: "/",
        env,
        stdout: "piped",
        stderr: "piped",
      })
        .output();
      return {
        code: r.code,
        stdout: new TextDecoder().decode(r.stdout),
        stderr: new TextDecoder().decode(r.stderr),
      };
    };
    const first = await runScript();
    assertEquals(first.code, 0, first.stderr);
    assertIncludes(first.stdout, `Snapshot ${t}/stick/Backups/Docs/`);
    const snaps = snapshots(`${t}/stick/Backups`, "Docs");
    assertEquals(snaps.length, 1);
    const snap = `${t}/stick/Backups/Docs/${snaps[0]}`;
    assertEquals(Deno.readTextFileSync(`${snap}/sub/notes.txt`), "notes");
    // The scripts and the ini are part of the folder, so they are backed up too.
    assertEquals(Deno.readTextFileSync(`${snap}/letter.txt`), "Dear …");

    // A file that cannot be read: phlb exits 3, and so does the script.
    await sh(`touch "${t}/stick/Docs/bad-$(printf '\\xff')-name"`);
    const failed = await runScript(["-q"]);
    assertEquals(failed.code, 3, failed.stderr);
    assertIncludes(failed.stderr, "not valid UTF-8");
    assertEquals(snapshots(`${t}/stick/Backups`, "Docs").length, 2);

    // A fatal error (here a broken ini beside the script): exit 1.
    Deno.writeTextFileSync(`${t}/stick/Docs/PyHardLinkBackup.ini`, "BACKUP_PATH = ../Backups\nnonsense\n");
    const fatal = await runScript();
    assertEquals(fatal.code, 1);
    assertIncludes(fatal.stderr, `${t}/stick/Docs/PyHardLinkBackup.ini:2: cannot read "nonsense"`);

    // Made again, the scripts are replaced and the user's ini is kept as it is.
    const again = await phlb(["helper", `${t}/stick/Docs`], { env });
    assertIncludes(again.stdout, "kept (exists; not changed)");
    assertEquals(
      Deno.readTextFileSync(`${t}/stick/Docs/PyHardLinkBackup.ini`),
      "BACKUP_PATH = ../Backups\nnonsense\n",
    );
  });
});

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
      // From source there is no phlb.exe: `phlb` on PATH is a .cmd that runs main.ts, as the
      // shim `deno install` makes. The helper finds it with `where phlb`.
      const bin = nativePath(`${t}/bin`);
      Deno.mkdirSync(bin);
      const argv = [Deno.execPath(), ...phlbCommandArgs([])].map((w) => `"${w}"`).join(" ");
      Deno.writeTextFileSync(`${bin}\\phlb.cmd`, `@echo off\r\n${argv} %*\r\n`);
      const env = { HOME: nativePath(`${t}/home`), NO_COLOR: "1", PATH: `${bin};${Deno.env.get("PATH")}` };

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
