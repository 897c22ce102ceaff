import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/index.js';
import { DISCRETE_NO_QM, fault, ofType, run, scenario } from './fixtures.js';

const H = 3_600_000;
const at = (e: AnyEvent | undefined) => (e === undefined ? Number.NaN : Date.parse(e.time));
const of = <T extends AnyEvent>(list: T[], order: string) => list.filter((e) => (e.data as { order?: string }).order === order);

describe('simulator: quality-inspection stock', () => {
  it('receives an item under quality management into quality-inspection stock at once; the usage decision moves it to unrestricted', () => {
    const r = run(scenario({ durationMs: 8 * H }));
    expect(ofType(r.events, 'int.message.gated')).toHaveLength(0);
    const receipts = ofType(r.events, 'erp.goods.received');
    expect(receipts.length).toBeGreaterThan(5);
    for (const g of receipts) {
      const order = g.data.order;
      expect(g.data.stock).toBe('quality-inspection');
      // posted before the inspection result: correct for stock under inspection
      const result = of(ofType(r.events, 'qms.inspection.recorded'), order)[0]!;
      expect(at(g)).toBeLessThan(at(result));
      const decided = of(ofType(r.events, 'qms.usage.decided'), order);
      expect(decided.map((e) => e.businesskey)).toEqual([`${order}/UD/1`]);
      expect(decided[0]!.data).toMatchObject({ decision: 'unrestricted', lot: g.data.lot, qty: g.data.qty });
      expect(decided[0]!.causationid).toBe(result.id);
      const moved = of(ofType(r.events, 'erp.stock.transferred'), order);
      expect(moved).toHaveLength(1);
      expect(moved[0]!.data).toMatchObject({ from: 'quality-inspection', to: 'unrestricted', lot: g.data.lot, qty: g.data.qty });
      expect(moved[0]!.businesskey).toBe(decided[0]!.businesskey);
      // the order closes once the lot has left quality-inspection stock
      const closed = of(ofType(r.events, 'erp.order.closed'), order)[0];
      if (closed) expect(at(closed)).toBeGreaterThan(at(moved[0]));
    }
  });

  it('receives an item without quality management into unrestricted stock, and makes no usage decision', () => {
    const r = run(scenario({ plant: DISCRETE_NO_QM, durationMs: 6 * H }));
    expect(ofType(r.events, 'erp.goods.received').every((g) => g.data.stock === 'unrestricted')).toBe(true);
    expect(ofType(r.events, 'qms.usage.decided')).toHaveLength(0);
  });

  it('blocks a failed lot in quality-inspection stock, and releases it with the hold', () => {
    const f = [fault('quality-fail', { count: 2, params: { disposition: 'release', holdMs: 30 * 60_000 } })];
    const r = run(scenario({ faults: f }));
    expect(r.ledger).toHaveLength(2);
    for (const l of r.ledger) {
      const order = l.order!;
      const received = of(ofType(r.events, 'erp.goods.received'), order)[0]!;
      const blocked = of(ofType(r.events, 'erp.stock.blocked'), order)[0]!;
      const released = of(ofType(r.events, 'erp.stock.released'), order)[0]!;
      expect(at(received)).toBeLessThan(at(blocked));
      expect(released.data.disposition).toBe('release');
      expect(of(ofType(r.events, 'erp.order.closed'), order)[0]!.causationid).toBe(released.id);
    }
    expect(ofType(r.events, 'int.message.dead-lettered')).toHaveLength(0);
  });

  it('scraps a failed lot it received and closes the order on the scrap, with nothing good', () => {
    const r = run(scenario({ faults: [fault('quality-fail', { count: 1, params: { disposition: 'scrap' } })] }));
    const order = r.ledger[0]!.order!;
    const released = of(ofType(r.events, 'erp.stock.released'), order)[0]!;
    expect(released.data.disposition).toBe('scrap');
    const closed = of(ofType(r.events, 'erp.order.closed'), order)[0]!;
    expect(closed.causationid).toBe(released.id);
    expect(closed.data.goodQty).toBe(0);
  });

  it('after rework, the passing re-inspection decides the lot out of blocked stock', () => {
    const r = run(scenario({ faults: [fault('quality-fail', { count: 1, params: { disposition: 'rework' } })] }));
    const order = r.ledger[0]!.order!;
    const moved = of(ofType(r.events, 'erp.stock.transferred'), order);
    expect(moved.map((e) => [e.businesskey, e.data.from, e.data.to])).toEqual([[`${order}/UD/2`, 'blocked', 'unrestricted']]);
  });
});
