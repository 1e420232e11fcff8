import { assert, assertEquals, assertRejects } from "../../tests/assert.ts";
import { InterruptedError } from "../errors.ts";
import { Pacer, stampRunTimes } from "./pacer.ts";

Deno.test("pacer: progress at most once per interval, yields only when due, stops once aborted", async () => {
  const controller = new AbortController();
  const pacer = new Pacer({ signal: controller.signal, intervalMs: 100 });
  const t0 = Date.now();
  assertEquals(pacer.progressDue(t0), true);
  assertEquals(pacer.progressDue(t0 + 50), false);
  assertEquals(pacer.progressDue(t0 + 100), true);
  assertEquals(pacer.pace(t0 - 1000), undefined);
  const yielded = pacer.pace(t0 + 1000);
  assert(yielded instanceof Promise);
  await yielded;
  controller.abort();
  const err = await assertRejects(() => pacer.pace(t0 + 1001));
  assert(err instanceof InterruptedError);
});

Deno.test("stampRunTimes: ISO times and a duration that adds up", () => {
  const s = { startedAt: "", finishedAt: "", durationMs: -1 };
  const started = Date.now() - 1500;
  stampRunTimes(s, started);
  assertEquals(s.startedAt, new Date(started).toISOString());
  assertEquals(Date.parse(s.finishedAt) - Date.parse(s.startedAt), s.durationMs);
  assert(s.durationMs >= 1500);
});
