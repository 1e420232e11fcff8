import { assertEquals } from "../../tests/assert.ts";
import { shownName } from "./shown.ts";

Deno.test("shownName makes every bidi control visible and escaped, and bad bytes \\xFF", () => {
  assertEquals(shownName("invoice\u202Etxt.exe"), "invoice\\u{202E}txt.exe");
  // All of \p{Bidi_Control}: ALM, LRM, RLM, LRE..RLO, LRI..PDI.
  const all = "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
  assertEquals(
    shownName(all),
    "\\u{61C}\\u{200E}\\u{200F}\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{202E}\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
  );
  assertEquals(shownName("bad\uDCFF\u202E"), "bad\\xFF\\u{202E}");
  // Letters of right-to-left scripts are not controls: they stay.
  assertEquals(shownName("שלום café.txt"), "שלום café.txt");
});
