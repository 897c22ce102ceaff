import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';
import { STORED_EVENT_COLUMNS, toStoredEvent } from './stored-event.js';
import type { StoredEvent } from './types.js';
import { checkNotDeleted } from './session-state.js';

export const EVENTS_BY_BUSINESS_KEY_SQL = `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE session = ? AND businesskey = ? ORDER BY seq`;

/** Every event of one business transaction (an MES event and the ERP postings that carry its key). */
export function eventsByBusinessKey(db: Database, session: number, businesskey: string): StoredEvent[] {
  checkNotDeleted(db, session);
  return statement(db, EVENTS_BY_BUSINESS_KEY_SQL).all(session, businesskey).map(toStoredEvent);
}
