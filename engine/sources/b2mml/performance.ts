import { convertUom } from '../../../model/index.js';
import type { Emitter } from './emitter.js';
import { equipmentOf } from './scope.js';
import { PRODUCED_USES } from './schedule.js';
import { quantities, firstQuantity, refuse, timeOf, type Quantity } from './values.js';
import { kid, kids, label, textOf, type El } from './xml-tree.js';

/** MaterialUse values of material taken from stock by a segment. `Consumable` (energy, water) is not lot-tracked. */
export const CONSUMED_USES = ['consumed', 'material consumed'];
/** A produced Quantity whose Key matches this is scrap; any other produced quantity is good. */
export const SCRAP_KEY = /scrap|reject|waste|defect/i;
/** Response states after which the last segment confirms the end of the order. */
const DONE = ['completed', 'closed'];
/** Unit of a confirmation that reports no produced quantity and no other quantity either. */
const COUNT_UNIT = 'EA';

const ACTUALS = ['MaterialActual', 'MaterialProducedActual', 'MaterialConsumedActual'];

function use(m: El): 'produced' | 'consumed' | 'other' {
  if (m.name === 'MaterialProducedActual') return 'produced';
  if (m.name === 'MaterialConsumedActual') return 'consumed';
  const u = (textOf(m, 'MaterialUse') ?? '').toLowerCase();
  return PRODUCED_USES.includes(u) ? 'produced' : CONSUMED_USES.includes(u) ? 'consumed' : 'other';
}

/** ProductionPerformance / OperationsPerformance → consumption and confirmation per SegmentResponse. */
export function mapPerformance(noun: El, createdAt: string | undefined, out: Emitter): void {
  const ops = noun.name === 'OperationsPerformance';
  const docTime = out.documentTime(noun, createdAt);
  for (const resp of kids(noun, ops ? 'OperationsResponse' : 'ProductionResponse')) {
    // the order is the request the schedule sent; a response that names none is its own order
    const order = textOf(resp, ops ? 'OperationsRequestID' : 'ProductionRequestID') ?? textOf(resp, 'ID') ?? refuse(resp, `${resp.name} without ${ops ? 'OperationsRequestID' : 'ProductionRequestID'} or ID`);
    const state = textOf(resp, 'ResponseState')?.toLowerCase();
    const respTime = timeOf(resp, 'EndTime') ?? docTime;
    const segments = kids(resp, 'SegmentResponse');
    segments.forEach((seg, i) => {
      const final = i === segments.length - 1 && (state === undefined || DONE.includes(state));
      mapSegment(seg, [seg, resp, noun], order, final, timeOf(seg, 'ActualEndTime') ?? respTime, out);
    });
  }
}

function mapSegment(seg: El, chain: readonly El[], order: string, final: boolean, time: number, out: Emitter): void {
  const operation = textOf(seg, 'ProcessSegmentID') ?? textOf(seg, 'ID') ?? refuse(seg, 'SegmentResponse without ProcessSegmentID or ID');
  const equipment = kids(seg, 'EquipmentActual').map((e) => textOf(e, 'EquipmentID')).find((x) => x !== undefined);
  const workCenter = equipment ?? equipmentOf(seg).at(-1)?.id ?? refuse(seg, 'SegmentResponse without a work center (EquipmentActual/EquipmentID, HierarchyScope or Location)');
  const actuals = seg.children.filter((c) => ACTUALS.includes(c.name));
  const good: Quantity[] = [];
  const scrap: Quantity[] = [];
  for (const m of actuals) {
    const u = use(m);
    if (u === 'other') continue;
    if (textOf(m, 'MaterialDefinitionID') === undefined) refuse(seg, `${label(m)} without MaterialDefinitionID`);
    if (u === 'consumed') {
      const item = textOf(m, 'MaterialDefinitionID')!;
      const lot = textOf(m, 'MaterialLotID') ?? textOf(m, 'MaterialSubLotID') ?? refuse(seg, `${label(m)} without MaterialLotID`);
      const q = withUnit(m, firstQuantity(m, true));
      out.emit([m, ...chain], 'mes.material.consumed', time, { order, item, lot, qty: q.qty, uom: q.uom }, `${order}/CONS/${item}/${lot}`);
      continue;
    }
    const qs = quantities(m);
    if (qs.length === 0) refuse(seg, `${label(m)} without Quantity`);
    scrap.push(...qs.filter((q) => q.key !== undefined && SCRAP_KEY.test(q.key)));
    // further unkeyed quantities are the same amount in other units; the first one counts
    const g = qs.find((q) => q.key === undefined || !SCRAP_KEY.test(q.key));
    if (g) good.push(g);
  }
  const anyUnit = actuals.flatMap((m) => kids(m, 'Quantity')).map((q) => textOf(q, 'UnitOfMeasure')).find((x) => x !== undefined);
  const uom = (good[0] ?? scrap[0])?.uom ?? anyUnit?.toUpperCase() ?? COUNT_UNIT;
  const data = { order, operation, workCenter, goodQty: sum(good, uom), scrapQty: sum(scrap, uom), uom, final };
  out.emit(chain, 'mes.operation.confirmed', time, data, `${order}/CONF/${operation}`);
}

function withUnit(m: El, q: Quantity): { qty: number; uom: string } {
  if (q.uom === undefined) refuse(kid(m, 'Quantity') ?? m, 'Quantity without UnitOfMeasure');
  return { qty: q.qty, uom: q.uom };
}

/** Quantities in `uom`; one that master data cannot convert is refused rather than added wrongly. */
function sum(qs: readonly Quantity[], uom: string): number {
  let total = 0;
  for (const q of qs) {
    if (q.uom === undefined) refuse(q.el, 'Quantity without UnitOfMeasure');
    const v = convertUom(q.qty, q.uom, uom);
    if (v === undefined) refuse(q.el, `${q.uom} cannot be converted to ${uom}, the unit of the other produced quantities`);
    total += v;
  }
  return Math.round(total * 1e6) / 1e6;
}
