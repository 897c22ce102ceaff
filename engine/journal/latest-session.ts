import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

/** The newest session that is not deleted (undefined: the journal has none): what an optional `--session` means. */
export function latestSession(db: Database): number | undefined {
  const id = statement(db, 'SELECT max(id) FROM sessions WHERE id NOT IN (SELECT session FROM deleted_sessions)', 'pluck').get() as number | null;
  return id ?? undefined;
}
