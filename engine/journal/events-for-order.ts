import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';
import { STORED_EVENT_COLUMNS, toStoredEvent } from './stored-event.js';
import type { StoredEvent } from './types.js';
import { checkNotDeleted } from './session-state.js';

// events_order (session, order_id) ends in seq, so rows come back in journal order without a sort.
export const EVENTS_FOR_ORDER_SQL = `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE session = ? AND order_id = ? ORDER BY seq`;

/** Every event of one production order in the session, in journal order: the order's lineage. */
export function eventsForOrder(db: Database, session: number, order: string): StoredEvent[] {
  checkNotDeleted(db, session);
  return statement(db, EVENTS_FOR_ORDER_SQL).all(session, order).map(toStoredEvent);
}
