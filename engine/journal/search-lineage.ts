import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';
import { checkNotDeleted } from './session-state.js';

/** What a search term was found as. */
export type LineageMatchKind = 'order' | 'lot' | 'businesskey' | 'event';
export type LineageMatch = { readonly order: string; readonly matchedBy: LineageMatchKind };

/** At most this many orders come back: a term that leads further is too broad to browse. */
export const MAX_LINEAGE_MATCHES = 50;

// Each lookup uses its own index (events_order, the unique (session, id), events_businesskey,
// events_lot); orders come back in the order they first appear in the journal.
export const SEARCH_SQL: Readonly<Record<LineageMatchKind, string>> = {
  order: 'SELECT order_id FROM events WHERE session = ? AND order_id = ? LIMIT 1',
  event: 'SELECT order_id FROM events WHERE session = ? AND id = ? AND order_id IS NOT NULL',
  businesskey: `SELECT order_id FROM events WHERE session = ? AND businesskey = ? AND order_id IS NOT NULL
    GROUP BY order_id ORDER BY min(seq) LIMIT ${MAX_LINEAGE_MATCHES}`,
  lot: `SELECT order_id FROM events WHERE session = ? AND lot = ? AND order_id IS NOT NULL
    GROUP BY order_id ORDER BY min(seq) LIMIT ${MAX_LINEAGE_MATCHES}`,
};

/** Most specific first: an order found as itself is not listed again as found by its lot. */
const PRECEDENCE: readonly LineageMatchKind[] = ['order', 'event', 'businesskey', 'lot'];

/**
 * The orders an exact, case-sensitive term leads to in a session: the order of that id, the order
 * of the event with that id, and the orders of the events carrying that business key or lot.
 * Each order is listed once, by its most specific match; at most `MAX_LINEAGE_MATCHES`.
 */
export function searchLineage(db: Database, session: number, term: string): LineageMatch[] {
  checkNotDeleted(db, session);
  const matches = new Map<string, LineageMatchKind>();
  for (const kind of PRECEDENCE) {
    const orders = statement(db, SEARCH_SQL[kind], 'pluck').all(session, term) as string[];
    for (const order of orders) {
      if (matches.size >= MAX_LINEAGE_MATCHES) break;
      if (!matches.has(order)) matches.set(order, kind);
    }
  }
  return [...matches].map(([order, matchedBy]) => ({ order, matchedBy }));
}
