import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRunReport, loadScenario, runSimulation } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';

/**
 * Posting periods and the MES backlog end to end: scenario → simulator → integration layer →
 * journal → monitor → report, the report's figures checked in SQL against the journal.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-periods-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(id: string, seed: number) {
  const scenario = loadScenario(id, { seed });
  const journalPath = join(dir, `${id}-${seed}.db`);
  const result = await runSimulation(scenario, { journalPath });
  const report = buildRunReport(scenario, result);
  return { scenario, result, report, db: openJournal(journalPath, { readonly: true }).db };
}

describe('period-close through the journal', () => {
  it("each line's late postings are the distinct keys ERP refused for the closed period, as the journal holds them", async () => {
    const { result, report, db } = await run('period-close', 2);
    const rows = db
      .prepare(
        `SELECT line, count(DISTINCT businesskey) AS n FROM events WHERE session = ? AND type = 'int.message.dead-lettered'
           AND json_extract(data, '$.reason') LIKE 'posting period 2026-02 is closed:%' GROUP BY line`,
      )
      .all(result.session) as { line: string; n: number }[];
    const late = Object.fromEntries(rows.map((r) => [r.line, r.n]));
    expect(late.L1).toBeGreaterThan(0);
    for (const l of report.lines) expect(l.latePostings, `${l.plant}/${l.line}`).toBe(late[l.line] ?? 0);
    // ERP announced the close once per line, at midnight plant time
    const closes = db.prepare(`SELECT line, time, json_extract(data, '$.period') AS period FROM events WHERE session = ? AND type = 'erp.period.closed' ORDER BY line`).all(result.session);
    expect(closes).toEqual([
      { line: 'L1', time: '2026-02-28T23:00:00.000Z', period: '2026-02' },
      { line: 'L2', time: '2026-02-28T23:00:00.000Z', period: '2026-02' },
    ]);
    // every gap on L1 traces back to the closed period (a usage decision refused for stock ERP never received, to its receipt's refusal)
    const l1 = report.gaps.filter((g) => g.line === 'L1');
    expect(l1.length).toBeGreaterThan(0);
    for (const g of l1) expect(g.causeChain[0]?.text ?? g.cause).toMatch(/^posting period 2026-02 is closed/);
  }, 60_000);
});

describe('mes-restart-backlog through the journal', () => {
  it('journals the backlog when MES sends it, behind its times; the report shows the burst and everything posted', async () => {
    const { scenario, result, report, db } = await run('mes-restart-backlog', 3);
    const from = scenario.startMs + 3 * 3_600_000;
    const until = from + 3 * 3_600_000;
    // L1's MES messages made in the window are journaled after everything L2 sent in the window: when MES is back
    const lastL2Before = db
      .prepare(`SELECT max(seq) AS s FROM events WHERE session = ? AND line = 'L2' AND time < ?`)
      .get(result.session, new Date(until).toISOString()) as { s: number };
    const backlog = db
      .prepare(`SELECT seq, time FROM events WHERE session = ? AND source = '/US01/L1/mes' AND time >= ? AND time < ? ORDER BY seq`)
      .all(result.session, new Date(from).toISOString(), new Date(until).toISOString()) as { seq: number; time: string }[];
    expect(backlog.length).toBeGreaterThan(30);
    for (const b of backlog) expect(b.seq).toBeGreaterThan(lastL2Before.s);
    // the report's burst on L1, hours of latency measured from the messages' times, L2 flat; nothing left over
    const l1 = report.lines.find((l) => l.line === 'L1')!;
    const l2 = report.lines.find((l) => l.line === 'L2')!;
    expect(l1.queueDepthMax).toBeGreaterThan(l2.queueDepthMax * 3);
    expect(l1.postingLatencyMs.max!).toBeGreaterThan(2 * 3_600_000);
    expect(l2.postingLatencyMs.max!).toBeLessThan(60_000);
    expect(report.conservation).toMatchObject({ pending: 0, lost: 0, deadLettered: 0 });
    const unposted = db
      .prepare(
        `SELECT m.businesskey FROM events m WHERE m.session = ? AND m.source = '/US01/L1/mes'
           AND m.type IN ('mes.operation.confirmed', 'mes.material.consumed', 'mes.order.completed')
           AND NOT EXISTS (SELECT 1 FROM events p WHERE p.session = m.session AND p.businesskey = m.businesskey AND p.type LIKE 'erp.%')`,
      )
      .all(result.session);
    expect(unposted).toEqual([]);
    // each key posted once: the copies MES re-sent in the burst were suppressed
    const twice = db
      .prepare(`SELECT businesskey FROM events WHERE session = ? AND line = 'L1' AND type IN ('erp.confirmation.posted', 'erp.consumption.posted', 'erp.goods.received') GROUP BY businesskey HAVING count(*) > 1`)
      .all(result.session);
    expect(twice).toEqual([]);
    expect(l1.controls.duplicatesSuppressed).toBeGreaterThan(0);
    expect(report.faultWindows).toEqual([
      { kind: 'mes-restart', plant: 'US01', line: 'L1', start: new Date(from).toISOString(), end: new Date(until).toISOString(), messagesAffected: report.faults['mes-restart'] },
    ]);
  }, 60_000);
});
