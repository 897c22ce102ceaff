import type { AnyEvent } from '../../model/index.js';
import type { DeliveryOutcome } from '../core/context.js';
import type { Msg, OrderRt } from '../core/records.js';
import { DEFAULT_DELIVERY, componentOf } from '../plant/master-data.js';
import { changeRefusal, erpOrderQty, orderedText } from './order-changes.js';

/**
 * ERP's business rules on a delivery, before it books it: tolerances (consumption per BOM
 * component, over- and under-delivery per material), stock it must hold before it blocks, releases
 * or transfers it, and a posting left to net before it reverses one. Each refusal is a business-rule
 * exception whose reason names the posting, the quantity and the rule.
 */

const EPS = 1e-9;
const fmt = (x: number) => String(Math.round(x * 1000) / 1000);
const pct = (x: number) => `${Math.round(x * 100)} %`;
const refuse = (reason: string): DeliveryOutcome => ({ technical: false, reason });

/** The refusal of `msg` by ERP's business rules, or undefined when they let it be booked. */
export function businessRefusal(msg: Msg, receiptNeedsFinal: boolean): DeliveryOutcome {
  const ev = msg.ev;
  const ord = msg.ord;
  const changed = changeRefusal(msg);
  if (changed !== undefined) return changed;
  switch (ev.type) {
    case 'mes.material.consumed':
      return consumption(msg, ev.data.item, ev.data.lot === undefined);
    case 'mes.order.completed':
      if (receiptNeedsFinal && !ord.erpFinalBooked) return refuse('order not confirmed');
      return delivery(msg, true);
    case 'mes.output.declared':
      return delivery(msg, false);
    case 'qms.hold.placed':
      return inStock(ord, ev.data.lot, 'block');
    case 'qms.hold.released':
      return inStock(ord, ev.data.lot, ev.data.disposition === 'scrap' ? 'scrap' : 'release');
    case 'qms.usage.decided':
      return inStock(ord, ev.data.lot, 'transfer');
    case 'mes.confirmation.cancelled':
    case 'mes.consumption.reversed':
    case 'mes.receipt.reversed':
      return leftToNet(ev, ord, ev.data.reverses);
    default:
      return undefined;
  }
}

/**
 * Consumption against plan: planned = the component's quantity per unit × the basis — the good +
 * scrap of the confirmation a backflush belongs to (`{order}/CONS/{item}/{op}/{n}` belongs to
 * `{order}/CONF/{op}/{n}`, as ERP booked it), the order quantity for a staged lot. A backflush
 * whose confirmation ERP has not booked cannot be judged, and is taken as it is.
 */
function consumption(msg: Msg, item: string, backflush: boolean): DeliveryOutcome {
  const ord = msg.ord;
  const comp = componentOf(ord.product, item);
  if (comp === undefined) return undefined;
  let basis = ord.qty;
  let what = 'ordered';
  if (backflush) {
    const parts = msg.ev.businesskey.split('/');
    const conf = ord.erpKeys?.get(`${parts[0]}/CONF/${parts[3]}/${parts[4]}`);
    if (conf === undefined || conf.booked <= 0) return undefined;
    basis = conf.qty + conf.scrap;
    what = 'confirmed';
  }
  const planned = comp.perUnit * basis;
  if (!(planned > 0)) return undefined;
  const off = msg.qty / planned - 1;
  if (Math.abs(off) <= comp.tolerance + EPS) return undefined;
  const uom = comp.item.uom;
  return refuse(
    `consumption of ${fmt(msg.qty)} ${uom} ${item} is ${pct(Math.abs(off))} ${off > 0 ? 'over' : 'under'} plan ` +
      `(${fmt(planned)} ${uom} for ${fmt(basis)} ${ord.uom} ${what}); tolerance ±${pct(comp.tolerance)}${convertedText(msg)}`,
  );
}

/** A quantity converted at another factor than its order's: which conversion was used, and which one the order was released with. */
function convertedText(msg: Msg): string {
  const c = msg.converted;
  if (c === undefined) return '';
  const unit = (factor: number) => `1 ${c.own.uom} = ${factor} ${c.own.base}`;
  const right = Math.round(c.qty * c.own.factor * 1e6) / 1e6;
  return `: ${c.qty} ${c.own.uom} converted at ${unit(c.used.factor)}, the newest conversion; order ${msg.ord.id} was released with ${unit(c.own.factor)}, i.e. ${right} ${c.own.base}`;
}

/** Cumulative receipts against the order quantity: never beyond its over-delivery tolerance; the completion's not short of its under-delivery tolerance. */
function delivery(msg: Msg, completion: boolean): DeliveryOutcome {
  const ord = msg.ord;
  const tol = ord.product.item.deliveryTolerance ?? DEFAULT_DELIVERY;
  const total = ord.erpReceivedQty + msg.qty;
  // a changed order is judged against its changed quantity
  const qty = erpOrderQty(ord);
  const head = `receipt of ${fmt(msg.qty)} ${ord.uom} takes order ${ord.id} to ${fmt(total)} ${ord.uom} of ${orderedText(ord)}`;
  if (total > qty * (1 + tol.over) + EPS) return refuse(`${head}; over-delivery tolerance ${pct(tol.over)}`);
  if (completion && total < qty * (1 - tol.under) - EPS) return refuse(`${head} at completion; under-delivery tolerance ${pct(tol.under)}`);
  return undefined;
}

/** ERP blocks, releases, transfers or scraps only stock it received. */
function inStock(ord: OrderRt, lot: string, verb: 'block' | 'release' | 'transfer' | 'scrap'): DeliveryOutcome {
  if (ord.erpStock !== undefined && ord.erpLot === lot && ord.erpStockQty > EPS) return undefined;
  return refuse(`cannot ${verb} lot ${lot} of order ${ord.id}: ERP has received no stock of it`);
}

/** A reversal nets a posting of its key: refused when every posting of the key is already netted (or there never was one). */
function leftToNet(ev: AnyEvent, ord: OrderRt, key: string): DeliveryOutcome {
  const k = ord.erpKeys?.get(key);
  if (k !== undefined && k.booked > 0) return undefined;
  const had = k === undefined || k.posted === 0 ? 'ERP never posted it' : `its ${k.posted} posting${k.posted === 1 ? ' is' : 's are'} already reversed`;
  return refuse(`${ev.businesskey} reverses ${key}, but no posting of it is left to reverse: ${had}`);
}
