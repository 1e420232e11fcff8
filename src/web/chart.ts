/**
 * A small inline SVG chart of the runs of one backup name, for `phlb serve`'s pages: the total size
 * of each snapshot as a line, and the bytes each run added as bars below it.
 *
 * The two have their own bands and scales. The total is linear. The new bytes are on a log scale:
 * after a first full run of 1 GiB, an incremental run of 10 MiB is 1% of it, one pixel on a linear
 * scale, and the incremental runs are the ones a user wants to watch. A run that added anything is
 * never drawn lower than 3 px. The time axis says the hour when runs share a day.
 *
 * No script and no style attributes (the Content-Security-Policy allows neither): colours come from
 * classes in the stylesheet, and the SVG scales down with its viewBox on a narrow screen.
 * @module
 */
import type { Translator } from "../i18n/messages.ts";
import type { RunPoint } from "./catalog.ts";
import { type Html, html } from "./html.ts";
import { formatClock, formatDay, formatTime } from "./layout.ts";
import { shownName } from "./shown.ts";

/** Size of a chart in CSS pixels. */
export interface ChartSize {
  width: number;
  height: number;
}

/** The smallest height of a bar for a run that added bytes. */
export const MIN_BAR_PX = 3;

/**
 * The labels of the first and last time on the axis: dates when the runs span a week or more, else
 * with the time of day; on one day the date once, and seconds when the minutes agree.
 */
export function axisLabels(t0: number, t1: number): [string, string] {
  const clock = (ms: number) => {
    const sameMinute = Math.floor(t0 / 60_000) === Math.floor(t1 / 60_000);
    return sameMinute ? formatTime(ms).slice(11) : formatClock(ms);
  };
  if (formatDay(t0) === formatDay(t1)) return [`${formatDay(t0)} ${clock(t0)}`, clock(t1)];
  if (t1 - t0 < 7 * 86_400_000) return [`${formatDay(t0)} ${clock(t0)}`, `${formatDay(t1)} ${clock(t1)}`];
  return [formatDay(t0), formatDay(t1)];
}

/** The height of a new-bytes bar: log scale, at least {@linkcode MIN_BAR_PX} for any byte. */
export function newBarHeight(bytes: number, maxBytes: number, bandPx: number): number {
  if (bytes <= 0) return 0;
  const h = (bandPx * Math.log1p(bytes)) / Math.log1p(Math.max(maxBytes, 1));
  return Math.max(MIN_BAR_PX, Math.min(bandPx, h));
}

/**
 * The chart of `points` (oldest first), its labels in `tr`'s language. Every dot and bar has a
 * tooltip naming its snapshot, time and figures.
 */
export function runChart(points: readonly RunPoint[], options: { tr: Translator; size?: ChartSize }): Html {
  const { tr } = options;
  const size = options.size ?? { width: 320, height: 88 };
  if (points.length === 0) return html`<span class="muted">${tr.t("web.chart.empty")}</span>`;
  // Side padding fits half of the widest bar (12 px), so the first and last bars are not clipped.
  const pad = { left: 7, right: 7, top: 15, bottom: 13 };
  const gap = 5;
  const w = size.width - pad.left - pad.right;
  const bands = size.height - pad.top - pad.bottom - gap;
  const totalH = Math.round(bands / 2);
  const newH = bands - totalH;
  const totalBottom = pad.top + totalH;
  const newBottom = totalBottom + gap + newH;
  const t0 = points[0].timeMs;
  const t1 = points[points.length - 1].timeMs;
  const span = Math.max(t1 - t0, 1);
  const maxTotal = Math.max(...points.map((p) => p.totalBytes), 1);
  const maxNew = Math.max(...points.map((p) => p.newBytes ?? 0), 0);
  const x = (p: RunPoint, i: number) =>
    pad.left +
    (points.length === 1 ? w / 2 : t1 === t0 ? (w * i) / (points.length - 1) : (w * (p.timeMs - t0)) / span);
  const yTotal = (bytes: number) => totalBottom - (totalH * bytes) / maxTotal;
  const barWidth = Math.max(2, Math.min(12, w / points.length / 2));
  const line = points.map((p, i) => `${x(p, i).toFixed(1)},${yTotal(p.totalBytes).toFixed(1)}`).join(" ");
  const tip = (p: RunPoint) => {
    const params = { id: shownName(p.snapId), time: formatTime(p.timeMs), total: p.totalBytes };
    return p.newBytes === undefined
      ? tr.t("web.chart.tip.adopted", params)
      : tr.t("web.chart.tip", { ...params, new: p.newBytes });
  };
  const [label0, label1] = axisLabels(t0, t1);
  return html`
    <svg class="chart" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size
      .height}" role="img"
      aria-label="${tr.t("web.chart.label")}">
    <title>${tr.t("web.chart.title", { total: maxTotal, new: maxNew })}</title>
    <line class="chart-axis" x1="${pad.left}" y1="${totalBottom}" x2="${pad.left + w}" y2="${totalBottom}"/>
    <line class="chart-axis" x1="${pad.left}" y1="${newBottom}" x2="${pad.left + w}" y2="${newBottom}"/>
    ${points.map((p, i) => {
      const h = newBarHeight(p.newBytes ?? 0, maxNew, newH);
      return h > 0 &&
        html`
          <rect class="chart-new" x="${(x(p, i) - barWidth / 2).toFixed(1)}" y="${(newBottom - h).toFixed(
            1,
          )}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}">
            <title>${tip(p)}</title>
          </rect>
        `;
    })}
    <polyline class="chart-total" points="${line}"/>
    ${points.map((p, i) =>
      html`
        <circle class="chart-dot" cx="${x(p, i).toFixed(1)}" cy="${yTotal(p.totalBytes).toFixed(1)}" r="2.5">
          <title>${tip(p)}</title>
        </circle>
      `
    )}
    <text class="chart-label chart-label-total" x="${pad.left}" y="9">${tr.t("web.chart.axis.total", {
      size: maxTotal,
    })}</text>
    <text class="chart-label chart-label-new" x="${pad.left +
      w}" y="9" text-anchor="end">${tr.t("web.chart.axis.new", { size: maxNew })}</text>
    <text class="chart-label" x="${pad.left}" y="${size.height - 2}">${label0}</text>
    ${points.length > 1 &&
      html`<text class="chart-label" x="${pad.left + w}" y="${
        size.height - 2
      }" text-anchor="end">${label1}</text>`}
    </svg>
  `;
}
