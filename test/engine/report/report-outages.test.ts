import { describe, expect, it } from 'vitest';
import { renderReconciliationReport, type ReconciliationReport } from '../../../engine/report/reconciliation-report.js';
import { REPORT_CSV_COLUMNS } from '../../../engine/report/render-csv.js';
import { FORMULA, HOSTILE, hostileReport } from './fixture.js';

/** The hostile report as a live session's, with an outage that ended, a possible gap and one open when the session ended. */
function liveReport(): ReconciliationReport {
  const r = hostileReport();
  return {
    ...r,
    session: { ...r.session, kind: 'live', brokers: ['plant'] },
    connectionOutages: [
      { connection: `plant${HOSTILE}`, url: 'mqtt://plant:1883', kind: 'outage', from: '2026-11-23T10:01:00.000Z', to: '2026-11-23T10:01:07.500Z', durationMs: 7_500, why: `no answer ${HOSTILE}` },
      { connection: 'plant', url: 'mqtt://plant:1883', kind: 'possible-gap', from: '2026-11-23T10:01:00.000Z', to: '2026-11-23T10:01:07.500Z', durationMs: 7_500, why: 'the broker kept no session for us' },
      { connection: 'yard', url: 'mqtt://yard:1883', kind: 'outage', from: '2026-11-23T10:04:00.000Z', to: null, durationMs: 60_000, why: FORMULA },
    ],
  };
}

describe('connection outages in the reconciliation report', () => {
  it('HTML: a section listing each with its range, duration and why, journal text escaped', () => {
    const page = renderReconciliationReport(liveReport(), 'html', '2026-11-23T12:00:00.000Z').text;
    expect(page).toContain('<h2>Connection outages</h2>');
    expect(page).toContain('2 outages, 1.13m down in all');
    expect(page).toContain('<td class="mono nowrap" title="2026-11-23T10:01:00.000Z">2026-11-23 10:01:00</td><td class="mono nowrap" title="2026-11-23T10:01:07.500Z">2026-11-23 10:01:07</td><td class="num">7.5s</td>');
    expect(page).toContain('<span class="pill">possible gap</span>');
    // the session ended while the yard was down: its end bounds the outage
    expect(page).toContain('<span class="muted">down until the session ended</span></td><td class="num">1m</td>');
    expect(page).not.toContain('<script');
    expect(page).not.toMatch(/<[^>]*\son\w+=/i);
  });

  it('HTML: a live session with none says so; other sessions have no such section', () => {
    const quiet = renderReconciliationReport({ ...liveReport(), connectionOutages: [] }, 'html').text;
    expect(quiet).toContain('No watched connection was down during the session.');
    expect(renderReconciliationReport(hostileReport(), 'html').text).not.toContain('Connection outages');
  });

  it('CSV: one `outage` record each, as wide as the rest, its end in words, guarded against formulas', () => {
    const { text, rows } = renderReconciliationReport(liveReport(), 'csv');
    const lines = text.split('\r\n').filter((l) => l.startsWith('12,outage,'));
    expect(rows).toBe(4 + 3);
    expect(lines).toHaveLength(3);
    // a record with no comma inside a cell: as wide as the header
    const col = (name: (typeof REPORT_CSV_COLUMNS)[number]) => REPORT_CSV_COLUMNS.indexOf(name);
    const gap = lines[1]!.split(',');
    expect(gap).toHaveLength(REPORT_CSV_COLUMNS.length);
    expect(gap[col('kind')]).toBe('possible-gap');
    expect(gap[col('field')]).toBe('plant');
    expect(gap[col('opened_at')]).toBe('2026-11-23T10:01:00.000Z');
    expect(gap[col('probable_cause')]).toBe('the broker kept no session for us; back at 2026-11-23T10:01:07.500Z');
    // the cause starts with '=': quoted and prefixed like any other cell from the journal
    expect(lines[2]).toBe(`12,outage,outage,yard,,,,,,,,,2026-11-23T10:04:00.000Z,0.02,"'=HYPERLINK(""http://evil.example"",""click""); down until the session ended"`);
  });

  it('JSON: the list as it is, after the exceptions', () => {
    const report = liveReport();
    const parsed = JSON.parse(renderReconciliationReport(report, 'json').text) as ReconciliationReport;
    expect(parsed.connectionOutages).toEqual(report.connectionOutages);
    expect(Object.keys(parsed).at(-1)).toBe('connectionOutages');
  });
});
