import { describe, expect, it } from 'vitest';
import { APPLY_FROM_MS, WINDOW, clockEstimates, createLineClocks, estimate, noteClock } from '../../monitor/clock-offsets.js';
import { createMonitor } from '../../monitor/index.js';
import { loadScenario } from '../../engine/scenario/index.js';
import { createSimulation } from '../../simulator/index.js';
import type { AnyEvent, Scenario } from '../../model/index.js';

describe('clock offset estimator (NTP style)', () => {
  it('two-way: θ = (min back − min forward) / 2, either sign', () => {
    // MES 130 s ahead of ERP, transits 2 s and 3 s: forward d = 2 − 130, back d = 3 + 130
    expect(estimate([-128_000, -120_000], [133_000, 140_000])).toEqual({ offsetMs: 130_500, kind: 'two-way', applied: true });
    // MES 60 s behind ERP
    expect(estimate([62_000], [-57_000])).toEqual({ offsetMs: -59_500, kind: 'two-way', applied: true });
  });

  it('applies nothing while the pairs do not prove a disagreement of 5 s or more', () => {
    // clocks agree, slow processing one way: bounds [−30 s, +2 s] contain 0
    expect(estimate([30_000], [2_000]).applied).toBe(false);
    // a 3 s skew is below APPLY_FROM_MS
    expect(estimate([-1_000], [5_000]).applied).toBe(false);
    expect(APPLY_FROM_MS).toBe(5_000);
  });

  it('one way only: the bound an effect-after-cause gives', () => {
    // WMS → ERP only, WMS 40 s ahead: a posting 37 s "before" its message
    expect(estimate([-37_000, -10_000], [])).toEqual({ offsetMs: 37_000, kind: 'bound', applied: true });
    // ERP → QMS only, QMS 20 s behind
    expect(estimate([], [-18_000])).toEqual({ offsetMs: -18_000, kind: 'bound', applied: true });
    // a one-way delay proves nothing
    expect(estimate([12_000], []).applied).toBe(false);
  });

  it('follows a clock set mid-run once its old pairs left the window', () => {
    const c = createLineClocks();
    let n = 0;
    // MES +100 s; then the MES clock is set right
    const exchange = (mesOff: number, t: number) => {
      const rel = { id: `r${n}`, type: 'erp.order.released', source: '/P/L/erp', causationid: undefined } as unknown as AnyEvent;
      noteClock(c, rel, t);
      noteClock(c, { id: `a${n}`, type: 'mes.order.acknowledged', source: '/P/L/mes', causationid: `r${n}` } as unknown as AnyEvent, t + 2_000 + mesOff);
      noteClock(c, { id: `m${n}`, type: 'mes.operation.confirmed', source: '/P/L/mes', causationid: undefined } as unknown as AnyEvent, t + 10_000 + mesOff);
      noteClock(c, { id: `p${n}`, type: 'erp.confirmation.posted', source: '/P/L/erp', causationid: `m${n}` } as unknown as AnyEvent, t + 12_000);
      n++;
    };
    for (let i = 0; i < 10; i++) exchange(100_000, i * 60_000);
    expect(clockEstimates(c)?.mes).toEqual({ offsetMs: 100_000, pairs: 20, kind: 'two-way' });
    for (let i = 10; i < 10 + WINDOW; i++) exchange(0, i * 60_000);
    expect(clockEstimates(c)).toBeUndefined();
  });
});

function monitored(sc: Scenario) {
  const sim = createSimulation(sc);
  const m = createMonitor({ gracePeriods: sc.integration.gracePeriods });
  while (!sim.done) for (const o of sim.pull(1000)) if (o.kind === 'event') m.apply(o.event);
  m.advance(sim.endMs + 3 * 3_600_000);
  return m.snapshot();
}

describe('monitor with skewed clocks', () => {
  it('estimates MES at +130 s vs ERP and gives the gaps and latency figures of the unskewed run, never a negative latency', () => {
    for (const seed of [1, 3]) {
      const skewed = loadScenario('clock-skew-dst', { seed });
      const a = monitored({ ...skewed, clocks: undefined });
      const b = monitored(skewed);
      expect(a.gaps).toEqual([]);
      expect(b.gaps).toEqual([]);
      // nor did one open on the way: the first acknowledgements, 130 s ahead on MES's clock, do not
      // run the grace of the releases they answer out before the estimate can tell
      expect(b.gapsClosed).toBe(a.gapsClosed);
      expect(b.gapsClosed).toBe(0);
      expect(b.conservation).toEqual(a.conservation);
      for (let i = 0; i < a.lines.length; i++) {
        const x = a.lines[i]!;
        const y = b.lines[i]!;
        // the unskewed run applies nothing and clamps nothing
        expect(x.clocks).toBeUndefined();
        expect(x.latencyClamped).toBeUndefined();
        expect(y.clocks?.mes?.kind).toBe('two-way');
        expect(Math.abs(y.clocks!.mes!.offsetMs - 130_000)).toBeLessThanOrEqual(10_000);
        expect(y.postingLatencyMs.count).toBe(x.postingLatencyMs.count);
        // within the estimate's error (half the minimal round trip: a few seconds)
        expect(Math.abs(y.postingLatencyMs.p50! - x.postingLatencyMs.p50!)).toBeLessThanOrEqual(5_000);
        expect(Math.abs(y.postingLatencyMs.p95! - x.postingLatencyMs.p95!)).toBeLessThanOrEqual(5_000);
        for (const k of Object.values(y.latencyByKind)) if (k.count > 0) expect(k.p50!).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
