import { convertUom } from '../model/uom.js';
import type { GapRow, Quantity, RowMeasure } from './gap-types.js';
import { refUom, sameQty } from './keys.js';
import { postedReversals } from './reversals.js';
import type { KeyRec, OrderRec, Side } from './state.js';

/**
 * Both sides' quantities of one thing compared — an operation's good or scrap quantity, a component
 * lot, a received lot — in one unit. Amounts in a unit master data converts to the row's unit are
 * converted; any other unit makes a row of its own, so nothing of two units or two materials is
 * ever added (CONVENTIONS rule 13).
 */
export type Row = {
  readonly material: string;
  readonly lot: string | null;
  readonly operation: string | null;
  readonly measure: RowMeasure;
  readonly uom: string;
  mes: number | undefined;
  erp: number | undefined;
  /** messages proven sent but never seen that belong here: their quantity is unknown */
  unseen: number;
  /** the business keys whose sides are in this row */
  readonly keys: KeyRec[];
};

export type QtyInterface = 'confirmation' | 'consumption' | 'goods-receipt';

export function isQtyInterface(i: KeyRec['iface']): i is QtyInterface {
  return i === 'confirmation' || i === 'consumption' || i === 'goods-receipt';
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Rows of one order being built: per thing compared, the rows of each unit. */
class Rows {
  private readonly byThing = new Map<string, Row[]>();
  constructor(private readonly o: OrderRec) {}

  /** Add one side's amount for one thing, in the unit of the row it converts to. */
  add(k: KeyRec, which: 'mes' | 'erp', measure: RowMeasure, sd: Side, qty: number): void {
    const r = this.rowOf(k, measure, sd, qty, sd.uom);
    const q = convertUom(qty, sd.uom, r.uom)!;
    r[which] = (r[which] ?? 0) + q;
  }

  unseen(k: KeyRec, label: string, lot: string): void {
    const measure = k.iface === 'confirmation' ? 'good' : k.iface === 'consumption' ? 'consumed' : 'received';
    const sd: Side = { label, lot, qty: 0, scrap: 0, uom: refUom(k) };
    this.rowOf(k, measure, sd, 0, sd.uom).unseen += 1;
  }

  private rowOf(k: KeyRec, measure: RowMeasure, sd: Side, qty: number, uom: string): Row {
    // a completion never seen names no item: it is the order's
    const material = k.iface === 'confirmation' || sd.label === '' ? this.o.item : sd.label;
    const lot = k.iface === 'confirmation' || sd.lot === '' ? null : sd.lot;
    const operation = k.iface === 'confirmation' ? sd.label : null;
    const id = `${measure}\u0000${material}\u0000${lot ?? ''}\u0000${operation ?? ''}`;
    let list = this.byThing.get(id);
    if (list === undefined) this.byThing.set(id, (list = []));
    let r = list.find((x) => convertUom(qty, uom, x.uom) !== undefined);
    if (r === undefined) {
      // the first row of a thing compares in the key's reference unit (the order's, or the component message's)
      const ref = refUom(k);
      const unit = list.length === 0 && ref !== '' && convertUom(qty, uom, ref) !== undefined ? ref : uom;
      r = { material, lot, operation, measure, uom: unit, mes: undefined, erp: undefined, unseen: 0, keys: [] };
      list.push(r);
    }
    if (!r.keys.includes(k)) r.keys.push(k);
    return r;
  }

  all(): Row[] {
    return [...this.byThing.values()].flat();
  }
}

/**
 * The postings of a key a row counts: every one (what ERP booked), or — where a double posting is
 * its own gap — the first, plus one more for each posted reversal that nets it (so that a double
 * posting a reversal corrected nets to one posting, and a single posting reversed to none).
 */
function postingsCounted(k: KeyRec, allPostings: boolean): Side[] {
  if (k.erp === undefined) return [];
  if (k.erpMore === undefined) return [k.erp];
  if (allPostings) return [k.erp, ...k.erpMore];
  const extra = k.reversesKey === undefined ? postedReversals(k) : 0;
  return extra === 0 ? [k.erp] : [k.erp, ...k.erpMore.slice(0, extra)];
}

function addKey(rows: Rows, k: KeyRec, allPostings: boolean): void {
  const confirmation = k.iface === 'confirmation';
  const measure: RowMeasure = confirmation ? 'good' : k.iface === 'consumption' ? 'consumed' : 'received';
  // a reversal counts against the key it reverses: ERP net of its reversals, MES net of its
  // cancellations (a reversal that only corrects ERP's double posting takes nothing of MES's word)
  const sign = k.reversesKey === undefined ? 1 : -1;
  const m = k.mes;
  // a discarded message (a scrapped lot's completion) is owed nothing
  if (m !== undefined && !k.discarded && (sign > 0 || k.cancels)) {
    rows.add(k, 'mes', measure, m, sign * m.qty);
    if (confirmation) rows.add(k, 'mes', 'scrap', m, sign * m.scrap);
  } else if (m === undefined && k.expect !== undefined && k.postings === 0) rows.unseen(k, k.expect.label, k.expect.lot);
  for (const p of postingsCounted(k, allPostings)) {
    rows.add(k, 'erp', measure, p, sign * p.qty);
    if (confirmation) rows.add(k, 'erp', 'scrap', p, sign * p.scrap);
  }
}

/**
 * The rows of these keys of one order (all of one quantity interface). `allPostings`: count every
 * ERP posting of a key (what ERP booked); otherwise each key's first posting only, so that a double
 * posting shows as its own duplicate-posting gap and not in the interface's gap too.
 */
export function compareKeys(o: OrderRec, keys: readonly KeyRec[], allPostings: boolean): Row[] {
  const rows = new Rows(o);
  for (const k of keys) addKey(rows, k, allPostings);
  const out = rows.all();
  // a scrap row where neither side has any scrap says nothing
  return out.filter((r) => r.measure !== 'scrap' || r.unseen > 0 || (r.mes ?? 0) !== 0 || (r.erp ?? 0) !== 0);
}

/** The two sides of the row disagree (a message never seen is a disagreement: its quantity is unknown). */
export function differs(r: Row): boolean {
  return r.unseen > 0 || !sameQty(r.mes ?? 0, r.erp ?? 0);
}

/** How large a difference is, to name the largest first: relative to the row (1 when a side is missing), then absolute. */
function weight(r: Row): [number, number] {
  if (r.unseen > 0 || r.mes === undefined || r.erp === undefined) return [1, Math.abs((r.mes ?? 0) - (r.erp ?? 0))];
  const d = Math.abs(r.mes - r.erp);
  return [d / Math.max(Math.abs(r.mes), Math.abs(r.erp), 1e-9), d];
}

const text = (r: Row): string => `${r.material}\u0000${r.operation ?? ''}\u0000${r.lot ?? ''}\u0000${r.measure}\u0000${r.uom}`;

/** Largest difference first; ties in a fixed order (material, operation, lot, measure, unit). */
export function byDifference(a: Row, b: Row): number {
  const [ra, da] = weight(a);
  const [rb, db] = weight(b);
  if (ra !== rb) return rb - ra;
  if (da !== db) return db - da;
  const ta = text(a);
  const tb = text(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

const qty = (q: number | undefined, uom: string): Quantity | null => (q === undefined ? null : { qty: round(q), uom });

/** The row as a gap or report shows it. */
export function gapRow(r: Row, note?: string): GapRow {
  const row: GapRow = {
    material: r.material,
    lot: r.lot,
    operation: r.operation,
    measure: r.measure,
    mes: qty(r.mes, r.uom),
    erp: qty(r.erp, r.uom),
    delta: r.unseen > 0 && r.mes === undefined ? null : { qty: round((r.mes ?? 0) - (r.erp ?? 0)), uom: r.uom },
  };
  return note === undefined ? row : { ...row, note };
}
