import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPosting, needsErpPosting, type AnyEvent, type CheckRule } from '../../model/index.js';
import { auditHead, openJournal, sessionEvents, type AuditHead } from '../journal/index.js';
import { checkSession, type CheckRun } from './checks.js';
import { html, raw, type SafeHtml } from './html.js';
import { buildReconciliationReport, type ReconciliationReport } from './reconciliation-data.js';
import { failedCheckText } from './junit.js';
import { reconciliationSections, reportPage, reportSubject } from './render-html.js';
import { sessionRow } from './session-snapshot.js';
import { barChart, type Bar } from './svg-charts.js';

/** Posting latency buckets (message → its first posting, event time): upper bounds in ms, the last open. */
const BUCKETS: readonly { readonly label: string; readonly upTo: number }[] = [
  { label: '≤ 5 s', upTo: 5_000 },
  { label: '5–30 s', upTo: 30_000 },
  { label: '30 s–2 min', upTo: 120_000 },
  { label: '2–5 min', upTo: 300_000 },
  { label: '5–15 min', upTo: 900_000 },
  { label: '15–60 min', upTo: 3_600_000 },
  { label: '> 1 h', upTo: Infinity },
];

/** What an evidence pack holds: the checks, the reconciliation, samples, timings, and what ties it to the data. */
export type EvidencePack = {
  readonly checks: CheckRun;
  readonly reconciliation: ReconciliationReport;
  /** the first event of each type in the session, as journaled */
  readonly samples: readonly AnyEvent[];
  /** messages posted (to ERP or MES) per latency bucket, by interface of the message */
  readonly latency: readonly { readonly label: string; readonly count: number }[];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly auditHead: AuditHead | null;
  readonly version: string;
};

function latencyAndSamples(db: Database, session: number): { latency: EvidencePack['latency']; samples: AnyEvent[] } {
  const samples = new Map<string, AnyEvent>();
  const sent = new Map<string, number>();
  const counts = BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  for (const e of sessionEvents(db, session)) {
    if (!samples.has(e.type)) samples.set(e.type, e);
    const t = Date.parse(e.time);
    if (needsErpPosting(e.type) || e.type === 'erp.order.released') {
      if (!sent.has(e.businesskey)) sent.set(e.businesskey, t);
    } else if (isPosting(e.type)) {
      const from = sent.get(e.businesskey);
      if (from === undefined) continue;
      sent.delete(e.businesskey);
      const ms = Math.max(0, t - from);
      counts[BUCKETS.findIndex((b) => ms <= b.upTo)]!.count++;
    }
  }
  return { latency: counts, samples: [...samples.values()].sort((a, b) => a.type.localeCompare(b.type)) };
}

/** Gather an evidence pack of a journal session (default the latest): everything from the journal alone. */
export function buildEvidence(journalPath: string, rules: readonly CheckRule[], version: string, session?: number): EvidencePack {
  const checks = checkSession(journalPath, rules, session);
  const journal = openJournal(journalPath, { readonly: true });
  try {
    const db = journal.db;
    const reconciliation = buildReconciliationReport(db, checks.session);
    const { latency, samples } = latencyAndSamples(db, checks.session);
    const row = sessionRow(db, checks.session);
    const meta = typeof row.meta === 'object' && row.meta !== null ? (row.meta as Record<string, unknown>) : {};
    return { checks, reconciliation, samples, latency, meta, auditHead: auditHead(db), version };
  } finally {
    journal.close();
  }
}

function checksSection(c: CheckRun): SafeHtml {
  const shown = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US'));
  return html`<section><h2>Integration contract checks</h2>
<p>${c.failed === 0 ? html`<span class="none">All ${c.results.length} rules hold.</span>` : html`<strong>${c.failed} of ${c.results.length} rules failed.</strong>`} Judged at the session's last event (${c.judgedAt ?? '—'}).</p>
<table><thead><tr><th>Rule</th><th>Kind</th><th>Result</th><th>Measured</th><th>Holds that</th></tr></thead><tbody>
${c.results.map(
  (r) =>
    html`<tr><td class="mono nowrap">${r.id}</td><td>${r.kind}</td><td>${r.verdict === 'pass' ? html`<span class="pill">pass</span>` : html`<strong>FAIL</strong>`}</td><td class="mono">${Object.entries(r.measured).map(([k, v]) => `${k} ${shown(v)}`).join(' · ')}</td><td>${r.title}</td></tr>\n`,
)}</tbody></table>
${c.results
  .filter((r) => r.verdict === 'fail')
  .map(
    (r) => html`<h3>${r.id} — ${r.title}</h3>
<ul>${r.checks.filter((x) => x.verdict === 'fail').map((x) => html`<li>${failedCheckText(x)}</li>`)}</ul>
<ul>${r.first.map((v) => html`<li>${v.text}<ul>${v.events.map((e) => html`<li class="mono">${e.time} ${e.type} ${e.businesskey} [${e.id}]</li>`)}</ul></li>`)}</ul>`,
  )}
</section>`;
}

function timingsSection(p: EvidencePack): SafeHtml {
  const bars: Bar[] = p.latency.map((b) => ({ label: b.label, value: b.count, color: '#4f81bd' }));
  const within = p.checks.results.filter((r) => r.kind === 'within');
  return html`<section><h2>Timings</h2>
<p>Messages by the time to their first posting on the other side (event time: a confirmation, consumption or receipt to ERP's posting, a release to MES's acknowledgement). Per line, transit latency p50/p95 is in the Lines table below.</p>
<div class="charts">${raw(barChart('Time to posting', bars))}</div>
${within.length === 0 ? html`` : html`<table><thead><tr><th>Rule</th><th class="num">Pairs</th><th class="num">p50 (ms)</th><th class="num">p95 (ms)</th><th class="num">max (ms)</th><th class="num">Unmatched</th></tr></thead><tbody>
${within.map((r) => html`<tr><td class="mono">${r.id}</td><td class="num">${r.measured.count ?? '—'}</td><td class="num">${r.measured.p50 ?? '—'}</td><td class="num">${r.measured.p95 ?? '—'}</td><td class="num">${r.measured.max ?? '—'}</td><td class="num">${r.measured.unmatched ?? '—'}</td></tr>\n`)}</tbody></table>`}
</section>`;
}

function samplesSection(samples: readonly AnyEvent[]): SafeHtml {
  return html`<section><h2>Sample messages</h2>
<p class="muted">The first event of each type in the session, as journaled (CloudEvents 1.0, canonical JSON).</p>
${samples.map((e) => html`<h3 class="mono">${e.type}</h3><pre>${JSON.stringify(e, null, 2)}</pre>`)}
</section>`;
}

/**
 * An evidence pack as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched:
 * a CSP meta tag says so to the browser), printable to PDF. Its header ties it to the exact data: the
 * session's digest and the journal's audit head at the time it was made, which `linesight audit
 * verify --head` checks later.
 */
export function renderEvidenceHtml(p: EvidencePack, generatedAt: string): string {
  const r = p.reconciliation;
  const c = p.checks;
  const head = p.auditHead === null ? 'none (no audited action yet)' : `${p.auditHead.id}:${p.auditHead.hash}`;
  const body = html`<header>
<h1>Evidence pack — ${reportSubject(r)}</h1>
<p class="sub">What the integration did in this session, checked against its contract, from the Linesight journal alone.</p>
<dl class="meta">
<dt>Session</dt><dd>${c.session} (${c.kind})</dd>
<dt>${r.session.brokers.length > 0 ? 'Brokers' : 'Scenario'}</dt><dd>${reportSubject(r)}${r.session.seed === null ? '' : `, seed ${r.session.seed}`}</dd>
<dt>Events</dt><dd>${c.events.toLocaleString('en-US')}</dd>
<dt>Journal</dt><dd class="mono">${c.journalPath}</dd>
<dt>Digest</dt><dd><code id="digest">${c.digest}</code> <span class="muted">(SHA-256 over the session's events; <code>linesight sessions</code> shows it)</span></dd>
<dt>Audit head</dt><dd><code id="audit-head">${head}</code> <span class="muted">(check with <code>linesight audit verify JOURNAL --head ${p.auditHead === null ? 'HASH' : `${p.auditHead.id}:${p.auditHead.hash}`}</code>)</span></dd>
<dt>Contract</dt><dd>${c.failed === 0 ? `all ${c.results.length} rules hold` : `${c.failed} of ${c.results.length} rules failed`}</dd>
<dt>Tool</dt><dd>Linesight ${p.version}</dd>
<dt>Generated</dt><dd>${generatedAt}</dd>
</dl>
</header>
${checksSection(c)}
${timingsSection(p)}
${reconciliationSections(r)}
<section><h2>Scenario, brokers and settings</h2>
<p class="muted">What the session recorded about how it ran (scenario, seed, duration, grace periods; or the brokers and mappings watched).</p>
<pre>${JSON.stringify(p.meta, null, 2)}</pre>
</section>
${samplesSection(p.samples)}
<footer>Generated by Linesight ${p.version} on ${generatedAt}. The digest identifies the events; the audit head, the audited actions up to this pack. Sign it together with both.</footer>`;
  return reportPage(`Evidence pack — session ${c.session} — ${reportSubject(r)}`, body, ' pre{white-space:pre-wrap;word-break:break-all;font-size:11px;background:#f6f8fa;padding:8px;border-radius:4px} @media print{pre{break-inside:avoid}}');
}

/**
 * Names of evidence packs written into an exports folder: `evidence-session-<n>-<yyyymmdd-hhmmss>[-<k>].html`,
 * the stamp (UTC) the instant it was generated, `-<k>` added when that name is taken. A host serving
 * that folder may accept these names; a pack still being written has another (a `.part`).
 */
export const EVIDENCE_FILE_NAME = /^evidence-session-\d+-\d{8}-\d{6}(?:-\d+)?\.html$/;

/** Where a pack went: its path, its size, and what it says (the digest and audit head in its header). */
export type WrittenEvidence = { readonly path: string; readonly bytes: number; readonly pack: EvidencePack };

/**
 * Write the evidence pack of `session` into `dir` as `evidence-session-<n>-<stamp>.html` (see
 * `EVIDENCE_FILE_NAME`), generated at `generatedAtMs` (epoch ms, the host's clock) — under a
 * temporary name first, so a reader never sees half a pack, and never over another file. Used by
 * `reports.evidence`.
 */
export async function writeEvidencePack(
  journalPath: string,
  session: number,
  dir: string,
  opts: { readonly rules: readonly CheckRule[]; readonly version: string; readonly generatedAtMs: number },
): Promise<WrittenEvidence> {
  const generatedAt = new Date(opts.generatedAtMs).toISOString();
  const pack = buildEvidence(journalPath, opts.rules, opts.version, session);
  const text = renderEvidenceHtml(pack, generatedAt);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.evidence-${randomUUID()}.part`);
  await writeFile(temp, text, { flag: 'wx' });
  const stamp = generatedAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  try {
    for (let k = 1; ; k++) {
      const path = join(dir, `evidence-session-${session}-${stamp}${k === 1 ? '' : `-${k}`}.html`);
      try {
        // `link` refuses an existing name: another pack of the same second keeps its file
        await link(temp, path);
        return { path, bytes: Buffer.byteLength(text), pack };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
