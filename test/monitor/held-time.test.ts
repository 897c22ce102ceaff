import { describe, expect, it } from 'vitest';
import type { LineStats, Monitor } from '../../monitor/index.js';
import { MIN, SEC, builder, feed, monitor, order } from './story.js';

const line = (m: Monitor): LineStats => m.snapshot().lines[0]!;
/** within the histogram's 1% */
const near = (v: number | null, want: number) => expect(Math.abs(v! - want)).toBeLessThanOrEqual(want * 0.01);

describe('transit latency and time held', () => {
  it('counts a goods receipt held 12 min at its gate as 12 min held, and only its transit as latency', () => {
    // Given an order whose completion waits at the goods-receipt gate until the lot passes inspection
    const o = order(builder(), 'PO-1');
    const done = o.completed(21 * MIN);
    const m = feed(monitor(), o.released(0), o.acked(3 * SEC), done, o.gated(21 * MIN + 200, done, 'goods-receipt', 'lot awaits its quality decision'));
    feed(m, o.inspectionRequested(22 * MIN), o.inspected(33 * MIN, 'pass'));
    // When the gate releases it after 12 min and ERP posts the receipt 20 s later
    feed(m, o.gateReleased(33 * MIN + 200, done, 'goods-receipt', 12 * MIN), o.received(33 * MIN + 20 * SEC + 200));
    // Then the receipt's latency is its 20 s of transit, and the 12 min are time held at that gate
    const l = line(m);
    near(l.postingLatencyMs.max, 20 * SEC);
    near(l.postingLatencyMs.p95, 20 * SEC);
    expect(l.latencyByKind.goodsReceipt.count).toBe(1);
    near(l.latencyByKind.goodsReceipt.p95, 20 * SEC);
    expect(l.heldMs['goods-receipt']).toMatchObject({ count: 1, max: 12 * MIN, totalMs: 12 * MIN });
    near(l.heldMs['goods-receipt'].p50, 12 * MIN);
    // and nothing was held anywhere else
    for (const kind of ['lot-validity', 'routing-revision', 'resequencing', 'store-and-forward'] as const) {
      expect(l.heldMs[kind]).toEqual({ p50: null, p95: null, max: null, count: 0, totalMs: 0 });
    }
  });

  it('splits latency by posting kind: confirmation, consumption, goods receipt and status', () => {
    const o = order(builder(), 'PO-1');
    const done = o.completed(22 * MIN);
    const m = feed(
      monitor(),
      o.released(0),
      o.acked(3 * SEC),
      o.consumed(6 * MIN, 'RM-1', 'RL-1', 5),
      o.consPosted(6 * MIN + 5 * SEC, 'RM-1', 'RL-1', 5),
      o.confirmed(10 * MIN, '0010', 10),
      o.confPosted(10 * MIN + 2 * SEC, '0010', 10),
      done,
      o.holdPlaced(22 * MIN),
      o.blocked(22 * MIN + 7 * SEC),
      o.received(22 * MIN + 40 * SEC),
    );
    const k = line(m).latencyByKind;
    expect(k.confirmation).toMatchObject({ count: 1, max: 2 * SEC });
    expect(k.consumption).toMatchObject({ count: 1, max: 5 * SEC });
    expect(k.goodsReceipt).toMatchObject({ count: 1, max: 40 * SEC });
    // status: MES acknowledging the release, ERP blocking the held stock
    expect(k.status).toMatchObject({ count: 2, max: 7 * SEC });
    near(k.status.p50, 3 * SEC);
    // together they are the line's posting latency
    expect(line(m).postingLatencyMs).toMatchObject({ count: 5, max: 40 * SEC });
  });

  it('leaves out time buffered at the edge while the WAN was down', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const m = feed(monitor(), c, o.buffered(0, c, 'confirmation'), o.forwarded(45 * MIN, c, 'confirmation', 45 * MIN), o.confPosted(45 * MIN + 4 * SEC, '0010', 10));
    const l = line(m);
    expect(l.postingLatencyMs).toMatchObject({ count: 1, max: 4 * SEC });
    expect(l.heldMs['store-and-forward']).toMatchObject({ count: 1, max: 45 * MIN, totalMs: 45 * MIN });
  });

  it('counts a message that waited for its turn as held in resequencing, one that came late as transit', () => {
    const o = order(builder(), 'PO-1');
    const late = o.confirmed(0, '0010', 10);
    const ahead = o.confirmed(2 * SEC, '0020', 10);
    // 0020 (received 2, expected 1) waits 8 s for 0010, which comes 10 s late and goes on at once
    const m = feed(monitor(), late, ahead, o.resequenced(10 * SEC, late, 'confirmation', 3, 1), o.resequenced(10 * SEC, ahead, 'confirmation', 1, 2));
    feed(m, o.confPosted(11 * SEC, '0010', 10), o.confPosted(12 * SEC, '0020', 10));
    const l = line(m);
    expect(l.heldMs.resequencing).toMatchObject({ count: 1, max: 8 * SEC, totalMs: 8 * SEC });
    expect(l.latencyByKind.confirmation).toMatchObject({ count: 2, max: 11 * SEC });
    near(l.latencyByKind.confirmation.p50, 2 * SEC);
  });

  it('takes a wait in resequencing from the end of an earlier hold, and adds holds of one message up', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    // buffered 30 min at the edge, then 5 s in resequencing behind a message still missing
    const m = feed(monitor(), c, o.buffered(0, c, 'confirmation'), o.forwarded(30 * MIN, c, 'confirmation', 30 * MIN));
    feed(m, o.resequenced(30 * MIN + 5 * SEC, c, 'confirmation', 4, 7), o.confPosted(30 * MIN + 8 * SEC, '0010', 10));
    const l = line(m);
    expect(l.heldMs.resequencing).toMatchObject({ count: 1, max: 5 * SEC });
    expect(l.postingLatencyMs).toMatchObject({ count: 1, max: 3 * SEC });
  });

  it('takes the wait of a copy in resequencing from when the copy came', () => {
    // Given a consumption posted at once, and a copy of it sent a minute later that waits 3 s for its turn
    const o = order(builder(), 'PO-1');
    const c = o.consumed(0, 'RM-1', 'RL-1', 5);
    const m = feed(monitor(), c, o.consPosted(2 * SEC, 'RM-1', 'RL-1', 5));
    const copy = o.consumed(MIN, 'RM-1', 'RL-1', 5);
    feed(m, copy, o.resequenced(MIN + 3 * SEC, copy, 'consumption', 9, 10));
    const l = line(m);
    expect(l.heldMs.resequencing).toMatchObject({ count: 1, max: 3 * SEC });
    expect(l.postingLatencyMs).toMatchObject({ count: 1, max: 2 * SEC });
  });

  it('does not leave out twice the time two copies of a message were held together', () => {
    // Given a completion and its copy 45 s later (idempotency off), both held until the gate opens
    const o = order(builder(), 'PO-1');
    const done = o.completed(0);
    const copy = o.completed(45 * SEC);
    const m = feed(monitor(), done, copy);
    // the gate reports both held since the first was held
    feed(m, o.gateReleased(12 * MIN, done, 'goods-receipt', 12 * MIN), o.gateReleased(12 * MIN, copy, 'goods-receipt', 12 * MIN));
    feed(m, o.received(12 * MIN + 20 * SEC));
    const l = line(m);
    // Then each hold is a sample, but the receipt's transit is 20 s, not nothing
    expect(l.heldMs['goods-receipt']).toMatchObject({ count: 2, totalMs: 24 * MIN });
    expect(l.postingLatencyMs).toMatchObject({ count: 1, max: 20 * SEC });
  });

  it('never takes more than the latency away, and a hold after the first posting changes nothing', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    // a layer that reports more time held than the message has existed
    const m = feed(monitor(), c, o.forwarded(MIN, c, 'confirmation', 10 * MIN), o.confPosted(MIN + 2 * SEC, '0010', 10));
    feed(m, o.forwarded(2 * MIN, c, 'confirmation', MIN));
    const l = line(m);
    expect(l.postingLatencyMs).toMatchObject({ count: 1, max: 2 * SEC });
    expect(l.heldMs['store-and-forward']).toMatchObject({ count: 2, totalMs: 11 * MIN });
  });

  it('gives no hold sample for a retained report, nor for a gate it does not know', () => {
    const o = order(builder(), 'PO-1');
    const done = o.completed(0);
    const m = feed(monitor(), done);
    m.apply(o.gateReleased(12 * MIN, done, 'goods-receipt', 12 * MIN), true);
    m.apply(o.gateReleased(12 * MIN, done, 'goods-receipt', 12 * MIN, 'quarantine-room' as 'goods-receipt'));
    feed(m, o.received(12 * MIN + 20 * SEC));
    const l = line(m);
    expect(l.heldMs['goods-receipt'].count).toBe(0);
    // nothing held is known, so the whole wait is transit
    expect(l.postingLatencyMs).toMatchObject({ count: 1, max: 12 * MIN + 20 * SEC });
  });
});
