import type { GapKind, Interface } from '../model/names.js';
import { push } from './deadline-heap.js';
import { discrepantSince, graceFrom, inFlightHead, messageKnown, reversalSince, settleBucket } from './keys.js';
import { erpNet, isNetted } from './reversals.js';
import { register, unregister } from './gap-registry.js';
import { settleOrderChanges } from './order-changes.js';
import {
  INT_NONE,
  SLOT_DUPLICATE,
  SLOT_REVERSAL,
  SLOT_CONSUMPTION,
  SLOT_HOLD,
  SLOT_QUANTITY,
  SLOT_RECEIPT,
  SLOT_STATUS_RECEIPT,
  SLOT_STATUS_RELEASE,
  type GapRec,
  type KeyRec,
  type MonitorState,
  type OrderRec,
} from './state.js';

export const SLOT_KIND: readonly GapKind[] = ['quantity', 'consumption', 'receipt', 'hold', 'status', 'status'];
/** whose grace period applies to each slot */
export const SLOT_IFACE: readonly Interface[] = [
  'confirmation',
  'consumption',
  'goods-receipt',
  'quality-hold',
  'order-release',
  'goods-receipt',
];

/** NaN-aware minimum: NaN means "no discrepancy". */
function earliest(a: number, b: number): number {
  if (b !== b) return a;
  if (a !== a) return b;
  return a < b ? a : b;
}

/**
 * When an unanswered completion became due for an ERP receipt: after completion and after the lot
 * was cleared (inspection pass, or hold released for use). A lot still under inspection, on hold,
 * in rework or scrapped owes no receipt. With no QMS activity at all (a plant without QMS) the
 * completion itself makes it due.
 */
export function receiptDue(o: OrderRec, k: KeyRec): number {
  switch (o.quality) {
    case 'none':
      return k.messageAt;
    case 'passed':
    case 'released':
      return Math.max(k.messageAt, o.clearedAt);
    default:
      return NaN;
  }
}

/**
 * Since when an ERP receipt for this completion key is overdue or wrong (NaN: not owed, or right).
 * A completion lost on its way (never journaled, or journaled but lost before an integration layer
 * that reports its receipt gate) will never reach ERP, whatever QMS decides: its receipt is overdue
 * from its own grace period, exactly when conservation counts it `lost`.
 */
export function receiptSince(s: MonitorState, o: OrderRec, k: KeyRec): number {
  if (isNetted(k)) return discrepantSince(k);
  if (k.postings === 0 && k.mes === undefined && k.expect !== undefined) return k.messageAt;
  if (k.postings === 0) {
    if (!messageKnown(k) || k.discarded || k.retained) return NaN;
    // a partial receipt declared during production waits at the goods-receipt gate until the lot is
    // cleared, by design: not owed while held there, and owed from its release
    if (k.messageType === 'mes.output.declared' && k.note !== undefined) {
      if (k.note.type === 'int.message.gated') return NaN;
      if (k.note.type === 'int.message.released') return Math.max(k.messageAt, k.note.at);
    }
    // held at the gate, it would have a record (gated) of its own; `lost` means it has none past grace
    return s.receiptGateReported && k.bucket === 'lost' ? earliest(graceFrom(k), receiptDue(o, k)) : receiptDue(o, k);
  }
  return discrepantSince(k);
}

/** ERP received goods while QMS had not cleared the lot (once QMS is involved at all). */
export function earlyReceiptSince(o: OrderRec): number {
  const r = o.firstReceipt;
  if (r === undefined || (!o.inspectionRequested && o.quality === 'none')) return NaN;
  return o.quality === 'passed' || o.quality === 'released' ? NaN : r.firstPostingAt;
}

function gapIdOf(o: OrderRec, slot: number): { id: string; key: KeyRec | undefined } {
  if (slot === SLOT_STATUS_RELEASE) return { id: `status:${o.releaseKey!.key}`, key: o.releaseKey };
  if (slot === SLOT_STATUS_RECEIPT) return { id: `status:${o.firstReceipt!.key}`, key: o.firstReceipt };
  return { id: `${SLOT_KIND[slot]}:${o.id}`, key: undefined };
}

function openGap(s: MonitorState, o: OrderRec, slot: number, openedAt: number): void {
  const { id, key } = gapIdOf(o, slot);
  const g: GapRec = { id, slot, order: o, key, openedAt };
  o.gaps[slot] = g;
  register(s, g);
}

function closeGap(s: MonitorState, g: GapRec): void {
  const o = g.order;
  o.gaps[g.slot] = undefined;
  unregister(s, g);
}

/**
 * A double posting is a fact, not a lag: it opens at once, and stays open until reversals net the
 * key back to a single posting (key-ledger.ts).
 */
export function openDuplicateGap(s: MonitorState, k: KeyRec, at: number): void {
  const o = k.order;
  const g: GapRec = { id: `duplicate-posting:${k.key}`, slot: SLOT_DUPLICATE, order: o, key: k, openedAt: at };
  (o.dupGaps ??= []).push(g);
  k.dupGap = g;
  register(s, g);
}

/** Close a per-key gap (a duplicate posting netted by a reversal, a reversal posted at last). */
export function closeKeyGap(s: MonitorState, g: GapRec): void {
  const k = g.key!;
  if (g.slot === SLOT_DUPLICATE) {
    k.dupGap = undefined;
    const list = g.order.dupGaps;
    const i = list === undefined ? -1 : list.indexOf(g);
    if (i >= 0) list!.splice(i, 1);
  } else k.revGap = undefined;
  unregister(s, g);
}

/**
 * Open, keep or close the reversal gap of reversal key `k` (a message asking ERP to cancel or
 * reverse a posting, which ERP has not posted within its interface's grace); returns the next
 * instant worth looking again.
 */
function settleReversal(s: MonitorState, k: KeyRec, next: number): number {
  const since = reversalSince(k);
  const open = k.revGap;
  if (since !== since) {
    if (open !== undefined) closeKeyGap(s, open);
    return next;
  }
  const due = since + s.grace[k.iface];
  if (s.nowMs > due) {
    if (open === undefined) {
      const g: GapRec = { id: `reversal:${k.key}`, slot: SLOT_REVERSAL, order: k.order, key: k, openedAt: due };
      k.revGap = g;
      register(s, g);
    }
    return next;
  }
  if (open !== undefined) closeKeyGap(s, open);
  return due + 1 < next ? due + 1 : next;
}

/** Since when a key is owed or disputed, by what it is: a reversal, a goods receipt, any other (NaN: neither). */
export function owedSince(s: MonitorState, o: OrderRec, k: KeyRec): number {
  if (k.reversesKey !== undefined) return reversalSince(k);
  return k.iface === 'goods-receipt' ? receiptSince(s, o, k) : discrepantSince(k);
}

/** Open, keep or close one slot's gap; returns the next instant worth looking again. */
function settle(s: MonitorState, o: OrderRec, slot: number, since: number, next: number): number {
  const open = o.gaps[slot];
  if (since !== since) {
    if (open !== undefined) closeGap(s, open);
    return next;
  }
  const due = since + s.grace[SLOT_IFACE[slot]!];
  if (s.nowMs > due) {
    if (open === undefined) openGap(s, o, slot, due);
    return next;
  }
  // the late part caught up and what is left is still within grace
  if (open !== undefined) closeGap(s, open);
  return due + 1 < next ? due + 1 : next;
}

/**
 * Re-derive an order's conservation buckets and sync gaps at the current time, and schedule the
 * next instant at which a grace period runs out. Runs after every event of the order and at its
 * deadlines, so a gap opens even when nothing else happens on the line.
 */
export function evaluateOrder(s: MonitorState, o: OrderRec): void {
  if (o.evicted) return;
  const grace = s.grace;
  let next = Infinity;
  let qty = NaN;
  let cons = NaN;
  let rcpt = NaN;
  let hold = NaN;
  const keys = o.keys;
  const head = inFlightHead(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k.needsErp) {
      settleBucket(s, k, head);
      if (k.bucket === 'pending' && k.intState === INT_NONE) {
        // pending on grace alone: look again when it runs out (queued keys wait for their head)
        const d = graceFrom(k) + grace[k.iface] + 1;
        if (d > s.nowMs && d < next) next = d;
      }
    }
    // a reversal is a gap of its own, never its interface's
    if (k.reversesKey !== undefined) {
      next = settleReversal(s, k, next);
      continue;
    }
    switch (k.iface) {
      case 'confirmation':
        qty = earliest(qty, discrepantSince(k));
        break;
      case 'consumption':
        cons = earliest(cons, discrepantSince(k));
        break;
      case 'goods-receipt':
        rcpt = earliest(rcpt, receiptSince(s, o, k));
        break;
      case 'quality-hold':
        hold = earliest(hold, discrepantSince(k));
        break;
      default:
        break;
    }
  }
  next = settle(s, o, SLOT_QUANTITY, qty, next);
  next = settle(s, o, SLOT_CONSUMPTION, cons, next);
  next = settle(s, o, SLOT_RECEIPT, rcpt, next);
  next = settle(s, o, SLOT_HOLD, hold, next);
  next = settle(s, o, SLOT_STATUS_RELEASE, o.releaseKey === undefined ? NaN : discrepantSince(o.releaseKey), next);
  next = settle(s, o, SLOT_STATUS_RECEIPT, earlyReceiptSince(o), next);
  if (o.changes !== undefined) next = settleOrderChanges(s, o, next);
  // a deadline not after now would be popped again at once: never schedule one
  if (next !== Infinity && next > s.nowMs && (next < o.nextDeadline || o.nextDeadline <= s.nowMs)) {
    o.nextDeadline = next;
    push(s.deadlines, next, o);
  }
}

/**
 * Whether nothing at all is owed or wrong on the order: no open gap or exception, every key agrees
 * on both sides (net of reversals), none posted twice net of reversals, nothing posted that was discarded. A settled order therefore
 * also reconciles, which lets eviction skip the (allocating) reconciliation.
 */
export function isSettled(s: MonitorState, o: OrderRec): boolean {
  if (o.openGapCount > 0 || o.openExceptions > 0) return false;
  for (const k of o.keys) {
    if (!Number.isNaN(owedSince(s, o, k)) || erpNet(k) > 1 || (k.discarded && k.postings > 0)) return false;
  }
  return Number.isNaN(earlyReceiptSince(o));
}
