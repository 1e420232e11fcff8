/**
 * End-to-end: PyHardLinkBackup.ini and the exclude options shape real backups; `phlb config`.
 * Every run gets HOME in its temp folder, so the real home config is never read or written.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlb, type RunResult, sh, testSkippedOn, withTempDir, writeTree } from "./helpers.ts";

// Ignored where they cannot apply, with the reason printed.
const test = testSkippedOn(
  "windows",
  "lists snapshots with bash, find, sed and ls; the stand-in editor is a shell script",
);

function run(t: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return phlb(args, { cwd: options.cwd ?? t, env: { HOME: `${t}/home`, ...options.env } });
}

/** The regular files of a snapshot, sorted, "/"-separated. */
async function filesIn(dir: string): Promise<string[]> {
  const r = await sh(`cd '${dir}' && find . -type f | sed 's|^\\./||' | sort`);
  return r.stdout.trim().split("\n").filter((l) => l !== "");
}

function only(r: RunResult): RunResult {
  assertEquals(r.code, 0, r.stderr);
  return r;
}

test("cli: the ini's SKIP_DIRS, SKIP_PATTERNS, SUB_DIR_FORMATTER and BACKUP_PATH shape a real backup", async () => {
  await withTempDir(async (t) => {
    Deno.mkdirSync(`${t}/home`);
    writeTree(`${t}/work`, {
      "PyHardLinkBackup.ini": [
        "[backup]",
        "BACKUP_PATH = ../root",
        "SUB_DIR_FORMATTER = snap-%Y%m%d-%H%M%S",
        "SKIP_DIRS = build, skipme",
        "SKIP_PATTERNS = *.log, old-*",
      ].join("\n"),
      "src/keep.txt": "k",
      "src/a.log": "l",
      "src/sub/b.log": "l",
      "src/build/x.o": "o",
      "src/deep/skipme/y": "y",
      "src/old-photos/z.jpg": "z",
      "src/old-notes.txt": "n",
      // The file's SKIP_DIRS replaces the default (__pycache__, temp): temp is backed up.
      "src/temp/t.txt": "t",
    });
    // No DEST: the root is BACKUP_PATH, relative to the ini's folder.
    const r = only(await run(t, ["backup", "src", "-v", "--json"], { cwd: `${t}/work` }));
    const summary = JSON.parse(r.stdout);
    assertEquals(summary.root, `${t}/root`);
    assert(/^snap-\d{8}-\d{6}$/.test(summary.snapshot), summary.snapshot);
    assertEquals(summary.snapshotPath, `${t}/root/src/${summary.snapshot}`);
    assertEquals(await filesIn(summary.snapshotPath), ["keep.txt", "temp/t.txt"]);
    assertEquals(summary.excluded, 6);
    for (
      const line of [
        `excluded: "a.log" (SKIP_PATTERNS "*.log")`,
        `excluded: "sub/b.log" (SKIP_PATTERNS "*.log")`,
        `excluded: "old-photos" (SKIP_PATTERNS "old-*")`,
        `excluded: "old-notes.txt" (SKIP_PATTERNS "old-*")`,
        `excluded: "build" (SKIP_DIRS "build")`,
        `excluded: "deep/skipme" (SKIP_DIRS "skipme")`,
      ]
    ) assertIncludes(r.stderr, line);
    // The second run finds the first snapshot under its custom name and links unchanged files.
    const again = JSON.parse(
      only(await run(t, ["backup", "src", "--json", "-q"], { cwd: `${t}/work` })).stdout,
    );
    assertEquals(again.previous, summary.snapshot);
    assertEquals(again.unchangedLinked, 2);
  });
});

test("cli: the default SKIP_DIRS and SKIP_PATTERNS apply without an ini", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a.txt": "a", "x.pyc": "p", "y.tmp": "t", "temp/z": "z", "__pycache__/c": "c" });
    const s = JSON.parse(only(await run(t, ["backup", "src", `${t}/root`, "--json"])).stdout);
    assertEquals(await filesIn(s.snapshotPath), ["a.txt"]);
    assertEquals(s.excluded, 4);
  });
});

test("cli: CACHEDIR.TAG (on by default), --no-exclude-caches, --exclude-if-present, --exclude-from", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, {
      "keep.txt": "k",
      "cache/CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# made by a browser\n",
      "cache/blob": "b",
      // Without the signature it is no cache tag: kept.
      "notcache/CACHEDIR.TAG": "hello",
      "private/.nobackup": "",
      "private/secret.txt": "s",
      "x.bak": "b",
      "docs/drafts/d.txt": "d",
      "docs/final.txt": "f",
    });
    writeTree(t, { "list.txt": "# my excludes\n\n*.bak\r\n  docs/drafts/  \n" });
    const r = only(
      await run(t, [
        "backup",
        "src",
        `${t}/root`,
        "-v",
        "--exclude-if-present",
        ".nobackup",
        "--exclude-from",
        "list.txt",
      ]),
    );
    const snap = (await sh(`ls -d '${t}/root/src/'*/ | head -1`)).stdout.trim();
    assertEquals(await filesIn(snap), ["docs/final.txt", "keep.txt", "notcache/CACHEDIR.TAG"]);
    assertIncludes(r.stdout.replace(/: +/g, ": "), "excluded: 4 (list them with -v)");
    assertIncludes(r.stderr, `excluded: "cache" (CACHEDIR.TAG)`);
    assertIncludes(r.stderr, `excluded: "private" (marker file ".nobackup")`);
    assertIncludes(r.stderr, `excluded: "x.bak" (--exclude-from list.txt:3 "*.bak")`);
    assertIncludes(r.stderr, `excluded: "docs/drafts" (--exclude-from list.txt:4 "docs/drafts/")`);

    const all = JSON.parse(
      only(await run(t, ["backup", "src", `${t}/root`, "--no-exclude-caches", "--json"])).stdout,
    );
    assertEquals(all.excluded, 0);
    assert((await filesIn(all.snapshotPath)).includes("cache/blob"));

    const missing = await run(t, ["backup", "src", `${t}/root`, "--exclude-from", "nope.txt"]);
    assertEquals(missing.code, 1);
    assertIncludes(missing.stderr, `Cannot read the exclude list "nope.txt"`);
  });
});

test("cli: a bad ini stops the backup with file, line and key; an unknown key only warns", async () => {
  await withTempDir(async (t) => {
    writeTree(t, { "src/a.txt": "a" });
    const ini = `${t}/PyHardLinkBackup.ini`;
    Deno.writeTextFileSync(ini, "[backup]\nMAX_LINKS = many\n");
    const bad = await run(t, ["backup", "src", `${t}/root`]);
    assertEquals(bad.code, 1);
    assertIncludes(bad.stderr, `error: bad config: ${ini}:2: MAX_LINKS: "many" is not a whole number`);
    assertIncludes(bad.stderr, "hint: fix the line");
    // Nothing was written.
    assertEquals((await sh(`ls '${t}/root' 2>&1`)).code, 2);

    Deno.writeTextFileSync(ini, "[backup]\nSKIP_DIRS = temp\nthis is not ini\n");
    const broken = await run(t, ["backup", "src", `${t}/root`]);
    assertEquals(broken.code, 1);
    assertIncludes(broken.stderr, `${ini}:3: cannot read "this is not ini"`);

    Deno.writeTextFileSync(ini, "[backup]\nSKIP_DIRS = temp\nCOLOUR = blue\n");
    const warned = await run(t, ["backup", "src", `${t}/root`]);
    assertEquals(warned.code, 0, warned.stderr);
    assertIncludes(warned.stderr, `warning: ${ini}:3: COLOUR: unknown key, ignored`);
    // -q silences warnings.
    const quiet = await run(t, ["backup", "src", `${t}/root`, "-q"]);
    assertEquals(quiet.stderr, "");
  });
});

Deno.test("cli: config --show and backup -v say where each value came from: default, file:line, flag", async () => {
  await withTempDir(async (t) => {
    writeTree(t, { "w/src/a.txt": "a", "home/.keep": "" });
    const ini = `${t}/w/PyHardLinkBackup.ini`;
    Deno.writeTextFileSync(ini, "[backup]\n\nMAX_LINKS = 100\nEXCLUDE_IF_PRESENT = .skip\n");
    const show = only(await run(t, ["config", "--show"], { cwd: `${t}/w` }));
    assertEquals(show.stdout.split("\n")[0], `config file: ${ini}`);
    assert(/^MAX_LINKS +=  ?100 +\(.*PyHardLinkBackup\.ini:3\)$/m.test(show.stdout), show.stdout);
    assertIncludes(show.stdout, `(${ini}:3)`);
    assert(/^DEDUP += exact +\(default\)$/m.test(show.stdout), show.stdout);
    assert(/^BACKUP_PATH += .*\/home\/PyHardLinkBackups +\(default\)$/m.test(show.stdout), show.stdout);

    const v = only(
      await run(
        t,
        ["backup", "src", `${t}/root`, "-v", "--dedup", "content", "--exclude-if-present", ".nb"],
        {
          cwd: `${t}/w`,
        },
      ),
    );
    assert(/^ {2}DEDUP += content +\(--dedup\)$/m.test(v.stderr), v.stderr);
    assert(new RegExp(`^ {2}BACKUP_PATH += ${t}/root +\\(DEST\\)$`, "m").test(v.stderr), v.stderr);
    assert(
      new RegExp(`^ {2}EXCLUDE_IF_PRESENT += \\.skip, \\.nb +\\(--exclude-if-present \\+ ${ini}:4\\)$`, "m")
        .test(v.stderr),
      v.stderr,
    );
    assert(/^ {2}LOGGING_LEVEL += INFO +\(-v\)$/m.test(v.stderr), v.stderr);

    assertEquals(only(await run(t, ["config", "--path"], { cwd: `${t}/w` })).stdout, `${ini}\n`);
    const none = await run(t, ["config", "--path"]);
    assertEquals(none.code, 1);
    assertIncludes(none.stderr, "No PyHardLinkBackup.ini found");
    const both = await run(t, ["config", "--path", "--show"], { cwd: `${t}/w` });
    assertEquals([both.code, both.stdout], [2, ""]);
    assertIncludes(both.stderr, "give --show or --path, not both");
  });
});

Deno.test("cli: config --show lists every problem and exits 1 on errors", async () => {
  await withTempDir(async (t) => {
    const ini = `${t}/PyHardLinkBackup.ini`;
    Deno.writeTextFileSync(ini, "MAX_LINKS = x\nWHAT = 1\nDEDUP = maybe\n");
    const r = await run(t, ["config", "--show"]);
    assertEquals(r.code, 1);
    assertIncludes(r.stdout, "MAX_LINKS");
    assertIncludes(r.stderr, `error: ${ini}:1: MAX_LINKS:`);
    assertIncludes(r.stderr, `warning: ${ini}:2: WHAT: unknown key`);
    assertIncludes(r.stderr, `error: ${ini}:3: DEDUP: "maybe" is not one of exact, content`);
    assertIncludes(r.stderr, "has 2 errors");
  });
});

test("cli: phlb config creates the home ini (never overwriting it) and opens it in $VISUAL, else $EDITOR", async () => {
  await withTempDir(async (t) => {
    Deno.mkdirSync(`${t}/home`);
    Deno.mkdirSync(`${t}/elsewhere`);
    // The "editor" notes which file it got and sets a key, as a user would.
    writeTree(t, { "ed.sh": `#!/bin/sh\necho "$1" > '${t}/edited'\necho 'MAX_LINKS = 7' >> "$1"\n` });
    Deno.chmodSync(`${t}/ed.sh`, 0o755);
    const home = `${t}/home/PyHardLinkBackup.ini`;
    const env = { VISUAL: `${t}/ed.sh`, EDITOR: "/bin/false" };
    const r = only(await run(t, ["config"], { cwd: `${t}/elsewhere`, env }));
    assertIncludes(r.stdout, `Created ${home}`);
    assertEquals(Deno.readTextFileSync(`${t}/edited`).trim(), home);
    const text = Deno.readTextFileSync(home);
    assertIncludes(text, "# BACKUP_PATH = ~/PyHardLinkBackups");
    assertIncludes(text, "# SKIP_DIRS = __pycache__, temp");
    assertIncludes(r.stdout, `Checked ${home}: no problems`);
    const show = only(await run(t, ["config", "--show"], { cwd: `${t}/elsewhere` }));
    const line = text.split("\n").length - 1;
    assert(new RegExp(`^MAX_LINKS += 7 +\\(${home}:${line}\\)$`, "m").test(show.stdout), show.stdout);

    const second = only(await run(t, ["config"], { cwd: `${t}/elsewhere`, env: { VISUAL: "", EDITOR: "" } }));
    assert(!second.stdout.includes("Created"), second.stdout);
    assertIncludes(second.stdout, `The config in use is ${home}`);
    assertIncludes(second.stdout, "set EDITOR");
    assertEquals(Deno.readTextFileSync(home), text);

    const failing = await run(t, ["config"], { cwd: `${t}/elsewhere`, env: { VISUAL: "/bin/false" } });
    assertEquals(failing.code, 1);
    assertIncludes(failing.stderr, `The editor "/bin/false" ended with code 1`);
  });
});

Deno.test("cli: config and helper --help end with the exit codes", async () => {
  for (const args of [["config", "--help"], ["helper", "--help"]]) {
    const r = await phlb(args);
    assertEquals(r.code, 0);
    assertIncludes(r.stdout, "Exit codes:");
  }
});

test("cli: DEDUP, MAX_LINKS, EXCLUDE_CACHES, EXCLUDE_IF_PRESENT and LOGGING_LEVEL from the ini", async () => {
  await withTempDir(async (t) => {
    const files: Record<string, string> = {
      "cache/CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n",
      "mine/.keep-out": "",
      "mine/x": "x",
    };
    for (const n of ["a", "b", "c", "d"]) files[n] = "same bytes";
    writeTree(`${t}/src`, files);
    for (const [i, n] of ["a", "b", "c", "d"].entries()) {
      Deno.utimeSync(`${t}/src/${n}`, 1_600_000_000 + i, 1_600_000_000 + i);
    }
    writeTree(t, {
      "PyHardLinkBackup.ini": [
        "DEDUP = content",
        "MAX_LINKS = 2",
        "EXCLUDE_CACHES = no",
        "EXCLUDE_IF_PRESENT = .keep-out",
        "LOGGING_LEVEL = ERROR",
      ].join("\n"),
    });
    const r = only(await run(t, ["backup", "src", `${t}/root`]));
    // ERROR: as -q, only the one-line verdict when all went well.
    assertEquals(r.stderr, "");
    assert(/^Snapshot .*: 5 files \(84 B\), 0 errors, .* new\n$/.test(r.stdout), r.stdout);
    const snap = (await sh(`ls -d '${t}/root/src/'*/ | head -1`)).stdout.trim();
    assertEquals(await filesIn(snap), ["a", "b", "c", "cache/CACHEDIR.TAG", "d"]);
    const inodes = ["a", "b", "c", "d"].map((n) => Deno.statSync(`${snap}/${n}`));
    // Content alone decides, at most 2 links per inode: a+b and c+d.
    assertEquals(inodes[0].ino, inodes[1].ino);
    assertEquals(inodes[2].ino, inodes[3].ino);
    assert(inodes[0].ino !== inodes[2].ino);
    // The consequence the README states: b shows a's mtime, not its own.
    assertEquals(inodes[1].mtime!.getTime(), 1_600_000_000_000);
  });
});

test("cli: DEDUP = content links show the first copy's mtime; verify accepts it and the next run links unread", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { a: "same bytes", b: "same bytes", c: "other" });
    Deno.utimeSync(`${t}/src/a`, 1_600_000_000, 1_600_000_000);
    Deno.utimeSync(`${t}/src/b`, 1_600_000_100, 1_600_000_100);
    writeTree(t, { "PyHardLinkBackup.ini": "DEDUP = content\n" });
    const first = await run(t, ["backup", "src", `${t}/root`, "--json"]);
    assertEquals(first.code, 0, first.stderr);
    assertEquals(JSON.parse(first.stdout).dedupLinked, 1);
    const snap = (await sh(`ls -d '${t}/root/src/'*/ | head -1`)).stdout.trim();
    assertEquals(Deno.statSync(`${snap}/b`).mtime!.getTime(), 1_600_000_000_000);
    // Not damage: verify and the scrub accept the shared metadata...
    const verify = await run(t, ["verify", "--root", `${t}/root`]);
    assertEquals(verify.code, 0, verify.stdout + verify.stderr);
    const scrub = await run(t, ["verify", "--root", `${t}/root`, "--max-duration", "1h"]);
    assertEquals(scrub.code, 0, scrub.stdout + scrub.stderr);
    // ...and the next run links every unchanged file unread, b included.
    const again = await run(t, ["backup", "src", `${t}/root`, "--json"]);
    assertEquals(again.code, 0, again.stderr);
    const summary = JSON.parse(again.stdout);
    assertEquals([summary.unchangedLinked, summary.dedupLinked, summary.copied], [3, 0, 0]);
    assertEquals((await run(t, ["verify", "--root", `${t}/root`, "--all"])).code, 0);
    // The metadata a verify still checks: a changed mode on a's copy (b's too: one inode) is reported.
    Deno.chmodSync(`${snap}/a`, 0o600);
    const damaged = await run(t, ["verify", "--root", `${t}/root`, "--all", "--fast"]);
    assertEquals(damaged.code, 4, damaged.stdout);
    assertIncludes(damaged.stdout, "permissions are 0600");
  });
});
