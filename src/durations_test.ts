import { assertEquals, assertRejects } from "../tests/assert.ts";
import { UsageError } from "./errors.ts";
import { parseCalendarDuration, parseDurationMs } from "./durations.ts";
import { spanText } from "./prune/policy.ts";
import { formatElapsedWords } from "./report/format.ts";
import { setLanguage } from "./i18n/messages.ts";

Deno.test("durations: units, combinations and bare seconds", () => {
  assertEquals(parseDurationMs("90s"), 90_000);
  assertEquals(parseDurationMs("30m"), 1_800_000);
  assertEquals(parseDurationMs("30min"), 1_800_000);
  assertEquals(parseDurationMs("2h"), 7_200_000);
  assertEquals(parseDurationMs("1h30m"), 5_400_000);
  assertEquals(parseDurationMs("500ms"), 500);
  assertEquals(parseDurationMs("1d"), 86_400_000);
  assertEquals(parseDurationMs("1.5s"), 1500);
  assertEquals(parseDurationMs("45"), 45_000);
});

Deno.test("durations: malformed ones are usage errors", async () => {
  for (const bad of ["", "h", "10x", "1h 30m", "-5s", "5s3"]) {
    const e = await assertRejects(() => parseDurationMs(bad, "--max-duration"));
    assertEquals(e instanceof UsageError, true, `${bad}: ${e}`);
  }
});

Deno.test("durations in words: m is months in one grammar and minutes in the other, and each says so", () => {
  const calendar: [string, string][] = [
    ["30m", "30 months"],
    ["1y6m", "1 year 6 months"],
    ["1d", "1 day"],
    ["2y3m4d5h", "2 years 3 months 4 days 5 hours"],
  ];
  for (const [text, words] of calendar) {
    assertEquals(String(spanText(parseCalendarDuration(text))), words);
  }
  const elapsed: [string, string][] = [
    ["30m", "30 minutes"],
    ["90s", "1 minute 30 seconds"],
    ["1h30m", "1 hour 30 minutes"],
    ["1d", "1 day"],
    ["500ms", "500 ms"],
  ];
  for (const [text, words] of elapsed) assertEquals(formatElapsedWords(parseDurationMs(text)), words);
  setLanguage("de");
  try {
    assertEquals(spanText(parseCalendarDuration("1y6m")).in("de"), "1 Jahr 6 Monate");
    assertEquals(formatElapsedWords(parseDurationMs("1h30m")), "1 Stunde 30 Minuten");
  } finally {
    setLanguage("en");
  }
});
