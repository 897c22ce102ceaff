import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

// Covered by the (session, type) index, already grouped by type.
const SQL = 'SELECT type, count(*) AS n FROM events WHERE session = ? GROUP BY type ORDER BY type';

/** Number of events per type in the session, keys in type order. */
export function typeCounts(db: Database, session: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of statement(db, SQL).all(session) as { type: string; n: number }[]) counts[r.type] = r.n;
  return counts;
}
