import type { AnyEvent } from '../../model/index.js';
import type { StoredEvent } from './types.js';

/** Columns every event query selects; `toStoredEvent` reads them. */
export const STORED_EVENT_COLUMNS = 'seq, session, received_at, envelope';

type Row = { seq: number; session: number; received_at: number; envelope: string };

/** Map a selected row to a `StoredEvent`; the envelope is the whole event. */
export function toStoredEvent(r: unknown): StoredEvent {
  const row = r as Row;
  return { seq: row.seq, session: row.session, receivedAt: row.received_at, event: JSON.parse(row.envelope) as AnyEvent };
}
