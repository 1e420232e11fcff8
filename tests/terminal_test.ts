/**
 * phlb on a real terminal, with the shipped permissions and --no-prompt, as a compiled binary runs:
 * nothing may ask for (or fail for lack of) a permission outside the one list.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { onlyOn, phlbCommandArgs, withTempDir, writeTree } from "./helpers.ts";

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Runs phlb with stdin, stdout and stderr on a pseudo-terminal (util-linux `script`). */
async function phlbOnTerminal(args: string[], env: Record<string, string> = {}) {
  const command = [Deno.execPath(), ...phlbCommandArgs(args)].map(shellQuote).join(" ");
  const r = await new Deno.Command("script", {
    args: ["--quiet", "--return", "--command", command, "/dev/null"],
    env: { TERM: "xterm-256color", COLORTERM: "truecolor", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  return { code: r.code, output: new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr) };
}

Deno.test(onlyOn("linux", "needs util-linux `script` for a pseudo-terminal", {
  name: "on a terminal, help, version, backup, list and config need no permission beyond the shipped list",
  fn: async () => {
    await withTempDir(async (t) => {
      writeTree(`${t}/src`, { "a.txt": "a" });
      const runs = [
        ["--help"],
        ["backup", "--help"],
        ["version"],
        ["backup", `${t}/src`, `${t}/root`],
        ["list", "--root", `${t}/root`],
        ["config", "--show"],
      ];
      for (const args of runs) {
        const r = await phlbOnTerminal(args, { HOME: t });
        assert(!/Requires \w+ access|Deno requests/.test(r.output), `phlb ${args.join(" ")}:\n${r.output}`);
        assertEquals(r.code, 0, `phlb ${args.join(" ")}:\n${r.output}`);
      }
      const help = await phlbOnTerminal(["--help"]);
      assertIncludes(help.output, "Usage: phlb");
    });
  },
}));
