import type { Database } from 'better-sqlite3';
import type { Gap } from '../../monitor/index.js';
import { buildLineage } from '../../monitor/index.js';
import { eventsForOrder } from '../journal/index.js';
import { sessionSnapshot } from '../report/session-snapshot.js';
import { diffLineages } from '../session/lineage-diff.js';
import type { HopDiff, OrderLineage, SessionComparison } from '../contract/index.js';

/** A gap's identity across two sessions of the same plant: the monitor's own (kind and order, or kind and business key). */
const gapKey = (g: Gap): string => `${g.plant}/${g.line} ${g.id}`;

/**
 * Two sessions side by side, as their monitors saw them once settled: which gaps only one has
 * (a what-if that closed them, or opened new ones) and how the exceptions compare by category.
 */
export function compareSessions(db: Database, args: { readonly a: number; readonly b: number }): SessionComparison {
  for (const k of ['a', 'b'] as const) {
    if (!Number.isSafeInteger(args?.[k])) throw new Error(`${k}: expected a session id, got ${JSON.stringify(args?.[k])}`);
  }
  const a = sessionSnapshot(db, args.a);
  const b = sessionSnapshot(db, args.b);
  const inB = new Set(b.gaps.map(gapKey));
  const inA = new Set(a.gaps.map(gapKey));
  const byCategory: Record<string, { a: number; b: number }> = {};
  for (const [side, snap] of [['a', a], ['b', b]] as const) {
    for (const x of snap.exceptions) (byCategory[x.category] ??= { a: 0, b: 0 })[side]++;
  }
  return {
    a: args.a,
    b: args.b,
    orders: compareOrders(db, args.a, args.b),
    gaps: { onlyA: a.gaps.filter((g) => !inB.has(gapKey(g))), onlyB: b.gaps.filter((g) => !inA.has(gapKey(g))), both: a.gaps.filter((g) => inB.has(gapKey(g))).length },
    exceptions: { a: a.exceptions.length, b: b.exceptions.length, byCategory },
  };
}

/** Orders compared hop by hop at most: enough for a what-if of a shift, bounded for a month-long capture. */
export const MAX_ORDERS_COMPARED = 500;

const ORDERS = 'SELECT DISTINCT order_id FROM events WHERE session = ? AND order_id IS NOT NULL ORDER BY order_id';

/** The lineage diff of the orders two sessions share (a what-if and its original share them all). */
function compareOrders(db: Database, a: number, b: number): SessionComparison['orders'] {
  const ids = (s: number) => db.prepare(ORDERS).pluck().all(s) as string[];
  const inA = ids(a);
  const inB = new Set(ids(b));
  const both = inA.filter((o) => inB.has(o));
  const lineage = (session: number, order: string): OrderLineage => {
    const events = eventsForOrder(db, session, order);
    return { session, order, events, lineage: buildLineage(events.map((e) => e.event)) };
  };
  const differing: SessionComparison['orders']['differing'][number][] = [];
  for (const order of both.slice(0, MAX_ORDERS_COMPARED)) {
    const statuses: Partial<Record<HopDiff['status'], number>> = {};
    let hops = 0;
    for (const h of diffLineages(lineage(a, order), lineage(b, order)).hops) {
      if (h.status === 'same') continue;
      statuses[h.status] = (statuses[h.status] ?? 0) + 1;
      hops++;
    }
    if (hops > 0) differing.push({ order, hops, statuses });
  }
  differing.sort((x, y) => y.hops - x.hops || x.order.localeCompare(y.order));
  return { inBoth: both.length, onlyA: inA.length - both.length, onlyB: inB.size - both.length, compared: Math.min(both.length, MAX_ORDERS_COMPARED), differing };
}
