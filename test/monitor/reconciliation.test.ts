import { describe, expect, it } from 'vitest';
import { MIN, SEC, builder, cleanOrder, feed, monitor, order } from './story.js';

const recon = (m: ReturnType<typeof monitor>) => m.snapshot().reconciliation;

describe('reconciliation of completed orders', () => {
  it('matches a clean order and ignores orders MES has not completed', () => {
    const b = builder();
    const m = feed(monitor(), ...cleanOrder(order(b, 'PO-1'), 0), order(b, 'PO-2').confirmed(0, '0010', 3));
    expect(recon(m)).toEqual({ ordersCompared: 1, ordersMatched: 1, mismatches: [] });
  });

  it('lists each disagreeing field with both sides', () => {
    // Given a completed order where ERP confirmed 8 instead of 10 on one operation, consumed the wrong lot,
    // received 9, and posted one key twice
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC));
    feed(m, o.confirmed(MIN, '0010', 10, 1), o.confPosted(MIN + SEC, '0010', 8, 1));
    feed(m, o.confirmed(2 * MIN, '0020', 10), o.confPosted(2 * MIN + SEC, '0020', 10), o.confPosted(2 * MIN + 2 * SEC, '0020', 10));
    feed(m, o.consumed(MIN, 'RM-1', 'RL-1', 5), o.consPosted(MIN + SEC, 'RM-1', 'RL-2', 5));
    feed(m, o.completed(3 * MIN), o.inspectionRequested(4 * MIN), o.inspected(5 * MIN, 'pass'), o.received(6 * MIN, 9));
    // Then every difference is listed once
    const r = recon(m);
    expect(r.ordersCompared).toBe(1);
    expect(r.ordersMatched).toBe(0);
    // each field in its unit; the key posted twice shows as the quantity ERP booked, not as a count
    expect(r.mismatches.map(({ field, mes, erp, uom, note }) => ({ field, mes, erp, uom, note }))).toEqual([
      { field: 'confirmation 0010 good', mes: 10, erp: 8, uom: 'EA', note: undefined },
      { field: 'confirmation 0020 good', mes: 10, erp: 20, uom: 'EA', note: 'PO-1/CONF/0020 posted twice' },
      { field: 'consumption RM-1/RL-1', mes: 5, erp: 0, uom: 'KG', note: undefined },
      { field: 'consumption RM-1/RL-2', mes: 0, erp: 5, uom: 'KG', note: undefined },
      { field: 'receipt PUMP-1/LOT-PO-1', mes: 10, erp: 9, uom: 'EA', note: undefined },
    ]);
    expect(r.mismatches[0]).toMatchObject({ order: 'PO-1', plant: 'P1', line: 'L1' });
  });

  it('counts every goods receipt ERP posted: a 14-unit lot received twice is 28 received, not 14 = 14', () => {
    // Given idempotency off: MES sent the completion twice and ERP received both
    const o = order(builder(), 'PO-1', { qty: 14 });
    const m = feed(monitor(), o.created(0), o.completed(MIN), o.completed(MIN + 30 * SEC), o.received(2 * MIN), o.received(2 * MIN + 9 * SEC));
    // Then reconciliation shows the received quantity ERP booked, in its unit
    expect(recon(m).mismatches).toEqual([
      { order: 'PO-1', plant: 'P1', line: 'L1', field: 'receipt PUMP-1/LOT-PO-1', mes: 14, erp: 28, uom: 'EA', note: 'PO-1/GR posted twice' },
    ]);
    // and the duplicate-posting gap the quantity posted twice and the amount over-posted
    const [g] = m.snapshot().gaps;
    expect(g).toMatchObject({ kind: 'duplicate-posting', mes: '14 EA', erp: '28 EA', delta: -14 });
    expect(g!.summary).toBe('ERP posted PO-1/GR twice: 2 × 14 EA = 28 EA of PUMP-1 lot LOT-PO-1 for 14 EA reported, 14 EA over-posted');
  });

  it('never adds units: a confirmation in a unit that does not convert is its own field', () => {
    const o = order(builder(), 'PO-1', { uom: 'EA' });
    const m = feed(monitor(), o.created(0), o.confirmed(MIN, '0010', 14, 0, { uom: 'PC' }), o.confPosted(MIN + SEC, '0010', 14, 0, { uom: 'EA' }), o.completed(2 * MIN, 14), o.received(3 * MIN, 14));
    expect(recon(m).mismatches.map(({ field, mes, erp, uom }) => [field, mes, erp, uom])).toEqual([
      ['confirmation 0010 good', 14, 0, 'PC'],
      ['confirmation 0010 good', 0, 14, 'EA'],
    ]);
  });

  it('compares the QMS hold with the ERP stock block', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.completed(0), o.inspectionRequested(MIN), o.inspected(2 * MIN, 'fail'), o.holdPlaced(3 * MIN));
    expect(recon(m).mismatches).toEqual([{ order: 'PO-1', plant: 'P1', line: 'L1', field: 'hold', mes: 'on hold', erp: 'not blocked' }]);
    m.apply(o.blocked(4 * MIN));
    expect(recon(m).mismatches).toEqual([]);
  });

  it('does not expect a receipt for a scrapped lot', () => {
    const o = order(builder(), 'PO-1');
    const done = o.completed(0);
    const m = feed(monitor(), done, o.inspectionRequested(MIN), o.inspected(2 * MIN, 'fail'), o.holdPlaced(3 * MIN), o.blocked(3 * MIN + SEC));
    feed(m, o.holdReleased(10 * MIN, 'scrap'), o.stockReleased(10 * MIN + SEC, 'scrap'), o.discarded(10 * MIN + 2 * SEC, done, 'goods-receipt'));
    expect(recon(m)).toEqual({ ordersCompared: 1, ordersMatched: 1, mismatches: [] });
  });
});
