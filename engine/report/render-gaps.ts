import { formatDuration } from '../../model/index.js';
import type { CauseStep, GapRow, ReconciliationMismatch } from '../../monitor/index.js';
import { erpText, fmtDelta, mesText, rowLabel } from '../../monitor/quantity-text.js';
import { html, type SafeHtml } from './html.js';
import type { ReconciliationReport, ReportGap } from './reconciliation-data.js';

/** Rows a gap shows in the report; the rest are counted (all of them are in the JSON report). */
const MAX_ROWS = 12;

const count = (n: number): string => n.toLocaleString('en-US');
const ms = (v: number | null): string => (v === null ? '—' : formatDuration(v));
/** An RFC 3339 instant for a table cell: date and time to the second, UTC (the full value is in the JSON report). */
const when = (iso: string): string => (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso);
/** A mismatch's value with its unit: `14 EA`; a state as it is. */
const withUnit = (v: number | string, uom: string | undefined): string => (typeof v === 'number' ? `${count(v)}${uom ? ` ${uom}` : ''}` : v);

/** What differs: a small table of the gap's rows (largest difference first), or both sides' states. */
function difference(g: ReportGap): SafeHtml {
  if (g.rows.length === 0) return html`<div>MES ${String(g.mes)} · ERP ${String(g.erp)}</div>`;
  const shown = g.rows.slice(0, MAX_ROWS);
  return html`<table class="rows"><thead><tr><th>Compared</th><th class="num">MES</th><th class="num">ERP</th><th class="num">Δ</th></tr></thead><tbody>
${shown.map((r: GapRow) => html`<tr><td>${rowLabel(r)}${r.note ? html` <span class="muted">(${r.note})</span>` : ''}</td><td class="num">${mesText(r)}</td><td class="num">${erpText(r)}</td><td class="num">${r.delta === null ? '—' : fmtDelta(r.delta)}</td></tr>\n`)}</tbody></table>
${g.rows.length > MAX_ROWS ? html`<div class="muted">and ${count(g.rows.length - MAX_ROWS)} more rows (JSON report)</div>` : ''}`;
}

/** The probable cause, root first, with its chain one click away (a disclosure: no script needed). */
function cause(g: ReportGap): SafeHtml {
  if (g.causeChain.length < 2) return html`${g.cause}`;
  return html`${g.cause}<details class="chain"><summary>Cause chain</summary><ol>${g.causeChain.map(
    (s: CauseStep) => html`<li>${s.text}${s.eventId ? html` <span class="mono muted">event ${s.eventId}</span>` : ''}</li>`,
  )}</ol></details>`;
}

/** Open sync gaps: where, which keys, what differs (with units, row by row) and why (root first). */
export function gapsSection(r: ReconciliationReport): SafeHtml {
  return html`<section><h2>Open sync gaps</h2>
${
  r.gaps.length === 0
    ? html`<p class="none">No open gaps: ERP and MES agree.</p>`
    : html`<table class="gap-list"><thead><tr><th>Kind</th><th>Line</th><th>Order</th><th>Business keys</th><th>What differs</th><th>Opened (UTC)</th><th class="num">Age</th><th>Probable cause (root first)</th></tr></thead><tbody>
${r.gaps.map(
  (g) =>
    html`<tr><td><span class="pill">${g.kind}</span></td><td class="nowrap">${g.plant}/${g.line}</td><td class="mono nowrap">${g.order}</td><td class="mono keys">${g.businesskeys.join(', ')}</td><td class="diff">${difference(g)}</td><td class="mono nowrap" title="${g.openedAt}">${when(g.openedAt)}</td><td class="num">${ms(g.ageMs)}</td><td class="cause">${cause(g)}</td></tr>\n`,
)}</tbody></table>`
}
</section>`;
}

/** Reconciliation mismatches, each quantity with its unit. */
export function mismatchRows(mismatches: readonly ReconciliationMismatch[]): SafeHtml {
  return html`${mismatches.map(
    (m) =>
      html`<tr><td class="mono nowrap">${m.order}</td><td>${m.plant}/${m.line}</td><td>${m.field}${m.note ? html` <span class="muted">(${m.note})</span>` : ''}</td><td class="num">${withUnit(m.mes, m.uom)}</td><td class="num">${withUnit(m.erp, m.uom)}</td></tr>\n`,
  )}`;
}
