/**
 * A small inline SVG chart of total and new bytes per run over time, for `phlb serve`'s pages.
 * No script and no style attributes (the Content-Security-Policy allows neither): colours come from
 * classes in the stylesheet.
 * @module
 */
import { formatBytes } from "../report/format.ts";
import type { RunPoint } from "./catalog.ts";
import { type Html, html } from "./html.ts";

/** Size of a chart in CSS pixels. */
export interface ChartSize {
  width: number;
  height: number;
}

function day(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${
    String(d.getDate()).padStart(2, "0")
  }`;
}

/**
 * Total bytes of each run as a line with dots, new bytes as bars, on a time axis. Every dot and
 * bar has a tooltip naming its snapshot and figures.
 */
export function runChart(points: readonly RunPoint[], size: ChartSize = { width: 320, height: 64 }): Html {
  if (points.length === 0) return html`<span class="muted">no finished runs yet</span>`;
  // The top band holds the scale label, so no line or dot is drawn over it.
  // Side padding fits half of the widest bar (12 px), so the first and last bars are not clipped.
  const pad = { left: 7, right: 7, top: 13, bottom: 14 };
  const w = size.width - pad.left - pad.right;
  const h = size.height - pad.top - pad.bottom;
  const t0 = points[0].timeMs;
  const t1 = points[points.length - 1].timeMs;
  const span = Math.max(t1 - t0, 1);
  const maxBytes = Math.max(...points.map((p) => Math.max(p.totalBytes, p.newBytes)), 1);
  const x = (p: RunPoint, i: number) =>
    pad.left +
    (points.length === 1 ? w / 2 : t1 === t0 ? (w * i) / (points.length - 1) : (w * (p.timeMs - t0)) / span);
  const y = (bytes: number) => pad.top + h - (h * bytes) / maxBytes;
  const barWidth = Math.max(2, Math.min(12, w / points.length / 2));
  const line = points.map((p, i) => `${x(p, i).toFixed(1)},${y(p.totalBytes).toFixed(1)}`).join(" ");
  const tip = (p: RunPoint) =>
    `${p.snapId}: ${formatBytes(p.totalBytes)} total, ${formatBytes(p.newBytes)} new`;
  return html`
    <svg class="chart" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size
      .height}" role="img"
      aria-label="total and new bytes per run">
    <title>total (line) and new (bars) bytes per run; highest ${formatBytes(maxBytes)}</title>
    <line class="chart-axis" x1="${pad.left}" y1="${pad.top + h}" x2="${pad.left + w}" y2="${pad.top + h}"/>
    ${points.map((p, i) =>
      html`
        <rect class="chart-new" x="${(x(p, i) - barWidth / 2).toFixed(1)}" y="${y(p.newBytes).toFixed(
          1,
        )}" width="${barWidth.toFixed(1)}" height="${Math.max(y(0) - y(p.newBytes), p.newBytes > 0 ? 1 : 0)
          .toFixed(1)}">
          <title>${tip(p)}</title>
        </rect>
      `
    )}
    <polyline class="chart-total" points="${line}"/>
    ${points.map((p, i) =>
      html`
        <circle class="chart-dot" cx="${x(p, i).toFixed(1)}" cy="${y(p.totalBytes).toFixed(1)}" r="2.5">
          <title>${tip(p)}</title>
        </circle>
      `
    )}
    <text class="chart-label" x="${pad.left}" y="${size.height - 2}">${day(t0)}</text>
    ${points.length > 1 &&
      html`<text class="chart-label" x="${pad.left + w}" y="${size.height - 2}" text-anchor="end">${
        day(t1)
      }</text>`}
    <text class="chart-label" x="${pad.left}" y="9">max ${formatBytes(maxBytes)}</text>
    </svg>
  `;
}
