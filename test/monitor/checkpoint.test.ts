import { describe, expect, it } from 'vitest';
import { createMonitor } from '../../monitor/index.js';
import { DEFAULT_GRACE_MS } from '../../model/index.js';
import { plantTraffic } from '../support/plant-traffic.js';

describe('monitor checkpoints', () => {
  it('a monitor resumed from a checkpoint ends exactly where one that saw everything ends', () => {
    const events = plantTraffic('12h', 'duplicates-reordering');
    const whole = createMonitor({ gracePeriods: DEFAULT_GRACE_MS });
    const first = createMonitor({ gracePeriods: DEFAULT_GRACE_MS });
    const half = Math.floor(events.length / 2);
    for (const e of events) whole.apply(e);
    for (const e of events.slice(0, half)) first.apply(e);
    const cp = first.checkpoint();
    // the checkpoint is a copy: the original going on does not change it
    for (const e of events.slice(half)) first.apply(e);
    const resumed = createMonitor({ gracePeriods: DEFAULT_GRACE_MS, from: cp });
    for (const e of events.slice(half)) resumed.apply(e);
    const end = Date.parse(events[events.length - 1]!.time) + 3_600_000;
    for (const m of [whole, first, resumed]) m.advance(end);
    expect(whole.snapshot().gaps.length).toBeGreaterThan(0);
    expect(resumed.snapshot()).toEqual(whole.snapshot());
    expect(first.snapshot()).toEqual(whole.snapshot());
  });
});
