import type { Database } from 'better-sqlite3';
import type { AnyEvent } from '../../model/index.js';
import { statement } from './statement-cache.js';
import { STORED_EVENT_COLUMNS, toStoredEvent } from './stored-event.js';

// `type` ranges keep to the events_type index: 'operator.' … 'operator/' is every operator.* type
const OPERATOR_SQL = `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE session = ? AND type >= 'operator.' AND type < 'operator/' ORDER BY seq`;
const CAUSED_SQL = `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE session = ? AND causationid = ? ORDER BY seq`;
const KEY_SQL = `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE session = ? AND businesskey = ? ORDER BY seq`;

// a key range keeps to the events_businesskey index: 'K/REV/' … 'K/REV0' is every key that starts with 'K/REV/'
const KEY_PREFIX_SQL = `SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE session = ? AND businesskey >= ? AND businesskey < ? ORDER BY seq`;

/** The session's operator events (`operator.*`: actions, hints, answers), in journal order. */
export function operatorEvents(db: Database, session: number): AnyEvent[] {
  return statement(db, OPERATOR_SQL).all(session).map((r) => toStoredEvent(r).event);
}

/** The events message `id` set off (their causationid), in journal order. */
export function eventsCausedBy(db: Database, session: number, id: string): AnyEvent[] {
  return statement(db, CAUSED_SQL).all(session, id).map((r) => toStoredEvent(r).event);
}

/** Every event of business key `key`, in journal order. */
export function eventsOfKey(db: Database, session: number, key: string): AnyEvent[] {
  return statement(db, KEY_SQL).all(session, key).map((r) => toStoredEvent(r).event);
}

/** Every event whose business key starts with `prefix` (the reversals of a key: `{key}/REV/`), in journal order. */
export function eventsOfKeyPrefix(db: Database, session: number, prefix: string): AnyEvent[] {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return statement(db, KEY_PREFIX_SQL).all(session, prefix, end).map((r) => toStoredEvent(r).event);
}
