import type { HopDiff, LineageArgs, LineageCompareArgs, LineageDiff, OrderLineage } from '../contract/index.js';
import { hopsOf, type Hop } from './lineage-diff-keys.js';
import { mergeOrder, movedPairs, type Pair } from './lineage-diff-order.js';

/** A hop is slower or faster only when its latency differs by more than this share of a's … */
export const LATENCY_SHARE = 0.2;
/** … and by more than this many ms. */
export const LATENCY_FLOOR_MS = 1000;

const describe = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

function checkSide(side: 'a' | 'b', v: unknown): LineageArgs {
  if (typeof v !== 'object' || v === null) throw new Error(`${side}: expected { order, session? }, got ${describe(v)}`);
  const { order, session } = v as { order?: unknown; session?: unknown };
  if (typeof order !== 'string' || order.trim() === '') throw new Error(`${side}.order: expected an order id such as PO-US01-L2-00001, got ${describe(order)}`);
  if (session !== undefined && !(Number.isSafeInteger(session) && (session as number) > 0)) {
    throw new Error(`${side}.session: expected a session id (a positive integer) or nothing for the current session, got ${describe(session)}`);
  }
  return session === undefined ? { order } : { order, session: session as number };
}

/**
 * Check `lineage.compare` arguments before reading anything: two `{ order, session? }` objects,
 * each order a non-empty id, each session (when given) a journal session id.
 */
export function checkLineageCompareArgs(args: unknown): LineageCompareArgs {
  if (typeof args !== 'object' || args === null) throw new Error(`expected { a: { order, session? }, b: { order, session? } }, got ${describe(args)}`);
  const { a, b } = args as { a?: unknown; b?: unknown };
  return { a: checkSide('a', a), b: checkSide('b', b) };
}

function checkFound(side: 'a' | 'b', l: OrderLineage): void {
  if (l.lineage.nodes.length === 0) throw new Error(`${side}.order: no events for order ${JSON.stringify(l.order)} in session ${l.session}`);
}

function latencyStatus(a: number | null, b: number | null): 'same' | 'slower' | 'faster' {
  if (a === null || b === null) return 'same';
  const d = b - a;
  if (Math.abs(d) <= LATENCY_FLOOR_MS || Math.abs(d) <= LATENCY_SHARE * Math.abs(a)) return 'same';
  return d > 0 ? 'slower' : 'faster';
}

const row = (status: HopDiff['status'], a: Hop | undefined, b: Hop | undefined): HopDiff => ({
  status,
  type: (a ?? b)!.type,
  system: (a ?? b)!.system,
  atA: a?.at ?? null,
  atB: b?.at ?? null,
  latencyA: a?.latency ?? null,
  latencyB: b?.latency ?? null,
});

/**
 * Two orders' lineages hop by hop, like a trace comparison. A hop is an event named by system,
 * type, its position in the order (routing step, lot position, or the message an integration
 * record handled) and its occurrence; times count from each order's first event, latency from the
 * causing event. `missing`: in a only · `extra`: in b only · `reordered`: in both, outside the
 * longest common subsequence of the matched hops · `slower` / `faster`: latency differs by more
 * than 20 % and 1 s · else `same`. Rows follow a's order, with b's extras where they occur in b.
 */
export function diffLineages(a: OrderLineage, b: OrderLineage): LineageDiff {
  checkSide('a', { order: a?.order, session: a?.session });
  checkSide('b', { order: b?.order, session: b?.session });
  checkFound('a', a);
  checkFound('b', b);
  const hopsA = hopsOf(a);
  const hopsB = hopsOf(b);
  const indexB = new Map(hopsB.map((h, i) => [h.key, i]));
  const pairs: Pair[] = [];
  const pairOfA = new Map<number, Pair>();
  const matchedB = new Map<number, number>();
  hopsA.forEach((h, ia) => {
    const ib = indexB.get(h.key);
    if (ib === undefined) return;
    const p = { ia, ib, atA: h.at, atB: hopsB[ib]!.at };
    pairs.push(p);
    pairOfA.set(ia, p);
    matchedB.set(ib, ia);
  });
  const moved = movedPairs(pairs);
  const order = mergeOrder(
    hopsA.length,
    hopsB.length,
    (ib) => {
      const ia = matchedB.get(ib);
      return ia !== undefined && !moved.has(pairOfA.get(ia)!) ? ia : undefined;
    },
    (ib) => !matchedB.has(ib),
  );
  const hops = order.map((ref): HopDiff => {
    if ('b' in ref) return row('extra', undefined, hopsB[ref.b]);
    const ha = hopsA[ref.a]!;
    const p = pairOfA.get(ref.a);
    if (p === undefined) return row('missing', ha, undefined);
    const hb = hopsB[p.ib]!;
    return row(moved.has(p) ? 'reordered' : latencyStatus(ha.latency, hb.latency), ha, hb);
  });
  return { a: { session: a.session, order: a.order }, b: { session: b.session, order: b.order }, hops };
}
