/**
 * The man page phlb.1 is in step with `--help`: the committed file is what the command tree makes
 * now, and every option, argument, example and exit code each command's `--help` prints is in it.
 */
import { assert, assertEquals } from "./assert.ts";
import { onlyOn, phlb } from "./helpers.ts";
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

/** Words only: whitespace runs (wrapping, justification, indents) as one space; typographic dashes as '-'. */
function words(text: string): string {
  return text.replace(/[\u2010\u2212]/g, "-").replace(/\s+/g, " ").trim();
}

const hasMan = Deno.build.os !== "windows" &&
  (await new Deno.Command("sh", { args: ["-c", "command -v man"], stdout: "null" }).output()).success;

Deno.test(onlyOn(["linux", "darwin"], "needs man(1)", {
  name: "man: `man -l phlb.1` shows every --help, word for word, and troff warns of nothing",
  ignore: !hasMan,
  fn: async () => {
    // As a reader opens the page; no hyphenation or justification, so words stay whole.
    const r = await new Deno.Command("man", {
      args: ["--nh", "--nj", "--warnings=w", "-l", MAN_PATH.pathname],
      env: { MANWIDTH: "160", MANPAGER: "cat", PAGER: "cat" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(r.stderr);
    assertEquals(r.code, 0, err);
    assertEquals(err, "", "troff warnings");
    const shown = words(new TextDecoder().decode(r.stdout));
    const top = await phlb(["--help"]);
    // The top help's blocks but its usage line and command list (the page has a section per command).
    const blocks = top.stdout.split(/\n\s*\n/).filter((b) => !/^(Usage|Commands):/.test(b.trim()));
    assert(blocks.some((b) => b.startsWith("Exit codes:")), top.stdout);
    for (const b of blocks) {
      // The program's exit codes are the page's EXIT STATUS section.
      const want = words(b.replace(/^\s*Exit codes:/, "EXIT STATUS"));
      assert(shown.includes(want), `phlb --help: "${b}" is not in man -l phlb.1`);
    }
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+)(?:\|[a-z]+)? .*$/gm)].map((m) => m[1])
      .filter((c) => c !== "help");
    for (const c of commands) {
      const help = await phlb([c, "--help"]);
      assertEquals(help.code, 0, help.stderr);
      // The whole help, but the word "Usage:" (the page's usage line is under the command's heading).
      const whole = words(help.stdout.replace(/^Usage: /, ""));
      if (shown.includes(whole)) continue;
      // Name the first line that is not there.
      const missing = help.stdout.replace(/^Usage: /, "").split("\n")
        .find((l) => !shown.includes(words(l)));
      assert(false, `phlb ${c} --help differs from man -l phlb.1 at: ${missing ?? "(line order)"}`);
    }
  },
}));
