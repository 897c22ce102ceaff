import type { Database } from 'better-sqlite3';
import { insertQuarantine } from './insert-quarantine.js';
import { ENVELOPE, EVENT_ROW_COLUMNS, type EventRow } from './rows.js';
import { statement } from './statement-cache.js';
import type { AppendResult } from './types.js';

// Only the (session, id) uniqueness is waived; any other constraint failure still raises, which
// INSERT OR IGNORE would have swallowed.
const INSERT = `INSERT INTO events (session, ${EVENT_ROW_COLUMNS.join(', ')})
  VALUES (?${', ?'.repeat(EVENT_ROW_COLUMNS.length)})
  ON CONFLICT (session, id) DO NOTHING`;
const EXISTING = 'SELECT seq, envelope FROM events WHERE session = ? AND id = ?';

/**
 * Insert event rows into `session` (the caller holds the transaction). Idempotent by id: a row
 * whose id is already journaled is compared — only then, so the usual path is one insert — and is
 * either counted as a duplicate (identical envelope) or quarantined as `id-conflict` with the new
 * envelope's bytes (different envelope). Their positions are returned, so the monitor applies only
 * what was stored (a broker's redelivery must not count twice).
 */
export function insertEvents(db: Database, session: number, rows: readonly EventRow[]): AppendResult {
  const insert = statement(db, INSERT);
  let inserted = 0;
  let duplicateIds = 0;
  let idConflicts = 0;
  let notInserted: number[] | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (insert.run(session, ...row).changes === 1) {
      inserted++;
      continue;
    }
    (notInserted ??= []).push(i);
    const existing = statement(db, EXISTING).get(session, row[0]) as { seq: number; envelope: string } | undefined;
    if (existing === undefined) throw new Error(`event ${row[0]} was neither inserted nor found in session ${session}`);
    if (existing.envelope === row[ENVELOPE]) {
      duplicateIds++;
      continue;
    }
    idConflicts++;
    insertQuarantine(
      db,
      session,
      {
        source: row[2],
        reason: 'id-conflict',
        detail: `id ${row[0]} is already journaled at seq ${existing.seq} with different content`,
        raw: Buffer.from(row[ENVELOPE], 'utf8'),
        time: row[11],
      },
      row[12],
    );
  }
  return notInserted === undefined ? { inserted, duplicateIds, idConflicts } : { inserted, duplicateIds, idConflicts, notInserted };
}
