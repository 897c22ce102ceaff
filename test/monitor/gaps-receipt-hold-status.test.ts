import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../model/event.js';
import { GRACE, MIN, SEC, T0, at, builder, feed, monitor, order, type Order } from './story.js';

const GR = GRACE['goods-receipt'];
const QH = GRACE['quality-hold'];
const gapsOf = (m: ReturnType<typeof monitor>) => m.snapshot().gaps;

/** An order released, acknowledged and completed at 20 min, inspection requested at 21 min. */
function completedOrder(o: Order) {
  return [o.created(0), o.released(0), o.acked(SEC), o.completed(20 * MIN), o.inspectionRequested(21 * MIN)];
}

describe('receipt gap', () => {
  it('becomes due at the inspection pass, not at completion, and closes on the ERP receipt', () => {
    // Given a completed order whose inspection passes at 30 min
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), ...completedOrder(o), o.inspected(30 * MIN, 'pass'));
    // Then no gap until the goods-receipt grace after the pass
    at(m, 30 * MIN + GR);
    expect(gapsOf(m)).toEqual([]);
    at(m, 30 * MIN + GR + 1);
    expect(gapsOf(m)[0]).toMatchObject({
      id: 'receipt:PO-1',
      kind: 'receipt',
      interface: 'goods-receipt',
      businesskeys: ['PO-1/GR'],
      mes: '10 EA',
      erp: 'not posted',
      delta: 10,
      openedAt: rfc3339(T0 + 30 * MIN + GR),
      cause: 'no integration-layer record: goods receipt PO-1/GR lost between MES and the integration layer',
    });
    // When ERP receives the goods, Then it closes
    m.apply(o.received(50 * MIN));
    expect(gapsOf(m)).toEqual([]);
  });

  it('is not due while the lot is on hold, and is due from a release for use', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), ...completedOrder(o), o.inspected(25 * MIN, 'fail'), o.holdPlaced(26 * MIN), o.blocked(26 * MIN + SEC));
    at(m, 5 * 60 * MIN);
    expect(gapsOf(m)).toEqual([]);
    feed(m, o.holdReleased(6 * 60 * MIN, 'release'), o.stockReleased(6 * 60 * MIN + SEC, 'release'));
    at(m, 6 * 60 * MIN + GR);
    expect(gapsOf(m)).toEqual([]);
    at(m, 6 * 60 * MIN + GR + 1);
    expect(gapsOf(m).map((g) => g.id)).toEqual(['receipt:PO-1']);
  });

  it('is never due for a scrapped lot, whose receipt the integration layer discarded', () => {
    const o = order(builder(), 'PO-1');
    const events = completedOrder(o);
    const done = events[3]!;
    const m = feed(monitor(), ...events, o.inspected(25 * MIN, 'fail'), o.holdPlaced(26 * MIN), o.blocked(26 * MIN + SEC));
    feed(m, o.holdReleased(40 * MIN, 'scrap'), o.stockReleased(40 * MIN + SEC, 'scrap'), o.discarded(40 * MIN + 2 * SEC, done, 'goods-receipt'));
    at(m, 10 * 60 * MIN);
    expect(gapsOf(m)).toEqual([]);
    expect(m.snapshot().conservation).toMatchObject({ notNeeded: 1, lost: 0 });
  });
});

describe('hold gap', () => {
  it('opens when QMS holds a lot that ERP has not blocked within grace, and closes on the block', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), ...completedOrder(o), o.inspected(25 * MIN, 'fail'), o.holdPlaced(26 * MIN));
    at(m, 26 * MIN + QH);
    expect(gapsOf(m)).toEqual([]);
    at(m, 26 * MIN + QH + 1);
    expect(gapsOf(m)[0]).toMatchObject({ id: 'hold:PO-1', kind: 'hold', interface: 'quality-hold', mes: 'on hold', erp: 'not blocked', delta: null, businesskeys: ['PO-1/HOLD'] });
    m.apply(o.blocked(40 * MIN));
    expect(gapsOf(m)).toEqual([]);
  });

  it('opens when the stock release is missing after the hold release', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), ...completedOrder(o), o.holdPlaced(26 * MIN), o.blocked(26 * MIN + SEC), o.holdReleased(50 * MIN, 'rework'));
    at(m, 50 * MIN + QH + 1);
    expect(gapsOf(m)[0]).toMatchObject({ id: 'hold:PO-1', mes: 'released (rework)', erp: 'blocked', businesskeys: ['PO-1/HOLD-REL'] });
  });

  it('opens when ERP blocks stock without a QMS hold', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), ...completedOrder(o), o.blocked(30 * MIN));
    at(m, 30 * MIN + QH + 1);
    expect(gapsOf(m)[0]).toMatchObject({ id: 'hold:PO-1', mes: 'no hold', erp: 'blocked', cause: 'ERP posted PO-1/HOLD with no message seen from the sender' });
  });
});

describe('status gap', () => {
  it('opens when MES has not acknowledged a release within grace, and closes on the acknowledgement', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0));
    at(m, GRACE['order-release']);
    expect(gapsOf(m)).toEqual([]);
    at(m, GRACE['order-release'] + 1);
    expect(gapsOf(m)[0]).toMatchObject({ id: 'status:PO-1/REL', kind: 'status', interface: 'order-release', mes: 'not acknowledged', erp: 'released revision A' });
    m.apply(o.acked(GRACE['order-release'] + MIN));
    expect(gapsOf(m)).toEqual([]);
  });

  it('opens when MES acknowledged a different routing revision than ERP released', () => {
    const o = order(builder(), 'PO-1', { revision: 'A' });
    const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC, 'Z'));
    at(m, SEC + GRACE['order-release'] + 1);
    expect(gapsOf(m)[0]).toMatchObject({
      id: 'status:PO-1/REL',
      mes: 'acknowledged revision Z',
      erp: 'released revision A',
      cause: 'MES acknowledged PO-1/REL with routing revision Z, ERP released revision A',
    });
  });

  it('opens when ERP received goods before QMS cleared the lot, and closes when the inspection passes', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), ...completedOrder(o), o.received(22 * MIN));
    at(m, 22 * MIN + GR + 1);
    expect(gapsOf(m)[0]).toMatchObject({
      id: 'status:PO-1/GR',
      kind: 'status',
      interface: 'goods-receipt',
      mes: 'inspection pending',
      erp: 'goods received',
      cause: 'ERP posted goods receipt PO-1/GR before QMS cleared the lot (inspection pending)',
    });
    m.apply(o.inspected(40 * MIN, 'pass'));
    expect(gapsOf(m)).toEqual([]);
  });
});
