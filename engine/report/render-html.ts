import { formatDuration } from '../../model/index.js';
import { html, raw, type SafeHtml } from './html.js';
import type { ReconciliationReport } from './reconciliation-data.js';
import { gapsSection, mismatchRows } from './render-gaps.js';
import { outagesSection } from './report-outages.js';
import { REPORT_CSS } from './report-style.js';
import { barChart, type Bar } from './svg-charts.js';

const GAP_COLOR = '#c0504d';
const EXC_COLOR: Readonly<Record<string, string>> = { technical: '#6b7b8c', 'business-rule': '#d08a1e', 'data-quality': '#8e5ea2' };

const count = (n: number): string => n.toLocaleString('en-US');
const ms = (v: number | null): string => (v === null ? '—' : formatDuration(v));
/** An RFC 3339 instant for a table cell: date and time to the second, UTC (the full value is in the JSON report). */
const when = (iso: string): string => (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso);
const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** "Baseline (baseline)", "watch plant-a, plant-b" — what the session was about. */
export function reportSubject(r: ReconciliationReport): string {
  const s = r.session;
  if (s.brokers.length > 0) return `brokers ${s.brokers.join(', ')}`;
  return s.name !== null && s.name !== s.scenario ? `${s.name} (${s.scenario})` : s.scenario;
}

function card(n: number | string, label: string, tone: 'bad' | 'ok' | '' = ''): SafeHtml {
  return html`<div class="card ${tone}"><div class="n">${typeof n === 'number' ? count(n) : n}</div><div class="l">${label}</div></div>`;
}

function header(r: ReconciliationReport): SafeHtml {
  const s = r.session;
  return html`<header>
<h1>Reconciliation report — ${reportSubject(r)}</h1>
<p class="sub">MES ↔ ERP, as the Linesight monitor saw the journaled session once it had settled.</p>
<dl class="meta">
<dt>Session</dt><dd>${s.id} (${s.kind})</dd>
<dt>${s.brokers.length > 0 ? 'Brokers' : 'Scenario'}</dt><dd>${reportSubject(r)}</dd>
<dt>Seed</dt><dd>${s.seed ?? '—'}</dd>
<dt>Period</dt><dd>${r.period.from ?? '—'} → ${r.period.to ?? '—'} <span class="muted">(event time)</span></dd>
<dt>Judged at</dt><dd>${r.judgedAt ?? '—'} <span class="muted">${s.interrupted ? '(session interrupted: at its last committed event)' : s.endedAt === null ? '(session still running: at its last event)' : '(last event + the longest grace period)'}</span></dd>
<dt>Recorded</dt><dd>${s.startedAt} → ${s.endedAt ?? (s.interrupted ? 'interrupted (its process stopped before ending it)' : 'still running')} <span class="muted">(wall clock)</span></dd>
<dt>Events</dt><dd>${count(s.events)}</dd>
<dt>Digest</dt><dd><code>${s.digest}</code></dd>
</dl>
</header>`;
}

function summary(r: ReconciliationReport): SafeHtml {
  const m = r.summary;
  const c = m.conservation;
  const kinds = Object.entries(m.gapsByKind).filter(([, n]) => n > 0);
  const cats = Object.entries(m.exceptionsByCategory).filter(([, n]) => n > 0);
  return html`<section><h2>Summary</h2>
<div class="cards">
${card(m.ordersCompared, 'orders compared')}
${card(m.ordersMatched, 'orders matched', m.ordersMatched === m.ordersCompared ? 'ok' : '')}
${card(m.mismatchedFields, 'mismatched fields', m.mismatchedFields > 0 ? 'bad' : 'ok')}
${card(m.openGaps, 'open sync gaps', m.openGaps > 0 ? 'bad' : 'ok')}
${card(m.gapsClosed, 'gaps closed')}
${card(m.exceptions, 'open exceptions', m.exceptions > 0 ? 'bad' : 'ok')}
</div>
<p>Open gaps by kind: ${kinds.length === 0 ? html`<span class="none">none</span>` : kinds.map(([k, n], i) => html`${i > 0 ? ' · ' : ''}<span class="pill">${k}</span> ${count(n)}`)}</p>
<p>Open exceptions by category: ${cats.length === 0 ? html`<span class="none">none</span>` : cats.map(([k, n], i) => html`${i > 0 ? ' · ' : ''}<span class="pill">${k}</span> ${count(n)}`)}</p>
${
  c === null
    ? html`<p class="muted">No business key needed an ERP posting in this session.</p>`
    : html`<p>Business keys: ${plural(c.needsPosting, 'key')} needed an ERP posting — ${count(c.posted)} posted · ${count(c.reversed)} reversed · ${count(c.deadLettered)} dead-lettered · ${count(c.pending)} pending · ${count(c.lost)} lost${c.notNeeded > 0 ? ` (${count(c.notNeeded)} more not needed)` : ''}. <span class="muted">Every key lands in exactly one bucket.</span></p>`
}
<p class="muted">Integration layer: duplicates suppressed ${count(m.controls.duplicatesSuppressed)} · resequenced ${count(m.controls.resequenced)} · gated ${count(m.controls.gated)} · retried ${count(m.controls.retried)} · dead-lettered ${count(m.controls.deadLettered)} · quarantined ${count(m.controls.quarantined)} · buffered ${count(m.controls.buffered)}</p>
</section>`;
}

function charts(r: ReconciliationReport): SafeHtml {
  const perLine: Bar[] = r.lines.map((l) => ({ label: `${l.plant}/${l.line}`, value: l.openGaps, color: GAP_COLOR }));
  const byKind: Bar[] = Object.entries(r.summary.gapsByKind).map(([k, n]) => ({ label: k, value: n, color: GAP_COLOR }));
  const byCat: Bar[] = Object.entries(r.summary.exceptionsByCategory).map(([k, n]) => ({ label: k, value: n, color: EXC_COLOR[k] }));
  return html`<section><h2>Charts</h2><div class="charts">
${raw(barChart('Open gaps per line', perLine))}
${raw(barChart('Open gaps by kind', byKind))}
${raw(barChart('Open exceptions by category', byCat))}
</div></section>`;
}

function lines(r: ReconciliationReport): SafeHtml {
  return html`<section><h2>Lines</h2>
${
  r.lines.length === 0
    ? html`<p class="muted">No line was seen in this session.</p>`
    : html`<table><thead><tr><th>Line</th><th class="num">Released</th><th class="num">Completed</th><th class="num">Closed</th><th class="num">Queue max</th><th class="num">Transit latency p50</th><th class="num">p95</th><th class="num">Open gaps</th><th class="num">Exceptions</th></tr></thead><tbody>
${r.lines.map(
  (l) => html`<tr><td>${l.plant}/${l.line}</td><td class="num">${count(l.ordersReleased)}</td><td class="num">${count(l.ordersCompleted)}</td><td class="num">${count(l.ordersClosed)}</td><td class="num">${count(l.queueDepthMax)}</td><td class="num">${ms(l.latencyMs.p50)}</td><td class="num">${ms(l.latencyMs.p95)}</td><td class="num">${count(l.openGaps)}</td><td class="num">${count(l.exceptions)}</td></tr>\n`,
)}</tbody></table>`
}
</section>`;
}

function mismatches(r: ReconciliationReport): SafeHtml {
  const s = r.summary;
  return html`<section><h2>Reconciliation mismatches</h2>
<p>${plural(s.ordersCompared, 'order')} compared, ${count(s.ordersMatched)} matched field by field.</p>
${
  r.mismatches.length === 0
    ? html`<p class="none">MES and ERP agree on every order compared.</p>`
    : html`<table><thead><tr><th>Order</th><th>Line</th><th>Field</th><th class="num">MES</th><th class="num">ERP</th></tr></thead><tbody>
${mismatchRows(r.mismatches)}</tbody></table>`
}
</section>`;
}

function exceptions(r: ReconciliationReport): SafeHtml {
  if (r.exceptions.length === 0) return html``;
  return html`<section><h2>Open exceptions (dead letters)</h2>
<table><thead><tr><th>Category</th><th>Line</th><th>Order</th><th>Message</th><th>Business key</th><th>At (UTC)</th><th>Reason</th></tr></thead><tbody>
${r.exceptions.map(
  (x) =>
    html`<tr><td><span class="pill">${x.category}</span></td><td class="nowrap">${x.plant}/${x.line}</td><td class="mono nowrap">${x.order}</td><td>${x.messageType}</td><td class="mono keys">${x.businesskey}</td><td class="mono nowrap" title="${x.at}">${when(x.at)}</td><td class="cause">${x.reason}</td></tr>\n`,
)}</tbody></table></section>`;
}

/** The report's sections after its header (an evidence pack holds them too). */
export function reconciliationSections(r: ReconciliationReport): SafeHtml {
  return html`${summary(r)}
${charts(r)}
${lines(r)}
${mismatches(r)}
${gapsSection(r)}
${exceptions(r)}
${outagesSection(r.connectionOutages, r.session)}`;
}

/**
 * A self-contained HTML page: inline CSS and SVG, no script, no external resource (a CSP meta tag
 * says so to the browser too), so it opens from a mail attachment on any machine and prints. Every
 * string from the journal is escaped by the `html` tag.
 */
export function reportPage(title: string, body: SafeHtml, extraCss = ''): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(REPORT_CSS + extraCss)}</style>
</head>
<body>
${body}
</body>
</html>
`.html;
}

/** The reconciliation report as one self-contained HTML page. */
export function renderReportHtml(r: ReconciliationReport, generatedAt: string): string {
  return reportPage(
    `Reconciliation — session ${r.session.id} — ${reportSubject(r)}`,
    html`${header(r)}
${reconciliationSections(r)}
<footer>Generated by Linesight on ${generatedAt} from the journal alone. The same session and journal give the same figures; the digest identifies the events.</footer>`,
  );
}
