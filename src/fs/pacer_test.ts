import { assert, assertEquals, assertRejects, assertThrows } from "../../tests/assert.ts";
import { InterruptedError } from "../errors.ts";
import { Pacer, RunMeter, stampRunTimes } from "./pacer.ts";

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

Deno.test("RunMeter: progress with where and how long, a yield only when due, counts folded into the summary", async () => {
  const controller = new AbortController();
  const reports: [string, number, number][] = [];
  let files = 0;
  const meter = new RunMeter({
    signal: controller.signal,
    intervalMs: 50,
    counts: () => ({ files: ++files }),
    onProgress: (p) => reports.push([p.currentPath, p.elapsedMs, p.files]),
  });
  assertEquals(meter.tick("a"), undefined, "no yield before an interval has passed");
  assertEquals(meter.tick("b"), undefined);
  assertEquals(reports.map((r) => r[0]), ["a"], "one report per interval");
  await new Promise((resolve) => setTimeout(resolve, 60));
  const yielded = meter.tick("c");
  assert(yielded instanceof Promise);
  await yielded;
  assertEquals(reports.map((r) => r[0]), ["a", "c"]);
  assert(reports[1][1] >= 50, `elapsed ${reports[1][1]}`);
  assertEquals(reports.map((r) => r[2]), [1, 2], "the counts are asked only when a report is due");
  const counts = () => ({ readFiles: 2, readBytes: 30, reusedFiles: 1 });
  const verify = {
    startedAt: "",
    finishedAt: "",
    durationMs: -1,
    readFiles: 0,
    readBytes: 0,
    reusedFiles: 0,
  };
  meter.finish(verify, { counts });
  assertEquals([verify.readFiles, verify.readBytes, verify.reusedFiles], [2, 30, 1]);
  assert(verify.durationMs >= 50);
  const add: Record<string, unknown> = {
    startedAt: "",
    finishedAt: "",
    durationMs: -1,
    readFiles: 0,
    readBytes: 0,
  };
  meter.finish(add as never, { counts });
  assertEquals("reusedFiles" in add, false, "a summary without the field does not get it");
  controller.abort();
  assert(assertThrows(() => meter.tick("d")) instanceof InterruptedError);
});
