import { loadScenario } from '../../engine/index.js';
import type { Scenario } from '../../model/index.js';
import { createSimulation } from '../../simulator/index.js';

/** Every line of the pump manufacturer with a light mix of faults: the benchmarks' plant. */
export function benchScenario(durationMs: number): Scenario {
  const base = loadScenario('duplicates-reordering');
  const lines = base.plant.plants.flatMap((p) => p.lines.map((l) => ({ plant: p.id, line: l.id })));
  return { ...base, id: 'bench', name: 'benchmark', lines, durationMs };
}

/** The bench scenario long enough for about `target` events (at least an hour). */
export function benchScenarioFor(target: number): Scenario {
  const day = 86_400_000;
  const sim = createSimulation(benchScenario(day));
  let perDay = 0;
  while (!sim.done) {
    const out = sim.pull(10_000);
    if (out.length === 0) break;
    for (const o of out) if (o.kind === 'event') perDay++;
  }
  return benchScenario(Math.max(3_600_000, Math.round((target / perDay) * day)));
}
