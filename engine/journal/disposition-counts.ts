import type { Database } from 'better-sqlite3';
import { DISPOSITIONS, type Disposition } from '../../model/index.js';
import { statement } from './statement-cache.js';

const SQL = "SELECT json_extract(data, '$.disposition') AS d, count(*) AS n FROM events WHERE session = ? AND type = 'qms.hold.released' GROUP BY d";

/** Usage decisions of the session by disposition (release, rework, scrap): how QMS released its holds. */
export function dispositionCounts(db: Database, session: number): Record<Disposition, number> {
  const counts = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;
  for (const r of statement(db, SQL).all(session) as { d: string; n: number }[]) if (r.d in counts) counts[r.d as Disposition] = r.n;
  return counts;
}
