import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { MIN, SEC, at, builder, cleanOrder, feed, monitor, order } from './story.js';

const HOUR = 60 * MIN;

/** `n` clean orders on two lines, one starting every 5 minutes, in journal (time) order. */
function cleanRun(n: number): AnyEvent[] {
  const lines = [builder('P1', 'L1'), builder('P1', 'L2')];
  const events: AnyEvent[] = [];
  for (let i = 0; i < n; i++) events.push(...cleanOrder(order(lines[i % 2]!, `PO-${i}`), i * 5 * MIN));
  return events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

describe('memory eviction', () => {
  it('drops the detail of closed, settled orders after the retention, keeping every counter', () => {
    // Given 100 clean orders (the last one closes at 535 min)
    const events = cleanRun(100);
    const m = feed(monitor(HOUR), ...events);
    const before = m.snapshot();
    expect(m.postingsOf('PO-0/CONF/0010')).toBeUndefined();
    expect(m.postingsOf('PO-99/CONF/0010')).toBeDefined();
    // When the retention of the last order has passed
    at(m, 535 * MIN + HOUR + 1);
    const after = m.snapshot();
    // Then nothing is retained in detail, and all counters are what they were
    expect(m.postingsOf('PO-99/CONF/0010')).toBeUndefined();
    expect(after.lines).toEqual(before.lines);
    expect(after.conservation).toEqual({ needsPosting: 400, posted: 400, reversed: 0, deadLettered: 0, pending: 0, lost: 0, notNeeded: 0 });
    expect(after.reconciliation).toEqual({ ordersCompared: 100, ordersMatched: 100, mismatches: [] });
    expect(after.ledger).toEqual({ postedKeys: 500, doublePostedKeys: 0 });
    expect(m.postedKeys()).toBe(500);
    expect(after.lines.map((l) => [l.ordersReleased, l.ordersClosed, l.postingLatencyMs.count])).toEqual([
      [50, 50, 250],
      [50, 50, 250],
    ]);
  });

  it('keeps an order with an open gap, and ignores late events of an evicted order', () => {
    // Given a clean order and an order ERP posted twice, both closed
    const b = builder();
    const dup = order(b, 'PO-D');
    const m = feed(monitor(HOUR), ...cleanOrder(order(b, 'PO-C'), 0), ...cleanOrder(dup, 0));
    m.apply(dup.confPosted(41 * MIN, '0010', 10));
    // When a day passes
    at(m, 24 * HOUR);
    // Then the troubled order keeps its detail and its gap
    expect(m.postingsOf('PO-D/CONF/0010')).toMatchObject({ count: 2 });
    expect(m.snapshot().gaps.map((g) => g.id)).toEqual(['duplicate-posting:PO-D/CONF/0010']);
    expect(m.postingsOf('PO-C/CONF/0010')).toBeUndefined();
    // When a late copy of the clean order's event arrives, Then it does not resurrect the order
    m.apply(order(b, 'PO-C').confPosted(24 * HOUR + SEC, '0020', 10));
    const s = m.snapshot();
    expect(s.orders).toEqual([]);
    expect(s.gaps).toHaveLength(1);
  });

  it('costs a few microseconds per event at most, with memory held to the retention window', () => {
    const events = cleanRun(4000);
    const m = monitor(HOUR);
    const t0 = process.hrtime.bigint();
    for (const e of events) m.apply(e);
    const nsPerEvent = Number(process.hrtime.bigint() - t0) / events.length;
    console.log(`monitor.apply: ${events.length} events, ${nsPerEvent.toFixed(0)} ns/event (incl. warm-up)`);
    // generous bound: this guards against accidental quadratic work, not against a slow machine
    expect(nsPerEvent).toBeLessThan(50_000);
    expect(m.snapshot().reconciliation.ordersCompared).toBe(4000);
  });
});
