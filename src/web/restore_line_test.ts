import { assertEquals } from "../../tests/assert.ts";
import { encodeName } from "../fs/native/names.ts";
import { quotePosix, quoteWindows, restoreLine } from "./restore_line.ts";

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

Deno.test("restoreLine names the root and NAME@ID/PATH, or the snapshot's path when the name holds @", () => {
  assertEquals(
    restoreLine({
      root: "/media/usb/backups",
      name: "src",
      snapId: "2026-01-03-100000",
      rel: "docs/my report.txt",
      target: "restored",
      windows: false,
    }),
    "phlb restore --root /media/usb/backups 'src@2026-01-03-100000/docs/my report.txt' restored",
  );
  assertEquals(
    restoreLine({
      root: "/b/",
      name: "me@host",
      snapId: "id",
      rel: "a.txt",
      target: "restored",
      windows: false,
    }),
    "phlb restore /b/me@host/id/a.txt restored",
  );
  assertEquals(
    restoreLine({
      root: "D:\\backups",
      name: "src",
      snapId: "id",
      rel: "a b.txt",
      target: "restored",
      windows: true,
    }),
    `phlb restore --root "D:\\backups" "src@id/a b.txt" restored`,
  );
  assertEquals(quoteWindows("C:\\Program Files"), `"C:\\Program Files"`);
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
  ignore: Deno.build.os === "windows",
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
