import type { Database } from 'better-sqlite3';
import type { FaultKind } from '../../model/index.js';
import { statement } from './statement-cache.js';

const SQL = "SELECT kind, count(*) AS n FROM fault_ledger WHERE session = ? AND effect <> 'window' GROUP BY kind ORDER BY kind";

/** Messages (or orders) the simulator's faults struck in a session, per kind, as the fault ledger records them; window records are not counted (see faultWindows). */
export function faultCounts(db: Database, session: number): Partial<Record<FaultKind, number>> {
  const counts: Partial<Record<FaultKind, number>> = {};
  for (const r of statement(db, SQL).all(session) as { kind: FaultKind; n: number }[]) counts[r.kind] = r.n;
  return counts;
}
