import type { Database } from 'better-sqlite3';
import { insertQuarantine } from './insert-quarantine.js';
import { ENVELOPE, EVENT_ROW_COLUMNS, type EventRow } from './rows.js';
import { isInterrupted } from './session-interruption.js';
import { statement } from './statement-cache.js';
import type { AppendResult } from './types.js';

// Only the (session, id) uniqueness is waived; any other constraint failure still raises, which
// INSERT OR IGNORE would have swallowed.
const INSERT = `INSERT INTO events (session, ${EVENT_ROW_COLUMNS.join(', ')})
  VALUES (?${', ?'.repeat(EVENT_ROW_COLUMNS.length)})
  ON CONFLICT (session, id) DO NOTHING`;
const EXISTING = 'SELECT seq, envelope FROM events WHERE session = ? AND id = ?';
// the live sessions before this one that nobody ended: the only ones whose messages a broker can
// send again (a clean end acknowledged everything it committed)
const OPEN_BEFORE = `SELECT s.id FROM sessions s WHERE s.kind = 'live' AND s.ended_at IS NULL AND s.id < ?
    AND s.id NOT IN (SELECT session FROM deleted_sessions) ORDER BY s.id DESC`;
// one probe of the (session, id) key per interrupted session
const IN_SESSION = 'SELECT seq, envelope FROM events WHERE session = ? AND id = ? AND source = ?';
const SOURCE = 2;
const RETAINED = 15;

/**
 * Per journal connection and live session: the earlier live sessions it must check incoming
 * messages against — those left open by a process that is gone (interrupted). Worked out on the
 * session's first insert; usually none, so the usual path costs nothing.
 */
const interruptedBefore = new WeakMap<Database, Map<number, readonly number[]>>();
function earlierInterrupted(db: Database, session: number): readonly number[] {
  let bySession = interruptedBefore.get(db);
  if (!bySession) interruptedBefore.set(db, (bySession = new Map<number, readonly number[]>()));
  let found = bySession.get(session);
  if (found === undefined) {
    try {
      found =
        statement(db, KIND, 'pluck').get(session) === 'live'
          ? (statement(db, OPEN_BEFORE, 'pluck').all(session) as number[]).filter((s) => isInterrupted(db, s))
          : [];
    } catch {
      found = []; // a journal of a schema from before session owners (tests write those): no check
    }
    bySession.set(session, found);
  }
  return found;
}
const KIND = 'SELECT kind FROM sessions WHERE id = ?';

type Earlier = { session: number; seq: number; envelope: string };

function findEarlier(db: Database, sessions: readonly number[], id: string, source: string): Earlier | undefined {
  for (const session of sessions) {
    const hit = statement(db, IN_SESSION).get(session, id, source) as { seq: number; envelope: string } | undefined;
    if (hit) return { session, ...hit };
  }
  return undefined;
}

/**
 * Insert event rows into `session` (the caller holds the transaction). Idempotent by id (in a live
 * session, also across the earlier live sessions: see below): a row
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
  let redelivered = 0;
  let notInserted: number[] | undefined;
  // A watch that died after a commit, before its PUBACKs went out, gets those messages again — in a
  // new session. A live session checks each message against the earlier live sessions left
  // interrupted, so the journal holds it once. A retained message is not checked: the broker sends it to every new
  // subscription as the topic's state, and each session keeps the state it started with.
  const earlierSessions = rows.length > 0 ? earlierInterrupted(db, session) : [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const earlier = earlierSessions.length > 0 && row[RETAINED] === 0 ? findEarlier(db, earlierSessions, row[0], row[SOURCE]) : undefined;
    if (earlier !== undefined) {
      (notInserted ??= []).push(i);
      redelivered++;
      if (earlier.envelope === row[ENVELOPE]) duplicateIds++;
      else {
        idConflicts++;
        insertQuarantine(
          db,
          session,
          {
            source: row[SOURCE],
            reason: 'id-conflict',
            detail: `id ${row[0]} from ${row[SOURCE]} is already journaled at seq ${earlier.seq} (session ${earlier.session}) with different content`,
            raw: Buffer.from(row[ENVELOPE], 'utf8'),
            time: row[11],
          },
          row[12],
        );
      }
      continue;
    }
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
  if (notInserted === undefined) return { inserted, duplicateIds, idConflicts };
  return redelivered === 0 ? { inserted, duplicateIds, idConflicts, notInserted } : { inserted, duplicateIds, idConflicts, notInserted, redelivered };
}
