import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache.js';

/** `outage`: the connection was down; `possible-gap`: the broker may have dropped what it held for us. */
export type ConnectionOutageKind = 'outage' | 'possible-gap';

/** One stretch a watched connection was down (or may have lost messages), as a watch session records it. */
export type ConnectionOutageRecord = {
  /** the connection's name in its session */
  readonly connection: string;
  /** the broker's URL, without user info */
  readonly url: string;
  readonly kind: ConnectionOutageKind;
  /** wall-clock epoch ms it began: with `connection` and `kind`, what identifies it */
  readonly from: number;
  /** wall-clock epoch ms it ended; null while the connection is still down */
  readonly to: number | null;
  readonly why: string;
};

// Written again (a refused write is retried, a closed outage follows its open row): the row is kept,
// and only a NULL `to_at` is set (the table's trigger allows nothing else).
const SQL = `INSERT INTO connection_outages (session, connection, kind, from_at, to_at, url, why) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (session, connection, kind, from_at) DO UPDATE SET to_at = excluded.to_at
  WHERE connection_outages.to_at IS NULL AND excluded.to_at IS NOT NULL`;

/** Record outages of `session`'s connections, or close those recorded open. The caller holds the transaction. */
export function recordOutages(db: Database, session: number, outages: readonly ConnectionOutageRecord[]): void {
  const put = statement(db, SQL);
  for (const o of outages) put.run(session, o.connection, o.kind, Math.round(o.from), o.to === null ? null : Math.round(o.to), o.url, o.why);
}
