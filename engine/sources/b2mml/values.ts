import { parseRfc3339 } from '../../../model/index.js';
import type { El } from './xml-tree.js';
import { kids, textOf } from './xml-tree.js';

/** Thrown by readers; the importer adds the file name. */
export class Refusal extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(reason);
    this.path = path;
  }
}

export function refuse(at: El | string, reason: string): never {
  throw new Refusal(typeof at === 'string' ? at : at.path, reason);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An xs:dateTime (or xs:date) → epoch ms. A time without a zone is read as UTC, so the same
 * file gives the same events on every machine.
 */
export function parseDateTime(value: string, at: El | string, what: string): number {
  const m = DATE_TIME.exec(value);
  const time = m?.[2] ?? '00:00:00';
  // xs:dateTime writes the end of a day as 24:00:00, RFC 3339 as 00:00:00 of the next day
  const endOfDay = /^24:00:00(\.0+)?$/.test(time);
  // the strict RFC 3339 reader refuses days that do not exist (Date.parse turns 02-30 into 03-02);
  // past 9 fraction digits nothing changes at millisecond precision
  const ms = m ? parseRfc3339(`${m[1]}T${endOfDay ? '00:00:00' : time.replace(/(\.\d{9})\d+$/, '$1')}${m[3] ?? 'Z'}`) : undefined;
  if (ms === undefined) refuse(at, `${what} "${value}" is not an xs:dateTime`);
  return endOfDay ? ms + 86_400_000 : ms;
}

/** The time in child `name` of `el`, or undefined when there is none. */
export function timeOf(el: El, name: string): number | undefined {
  const v = textOf(el, name);
  return v === undefined ? undefined : parseDateTime(v, el, name);
}

export type Quantity = { readonly qty: number; readonly uom: string | undefined; readonly key: string | undefined; readonly el: El };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A QuantityValue element: QuantityString as a number, UnitOfMeasure upper-cased (as master data spells units). */
export function quantity(q: El): Quantity {
  const s = textOf(q, 'QuantityString');
  if (s === undefined) refuse(q, 'Quantity without QuantityString');
  if (!NUMBER.test(s)) refuse(q, `QuantityString "${s}" is not a number`);
  const qty = Number(s);
  if (qty < 0) refuse(q, `QuantityString "${s}" is negative`);
  return { qty, uom: textOf(q, 'UnitOfMeasure')?.toUpperCase(), key: textOf(q, 'Key'), el: q };
}

export function quantities(el: El): Quantity[] {
  return kids(el, 'Quantity').map(quantity);
}

/**
 * What a unit measures when it is not an amount: a ratio (`t/h`, `kg/s`, `g/L`, `pieces per hour`:
 * a rate, a concentration) or a proportion (`%`, `ppm`). B2MML lets an element carry several
 * Quantity elements told apart by Key — a planned rate beside the planned amount, a yield in percent
 * beside the count made — and only an amount can be an order's quantity, a confirmation's yield or a
 * consumption. `undefined`: an amount (or no unit at all, taken as a count).
 */
export function notAnAmount(uom: string | undefined): 'a rate or ratio' | 'a proportion' | undefined {
  if (uom === undefined) return undefined;
  const u = uom.trim().toLowerCase();
  if (u === '%' || u === 'percent' || u === 'pct' || u === 'ppm') return 'a proportion';
  return u.includes('/') || /(^|\s)per\s/.test(u) ? 'a rate or ratio' : undefined;
}

/** Where a passed-over quantity is said: the document's Emitter (not imported here: it reads values). */
type Warnings = { warn(at: El, message: string): void };

/** Says in a warning that `q`, being `not` an amount, was passed over as `purpose`. */
function passOver(q: Quantity, not: string, purpose: string, out: Warnings): void {
  out.warn(q.el, `${q.qty} ${q.uom}${q.key === undefined ? '' : ` (Key ${q.key})`} is ${not}, not an amount: not taken as ${purpose}`);
}

/**
 * The first of `qs` in an amount, saying in a warning which quantities before it were passed over
 * and why (`purpose` names what the amount is for: "the order's quantity"); undefined when none is.
 */
export function firstAmount(qs: readonly Quantity[], purpose: string, out: Warnings): Quantity | undefined {
  for (const q of qs) {
    const not = notAnAmount(q.uom);
    if (not === undefined) return q;
    passOver(q, not, purpose, out);
  }
  return undefined;
}

/** Every one of `qs` in an amount (quantities summed, such as scrap), warning of each passed over. */
export function amountsOf(qs: readonly Quantity[], purpose: string, out: Warnings): Quantity[] {
  return qs.filter((q) => {
    const not = notAnAmount(q.uom);
    if (not !== undefined) passOver(q, not, purpose, out);
    return not === undefined;
  });
}
