import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';
import { STORED_EVENT_COLUMNS, toStoredEvent } from './stored-event.js';
import type { StoredEvent } from './types.js';

export type EventsPageQuery = {
  /** return events after this position (0 for the first page; then the last `seq` seen) */
  readonly afterSeq: number;
  /** page size, at most MAX_PAGE */
  readonly limit: number;
  readonly line?: string;
  readonly type?: string;
  readonly order?: string;
};

export const MAX_PAGE = 10_000;

/**
 * The SQL for a filter combination. Without statistics SQLite cannot tell which index is most
 * selective, so we name it: order, then type, then line; the other filters get a unary `+`, which
 * keeps them as plain conditions. Every (session, x) index ends in `seq`, so `seq > ?` is a range
 * in it and no sort is needed. Without filters, the walk is along the primary key from the
 * session's `first_seq` (`+session` stops SQLite from sorting a whole session out of an index).
 */
export function eventsPageQuery(session: number, q: EventsPageQuery, limit: number): { sql: string; params: (string | number)[] } {
  const select = `SELECT ${STORED_EVENT_COLUMNS} FROM events`;
  const filters: [column: string, value: string][] = [];
  if (q.order !== undefined) filters.push(['order_id', q.order]);
  if (q.type !== undefined) filters.push(['type', q.type]);
  if (q.line !== undefined) filters.push(['line', q.line]);
  if (filters.length === 0) {
    return {
      sql: `${select} WHERE seq > max(?, (SELECT first_seq - 1 FROM sessions WHERE id = ?)) AND +session = ? ORDER BY seq LIMIT ?`,
      params: [q.afterSeq, session, session, limit],
    };
  }
  const where = ['session = ?', ...filters.map(([column], i) => `${i === 0 ? '' : '+'}${column} = ?`), 'seq > ?'];
  return {
    sql: `${select} WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`,
    params: [session, ...filters.map(([, value]) => value), q.afterSeq, limit],
  };
}

/** One page of the session's events in journal order, optionally filtered by line, type and order. */
export function eventsPage(db: Database, session: number, q: EventsPageQuery): StoredEvent[] {
  const limit = Math.max(0, Math.min(Math.floor(q.limit), MAX_PAGE));
  const { sql, params } = eventsPageQuery(session, q, limit);
  return statement(db, sql).all(...params).map(toStoredEvent);
}
