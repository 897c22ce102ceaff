/**
 * Ground truth for gap and reconciliation values, computed straight from the journal (not from the
 * monitor): per order, what MES reported and what ERP posted for each thing compared — one
 * operation's good or scrap quantity, one component lot, one received lot — each side as it was
 * sent, with its unit. Tests sum these only within a unit master data converts. A component stated
 * in an alternative unit its order records (`conversions` on the order's release, else its
 * creation) is taken in the item's base unit at the order's factor, as the monitor compares it.
 */
import type Database from 'better-sqlite3';
import { convertUom, type ItemConversion } from '../../model/uom.js';
import { readTolerant, SCHEMA_REVISIONS } from '../../model/schema-versions.js';
import type { BusinessEventType } from '../../model/names.js';

export type Measure = 'good' | 'scrap' | 'consumed' | 'received';
export type Amount = { readonly qty: number; readonly uom: string };

/** One side's amount of one thing, from one event. */
export type Entry = {
  readonly key: string;
  readonly material: string;
  readonly lot: string | null;
  readonly operation: string | null;
  readonly measure: Measure;
  readonly amount: Amount;
  /** the first message (or posting) of its business key */
  readonly first: boolean;
};

export type OrderTruth = {
  item: string;
  readonly mes: Entry[];
  readonly erp: Entry[];
  readonly discarded: Set<string>;
  /** per business key, ERP's postings less the reversal postings that net it */
  readonly netPostings: Map<string, number>;
};

type Row = { type: string; businesskey: string; order_id: string | null; data: string };

const MESSAGES = new Set([
  'mes.operation.confirmed',
  'mes.material.consumed',
  'mes.order.completed',
  'mes.output.declared',
  'mes.confirmation.cancelled',
  'mes.consumption.reversed',
  'mes.receipt.reversed',
]);
const POSTINGS = new Set(['erp.confirmation.posted', 'erp.consumption.posted', 'erp.goods.received', 'erp.confirmation.cancelled', 'erp.consumption.reversed', 'erp.goods.reversed']);
/** reversals count against what they reverse */
const NEGATIVE = new Set(['mes.confirmation.cancelled', 'mes.consumption.reversed', 'mes.receipt.reversed', 'erp.confirmation.cancelled', 'erp.consumption.reversed', 'erp.goods.reversed']);
const REVERSAL_POSTINGS = new Set(['erp.confirmation.cancelled', 'erp.consumption.reversed', 'erp.goods.reversed']);

/** Every order's quantities as the journal holds them. */
export function journalTruth(db: Database.Database, session: number): Map<string, OrderTruth> {
  const rows = db.prepare('SELECT type, businesskey, order_id, data FROM events WHERE session = ? ORDER BY seq').all(session) as Row[];
  const out = new Map<string, OrderTruth>();
  const seen = new Set<string>();
  // per key, ERP postings so far net of reversals: a reversal message that finds ERP holding more than
  // the one posting MES asked for corrects ERP's double posting and leaves MES's message standing
  const netPostings = new Map<string, number>();
  // per order, the alternative units it records: the first release's, else the first creation's
  const conversions = new Map<string, { list: readonly ItemConversion[]; released: boolean }>();
  for (const r of rows) {
    if (r.order_id === null) continue;
    let t = out.get(r.order_id);
    if (t === undefined) out.set(r.order_id, (t = { item: '', mes: [], erp: [], discarded: new Set(), netPostings: new Map() }));
    const d = asVersion1(r.type, JSON.parse(r.data) as Record<string, unknown>);
    if (r.type === 'erp.order.created' || r.type === 'erp.order.released') {
      t.item ||= String(d.item);
      const had = conversions.get(r.order_id);
      const released = r.type === 'erp.order.released';
      if (Array.isArray(d.conversions) && d.conversions.length > 0 && (had === undefined || (released && !had.released))) {
        conversions.set(r.order_id, { list: d.conversions as ItemConversion[], released });
      }
    }
    if (r.type === 'int.message.discarded') t.discarded.add(r.businesskey);
    const isMes = MESSAGES.has(r.type);
    if (!isMes && !POSTINGS.has(r.type)) continue;
    const reverses = typeof d.reverses === 'string' ? d.reverses : undefined;
    if (!isMes) {
      const k = REVERSAL_POSTINGS.has(r.type) ? reverses! : r.businesskey;
      netPostings.set(k, (netPostings.get(k) ?? 0) + (REVERSAL_POSTINGS.has(r.type) ? -1 : 1));
      t.netPostings.set(k, netPostings.get(k)!);
    }
    if (isMes && reverses !== undefined && (netPostings.get(reverses) ?? 0) > 1) continue;
    const sign = NEGATIVE.has(r.type) ? -1 : 1;
    const firstKey = `${isMes ? 'm' : 'e'}|${r.businesskey}`;
    const first = !seen.has(firstKey);
    seen.add(firstKey);
    const list = isMes ? t.mes : t.erp;
    const uom = String(d.uom);
    const add = (material: string, lot: string | null, operation: string | null, measure: Measure, qty: unknown) =>
      list.push({ key: r.businesskey, material, lot, operation, measure, amount: signed(sign, measure === 'consumed' ? inBase(conversions.get(r.order_id!)?.list, material, Number(qty), uom) : { qty: Number(qty), uom }), first });
    // a lot and an operation are strings where an event has them (model/event.ts)
    const lot = typeof d.lot === 'string' ? d.lot : null;
    if (typeof d.operation === 'string') {
      // confirmations and their cancellations; the item is the order's: filled in once the order is known (below)
      add('', null, d.operation, 'good', d.goodQty);
      add('', null, d.operation, 'scrap', d.scrapQty);
    } else if (/consum/.test(r.type)) add(String(d.item), lot, null, 'consumed', d.qty);
    else add(String(d.item), lot, null, 'received', r.type === 'mes.order.completed' ? (d.receiptQty ?? d.goodQty) : d.qty);
  }
  for (const t of out.values()) {
    for (const list of [t.mes, t.erp]) list.forEach((e, i) => e.operation !== null && (list[i] = { ...e, material: t.item }));
  }
  return out;
}

const signed = (sign: number, a: Amount): Amount => ({ qty: sign * a.qty, uom: a.uom });

/** An amount of `item` in an alternative unit the order records, in the item's base unit at the order's factor (as the monitor rounds it); else as it is. */
function inBase(list: readonly ItemConversion[] | undefined, item: string, qty: number, uom: string): Amount {
  const c = list?.find((x) => x.item === item && x.uom === uom);
  return c === undefined ? { qty, uom } : { qty: Math.round(qty * c.factor * 1e6) / 1e6, uom: c.base };
}

/**
 * What ERP holds of the keys of an order as a quantity or receipt gap compares them: each key's first
 * posting, once, while its postings net of reversals leave it posted at all. A double posting's excess
 * is the duplicate-posting gap's to show, and a reversal counts through the key it nets.
 */
export function heldByErp(t: OrderTruth): Entry[] {
  const out: Entry[] = [];
  for (const e of t.erp) {
    if (!e.first || e.amount.qty < 0) continue;
    // a key ERP posted and reversals netted to none: ERP holds nothing of it, which is 0, not "never heard of"
    out.push((t.netPostings.get(e.key) ?? 0) >= 1 ? e : { ...e, amount: { qty: 0, uom: e.amount.uom } });
  }
  return out;
}

export type Thing = { readonly material: string; readonly lot: string | null; readonly operation: string | null; readonly measure: Measure };

/**
 * The sum of the entries about `thing` whose unit converts to `uom`, in `uom`; undefined when there is
 * none. `which`: every entry, or only each business key's first.
 */
export function sumFor(entries: readonly Entry[], thing: Thing, uom: string, which: 'first' | 'all', skip: ReadonlySet<string> = new Set()): number | undefined {
  let sum: number | undefined;
  for (const e of entries) {
    if (e.material !== thing.material || e.lot !== thing.lot || e.operation !== thing.operation || e.measure !== thing.measure) continue;
    if ((which === 'first' && !e.first) || skip.has(e.key)) continue;
    const q = convertUom(e.amount.qty, e.amount.uom, uom);
    if (q === undefined) continue;
    sum = (sum ?? 0) + q;
  }
  return sum === undefined ? undefined : Math.round(sum * 1e6) / 1e6;
}

/** Figures that add two units, like `56 EA + 14 PC` or `25 EA + 1.75 KG`. */
export const ADDS_UNITS = /\d\s*[A-Z]{1,3}\s*\+\s*\d/;

/** A payload a producer sent in a newer version (schema drift) in version-1 names, as the monitor reads it. */
function asVersion1(type: string, d: Record<string, unknown>): Record<string, unknown> {
  const rev = SCHEMA_REVISIONS[type as BusinessEventType];
  if (rev === undefined || !Object.keys(rev.renamed).some((k) => k in d)) return d;
  return readTolerant(rev, d).data;
}
