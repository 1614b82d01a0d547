/** The one stylesheet: plain CSS, readable on a phone (tables scroll sideways, not the page). */
import { OUTCOME_COLOUR } from '../exporters/matrix/cell-outcome.js';
import { LINE_COLOURS } from './chart.js';
export const STYLESHEET = `
:root { --fg: #1a1a1a; --muted: #555; --line: #ccc; --accent: #0b57d0; font-family: system-ui, sans-serif; color: var(--fg); background: #fff; }
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.45; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #f9ab00; outline-offset: 2px; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; z-index: 9; }
header.site { background: #111; color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; }
header.site a { color: #fff; } header.site .brand { font-weight: 700; text-decoration: none; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
header.site .account { margin-left: auto; font-size: .9rem; } header.site form { display: inline; }
header.site button { background: none; border: 1px solid #fff; color: #fff; border-radius: 3px; cursor: pointer; }
main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; } h2 { font-size: 1.2rem; margin-top: 1.5rem; }
/* position: relative makes the box contain the hidden (.vh) texts of its cells, which would otherwise widen the page. */
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; position: relative; }
input, select, textarea { max-width: 100%; } code { overflow-wrap: anywhere; }
/* A fieldset is as wide as its widest content unless told otherwise; a grid item likewise. */
fieldset { min-width: 0; } .whatif-race { grid-template-columns: minmax(0, 1fr); }
td.dates { white-space: nowrap; } table.fields td { overflow-wrap: anywhere; }
.embed-preview { display: block; max-width: 100%; border: 1px dashed var(--line); margin: .5rem 0; } textarea.snippet { min-height: 5rem; font-family: ui-monospace, monospace; font-size: .8rem; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
.matrix td.cell { text-align: center; min-width: 2.2rem; }
.matrix th.competitor, .matrix td.competitor { position: sticky; left: 0; background: #fff; z-index: 1; }
${Object.entries(OUTCOME_COLOUR)
  .map(([o, colour]) => `.c-${o} { background: ${colour}; }`)
  .join(' ')}
.c-dsq { color: #fff; } .c-none { background: #fff; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: .25rem .75rem; list-style: none; padding: 0; font-size: .85rem; }
.legend span.swatch { display: inline-block; min-width: 2.4rem; text-align: center; border: 1px solid var(--line); margin-right: .25rem; }
.next { border: 2px solid #0b8043; } .badge { background: #0b8043; color: #fff; padding: 0 .35rem; border-radius: 3px; font-size: .8rem; }
.state-mark { display: block; font-size: .7rem; font-weight: 400; color: #8a4b00; }
.state { font-size: .8rem; padding: 0 .35rem; border-radius: 3px; border: 1px solid var(--line); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .75rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; }
.muted { color: var(--muted); } .error { color: #b3261e; font-weight: 600; } .ok { color: #0b8043; font-weight: 600; }
/* One column no wider than the form: a long option of a select must not widen the page. */
form.stack { display: grid; grid-template-columns: minmax(0, 1fr); gap: .5rem; max-width: 36rem; } label { font-weight: 600; overflow-wrap: anywhere; }
input, select, textarea, button { font: inherit; padding: .3rem; } textarea { width: 100%; min-height: 8rem; }
button.primary { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .4rem 1rem; cursor: pointer; }
.field-error { color: #b3261e; font-size: .85rem; display: block; }
fieldset { border: 1px solid var(--line); margin: 1rem 0; } legend { font-weight: 700; }
svg { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; word-break: break-all; max-width: 28rem; font-size: .75rem; }
.live-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0 1.5rem; align-items: start; }
tr.changed { background: #fff4ce; } .status-contender td.status { color: #0b57d0; font-weight: 600; } .status-clinched td.status, .status-champion td.status { color: #0b8043; font-weight: 700; } .status-eliminated { color: var(--muted); }
nav.subnav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; } form.inline { margin: .5rem 0; } .whatif-race { display: grid; gap: .15rem; }
td.up { color: #0b8043; } td.down { color: #b3261e; } td.fastest { font-style: italic; font-weight: 600; }
@media (max-width: 40rem) { main { padding: .5rem; } th, td { padding: .15rem .25rem; } }
.chart-pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); gap: .5rem 1.5rem; max-width: 50rem; }
figure.chart { margin: 0; } figure.chart svg { width: 100%; max-width: 30rem; height: auto; display: block; }
figure.chart figcaption { font-size: .85rem; color: var(--muted); }
section.progress h3 { margin: 1rem 0 .25rem; font-size: 1.05rem; }
.line-key { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; font-size: .85rem; }
.line-key .swatch { display: inline-block; width: 1.2rem; height: .3rem; vertical-align: middle; margin-right: .3rem; }
${LINE_COLOURS.map((colour, i) => `.line-${i} { background: ${colour}; }`).join(' ')}
.progress-table th.competitor { position: sticky; left: 0; background: #fff; z-index: 1; white-space: nowrap; }
.progress-table td { white-space: nowrap; }
/* Pages (issue 13): results tables, matrix marks, movement, notes and key. */
.move { font-size: .75rem; white-space: nowrap; } .move.up { color: #0b8043; } .move.down { color: #b3261e; } .move.same { color: var(--muted); }
.matrix td.pos { white-space: nowrap; } .matrix th.event { white-space: nowrap; } .matrix abbr { text-decoration: none; }
.flag { font-family: "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif; }
.legend li { white-space: nowrap; } .footnotes { font-size: .85rem; } .matrix sup, .legend sup { font-size: .7em; line-height: 0; }
table.results td, table.results th { white-space: nowrap; }
.sheet { margin-bottom: 2rem; } .sheet h2 { margin-bottom: .25rem; } .sheet-season { display: block; font-size: .9rem; font-weight: 400; color: var(--muted); }
.sheet-after, .sheet-key { margin: .25rem 0; font-size: .85rem; } .print-matrix td.total { font-weight: 700; }
@media print {
  @page { size: A4 portrait; margin: 10mm; }
  :root { font-size: 9pt; } body { background: #fff; }
  header.site, .skip, .screen-only, main > h1 { display: none; }
  main { padding: 0; max-width: none; }
  .sheet { break-after: page; margin: 0; } .sheet:last-child { break-after: auto; }
  .sheet h2 { margin-top: 0; }
  .scroll { overflow: visible; }
  table { font-size: 7.5pt; width: 100%; } th, td { padding: 1px 3px; }
  .matrix th.competitor, .matrix td.competitor { position: static; }
  td.cell, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
