import type { Emitter } from './emitter.js';
import { firstQuantity, refuse } from './values.js';
import { kid, kids, textOf, type El } from './xml-tree.js';

/**
 * Lot statuses that mean "usable" (compared without case). ISA-95 leaves the values to the site;
 * these are the words ERP and LIMS systems use for a lot that may be consumed. Any other status
 * (quarantine, blocked, rejected, expired, on hold, restricted, …) places a quality hold; a lot
 * without a Status says nothing about its quality and places none.
 */
export const USABLE_LOT_STATUSES = ['released', 'approved', 'valid', 'available', 'unrestricted', 'accepted', 'usable'];
/** Property IDs (MaterialLotProperty / MaterialSubLotProperty) that name the production order of a lot. */
export const ORDER_PROPERTIES = ['productionrequestid', 'productionorder', 'orderid', 'order', 'ordernumber'];

/** MaterialDefinition / MaterialInformation → a quality hold per lot or sub-lot whose status is not usable. */
export function mapMaterial(noun: El, createdAt: string | undefined, out: Emitter): void {
  const defs = noun.name === 'MaterialDefinition' ? [noun] : kids(noun, 'MaterialDefinition');
  // items have no event of their own; a definition must still say which item it is
  for (const d of defs) if (textOf(d, 'ID') === undefined) refuse(d, 'MaterialDefinition without ID');
  if (noun.name === 'MaterialDefinition') return;
  const time = out.documentTime(noun, createdAt);
  const lots = kids(noun, 'MaterialLot');
  const itemOfLot = new Map(lots.map((l) => [textOf(l, 'ID'), textOf(l, 'MaterialDefinitionID')] as const));
  for (const lot of lots) {
    const item = textOf(lot, 'MaterialDefinitionID') ?? refuse(lot, 'MaterialLot without MaterialDefinitionID');
    checkLot(lot, [lot, noun], item, time, out);
  }
  for (const sub of kids(noun, 'MaterialSubLot')) {
    const parent = textOf(sub, 'MaterialLotID') ?? refuse(sub, 'MaterialSubLot without MaterialLotID');
    const item = itemOfLot.get(parent) ?? refuse(sub, `MaterialSubLot of lot ${parent}, which the document does not define (its MaterialDefinitionID is needed)`);
    checkLot(sub, [sub, noun], item, time, out);
  }
}

function propertyOrder(el: El): string | undefined {
  const props = el.children.filter((c) => /^Material(Lot|SubLot|Sublot)Property$/.test(c.name));
  const p = props.find((x) => ORDER_PROPERTIES.includes((textOf(x, 'ID') ?? '').toLowerCase()));
  const value = p === undefined ? undefined : kid(p, 'Value');
  return value === undefined ? undefined : textOf(value, 'ValueString');
}

function checkLot(el: El, chain: readonly El[], item: string, time: number, out: Emitter): void {
  const lot = textOf(el, 'ID') ?? refuse(el, `${el.name} without ID`);
  const status = textOf(el, 'Status');
  if (status !== undefined && !USABLE_LOT_STATUSES.includes(status.toLowerCase())) {
    // a hold is kept per order; a lot that names none is held under its own ID
    const order = propertyOrder(el) ?? lot;
    const { qty } = firstQuantity(el, false);
    out.emit(chain, 'qms.hold.placed', time, { order, item, lot, qty, reason: status }, `${order}/HOLD/${lot}`);
  }
  for (const sub of kids(el, 'MaterialSubLot')) checkLot(sub, [sub, ...chain], item, time, out);
}
