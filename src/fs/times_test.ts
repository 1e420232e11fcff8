import { assertEquals } from "../../tests/assert.ts";
import { type RecordedTime, sameMtime } from "./times.ts";

const t = (ms: number, fracNs: number | null): RecordedTime => ({ ms, fracNs });

Deno.test("sameMtime: the coarser precision of both sides, and no finer than the destination's step", () => {
  const cases: Array<[RecordedTime, RecordedTime, number, boolean]> = [
    // Default step: nanoseconds when both have them, else milliseconds.
    [t(1000_123, 456_789), t(1000_123, 456_789), 1, true],
    [t(1000_123, 456_789), t(1000_123, 456_790), 1, false],
    [t(1000_123, 456_789), t(1000_123, null), 1, true],
    [t(1000_123, null), t(1000_124, null), 1, false],
    // SMB: 100 ns.
    [t(1000_123, 456_789), t(1000_123, 456_700), 100, true],
    [t(1000_123, 456_789), t(1000_123, 456_600), 100, false],
    // SFTP: whole seconds, truncated or rounded by the server.
    [t(1000_123, 456_789), t(1000_000, 0), 1e9, true],
    [t(1000_999, 999_999), t(1000_000, 0), 1e9, true],
    [t(1000_123, 456_789), t(1001_000, 0), 1e9, true],
    [t(1000_123, 456_789), t(1002_000, 0), 1e9, false],
    [t(1000_123, null), t(999_000, 0), 1e9, false],
    // FAT: 2 s.
    [t(1001_500, null), t(1000_000, null), 2e9, true],
    [t(1003_500, null), t(1000_000, null), 2e9, false],
  ];
  for (const [a, b, step, same] of cases) {
    assertEquals(sameMtime(a, b, step), same, `${JSON.stringify(a)} ~ ${JSON.stringify(b)} at ${step} ns`);
    assertEquals(sameMtime(b, a, step), same, "not symmetric");
  }
});
