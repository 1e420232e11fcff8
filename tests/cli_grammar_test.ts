/**
 * One CLI grammar, run the way a user runs phlb: the root from -r, a positional ROOT/DEST,
 * PHLB_ROOT, the ini or the default, in that order, on every command; -q/-v/--json that mean the
 * same everywhere; usage errors that exit 2; helps with their own exit codes and examples;
 * durations in words; one rate unit; aligned summaries with right plurals.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import {
  IS_WINDOWS,
  nativePath,
  phlb,
  phlbCommandArgs,
  snapshots,
  withTempDir,
  writeTree,
} from "./helpers.ts";
import { startServe } from "./serve_fixture.ts";
import { completionTree } from "../src/commands/completion.ts";
import { buildProgram } from "../src/commands/program.ts";
import { ExitCode } from "../src/errors.ts";

const tree = completionTree(
  buildProgram({ exitCode: ExitCode.Ok, signal: new AbortController().signal }, {
    writeOut: () => {},
    writeErr: () => {},
  }),
);
const flagsOf = (name: string) => tree.commands.find((c) => c.name === name)!.options.flatMap((o) => o.flags);

/** The commands that work on a backup root, and those that report (a summary, a list, a result). */
const ROOT_COMMANDS = ["backup", "list", "verify", "restore", "diff", "prune", "copy", "add", "serve"];
const REPORTING = ["backup", "list", "verify", "restore", "diff", "prune", "copy", "add"];

/** A root with two snapshots of "src" and one of "docs". */
async function root(t: string): Promise<{ root: string; ids: string[] }> {
  writeTree(`${t}/src`, { "a.txt": "a", "d/b.txt": "b" });
  writeTree(`${t}/docs`, { "x.md": "x" });
  for (const args of [["backup", `${t}/src`, `${t}/root`], ["backup", `${t}/docs`, "-r", `${t}/root`]]) {
    const r = await phlb([...args, "-q"]);
    assertEquals(r.code, 0, r.stderr);
  }
  await new Promise((r) => setTimeout(r, 1100));
  writeTree(`${t}/src`, { "c.txt": "c" });
  assertEquals((await phlb(["backup", `${t}/src`, "--root", `${t}/root`, "-q"])).code, 0);
  return { root: `${t}/root`, ids: snapshots(`${t}/root`, "src") };
}

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

Deno.test("grammar: verify --repair takes the root and snapshots as verify does (-r, ROOT, PHLB_ROOT, NAME@ID); -n is its dry run, -q its verdict alone", async () => {
  await withTempDir(async (t) => {
    const { root: r } = await root(t);
    const [docs] = snapshots(r, "docs");
    const rot = () => {
      // Bit rot: other bytes, same size and mtime.
      const path = `${r}/docs/${docs}/x.md`;
      const { mtime } = Deno.statSync(path);
      Deno.writeTextFileSync(path, "y");
      Deno.utimeSync(path, mtime!, mtime!);
    };
    rot();
    // The root from PHLB_ROOT, the snapshot by NAME@ID: -n changes nothing and says what it would heal.
    const env = { PHLB_ROOT: r };
    const dry = await phlb(["verify", `docs@${docs}`, "--repair", "-n", "-q"], { env });
    assertEquals(dry.code, 4, dry.stderr);
    assertEquals(dry.stderr, "");
    assertEquals(dry.stdout.split("\n").filter((l) => l !== "").map((l) => l.split(":")[0]), [
      "content",
      "would repair",
      "DAMAGED",
    ]);
    assertEquals(Deno.readTextFileSync(`${r}/docs/${docs}/x.md`), "y");
    // --json of the dry run: the repair list, and the next step naming the real run.
    const json = JSON.parse(
      (await phlb(["verify", "docs@latest", "--repair", "-n", "--json"], { env })).stdout,
    );
    assertEquals(json.repairList.map((e: { action: string }) => e.action), ["would-repair"]);
    assertIncludes(json.next, "phlb verify --repair docs@latest");
    // -r and a root folder as the snapshot selector: the repair heals; -q prints the problem and REPAIRED.
    const fix = await phlb(["verify", "-r", r, "docs", "--repair", "-q"]);
    assertEquals(fix.code, 0, fix.stderr);
    assertEquals(fix.stdout.split("\n").filter((l) => l !== "").map((l) => l.split(":")[0]), [
      "content",
      "repaired",
      "REPAIRED",
    ]);
    assertEquals(Deno.readTextFileSync(`${r}/docs/${docs}/x.md`), "x");
    assertEquals((await phlb(["verify", r, "--all", "-q"])).stdout, "OK: everything matches\n");
    // A snapshot outside the root given, and --dry-run without --repair, are usage errors.
    Deno.mkdirSync(`${t}/other`);
    assertEquals((await phlb(["verify", "-r", `${t}/other`, `${r}/docs`, "--repair"])).code, 2);
    assertEquals((await phlb(["verify", "-r", r, "-n"])).code, 2);
  });
});

Deno.test("grammar: usage errors exit 2: a bad --name, `phlb` alone, a config --json without --show", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a": "a" });
    for (const name of ["a/b", "..", ".phlb", "."]) {
      const b = await phlb(["backup", `${t}/src`, `${t}/root`, "--name", name]);
      assertEquals(b.code, 2, `backup --name ${name}: ${b.stderr}`);
      const p = await phlb(["prune", `${t}/root`, "--name", name, "--keep-last", "1"]);
      assertEquals(p.code, 2, `prune --name ${name}: ${p.stderr}`);
    }
    // A source whose folder name cannot be a backup name: a usage error naming --name.
    writeTree(`${t}/.hidden`, { "a": "a" });
    const hidden = await phlb(["backup", `${t}/.hidden`, `${t}/root`]);
    assertEquals(hidden.code, 2, hidden.stderr);
    assertIncludes(hidden.stderr, "--name");
    assertEquals((await phlb([])).code, 2);
    assertEquals((await phlb(["config", "--json"])).code, 2);
  });
});

Deno.test("grammar: each help has examples, only its own exit codes, no '(default: [])'; durations say their unit", async () => {
  const codes: Record<string, string[]> = {
    backup: ["0", "1", "2", "3", "130"],
    list: ["0", "1", "2"],
    verify: ["0", "1", "2", "4", "130"],
    restore: ["0", "1", "2", "3", "130"],
    diff: ["0", "1", "2"],
    prune: ["0", "1", "2", "3", "130"],
    copy: ["0", "1", "2", "3", "4", "130"],
    add: ["0", "1", "2", "3", "4", "130"],
    config: ["0", "1", "2"],
    helper: ["0", "1", "2"],
    serve: ["0", "1", "2"],
    completion: ["0", "2"],
    version: ["0", "2"],
  };
  for (const c of tree.commands.filter((c) => c.name !== "help")) {
    const h = await phlb([c.name, "--help"]);
    assertEquals(h.code, 0, c.name);
    assert(!h.stdout.includes("(default: [])"), `${c.name}: (default: [])`);
    assertIncludes(h.stdout, "\nExamples:\n", c.name);
    const listed = [...h.stdout.slice(h.stdout.indexOf("Exit codes:")).matchAll(/^ {2}(\d+) /gm)].map((m) =>
      m[1]
    );
    assertEquals(listed, codes[c.name], c.name);
  }
  const verify = (await phlb(["verify", "--help"])).stdout.replace(/\s+/g, " ");
  assertIncludes(verify, "30m = 30 minutes");
  assertIncludes(verify, "m is minutes (30m); in prune's --keep-within it is months");
  const prune = (await phlb(["prune", "--help"])).stdout.replace(/\s+/g, " ");
  assertIncludes(prune, "m months (not minutes)");
  await withTempDir(async (t) => {
    await root(t);
    const plan = await phlb(["prune", `${t}/root`, "--keep-within", "30m", "--keep-last", "2", "-n"]);
    assertEquals(plan.code, 0, plan.stderr);
    assertIncludes(plan.stdout, "Rules: keep the 2 newest, every snapshot within 30 months of the newest");
    assertIncludes(plan.stdout, "within 30 months");
    const scrub = await phlb(["verify", "-r", `${t}/root`, "--max-duration", "30m"]);
    assertEquals(scrub.code, 0, scrub.stderr);
    assert(/\n {2}limit: +30 minutes \(--max-duration\)\n/.test(scrub.stdout), scrub.stdout);
  });
});

Deno.test("grammar: one rate unit (MiB/s family), aligned summary labels, right plurals", async () => {
  await withTempDir(async (t) => {
    const { root: r } = await root(t);
    const outputs = [
      (await phlb(["backup", `${t}/src`, r])).stdout,
      (await phlb(["verify", "-r", r, "src"])).stdout,
      (await phlb(["add", r])).stdout,
      (await phlb(["restore", "docs@latest", `${t}/o`, "-r", r])).stdout,
    ];
    for (const text of outputs) {
      assert(!/\bMB\/s/.test(text), text);
      // Every "  label: value" line of a summary starts its value in one column.
      const fields = text.split("\n").filter((l) => /^ {2}[a-z][a-z ,()]*: /.test(l));
      assert(fields.length >= 3, text);
      const columns = new Set(fields.map((l) => l.length - l.slice(l.indexOf(":") + 1).trimStart().length));
      assertEquals(columns.size, 1, text);
    }
    assertIncludes(outputs[1], "Verified 1 snapshot under");
    assertIncludes(outputs[1], "1 folder, 0 symlinks");
    assert(/read: +3 files, 3 B \([\d.]+ \w?i?B\/s\)/.test(outputs[1]), outputs[1]);
    assertIncludes((await phlb(["list", "-r", r, "docs"])).stdout, "docs  (1 snapshot,");
  });
});

Deno.test("grammar: the table of commands and common options in docs/cli.md is the command tree's", () => {
  const doc = Deno.readTextFileSync(new URL("../docs/cli.md", import.meta.url));
  const rows = doc.split("\n").filter((l) => /^\| `[a-z]+` /.test(l)).map((l) =>
    l.split("|").slice(1, -1).map((c) => c.trim())
  ).filter((cells) => cells.length === 7);
  const expected = tree.commands.filter((c) => c.name !== "help").map((c) => {
    const f = c.options.flatMap((o) => o.flags);
    const has = (flag: string) => f.includes(flag) ? "yes" : "–";
    const positional = c.args.find((a) => ["root", "dest", "dest_root"].includes(a.name));
    return [
      `\`${c.name}\``,
      has("--root"),
      positional ? `\`${positional.name.toUpperCase()}\`` : "–",
      has("-q"),
      has("-v"),
      has("--json"),
      has("-n"),
    ];
  });
  assertEquals(rows, expected);
});

Deno.test("grammar: serve takes its root as an argument; -q says only where, --json says it as JSON", async () => {
  await withTempDir(async (t) => {
    const { root: r } = await root(t);
    const quiet = await startServe([r, "--port", "0", "-q"]);
    try {
      assertEquals((await fetch(quiet.url).then(async (res) => [res.status, await res.text()]))[0], 200);
      assert(!quiet.startOutput.includes("Ctrl-C"), quiet.startOutput);
    } finally {
      const end = await quiet.stop();
      // Windows has no SIGTERM: kill() ends the process (TerminateProcess, exit code 1), so the
      // clean stop and its exit code 0 are checked off Windows only (as in serve_cli_test).
      if (!IS_WINDOWS) assertEquals(end.code, 0, end.output);
      assert(!end.output.includes("stopped"), end.output);
    }
    const child = new Deno.Command(Deno.execPath(), {
      args: phlbCommandArgs(["serve", "-r", r, "--port", "0", "--json"]),
      env: { NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let line = "";
    while (!line.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      line += value;
    }
    const info = JSON.parse(line);
    assertEquals([info.root, info.exposed], [nativePath(r), false]);
    const res = await fetch(info.url);
    assertEquals(res.status, 200);
    await res.body?.cancel();
    child.kill("SIGTERM");
    reader.releaseLock();
    const [status, stderr] = await Promise.all([child.status, new Response(child.stderr).text()]);
    await child.stdout.cancel().catch(() => {});
    assertEquals([IS_WINDOWS ? 0 : status.code, stderr], [0, ""]); // (no SIGTERM on Windows: see above)
  });
});

Deno.test("grammar: helper --json lists what it wrote; -q prints nothing when all went well", async () => {
  await withTempDir(async (t) => {
    Deno.mkdirSync(`${t}/a`);
    const j = await phlb(["helper", `${t}/a`, "--json"]);
    assertEquals(j.code, 0, j.stderr);
    assertEquals(
      (JSON.parse(j.stdout).files as { status: string }[]).map((f) => f.status),
      ["created", "created", "created"],
    );
    Deno.mkdirSync(`${t}/b`);
    const q = await phlb(["helper", `${t}/b`, "-q"]);
    assertEquals([q.code, q.stdout, q.stderr], [0, "", ""]);
    assert(Deno.statSync(`${t}/b/phlb_backup_this_directory.sh`).isFile);
  });
});
