import { describe, expect, it } from 'vitest';
import { createMonitor } from '../../monitor/index.js';
import { GRACE, MIN, T0, builder, feed, monitor, order } from './story.js';

const START = T0 - 30 * MIN;

describe('lines declared before they send anything', () => {
  it('are in the first snapshot with zero counters, idle since they were declared', () => {
    // Given a monitor told the plant's lines before any event
    const m = monitor();
    m.declareLines([{ plant: 'P1', line: 'L2' }, { plant: 'P1', line: 'L1' }, { plant: 'P0', line: 'L9' }], START);
    // Then every line is there, in plant/line order, with nothing counted and idle since the start
    const lines = m.snapshot().lines;
    expect(lines.map((l) => `${l.plant}/${l.line}`)).toEqual(['P0/L9', 'P1/L1', 'P1/L2']);
    for (const l of lines) {
      expect(l).toMatchObject({ ordersReleased: 0, ordersCompleted: 0, ordersClosed: 0, queueDepth: 0, queueDepthMax: 0, oldestPendingMs: null, openGaps: 0, missingMessages: 0 });
      expect(l.postingLatencyMs.count).toBe(0);
      expect(l.idleSince).toBe(START);
    }
    // and a monitor resumed from a checkpoint still has them
    expect(createMonitor({ gracePeriods: GRACE, from: m.checkpoint() }).snapshot().lines).toEqual(lines);
  });

  it('is busy while an order is in process, and idle again from its completion', () => {
    const b = builder('P1', 'L1');
    const o = order(b, 'PO-1');
    const m = monitor();
    m.declareLines([{ plant: 'P1', line: 'L1' }], START);
    const line = () => m.snapshot().lines[0]!;
    // released and acknowledged: the line has not started it, so it is still idle since the start
    feed(m, o.created(0), o.released(MIN), o.acked(2 * MIN));
    expect(line().idleSince).toBe(START);
    // MES starts the first operation: the line works
    feed(m, o.started(5 * MIN));
    expect(line().idleSince).toBeNull();
    feed(m, o.confirmed(10 * MIN, '0010', 10), o.started(11 * MIN, '0020'));
    expect(line().idleSince).toBeNull();
    // MES reports the order complete: idle from that instant (quality and receipt are not line work)
    feed(m, o.completed(21 * MIN), o.inspectionRequested(22 * MIN));
    expect(line().idleSince).toBe(T0 + 21 * MIN);
  });

  it('stays busy while any of its orders is in process', () => {
    const b = builder('P1', 'L1');
    const one = order(b, 'PO-1');
    const two = order(b, 'PO-2');
    const m = feed(monitor(), one.started(0), two.started(MIN), one.completed(10 * MIN));
    expect(m.snapshot().lines[0]!.idleSince).toBeNull();
    feed(m, two.completed(12 * MIN));
    expect(m.snapshot().lines[0]!.idleSince).toBe(T0 + 12 * MIN);
  });

  it('takes a line first seen in traffic as idle since its first event, and a second declaration changes nothing', () => {
    const o = order(builder('P1', 'L3'), 'PO-1');
    const m = feed(monitor(), o.created(MIN));
    expect(m.snapshot().lines).toMatchObject([{ plant: 'P1', line: 'L3', idleSince: T0 + MIN }]);
    feed(m, o.started(2 * MIN));
    m.declareLines([{ plant: 'P1', line: 'L3' }], START);
    expect(m.snapshot().lines).toMatchObject([{ plant: 'P1', line: 'L3', idleSince: null }]);
  });
});
