import type { Database } from 'better-sqlite3';
import type { ConnectionOutageRecord } from './record-outages.js';
import { statement } from './statement-cache.js';

const SQL = `SELECT connection, url, kind, from_at, to_at, why FROM connection_outages
  WHERE session = ? ORDER BY from_at, connection, kind`;

type Row = { connection: string; url: string; kind: ConnectionOutageRecord['kind']; from_at: number; to_at: number | null; why: string };

/**
 * The outages and possible gaps of a watch session's connections, oldest first. `to` null: the
 * connection was still down when the session ended (its end bounds the outage) — or, while the
 * session runs, it is down now.
 */
export function connectionOutages(db: Database, session: number): ConnectionOutageRecord[] {
  return (statement(db, SQL).all(session) as Row[]).map((r) => ({ connection: r.connection, url: r.url, kind: r.kind, from: r.from_at, to: r.to_at, why: r.why }));
}
