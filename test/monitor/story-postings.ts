/**
 * Story helpers for postings as plants make them (issue 12): partial confirmations and receipts
 * keyed with a counter, backflushed components, reversals and cancellations, quality-inspection
 * stock and usage decisions. Same builder and clock as story.ts.
 */
import type { AnyEvent } from '../../model/event.js';
import type { UsageDecision } from '../../model/names.js';
import type { Builder } from './story.js';

export function postings(b: Builder, id: string, opts: { item?: string; uom?: string; lot?: string } = {}) {
  const item = opts.item ?? 'PUMP-1';
  const uom = opts.uom ?? 'EA';
  const lot = opts.lot ?? `LOT-${id}`;
  const o = { order: id };
  const doc = (at: number) => `DOC-${at}`;
  const k = {
    conf: (op: string, n: number) => `${id}/CONF/${op}/${n}`,
    flush: (part: string, op: string, n: number) => `${id}/CONS/${part}/${op}/${n}`,
    gr: (n: number) => `${id}/GR/${n}`,
    ud: (n: number) => `${id}/UD/${n}`,
    rev: (key: string, n: number) => `${key}/REV/${n}`,
  };
  return {
    id,
    keys: k,
    lot,
    /** the n-th partial confirmation of `op` */
    partial: (at: number, op: string, n: number, good: number, x: { scrap?: number; final?: boolean; id?: string } = {}) =>
      b.ev('mes.operation.confirmed', at, { ...o, operation: op, workCenter: 'WC-1', goodQty: good, scrapQty: x.scrap ?? 0, uom, final: x.final ?? false }, { key: k.conf(op, n), order: id, ...(x.id ? { id: x.id } : {}) }),
    partialPosted: (at: number, op: string, n: number, good: number, scrap = 0) =>
      b.ev('erp.confirmation.posted', at, { ...o, operation: op, goodQty: good, scrapQty: scrap, uom, document: doc(at) }, { key: k.conf(op, n), order: id }),
    flushed: (at: number, part: string, op: string, n: number, qty: number, u = 'EA') =>
      b.ev('mes.material.consumed', at, { ...o, item: part, qty, uom: u, backflush: true }, { key: k.flush(part, op, n), order: id }),
    flushPosted: (at: number, part: string, op: string, n: number, qty: number, u = 'EA') =>
      b.ev('erp.consumption.posted', at, { ...o, item: part, qty, uom: u, document: doc(at), backflush: true }, { key: k.flush(part, op, n), order: id }),
    declared: (at: number, n: number, qty: number) => b.ev('mes.output.declared', at, { ...o, item, lot, qty, uom }, { key: k.gr(n), order: id, lot }),
    completed: (at: number, n: number, good: number, receiptQty?: number) =>
      b.ev('mes.order.completed', at, { ...o, item, lot, goodQty: good, scrapQty: 0, uom, ...(receiptQty !== undefined ? { receiptQty } : {}) }, { key: k.gr(n), order: id, lot }),
    received: (at: number, n: number, qty: number, stock?: 'quality-inspection' | 'unrestricted') =>
      b.ev('erp.goods.received', at, { ...o, item, lot, qty, uom, document: doc(at), ...(stock ? { stock } : {}) }, { key: k.gr(n), order: id, lot }),
    /** MES cancels confirmation `reverses` (its quantities) with the reversal key `{reverses}/REV/{n}` */
    cancelled: (at: number, reverses: string, n: number, op: string, good: number, scrap = 0, cause?: AnyEvent) =>
      b.ev('mes.confirmation.cancelled', at, { ...o, operation: op, reverses, goodQty: good, scrapQty: scrap, uom }, { key: k.rev(reverses, n), order: id, ...(cause ? { cause: cause.id } : {}) }),
    /** ERP posts the cancellation (with a plant message of the same key, or as its own correction) */
    cancelPosted: (at: number, reverses: string, n: number, op: string, good: number, scrap = 0) =>
      b.ev('erp.confirmation.cancelled', at, { ...o, operation: op, reverses, goodQty: good, scrapQty: scrap, uom, document: doc(at) }, { key: k.rev(reverses, n), order: id }),
    consumptionReversed: (at: number, reverses: string, n: number, part: string, qty: number, u = 'EA', plot?: string) =>
      b.ev('mes.consumption.reversed', at, { ...o, item: part, ...(plot ? { lot: plot } : {}), qty, uom: u, reverses }, { key: k.rev(reverses, n), order: id }),
    consumptionReversalPosted: (at: number, reverses: string, n: number, part: string, qty: number, u = 'EA', plot?: string) =>
      b.ev('erp.consumption.reversed', at, { ...o, item: part, ...(plot ? { lot: plot } : {}), qty, uom: u, reverses, document: doc(at) }, { key: k.rev(reverses, n), order: id }),
    receiptReversed: (at: number, reverses: string, n: number, qty: number) =>
      b.ev('mes.receipt.reversed', at, { ...o, item, lot, qty, uom, reverses }, { key: k.rev(reverses, n), order: id, lot }),
    receiptReversalPosted: (at: number, reverses: string, n: number, qty: number) =>
      b.ev('erp.goods.reversed', at, { ...o, item, lot, qty, uom, reverses, document: doc(at) }, { key: k.rev(reverses, n), order: id, lot }),
    usageDecided: (at: number, n: number, qty: number, decision: UsageDecision) =>
      b.ev('qms.usage.decided', at, { ...o, item, lot, qty, decision }, { key: k.ud(n), order: id, lot }),
    transferred: (at: number, n: number, qty: number, to: 'unrestricted' | 'blocked' | 'scrap') =>
      b.ev('erp.stock.transferred', at, { ...o, item, lot, qty, from: 'quality-inspection', to, document: doc(at) }, { key: k.ud(n), order: id, lot }),
  };
}
