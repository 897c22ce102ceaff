import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

const SQL = 'UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL';

/** Mark a session ended at wall-clock `endedAt` (epoch ms). Ending it twice keeps the first end. */
export function endSession(db: Database, session: number, endedAt: number): void {
  const exists = statement(db, 'SELECT 1 FROM sessions WHERE id = ?', 'pluck').get(session);
  if (exists === undefined) throw new Error(`journal has no session ${session}`);
  statement(db, SQL).run(endedAt, session);
}
