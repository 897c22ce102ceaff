import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

const SQL = 'SELECT count(*) FROM quarantine WHERE session = ?';

/** Inputs of a session kept in quarantine (without reading their raw bytes). */
export function countQuarantine(db: Database, session: number): number {
  return statement(db, SQL, 'pluck').get(session) as number;
}
