import { describe, expect, it } from 'vitest';
import type { AnyEvent, Scenario } from '../../model/index.js';
import { fault, ofType, run, scenario } from './fixtures.js';

const H = 3_600_000;
const M = 60_000;
const twoLines = [{ plant: 'P1', line: 'L1' }, { plant: 'P1', line: 'L2' }];
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

type LineWork = {
  /** first operation start after the shift start, ms */
  firstStartMs: number;
  /** operation time (start → confirmation) inside the shift, downtime left out */
  producingMs: number;
  downtimeMs: number;
  /** longest time inside the shift with no order in process, after the first start */
  longestIdleMs: number;
};

/** What each line did during the shift [start, start + duration), from the journaled MES events alone. */
function work(s: Scenario, events: readonly AnyEvent[]): Map<string, LineWork> {
  const end = s.startMs + s.durationMs;
  const clip = (t: number) => Math.min(Math.max(t, s.startMs), end);
  const out = new Map<string, LineWork>();
  const started = new Map<string, number>();
  const freeSince = new Map<string, number>();
  for (const e of events) {
    const t = Date.parse(e.time);
    let w = out.get(e.line);
    if (!w) out.set(e.line, (w = { firstStartMs: Number.NaN, producingMs: 0, downtimeMs: 0, longestIdleMs: 0 }));
    if (e.type === 'mes.operation.started' && e.data.operation !== 'RW01') {
      if (Number.isNaN(w.firstStartMs)) w.firstStartMs = t - s.startMs;
      const free = freeSince.get(e.line);
      if (free !== undefined && t < end) w.longestIdleMs = Math.max(w.longestIdleMs, t - free);
      freeSince.delete(e.line);
      started.set(e.businesskey, t);
    } else if (e.type === 'mes.operation.confirmed' && e.data.operation !== 'RW01' && e.data.final) {
      // the final partial ends the operation: `{order}/CONF/{op}/{n}` answers `{order}/START/{op}`
      const from = started.get(e.businesskey.replace('/CONF/', '/START/').replace(/\/\d+$/, ''));
      if (from !== undefined) w.producingMs += clip(t) - clip(from);
    } else if (e.type === 'mes.downtime.reported') {
      const lost = clip(t + e.data.durationMs) - clip(t);
      w.downtimeMs += lost;
      w.producingMs -= lost;
    } else if (e.type === 'mes.order.completed') {
      freeSince.set(e.line, t);
    }
  }
  return out;
}

describe('simulator: the plant works its shift', () => {
  it('starts every line within minutes of the shift start, on every seed', () => {
    for (const seed of SEEDS) {
      const s = scenario({ seed, lines: twoLines, durationMs: 4 * H });
      const lines = work(s, run(s).events);
      expect([...lines.keys()].sort(), `seed ${seed}`).toEqual(['L1', 'L2']);
      // released at the shift start: acknowledged in seconds, staged in at most two minutes
      for (const [line, w] of lines) expect(w.firstStartMs, `seed ${seed} ${line}`).toBeLessThanOrEqual(3 * M);
    }
  });

  it('releases the first orders at the shift start and keeps one waiting: the line never waits on an empty schedule', () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const s = scenario({ seed, lines: twoLines });
      const r = run(s);
      const released = ofType(r.events, 'erp.order.released');
      expect(released.filter((e) => Date.parse(e.time) === s.startMs).map((e) => e.line)).toEqual(['L1', 'L1', 'L2', 'L2']);
      // the next order is acknowledged and staged while the line works: it starts the moment the last one completes
      for (const [line, w] of work(s, r.events)) expect(w.longestIdleMs, `seed ${seed} ${line}`).toBe(0);
      // and no order is created at or after the end of the shift
      expect(ofType(r.events, 'erp.order.created').every((e) => Date.parse(e.time) < s.startMs + s.durationMs)).toBe(true);
    }
  });

  it.each([
    [0.85, 0.8, 0.9],
    [0.6, 0.53, 0.67],
  ])('produces about utilisation %d of the shift; reported downtime fills the rest', (utilisation, low, high) => {
    let producing = 0;
    let downtime = 0;
    let shift = 0;
    for (const seed of SEEDS) {
      const s = scenario({ seed, lines: twoLines, orders: { utilisation } });
      for (const w of work(s, run(s).events).values()) {
        producing += w.producingMs;
        downtime += w.downtimeMs;
        shift += s.durationMs - w.firstStartMs;
      }
    }
    expect(producing / shift).toBeGreaterThan(low);
    expect(producing / shift).toBeLessThan(high);
    // what is not production is downtime MES reported (and a last order draining past the end)
    expect((producing + downtime) / shift).toBeGreaterThan(0.97);
  });

  it('at utilisation 1 no line reports downtime', () => {
    const r = run(scenario({ lines: twoLines, orders: { utilisation: 1 } }));
    expect(ofType(r.events, 'mes.downtime.reported')).toEqual([]);
    expect(ofType(r.events, 'mes.order.completed').length).toBeGreaterThan(10);
  });

  it('runs a product at the takt the scenario sets: each operation keeps its set-up and its share of the run time', () => {
    // PUMP-200 on L3: one operation, 5 min set-up + 0.4 min a unit; at a takt of 2 min a unit, 5 + 2 × qty
    const s = scenario({ lines: [{ plant: 'P1', line: 'L3' }], durationMs: 4 * H, orders: { utilisation: 1, taktMs: { 'PUMP-200': 2 * M } } });
    const r = run(s);
    const qty = new Map(ofType(r.events, 'erp.order.created').map((e) => [e.data.order, e.data.qty]));
    const starts = new Map(ofType(r.events, 'mes.operation.started').map((e) => [e.data.order, Date.parse(e.time)]));
    const confirmed = ofType(r.events, 'mes.operation.confirmed');
    expect(confirmed.length).toBeGreaterThan(2);
    for (const c of confirmed) {
      const planned = (5 + 2 * qty.get(c.data.order)!) * M;
      const took = Date.parse(c.time) - starts.get(c.data.order)!;
      // MES varies each operation by ±10 %
      expect(took).toBeGreaterThanOrEqual(Math.floor(planned * 0.9));
      expect(took).toBeLessThanOrEqual(Math.ceil(planned * 1.1));
    }
  });

  it('replaces a release that never reaches the line: the line goes on working', () => {
    // Given the first four order releases are lost on their way to MES
    const s = scenario({ durationMs: 6 * H, faults: [fault('drop', { eventType: 'erp.order.released', count: 4 })] });
    const r = run(s);
    expect(r.ledger.map((l) => l.messageType)).toEqual(Array(4).fill('erp.order.released'));
    // Then the planner writes each pair off after 10 minutes and releases another 5 minutes later: the
    // third pair, released 30 minutes in, starts the line, which then keeps busy
    const w = work(s, r.events).get('L1')!;
    expect(w.firstStartMs).toBeGreaterThan(30 * M);
    expect(w.firstStartMs).toBeLessThan(35 * M);
    expect(w.longestIdleMs).toBe(0);
    expect(ofType(r.events, 'mes.order.completed').length).toBeGreaterThan(5);
  });
});
