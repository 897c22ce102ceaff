import { dataschemaOf, driftPayload, SCHEMA_REVISIONS, type AnyEvent, type BusinessEventType, type Scenario } from '../../model/index.js';
import type { LineRt } from '../plant/master-data.js';

/** One `schema-drift` fault: from `from` (until `until`) the line's producer sends `types` in their newer version. */
type Drift = { readonly from: number; readonly until: number; readonly line: string | undefined; readonly type: string | undefined };

const drifts = new WeakMap<Scenario, readonly Drift[]>();

function driftsOf(scenario: Scenario): readonly Drift[] {
  let list = drifts.get(scenario);
  if (list === undefined) {
    list = scenario.faults
      .filter((f) => f.kind === 'schema-drift')
      .map((f) => ({
        from: scenario.startMs + f.atMs,
        until: f.forMs === undefined ? Number.POSITIVE_INFINITY : scenario.startMs + f.atMs + f.forMs,
        line: f.line,
        type: f.eventType,
      }));
    drifts.set(scenario, list);
  }
  return list;
}

/**
 * The event as the line's producer sends it now: `ev` itself, or — once a `schema-drift` fault
 * covers its line and type — its newer payload version (model/schema-versions.ts), marked by
 * `dataschema`. Same id, key and sequence: the producer upgraded, the message is the same message.
 * Members stay in code-point order (canonical JSON).
 */
export function asProducerSends(scenario: Scenario, ev: AnyEvent, line: LineRt, now: number): AnyEvent {
  const list = driftsOf(scenario);
  // an operator's injection or a replay is sent as it was written; only the plant's producer upgraded
  if (list.length === 0 || ev.origin !== 'simulated' || (ev as { readonly dataschema?: string }).dataschema !== undefined) return ev;
  const rev = SCHEMA_REVISIONS[ev.type as BusinessEventType];
  if (rev === undefined) return ev;
  const hit = list.some(
    (d) =>
      now >= d.from &&
      now < d.until &&
      (d.type === undefined || d.type === ev.type) &&
      (d.line === undefined || (d.line.includes('/') ? d.line === line.key : d.line === line.line)),
  );
  if (!hit) return ev;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ev)) {
    out[k] = k === 'data' ? driftPayload(rev, v as Record<string, unknown>) : v;
    if (k === 'datacontenttype') out.dataschema = dataschemaOf(ev.type, rev.version);
  }
  return out as AnyEvent;
}
