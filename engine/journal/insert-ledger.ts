import type { Database } from 'better-sqlite3';
import type { LedgerEntry } from '../../model/index.js';
import { statement } from './statement-cache.js';

const SQL = `INSERT INTO fault_ledger
  (session, time, kind, effect, plant, line, message_id, message_type, businesskey, order_id, needs_posting, detail,
   window_start, window_end, messages_affected)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Record one injected fault (the simulator's ground truth; tests join it against `events`). */
export function insertLedgerEntry(db: Database, session: number, l: LedgerEntry): void {
  statement(db, SQL).run(
    session,
    l.time,
    l.kind,
    l.effect,
    l.plant,
    l.line,
    l.messageId ?? null,
    l.messageType ?? null,
    l.businesskey ?? null,
    l.order ?? null,
    l.needsPosting ? 1 : 0,
    l.detail,
    l.window?.start ?? null,
    l.window?.end ?? null,
    l.window?.messagesAffected ?? null,
  );
}
