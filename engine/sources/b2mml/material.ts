import type { Emitter } from './emitter.js';
import { firstAmount, quantities, refuse } from './values.js';
import { kid, kids, textOf, type El } from './xml-tree.js';

/**
 * Lot statuses that mean "usable" (compared without case, spaces, hyphens or underscores). ISA-95
 * leaves the values to the site; these are the words ERP and LIMS systems use for a lot that may be
 * consumed. Any other status (quarantine, blocked, rejected, expired, on hold, NotValid, …) places a
 * quality hold; a lot without a Status says nothing about its quality and places none.
 */
export const USABLE_LOT_STATUSES = ['released', 'approved', 'valid', 'available', 'unrestricted', 'unrestricted use', 'accepted', 'usable'];
/** Property IDs (MaterialLotProperty / MaterialSubLotProperty) that name the production order of a lot. */
export const ORDER_PROPERTIES = ['productionrequestid', 'productionorder', 'orderid', 'order', 'ordernumber'];

const norm = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');
const USABLE = new Set(USABLE_LOT_STATUSES.map(norm));

/** A lot's material; `assumed` says how it was guessed when neither the lot nor an element around it names it. */
type Item = { readonly id: string; readonly assumed?: string };
/** What a lot hands down to the sub-lots under it (B2MML nests a sub-lot in its lot and gives it no material of its own). */
type Parent = { readonly item: Item | undefined; readonly order: string | undefined };

/** MaterialDefinition / MaterialInformation → a quality hold per lot or sub-lot whose status is not usable. */
export function mapMaterial(noun: El, createdAt: string | undefined, out: Emitter): void {
  const defs = noun.name === 'MaterialDefinition' ? [noun] : kids(noun, 'MaterialDefinition');
  // items have no event of their own; a definition must still say which item it is
  for (const d of defs) if (textOf(d, 'ID') === undefined) refuse(d, 'MaterialDefinition without ID');
  if (noun.name === 'MaterialDefinition') return;
  const doc = lookups(noun, defs);
  const time = () => out.documentTime(noun, createdAt);
  for (const lot of kids(noun, 'MaterialLot')) checkLot(lot, [lot, noun], { item: doc.listed(lot), order: undefined }, time, out);
  // lots some systems write inside their material's definition: the definition names their material
  for (const d of defs) {
    for (const lot of kids(d, 'MaterialLot')) checkLot(lot, [lot, d, noun], { item: { id: textOf(d, 'ID')! }, order: undefined }, time, out);
  }
  for (const sub of kids(noun, 'MaterialSubLot')) {
    // a stand-alone sub-lot is placed, and named, as the lot it names would be
    const { parent, around } = doc.parentOf(sub);
    checkLot(sub, [sub, ...around, noun], parent, time, out);
  }
}

type Lookups = {
  /** the material of a top-level lot that does not name one: a definition listing it, else the document's */
  listed(lot: El): Item | undefined;
  /** what a top-level sub-lot inherits from the lot its MaterialLotID names, and that lot's elements (innermost first) */
  parentOf(sub: El): { readonly parent: Parent; readonly around: readonly El[] };
};

function lookups(noun: El, defs: readonly El[]): Lookups {
  // MaterialDefinition/MaterialLotID ties a lot to its material without nesting it
  const listedBy = new Map<string, string>();
  for (const d of defs) for (const l of kids(d, 'MaterialLotID')) if (l.text !== '') listedBy.set(l.text, textOf(d, 'ID')!);
  const only = defs.length === 1 ? textOf(defs[0]!, 'ID') : undefined;
  const mi = textOf(noun, 'ID');
  const fallback: Item | undefined =
    only !== undefined
      ? { id: only, assumed: `assumed material ${only}, the only MaterialDefinition in the document` }
      : mi !== undefined
        ? { id: mi, assumed: `assumed material ${mi}, the ID of the enclosing MaterialInformation` }
        : undefined;
  const byId = (id: string | undefined): Item | undefined => {
    const def = id === undefined ? undefined : listedBy.get(id);
    return def !== undefined ? { id: def } : fallback;
  };
  const lots = new Map<string, { el: El; def?: El }>();
  for (const el of kids(noun, 'MaterialLot')) lots.set(textOf(el, 'ID') ?? '', { el });
  for (const def of defs) for (const el of kids(def, 'MaterialLot')) lots.set(textOf(el, 'ID') ?? '', { el, def });
  return {
    listed: (lot) => byId(textOf(lot, 'ID')),
    parentOf(sub) {
      const parentId = textOf(sub, 'MaterialLotID');
      const parent = parentId === undefined ? undefined : lots.get(parentId);
      if (parent === undefined) return { parent: { item: byId(parentId), order: undefined }, around: [] };
      const own = textOf(parent.el, 'MaterialDefinitionID') ?? (parent.def ? textOf(parent.def, 'ID') : undefined);
      const item = own !== undefined ? { id: own } : byId(parentId);
      return { parent: { item, order: propertyOrder(parent.el) }, around: parent.def ? [parent.el, parent.def] : [parent.el] };
    },
  };
}

function propertyOrder(el: El): string | undefined {
  const props = el.children.filter((c) => /^Material(Lot|SubLot|Sublot)Property$/.test(c.name));
  const p = props.find((x) => ORDER_PROPERTIES.includes((textOf(x, 'ID') ?? '').toLowerCase()));
  const value = p === undefined ? undefined : kid(p, 'Value');
  return value === undefined ? undefined : textOf(value, 'ValueString');
}

function checkLot(el: El, chain: readonly El[], parent: Parent, time: () => number, out: Emitter): void {
  const lot = textOf(el, 'ID') ?? refuse(el, `${el.name} without ID`);
  const own = textOf(el, 'MaterialDefinitionID');
  const item: Item | undefined = own !== undefined ? { id: own } : parent.item;
  const order = propertyOrder(el) ?? parent.order;
  const status = textOf(el, 'Status');
  if (status !== undefined && !USABLE.has(norm(status))) {
    if (item === undefined) {
      refuse(el, `${el.name} ${lot} is ${status} but names no material: no MaterialDefinitionID on it or its lot, no MaterialDefinition lists it, and the MaterialInformation has no ID`);
    }
    if (item.assumed !== undefined) out.warn(el, `no MaterialDefinitionID: ${item.assumed}`);
    const qs = quantities(el);
    const q = firstAmount(qs, `the quantity of lot ${lot} held`, out);
    if (q === undefined) out.warn(el, `no Quantity${qs.length === 0 ? '' : ' in an amount'}: assumed 0 held of lot ${lot} (the document holds it without saying how much)`);
    const qty = q?.qty ?? 0;
    // a hold is kept per order; a lot that names none (nor does its lot) is held under its own ID
    const held = order ?? lot;
    out.emit(chain, 'qms.hold.placed', time(), { order: held, item: item.id, lot, qty, reason: status }, `${held}/HOLD/${lot}`);
  }
  for (const sub of kids(el, 'MaterialSubLot')) checkLot(sub, [sub, ...chain], { item, order }, time, out);
}
