import { assert, assertEquals, assertIncludes } from "../../tests/assert.ts";
import { testSkippedOn, withTempDir, writeTree } from "../../tests/helpers.ts";
import { HELPER_SH, helperCmdScript, writeHelper } from "./helper.ts";

// Ignored where they cannot apply, with the reason printed.
const test = testSkippedOn(
  "windows",
  "runs the .sh helper with bash and POSIX modes (the .cmd test covers Windows)",
);

/** A stand-in for phlb that records its arguments and working folder, and exits with $FAKE_EXIT. */
function fakePhlb(path: string, record: string): void {
  Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  Deno.writeTextFileSync(
    path,
    `#!/bin/sh\n{ pwd; for a in "$@"; do echo "$a"; done; } > '${record}'\nexit "\${FAKE_EXIT:-0}"\n`,
  );
  Deno.chmodSync(path, 0o755);
}

async function bash(script: string, options: { cwd: string; env: Record<string, string>; args?: string[] }) {
  const r = await new Deno.Command("bash", {
    args: [script, ...(options.args ?? [])],
    cwd: options.cwd,
    env: options.env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: r.code, stderr: new TextDecoder().decode(r.stderr) };
}

test("the .sh runs the phlb it was made with, from any folder, passes its arguments and returns the exit code", async () => {
  await withTempDir(async (t) => {
    const stick = `${t}/stick`;
    fakePhlb(`${stick}/bin/phlb`, `${t}/record`);
    Deno.mkdirSync(`${stick}/Docs`);
    const files = writeHelper(`${stick}/Docs`, {
      phlbPath: `${stick}/bin/phlb`,
      os: "posix",
      version: "9.9",
    });
    assertEquals(files.map((f) => f.status), ["created", "created", "created"]);
    assert((Deno.statSync(`${stick}/Docs/${HELPER_SH}`).mode! & 0o111) !== 0);
    const env = { PATH: "/usr/bin:/bin", FAKE_EXIT: "3" };
    const r = await bash(`${stick}/Docs/${HELPER_SH}`, { cwd: t, env, args: ["--dry-run"] });
    assertEquals(r.code, 3, r.stderr);
    assertEquals(Deno.readTextFileSync(`${t}/record`), `${stick}/Docs\nbackup\n${stick}/Docs\n--dry-run\n`);

    // The stick mounted elsewhere: the absolute path is gone, the path relative to the script works.
    Deno.renameSync(stick, `${t}/moved`);
    const moved = await bash(`${t}/moved/Docs/${HELPER_SH}`, { cwd: "/", env: { ...env, FAKE_EXIT: "0" } });
    assertEquals(moved.code, 0, moved.stderr);
    assertEquals(Deno.readTextFileSync(`${t}/record`), `${t}/moved/Docs\nbackup\n${t}/moved/Docs\n`);

    // Without the binary: phlb on PATH; without that either: a clear message and exit 1.
    Deno.renameSync(`${t}/moved/bin`, `${t}/onpath`);
    const viaPath = await bash(`${t}/moved/Docs/${HELPER_SH}`, {
      cwd: t,
      env: { PATH: `${t}/onpath:/usr/bin:/bin`, FAKE_EXIT: "4" },
    });
    assertEquals(viaPath.code, 4, viaPath.stderr);
    const none = await bash(`${t}/moved/Docs/${HELPER_SH}`, { cwd: t, env: { PATH: "/usr/bin:/bin" } });
    assertEquals(none.code, 1);
    assertIncludes(none.stderr, "phlb was not found");
  });
});

test("the .sh made from source appends the Deno folder it was made with to PATH, for cron's short PATH", async () => {
  await withTempDir(async (t) => {
    // The fake phlb records PATH; the folder's name holds a space and a quote, as a home folder may.
    const record = `${t}/record`;
    Deno.mkdirSync(`${t}/clone`);
    Deno.writeTextFileSync(`${t}/clone/phlb`, `#!/bin/sh\nprintf '%s\\n' "$PATH" > '${record}'\n`);
    Deno.chmodSync(`${t}/clone/phlb`, 0o755);
    Deno.mkdirSync(`${t}/Docs`);
    const denoDir = `${t}/it's deno/bin`;
    writeHelper(`${t}/Docs`, { phlbPath: `${t}/clone/phlb`, denoDir, os: "posix", version: "1" });
    const r = await bash(`${t}/Docs/${HELPER_SH}`, { cwd: "/", env: { PATH: "/usr/bin:/bin" } });
    assertEquals(r.code, 0, r.stderr);
    assertEquals(Deno.readTextFileSync(record), `/usr/bin:/bin:${denoDir}\n`);
    // Made by a compiled binary (no denoDir), PATH is left as it is.
    writeHelper(`${t}/Docs`, { phlbPath: `${t}/clone/phlb`, os: "posix", version: "1" });
    const plain = await bash(`${t}/Docs/${HELPER_SH}`, { cwd: "/", env: { PATH: "/usr/bin:/bin" } });
    assertEquals(plain.code, 0, plain.stderr);
    assertEquals(Deno.readTextFileSync(record), "/usr/bin:/bin\n");
  });
});

Deno.test("writeHelper replaces the scripts but never the ini", async () => {
  await withTempDir((t) => {
    writeTree(t, { "PyHardLinkBackup.ini": "MINE = 1\n" });
    const files = writeHelper(t, { os: "posix", version: "1" });
    assertEquals(files.map((f) => f.status), ["created", "created", "kept"]);
    assertEquals(Deno.readTextFileSync(`${t}/PyHardLinkBackup.ini`), "MINE = 1\n");
    const again = writeHelper(t, { os: "posix", version: "1" });
    assertEquals(again.map((f) => f.status), ["replaced", "replaced", "kept"]);
    assertEquals(Deno.readTextFileSync(`${t}/PyHardLinkBackup.ini`), "MINE = 1\n");
  });
});

Deno.test("the .cmd: CRLF, the script's own folder and drive, pause only from Explorer, phlb's exit code", () => {
  const text = helperCmdScript("C:\\Users\\me\\Docs", {
    phlbPath: "C:\\Tools\\100%\\phlb.exe",
    os: "windows",
    version: "1",
  });
  assert(text.split("\r\n").every((l) => !l.includes("\n")), "every line ends with CRLF");
  const lines = text.trimEnd().split("\r\n");
  assertEquals(lines[0], "@echo off");
  assertIncludes(text, `pushd "%~dp0" || exit /b 1`);
  // % in a path is doubled, or cmd.exe would expand it.
  assertIncludes(text, `if exist "C:\\Tools\\100%%\\phlb.exe" set "PHLB_EXE=C:\\Tools\\100%%\\phlb.exe"`);
  // Same drive: also found relative to the script, whatever letter the drive gets.
  assertIncludes(text, `if not defined PHLB_EXE if exist "%~dp0..\\..\\..\\Tools\\100%%\\phlb.exe"`);
  // On PATH by full name and path: phlb.exe, else a clone's phlb.cmd launcher (never its POSIX `phlb`).
  assertIncludes(
    text,
    `if not defined PHLB_EXE for /f "delims=" %%p in ('where phlb.exe 2^>nul') do if not defined PHLB_EXE set "PHLB_EXE=%%p"`,
  );
  assertIncludes(text, `('where phlb.cmd 2^>nul')`);
  assertIncludes(text, `echo phlb was not found`);
  assertIncludes(text, `"%PHLB_EXE%" backup "%~dp0."`);
  // A batch file (a clone's launcher) is run with call, or this script would end with it.
  assertIncludes(text, `if /i "%PHLB_EXE:~-4%"==".cmd" goto run_batch`);
  assertIncludes(text, `call "%PHLB_EXE%" backup "%~dp0."`);
  assertIncludes(text, `set "PHLB_EXIT=%ERRORLEVEL%"`);
  assertIncludes(text, `if /i "%~1"=="--no-pause" goto done`);
  assertIncludes(text, `if /i not "!PHLB_CMDLINE:%~nx0=!"=="!PHLB_CMDLINE!" pause`);
  assertEquals(lines.at(-1), "exit /b %PHLB_EXIT%");
  // Another drive: no relative candidate. A POSIX binary: none at all, only phlb on PATH.
  const otherDrive = helperCmdScript("E:\\Docs", { phlbPath: "C:\\phlb.exe", os: "windows", version: "1" });
  assert(!otherDrive.includes("%~dp0.."), otherDrive);
  const fromLinux = helperCmdScript("/media/stick/Docs", {
    phlbPath: "/usr/bin/phlb",
    os: "posix",
    version: "1",
  });
  assert(!fromLinux.includes("/usr/bin/phlb"), fromLinux);
});
