import type { AnyEvent } from '../model/event.js';
import type { ItemConversion } from '../model/uom.js';
import { convertUom } from '../model/uom.js';
import type { CauseStep } from './gap-types.js';
import { sameQty } from './keys.js';
import type { Projection } from './projection.js';
import type { KeyRec, MonitorState, OrderConversions, OrderRec, Side, UomChangeRec } from './state.js';

/**
 * Alternative units of measure and changes of their factors in flight. A BOM may state a component
 * in an alternative unit of the item (adhesive in TUBEs: 1 TUBE = 0.05 KG); MES reports its
 * consumption in that unit, ERP posts in the base unit. The order records, on its creation and
 * release, the factors valid when it was created (`conversions`), and a consumption side in such a
 * unit is compared in the base unit at that factor — what MES said is kept for texts (`Side.said`).
 * A unit the order does not record stays as it came, and is "not convertible" as before.
 *
 * ERP announces a change of a factor (`erp.masterdata.changed`, change `uom`); the monitor keeps
 * the changes it saw, so that a posting converted at another factor than the order's — the one a
 * change set, typically, when the integration layer validates against the newest master data — is
 * named for what it is: a `data-quality` root cause naming both factors and the change.
 */

/** Changes kept per item and unit: master data changes are rare, this only bounds a pathological stream. */
const MAX_CHANGES = 32;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The conversions of an order's payload that can be used (an item, units and a positive factor), or undefined. */
function usable(list: unknown): ItemConversion[] | undefined {
  if (!Array.isArray(list)) return undefined;
  let out: ItemConversion[] | undefined;
  for (const c of list as Partial<ItemConversion>[]) {
    if (typeof c?.item !== 'string' || typeof c.uom !== 'string' || typeof c.base !== 'string' || typeof c.factor !== 'number' || !(c.factor > 0) || !Number.isFinite(c.factor)) continue;
    (out ??= []).push({ item: c.item, uom: c.uom, factor: c.factor, base: c.base });
  }
  return out;
}

/** An order's creation or release recorded its conversions: the first creation's stand until a release's word replaces them (its first copy wins). */
function learn(o: OrderRec, e: AnyEvent): void {
  const released = e.type === 'erp.order.released';
  const c = o.conversions;
  if (c !== undefined && (c.released || !released)) return;
  const list = usable((e.data as { conversions?: unknown }).conversions);
  if (list !== undefined) o.conversions = { list, released } satisfies OrderConversions;
}

function noteChange(s: MonitorState, e: AnyEvent & { type: 'erp.masterdata.changed' }): void {
  const d = e.data;
  if (d.change !== 'uom' || typeof d.uom !== 'string') return;
  const from = Number(d.from);
  const to = Number(d.to);
  if (!(from > 0) || !(to > 0) || !Number.isFinite(from) || !Number.isFinite(to)) return;
  const id = `${d.item}\u0000${d.uom}`;
  const map = (s.uomChanges ??= new Map<string, UomChangeRec[]>());
  let list = map.get(id);
  if (list === undefined) map.set(id, (list = []));
  // a copy of an announcement (the same change, on the same channel) says nothing new
  if (list.some((x) => x.from === from && x.to === to && x.effective === d.effective && x.plant === e.plant && x.line === e.line)) return;
  list.push({ from, to, base: d.base ?? '', effective: d.effective || e.time, eventId: e.id, plant: e.plant, line: e.line });
  if (list.length > MAX_CHANGES) list.shift();
}

/** Orders' recorded conversions, and the conversion changes ERP announced. */
export const uomChanges: Projection = {
  handles: ['erp.order.created', 'erp.order.released', 'erp.masterdata.changed'],
  evolve(s, e, o) {
    if (e.type === 'erp.masterdata.changed') noteChange(s, e);
    else if (o !== undefined) learn(o, e);
  },
};

/**
 * A consumption side as the ledger keeps it: in the item's base unit when `uom` is an alternative
 * unit of `item` that the order records (at the order's factor, rounded as the integration layer
 * converts: `convertItemUom`), with what was said; otherwise as it came (undefined: the caller's plain side).
 */
export function baseSide(c: OrderConversions, label: string, lot: string, qty: number, uom: string): Side | undefined {
  const list = c.list;
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    if (x.uom !== uom || x.item !== label) continue;
    return { label, lot, qty: round6(qty * x.factor), scrap: 0, uom: x.base, said: { qty, uom, factor: x.factor } };
  }
  return undefined;
}

/** `0.05` with no float noise. */
const num = (x: number): string => String(round6(x));

/** Which announced change of this item's unit set (or, `until`, was replaced by) the factor ERP's posting was converted at. */
type Match = { readonly change: UomChangeRec; readonly factor: number; readonly until: boolean };

/**
 * The announced change whose factor a posting of `posted` base units for `qty` alternative units was
 * converted at (not the order's `factor`): a factor a change set before one it replaced (ERP
 * converting at an outdated factor); on the order's line before its plant before elsewhere; the latest.
 */
function matchChange(list: readonly UomChangeRec[], o: OrderRec, qty: number, factor: number, posted: number): Match | undefined {
  let best: Match | undefined;
  let score = -1;
  for (const ch of list) {
    const rank = ch.plant === o.line.plant ? (ch.line === o.line.line ? 2 : 1) : 0;
    for (const until of [false, true]) {
      const f = until ? ch.from : ch.to;
      if (f === factor || !sameQty(round6(qty * f), posted)) continue;
      const sc = rank * 2 + (until ? 0 : 1);
      if (sc >= score) {
        best = { change: ch, factor: f, until };
        score = sc;
      }
      break;
    }
  }
  return best;
}

/**
 * Why ERP's posting of a consumption key MES stated in an alternative unit disagrees with it, when
 * the quantities are what tells: a posting converted at a factor other than the order's — one an
 * announced change set (or replaced) is named as such (`data-quality`, with the change's event) — or,
 * failing that, what MES said and the order's factor. Undefined for any other key.
 */
export function conversionStep(k: KeyRec, changes: ReadonlyMap<string, readonly UomChangeRec[]> | undefined): CauseStep | undefined {
  const m = k.mes;
  const p = k.erp;
  const said = m?.said;
  if (said === undefined || p === undefined || k.iface !== 'consumption') return undefined;
  const base = m!.uom;
  const posted = convertUom(p.qty, p.uom, base);
  if (posted === undefined) return undefined;
  const o = k.order;
  const how = o.conversions?.released === false ? 'created' : 'released';
  const unit = (f: number) => `1 ${said.uom} = ${num(f)} ${base}`;
  const ordered = `order ${o.id} was ${how} with ${unit(said.factor)}, i.e. ${num(m!.qty)} ${base}`;
  const erp = `ERP posted ${p.qty} ${p.uom} for ${k.key}`;
  const list = changes?.get(`${m!.label}\u0000${said.uom}`);
  const hit = list === undefined || said.qty === 0 ? undefined : matchChange(list, o, said.qty, said.factor, posted);
  if (hit !== undefined) {
    const when = hit.until ? `the conversion until ${hit.change.effective}` : `the conversion since ${hit.change.effective}`;
    return {
      text: `${erp}: ${said.qty} ${said.uom} converted at ${unit(hit.factor)}, ${when}; ${ordered}`,
      category: 'data-quality',
      eventId: hit.change.eventId,
      businesskey: k.key,
    };
  }
  return { text: `${erp}, MES reported ${said.qty} ${said.uom}: ${ordered}`, category: 'mismatch', businesskey: k.key };
}
