import type { AnyEvent } from '../model/event.js';
import { GATES } from '../model/names.js';
import { interfaceOfMessage } from '../model/interfaces.js';
import { record } from './histogram.js';
import type { Projection } from './projection.js';
import { lineOf } from './records.js';
import type { KeyHold, KeyRec, MonitorState, OrderRec } from './state.js';

/** Index in `HOLD_KINDS` (latency.ts): the gates in `GATES` order, then these two. */
const RESEQUENCING = GATES.length;
const STORE_AND_FORWARD = GATES.length + 1;

/**
 * A hold the integration layer reported over, as (kind, duration), or undefined for a report that
 * ends no hold. Durations are the layer's own where it gives one (`heldMs`, `bufferedMs`). A
 * resequencing report gives none: a message whose received sequence is ahead of the expected one
 * waited for its turn from when it arrived — its message's time, or the end of its previous hold
 * (a store-and-forward buffer) — until this report. One received behind the expected sequence came
 * late and was passed on at once: its delay is transit, not a hold.
 */
function holdOf(e: AnyEvent, k: KeyRec | undefined, at: number): [number, number] | undefined {
  switch (e.type) {
    case 'int.message.released': {
      // live input may name a gate Linesight does not know: not one of the holds it shows
      const gate = GATES.indexOf(e.data.gate);
      return gate < 0 ? undefined : [gate, e.data.heldMs];
    }
    case 'int.message.forwarded':
      return [STORE_AND_FORWARD, e.data.bufferedMs];
    case 'int.message.resequenced': {
      if (!(Number(e.data.receivedSequence) > Number(e.data.expectedSequence))) return undefined;
      if (k === undefined) return undefined;
      let from = k.messageAt;
      const h = k.hold;
      // a copy's wait began when the copy came; any message's, no earlier than its previous hold ended
      if (h !== undefined && h.copyAt > from) from = h.copyAt;
      if (h !== undefined && h.until > from) from = h.until;
      // without the message, where its wait began is unknown
      return from === from ? [RESEQUENCING, at - from] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Count a hold of key `k` that ended at `at` in the time its message was held before its first
 * posting. Holds of one message follow each other (edge buffer, resequencing, gate); copies of a
 * message may be held over the same span (both buffered, both gated): only the part after the
 * holds already counted is added, so transit latency never loses the same time twice.
 */
function holdOnKey(k: KeyRec, ms: number, at: number): void {
  if (k.postings > 0) return;
  const h = keyHold(k);
  let from = at - ms;
  if (k.messageAt > from) from = k.messageAt;
  if (h.until > from) from = h.until;
  if (at > from) h.ms += at - from;
  if (at > h.until) h.until = at;
}

/** The key's hold record, made on first need: most keys are never held nor copied. */
function keyHold(k: KeyRec): KeyHold {
  return (k.hold ??= { ms: 0, until: -Infinity, copyAt: -Infinity });
}

/** Another message with the key came (a copy): a resequencing wait of it starts from now. */
export function copyCame(k: KeyRec, at: number): void {
  keyHold(k).copyAt = at;
}

function keyOfHold(s: MonitorState, e: AnyEvent, o: OrderRec | undefined): KeyRec | undefined {
  if (o === undefined) return undefined;
  const k = s.keys.get(e.businesskey);
  return k !== undefined && k.order === o ? k : undefined;
}

/**
 * Time held: per line and kind of hold, one sample per hold the integration layer reported over
 * (a message released by a gate, forwarded from the edge buffer, passed on in its turn by
 * resequencing); and per business key, the time its message was held before its first posting,
 * which transit latency leaves out (latency.ts). A hold that ends in a discard or a dead letter,
 * or has not ended yet, gives no sample (the queue and sync gaps show those). A retained report
 * gives no timing at all. Runs after `integration`, which creates the key of the message concerned.
 */
export const heldTime: Projection = {
  handles: ['int.message.released', 'int.message.forwarded', 'int.message.resequenced'],
  evolve(s, e, o, at, retained) {
    if (retained) return;
    // the key of a message that needs the other side (a buffered posting has none of its own)
    const k = interfaceOfMessage((e.data as { messageType: string }).messageType) !== undefined ? keyOfHold(s, e, o) : undefined;
    const hold = holdOf(e, k, at);
    if (hold === undefined) return;
    const [kind, raw] = hold;
    // a report without a readable duration (live input) says a hold ended, not how long it took
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return;
    const ms = raw > 0 ? raw : 0;
    record((o?.line ?? lineOf(s, e.plant, e.line)).held[kind]!, ms);
    if (k !== undefined && !k.retained) holdOnKey(k, ms, at);
  },
};
