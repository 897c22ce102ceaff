import type { AnyEvent } from '../../model/index.js';
import type { StoredEvent } from './types.js';

/** Columns every event query selects; `toStoredEvent` reads them. */
export const STORED_EVENT_COLUMNS = 'seq, session, received_at, envelope, retained';

type Row = { seq: number; session: number; received_at: number; envelope: string; retained: number };

/** Map a selected row to a `StoredEvent`; the envelope is the whole event, `retained` is set only when true. */
export function toStoredEvent(r: unknown): StoredEvent {
  const row = r as Row;
  const stored: StoredEvent = { seq: row.seq, session: row.session, receivedAt: row.received_at, event: JSON.parse(row.envelope) as AnyEvent };
  return row.retained === 1 ? { ...stored, retained: true } : stored;
}
