import { noun } from './causes.js';
import { holdValues, usageValues } from './describe-gap.js';
import { compareKeys, isQtyInterface, type Row } from './gap-rows.js';
import { sameQty } from './keys.js';
import { erpNet } from './reversals.js';
import type { KeyRec, OrderRec } from './state.js';
import type { ReconciliationMismatch } from './types.js';

/** ERP's word for what QMS calls each hold state, so the two can be compared. */
function erpWordForHold(mes: string | number): string | number {
  return mes === 'on hold' ? 'blocked' : mes === 'no hold' ? 'not blocked' : mes;
}

/** The field a row reconciles, as reports have named it: `confirmation 0010 good`, `consumption RM-1/L42`, `receipt PUMP-1/LOT-7`. */
function fieldOf(r: Row): string {
  if (r.operation !== null) return `confirmation ${r.operation} ${r.measure}`;
  // a backflushed component has no lot: it is compared per material
  if (r.measure === 'consumed') return `consumption ${r.material}${r.lot === null ? '' : `/${r.lot}`}`;
  return `receipt ${r.material}${r.lot === null ? '' : `/${r.lot}`}`;
}

function times(n: number): string {
  return n === 2 ? 'twice' : `${n} times`;
}

/** Which of the row's keys ERP posted more than once (the row counts every posting), and which reversals netted them. */
function postedMore(r: Row): string | undefined {
  const more: string[] = [];
  for (const k of r.keys) {
    if (k.erpPostings <= 1) continue;
    const net = erpNet(k);
    more.push(k.erpReversed === 0 ? `${k.key} posted ${times(k.erpPostings)}` : `${k.key} posted ${times(k.erpPostings)}, reversed ${k.erpReversed === 1 ? 'once' : times(k.erpReversed)}, net ${net}`);
  }
  return more.length === 0 ? undefined : more.join(', ');
}

/**
 * Whether a receipt is owed and compared: not for a scrapped (discarded) lot, and — until ERP
 * received something anyway — not while the lot is under inspection or on hold.
 */
function receiptCompared(o: OrderRec): boolean {
  let needed = o.quality !== 'scrapped';
  let anyCompletion = false;
  let anyReceipt = false;
  for (const k of o.keys) {
    if (k.iface !== 'goods-receipt') continue;
    if (k.erp !== undefined) anyReceipt = true;
    if (k.mes !== undefined) anyCompletion = true;
    if (k.mes !== undefined && k.discarded) needed = false;
  }
  const cleared = o.quality === 'none' || o.quality === 'passed' || o.quality === 'released';
  return needed && anyCompletion && (cleared || anyReceipt);
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Compare what MES (and QMS) said about a completed order with what ERP booked: confirmed good and
 * scrap per operation, consumption per component lot, receipt per finished lot (once the lot is
 * cleared, and never for a scrapped lot), each in its unit — a unit master data cannot convert is
 * compared on its own, never added to another — and hold against stock block. Each MES message
 * counts once; every ERP posting counts, so a key posted twice shows as the quantity ERP booked
 * too much (and a key without a quantity, as a count of postings).
 */
export function reconcileOrder(o: OrderRec, out: ReconciliationMismatch[]): number {
  const before = out.length;
  const push = (field: string, mes: number | string, erp: number | string, more?: { uom?: string; note?: string }) =>
    out.push({ order: o.id, plant: o.line.plant, line: o.line.line, field, mes, erp, ...more });
  const byIface = new Map<KeyRec['iface'], KeyRec[]>();
  for (const k of o.keys) {
    if (isQtyInterface(k.iface)) {
      const list = byIface.get(k.iface);
      if (list === undefined) byIface.set(k.iface, [k]);
      else list.push(k);
    } else if (erpNet(k) > 1) push(`postings ${k.key}`, 1, erpNet(k));
    if (k.expect !== undefined && k.mes === undefined) {
      const what = [noun(k.messageType, 1), k.expect.label, k.expect.lot].filter((x) => x !== '').join(' ');
      push(`${what} message`, 'never seen', k.postings > 0 ? 'posted' : 'not posted');
    }
  }
  if (!receiptCompared(o)) byIface.delete('goods-receipt');
  for (const keys of byIface.values()) {
    for (const r of compareKeys(o, keys, true)) {
      // a message never seen is listed above, by what it was about: here only what was seen counts
      if (sameQty(r.mes ?? 0, r.erp ?? 0)) continue;
      const note = postedMore(r);
      push(fieldOf(r), round(r.mes ?? 0), round(r.erp ?? 0), { uom: r.uom, ...(note ? { note } : {}) });
    }
  }
  const hold = holdValues(o);
  if (erpWordForHold(hold.mes) !== hold.erp) push('hold', hold.mes, hold.erp);
  for (const u of usageValues(o)) if (u.mes !== u.erp) push(`usage decision ${u.lot}`, u.mes, u.erp);
  return out.length - before;
}
