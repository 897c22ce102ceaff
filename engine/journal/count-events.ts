import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

// Answered from a covering index on (session, …): no table rows are read.
const SQL = 'SELECT count(*) FROM events WHERE session = ?';

/** How many events the session holds. */
export function countEvents(db: Database, session: number): number {
  return statement(db, SQL, 'pluck').get(session) as number;
}
