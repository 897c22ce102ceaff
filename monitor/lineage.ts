import { systemOf, type AnyEvent } from '../model/event.js';
import { POSTING_RULES, isReversalMessage, isReversalPosting } from '../model/interfaces.js';
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
  /**
   * `causation`: the event names its cause; `businesskey`: a posting answers the message with its key;
   * `reverses`: a reversal (its message, or ERP's own reversal posting) drawn against the posting of
   * the key it reverses — the latest one before it, or the one it names as its cause
   */
  readonly via: 'causation' | 'businesskey' | 'reverses';
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

/** The message types each posting answers (a goods receipt answers a completion and a partial receipt alike). */
const MESSAGES_OF_POSTING = new Map<string, string[]>();
for (const r of POSTING_RULES) {
  const list = MESSAGES_OF_POSTING.get(r.postedBy);
  if (list === undefined) MESSAGES_OF_POSTING.set(r.postedBy, [r.message]);
  else list.push(r.message);
}

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
  // ERP postings per business key, in time order: what a reversal is drawn against
  const postings = new Map<string, LineageNode[]>();
  for (const n of nodes) {
    if (!byId.has(n.id)) byId.set(n.id, n);
    const k = `${n.type}|${n.businesskey}`;
    if (!firstMessage.has(k)) firstMessage.set(k, n);
    if (MESSAGES_OF_POSTING.has(n.type) && n.type.startsWith('erp.') && !isReversalPosting(n.type)) {
      const list = postings.get(n.businesskey);
      if (list === undefined) postings.set(n.businesskey, [n]);
      else list.push(n);
    }
  }
  const edges: LineageEdge[] = [];
  const seen = new Set<string>();
  const link = (from: LineageNode, to: LineageNode, via: LineageEdge['via']) => {
    const id = `${from.id}>${to.id}`;
    if (from === to || seen.has(id)) return;
    seen.add(id);
    edges.push({ from: from.id, to: to.id, via, latencyMs: to.timeMs - from.timeMs });
  };
  /** The posting of `key` a reversal node is drawn against: its cause if that is one, else the latest before it. */
  const reversed = (key: string, n: LineageNode, cause: LineageNode | undefined): LineageNode | undefined => {
    const list = postings.get(key);
    if (list === undefined) return undefined;
    if (cause !== undefined && list.includes(cause)) return cause;
    let best: LineageNode | undefined;
    for (const p of list) if (p.timeMs <= n.timeMs) best = p;
    return best ?? list[0];
  };
  /** The first message in the set that a posting of `type` with `key` answers. */
  const messageOf = (type: string, key: string): LineageNode | undefined => {
    for (const m of MESSAGES_OF_POSTING.get(type) ?? []) {
      const n = firstMessage.get(`${m}|${key}`);
      if (n !== undefined) return n;
    }
    return undefined;
  };
  sorted.forEach(({ e }, i) => {
    const n = nodes[i]!;
    const cause = e.causationid === undefined ? undefined : byId.get(e.causationid);
    const reverses = (e.data as { reverses?: unknown }).reverses;
    // a reversal message, or ERP's own reversal posting (no message of its key in the set): drawn against what it reverses
    if (typeof reverses === 'string' && (isReversalMessage(e.type) || (isReversalPosting(e.type) && messageOf(e.type, e.businesskey) === undefined))) {
      const p = reversed(reverses, n, cause);
      if (p !== undefined) link(p, n, 'reverses');
    }
    if (cause !== undefined) link(cause, n, 'causation');
    if (cause === undefined && MESSAGES_OF_POSTING.has(e.type)) {
      const m = messageOf(e.type, e.businesskey);
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
