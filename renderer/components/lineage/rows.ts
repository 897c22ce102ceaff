/** The events of an order lineage joined with what the table and the detail panel show of them. */
import type { AnyEvent, OrderLineage } from '../../../engine/contract/index.js';
import { LANE_LABELS } from './lanes.js';
import { outcomes, summarize, type Outcome } from './outcome.js';

export type EventRow = {
  readonly id: string;
  readonly timeMs: number;
  readonly system: string;
  readonly event: AnyEvent;
  readonly outcome: Outcome;
  readonly summary: string;
  /** it arrived as a broker's retained message: old news sent on subscribe, not timed by the monitor */
  readonly retained: boolean;
};

export type LineageModel = {
  /** in time order, as the lineage's nodes */
  readonly rows: readonly EventRow[];
  readonly byId: ReadonlyMap<string, EventRow>;
  readonly outcomes: ReadonlyMap<string, Outcome>;
};

/**
 * Join nodes (time order) with their journaled envelopes; computed once per lineage read. Rows of
 * `previous` are reused where the event and its outcome are unchanged (a journaled event never
 * changes under its id), so a refresh re-renders only the table rows that are new or changed.
 */
export function lineageModel(l: OrderLineage, previous?: LineageModel): LineageModel {
  const stored = new Map(l.events.map((s) => [s.event.id, s]));
  const ordered = l.lineage.nodes.flatMap((n) => {
    const s = stored.get(n.id);
    return s === undefined ? [] : [{ node: n, event: s.event, retained: s.retained === true }];
  });
  const outcome = outcomes(ordered.map((o) => o.event));
  const rows = ordered.map<EventRow>(({ node, event, retained }) => {
    const o = outcome.get(node.id) ?? 'ok';
    const before = previous?.byId.get(node.id);
    if (before !== undefined && before.outcome === o) return before;
    return { id: node.id, timeMs: node.timeMs, system: LANE_LABELS[node.system], event, outcome: o, summary: summarize(event), retained };
  });
  return { rows, byId: new Map(rows.map((r) => [r.id, r])), outcomes: outcome };
}
