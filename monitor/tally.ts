import { convertUom } from '../model/uom.js';

/**
 * A quantity summed in one reference unit. Amounts master data cannot convert are kept apart by
 * unit rather than dropped or forced, so "8 EA + 2 PC" shows exactly what does not add up.
 */
export type Tally = { ref: string; sum: number; other: Map<string, number> | undefined };

export function tally(ref: string): Tally {
  return { ref, sum: 0, other: undefined };
}

export function add(t: Tally, qty: number, uom: string): void {
  if (t.ref === '') t.ref = uom;
  const q = convertUom(qty, uom, t.ref);
  if (q !== undefined) {
    t.sum += q;
    return;
  }
  // nothing of any unit is nothing: "0 PC" against ERP's 0 is not a mismatch
  if (qty === 0) return;
  t.other ??= new Map();
  t.other.set(uom, (t.other.get(uom) ?? 0) + qty);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A number in the reference unit, or text naming every unit when some part did not convert. */
export function valueOf(t: Tally): number | string {
  if (t.other === undefined) return round(t.sum);
  const parts: string[] = t.sum !== 0 ? [`${round(t.sum)} ${t.ref}`] : [];
  for (const [u, q] of t.other) parts.push(`${round(q)} ${u || '(no unit)'}`);
  return parts.join(' + ');
}

export function deltaOf(mes: number | string, erp: number | string): number | null {
  return typeof mes === 'number' && typeof erp === 'number' ? round(mes - erp) : null;
}

export function sameValue(a: number | string, b: number | string): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}
