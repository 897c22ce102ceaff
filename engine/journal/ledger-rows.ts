import type { Database } from 'better-sqlite3';
import type { FaultEffect, FaultKind } from '../../model/index.js';
import { statement } from './statement-cache.js';
import type { StoredLedgerEntry } from './types.js';
import { checkNotDeleted } from './session-state.js';

const SQL = `SELECT id, session, time, kind, effect, plant, line, message_id, message_type, businesskey, order_id, needs_posting, detail,
  window_start, window_end, messages_affected
  FROM fault_ledger WHERE session = ? ORDER BY id`;

type Row = {
  id: number;
  session: number;
  time: string;
  kind: FaultKind;
  effect: FaultEffect;
  plant: string;
  line: string;
  message_id: string | null;
  message_type: string | null;
  businesskey: string | null;
  order_id: string | null;
  needs_posting: number;
  detail: string;
  window_start: string | null;
  window_end: string | null;
  messages_affected: number | null;
};

/** The session's fault ledger (simulator ground truth), in the order the faults were injected. */
export function ledgerRows(db: Database, session: number): StoredLedgerEntry[] {
  checkNotDeleted(db, session);
  return (statement(db, SQL).all(session) as Row[]).map((r) => ({
    id: r.id,
    session: r.session,
    time: r.time,
    kind: r.kind,
    effect: r.effect,
    plant: r.plant,
    line: r.line,
    messageId: r.message_id,
    messageType: r.message_type,
    businesskey: r.businesskey,
    order: r.order_id,
    needsPosting: r.needs_posting === 1,
    detail: r.detail,
    window: r.window_start === null || r.window_end === null ? null : { start: r.window_start, end: r.window_end, messagesAffected: r.messages_affected ?? 0 },
  }));
}
