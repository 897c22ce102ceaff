import { formatDuration } from '../model/duration.js';
import { rfc3339, type AnyEvent, type IntMessageRef } from '../model/event.js';
import { interfaceOfMessage } from '../model/interfaces.js';
import { INT_EVENT_TYPES } from '../model/names.js';
import { evaluateOrder } from './gaps.js';
import { keyOf } from './key-ledger.js';
import { laneFreed, syncQueue } from './keys.js';
import { lineOf } from './records.js';
import { schemaMappedNote } from './schema-drift.js';
import type { Projection } from './projection.js';
import {
  INT_DEAD,
  INT_IN_FLIGHT,
  INT_NONE,
  type ExceptionRec,
  type KeyRec,
  type MonitorState,
  type OrderRec,
} from './state.js';

export function closeException(s: MonitorState, x: ExceptionRec): void {
  if (s.exceptions.get(x.messageId) !== x) return;
  s.exceptions.delete(x.messageId);
  x.line.exceptions[x.category] -= 1;
  if (x.orderRec !== undefined) x.orderRec.openExceptions -= 1;
}

function openException(s: MonitorState, e: Extract<AnyEvent, { type: 'int.message.dead-lettered' }>, o: OrderRec | undefined, k: KeyRec | undefined, at: number): void {
  const d = e.data;
  const prev = s.exceptions.get(d.messageId);
  if (prev !== undefined) closeException(s, prev);
  const x: ExceptionRec = {
    messageId: d.messageId,
    key: k,
    orderRec: o,
    businesskey: e.businesskey,
    category: d.category,
    reason: d.reason,
    line: o?.line ?? lineOf(s, e.plant, e.line),
    order: o?.id ?? e.subject ?? e.correlationid,
    iface: d.interface,
    messageType: d.messageType,
    at,
  };
  s.exceptions.set(d.messageId, x);
  x.line.exceptions[x.category] += 1;
  if (o !== undefined) o.openExceptions += 1;
}

/** Fold what the integration layer said about a message into its key: in flight, dead, or not needed. */
function noteOnKey(k: KeyRec, e: AnyEvent, at: number): void {
  const t = (text: string) => ({ type: e.type, at, text });
  switch (e.type) {
    case 'int.message.duplicate-suppressed':
      // about the copy, not the original: proof the layer has the key, never a change of its fate
      k.suppressed += 1;
      if (k.intState === INT_NONE) {
        k.intState = INT_IN_FLIGHT;
        k.note = t(`the integration layer passed it (a duplicate was suppressed at ${rfc3339(at)}) but ERP has not posted it`);
      }
      return;
    case 'int.message.dead-lettered':
      laneFreed(k, at);
      k.intState = INT_DEAD;
      k.dead = { category: e.data.category, reason: e.data.reason, messageId: e.data.messageId };
      k.operatorDiscarded = false;
      k.note = t(e.data.reason);
      return;
    case 'int.message.discarded':
      k.discarded = true;
      k.note = t(`discarded by the integration layer: ${e.data.reason}`);
      return;
    case 'int.message.buffered':
      // keep the first buffering instant: "since" is what an engineer wants to know
      if (k.note?.type !== e.type) k.note = t(`in store-and-forward buffer since ${rfc3339(at)}`);
      break;
    case 'int.message.forwarded':
      k.note = t(`forwarded from the store-and-forward buffer after ${formatDuration(e.data.bufferedMs)}, not yet posted`);
      break;
    case 'int.message.gated':
      k.note = t(`gated: ${e.data.reason}`);
      break;
    case 'int.message.released':
      k.note = t(`released by the ${e.data.gate} gate after ${formatDuration(e.data.heldMs)}, not yet posted`);
      break;
    case 'int.message.retried':
      k.note = t(`retrying: ${e.data.error} (attempt ${e.data.attempt})`);
      break;
    case 'int.message.resequenced':
      k.note = t(`held for resequencing (expected sequence ${e.data.expectedSequence}, received ${e.data.receivedSequence})`);
      break;
    case 'int.message.schema-mapped':
      k.note = t(schemaMappedNote(e.data));
      break;
    default:
      return;
  }
  k.intState = INT_IN_FLIGHT;
}

const COUNTER = {
  'int.message.duplicate-suppressed': 'duplicatesSuppressed',
  'int.message.resequenced': 'resequenced',
  'int.message.gated': 'gated',
  'int.message.retried': 'retried',
  'int.message.dead-lettered': 'deadLettered',
  'int.message.quarantined': 'quarantined',
  'int.message.buffered': 'buffered',
  'int.message.forwarded': 'forwarded',
  'int.message.discarded': 'discarded',
} as const;

/**
 * The layer reports its goods-receipt gate: completions already counted lost, with no record of
 * their own, were not held there. Their receipt gaps are due now, not when their lots clear (once
 * per run, at the first such record).
 */
function receiptGateLearned(s: MonitorState): void {
  s.receiptGateReported = true;
  for (const o of s.orders.values()) {
    if (o.evicted) continue;
    for (const k of o.keys) {
      if (k.iface === 'goods-receipt' && k.bucket === 'lost') {
        evaluateOrder(s, o);
        break;
      }
    }
  }
}

/** Integration-layer records: control counters, dead-letter queue, and each key's in-flight evidence. */
export const integration: Projection = {
  handles: INT_EVENT_TYPES,
  evolve(s, e, o, at) {
    const counter = COUNTER[e.type as keyof typeof COUNTER] as keyof MonitorState['controls'] | undefined;
    if (counter !== undefined) {
      s.controls[counter] += 1;
      (o?.line ?? lineOf(s, e.plant, e.line)).controls[counter] += 1;
    }
    if (e.type === 'int.message.quarantined') return;
    const ref = e.data as IntMessageRef;
    if ((e.type === 'int.message.gated' || e.type === 'int.message.released') && e.data.gate === 'goods-receipt' && !s.receiptGateReported) receiptGateLearned(s);
    if (e.type === 'int.message.duplicate-suppressed') (o?.line ?? lineOf(s, e.plant, e.line)).duplicatesSuppressed += 1;
    const k = o !== undefined && interfaceOfMessage(ref.messageType) !== undefined ? keyOf(s, o, e.businesskey, ref.interface) : undefined;
    if (k !== undefined) {
      noteOnKey(k, e, at);
      // a note is only ever shown for an unposted key (causes.ts): a posted one keeps none
      if (k.postings > 0) k.note = undefined;
      syncQueue(k);
    }
    if (e.type === 'int.message.dead-lettered') openException(s, e, o, k, at);
    else if (e.type === 'int.message.discarded') {
      const x = s.exceptions.get(ref.messageId);
      if (x !== undefined) closeException(s, x);
    }
  },
};

/** Operator work on the exception queue: a retried or resent message is back in flight; a discarded one stays dead. */
export const operatorActions: Projection = {
  handles: ['operator.exception-retried', 'operator.exception-resent', 'operator.exception-discarded'],
  evolve(s, e, _o, at) {
    if (e.type !== 'operator.exception-retried' && e.type !== 'operator.exception-resent' && e.type !== 'operator.exception-discarded') return;
    const x = s.exceptions.get(e.data.messageId);
    if (x !== undefined) closeException(s, x);
    const k = x?.key ?? s.keys.get(e.businesskey);
    if (k === undefined || k.order.evicted) return;
    if (e.type === 'operator.exception-discarded') {
      k.operatorDiscarded = true;
      return evaluateOrder(s, k.order);
    }
    if (k.intState === INT_DEAD) k.intState = INT_IN_FLIGHT;
    if (e.type === 'operator.exception-resent') {
      k.resendId = e.data.newMessageId;
      k.note = { type: e.type, at, text: `resent by ${e.data.who} as ${e.data.newMessageId} at ${rfc3339(at)}, not yet posted` };
    } else {
      k.note = { type: e.type, at, text: `retried by ${e.data.who} at ${rfc3339(at)}, not yet posted` };
    }
    syncQueue(k);
    evaluateOrder(s, k.order);
  },
};
