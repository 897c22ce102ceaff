import type { Database } from 'better-sqlite3';
import type { QuarantineReason } from '../../model/index.js';
import { statement } from './statement-cache.js';
import type { StoredQuarantine } from './types.js';
import { checkNotDeleted } from './session-state.js';

const SQL = 'SELECT id, session, source, reason, detail, raw, time, received_at FROM quarantine WHERE session = ? ORDER BY id';

type Row = {
  id: number;
  session: number;
  source: string;
  reason: QuarantineReason;
  detail: string;
  raw: Buffer;
  time: string;
  received_at: number;
};

/** The session's quarantined input, oldest first, raw bytes included. */
export function quarantineRows(db: Database, session: number): StoredQuarantine[] {
  checkNotDeleted(db, session);
  return (statement(db, SQL).all(session) as Row[]).map((r) => ({
    id: r.id,
    session: r.session,
    source: r.source,
    reason: r.reason,
    detail: r.detail,
    raw: r.raw,
    time: r.time,
    receivedAt: r.received_at,
  }));
}
