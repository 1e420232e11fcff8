/**
 * The one stylesheet of `phlb serve`, served from /static/style.css (the Content-Security-Policy
 * allows no inline styles). Plain CSS, no build step; follows the system's light or dark theme.
 * Below 640 px the dashboard's rows become cards and wide tables scroll inside their box, so a
 * page never gets wider than a phone's screen.
 * @module
 */

/** The stylesheet text. */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --fg: #1d2330; --muted: #5d6677; --bg: #ffffff; --panel: #f4f6f9; --line: #d9dee7;
  --link: #1a5fb4; --ok: #2a7d3f; --warn: #9a6300; --bad: #b3261e; --accent: #1a5fb4; --accent2: #e08a00;
  --add-bg: #e6f4ea; --del-bg: #fdecea; --add-fg: #1e6b34; --del-fg: #a4271c;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e4e7ec; --muted: #9aa3b2; --bg: #16191f; --panel: #1f242c; --line: #333a45;
    --link: #7cb3ff; --ok: #6fcf86; --warn: #f0b34a; --bad: #ff7b72; --accent: #7cb3ff; --accent2: #f0b34a;
    --add-bg: #17301f; --del-bg: #3a1c1b; --add-fg: #7ee2a0; --del-fg: #ff9b93;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--fg); background: var(--bg); }
header.top { display: flex; gap: 1.5em; align-items: center; flex-wrap: wrap; padding: .6em 1.2em;
  background: var(--panel); border-bottom: 1px solid var(--line); }
header.top .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
header.top form { margin-left: auto; display: flex; gap: .4em; flex-wrap: wrap; }
header.top .langs { font-size: .85em; color: var(--muted); }
header.top .langs strong { font-weight: 600; }
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
svg.chart { display: block; max-width: 100%; height: auto; }
.chart-axis { stroke: var(--line); }
.chart-total { fill: none; stroke: var(--accent); stroke-width: 1.6; }
.chart-dot { fill: var(--accent); }
.chart-new { fill: var(--accent2); opacity: .85; }
.chart-label { fill: var(--muted); font-size: 9px; }
.chart-label-total { fill: var(--accent); } .chart-label-new { fill: var(--accent2); }
.legend-total { color: var(--accent); } .legend-new { color: var(--accent2); }
.scroll { overflow-x: auto; max-width: 100%; }
dl.space { display: flex; flex-wrap: wrap; gap: .6em; margin: .4em 0 1em; }
dl.space div { background: var(--panel); border: 1px solid var(--line); border-radius: .4em; padding: .4em .9em;
  min-width: 9em; }
dl.space dt { color: var(--muted); font-size: .85em; }
dl.space dd { margin: 0; font-size: 1.3em; font-weight: 600; font-variant-numeric: tabular-nums; }
dl.space dd.muted { font-size: .8em; font-weight: 400; }
td.links a + a { margin-left: .6em; }
pre.cmd { max-height: none; }
tr.gone td { color: var(--muted); background: var(--panel); }
th.pick, td.pick { width: 2.2em; text-align: center; padding-left: .2em; padding-right: .2em; }
form.compare button { margin: .6em 0; }
p.count { margin: .3em 0 .6em; }
table.diff { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em; }
table.diff td { border: 0; padding: 0 .5em; }
table.diff td.ln { color: var(--muted); text-align: right; width: 1%; white-space: nowrap; user-select: none; }
table.diff td.code { white-space: pre-wrap; overflow-wrap: anywhere; }
table.diff .sign { user-select: none; display: inline-block; width: 1.2em; }
table.diff tr.add td { background: var(--add-bg); } table.diff tr.add td.code { color: var(--add-fg); }
table.diff tr.del td { background: var(--del-bg); } table.diff tr.del td.code { color: var(--del-fg); }
table.diff tr.hunk td { color: var(--muted); background: var(--panel); padding: .2em .5em; }
table.diff .eol { color: var(--muted); font-style: italic; margin-left: .6em; }
.diff-add { color: var(--add-fg); font-weight: 600; } .diff-del { color: var(--del-fg); font-weight: 600; }
table.changes tr.added .mark { color: var(--add-fg); } table.changes tr.removed .mark { color: var(--del-fg); }
table.changes tr.modified .mark { color: var(--warn); } table.changes .mark { font-weight: 700; width: 1.5em; }
@media (max-width: 640px) {
  main { padding: .8em .7em 2em; }
  header.top { gap: .5em; padding: .5em .7em; }
  header.top form { margin-left: 0; width: 100%; }
  header.top input[type=search] { flex: 1; min-width: 0; }
  table.dashboard thead { display: none; }
  table.dashboard, table.dashboard tbody, table.dashboard tr, table.dashboard td { display: block; width: 100%; }
  table.dashboard tr { border: 1px solid var(--line); border-radius: .4em; margin-bottom: .8em; padding: .3em 0; }
  table.dashboard td, table.dashboard td.num { border: 0; text-align: left; padding: .1em .6em; }
  table.dashboard td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85em; }
  table.dashboard td.name { font-size: 1.1em; font-weight: 600; }
  table.dashboard td.name::before { content: none; }
  dl.space div { min-width: 0; flex: 1 1 40%; }
}
`;
