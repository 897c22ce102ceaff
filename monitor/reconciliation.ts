import { noun } from './causes.js';
import { holdValues } from './describe-gap.js';
import { refUom } from './keys.js';
import type { OrderRec } from './state.js';
import { add, sameValue, tally, valueOf, type Tally } from './tally.js';
import type { ReconciliationMismatch } from './types.js';

type Pair = { mes: Tally; erp: Tally };

function pairOf(m: Map<string, Pair>, field: string, ref: string): Pair {
  let p = m.get(field);
  if (p === undefined) {
    p = { mes: tally(ref), erp: tally(ref) };
    m.set(field, p);
  }
  return p;
}

/** ERP's word for what QMS calls each hold state, so the two can be compared. */
function erpWordForHold(mes: string | number): string | number {
  return mes === 'on hold' ? 'blocked' : mes === 'no hold' ? 'not blocked' : mes;
}

/**
 * Compare what MES (and QMS) said about a completed order with what ERP booked: confirmed good and
 * scrap per operation, consumption per item/lot, receipt against completed good quantity (once the
 * lot is cleared, and never for a scrapped lot), hold against stock block, and postings per business key. Each business
 * key counts once per side; a key posted more than once is its own mismatch.
 */
export function reconcileOrder(o: OrderRec, out: ReconciliationMismatch[]): number {
  const before = out.length;
  const fields = new Map<string, Pair>();
  const push = (field: string, mes: number | string, erp: number | string) =>
    out.push({ order: o.id, plant: o.line.plant, line: o.line.line, field, mes, erp });
  let receiptNeeded = o.quality !== 'scrapped';
  let anyCompletion = false;
  let anyReceipt = false;
  for (const k of o.keys) {
    const ref = refUom(k);
    for (const which of ['mes', 'erp'] as const) {
      const sd = k[which];
      if (sd === undefined || (which === 'mes' && k.discarded)) continue;
      if (k.iface === 'confirmation') {
        add(pairOf(fields, `confirmation ${sd.label} good`, ref)[which], sd.qty, sd.uom);
        add(pairOf(fields, `confirmation ${sd.label} scrap`, ref)[which], sd.scrap, sd.uom);
      } else if (k.iface === 'consumption') {
        add(pairOf(fields, `consumption ${sd.label}/${sd.lot}`, ref)[which], sd.qty, sd.uom);
      } else if (k.iface === 'goods-receipt') {
        add(pairOf(fields, 'receipt', ref)[which], sd.qty, sd.uom);
      }
    }
    if (k.iface === 'goods-receipt') {
      if (k.erp !== undefined) anyReceipt = true;
      if (k.mes !== undefined) anyCompletion = true;
      if (k.mes !== undefined && k.discarded) receiptNeeded = false;
    }
    if (k.erpPostings > 1) push(`postings ${k.key}`, 1, k.erpPostings);
    if (k.expect !== undefined && k.mes === undefined) {
      const what = [noun(k.messageType, 1), k.expect.label, k.expect.lot].filter((x) => x !== '').join(' ');
      push(`${what} message`, 'never seen', k.postings > 0 ? 'posted' : 'not posted');
    }
  }
  // a lot under inspection or on hold owes no receipt yet; one received anyway is still compared
  const cleared = o.quality === 'none' || o.quality === 'passed' || o.quality === 'released';
  if (!receiptNeeded || !anyCompletion || (!cleared && !anyReceipt)) fields.delete('receipt');
  for (const [field, p] of fields) {
    const mes = valueOf(p.mes);
    const erp = valueOf(p.erp);
    if (!sameValue(mes, erp)) push(field, mes, erp);
  }
  const hold = holdValues(o);
  if (erpWordForHold(hold.mes) !== hold.erp) push('hold', hold.mes, hold.erp);
  return out.length - before;
}
