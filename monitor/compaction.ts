import { convertUom } from '../model/uom.js';
import { refUom } from './keys.js';
import { erpNet, mesNet } from './reversals.js';
import type { FoldedInterface, FoldedTotals, KeyRec, MonitorState, OrderRec, Side } from './state.js';
import type { Tally } from './tally.js';

/**
 * A closed order that still owes or disputes something is kept past its retention, with its gaps
 * and reconciliation mismatches, until that is resolved — possibly forever (a message lost before
 * the journal is never posted). Of such an order only what can still be seen or change is kept:
 * - keys that do not agree for good (unposted, disputed, posted twice, placeholders) stay, and so
 *   do the keys they share a reconciliation field with (same operation, same item and lot), the
 *   goods-receipt and hold keys (receipt and hold comparisons read them all);
 * - every other confirmation and consumption key is forgotten, its quantities folded into the
 *   interface's totals (`OrderRec.folded`) so that a gap on a kept key shows the same values;
 *   a forgotten field agreed on both sides, so reconciliation loses no mismatch;
 * - an agreeing release key is forgotten (it can no longer open a status gap).
 * Afterwards the order takes events only for the keys it kept: anything else is a late event and
 * is ignored, as for an evicted order (monitor.ts), and expectations no longer run on it — the
 * conversation is over. Counters (buckets, posted keys, latency) are untouched: they already
 * count the forgotten keys, as they do after eviction.
 */

/**
 * The key agrees for good: its message was seen and posted exactly once, as sent — net of
 * reversals (a cancelled key ERP reversed agrees at nothing on both sides).
 */
function agreed(k: KeyRec): boolean {
  if (k.mes === undefined || k.expect !== undefined || k.postings === 0 || k.mismatch || k.discarded) return false;
  const p = erpNet(k);
  return k.mesReversed === 0 && k.erpReversed === 0 ? p <= 1 : p === Math.max(0, mesNet(k));
}

function folds(k: KeyRec): k is KeyRec & { iface: FoldedInterface } {
  return k.iface === 'confirmation' || k.iface === 'consumption';
}

/** The reconciliation field a side of a key counts in (reconciliation.ts). */
function fieldOf(iface: FoldedInterface, sd: Side): string {
  return iface === 'confirmation' ? `c ${sd.label}` : `m ${sd.label}/${sd.lot}`;
}

const MES_QTY = 0;
const ERP_QTY = 1;
const MES_SCRAP = 2;
const ERP_SCRAP = 3;

/** One side's amount into the folded sums: converted to the reference unit, else kept apart by unit (as `tally.add`). */
function addTo(f: FoldedTotals, i: number, qty: number, uom: string): void {
  if (f.ref === '') f.ref = uom;
  const q = convertUom(qty, uom, f.ref);
  if (q !== undefined) {
    f.sums[i]! += q;
    return;
  }
  f.other ??= new Map();
  let o = f.other.get(uom);
  if (o === undefined) {
    // NaN: this side never had an amount in this unit (a tally would not list it)
    o = [NaN, NaN, NaN, NaN];
    f.other.set(uom, o);
  }
  o[i] = (o[i] === o[i] ? o[i]! : 0) + qty;
}

function tallyOf(f: FoldedTotals, i: number): Tally {
  let other: Map<string, number> | undefined;
  if (f.other !== undefined) for (const [uom, v] of f.other) if (v[i] === v[i]) (other ??= new Map()).set(uom, v[i]!);
  return { ref: f.ref, sum: f.sums[i]!, other };
}

/**
 * The unit an interface's totals are kept in: the first of its keys that has one (as
 * describe-gap's totals pick it), or the one fixed when the order was first compacted.
 */
function refOf(o: OrderRec, iface: FoldedInterface): string {
  const f = o.folded?.[iface];
  if (f !== undefined) return f.ref;
  for (const k of o.keys) {
    if (k.iface !== iface) continue;
    const ref = refUom(k);
    if (ref !== '') return ref;
  }
  return '';
}

/**
 * Starting tallies for the totals of one interface: what compaction folded, in its unit, or
 * undefined when nothing was folded.
 */
export function foldedStart(o: OrderRec, iface: KeyRec['iface'], pick: 'qty' | 'scrap'): { ref: string; mes: Tally; erp: Tally } | undefined {
  if (iface !== 'confirmation' && iface !== 'consumption') return undefined;
  const f = o.folded?.[iface];
  if (f === undefined) return undefined;
  return pick === 'qty' ? { ref: f.ref, mes: tallyOf(f, MES_QTY), erp: tallyOf(f, ERP_QTY) } : { ref: f.ref, mes: tallyOf(f, MES_SCRAP), erp: tallyOf(f, ERP_SCRAP) };
}

function forget(s: MonitorState, o: OrderRec, k: KeyRec): void {
  if (s.keys.get(k.key) === k) s.keys.delete(k.key);
  if (k.queued) {
    o.line.pending.delete(k.key);
    k.queued = false;
  }
}

/** Keep only what a closed, unsettled order can still show or change (see above). */
export function compact(s: MonitorState, o: OrderRec): void {
  o.compacted = true;
  o.startedOps = undefined;
  o.staged = undefined;
  // fields a key still in dispute counts in: their other keys are needed for its comparison
  const held = new Set<string>();
  for (const k of o.keys) {
    if (!folds(k) || agreed(k)) continue;
    if (k.mes !== undefined) held.add(fieldOf(k.iface, k.mes));
    if (k.erp !== undefined) held.add(fieldOf(k.iface, k.erp));
  }
  const refs = { confirmation: refOf(o, 'confirmation'), consumption: refOf(o, 'consumption') };
  const kept: KeyRec[] = [];
  const left = { confirmation: 0, consumption: 0 };
  for (const k of o.keys) {
    if (folds(k)) {
      if (!agreed(k) || held.has(fieldOf(k.iface, k.mes!))) {
        kept.push(k);
        left[k.iface] += 1;
        continue;
      }
      const folded = (o.folded ??= { confirmation: undefined, consumption: undefined });
      const f = (folded[k.iface] ??= { ref: refs[k.iface], sums: [0, 0, 0, 0], other: undefined });
      // agreed: both sides are present and not discarded (describe-gap's totals add them the same
      // way); a reversal counts against the key it reverses
      const sign = k.reversesKey === undefined ? 1 : -1;
      const mesSign = sign > 0 || k.cancels ? sign : 0;
      addTo(f, MES_QTY, mesSign * k.mes!.qty, k.mes!.uom);
      addTo(f, ERP_QTY, sign * k.erp!.qty, k.erp!.uom);
      addTo(f, MES_SCRAP, mesSign * k.mes!.scrap, k.mes!.uom);
      addTo(f, ERP_SCRAP, sign * k.erp!.scrap, k.erp!.uom);
    } else if (!(k.iface === 'order-release' && agreed(k))) {
      kept.push(k);
      continue;
    }
    forget(s, o, k);
  }
  // an interface left without keys can never open a gap again: its totals are not needed
  if (o.folded !== undefined) {
    if (left.confirmation === 0) o.folded.confirmation = undefined;
    if (left.consumption === 0) o.folded.consumption = undefined;
    if (o.folded.confirmation === undefined && o.folded.consumption === undefined) o.folded = undefined;
  }
  if (o.releaseKey !== undefined && !kept.includes(o.releaseKey)) o.releaseKey = undefined;
  o.keys = kept;
}
