import { systemOf, type AnyEvent } from '../model/event.js';
import { POSTING_RULES } from '../model/interfaces.js';
import { SYSTEMS, type System } from '../model/names.js';
import { parseTime } from './time.js';

export type LineageNode = {
  readonly id: string;
  readonly type: string;
  /** from the event's `source`; 'unknown' when the source names no system of ours */
  readonly system: System | 'unknown';
  readonly time: string;
  readonly timeMs: number;
  readonly businesskey: string;
  readonly plant: string;
  readonly line: string;
  readonly order: string | undefined;
};

export type LineageEdge = {
  readonly from: string;
  readonly to: string;
  /** `causation`: the event names its cause; `businesskey`: a posting answers the message with its key */
  readonly via: 'causation' | 'businesskey';
  /** time from the cause to the effect (negative when the clocks or the journal disagree) */
  readonly latencyMs: number;
};

export type LineageLane = { readonly system: System | 'unknown'; readonly nodes: readonly string[] };

/** The causal graph of a business transaction across systems, in time order. */
export type Lineage = {
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  readonly lanes: readonly LineageLane[];
};

const MESSAGE_OF_POSTING = new Map<string, string>(POSTING_RULES.map((r) => [r.postedBy, r.message]));

/**
 * Build the lineage of the given events (an order, a lot or a business key, as the caller
 * selected them): one node per event, an edge per `causationid` that points inside the set, and —
 * where a posting names no cause inside the set — an edge from the first message with its business
 * key, so the MES → ERP hop shows even when the integration layer's records are not included.
 */
export function buildLineage(events: readonly AnyEvent[]): Lineage {
  const sorted = events
    .map((e, i) => ({ e, i, t: parseTime(e.time) }))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const nodes: LineageNode[] = sorted.map(({ e, t }) => ({
    id: e.id,
    type: e.type,
    system: systemOf(e.source) ?? 'unknown',
    time: e.time,
    timeMs: t,
    businesskey: e.businesskey,
    plant: e.plant,
    line: e.line,
    order: e.subject,
  }));
  const byId = new Map<string, LineageNode>();
  const firstMessage = new Map<string, LineageNode>();
  for (const n of nodes) {
    if (!byId.has(n.id)) byId.set(n.id, n);
    const k = `${n.type}|${n.businesskey}`;
    if (!firstMessage.has(k)) firstMessage.set(k, n);
  }
  const edges: LineageEdge[] = [];
  const seen = new Set<string>();
  const link = (from: LineageNode, to: LineageNode, via: LineageEdge['via']) => {
    const id = `${from.id}>${to.id}`;
    if (from === to || seen.has(id)) return;
    seen.add(id);
    edges.push({ from: from.id, to: to.id, via, latencyMs: to.timeMs - from.timeMs });
  };
  sorted.forEach(({ e }, i) => {
    const n = nodes[i]!;
    const cause = e.causationid === undefined ? undefined : byId.get(e.causationid);
    if (cause !== undefined) link(cause, n, 'causation');
    const messageType = MESSAGE_OF_POSTING.get(e.type);
    if (cause === undefined && messageType !== undefined) {
      const m = firstMessage.get(`${messageType}|${e.businesskey}`);
      if (m !== undefined) link(m, n, 'businesskey');
    }
  });
  const lanes: LineageLane[] = [];
  for (const system of [...SYSTEMS, 'unknown'] as const) {
    const ids = nodes.filter((n) => n.system === system).map((n) => n.id);
    if (ids.length > 0) lanes.push({ system, nodes: ids });
  }
  return { nodes, edges, lanes };
}
