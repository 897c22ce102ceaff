import type { Database } from 'better-sqlite3';
import { checkSessionExists } from './session-state.js';
import { statement } from './statement-cache.js';

/**
 * Mark a session deleted: from now on no list shows it and reading its events is an error. Its
 * rows stay in the file until `compactJournal` writes a new file without them.
 */
export function markDeleted(db: Database, session: number, now: number): void {
  checkSessionExists(db, session);
  statement(db, 'INSERT INTO deleted_sessions (session, deleted_at) VALUES (?, ?)').run(session, now);
}
