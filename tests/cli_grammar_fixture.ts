/**
 * What the CLI grammar suites share (tests/cli_grammar_test.ts, tests/cli_grammar_output_test.ts):
 * the command tree as the completion scripts see it, and a root with snapshots.
 * @module
 */
import { assertEquals } from "./assert.ts";
import { phlb, snapshots, writeTree } from "./helpers.ts";
import { completionTree } from "../src/commands/completion.ts";
import { buildProgram } from "../src/commands/program.ts";
import { ExitCode } from "../src/errors.ts";

/** The command tree, as `phlb completion` reads it. */
export const tree = completionTree(
  buildProgram({ exitCode: ExitCode.Ok, signal: new AbortController().signal }, {
    writeOut: () => {},
    writeErr: () => {},
  }),
);
/** The flags of command `name`. */
export const flagsOf = (name: string) =>
  tree.commands.find((c) => c.name === name)!.options.flatMap((o) => o.flags);

/** The commands that work on a backup root, and those that report (a summary, a list, a result). */
export const ROOT_COMMANDS = ["backup", "list", "verify", "restore", "diff", "prune", "copy", "add", "serve"];
export const REPORTING = ["backup", "list", "verify", "restore", "diff", "prune", "copy", "add"];

/** A root with two snapshots of "src" and one of "docs". */
export async function root(t: string): Promise<{ root: string; ids: string[] }> {
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
