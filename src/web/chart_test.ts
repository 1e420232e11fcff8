import { assert, assertEquals } from "../../tests/assert.ts";
import type { RunPoint } from "./catalog.ts";
import { translator } from "../i18n/messages.ts";
import { axisLabels, MIN_BAR_PX, newBarHeight, runChart } from "./chart.ts";

const at = (y: number, mo: number, d: number, h: number, mi: number, s = 0) =>
  new Date(y, mo - 1, d, h, mi, s).getTime();

Deno.test("axisLabels tell runs on one day apart by their time, and span days with dates", () => {
  assertEquals(axisLabels(at(2026, 1, 3, 10, 0), at(2026, 1, 3, 14, 30)), ["2026-01-03 10:00", "14:30"]);
  assertEquals(axisLabels(at(2026, 1, 3, 10, 0, 5), at(2026, 1, 3, 10, 0, 40)), [
    "2026-01-03 10:00:05",
    "10:00:40",
  ]);
  assertEquals(axisLabels(at(2026, 1, 3, 10, 0), at(2026, 1, 5, 9, 15)), [
    "2026-01-03 10:00",
    "2026-01-05 09:15",
  ]);
  assertEquals(axisLabels(at(2026, 1, 3, 10, 0), at(2026, 3, 1, 10, 0)), ["2026-01-03", "2026-03-01"]);
});

Deno.test("new bytes are on a log scale: a 1% run beside a 1 GiB first run is a real bar", () => {
  const band = 26;
  assertEquals(newBarHeight(0, 1 << 30, band), 0);
  assertEquals(newBarHeight(1 << 30, 1 << 30, band), band);
  // 10 MiB next to 1 GiB: on a linear scale 0.26 px; here most of the band.
  assert(newBarHeight(10 << 20, 1 << 30, band) > band * 0.7);
  assertEquals(newBarHeight(1, 1 << 30, band), MIN_BAR_PX);
});

function barHeights(svg: string): number[] {
  return [...svg.matchAll(/<rect class="chart-new"[^>]* height="([\d.]+)"/g)].map((m) => Number(m[1]));
}

Deno.test("runChart draws one bar per run that added bytes, none for an unknown count, with tooltips", () => {
  const t = at(2026, 1, 3, 10, 0);
  const points: RunPoint[] = [
    { snapId: "a", timeMs: t, totalBytes: 1 << 30, newBytes: 1 << 30 },
    { snapId: "b", timeMs: t + 3_600_000, totalBytes: (1 << 30) + (10 << 20), newBytes: 10 << 20 },
    { snapId: "c", timeMs: t + 7_200_000, totalBytes: (1 << 30) + (10 << 20) },
    { snapId: "d<x>", timeMs: t + 9_000_000, totalBytes: (1 << 30) + (10 << 20), newBytes: 0 },
  ];
  const svg = runChart(points, { tr: translator("en") }).value;
  const heights = barHeights(svg);
  assertEquals(heights.length, 2);
  assert(heights[1] >= MIN_BAR_PX && heights[1] > heights[0] * 0.7, `the 1% run is visible: ${heights}`);
  assert(svg.includes("new bytes unknown (adopted by phlb add)"));
  assert(svg.includes("d&lt;x&gt; (2026-01-03 12:30:00)"), "a tooltip names the run, escaped");
  assert(svg.includes(">2026-01-03 10:00</text>") && svg.includes(">12:30</text>"));
  assertEquals(
    runChart([], { tr: translator("en") }).value,
    `<span class="muted">no finished runs yet</span>`,
  );
});
