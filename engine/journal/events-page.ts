import type { Database } from 'better-sqlite3';
import type { EventsFilter } from '../contract/index.js';
import { statement } from './statement-cache.js';
import { STORED_EVENT_COLUMNS, toStoredEvent } from './stored-event.js';
import type { StoredEvent } from './types.js';
import { checkNotDeleted } from './session-state.js';

/** Which events of a session to read (the API's filter of `events.page`). */
export type { EventsFilter };

export type EventsPageQuery = EventsFilter & {
  /** return events after this position (0 for the first page; then the last `seq` seen) */
  readonly afterSeq: number;
  /** page size, at most MAX_PAGE */
  readonly limit: number;
};

export const MAX_PAGE = 10_000;

/**
 * Equality filters in the order we pick the index by: the most selective first. A business key
 * names a handful of events, an order tens, a lot a few orders' worth; a type or a line can be a
 * large share of the session. Each has an index `(session, column)` (docs/journal.md).
 */
const EQUALITY_FILTERS = [
  ['businesskey', 'businesskey'],
  ['order', 'order_id'],
  ['lot', 'lot'],
  ['type', 'type'],
  ['line', 'line'],
] as const satisfies readonly (readonly [keyof EventsFilter, string])[];

type Sql = { sql: string; params: (string | number)[] };

/** The time-range conditions, as plain conditions (unary `+`) unless `indexed`. */
function timeConditions(q: EventsFilter, indexed: boolean): Sql {
  const column = indexed ? 'time' : '+time';
  const parts: string[] = [];
  const params: string[] = [];
  if (q.from !== undefined) {
    parts.push(`${column} >= ?`);
    params.push(q.from);
  }
  if (q.to !== undefined) {
    parts.push(`${column} < ?`);
    params.push(q.to);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * The SQL for a filter combination. Without statistics SQLite cannot tell which index is most
 * selective, so we name it:
 *
 * - With an equality filter, the first one in `EQUALITY_FILTERS` order uses its `(session, x)`
 *   index; the others and the time range get a unary `+`, which keeps them plain conditions. The
 *   index ends in `seq`, so `seq > ?` is a range in it and no sort is needed: a page costs a page.
 * - With a time range and at most a type and a line (each can be a large share of the session),
 *   `events_time (session, time)` (migration 0002) finds the range. It is in time order, not
 *   journal order, so the page's `seq`s are picked in a subquery (the index covers session, time
 *   and seq; a type or line is checked on the row; the sort keeps just `limit` of them) and only
 *   those rows are then read by primary key. A page costs the range, not the session: at 2 M
 *   events, a line over one simulated day went from 270 ms on the line index to a few ms. With a
 *   business key, order or lot, the range is a plain condition on that narrow index instead.
 * - Without filters, the walk is along the primary key from the session's `first_seq` (`+session`
 *   stops SQLite from sorting a whole session out of an index).
 *
 * `columns` is the select list (default: what `toStoredEvent` reads).
 */
export function eventsPageQuery(session: number, q: EventsPageQuery, limit: number, columns = STORED_EVENT_COLUMNS): Sql {
  const select = `SELECT ${columns} FROM events`;
  const equalities = EQUALITY_FILTERS.flatMap(([key, column]) => (q[key] === undefined ? [] : [[column, q[key]] as const]));
  const hasRange = q.from !== undefined || q.to !== undefined;
  // a type or a line can be a large share of the session: with a time range, the range narrows more
  const broadOnly = equalities.every(([column]) => column === 'type' || column === 'line');
  if (equalities.length > 0 && !(hasRange && broadOnly)) {
    const time = timeConditions(q, false);
    const where = ['session = ?', ...equalities.map(([column], i) => `${i === 0 ? '' : '+'}${column} = ?`), ...(time.sql ? [time.sql] : []), 'seq > ?'];
    return {
      sql: `${select} WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`,
      params: [session, ...equalities.map(([, value]) => value), ...time.params, q.afterSeq, limit],
    };
  }
  if (hasRange) {
    const time = timeConditions(q, true);
    const checks = equalities.map(([column]) => ` AND +${column} = ?`).join('');
    const page = `SELECT seq FROM events INDEXED BY events_time WHERE session = ? AND ${time.sql}${checks} AND seq > ? ORDER BY seq LIMIT ?`;
    return {
      sql: `${select} WHERE seq IN (${page}) ORDER BY seq`,
      params: [session, ...time.params, ...equalities.map(([, value]) => value), q.afterSeq, limit],
    };
  }
  return {
    sql: `${select} WHERE seq > max(?, (SELECT first_seq - 1 FROM sessions WHERE id = ?)) AND +session = ? ORDER BY seq LIMIT ?`,
    params: [q.afterSeq, session, session, limit],
  };
}

/** Clamp a requested page size to 0 … MAX_PAGE. */
export function pageLimit(requested: number): number {
  return Math.max(0, Math.min(Math.floor(requested), MAX_PAGE));
}

/** One page of the session's events in journal order, filtered by any combination of `EventsFilter`. */
export function eventsPage(db: Database, session: number, q: EventsPageQuery): StoredEvent[] {
  checkNotDeleted(db, session);
  const { sql, params } = eventsPageQuery(session, q, pageLimit(q.limit));
  return statement(db, sql).all(...params).map(toStoredEvent);
}
