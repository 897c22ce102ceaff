import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/scenario/index.js';
import { createSimulation } from '../../simulator/index.js';
import type { AnyEvent, Scenario } from '../../model/index.js';

function run(sc: Scenario): AnyEvent[] {
  const sim = createSimulation(sc);
  const out: AnyEvent[] = [];
  while (!sim.done) for (const o of sim.pull(1000)) if (o.kind === 'event') out.push(o.event);
  return out;
}

describe('clock skew per system (envelope)', () => {
  it("moves only the sending system's `time`: MES +90 s, ERP −40 s, the layer never; order and content unchanged", () => {
    const skewed = loadScenario('clock-skew-dst', { seed: 2, until: '2h' });
    const plain = { ...skewed, clocks: undefined };
    const a = run(plain);
    const b = run(skewed);
    expect(b.length).toBe(a.length);
    const expected: Record<string, number> = { mes: 90_000, erp: -40_000 };
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      const sys = x.source.slice(x.source.lastIndexOf('/') + 1);
      expect(Date.parse(y.time) - Date.parse(x.time), `${x.type} ${x.id}`).toBe(expected[sys] ?? 0);
      expect({ ...y, time: x.time }).toEqual(x);
    }
    expect(a.some((e) => e.source.endsWith('/mes')) && a.some((e) => e.source.endsWith('/wms'))).toBe(true);
  });
});
