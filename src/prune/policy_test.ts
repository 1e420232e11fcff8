import { assertEquals } from "../../tests/assert.ts";
import { parseCalendarDuration } from "../durations.ts";
import { applyRetention, isoYearWeek, type RetentionPolicy, withinLimit } from "./policy.ts";

// Synthetic snapshots over two years (local time), oldest first. 16 and 17 share one second
// (17 is the `_2` one). ISO weeks: 5 and 6 are both 2025-W01; 9 is W40, 10 W41, 11 W48, 12-17 W49.
const SNAPS: [number, Date][] = [
  [1, new Date(2024, 0, 15, 10, 0)],
  [2, new Date(2024, 2, 1, 10, 0)],
  [3, new Date(2024, 2, 20, 10, 0)],
  [4, new Date(2024, 5, 30, 23, 0)],
  [5, new Date(2024, 11, 31, 12, 0)],
  [6, new Date(2025, 0, 1, 9, 0)],
  [7, new Date(2025, 5, 1, 8, 0)],
  [8, new Date(2025, 5, 1, 20, 0)],
  [9, new Date(2025, 9, 5, 12, 0)],
  [10, new Date(2025, 9, 6, 12, 0)],
  [11, new Date(2025, 10, 30, 12, 0)],
  [12, new Date(2025, 11, 1, 9, 0)],
  [13, new Date(2025, 11, 1, 9, 30)],
  [14, new Date(2025, 11, 1, 10, 15)],
  [15, new Date(2025, 11, 2, 18, 0)],
  [16, new Date(2025, 11, 3, 7, 0)],
  [17, new Date(2025, 11, 3, 7, 0)],
];
const NOW = new Date(2026, 0, 1);

function kept(policy: RetentionPolicy, now = NOW): number[] {
  return applyRetention(SNAPS.map(([item, time]) => ({ item, time })), policy, { now })
    .filter((d) => d.keep).map((d) => d.item).sort((a, b) => b - a);
}

// Worked out by hand from the rules in policy.ts (newest first).
const TABLE: [string, RetentionPolicy, number[]][] = [
  ["last 3", { last: 3 }, [17, 16, 15]],
  ["hourly 4", { hourly: 4 }, [17, 15, 14, 13]],
  ["daily 3", { daily: 3 }, [17, 15, 14]],
  ["weekly 3", { weekly: 3 }, [17, 11, 10]],
  ["weekly 6 (Dec 31 2024 is in 2025-W01)", { weekly: 6 }, [17, 11, 10, 9, 8, 6]],
  ["weekly 8", { weekly: 8 }, [17, 11, 10, 9, 8, 6, 4, 3]],
  ["monthly 4", { monthly: 4 }, [17, 11, 10, 8]],
  ["yearly 5 keeps the oldest too", { yearly: 5 }, [17, 5, 1]],
  ["monthly unlimited", { monthly: -1 }, [17, 11, 10, 8, 6, 5, 4, 3, 1]],
  ["daily 100", { daily: 100 }, [17, 15, 14, 11, 10, 9, 8, 6, 5, 4, 3, 2, 1]],
  ["within 2d", { within: { years: 0, months: 0, days: 2, hours: 0 } }, [17, 16, 15, 14, 13, 12]],
  ["within 12h", { within: { years: 0, months: 0, days: 0, hours: 12 } }, [17, 16]],
  ["within 1m", { within: { years: 0, months: 1, days: 0, hours: 0 } }, [17, 16, 15, 14, 13, 12, 11]],
  ["within 1y2m", { within: { years: 1, months: 2, days: 0, hours: 0 } }, [
    17,
    16,
    15,
    14,
    13,
    12,
    11,
    10,
    9,
    8,
    7,
    6,
    5,
  ]],
  ["last 2 + daily 2 + monthly 3 + yearly 3", { last: 2, daily: 2, monthly: 3, yearly: 3 }, [
    17,
    16,
    15,
    11,
    10,
    5,
    1,
  ]],
  ["no rule keeps nothing", {}, []],
];

Deno.test("retention: each policy keeps exactly the snapshots of the hand-written table", () => {
  for (const [label, policy, expected] of TABLE) {
    assertEquals(kept(policy), expected, label);
  }
});

Deno.test("retention: every rule that keeps a snapshot is named, oldest-bucket keeps are marked", () => {
  const decisions = applyRetention(
    SNAPS.map(([item, time]) => ({ item, time })),
    { last: 2, daily: 2, monthly: 3, yearly: 3 },
    { now: NOW },
  );
  const reasons = Object.fromEntries(decisions.filter((d) => d.keep).map((d) => [d.item, d.reasons]));
  assertEquals(reasons, {
    17: ["last snapshot", "daily snapshot", "monthly snapshot", "yearly snapshot"],
    16: ["last snapshot"],
    15: ["daily snapshot"],
    11: ["monthly snapshot"],
    10: ["monthly snapshot"],
    5: ["yearly snapshot"],
    1: ["oldest yearly snapshot"],
  });
  // Decisions come back in the order given.
  assertEquals(decisions.map((d) => d.item), SNAPS.map(([i]) => i));
});

Deno.test("retention: within counts from the newest snapshot that is not in the future", () => {
  // At 2025-12-02 20:00, 16 and 17 lie in the future: the newest is 15 (18:00), the limit 12-01 18:00.
  const now = new Date(2025, 11, 2, 20, 0);
  assertEquals(kept({ within: { years: 0, months: 0, days: 1, hours: 0 } }, now), [17, 16, 15]);
});

Deno.test("retention: durations parse like restic's and month arithmetic overflows like Go's", () => {
  assertEquals(parseCalendarDuration("30d"), { years: 0, months: 0, days: 30, hours: 0 });
  assertEquals(parseCalendarDuration("1y2m"), { years: 1, months: 2, days: 0, hours: 0 });
  assertEquals(parseCalendarDuration("2h1d"), { years: 0, months: 0, days: 1, hours: 2 });
  for (const bad of ["", "5", "d", "3w", "1d1d", "0d", "1.5d", "-1d"]) {
    let threw = false;
    try {
      parseCalendarDuration(bad);
    } catch {
      threw = true;
    }
    assertEquals(threw, true, `"${bad}" must be rejected`);
  }
  assertEquals(
    withinLimit(new Date(2025, 2, 31, 12), { years: 0, months: 1, days: 0, hours: 0 }).getTime(),
    new Date(2025, 2, 3, 12).getTime(),
  );
});

Deno.test("retention: ISO weeks across year ends", () => {
  assertEquals(isoYearWeek(new Date(2024, 11, 30)), 202501);
  assertEquals(isoYearWeek(new Date(2021, 0, 3)), 202053);
  assertEquals(isoYearWeek(new Date(2025, 11, 1)), 202549);
  assertEquals(isoYearWeek(new Date(2026, 0, 1)), 202601);
  assertEquals(isoYearWeek(new Date(2027, 0, 1)), 202653);
});
