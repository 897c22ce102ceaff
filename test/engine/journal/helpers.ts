import type { Database } from 'better-sqlite3';
import type { AnyEvent, LedgerEntry, QuarantineRecord } from '../../../model/index.js';
import { appendBatch } from '../../../engine/journal/append-batch.js';
import { toEventRow } from '../../../engine/journal/rows.js';
import { startSession } from '../../../engine/journal/start-session.js';
import type { AppendResult } from '../../../engine/journal/types.js';

/** Start a simulation session on a writable in-process connection. */
export function newSession(db: Database, scenario = 'test'): number {
  return startSession(db, { scenario, seed: 7, kind: 'simulation', meta: { note: 'test' } }, Date.now());
}

/** Append events (and optional quarantine/ledger records) in one transaction, as the writer does. */
export function appendEvents(
  db: Database,
  session: number,
  events: readonly AnyEvent[],
  extra: { quarantine?: QuarantineRecord[]; ledger?: LedgerEntry[]; receivedAt?: number } = {},
): AppendResult {
  const rows = events.map((e) => toEventRow(e, extra.receivedAt ?? Date.now()));
  return db.transaction(() => appendBatch(db, session, { events: rows, quarantine: extra.quarantine ?? [], ledger: extra.ledger ?? [] }, Date.now()))();
}
