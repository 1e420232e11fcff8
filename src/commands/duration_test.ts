import { assertEquals, assertRejects } from "../../tests/assert.ts";
import { UsageError } from "../errors.ts";
import { parseDuration } from "./duration.ts";

Deno.test("durations: units, combinations and bare seconds", () => {
  assertEquals(parseDuration("90s"), 90_000);
  assertEquals(parseDuration("30m"), 1_800_000);
  assertEquals(parseDuration("30min"), 1_800_000);
  assertEquals(parseDuration("2h"), 7_200_000);
  assertEquals(parseDuration("1h30m"), 5_400_000);
  assertEquals(parseDuration("500ms"), 500);
  assertEquals(parseDuration("1d"), 86_400_000);
  assertEquals(parseDuration("1.5s"), 1500);
  assertEquals(parseDuration("45"), 45_000);
});

Deno.test("durations: malformed ones are usage errors", async () => {
  for (const bad of ["", "h", "10x", "1h 30m", "-5s", "5s3"]) {
    const e = await assertRejects(() => parseDuration(bad, "--max-duration"));
    assertEquals(e instanceof UsageError, true, `${bad}: ${e}`);
  }
});
