/**
 * The man page phlb.1 is in step with `--help`: the committed file is what the command tree makes
 * now, and every option, argument, example and exit code each command's `--help` prints is in it.
 */
import { assert, assertEquals } from "./assert.ts";
import { phlb } from "./helpers.ts";
import { currentManPage, MAN_PATH } from "../scripts/man.ts";

/** The page's text as a reader sees it: roff escapes undone, requests dropped. */
function manText(roff: string): string {
  return roff.split("\n").filter((l) => !/^\.(?!\\&)/.test(l) || /^\.[BI] /.test(l))
    .map((l) => l.replace(/^\.[BI] /, "").replace(/^\\&/, "").replaceAll("\\-", "-").replaceAll("\\e", "\\"))
    .join("\n");
}

Deno.test("man: phlb.1 is what `deno task man` makes from the command tree now", () => {
  // A Windows checkout may have turned the line ends into CRLF.
  const committed = Deno.readTextFileSync(MAN_PATH).replaceAll("\r\n", "\n");
  assert(committed === currentManPage(), "phlb.1 is out of date: run `deno task man`");
});

Deno.test("man: every option, argument, example and exit code of every --help is in phlb.1", async () => {
  const text = manText(Deno.readTextFileSync(MAN_PATH));
  const top = await phlb(["--help"]);
  const commands = [...top.stdout.matchAll(/^ {2}([a-z]+)(?:\|[a-z]+)? .*$/gm)].map((m) => m[1])
    .filter((c) => c !== "help");
  assert(commands.includes("backup") && commands.includes("completion"), commands.join());
  for (const args of [[], ...commands.map((c) => [c])]) {
    const help = await phlb([...args, "--help"]);
    assertEquals(help.code, 0, help.stderr);
    const lines = help.stdout.split("\n");
    // Option and argument terms: the first column of their sections.
    for (const m of help.stdout.matchAll(/^ {2}(-[^ ].*?|[a-z]+)(?: {2,}|$)/gm)) {
      if (args.length === 0 && !m[1].startsWith("-")) continue; // the command list
      assert(text.includes(m[1]), `${args[0] ?? "phlb"}: "${m[1]}" is not in phlb.1`);
    }
    const ex = lines.indexOf("Examples:");
    for (const l of ex < 0 ? [] : lines.slice(ex + 1, lines.indexOf("", ex))) {
      assert(text.includes(l.trim()), `${args[0]}: example "${l.trim()}" is not in phlb.1`);
    }
    const codes = lines.indexOf("Exit codes:");
    assert(codes > 0, `${args[0] ?? "phlb"} --help has no exit codes`);
    for (const l of lines.slice(codes + 1).filter((l) => l.trim() !== "")) {
      const [, code, meaning] = /^\s*(\d+)\s+(.*)$/.exec(l)!;
      assert(
        text.includes(`${code}\n${meaning}`),
        `${args[0] ?? "phlb"}: exit code ${code} is not in phlb.1`,
      );
    }
  }
});
