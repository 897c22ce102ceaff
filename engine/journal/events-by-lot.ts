import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';
import { STORED_EVENT_COLUMNS, toStoredEvent } from './stored-event.js';
import type { StoredEvent } from './types.js';
import { checkNotDeleted } from './session-state.js';

export const EVENTS_BY_LOT_SQL = `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE session = ? AND lot = ? ORDER BY seq`;

/** Every event that names one lot in the session, in journal order. */
export function eventsByLot(db: Database, session: number, lot: string): StoredEvent[] {
  checkNotDeleted(db, session);
  return statement(db, EVENTS_BY_LOT_SQL).all(session, lot).map(toStoredEvent);
}
