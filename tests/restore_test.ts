import { assert, assertEquals, assertIncludes } from "./assert.ts";
import {
  filesUnder,
  ino,
  IS_WINDOWS,
  NO_SYMLINKS,
  onlyOn,
  phlb,
  setMtime,
  skipUnless,
  snapshots,
  symlinkSkipReason,
  symlinkSync,
  testSkippedOn,
  treeState,
  UNDER_WINE,
  withTempDir,
  writeTree,
} from "./helpers.ts";
import { hashFileSync } from "../src/fs/hash.ts";
import { runBackup } from "../src/backup/engine.ts";
import { runRestore } from "../src/restore/restore.ts";
import { resolveSnapshotRef } from "../src/store/ref.ts";
import type { ItemProblem } from "../src/errors.ts";

/**
 * Type, mode and owner (where the platform has them), mtime (ms, files and folders), size, content
 * hash or link target of every entry: what a round trip must keep.
 */
function describe(dir: string): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string) => {
    for (const e of Deno.readDirSync(abs)) {
      const p = `${abs}/${e.name}`;
      const r = `${rel}/${e.name}`;
      const st = Deno.lstatSync(p);
      const type = st.isSymlink ? "l" : st.isDirectory ? "d" : "f";
      const posix = IS_WINDOWS ? "" : ` ${(st.mode! & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
      let what = "";
      if (st.isSymlink) what = `-> ${Deno.readLinkSync(p)}`;
      else if (st.isFile) what = `${st.size} ${hashFileSync(p).hash} ${st.mtime?.getTime()}`;
      else what = `${st.mtime?.getTime()}`;
      out.push(`${type}${posix} ${r} ${what}`);
      if (st.isDirectory) visit(p, r);
    }
  };
  visit(dir, ".");
  return out.sort();
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the round trip holds a path over 300 characters: not under Wine, where phlb (run with its
 * own permissions) cannot open one (tests/windows_semantics_test.ts names the limit; the
 * in-process test there covers such paths under Wine).
 */
const LONG_PATHS = !UNDER_WINE;
if (!LONG_PATHS) {
  console.log(
    "restore round trip without its >300-char path: Wine limit: realPath fails past about 260 characters",
  );
}

/**
 * A source with modes, mtimes, symlinks, empty folders, a read-only folder and a >300-char path.
 * (Windows: no modes or owners; symlinks where they can be made, with Windows targets.)
 */
function richSource(src: string): string {
  const long = LONG_PATHS
    ? ["a".repeat(100), "b".repeat(100), "c".repeat(100), "file-with-a-long-name.txt"].join("/")
    : "short-instead-of-long.txt";
  writeTree(src, {
    "plain.txt": "plain",
    "secret.txt": "secret",
    "tool.sh": "#!/bin/sh\necho hi\n",
    "docs/report.txt": "report",
    "docs/deep/notes.md": "notes",
    "ro/locked.txt": "locked",
    [long]: "long path content",
  });
  if (!IS_WINDOWS) {
    Deno.chmodSync(`${src}/secret.txt`, 0o600);
    Deno.chmodSync(`${src}/tool.sh`, 0o755);
  }
  if (NO_SYMLINKS === undefined) {
    symlinkSync(IS_WINDOWS ? "docs\\report.txt" : "docs/report.txt", `${src}/rel-link`);
    symlinkSync(IS_WINDOWS ? "C:\\Windows\\win.ini" : "/etc/hostname", `${src}/abs-link`);
    symlinkSync(IS_WINDOWS ? "missing\\target" : "missing/target", `${src}/broken-link`);
  }
  Deno.mkdirSync(`${src}/empty/nested-empty`, { recursive: true });
  if (!IS_WINDOWS) Deno.chmodSync(`${src}/empty/nested-empty`, 0o750);
  for (const [i, f] of ["plain.txt", "secret.txt", "docs/report.txt", long].entries()) {
    setMtime(`${src}/${f}`, 1_500_000_000 + i * 1000);
  }
  setMtime(`${src}/docs/deep`, 1_400_000_000);
  setMtime(`${src}/empty/nested-empty`, 1_400_000_500);
  // Owners are kept when running as root (as the tests here do); otherwise everything is ours.
  if (!IS_WINDOWS && Deno.uid() === 0) {
    Deno.chownSync(`${src}/secret.txt`, 65534, 65534);
    Deno.chownSync(`${src}/docs/deep`, 65534, 65534);
  }
  if (!IS_WINDOWS) Deno.chmodSync(`${src}/ro`, 0o555);
  setMtime(`${src}/ro`, 1_400_001_000);
  return long;
}

Deno.test("restore round trip: content, modes, mtimes, symlinks, empty folders, a >300-char path; new inodes", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    const long = richSource(src);
    if (LONG_PATHS) assert(`${t}/out/${long}`.length > 300);
    const b = await phlb(["backup", src, root, "-q"]);
    assertEquals(b.code, 0, b.stderr);
    const r = await phlb(["restore", "src@latest", `${t}/out`, "--root", root]);
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stdout, "checked against the manifest");
    assertEquals(describe(`${t}/out`), describe(src));
    assertEquals(Deno.readTextFileSync(`${t}/out/${long}`), "long path content");
    const snap = `${root}/src/${snapshots(root, "src")[0]}`;
    for (const f of ["plain.txt", "docs/report.txt", long]) {
      assert(ino(`${t}/out/${f}`) !== ino(`${snap}/${f}`), `${f} is a new inode`);
      assertEquals(Deno.lstatSync(`${t}/out/${f}`).nlink, 1);
    }
    // A sub-path by path, a single file, --include/--exclude.
    const sub = await phlb(["restore", `${snap}/docs`, `${t}/docs-only`, "--exclude", "*.md"]);
    assertEquals(sub.code, 0, sub.stderr);
    assertEquals(Deno.readTextFileSync(`${t}/docs-only/report.txt`), "report");
    assert(!exists(`${t}/docs-only/deep/notes.md`) && exists(`${t}/docs-only/deep`));
    const one = await phlb(["restore", "src@latest/tool.sh", `${t}/one`, "--root", root]);
    assertEquals(one.code, 0, one.stderr);
    assertEquals([...Deno.readDirSync(`${t}/one`)].map((e) => e.name), ["tool.sh"]);
    if (!IS_WINDOWS) assertEquals(Deno.statSync(`${t}/one/tool.sh`).mode! & 0o777, 0o755);
    const inc = await phlb(["restore", "src@latest", `${t}/inc`, "--root", root, "--include", "*.md"]);
    assertEquals(inc.code, 0, inc.stderr);
    assertEquals(treeState(`${t}/inc`).map((l) => l.split(" ")[0]), [
      ".",
      "./docs",
      "./docs/deep",
      "./docs/deep/notes.md",
    ]);
    assertEquals(filesUnder(`${t}/inc`), ["docs/deep/notes.md"]);
  });
});

Deno.test("restore --overwrite: never keeps, if-newer replaces older only, always replaces; dry run writes nothing", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    writeTree(src, { "a.txt": "from backup", "b.txt": "from backup", "new.txt": "new" });
    setMtime(`${src}/a.txt`, 1_600_000_000);
    setMtime(`${src}/b.txt`, 1_600_000_000);
    await runBackup({ source: src, root, name: "src" });
    const out = `${t}/out`;
    const seed = () => {
      writeTree(out, { "a.txt": "local older", "b.txt": "local newer" });
      setMtime(`${out}/a.txt`, 1_500_000_000);
      setMtime(`${out}/b.txt`, 1_700_000_000);
    };
    seed();
    const dry = await phlb([
      "restore",
      "src@latest",
      out,
      "--root",
      root,
      "--overwrite",
      "always",
      "--dry-run",
    ]);
    assertEquals(dry.code, 0, dry.stderr);
    assert(!exists(`${out}/new.txt`));
    assertEquals(Deno.readTextFileSync(`${out}/a.txt`), "local older");
    const read = () => ["a.txt", "b.txt", "new.txt"].map((f) => Deno.readTextFileSync(`${out}/${f}`));
    assertEquals((await phlb(["restore", "src@latest", out, "--root", root])).code, 0);
    assertEquals(read(), ["local older", "local newer", "new"]);
    Deno.removeSync(`${out}/new.txt`);
    const ifNewer = await phlb(["restore", "src@latest", out, "--root", root, "--overwrite", "if-newer"]);
    assertEquals(ifNewer.code, 0, ifNewer.stderr);
    assertEquals(read(), ["from backup", "local newer", "new"]);
    seed();
    assertEquals(
      (await phlb(["restore", "src@latest", out, "--root", root, "--overwrite", "always"])).code,
      0,
    );
    assertEquals(read(), ["from backup", "from backup", "new"]);
    assertEquals(Deno.statSync(`${out}/b.txt`).mtime!.getTime(), 1_600_000_000_000);
    assertEquals([...Deno.readDirSync(out)].filter((e) => e.name.startsWith(".phlb-restore")), []);
  });
});

Deno.test(skipUnless(!symlinkSkipReason(), `${symlinkSkipReason()}`, {
  name: "restore never writes outside TARGET: symlinks in the target, symlinks and '..' in the snapshot",
  fn: async () => {
    await withTempDir(async (t) => {
      const src = `${t}/src`;
      const root = `${t}/root`;
      const outside = `${t}/outside`;
      Deno.mkdirSync(outside);
      writeTree(outside, { "victim.txt": "untouched" });
      writeTree(src, { "sub/file.txt": "payload", "top.txt": "payload", "real/inner.txt": "payload" });
      // Links in the snapshot pointing out of it: restored as links, never followed.
      symlinkSync(outside, `${src}/escape`, "dir");
      symlinkSync(IS_WINDOWS ? "..\\..\\..\\outside" : "../../../outside", `${src}/real/up`, "dir");
      await runBackup({ source: src, root, name: "src" });
      const id = snapshots(root, "src")[0];
      // A hand-edited manifest naming paths outside the snapshot changes nothing: it is only read for hashes.
      Deno.writeTextFileSync(
        `${root}/src/${id}.sha256`,
        Deno.readTextFileSync(`${root}/src/${id}.sha256`) + `${"0".repeat(64)}  ../../outside/victim.txt\n`,
      );
      const target = `${t}/target`;
      Deno.mkdirSync(target);
      // The target holds symlinks where the snapshot has a folder and a file.
      symlinkSync(outside, `${target}/sub`, "dir");
      symlinkSync(`${outside}/victim.txt`, `${target}/top.txt`);
      const before = treeState(outside);
      for (const mode of ["never", "if-newer", "always"]) {
        const r = await phlb(["restore", "src@latest", target, "--root", root, "--overwrite", mode]);
        assertEquals(r.code, 3, `${mode}: ${r.stdout}${r.stderr}`);
        assertIncludes(r.stderr, "never follows symlinks");
        assertEquals(treeState(outside), before, mode);
        assertEquals(Deno.readTextFileSync(`${outside}/victim.txt`), "untouched");
      }
      // With --overwrite always the symlink at top.txt itself was replaced by the file, not written through.
      assert(Deno.lstatSync(`${target}/top.txt`).isFile);
      assertEquals(Deno.readTextFileSync(`${target}/top.txt`), "payload");
      assertEquals(Deno.readLinkSync(`${target}/escape`), outside);
      assertEquals(
        Deno.readLinkSync(`${target}/real/up`),
        IS_WINDOWS ? "..\\..\\..\\outside" : "../../../outside",
      );
      assert(Deno.lstatSync(`${target}/sub`).isSymlink, "the target's own symlink is left alone");
      // A sub-path with ".." or through a symlink in the snapshot is refused.
      const dots = await phlb(["restore", `src@latest/../../outside`, `${t}/x`, "--root", root]);
      assertEquals(dots.code, 2, dots.stderr);
      const through = await phlb(["restore", `src@latest/escape/victim.txt`, `${t}/y`, "--root", root]);
      assertEquals(through.code, 1, through.stderr);
      assertIncludes(through.stderr, "does not follow symlinks");
      assert(!exists(`${t}/x`) && !exists(`${t}/y/victim.txt`));
    });
  },
}));

Deno.test("restore: a file whose bytes do not match the manifest is reported (exit 3)", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "good.txt": "good", "bad.txt": "original" });
    await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src" });
    const snap = `${t}/root/src/${snapshots(`${t}/root`, "src")[0]}`;
    Deno.writeTextFileSync(`${snap}/bad.txt`, "tampered");
    const r = await phlb(["restore", snap, `${t}/out`]);
    assertEquals(r.code, 3, r.stderr);
    assertIncludes(r.stderr, '"bad.txt": restored, but the snapshot\'s copy does not match the manifest');
    assert(!r.stderr.includes("good.txt"));
    // One file named alone is checked too, under its path in the snapshot.
    writeTree(`${t}/src`, { "sub/deep.txt": "deep" });
    await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src" });
    const snap2 = `${t}/root/src/${snapshots(`${t}/root`, "src")[1]}`;
    Deno.writeTextFileSync(`${snap2}/sub/deep.txt`, "DEEP");
    const one = await phlb(["restore", `${snap2}/sub/deep.txt`, `${t}/one`]);
    assertEquals(one.code, 3, one.stderr);
    assertIncludes(
      one.stderr,
      '"sub/deep.txt": restored, but the snapshot\'s copy does not match the manifest',
    );
    const good = await phlb(["restore", `${snap2}/good.txt`, `${t}/one`]);
    assertEquals([good.code, good.stderr], [0, ""]);
  });
});

async function restoreInProcess(
  t: string,
  options: { windowsNames?: boolean; caseInsensitive?: boolean; smallFileBytes?: number },
) {
  const problems: ItemProblem[] = [];
  const summary = await runRestore({
    snapshot: resolveSnapshotRef("src@latest", { root: () => `${t}/root` }),
    target: `${t}/out`,
    ...options,
  }, { onProblem: (p) => problems.push(p) });
  return { summary, problems };
}

testSkippedOn(
  "windows",
  "makes CON, a:b and such in the source with ordinary paths; the Windows test below makes them",
)(
  "restore to Windows: invalid and reserved names are reported and skipped, never renamed",
  async () => {
    await withTempDir(async (t) => {
      const names = ["CON", "nul.txt", "a:b", "x.", "y ", "ok.txt", "COM1"];
      writeTree(`${t}/src`, Object.fromEntries(names.map((n) => [`d/${n}`, n])));
      await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src" });
      const { summary, problems } = await restoreInProcess(t, { windowsNames: true, caseInsensitive: true });
      assertEquals([...Deno.readDirSync(`${t}/out/d`)].map((e) => e.name), ["ok.txt"]);
      assertEquals(summary.errors, 6);
      assertEquals(problems.map((p) => p.path).sort(), [
        "d/COM1",
        "d/CON",
        "d/a:b",
        "d/nul.txt",
        "d/x.",
        "d/y ",
      ]);
      assertIncludes(problems.find((p) => p.path === "d/a:b")!.message, "Windows cannot hold");
    });
  },
);

testSkippedOn(
  "windows",
  "the snapshot must hold A.txt and a.txt, which only a case-sensitive filesystem can (the Windows test below restores to one)",
)("restore to a case-insensitive target: A.txt and a.txt are reported, never merged", async () => {
  await withTempDir(async (t) => {
    const outside = `${t}/outside`;
    Deno.mkdirSync(outside);
    writeTree(`${t}/src`, { "A.txt": "upper", "a.txt": "lower", "b.txt": "b", "sub/x.txt": "x" });
    // On a case-insensitive disk a symlink "Sub" and a folder "sub" would be one entry.
    Deno.renameSync(`${t}/src/sub`, `${t}/src/sub2`);
    Deno.symlinkSync(outside, `${t}/src/Sub`);
    Deno.renameSync(`${t}/src/sub2`, `${t}/src/sub`);
    await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src" });
    const { summary, problems } = await restoreInProcess(t, { caseInsensitive: true });
    assertEquals(summary.caseInsensitiveTarget, true);
    assertEquals(problems.map((p) => p.path), ["a.txt", "sub"]);
    assertIncludes(problems[0].message, 'same entry as "A.txt"');
    assertEquals(Deno.readTextFileSync(`${t}/out/A.txt`), "upper");
    assertEquals([...Deno.readDirSync(`${t}/out`)].map((e) => e.name).sort(), ["A.txt", "Sub", "b.txt"]);
    assertEquals([...Deno.readDirSync(outside)], []);
    // This Linux target is really case-sensitive: the probe says so and both are restored.
    Deno.removeSync(`${t}/out`, { recursive: true });
    // (And every file through the streaming copy instead of the in-memory one.)
    const probed = await restoreInProcess(t, { smallFileBytes: 0 });
    assertEquals([probed.summary.caseInsensitiveTarget, probed.summary.errors], [false, 0]);
    assertEquals(Deno.readTextFileSync(`${t}/out/a.txt`), "lower");
    assertEquals(Deno.readTextFileSync(`${t}/out/sub/x.txt`), "x");
    assertEquals(probed.summary.files, 4);
  });
});

Deno.test("restore: a target inside the backup root is refused, and nothing is created there", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "f.txt": "one" });
    await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src", now: new Date(2025, 0, 1) });
    Deno.writeTextFileSync(`${t}/src/f.txt`, "two");
    await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src", now: new Date(2025, 0, 2) });
    const [older, newer] = snapshots(`${t}/root`, "src").map((id) => `${t}/root/src/${id}`);
    const targets = [newer, `${newer}/new`, `${t}/root/restored/deep`];
    // Through a symlink to the root, where one can be made.
    if (NO_SYMLINKS === undefined) {
      symlinkSync(`${t}/root`, `${t}/via-link`, "dir");
      targets.push(`${t}/via-link/src/x`);
    }
    for (const target of targets) {
      const r = await phlb(["restore", older, target, "--overwrite", "always"]);
      assertEquals(r.code, 1, `${target}: ${r.stderr}`);
      assertIncludes(r.stderr, "is inside the backup root");
    }
    assertEquals(Deno.readTextFileSync(`${newer}/f.txt`), "two");
    assert(!exists(`${newer}/new`) && !exists(`${t}/root/restored`) && !exists(`${t}/root/src/x`));
  });
});

/**
 * Puts names into a snapshot folder as a snapshot made on Linux and carried over on a disk holds
 * them: through `\\\\?\\` paths, which Windows takes literally (no device names, no trailing dot or
 * space stripped), so the names exist although no ordinary path can make them.
 */
function addLiteralNames(dir: string, names: string[]): void {
  const literal = `\\\\?\\${dir.replaceAll("/", "\\")}`;
  for (const n of names) Deno.writeTextFileSync(`${literal}\\${n}`, n);
}

Deno.test(onlyOn("windows", "makes names Windows cannot hold through \\\\?\\ paths", {
  name:
    "restore on Windows: CON, NUL.txt, COM1, a trailing dot and a trailing space are reported and skipped",
  fn: async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/src`, { "d/ok.txt": "ok" });
      const b = await phlb(["backup", `${t}/src`, `${t}/root`, "--json"]);
      assertEquals(b.code, 0, b.stderr);
      const snap = JSON.parse(b.stdout).snapshotPath;
      const bad = ["CON", "NUL.txt", "COM1", "x.", "y "];
      addLiteralNames(`${snap}/d`, bad);
      assertEquals([...Deno.readDirSync(`${snap}/d`)].length, bad.length + 1, "the names are there");
      const r = await phlb(["restore", "src@latest", `${t}/out`, "--root", `${t}/root`]);
      assertEquals(r.code, 3, r.stdout + r.stderr);
      for (const n of bad) {
        assertIncludes(r.stderr, `"d/${n}": not restored: the name `);
      }
      assertIncludes(
        r.stderr,
        "is the reserved device name CON, which Windows cannot hold (it is not renamed)",
      );
      assertIncludes(r.stderr, '"d/x.": not restored: the name ends with a dot or a space');
      assertEquals([...Deno.readDirSync(`${t}/out/d`)].map((e) => e.name), ["ok.txt"]);
    });
  },
}));

Deno.test(onlyOn("windows", "restores to a Windows folder, whose names are case-insensitive", {
  name:
    "restore on Windows: the target is found case-insensitive; names it keeps apart (K and the Kelvin sign) both come back",
  fn: async () => {
    await withTempDir(async (t) => {
      // "k.txt" and "\u212A.txt" (KELVIN SIGN) are two names to Windows (and NTFS), though JavaScript's
      // toLowerCase makes both "k.txt": folding names that way would skip one of them.
      writeTree(`${t}/src`, { "k.txt": "small k", "\u212A.txt": "kelvin", "Mixed.TXT": "m" });
      assertEquals([...Deno.readDirSync(`${t}/src`)].length, 3);
      const b = await phlb(["backup", `${t}/src`, `${t}/root`, "-q"]);
      assertEquals(b.code, 0, b.stderr);
      const r = await phlb(["restore", "src@latest", `${t}/out`, "--root", `${t}/root`, "--json"]);
      assertEquals(r.code, 0, r.stdout + r.stderr);
      const s = JSON.parse(r.stdout);
      assertEquals([s.caseInsensitiveTarget, s.files, s.errors], [true, 3, 0]);
      assertEquals(Deno.readTextFileSync(`${t}/out/\u212A.txt`), "kelvin");
      assertEquals(Deno.readTextFileSync(`${t}/out/k.txt`), "small k");
      // The same name in other case reaches the same file there.
      assertEquals(Deno.readTextFileSync(`${t}/out/mixed.txt`), "m");
    });
  },
}));
