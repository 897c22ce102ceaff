import { describe, expect, it } from 'vitest';
import { shiftWindows, zonedRfc3339 } from '../../model/index.js';
import { loadScenario } from '../../engine/scenario/index.js';
import { createSimulation } from '../../simulator/index.js';

const H = 3_600_000;
const night = [{ name: 'night', start: '22:00', end: '06:00' }];

describe('shift calendar in plant time (model/shifts.ts)', () => {
  it('Europe/Berlin: a night shift across the spring change lasts 7 h, across the autumn change 9 h', () => {
    const spring = shiftWindows(night, 'Europe/Berlin', Date.parse('2026-03-28T21:00:00Z'), Date.parse('2026-03-29T05:00:00Z'));
    expect(spring.map((w) => [zonedRfc3339(w.startMs, 'Europe/Berlin'), zonedRfc3339(w.endMs, 'Europe/Berlin'), (w.endMs - w.startMs) / H])).toEqual([
      ['2026-03-28T22:00:00+01:00', '2026-03-29T06:00:00+02:00', 7],
    ]);
    const autumn = shiftWindows(night, 'Europe/Berlin', Date.parse('2026-10-24T20:00:00Z'), Date.parse('2026-10-25T05:00:00Z'));
    expect(autumn.map((w) => [zonedRfc3339(w.startMs, 'Europe/Berlin'), zonedRfc3339(w.endMs, 'Europe/Berlin'), (w.endMs - w.startMs) / H])).toEqual([
      ['2026-10-24T22:00:00+02:00', '2026-10-25T06:00:00+01:00', 9],
    ]);
  });

  it('America/Chicago: 7 h on 7–8 March 2026, 9 h on 31 Oct–1 Nov 2026; a day shift stays 8 h', () => {
    const z = 'America/Chicago';
    const spring = shiftWindows(night, z, Date.parse('2026-03-08T04:00:00Z'), Date.parse('2026-03-08T11:00:00Z'));
    expect(spring.map((w) => [zonedRfc3339(w.startMs, z), zonedRfc3339(w.endMs, z), (w.endMs - w.startMs) / H])).toEqual([
      ['2026-03-07T22:00:00-06:00', '2026-03-08T06:00:00-05:00', 7],
    ]);
    const autumn = shiftWindows(night, z, Date.parse('2026-11-01T03:00:00Z'), Date.parse('2026-11-01T12:00:00Z'));
    expect(autumn.map((w) => (w.endMs - w.startMs) / H)).toEqual([9]);
    const day = shiftWindows([{ name: 'day', start: '06:00', end: '14:00' }], z, Date.parse('2026-03-08T00:00:00Z'), Date.parse('2026-03-09T00:00:00Z'));
    expect(day.map((w) => [zonedRfc3339(w.startMs, z), (w.endMs - w.startMs) / H])).toEqual([['2026-03-08T06:00:00-05:00', 8]]);
  });

  it('lists every occurrence overlapping the range [from, to), in start order', () => {
    const two = [...night, { name: 'early', start: '06:00', end: '14:00' }];
    const w = shiftWindows(two, 'Europe/Berlin', Date.parse('2026-03-02T05:00:00Z'), Date.parse('2026-03-03T05:00:00Z'));
    expect(w.map((x) => `${x.name} ${zonedRfc3339(x.startMs, 'Europe/Berlin')}`)).toEqual([
      'early 2026-03-02T06:00:00+01:00',
      'night 2026-03-02T22:00:00+01:00',
    ]);
  });
});

describe('ERP and MES work the shifts', () => {
  it('no order is created and none started outside a shift; the next shift releases the backlog at its start', () => {
    // a night shift only, over a day: nothing created or started between 06:00 and 22:00 plant time
    const base = loadScenario('clock-skew-dst', { seed: 1, until: '24h' });
    const sc = { ...base, shifts: night, clocks: undefined };
    const sim = createSimulation(sc);
    const created: number[] = [];
    const started: number[] = [];
    while (!sim.done) {
      for (const o of sim.pull(1000)) {
        if (o.kind !== 'event') continue;
        const e = o.event;
        if (e.type === 'erp.order.created') created.push(Date.parse(e.time));
        if (e.type === 'mes.operation.started' && e.businesskey.endsWith('/START/0010')) started.push(Date.parse(e.time));
      }
    }
    const windows = shiftWindows(night, 'Europe/Berlin', sc.startMs, sc.startMs + sc.durationMs);
    const inShift = (ms: number) => windows.some((w) => w.startMs <= ms && ms < w.endMs);
    expect(created.length).toBeGreaterThan(10);
    expect(created.filter((ms) => !inShift(ms))).toEqual([]);
    expect(started.filter((ms) => !inShift(ms))).toEqual([]);
    // the second night starts 22:00 on 29 March (CEST): orders are created right at its start
    const second = Date.parse('2026-03-29T20:00:00Z');
    expect(created).toContain(second);
    expect(started.some((ms) => ms >= second && ms < second + 60_000)).toBe(true);
  });
});
