import { convertUom } from '../model/uom.js';
import { keyFromTemplate } from './key-templates.js';
import { erpNet, mesNet, reversalOwed } from './reversals.js';
import { INT_DEAD, INT_IN_FLIGHT, INT_NONE, type Bucket, type KeyRec, type MonitorState, type OrderRec, type Side } from './state.js';

/** Quantities closer than this (relative, at least absolute 1e-6) are equal: uom conversions round at 1e-6. */
const EPS = 1e-6;

export function sameQty(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && b !== undefined && Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The unit both sides of a key are compared in: the order's unit for what the order makes
 * (confirmations, receipts), the MES message's unit for a component (the monitor has no master data).
 */
export function refUom(k: KeyRec): string {
  if (k.iface === 'consumption') return k.mes?.uom ?? k.erp?.uom ?? '';
  return k.order.uom || k.mes?.uom || k.erp?.uom || '';
}

/** Quantity of one side in the key's reference unit; undefined when master data cannot convert it. */
export function inRef(k: KeyRec, side: Side, qty: number): number | undefined {
  return convertUom(qty, side.uom, refUom(k));
}

/** Both sides are present and disagree (a unit that does not convert is a disagreement). */
export function computeMismatch(k: KeyRec): boolean {
  const m = k.mes;
  const p = k.erp;
  if (m === undefined || p === undefined) return false;
  switch (k.iface) {
    case 'order-release':
      return m.label !== p.label;
    case 'quality-hold':
      if (k.messageType === 'qms.hold.released') return m.label !== p.label;
      // a usage decision is compared by decision (the stock ERP moved the lot to), lot and quantity
      if (k.messageType === 'qms.usage.decided' && m.label !== p.label) return true;
      return m.lot !== p.lot || !sameQty(m.qty, p.qty);
    case 'consumption':
      return m.label !== p.label || m.lot !== p.lot || !sameQty(inRef(k, m, m.qty), inRef(k, p, p.qty));
    case 'confirmation':
      return m.label !== p.label || !sameQty(inRef(k, m, m.qty), inRef(k, p, p.qty)) || !sameQty(inRef(k, m, m.scrap), inRef(k, p, p.scrap));
    case 'goods-receipt':
      return m.lot !== p.lot || !sameQty(inRef(k, m, m.qty), inRef(k, p, p.qty));
  }
}

/** A message is owed an answer: it was seen, or the conversation proves it was sent (placeholder). */
export function messageKnown(k: KeyRec): boolean {
  return k.mes !== undefined || k.expect !== undefined;
}

/**
 * Since when one side of this key disagrees with the other (NaN: it agrees, or nothing is owed).
 * Unanswered message → its time; posting without a message, or a wrong posting → the posting's time.
 * A retained message or posting alone is old news, not a late one: whether it was answered before
 * anyone watched is unknown (NaN).
 */
export function discrepantSince(k: KeyRec): number {
  if (k.mesReversed > 0 || k.erpReversed > 0) return nettedSince(k);
  if (k.postings === 0) return messageKnown(k) && !k.discarded && !k.retained ? k.messageAt : NaN;
  // ERP posted a message the journal never saw: ERP had it, nothing is owed
  if (k.mes === undefined) return k.expect !== undefined || k.retained ? NaN : k.firstPostingAt;
  return k.mismatch ? k.firstPostingAt : NaN;
}

/**
 * Since when a key that reversals netted disagrees, comparing MES's net word with ERP's net
 * postings (NaN: they agree, or another gap tells it):
 * - ERP holds fewer than MES still reports (ERP reversed a posting MES stands by): since that reversal;
 * - more, while MES stands by the key: a double posting, its duplicate-posting gap;
 * - more, after MES cancelled it: the cancellation's own reversal gap while ERP owes its posting,
 *   else (ERP posted the cancellation and still holds a posting) since the latest reversal.
 */
function nettedSince(k: KeyRec): number {
  const m = mesNet(k);
  const p = erpNet(k);
  if (p === m) return p > 0 && k.mismatch ? k.firstPostingAt : NaN;
  if (p < m) return k.postings === 0 ? NaN : k.reversedAt;
  if (m >= 1 || reversalOwed(k)) return NaN;
  return k.reversedAt === k.reversedAt ? k.reversedAt : k.firstPostingAt;
}

/**
 * Since when a reversal key is owed its ERP posting, or was posted other than it asked (NaN: it is
 * not). A reversal posting with no message — ERP's own correction — owes nothing to anyone.
 */
export function reversalSince(k: KeyRec): number {
  if (k.mes === undefined && k.expect === undefined) return NaN;
  return discrepantSince(k);
}

/** Keep the line's queue (messages still needing the other side) in step with the key. */
export function syncQueue(k: KeyRec): void {
  const want = k.mes !== undefined && k.postings === 0 && !k.discarded && k.intState !== INT_DEAD && !k.retained;
  if (want === k.queued) return;
  k.queued = want;
  const l = k.order.line;
  if (want) {
    l.pending.set(k.key, k);
    if (l.pending.size > l.queueMax) l.queueMax = l.pending.size;
  } else {
    l.pending.delete(k.key);
  }
}

/**
 * The oldest ERP-bound message of the order that the integration layer reports in flight and ERP
 * has not posted. Integration layers deliver an order's messages one at a time (so a receipt never
 * overtakes its confirmations): later messages of the order wait behind it without records of
 * their own, and that record is the evidence that they are queued, not lost.
 */
export function inFlightHead(o: OrderRec): KeyRec | undefined {
  let head: KeyRec | undefined;
  for (const k of o.keys) {
    if (k.intState === INT_IN_FLIGHT && k.postings === 0 && !k.discarded && k.needsErp && (head === undefined || k.messageAt < head.messageAt)) head = k;
  }
  return head;
}

/** A message without records of its own that waits behind the order's in-flight head. */
export function queuedBehind(k: KeyRec, head: KeyRec | undefined): boolean {
  return head !== undefined && head !== k && k.intState === INT_NONE && head.messageAt <= k.messageAt;
}

/**
 * Where a key's grace period starts: its message time, or — for a message that was queued behind
 * an in-flight one of its order — the moment that one left the lane.
 */
export function graceFrom(k: KeyRec): number {
  const o = k.order;
  return o.laneFreedAt > k.messageAt && k.messageAt >= o.laneHeadAt ? o.laneFreedAt : k.messageAt;
}

/** The lane of the order moves on: `k` (in flight until now) was posted or dead-lettered at `at`. */
export function laneFreed(k: KeyRec, at: number): void {
  if (k.intState !== INT_IN_FLIGHT || k.postings > 1 || !k.needsErp) return;
  k.order.laneFreedAt = at;
  k.order.laneHeadAt = k.messageAt;
}

/**
 * Conservation bucket of a needs-ERP key. `lost` is only ever given on evidence: no
 * integration-layer record for it (nor for an older message of its order it queues behind) and the
 * grace period over; any such record keeps it pending.
 */
export function classify(k: KeyRec, now: number, grace: number, head: KeyRec | undefined): Bucket {
  // posted, then netted to nothing by reversals (ERP's postings of it cancel out)
  if (k.postings > 0) return k.erpReversed > 0 && erpNet(k) <= 0 ? 'reversed' : 'posted';
  if (k.discarded) return 'notNeeded';
  if (k.intState === INT_DEAD) return 'deadLettered';
  if (k.intState === INT_IN_FLIGHT || queuedBehind(k, head)) return 'pending';
  return now - graceFrom(k) > grace ? 'lost' : 'pending';
}

/**
 * Move a key between buckets. `needsPosting` is kept from the key's own flags rather than from
 * the bucket, so the snapshot's check that the buckets add up compares two independent books.
 */
export function settleBucket(s: MonitorState, k: KeyRec, head: KeyRec | undefined): void {
  if (!k.needsErp || !messageKnown(k)) return;
  // a retained message nothing has answered: whether it was ever owed is unknown, so it is in no book
  // yet (nothing takes a key back to this: postings, records and discards only add up)
  if (k.retained && k.postings === 0 && k.intState === INT_NONE && !k.discarded) return;
  const needed = !(k.discarded && k.postings === 0);
  if (needed !== k.inNeeds) {
    s.needsPosting += needed ? 1 : -1;
    k.inNeeds = needed;
  }
  const b = classify(k, s.nowMs, s.grace[k.iface], head);
  const old = k.bucket;
  if (b === old) return;
  if (old !== undefined) s.buckets[old] -= 1;
  s.buckets[b] += 1;
  k.bucket = b;
}

/** Forget a key entirely (a placeholder whose real message or posting turned up), undoing its counts. */
export function retireKey(s: MonitorState, k: KeyRec): void {
  const o = k.order;
  const i = o.keys.indexOf(k);
  if (i >= 0) o.keys.splice(i, 1);
  if (s.keys.get(k.key) === k) s.keys.delete(k.key);
  if (k.bucket !== undefined) s.buckets[k.bucket] -= 1;
  if (k.inNeeds) s.needsPosting -= 1;
  if (k.queued) o.line.pending.delete(k.key);
  s.unnamed.delete(k);
  k.bucket = undefined;
  k.inNeeds = false;
  k.queued = false;
}

/** Give placeholders of `type` the key the plant would have used, now that its spelling is known. */
export function nameUnseen(s: MonitorState, type: string): void {
  for (const k of s.unnamed) {
    if (k.order.evicted || k.expect === undefined) {
      s.unnamed.delete(k);
      continue;
    }
    if (k.messageType !== type) continue;
    const key = keyFromTemplate(s.templates, type, k.order.id, k.expect.label, k.expect.lot);
    if (key === undefined || s.keys.has(key)) continue;
    if (s.keys.get(k.key) === k) s.keys.delete(k.key);
    k.key = key;
    s.keys.set(key, k);
    s.unnamed.delete(k);
  }
}
