import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AnyEvent } from '../../model/index.js';
import { statement } from './statement-cache.js';
import { checkNotDeleted } from './session-state.js';

// Walk the primary key from the session's first position (see events-page.ts for the `+session`).
export const SESSION_DIGEST_SQL = `SELECT envelope FROM events
  WHERE seq >= (SELECT first_seq FROM sessions WHERE id = ?) AND +session = ? ORDER BY seq`;

/**
 * SHA-256 (hex) over the session's events in `seq` order, each event's RFC 8785 canonical JSON
 * (the stored envelope) followed by "\n". Wall-clock columns are not in the envelope, so the same
 * scenario and seed give the same digest on any machine. Rows are streamed, never all in memory.
 */
export function sessionDigest(db: Database, session: number): string {
  checkNotDeleted(db, session);
  const hash = createHash('sha256');
  for (const envelope of statement(db, SESSION_DIGEST_SQL, 'pluck').iterate(session, session) as IterableIterator<string>) {
    hash.update(envelope);
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** Every event of the session in `seq` order, streamed (never all in memory), parsed. */
export function* sessionEvents(db: Database, session: number): Generator<AnyEvent> {
  checkNotDeleted(db, session);
  for (const envelope of statement(db, SESSION_DIGEST_SQL, 'pluck').iterate(session, session) as IterableIterator<string>) yield JSON.parse(envelope) as AnyEvent;
}
