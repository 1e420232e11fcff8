/**
 * End-to-end: `phlb helper DIR`, then the script it wrote, run with bash, makes a real backup.
 * The script falls back to `phlb` on PATH (we run from source, not a compiled binary), so PATH gets
 * a tiny `phlb` wrapper that runs main.ts with the shipped permission flags.
 * @module
 */
import { assertEquals, assertIncludes } from "./assert.ts";
import { phlb, phlbCommandArgs, sh, snapshots, testSkippedOn, withTempDir, writeTree } from "./helpers.ts";

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
    assertIncludes(r.stderr, `Cannot use the folder "${t}/nope"`);
  });
});
