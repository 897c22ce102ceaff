import type { StoredEvent } from '../../../engine/contract/index.js';

/** The event browser's columns; `cells` gives a row's text in this order. */
export const COLUMNS = ['Seq', 'Time (UTC)', 'Type', 'Line', 'Order', 'Lot', 'Business key', 'Origin'] as const;

/** The event's production order: its `subject`, else `data.order` (as the journal indexes it). */
export function orderOf(s: StoredEvent): string | null {
  const fromData = (s.event.data as Readonly<Record<string, unknown>>).order;
  return s.event.subject ?? (typeof fromData === 'string' ? fromData : null);
}

/** The cells of one event, in `COLUMNS` order; a broker's retained message says so after its origin. */
export function cells(s: StoredEvent): readonly string[] {
  const e = s.event;
  return [String(s.seq), e.time, e.type, e.line, orderOf(s) ?? '', e.lot ?? '', e.businesskey, s.retained ? `${e.origin} · retained` : e.origin];
}
