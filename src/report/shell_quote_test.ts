import { assertEquals } from "../../tests/assert.ts";
import { skipOn } from "../../tests/helpers.ts";
import { encodeName } from "../fs/native/names.ts";
import { quoteArg, quotePosix, quoteWindows } from "./shell_quote.ts";

Deno.test("quotePosix leaves plain words bare, single-quotes printable text, and spells odd bytes $'\\xHH'", () => {
  const table: [string, string][] = [
    ["src@2026-01-03-100000/docs/report.txt", "src@2026-01-03-100000/docs/report.txt"],
    ["a b", "'a b'"],
    ['it\'s $HOME `x` "q"', `'it'\\''s $HOME \`x\` "q"'`],
    ["", "''"],
    ["line\nbreak", "$'line\\x0Abreak'"],
    ["evil\u202Etxt.exe", "$'evil\\xE2\\x80\\xAEtxt.exe'"],
    ["bad\uDCFF'\\", "$'bad\\xFF\\'\\\\'"],
    ["café ü", "'café ü'"],
  ];
  for (const [arg, want] of table) assertEquals(quotePosix(arg), want, JSON.stringify(arg));
});

Deno.test("quoteWindows double-quotes printable names; a control, a bidi control, $ or ` is spelled for PowerShell", () => {
  const table: [string, string][] = [
    ["src@id/a.txt", "src@id/a.txt"],
    ["a b", `"a b"`],
    ["café 'q' ü", `"café 'q' ü"`],
    ["evil\u202Etxt.exe", `"evil$([char]0x202E)txt.exe"`],
    ["tab\there", `"tab$([char]0x0009)here"`],
    ["cost $5 `x`", '"cost `$5 ``x``"'],
  ];
  for (const [arg, want] of table) assertEquals(quoteWindows(arg), want, JSON.stringify(arg));
});

Deno.test({
  name: "quotePosix: bash reads every quoted argument back to the exact bytes of the name",
  ...skipOn("windows", "runs bash, which Windows does not have (quoteWindows has its table above)"),
  fn: async () => {
    for (
      const arg of [
        "plain/path.txt",
        "a b",
        "it's $HOME `x`",
        "line\nbreak\ttab",
        "evil\u202Etxt.exe",
        "bad\uDCFF'\\",
      ]
    ) {
      const out = await new Deno.Command("bash", { args: ["-c", `printf %s ${quotePosix(arg)}`] }).output();
      assertEquals(out.code, 0);
      assertEquals(out.stdout, encodeName(arg), JSON.stringify(arg));
    }
  },
});

Deno.test("quoteArg quotes for the platform asked for", () => {
  assertEquals(quoteArg("C:\\a b", { windows: true }), `"C:\\a b"`);
  assertEquals(quoteArg("/a b", { windows: false }), `'/a b'`);
});
