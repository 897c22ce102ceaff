import type { AnyEvent } from '../../model/index.js';
import type { LineageNode, OrderLineage } from '../contract/index.js';

/** One event of an order's lineage, named so that the "same" event of another order has the same key. */
export type Hop = {
  readonly key: string;
  readonly type: string;
  readonly system: string;
  /** ms from the order's first event */
  readonly at: number;
  /** ms from its causing event (the lineage edge into it); null when the cause is not in the lineage */
  readonly latency: number | null;
};

/** Events that name the order's output lot; every other lot of the order is an input lot. */
const OUTPUT_LOT_TYPES: ReadonlySet<string> = new Set(['mes.order.completed', 'erp.goods.received']);

const operationOf = (e: AnyEvent | undefined): string | undefined => {
  const d = e?.data as { readonly operation?: unknown } | undefined;
  return typeof d?.operation === 'string' ? d.operation : undefined;
};

const lotOf = (e: AnyEvent | undefined): string | undefined => {
  const d = e?.data as { readonly lot?: unknown } | undefined;
  return typeof d?.lot === 'string' ? d.lot : e?.lot;
};

const messageIdOf = (e: AnyEvent | undefined): string | undefined => {
  if (e === undefined || !e.type.startsWith('int.message.')) return undefined;
  const d = e.data as { readonly messageId?: unknown };
  return typeof d.messageId === 'string' ? d.messageId : undefined;
};

/**
 * Where an operation or lot sits in its order, independent of its id (ids differ from order to
 * order): operations by routing step (their ids sorted numerically, `0010` < `0020`), lots by first
 * appearance in time order — input lots and the output lot counted apart, so one order consuming
 * more lots than the other does not shift its goods receipt.
 */
function positions(nodes: readonly LineageNode[], eventOf: (id: string) => AnyEvent | undefined) {
  const operations = new Set<string>();
  const output = new Set<string>();
  for (const n of nodes) {
    const e = eventOf(n.id);
    const op = operationOf(e);
    if (op !== undefined) operations.add(op);
    const lot = lotOf(e);
    if (lot !== undefined && OUTPUT_LOT_TYPES.has(n.type)) output.add(lot);
  }
  const opRank = new Map([...operations].sort((x, y) => x.localeCompare(y, 'en', { numeric: true })).map((op, i) => [op, i]));
  const lotRank = new Map<string, string>();
  const counts = { in: 0, out: 0 };
  for (const n of nodes) {
    const lot = lotOf(eventOf(n.id));
    if (lot === undefined || lotRank.has(lot)) continue;
    const role = output.has(lot) ? 'out' : 'in';
    lotRank.set(lot, `${role}${counts[role]++}`);
  }
  return { opRank, lotRank };
}

/**
 * The order's hops in time order, each keyed by system, type, its position (routing step, lot
 * position, or — for an integration record — the key of the message it handled) and the occurrence
 * of that combination: a resent confirmation of step 2 is `…|op1|#1`, whatever its ids.
 */
export function hopsOf(lineage: OrderLineage): Hop[] {
  const events = new Map<string, AnyEvent>();
  for (const s of lineage.events) if (!events.has(s.event.id)) events.set(s.event.id, s.event);
  const eventOf = (id: string) => events.get(id);
  const { nodes, edges } = lineage.lineage;
  const latency = new Map<string, number>();
  for (const e of edges) if (!latency.has(e.to)) latency.set(e.to, e.latencyMs);
  const { opRank, lotRank } = positions(nodes, eventOf);
  const first = nodes[0]?.timeMs ?? 0;
  const keyOfId = new Map<string, string>();
  const seen = new Map<string, number>();
  const keys: string[] = new Array<string>(nodes.length);
  const name = (i: number, position: string): void => {
    const n = nodes[i]!;
    const base = `${n.system}|${n.type}|${position}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    keys[i] = `${base}|#${occurrence}`;
    if (!keyOfId.has(n.id)) keyOfId.set(n.id, keys[i]);
  };
  // the messages first, so an integration record can name the message it handled by that message's key
  nodes.forEach((n, i) => {
    const e = eventOf(n.id);
    if (messageIdOf(e) !== undefined) return;
    const op = operationOf(e);
    const lot = lotOf(e);
    name(i, op !== undefined ? `op${opRank.get(op)}` : lot !== undefined ? `lot:${lotRank.get(lot)}` : '');
  });
  nodes.forEach((n, i) => {
    const e = eventOf(n.id);
    const ref = messageIdOf(e);
    if (ref === undefined) return;
    const messageType = (e!.data as { readonly messageType?: unknown }).messageType;
    name(i, `msg(${keyOfId.get(ref) ?? (typeof messageType === 'string' ? messageType : '?')})`);
  });
  return nodes.map((n, i) => ({ key: keys[i]!, type: n.type, system: n.system, at: n.timeMs - first, latency: latency.get(n.id) ?? null }));
}
