import { describe, expect, it } from 'vitest';
import { MIN, SEC, at, builder, feed, monitor, order } from './story.js';

const line = (m: ReturnType<typeof monitor>) => m.snapshot().lines[0]!;

describe('posting latency', () => {
  it('measures message → first posting per business key, within 1%', () => {
    // Given three confirmations posted after 1 s, 2 s and 60 s, one of them twice
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(0, '0010', 10), o.confirmed(0, '0020', 10), o.confirmed(0, '0030', 10));
    feed(m, o.confPosted(SEC, '0010', 10), o.confPosted(2 * SEC, '0020', 10), o.confPosted(60 * SEC, '0030', 10), o.confPosted(90 * SEC, '0030', 10));
    // Then the second posting does not count, and the quantiles are within 1%
    const l = line(m).postingLatencyMs;
    expect(l.count).toBe(3);
    expect(l.max).toBe(60_000);
    expect(Math.abs(l.p50! - 2_000)).toBeLessThanOrEqual(20);
    expect(Math.abs(l.p95! - 60_000)).toBeLessThanOrEqual(600);
  });

  it('is empty before anything is posted', () => {
    const m = feed(monitor(), order(builder(), 'PO-1').confirmed(0, '0010', 1));
    expect(line(m).postingLatencyMs).toEqual({ p50: null, p95: null, max: null, count: 0 });
  });
});

describe('queue depth', () => {
  it('counts distinct keys waiting for the other side, their peak and the oldest age', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC));
    // Given three confirmations, one of them sent twice
    feed(m, o.confirmed(MIN, '0010', 10), o.confirmed(2 * MIN, '0020', 10), o.confirmed(2 * MIN + SEC, '0020', 10), o.confirmed(3 * MIN, '0030', 10));
    at(m, 4 * MIN);
    expect(line(m)).toMatchObject({ queueDepth: 3, queueDepthMax: 3, oldestPendingMs: 3 * MIN });
    // When ERP posts one and the integration layer dead-letters another
    const c3 = o.confirmed(3 * MIN, '0030', 10);
    feed(m, o.confPosted(5 * MIN, '0010', 10), o.deadLettered(5 * MIN, c3, 'confirmation', 'bad'));
    // Then only the middle one waits
    expect(line(m)).toMatchObject({ queueDepth: 1, queueDepthMax: 3, oldestPendingMs: 3 * MIN });
    m.apply(o.confPosted(6 * MIN, '0020', 10));
    expect(line(m)).toMatchObject({ queueDepth: 0, oldestPendingMs: null });
  });

  it('peaks at the most keys waiting at one moment, across the orders of the line', () => {
    // Given an order whose last confirmation and completion wait (the receipt for QMS's verdict)
    const b = builder();
    const a = order(b, 'PO-A');
    const m = feed(monitor(), a.confirmed(0, '0020', 10, 0, { final: true }), a.completed(SEC));
    // When the next order on the line consumes its six components at once
    const next = order(b, 'PO-B');
    const parts = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];
    feed(m, ...parts.map((p) => next.consumed(MIN, p, `L-${p}`, 1)));
    // Then eight keys wait at that moment — what a baseline run shows per line
    expect(line(m)).toMatchObject({ queueDepth: 8, queueDepthMax: 8 });
    // When ERP posts them and the next burst finds the queue empty, the peak stays what it was
    feed(m, ...parts.map((p) => next.consPosted(MIN + SEC, p, `L-${p}`, 1)), a.confPosted(2 * MIN, '0020', 10), a.received(3 * MIN));
    const c = order(b, 'PO-C');
    feed(m, ...parts.map((p) => c.consumed(4 * MIN, p, `M-${p}`, 1)));
    expect(line(m)).toMatchObject({ queueDepth: 6, queueDepthMax: 8 });
  });

  it('includes a release waiting for MES', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0));
    expect(line(m).queueDepth).toBe(1);
    m.apply(o.acked(SEC));
    expect(line(m).queueDepth).toBe(0);
  });

  it('sorts lines by plant and line', () => {
    const m = feed(monitor(), order(builder('P2', 'A'), 'X').created(0), order(builder('P1', 'B'), 'Y').created(0), order(builder('P1', 'A'), 'Z').created(0));
    expect(m.snapshot().lines.map((l) => `${l.plant}/${l.line}`)).toEqual(['P1/A', 'P1/B', 'P2/A']);
  });

  it('never moves time backwards', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(10 * MIN, '0010', 1));
    const now = m.nowMs;
    m.apply(o.confirmed(5 * MIN, '0020', 1));
    m.advance(now - 1);
    expect(m.nowMs).toBe(now);
  });
});
