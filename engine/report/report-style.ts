/** The HTML report's only stylesheet, inlined: readable on screen, compact and black-on-white in print. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1c2430; --muted: #5b6675; --rule: #d5dbe3; --bad: #b3261e; --ok: #2e7d32; --head: #f1f4f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
.sub { color: var(--muted); margin: 0 0 16px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
code { overflow-wrap: anywhere; }
td.nowrap { white-space: nowrap; }
td.keys { overflow-wrap: anywhere; min-width: 120px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 12px 0; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
.card .n { font-size: 22px; font-weight: 600; }
.card .l { color: var(--muted); font-size: 12px; }
.card.bad .n { color: var(--bad); }
.card.ok .n { color: var(--ok); }
.charts { display: flex; flex-wrap: wrap; gap: 16px 32px; }
figure.chart { margin: 0; break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart .lbl, figure.chart .val { font: 12px system-ui, sans-serif; fill: var(--ink); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th.num { white-space: nowrap; }
td.cause { min-width: 200px; }
td.diff { min-width: 260px; }
table.rows { width: auto; margin: 0; font-size: 12px; }
table.rows th, table.rows td { padding: 1px 6px; border-bottom: 1px dotted var(--rule); }
table.rows td.num, table.rows th { white-space: nowrap; }
table.rows thead th { background: none; position: static; color: var(--muted); font-weight: 500; }
details.chain { margin-top: 4px; }
details.chain summary { cursor: pointer; color: var(--muted); }
details.chain ol { margin: 4px 0 0; padding-left: 20px; }
.muted { color: var(--muted); }
.none { color: var(--ok); }
.pill { display: inline-block; padding: 0 6px; border-radius: 8px; background: var(--head); font-size: 12px; white-space: nowrap; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr, .card, figure.chart { break-inside: avoid; }
  .cards { grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 6px; }
  .card { padding: 4px 8px; }
}
@page { margin: 14mm; }
`;
