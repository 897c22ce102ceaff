import { existsSync } from 'node:fs';
import { openJournal } from './open-journal.js';
import { EVENT_ROW_COLUMNS, type EventRow } from './rows.js';
import { startSession } from './start-session.js';

/** Rows per transaction, as in the writer. */
const CHUNK = 1000;

export type BaselineResult = { readonly rows: number; readonly ms: number };

export type BaselineOptions = {
  /**
   * `'unique only'`: drop the events table's secondary indexes first, keeping the one unique
   * `(session, id)` index idempotent ingest needs — what a row costs SQLite when nothing but the
   * row itself and its key is written (a floor for benchmarks, never a journal Linesight keeps).
   */
  readonly indexes?: 'all' | 'unique only';
};

/**
 * The benchmark's yardstick: plain INSERTs of prepared rows into a fresh journal at `path` — same
 * schema, indexes and pragmas as the writer — in 1,000-row transactions on the calling thread,
 * with no id-conflict check, no worker and no messaging. Times the inserts only (not the open).
 */
export function insertRowsBaseline(path: string, rows: readonly EventRow[], opts: BaselineOptions = {}): BaselineResult {
  if (existsSync(path)) throw new Error(`baseline journal ${path} already exists; give a fresh path`);
  const journal = openJournal(path);
  try {
    const db = journal.db;
    if (opts.indexes === 'unique only') {
      // a declared index has its CREATE text; the unique constraint's automatic index has none
      const secondary = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL").pluck().all() as string[];
      for (const name of secondary) db.exec(`DROP INDEX "${name}"`);
    }
    const session = startSession(db, { scenario: 'baseline', seed: null, kind: 'import' }, Date.now());
    const insert = db.prepare(`INSERT INTO events (session, ${EVENT_ROW_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(EVENT_ROW_COLUMNS.length)})`);
    const chunk = db.transaction((from: number) => {
      const to = Math.min(from + CHUNK, rows.length);
      for (let i = from; i < to; i++) insert.run(session, ...rows[i]!);
    });
    const started = performance.now();
    for (let from = 0; from < rows.length; from += CHUNK) chunk.immediate(from);
    return { rows: rows.length, ms: performance.now() - started };
  } finally {
    journal.close();
  }
}
