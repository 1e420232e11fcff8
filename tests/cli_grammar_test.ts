/**
 * One CLI grammar, run the way a user runs phlb: the root from -r, a positional ROOT/DEST,
 * PHLB_ROOT, the ini or the default, in that order, on every command; -q/-v/--json that mean the
 * same everywhere; usage errors that exit 2; helps with their own exit codes and examples;
 * durations in words; one rate unit; aligned summaries with right plurals.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { nativePath, phlb, snapshots, withTempDir, writeTree } from "./helpers.ts";
import { flagsOf, REPORTING, root, ROOT_COMMANDS, tree } from "./cli_grammar_fixture.ts";

Deno.test("grammar: -r/--root on every command with a root; ROOT positional for add, prune, serve", () => {
  for (const c of ROOT_COMMANDS) {
    assert(flagsOf(c).includes("-r") && flagsOf(c).includes("--root"), `${c}: ${flagsOf(c).join(" ")}`);
  }
  for (const c of ["add", "prune", "serve"]) {
    assertEquals(tree.commands.find((x) => x.name === c)!.args.map((a) => a.name), ["root"], c);
  }
  for (const c of REPORTING) {
    for (const f of ["-q", "--quiet", "-v", "--verbose", "--json"]) {
      assert(flagsOf(c).includes(f), `${c} ${f}`);
    }
  }
  for (const c of ["config", "helper", "serve", "version"]) {
    assert(flagsOf(c).includes("--json"), `${c} --json`);
  }
});

Deno.test("grammar: the root from -r, ROOT, PHLB_ROOT, the ini: one order everywhere; two roots given is exit 2", async () => {
  await withTempDir(async (t) => {
    const { root: r, ids } = await root(t);
    const env = { PHLB_ROOT: r };
    // `phlb add /mnt/backup` was "too many arguments".
    const add = await phlb(["add", r, "-q"]);
    assertEquals(add.code, 0, add.stderr);
    assertIncludes(add.stdout, `Added snapshots in ${nativePath(r)}: 0 recorded`);
    for (
      const line of [
        (_: string) => ["list", "-q"],
        (_: string) => ["verify", "-q"],
        (_: string) => ["diff", "src@latest", "-q"],
        (out: string) => ["restore", `src@${ids[0]}`, out, "-q"],
        (_: string) => ["prune", "--keep-last", "5", "-q"],
        (_: string) => ["add", "-q"],
      ]
    ) {
      const args = line(`${t}/out-env`);
      const viaEnv = await phlb(args, { env });
      assertEquals(viaEnv.code, 0, `PHLB_ROOT ${args.join(" ")}: ${viaEnv.stderr}`);
      const viaFlag = await phlb([...line(`${t}/out-env`.replace("env", "flag")), "-r", r]);
      assertEquals(viaFlag.code, 0, `-r ${args.join(" ")}: ${viaFlag.stderr}`);
      // The same answer either way (but for the restore target's name).
      const same = (text: string) => text.replace(/out-(env|flag)/, "out");
      assertEquals(same(viaFlag.stdout), same(viaEnv.stdout));
    }
    // A backup goes to PHLB_ROOT when no DEST or -r is given, and to -r over PHLB_ROOT.
    writeTree(`${t}/new`, { "n.txt": "n" });
    assertEquals((await phlb(["backup", `${t}/new`, "-q"], { env })).code, 0);
    assertEquals(snapshots(r, "new").length, 1);
    assertEquals((await phlb(["backup", `${t}/new`, "-r", `${t}/other`, "-q"], { env })).code, 0);
    assertEquals(snapshots(`${t}/other`, "new").length, 1);
    // The flag and the positional over the environment, the environment over the ini.
    writeTree(t, { "home/PyHardLinkBackup.ini": `BACKUP_PATH = ${t}/ini-root\n` });
    const home = { HOME: `${t}/home` };
    const show = async (extra: Record<string, string>) =>
      (await phlb(["config", "--show", "--json"], { env: { ...home, ...extra } })).stdout;
    assertEquals(JSON.parse(await show({})).settings.BACKUP_PATH, {
      value: nativePath(`${t}/ini-root`),
      origin: `${nativePath(`${t}/home/PyHardLinkBackup.ini`)}:1`,
    });
    assertEquals(JSON.parse(await show(env)).settings.BACKUP_PATH, {
      value: nativePath(r),
      origin: "environment PHLB_ROOT",
    });
    const text = await phlb(["config", "--show"], { env: { ...home, ...env } });
    assert(/BACKUP_PATH += .* \(environment PHLB_ROOT\)/.test(text.stdout), text.stdout);
    const listIni = await phlb(["list", "-q"], { env: home });
    assertEquals(listIni.code, 1); // the ini's root does not exist
    assertIncludes(listIni.stderr, nativePath(`${t}/ini-root`));
    assertEquals((await phlb(["list", "-q"], { env: { ...home, ...env } })).code, 0);
    assertEquals(
      (await phlb(["prune", r, "--keep-last", "9", "-q"], { env: { ...home, PHLB_ROOT: `${t}/x` } })).code,
      0,
    );
    // Two different roots on one line: a usage error, never a guess.
    for (
      const args of [
        ["backup", `${t}/new`, `${t}/a`, "-r", `${t}/b`],
        ["add", `${t}/a`, "--root", `${t}/b`],
        ["prune", `${t}/a`, "-r", `${t}/b`, "--keep-last", "1"],
        ["serve", `${t}/a`, "-r", `${t}/b`],
        ["copy", r, `${t}/a`, "-r", `${t}/b`],
      ]
    ) {
      const both = await phlb(args);
      assertEquals(both.code, 2, `${args.join(" ")}: ${both.stderr}`);
      assertIncludes(both.stderr, "the backup root is given twice");
    }
  });
});

Deno.test("grammar: -q prints problems and the one-line verdict; -v and --json on every reporting command", async () => {
  await withTempDir(async (t) => {
    const { root: r, ids } = await root(t);
    const quiet: [string[], RegExp][] = [
      [["verify", "-r", r, "-q"], /^OK: everything matches\n$/],
      [["list", "-r", r, "-q"], /^Root .*: 3 snapshots of 2 names, .* on disk\n$/],
      [
        ["diff", "src@latest", "-r", r, "-q"],
        /^1 added \(1 B\), 0 removed .* 0 metadata only, 2 unchanged\n$/,
      ],
      [
        ["restore", `src@${ids[1]}`, `${t}/q`, "-r", r, "-q"],
        /^Restored src@.* into .*: 3 files \(3 B\), 0 errors\n$/,
      ],
      [
        ["prune", r, "--keep-last", "9", "-q"],
        /^Removed 0 snapshots, freeing 0 B of file contents, about 0 B on disk\.\n$/,
      ],
      [["add", r, "-q"], /^Added snapshots in .*: 0 recorded, 0 linked, freed 0 B, 0 errors\n$/],
      [["backup", `${t}/src`, r, "-q"], /^Snapshot .*: 3 files \(3 B\), 0 errors, 0 B new\n$/],
    ];
    for (const [args, verdict] of quiet) {
      const q = await phlb(args);
      assertEquals(q.code, 0, `${args.join(" ")}: ${q.stderr}`);
      assert(verdict.test(q.stdout), `${args.join(" ")}: ${JSON.stringify(q.stdout)}`);
      assertEquals(q.stderr, "", args.join(" "));
    }
    // Damage: the problem lines, then the verdict, and nothing else.
    Deno.writeTextFileSync(`${r}/docs/${snapshots(r, "docs")[0]}/x.md`, "y");
    const damaged = await phlb(["verify", "-r", r, "-q", "docs"]);
    assertEquals(damaged.code, 4);
    assertEquals(damaged.stdout.split("\n").filter((l) => l !== "").map((l) => l.split(":")[0]), [
      "mtime",
      "content",
      "DAMAGED",
    ]);
    for (
      const args of [["verify", "-r", r, "-v", "src"], ["diff", "src@latest", "-r", r, "-v"], [
        "list",
        "-r",
        r,
        "-v",
      ]]
    ) {
      const v = await phlb(args);
      assertEquals(v.code, 0, `${args.join(" ")}: ${v.stderr}`);
    }
    const newest = snapshots(r, "src").at(-1);
    assertIncludes(
      (await phlb(["verify", "-r", r, "-v", "src"])).stderr,
      `Checking src/${newest}: 3 files (3 B)`,
    );
    assertIncludes((await phlb(["list", "-r", r, "-v"])).stdout, nativePath(`${r}/src/${ids[0]}`));
    assert(
      /action +snapshot +time +why/.test((await phlb(["prune", r, "--keep-last", "9", "-n", "-v"])).stdout),
    );
    for (
      const args of [
        ["list", "-r", r],
        ["verify", "-r", r, "src"],
        ["diff", "src@latest", "-r", r],
        ["prune", r, "--keep-last", "9", "-n"],
        ["add", r, "-n"],
        ["config", "--show"],
        ["config", "--path"],
        ["version"],
      ]
    ) {
      if (args[0] === "config" && args[1] === "--path") writeTree(t, { "home/PyHardLinkBackup.ini": "" });
      const j = await phlb([...args, "--json"], { env: { HOME: `${t}/home` } });
      assertEquals(j.code, 0, `${args.join(" ")} --json: ${j.stderr}`);
      JSON.parse(j.stdout);
    }
  });
});
