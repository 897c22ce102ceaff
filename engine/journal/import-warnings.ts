import type { Database } from 'better-sqlite3';
import type { ImportWarning } from './types.js';
import { statement } from './statement-cache.js';

/** At most this many warnings travel with each session summary; its `warningCount` says how many there are. */
export const MAX_LISTED_WARNINGS = 100;

const INSERT = 'INSERT INTO import_warnings (session, file, path, message) VALUES (?, ?, ?, ?)';
const SELECT = 'SELECT file, path, message FROM import_warnings WHERE session = ? ORDER BY id LIMIT ?';
const COUNT = 'SELECT count(*) FROM import_warnings WHERE session = ?';

/** Keep what an import assumed with its session (call inside the transaction that starts it). */
export function insertImportWarnings(db: Database, session: number, warnings: readonly ImportWarning[]): void {
  const insert = statement(db, INSERT);
  for (const w of warnings) insert.run(session, w.file, w.path, w.message);
}

/** How many warnings a session has, and the first `limit` of them in the order they were made. */
export function importWarnings(db: Database, session: number, limit = MAX_LISTED_WARNINGS): { readonly count: number; readonly first: ImportWarning[] } {
  const count = statement(db, COUNT, 'pluck').get(session) as number;
  const first = count === 0 ? [] : (statement(db, SELECT).all(session, limit) as ImportWarning[]);
  return { count, first };
}
