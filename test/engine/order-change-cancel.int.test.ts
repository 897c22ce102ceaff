import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRunReport, loadScenario, runSimulation } from '../../engine/index.js';
import { openJournal } from '../../engine/journal/index.js';

/**
 * The bundled scenario order-change-cancel end to end (simulator → integration layer → journal →
 * monitor → report): every gap it opens has the change that caused it as its root, and what the
 * report says about changes and cancellations is what the journal holds.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-order-change-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('order-change-cancel, end to end', () => {
  it.each([1, 2])('seed %d: every gap is rooted in a change or cancellation the journal holds, naming its order', async (seed) => {
    const scenario = loadScenario('order-change-cancel', { seed });
    const journalPath = join(dir, `occ-${seed}.db`);
    const result = await runSimulation(scenario, { journalPath });
    const report = buildRunReport(scenario, result);
    const db = openJournal(journalPath, { readonly: true }).db;
    const changes = new Map(
      (db.prepare(`SELECT businesskey, order_id FROM events WHERE session = ? AND type IN ('erp.order.changed', 'erp.order.cancelled')`).all(result.session) as { businesskey: string; order_id: string }[]).map((r) => [
        r.businesskey,
        r.order_id,
      ]),
    );
    expect(report.gaps.length).toBeGreaterThan(0);
    for (const g of report.gaps) {
      expect(g.rootCause, `${g.kind} ${g.order}: ${g.cause}`).toBe('order-change');
      const root = g.causeChain[0]!;
      expect(changes.get(root.businesskey!), `${g.kind} ${g.order}`).toBe(g.order);
      expect(root.text).toMatch(/^ERP (changed the order quantity from \d+ to \d+ EA|cancelled the order) \(/);
    }
    // the order-change gaps: one per order that confirmed beyond its change or after its cancellation
    const breached = report.gaps.filter((g) => g.kind === 'order-change').map((g) => g.order);
    expect(new Set(breached).size).toBe(breached.length);
    // an unacknowledged change is a status gap; every change the journal holds is acknowledged or is one
    const acked = new Set((db.prepare(`SELECT businesskey FROM events WHERE session = ? AND type LIKE 'mes.order.%-acknowledged'`).all(result.session) as { businesskey: string }[]).map((r) => r.businesskey));
    const statusKeys = new Set(report.gaps.filter((g) => g.kind === 'status').map((g) => g.causeChain[0]!.businesskey));
    for (const key of changes.keys()) expect(acked.has(key) || statusKeys.has(key), key).toBe(true);
    // cancelled orders end cancelled, never closed, and the stuck list does not wait on them for nothing
    const cancelled = (db.prepare(`SELECT order_id FROM events WHERE session = ? AND type = 'erp.order.cancelled'`).all(result.session) as { order_id: string }[]).map((r) => r.order_id);
    expect(cancelled.length).toBeGreaterThan(0);
    for (const o of cancelled) {
      expect(db.prepare(`SELECT count(*) AS n FROM events WHERE session = ? AND order_id = ? AND type = 'erp.order.closed'`).get(result.session, o)).toEqual({ n: 0 });
      const stuck = report.stuckOrders.find((s) => s.order === o);
      if (stuck !== undefined) expect(stuck.state).toBe('cancelled');
    }
    db.close();
  }, 60_000);
});
