/**
 * phlb on a pseudo-terminal (util-linux `script`): stdin, stdout and stderr are a terminal, as
 * when a user types the command. Linux only.
 * @module
 */
import { phlbCommandArgs } from "./helpers.ts";

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Runs phlb with stdin, stdout and stderr on a pseudo-terminal; the output is both streams as seen. */
export async function phlbOnTerminal(args: string[], env: Record<string, string> = {}) {
  const command = [Deno.execPath(), ...phlbCommandArgs(args)].map(shellQuote).join(" ");
  const r = await new Deno.Command("script", {
    args: ["--quiet", "--return", "--command", command, "/dev/null"],
    env: { TERM: "xterm-256color", COLORTERM: "truecolor", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(120_000),
  }).output();
  return { code: r.code, output: new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr) };
}

/** The progress lines a terminal showed: each redraw of the line, without its escape sequences. */
export function progressLines(output: string): string[] {
  // deno-lint-ignore no-control-regex -- terminal escape sequences start with ESC
  return output.split(/\r/).map((l) => l.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").trim())
    .filter((l) => /^\[\d+:\d\d\]/.test(l));
}
