import { assertEquals, assertRejects } from "../tests/assert.ts";
import { UsageError } from "./errors.ts";
import { parseDurationMs } from "./durations.ts";

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
