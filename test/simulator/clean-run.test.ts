import { describe, expect, it } from 'vitest';
import { BATCH_PLANT, DISCRETE_PLANT, ofType, run, scenario } from './fixtures.js';
import {
  expectCanonicalEnvelopes,
  expectContiguousSequences,
  expectPostingsAnswerTheirMessages,
  expectTimeOrdered,
  needsPostingKeys,
  postingsByKey,
} from './invariants.js';

describe('simulator: a clean run (no faults, every control on)', () => {
  for (const [name, plant, lines] of [
    ['discrete, two lines', DISCRETE_PLANT, [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }]],
    ['batch', BATCH_PLANT, [{ plant: 'B1', line: 'MIX1' }]],
  ] as const) {
    describe(name, () => {
      // Given a scenario without faults, with some process noise (downtime, failed inspections)
      const s = scenario({ plant, lines: [...lines], durationMs: 12 * 3_600_000, orders: { inspectionFailRate: 0.2 } });
      // When it runs to the end
      const r = run(s);
      const orders = ofType(r.events, 'erp.order.created').map((e) => e.data.order);

      it('makes orders on every line and writes no ledger or quarantine', () => {
        expect(orders.length).toBeGreaterThan(10 * lines.length);
        for (const l of lines) expect(orders.some((o) => o.startsWith(`PO-${l.plant}-${l.line}-`))).toBe(true);
        expect(r.ledger).toEqual([]);
        expect(r.quarantine).toEqual([]);
      });

      it('closes every order, once', () => {
        const closed = ofType(r.events, 'erp.order.closed').map((e) => e.data.order);
        expect([...closed].sort()).toEqual([...orders].sort());
      });

      it('posts every message that needs an ERP posting exactly once, answering that message', () => {
        const postings = postingsByKey(r.events);
        for (const key of needsPostingKeys(r.events)) expect(postings.get(key)?.length, key).toBe(1);
        expectPostingsAnswerTheirMessages(r.events);
      });

      it('acknowledges every release with the same business key', () => {
        const acks = new Set(ofType(r.events, 'mes.order.acknowledged').map((e) => e.businesskey));
        for (const rel of ofType(r.events, 'erp.order.released')) expect(acks.has(rel.businesskey)).toBe(true);
      });

      it('keeps sequences contiguous per source, time non-decreasing, and every envelope canonical', () => {
        expectContiguousSequences(r.events);
        expectTimeOrdered(r.outputs);
        expectCanonicalEnvelopes(r.events);
      });

      it('correlates every event of an order to the order and names causes that came before', () => {
        const seen = new Set<string>();
        for (const e of r.events) {
          if (e.subject !== undefined) expect(e.correlationid).toBe(e.subject);
          if (e.causationid !== undefined) expect(seen.has(e.causationid), `${e.type} ${e.id}`).toBe(true);
          seen.add(e.id);
        }
      });

      it('creates no order at or after the end, and drains the ones in flight', () => {
        const end = new Date(s.startMs + s.durationMs).toISOString();
        for (const e of ofType(r.events, 'erp.order.created')) expect(e.time < end).toBe(true);
        expect(r.events.at(-1)!.time > end).toBe(true);
      });
    });
  }

  it('reports quantities in the item base unit and applies the BOM yield in a batch plant', () => {
    const r = run(scenario({ plant: BATCH_PLANT }));
    for (const c of ofType(r.events, 'mes.order.completed')) expect(c.data.uom).toBe('KG');
    const staged = ofType(r.events, 'wms.material.staged');
    expect(new Set(staged.map((e) => e.data.item))).toEqual(new Set(['SUGAR', 'FLAVOR']));
    // FLAVOR is kept in KG; the BOM states 5 G per unit
    const created = new Map(ofType(r.events, 'erp.order.created').map((e) => [e.data.order, e.data.qty]));
    for (const e of staged.filter((x) => x.data.item === 'FLAVOR')) expect(e.data.qty).toBeCloseTo(created.get(e.data.order)! * 0.005, 6);
    for (const c of ofType(r.events, 'mes.order.completed')) expect(c.data.goodQty).toBeLessThanOrEqual(created.get(c.data.order)! * 0.95 + 1e-9);
  });
});
