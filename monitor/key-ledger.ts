import type { AnyEvent } from '../model/event.js';
import { POSTING_RULES, interfaceOfMessage, interfaceOfPosting, isReversalPosting, needsErpPosting } from '../model/interfaces.js';
import type { Interface } from '../model/names.js';
import { closeKeyGap, openDuplicateGap } from './gaps.js';
import { learnKey } from './key-templates.js';
import { computeMismatch, laneFreed, nameUnseen, syncQueue } from './keys.js';
import { copyCame } from './held-time.js';
import { recordTransit } from './latency.js';
import type { Projection } from './projection.js';
import { createKey } from './records.js';
import { erpNet, linkReversal, mesNet } from './reversals.js';
import { isChangeKey } from './order-changes.js';
import type { KeyRec, MonitorState, OrderRec, Side } from './state.js';
import { baseSide } from './uom-changes.js';

/** The business key of an event, created on first sight (message, posting or integration record). */
export function keyOf(s: MonitorState, o: OrderRec, key: string, iface: Interface): KeyRec {
  let k = s.keys.get(key);
  if (k === undefined) {
    k = createKey(key, o, iface);
    s.keys.set(key, k);
    // a real release key replaces a placeholder for a release that was lost before the journal (a change or cancellation is no release)
    if (iface === 'order-release' && !isChangeKey(key) && (o.releaseKey === undefined || o.releaseKey.expect !== undefined)) o.releaseKey = k;
  }
  return k;
}

function side(label: string, lot: string, qty: number, scrap: number, uom: string): Side {
  return { label, lot, qty, scrap, uom };
}

/** A posting that says exactly what the message said shares its record: most keys, and half their memory. */
function sameSide(a: Side, b: Side): boolean {
  return a.label === b.label && a.lot === b.lot && a.qty === b.qty && a.scrap === b.scrap && a.uom === b.uom;
}

/**
 * A component's side: in its base unit when the order records the unit as one of the item's
 * alternative units (uom-changes.ts), else as it came. Orders without conversions pay one field read.
 */
function componentSide(o: OrderRec, item: string, lot: string, qty: number, uom: string): Side {
  const c = o.conversions;
  return (c === undefined ? undefined : baseSide(c, item, lot, qty, uom)) ?? side(item, lot, qty, 0, uom);
}

/** What a message says, reduced to what the comparison with its posting needs. */
function messageSide(e: AnyEvent, o: OrderRec): Side | undefined {
  switch (e.type) {
    case 'erp.order.released':
      return side(e.data.revision, '', e.data.qty, 0, e.data.uom);
    case 'mes.operation.confirmed':
      return side(e.data.operation, '', e.data.goodQty, e.data.scrapQty, e.data.uom);
    case 'mes.material.consumed':
      // a backflushed component names no lot
      return componentSide(o, e.data.item, e.data.lot ?? '', e.data.qty, e.data.uom);
    case 'mes.order.completed':
      // what this completion asks ERP to receive: partial receipts took the rest of goodQty
      return side(e.data.item, e.data.lot, e.data.receiptQty ?? e.data.goodQty, e.data.scrapQty, e.data.uom);
    case 'mes.output.declared':
      return side(e.data.item, e.data.lot, e.data.qty, 0, e.data.uom);
    case 'mes.confirmation.cancelled':
      return side(e.data.operation, '', e.data.goodQty, e.data.scrapQty, e.data.uom);
    case 'mes.consumption.reversed':
      return componentSide(o, e.data.item, e.data.lot ?? '', e.data.qty, e.data.uom);
    case 'mes.receipt.reversed':
      return side(e.data.item, e.data.lot, e.data.qty, 0, e.data.uom);
    case 'qms.usage.decided':
      return side(e.data.decision, e.data.lot, e.data.qty, 0, '');
    case 'qms.hold.placed':
      return side(e.data.item, e.data.lot, e.data.qty, 0, '');
    case 'qms.hold.released':
      return side(e.data.disposition, e.data.lot, 0, 0, '');
    // a change and its acknowledgement agree when both name the change (the quantity is MES's to apply)
    case 'erp.order.changed':
      return side(`change ${e.data.change}`, '', e.data.qty, 0, e.data.uom);
    case 'erp.order.cancelled':
      return side('cancel', '', 0, 0, '');
    default:
      return undefined;
  }
}

function postingSide(e: AnyEvent, o: OrderRec): Side | undefined {
  switch (e.type) {
    case 'mes.order.acknowledged':
      return side(e.data.revision, '', 0, 0, '');
    case 'erp.confirmation.posted':
      return side(e.data.operation, '', e.data.goodQty, e.data.scrapQty, e.data.uom);
    case 'erp.consumption.posted':
      return componentSide(o, e.data.item, e.data.lot ?? '', e.data.qty, e.data.uom);
    case 'erp.goods.received':
      return side(e.data.item, e.data.lot, e.data.qty, 0, e.data.uom);
    case 'erp.confirmation.cancelled':
      return side(e.data.operation, '', e.data.goodQty, e.data.scrapQty, e.data.uom);
    case 'erp.consumption.reversed':
      return componentSide(o, e.data.item, e.data.lot ?? '', e.data.qty, e.data.uom);
    case 'erp.goods.reversed':
      return side(e.data.item, e.data.lot, e.data.qty, 0, e.data.uom);
    case 'erp.stock.transferred':
      return side(e.data.to, e.data.lot, e.data.qty, 0, '');
    case 'erp.stock.blocked':
      return side(e.data.item, e.data.lot, e.data.qty, 0, '');
    case 'erp.stock.released':
      return side(e.data.disposition, e.data.lot, 0, 0, '');
    case 'mes.order.change-acknowledged':
      return side(`change ${e.data.change}`, '', e.data.qty, 0, e.data.uom);
    case 'mes.order.cancel-acknowledged':
      return side('cancel', '', 0, 0, '');
    default:
      return undefined;
  }
}

/** The parts of a message its business key is expected to spell: operation, or item and lot. */
function learnFrom(s: MonitorState, e: AnyEvent, o: OrderRec, side: Side): void {
  if (s.templates.has(e.type)) return;
  // placeholders stand for lot consumptions (staged lots): a backflush key (`…/{op}/{n}`, no lot) is not their spelling
  if (e.type === 'mes.material.consumed' && side.lot === '') return;
  const label = e.type === 'mes.operation.confirmed' || e.type === 'mes.material.consumed' ? side.label : '';
  const lot = e.type === 'mes.material.consumed' ? side.lot : '';
  learnKey(s.templates, e.type, e.businesskey, o.id, label, lot);
  if (s.unnamed.size > 0) nameUnseen(s, e.type);
}

function onMessage(s: MonitorState, e: AnyEvent, o: OrderRec, at: number, retained: boolean): void {
  const k = keyOf(s, o, e.businesskey, interfaceOfMessage(e.type)!);
  k.messageCount += 1;
  if (k.messageCount > 1) copyCame(k, at);
  if (k.mes === undefined) {
    // a placeholder was proven from live traffic: the message that fills it does not undo that
    k.retained = retained && k.expect === undefined;
    k.messageType = e.type as KeyRec['messageType'];
    k.needsErp = needsErpPosting(e.type);
    k.mes = messageSide(e, o);
    k.final = e.type === 'mes.operation.confirmed' && e.data.final;
    k.messageAt = at;
    const reverses = (e.data as { reverses?: unknown }).reverses;
    if (typeof reverses === 'string') {
      // MES cancels the key (or the plant asks ERP to reverse its goods movement): its MES side nets —
      // unless ERP held more postings of it than MES's word, when the reversal corrects ERP alone
      // (judged as before this reversal: a posting of it that came first is not counted against the key)
      const target = linkReversal(s, k, reverses);
      if (target === undefined) k.cancels = true;
      else if (erpNet(target) + k.erpPostings <= mesNet(target)) {
        k.cancels = true;
        target.mesReversed += 1;
      }
    }
    if (k.expect !== undefined) {
      // the message a placeholder stood for turned up under the key it was expected to have
      k.expect = undefined;
      k.order.unseen -= 1;
      s.unnamed.delete(k);
    }
    if (k.erp !== undefined) k.mismatch = computeMismatch(k);
    if (k.mes !== undefined) learnFrom(s, e, o, k.mes);
  } else if (k.resendId === e.id) {
    // an operator's corrected resend replaces what MES said; it is still the same business transaction
    k.mes = messageSide(e, o);
    k.mismatch = computeMismatch(k);
  }
  syncQueue(k);
}

function onPosting(s: MonitorState, e: AnyEvent, o: OrderRec, at: number, retained: boolean): void {
  const k = keyOf(s, o, e.businesskey, interfaceOfPosting(e.type)!);
  k.postings += 1;
  laneFreed(k, at);
  if (k.postings === 1) {
    if (k.mes === undefined) k.retained = retained;
    k.firstPostingAt = at;
    k.postedBy = e.type;
    const erp = postingSide(e, o);
    k.erp = k.mes !== undefined && erp !== undefined && sameSide(k.mes, erp) ? k.mes : erp;
    // what the integration layer said about a message in flight is only ever shown while it is unposted
    k.note = undefined;
    s.postedKeys += 1;
    if (k.mes !== undefined) {
      k.mismatch = computeMismatch(k);
      // either side retained: the time between them is not how long this posting took
      if (!retained && !k.retained) recordTransit(k, at);
    }
  }
  // MES's acknowledgements (of a release, a change, a cancellation) are no ERP postings
  if (!e.type.startsWith('mes.order.')) {
    k.erpPostings += 1;
    if (k.erpPostings > 1) (k.erpMore ??= []).push(postingSide(e, o)!);
    if (k.erpPostings === 2) s.doublePostedKeys += 1;
    if (k.dupGap === undefined && erpNet(k) > 1) openDuplicateGap(s, k, at);
  }
  if (isReversalPosting(e.type)) reversalPosted(s, k, (e.data as { reverses: string }).reverses, at);
  // a receipt into quality-inspection stock before QMS decides is how ERP receives such a lot, never early
  else if (e.type === 'erp.goods.received' && e.data.stock !== 'quality-inspection') o.firstReceipt ??= k;
  syncQueue(k);
}

/**
 * ERP posted reversal `r` of the key it names: that key's postings net by one, and its double
 * posting, netted back to a single posting, is corrected — its duplicate-posting gap closes now.
 */
function reversalPosted(s: MonitorState, r: KeyRec, reverses: string, at: number): void {
  const k = linkReversal(s, r, reverses);
  if (k === undefined) return;
  k.erpReversed += 1;
  k.reversedAt = at;
  if (k.dupGap !== undefined && erpNet(k) <= 1) closeKeyGap(s, k.dupGap);
}

/** The business-key ledger: every message that needs the other side, and the postings that answer it. */
export const keyLedger: Projection = {
  handles: [...new Set(POSTING_RULES.flatMap((r) => [r.message, r.postedBy]))],
  evolve(s, e, o, at, retained) {
    if (o === undefined) return;
    if (interfaceOfMessage(e.type) !== undefined) onMessage(s, e, o, at, retained);
    else onPosting(s, e, o, at, retained);
  },
};
