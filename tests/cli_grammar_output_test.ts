/**
 * One CLI grammar, the second half: verify --repair's arguments, usage errors, the helps (examples,
 * exit codes, durations), rates and labels, the docs' command table, serve and helper. The root
 * order and -q/-v/--json are in tests/cli_grammar_test.ts.
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
import { root, tree } from "./cli_grammar_fixture.ts";

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
