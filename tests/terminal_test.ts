/**
 * phlb on a real terminal, with the shipped permissions and --no-prompt, as a compiled binary runs:
 * nothing may ask for (or fail for lack of) a permission outside the one list.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { onlyOn, withTempDir, writeTree } from "./helpers.ts";
import { phlbOnTerminal } from "./pty.ts";

Deno.test(onlyOn("linux", "needs util-linux `script` for a pseudo-terminal", {
  name:
    "on a terminal, help, version, backup, list, config and completion need no permission beyond the list",
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
        // PHLB_ROOT is read: it must be on the list.
        ["list"],
        ["completion", "bash"],
        ["__complete", "snapshots", "phlb", "diff", "src@"],
      ];
      for (const args of runs) {
        const r = await phlbOnTerminal(args, { HOME: t, PHLB_ROOT: `${t}/root` });
        assert(!/Requires \w+ access|Deno requests/.test(r.output), `phlb ${args.join(" ")}:\n${r.output}`);
        assertEquals(r.code, 0, `phlb ${args.join(" ")}:\n${r.output}`);
      }
      const help = await phlbOnTerminal(["--help"]);
      assertIncludes(help.output, "Usage: phlb");
    });
  },
}));
