/**
 * The one stylesheet of `phlb serve`, served from /static/style.css (the Content-Security-Policy
 * allows no inline styles). Plain CSS, no build step; follows the system's light or dark theme.
 * @module
 */

/** The stylesheet text. */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --fg: #1d2330; --muted: #5d6677; --bg: #ffffff; --panel: #f4f6f9; --line: #d9dee7;
  --link: #1a5fb4; --ok: #2a7d3f; --warn: #9a6300; --bad: #b3261e; --accent: #1a5fb4; --accent2: #e08a00;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e4e7ec; --muted: #9aa3b2; --bg: #16191f; --panel: #1f242c; --line: #333a45;
    --link: #7cb3ff; --ok: #6fcf86; --warn: #f0b34a; --bad: #ff7b72; --accent: #7cb3ff; --accent2: #f0b34a;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--fg); background: var(--bg); }
header.top { display: flex; gap: 1.5em; align-items: center; flex-wrap: wrap; padding: .6em 1.2em;
  background: var(--panel); border-bottom: 1px solid var(--line); }
header.top .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
header.top form { margin-left: auto; display: flex; gap: .4em; }
main { padding: 1em 1.2em 3em; max-width: 78em; }
h1 { font-size: 1.35em; margin: .3em 0 .6em; overflow-wrap: anywhere; }
h2 { font-size: 1.1em; margin: 1.6em 0 .5em; }
a { color: var(--link); }
nav.crumbs { color: var(--muted); margin-bottom: .4em; overflow-wrap: anywhere; }
nav.crumbs a { text-decoration: none; }
.note { background: var(--panel); border-left: 4px solid var(--warn); padding: .5em .8em; margin: .8em 0; }
.muted { color: var(--muted); }
.ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); font-weight: 600; }
.badge { display: inline-block; padding: 0 .45em; border-radius: .6em; font-size: .85em; border: 1px solid currentColor; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3em .6em; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .9em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { overflow-wrap: anywhere; }
tr.current td { background: var(--panel); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; margin: .5em 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
pre { background: var(--panel); border: 1px solid var(--line); padding: .7em; overflow: auto; max-height: 40em;
  white-space: pre-wrap; overflow-wrap: anywhere; }
pre .ERROR { color: var(--bad); } pre .WARNING { color: var(--warn); }
.actions { display: flex; gap: .8em; flex-wrap: wrap; margin: .6em 0; }
.button { display: inline-block; padding: .3em .9em; border: 1px solid var(--accent); border-radius: .3em;
  text-decoration: none; }
input[type=search], select { padding: .25em .4em; font: inherit; }
button { font: inherit; padding: .25em .8em; }
.pager { display: flex; gap: 1em; margin: .8em 0; }
svg.chart { display: block; }
.chart-axis { stroke: var(--line); }
.chart-total { fill: none; stroke: var(--accent); stroke-width: 1.6; }
.chart-dot { fill: var(--accent); }
.chart-new { fill: var(--accent2); opacity: .85; }
.chart-label { fill: var(--muted); font-size: 9px; }
.legend-total { color: var(--accent); } .legend-new { color: var(--accent2); }
`;
