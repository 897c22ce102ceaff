import { existsSync } from 'node:fs';
import { openJournal } from './open-journal.js';
import { EVENT_ROW_COLUMNS, type EventRow } from './rows.js';
import { startSession } from './start-session.js';

/** Rows per transaction, as in the writer. */
const CHUNK = 1000;

export type BaselineResult = { readonly rows: number; readonly ms: number };

/**
 * The benchmark's yardstick: plain INSERTs of prepared rows into a fresh journal at `path` — same
 * schema, indexes and pragmas as the writer — in 1,000-row transactions on the calling thread,
 * with no id-conflict check, no worker and no messaging. Times the inserts only (not the open).
 */
export function insertRowsBaseline(path: string, rows: readonly EventRow[]): BaselineResult {
  if (existsSync(path)) throw new Error(`baseline journal ${path} already exists; give a fresh path`);
  const journal = openJournal(path);
  try {
    const db = journal.db;
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
