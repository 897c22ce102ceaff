import type { AnyEvent } from '../../model/index.js';
import { canonicalJson, stringifyIsCanonical } from './canonical-json.js';

/**
 * The column values of one `events` row, in insert order (the session and `seq` are added by the
 * writer). A flat tuple of primitives: cheap to build and to post to the writer worker.
 */
export type EventRow = readonly [
  id: string,
  type: string,
  source: string,
  plant: string,
  line: string,
  orderId: string | null,
  lot: string | null,
  businesskey: string,
  correlationid: string,
  causationid: string | null,
  sequence: string,
  time: string,
  receivedAt: number,
  data: string,
  envelope: string,
  /** 1: delivered as a broker's retained message (migration 0005) */
  retained: 0 | 1,
];

/** Column names matching `EventRow`, for SQL built from it. */
export const EVENT_ROW_COLUMNS = [
  'id',
  'type',
  'source',
  'plant',
  'line',
  'order_id',
  'lot',
  'businesskey',
  'correlationid',
  'causationid',
  'sequence',
  'time',
  'received_at',
  'data',
  'envelope',
  'retained',
] as const;

/**
 * The `time` column is always UTC with milliseconds (`2026-03-02T06:00:00.000Z`), so that comparing
 * it as text compares instants (the event browser's time range). Simulated events are written that
 * way already; a live one may carry an offset or another precision, and is converted here — its
 * envelope keeps the time as it was sent.
 */
export function journalTime(time: string): string {
  if (time.length === 24 && time.charCodeAt(23) === 90 /* Z */ && time.charCodeAt(19) === 46 /* . */) return time;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString();
}

/** Index of the envelope in `EventRow`; the ingest path compares it on an id collision. */
export const ENVELOPE = 14;

/**
 * Build the row for event `e`, which arrived at wall-clock `receivedAt` (epoch ms). The envelope
 * is the RFC 8785 canonical JSON of the whole event (see `canonicalJson` for the fast path);
 * `data` is the canonical JSON of its payload. The order is the `subject`, or `data.order` when an
 * event names an order only in its payload. `retained`: it arrived as a broker's retained message
 * (a property of the delivery, kept outside the envelope).
 */
export function toEventRow(e: AnyEvent, receivedAt: number, retained = false): EventRow {
  const data = e.data as Readonly<Record<string, unknown>>;
  const dataOrder = data.order;
  // One walk decides for both: if the envelope is canonical as written, so is its payload.
  // (An event in any other key order goes to canonicalJson, which tries a sorted copy first.)
  const asWritten = stringifyIsCanonical(e);
  return [
    e.id,
    e.type,
    e.source,
    e.plant,
    e.line,
    e.subject ?? (typeof dataOrder === 'string' ? dataOrder : null),
    e.lot ?? null,
    e.businesskey,
    e.correlationid,
    e.causationid ?? null,
    e.sequence,
    journalTime(e.time),
    receivedAt,
    asWritten ? JSON.stringify(data) : canonicalJson(data),
    asWritten ? JSON.stringify(e) : canonicalJson(e),
    retained ? 1 : 0,
  ];
}
