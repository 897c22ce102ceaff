import type { Database } from 'better-sqlite3';
import type { LedgerEntry, QuarantineRecord } from '../../model/index.js';
import { insertEvents } from './insert-events.js';
import { insertLedgerEntry } from './insert-ledger.js';
import { insertQuarantine } from './insert-quarantine.js';
import { insertOutbox, type OutboxEntry } from './outbox.js';
import type { EventRow } from './rows.js';
import type { AppendResult } from './types.js';

/** What one append carries: rows built with `toEventRow`, quarantined input and fault-ledger entries. */
export type AppendBatch = {
  readonly events: readonly EventRow[];
  readonly quarantine: readonly QuarantineRecord[];
  readonly ledger: readonly LedgerEntry[];
  /** messages to publish, queued in the same transaction as the events they carry */
  readonly outbox?: readonly OutboxEntry[];
};

/**
 * Write one batch into `session`. The caller holds the transaction (the writer groups several
 * batches into one commit). Quarantined records get `receivedAt` = now: they carry no arrival time.
 */
export function appendBatch(db: Database, session: number, batch: AppendBatch, now: number): AppendResult {
  const result = insertEvents(db, session, batch.events);
  for (const q of batch.quarantine) insertQuarantine(db, session, q, now);
  for (const l of batch.ledger) insertLedgerEntry(db, session, l);
  if (batch.outbox && batch.outbox.length > 0) insertOutbox(db, session, batch.outbox, now);
  return result;
}
