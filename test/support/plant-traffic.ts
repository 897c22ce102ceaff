import { loadScenario } from '../../engine/index.js';
import type { AnyEvent } from '../../model/index.js';
import { createSimulation } from '../../simulator/index.js';

/** The canonical events of a bundled scenario run for `until`: a plant's conversation to publish to a broker. */
export function plantTraffic(until: string, scenario = 'master-data-errors'): AnyEvent[] {
  const sim = createSimulation(loadScenario(scenario, { until }));
  const out: AnyEvent[] = [];
  for (let b = sim.pull(1000); b.length > 0; b = sim.pull(1000)) for (const o of b) if (o.kind === 'event') out.push(o.event);
  return out;
}

/** The event without `origin`, as traffic Linesight did not make arrives. */
export function withoutOrigin(e: AnyEvent): Record<string, unknown> {
  const { origin: _, ...rest } = e;
  return rest;
}
