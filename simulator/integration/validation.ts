import { convertItemUom, convertUom, type AnyEvent, type ItemConversion } from '../../model/index.js';
import type { Msg, OrderRt } from '../core/records.js';
import { componentOf, type LineRt } from '../plant/master-data.js';

/** Where validation against the newest master data finds an alternative unit's newest conversion. */
export type NewestConversions = { newestConversion(line: LineRt, item: string, uom: string): ItemConversion | undefined };

/** The master-data base unit of the item a quantity message is about, or undefined when it carries no quantity. */
export function baseUomOf(ev: AnyEvent, ord: OrderRt): string | undefined {
  switch (ev.type) {
    case 'mes.operation.confirmed':
    case 'mes.order.completed':
    case 'mes.output.declared':
    case 'mes.confirmation.cancelled':
    case 'mes.receipt.reversed':
      return ord.uom;
    case 'mes.material.consumed':
    case 'mes.consumption.reversed':
      // lot-controlled and backflushed components alike
      return componentOf(ord.product, ev.data.item)?.item.uom;
    default:
      return undefined;
  }
}

/** The quantities a message states, before any conversion. */
export function quantitiesOf(msg: Msg): void {
  const ev = msg.ev;
  switch (ev.type) {
    case 'mes.operation.confirmed':
    case 'mes.confirmation.cancelled':
      msg.qty = ev.data.goodQty;
      msg.scrap = ev.data.scrapQty;
      msg.uom = ev.data.uom;
      break;
    case 'mes.order.completed':
      // what this receipt asks ERP to receive: the rest, when partial receipts took some
      msg.qty = ev.data.receiptQty ?? ev.data.goodQty;
      msg.scrap = ev.data.scrapQty;
      msg.uom = ev.data.uom;
      break;
    case 'mes.material.consumed':
    case 'mes.consumption.reversed':
    case 'mes.output.declared':
    case 'mes.receipt.reversed':
      msg.qty = ev.data.qty;
      msg.uom = ev.data.uom;
      break;
    case 'qms.hold.placed':
    case 'qms.usage.decided':
      msg.qty = ev.data.qty;
      msg.uom = msg.ord.uom;
      break;
    default:
      break;
  }
}

/**
 * Validation against master data: a quantity in another unit of the same dimension is converted
 * to the item's base unit; one that master data cannot convert is refused with the reason the
 * exception queue shows. Returns the refusal, or undefined when the message may go on.
 *
 * A component in the alternative unit its order's BOM states it in (tubes, bags) converts with the
 * factor the order was created with — or, validating against the newest master data (`newest`),
 * with the newest factor, which for an order created before a conversion change is the wrong one:
 * the message then keeps both conversions (`msg.converted`) for ERP's refusal text.
 */
export function validateUom(msg: Msg, newest?: NewestConversions): string | undefined {
  const base = baseUomOf(msg.ev, msg.ord);
  if (base === undefined || msg.uom === base) return undefined;
  let qty = convertUom(msg.qty, msg.uom, base);
  let scrap = convertUom(msg.scrap, msg.uom, base);
  if (qty === undefined) {
    const ev = msg.ev;
    const own = ev.type === 'mes.material.consumed' || ev.type === 'mes.consumption.reversed' ? componentOf(msg.ord.product, ev.data.item)?.issue : undefined;
    if (own !== undefined && own.uom === msg.uom) {
      const latest = newest?.newestConversion(msg.ord.line, own.item, own.uom);
      const used = latest ?? own;
      qty = convertItemUom(msg.qty, msg.uom, base, [used]);
      scrap = convertItemUom(msg.scrap, msg.uom, base, [used]);
      if (latest !== undefined && latest.factor !== own.factor) msg.converted = { qty: msg.qty, used: latest, own };
    }
  }
  if (qty === undefined || scrap === undefined) return `UoM ${msg.uom} not convertible to ${base}`;
  msg.qty = qty;
  msg.scrap = scrap;
  msg.uom = base;
  return undefined;
}
