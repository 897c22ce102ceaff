import type { Database } from 'better-sqlite3';
import type { Gap } from '../../monitor/index.js';
import { sessionSnapshot } from '../report/session-snapshot.js';
import type { SessionComparison } from './contract.js';

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
    gaps: { onlyA: a.gaps.filter((g) => !inB.has(gapKey(g))), onlyB: b.gaps.filter((g) => !inA.has(gapKey(g))), both: a.gaps.filter((g) => inB.has(gapKey(g))).length },
    exceptions: { a: a.exceptions.length, b: b.exceptions.length, byCategory },
  };
}
