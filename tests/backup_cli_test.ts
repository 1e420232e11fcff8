import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlb, phlbCommandArgs, sh, snapshots, testSkippedOn, withTempDir, writeTree } from "./helpers.ts";

// Ignored where they cannot apply, with the reason printed. (Named like test libraries' `test` and
// `it`, so deno fmt keeps each test's layout.)
const test = testSkippedOn(
  "windows",
  "drives bash, ls and sha256sum, or sends SIGINT (not possible on Windows)",
);
const it = testSkippedOn(
  ["windows", "darwin"],
  "needs a file name that is not valid UTF-8 (Linux filesystems only)",
);

Deno.test("cli: backup exits 0, prints a summary, and --json gives the summary on stdout", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/Documents`, { "a.txt": "a", "b/c.txt": "c" });
    const r = await phlb(["backup", `${t}/Documents`, `${t}/root`]);
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stdout, "files:");
    const j = await phlb(["backup", `${t}/Documents`, `${t}/root`, "--json", "-q"]);
    assertEquals(j.code, 0, j.stderr);
    const summary = JSON.parse(j.stdout);
    assertEquals(summary.name, "Documents");
    assertEquals(summary.files, 2);
    assertEquals(summary.unchangedLinked, 2);
    assertEquals(snapshots(`${t}/root`, "Documents").length, 2);
    const saved = JSON.parse(Deno.readTextFileSync(`${t}/root/Documents/${summary.snapshot}.summary.json`));
    assertEquals(saved, summary);
  });
});

Deno.test("cli: a missing source is fatal: one error line, exit 1, no stack trace", async () => {
  await withTempDir(async (t) => {
    const r = await phlb(["backup", `${t}/nope`, `${t}/root`]);
    assertEquals(r.code, 1);
    assertEquals(r.stderr.trim(), `error: Source "${t}/nope" does not exist`);
  });
});

Deno.test("cli: usage errors exit 2", async () => {
  const a = await phlb(["backup"]);
  assertEquals(a.code, 2);
  assertIncludes(a.stderr, "missing required argument");
  const b = await phlb(["backup", "/tmp", "--no-such-flag"]);
  assertEquals(b.code, 2);
  const c = await phlb(["frobnicate"]);
  assertEquals(c.code, 2);
  // A source without a folder name needs --name.
  const d = await phlb(["backup", "/", "/tmp/phlb-never-used"]);
  assertEquals(d.code, 2);
  assertIncludes(d.stderr, "--name");
});

Deno.test("cli: every --help ends with the exit codes that command returns", async () => {
  const expected: [string[], string[], string[]][] = [
    [["--help"], ["3    done, but some items failed", "130  interrupted"], []],
    [["backup", "--help"], ["3    the snapshot was made, but some items failed", "130  interrupted"], [
      "4  ",
    ]],
    [["version", "--help"], ["0    done"], ["3  ", "130"]],
  ];
  for (const [args, present, absent] of expected) {
    const r = await phlb(args);
    assertEquals(r.code, 0);
    const codes = r.stdout.slice(r.stdout.indexOf("Exit codes:"));
    assert(codes.length > 0, r.stdout);
    for (const p of present) assertIncludes(codes, p);
    for (const a of absent) assert(!codes.includes(`\n  ${a}`), `${args[0]}: ${codes}`);
  }
});

it("cli: a failed item makes the exit code 3, and the log and stderr name it", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "ok.txt": "fine" });
    // A name that is not valid UTF-8 cannot be opened through the Deno-API fallback: an item error,
    // never a silent loss. (With --allow-ffi it is backed up: tests/fidelity_test.ts.)
    await sh(`touch "${t}/src/bad-$(printf '\\xff')-name"`);
    const r = await phlb(["backup", `${t}/src`, `${t}/root`], { noFfi: true });
    assertEquals(r.code, 3, r.stderr);
    assertIncludes(r.stderr, "not valid UTF-8");
    const snap = snapshots(`${t}/root`, "src")[0];
    const log = Deno.readTextFileSync(`${t}/root/src/${snap}.log`);
    assertIncludes(log, "ERROR");
    assertIncludes(log, "not valid UTF-8");
    assertEquals(Deno.readTextFileSync(`${t}/root/src/${snap}/ok.txt`), "fine");
  });
});

Deno.test("cli: a source inside the backup root is fatal", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/root/inner`, { "a": "a" });
    const r = await phlb(["backup", `${t}/root/inner`, `${t}/root`]);
    assertEquals(r.code, 1);
    assertIncludes(r.stderr, "is inside the backup root");
  });
});

Deno.test("cli: a second backup on a locked root is refused with a clear message", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a": "a" });
    const first = await phlb(["backup", `${t}/src`, `${t}/root`]);
    assertEquals(first.code, 0, first.stderr);
    // Hold the lock the way a running backup does (an OS lock on .phlb/lock, here from the test process).
    const lock = Deno.openSync(`${t}/root/.phlb/lock`, { read: true, write: true });
    try {
      assert(lock.tryLockSync(true));
      const r = await phlb(["backup", `${t}/src`, `${t}/root`]);
      assertEquals(r.code, 1);
      assertIncludes(r.stderr, "Backup root is in use");
    } finally {
      lock.close();
    }
    const after = await phlb(["backup", `${t}/src`, `${t}/root`]);
    assertEquals(after.code, 0, after.stderr);
  });
});

test("cli: a killed run leaves .partial, which is never taken as complete and is cleaned up", async () => {
  await withTempDir(async (t) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`d${i % 30}/f${i}.txt`] = `content ${i} `.repeat(50);
    writeTree(`${t}/src`, files);
    const child = new Deno.Command(Deno.execPath(), {
      args: phlbCommandArgs(["backup", `${t}/src`, `${t}/root`]),
      stdout: "null",
      stderr: "null",
    }).spawn();
    // Wait until the run has started writing, then kill it hard.
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const r = await sh(`ls '${t}/root/src' 2>/dev/null | grep -c partial || true`);
      if (r.stdout.trim() !== "0") break;
    }
    child.kill("SIGKILL");
    await child.status;
    const partials = (await sh(`ls '${t}/root/src' | grep '\\.partial$' || true`)).stdout.trim();
    if (partials === "") {
      // The run finished before the kill on a fast machine: nothing to check about partials.
      return;
    }
    assertEquals(snapshots(`${t}/root`, "src").length, 0);
    const r = await phlb(["backup", `${t}/src`, `${t}/root`, "--json", "-q"]);
    assertEquals(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assertEquals(summary.files, 3000);
    assertEquals(summary.previous, null);
    const left = (await sh(`ls -a '${t}/root/src'`)).stdout;
    assert(!left.includes(".partial"), left);
    const check = await sh(
      `cd '${t}/root/src/${summary.snapshot}' && sha256sum --quiet -c ../${summary.snapshot}.sha256`,
    );
    assertEquals(check.code, 0, check.stdout + check.stderr);
  });
});

test("cli: SIGINT stops cleanly with exit 130 and leaves .partial", async () => {
  await withTempDir(async (t) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 4000; i++) files[`d${i % 40}/f${i}.txt`] = `content ${i} `.repeat(40);
    writeTree(`${t}/src`, files);
    const child = new Deno.Command(Deno.execPath(), {
      args: phlbCommandArgs(["backup", `${t}/src`, `${t}/root`]),
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let started = false;
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 10));
      const r = await sh(`ls '${t}/root/src' 2>/dev/null | grep -c partial || true`);
      if (r.stdout.trim() !== "0") {
        started = true;
        break;
      }
    }
    child.kill("SIGINT");
    const out = await child.output();
    if (out.code === 0) return; // finished before the signal arrived
    assert(started);
    assertEquals(out.code, 130, new TextDecoder().decode(out.stderr));
    assertIncludes(new TextDecoder().decode(out.stderr), "interrupted");
    assertEquals(snapshots(`${t}/root`, "src").length, 0);
    const log = (await sh(`cat '${t}/root/src/'*.log`)).stdout;
    assertIncludes(log, "interrupted");
  });
});

Deno.test("cli: version", async () => {
  const r = await phlb(["version"]);
  assertEquals(r.code, 0);
  assertIncludes(r.stdout, "phlb 0.1.0");
  assertIncludes(r.stdout, `deno ${Deno.version.deno}`);
  assertIncludes(r.stdout, "running from source");
});

Deno.test("deno.json's version equals src/version.ts", async () => {
  const { VERSION } = await import("../src/version.ts");
  const { readDenoJson } = await import("../scripts/permissions.ts");
  assertEquals(readDenoJson().version, VERSION);
});

test("cli: a commit that fails (the rename refused) leaves .partial, says why in the log, and exits 1", async () => {
  if (Deno.uid() !== 0) return console.log("ignored: chattr +a needs root");
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a.txt": "a" });
    const first = await phlb(["backup", `${t}/src`, `${t}/root`]);
    assertEquals(first.code, 0, first.stderr);
    const nameDir = `${t}/root/src`;
    // An append-only folder: new entries can be made in it, none can be renamed.
    if ((await sh(`chattr +a ${nameDir}`)).code !== 0) {
      return console.log(`ignored: the filesystem of ${t} has no append-only folders (chattr +a)`);
    }
    let failed;
    try {
      failed = await phlb(["backup", `${t}/src`, `${t}/root`]);
    } finally {
      await sh(`chattr -a ${nameDir}`);
    }
    assertEquals(failed.code, 1, failed.stderr);
    assertIncludes(failed.stderr, "error:");
    const partial = [...Deno.readDirSync(nameDir)].map((e) => e.name).find((n) => n.endsWith(".partial"));
    assert(partial !== undefined, "the snapshot stays .partial");
    const id = partial.slice(0, -".partial".length);
    const log = Deno.readTextFileSync(`${nameDir}/${id}.log`);
    assert(
      / ERROR stopped before the commit, the snapshot stays \.partial: .*Operation not permitted/.test(log),
      log,
    );
    assertEquals(snapshots(`${t}/root`, "src").length, 1);
    // The next run completes and removes what the failed one left.
    const next = await phlb(["backup", `${t}/src`, `${t}/root`]);
    assertEquals(next.code, 0, next.stderr);
    assertEquals(snapshots(`${t}/root`, "src").length, 2);
    const left = [...Deno.readDirSync(nameDir)].filter((e) => e.name === id || e.name.startsWith(`${id}.`));
    assertEquals(left.map((e) => e.name), []);
  });
});

test("cli: the summary names the log when there are warnings or errors", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a.txt": "a" });
    assertEquals((await sh(`mkfifo '${t}/src/fifo'`)).code, 0);
    const r = await phlb(["backup", `${t}/src`, `${t}/root`]);
    assertEquals(r.code, 0, r.stderr);
    const snap = `${t}/root/src/${snapshots(`${t}/root`, "src")[0]}`;
    assert(r.stdout.includes(`1 (each in ${snap}.log)`) && /\n {2}warnings: +1 \(/.test(r.stdout), r.stdout);
    assertIncludes(Deno.readTextFileSync(`${snap}.log`), 'WARNING "fifo": skipped');
  });
});
