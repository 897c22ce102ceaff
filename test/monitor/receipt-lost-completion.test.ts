import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { rfc3339 } from '../../model/event.js';
import { GRACE, MIN, SEC, T0, at, builder, feed, monitor, order, type Builder } from './story.js';

/**
 * A completion journaled but lost between MES and the integration layer, on a plant whose
 * integration layer reports its goods-receipt gate (invariants seed 2914626710 of
 * duplicates-reordering: PO-US01-L1-00003/GR). Counted `lost` once its grace period is over, it
 * must surface as a receipt gap from then on — not only a goods-receipt grace after the lot is
 * cleared, and not never when the lot is scrapped.
 */
const GR = GRACE['goods-receipt'];
const gapsOf = (m: ReturnType<typeof monitor>) => m.snapshot().gaps;

/** An earlier order whose completion the layer gated and released: the layer reports its receipt gate. */
function gatedOrder(b: Builder): AnyEvent[] {
  const o = order(b, 'PO-0');
  const done = o.completed(5 * MIN);
  return [
    o.created(0),
    o.released(0),
    o.acked(SEC),
    done,
    o.gated(5 * MIN, done, 'goods-receipt', `lot ${o.lot} awaits its quality decision`),
    o.inspectionRequested(5 * MIN),
    o.inspected(8 * MIN, 'pass'),
    o.received(8 * MIN + 10 * SEC),
  ];
}

describe('receipt gap of a completion lost before the integration layer', () => {
  it('is open at the end when the inspection pass is the last event, a goods-receipt grace before', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    // completion at 20 min, no integration-layer record (dropped); inspection passes at 32 min
    const m = feed(monitor(), ...gatedOrder(b), o.created(10 * MIN), o.released(10 * MIN), o.acked(10 * MIN + SEC), o.completed(20 * MIN), o.inspectionRequested(20 * MIN));
    at(m, 20 * MIN + GR);
    expect(gapsOf(m)).toEqual([]);
    expect(m.snapshot().conservation.lost).toBe(0);
    // lost once its grace is over: the gap opens with it, though the lot is not cleared yet
    at(m, 20 * MIN + GR + 1);
    expect(m.snapshot().conservation.lost).toBe(1);
    expect(gapsOf(m)).toMatchObject([
      {
        id: 'receipt:PO-1',
        kind: 'receipt',
        businesskeys: ['PO-1/GR'],
        mes: '10 EA',
        erp: 'not posted',
        openedAt: rfc3339(T0 + 20 * MIN + GR),
        cause: 'no integration-layer record: goods receipt PO-1/GR lost between MES and the integration layer',
      },
    ]);
    // the pass is the run's last event; the run is judged exactly a goods-receipt grace later
    m.apply(o.inspected(32 * MIN, 'pass'));
    at(m, 32 * MIN + GR);
    expect(m.snapshot().conservation.lost).toBe(1);
    expect(gapsOf(m).flatMap((g) => g.businesskeys)).toEqual(['PO-1/GR']);
  });

  it('stays open when the lot is scrapped: the lost completion never reaches ERP', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const m = feed(monitor(), ...gatedOrder(b), o.created(10 * MIN), o.released(10 * MIN), o.acked(10 * MIN + SEC), o.completed(20 * MIN), o.inspectionRequested(20 * MIN));
    feed(m, o.inspected(25 * MIN, 'fail'), o.holdPlaced(25 * MIN), o.blocked(25 * MIN + SEC), o.holdReleased(60 * MIN, 'scrap'), o.stockReleased(60 * MIN + SEC, 'scrap'));
    at(m, 10 * 60 * MIN);
    expect(m.snapshot().conservation).toMatchObject({ lost: 1, notNeeded: 0 });
    expect(gapsOf(m).map((g) => [g.id, g.businesskeys])).toEqual([['receipt:PO-1', ['PO-1/GR']]]);
  });

  it('opens when the gate is first reported after the completion was already lost', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const p = order(b, 'PO-2');
    const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC), o.completed(20 * MIN), o.inspectionRequested(20 * MIN));
    at(m, 20 * MIN + GR + 1);
    // nothing yet shows that the layer would have recorded a held completion
    expect(gapsOf(m)).toEqual([]);
    const done = p.completed(40 * MIN);
    feed(m, p.created(30 * MIN), p.released(30 * MIN), p.acked(30 * MIN + SEC), done, p.gated(40 * MIN, done, 'goods-receipt', 'awaits its quality decision'));
    expect(gapsOf(m).map((g) => g.id)).toEqual(['receipt:PO-1']);
  });

  it('still waits for the lot to be cleared when the layer holds the completion at its gate', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const done = o.completed(20 * MIN);
    const m = feed(monitor(), ...gatedOrder(b), o.created(10 * MIN), o.released(10 * MIN), o.acked(10 * MIN + SEC), done, o.gated(20 * MIN, done, 'goods-receipt', 'held'), o.inspectionRequested(20 * MIN));
    at(m, 5 * 60 * MIN);
    expect(gapsOf(m)).toEqual([]);
    expect(m.snapshot().conservation).toMatchObject({ lost: 0, pending: 1 });
    m.apply(o.inspected(5 * 60 * MIN, 'pass'));
    at(m, 5 * 60 * MIN + GR);
    expect(gapsOf(m)).toEqual([]);
    at(m, 5 * 60 * MIN + GR + 1);
    expect(gapsOf(m).map((g) => g.id)).toEqual(['receipt:PO-1']);
  });
});
