import { convertUom } from '../../../model/index.js';
import type { Emitter } from './emitter.js';
import { equipmentOf, placeOf } from './scope.js';
import { COUNT_UNIT, NO_SEGMENT_ID, PRODUCED_USES, segmentIdOf } from './schedule.js';
import { amountsOf, firstAmount, notAnAmount, quantities, refuse, timeOf, type Quantity } from './values.js';
import { kids, label, textOf, type El } from './xml-tree.js';

/** MaterialUse values of material taken from stock by a segment. `Consumable` (energy, water) is not lot-tracked. */
export const CONSUMED_USES = ['consumed', 'material consumed'];
/** A produced Quantity whose Key matches this is scrap; any other produced quantity is good. */
export const SCRAP_KEY = /scrap|reject|waste|defect/i;
/** Response states after which the last segment confirms the end of the order. */
const DONE = ['completed', 'closed'];

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
  const requestId = ops ? 'OperationsRequestID' : 'ProductionRequestID';
  for (const resp of kids(noun, ops ? 'OperationsResponse' : 'ProductionResponse')) {
    // the order is the request the schedule sent; a response that names none is taken as its own order
    const own = textOf(resp, 'ID');
    const order = textOf(resp, requestId) ?? own ?? refuse(resp, `${resp.name} without ${requestId} or ID: the order it reports on cannot be named`);
    if (textOf(resp, requestId) === undefined) out.warn(resp, `no ${requestId}: assumed the order is the response's own ID, ${order}`);
    const state = textOf(resp, 'ResponseState')?.toLowerCase();
    const respTime = () => timeOf(resp, 'EndTime') ?? out.documentTime(noun, createdAt);
    const segments = kids(resp, 'SegmentResponse');
    segments.forEach((seg, i) => {
      const final = i === segments.length - 1 && (state === undefined || DONE.includes(state));
      mapSegment(seg, [seg, resp, noun], order, final, () => timeOf(seg, 'ActualEndTime') ?? respTime(), out);
    });
  }
}

function mapSegment(seg: El, chain: readonly El[], order: string, final: boolean, time: () => number, out: Emitter): void {
  const named = segmentIdOf(seg);
  const operation = named ?? label(seg);
  if (named === undefined) out.warn(seg, `${NO_SEGMENT_ID}: assumed operation "${operation}", its place in the response`);
  const workCenter = workCenterOf(seg, chain, out);
  const actuals = seg.children.filter((c) => ACTUALS.includes(c.name));
  const good: Quantity[] = [];
  const scrap: Quantity[] = [];
  const at = time();
  for (const m of actuals) {
    const u = use(m);
    if (u === 'consumed') consumed(m, [m, ...chain], order, at, out);
    if (u !== 'produced') continue;
    // the produced item is not carried (a confirmation counts output), so a material class is enough
    const qs = quantities(m);
    if (qs.length === 0) out.warn(m, 'no Quantity: this produced material adds nothing to the confirmation');
    const isScrap = (q: Quantity) => q.key !== undefined && SCRAP_KEY.test(q.key);
    // a rate or a yield in percent beside the amounts is not output
    scrap.push(...amountsOf(qs.filter(isScrap), 'scrap', out));
    // further unkeyed quantities are the same amount in other units; the first amount counts
    const g = firstAmount(qs.filter((q) => !isScrap(q)), 'good output', out);
    if (g) good.push(g);
  }
  const anyUnit = actuals.flatMap((m) => kids(m, 'Quantity')).map((q) => textOf(q, 'UnitOfMeasure')).find((x) => x !== undefined && notAnAmount(x) === undefined);
  const uom = [...good, ...scrap].find((q) => q.uom !== undefined)?.uom ?? anyUnit?.toUpperCase() ?? COUNT_UNIT;
  if (good.length + scrap.length === 0) out.warn(seg, `no produced quantity (MaterialProducedActual, or MaterialActual with MaterialUse Produced): confirmed 0 good and 0 scrap ${uom}`);
  const data = { order, operation, workCenter, goodQty: sum(good, uom, out), scrapQty: sum(scrap, uom, out), uom, final };
  out.emit(chain, 'mes.operation.confirmed', at, data, `${order}/CONF/${operation}`);
}

/** The first EquipmentActual, else the innermost equipment of the segment's scope, else the line it is placed on. */
function workCenterOf(seg: El, chain: readonly El[], out: Emitter): string {
  const equipment = kids(seg, 'EquipmentActual').map((e) => textOf(e, 'EquipmentID')).find((x) => x !== undefined);
  const scoped = equipment ?? equipmentOf(seg).at(-1)?.id;
  if (scoped !== undefined) return scoped;
  const { line } = placeOf(chain, out.opts);
  out.warn(seg, `no EquipmentActual, HierarchyScope or Location naming equipment: assumed work center ${line}, the line`);
  return line;
}

/** A consumed actual → mes.material.consumed. Its material and lot are its identity: without them it is refused. */
function consumed(m: El, chain: readonly El[], order: string, at: number, out: Emitter): void {
  const seg = chain[1]!;
  const item = textOf(m, 'MaterialDefinitionID') ?? refuse(seg, `${label(m)} without MaterialDefinitionID: the consumed material cannot be named`);
  const lot = textOf(m, 'MaterialLotID') ?? textOf(m, 'MaterialSubLotID') ?? refuse(seg, `${label(m)} without MaterialLotID`);
  const qs = quantities(m);
  const v = firstAmount(qs, `the quantity of ${item} lot ${lot} consumed`, out);
  if (v === undefined) out.warn(m, `no Quantity${qs.length === 0 ? '' : ' in an amount'}: assumed 0 ${COUNT_UNIT} of ${item} lot ${lot} consumed`);
  else if (v.uom === undefined) out.warn(v.el, `no UnitOfMeasure: assumed ${COUNT_UNIT} (a count) for the ${v.qty} of ${item} consumed`);
  const qty = v?.qty ?? 0;
  const uom = v?.uom ?? COUNT_UNIT;
  out.emit(chain, 'mes.material.consumed', at, { order, item, lot, qty, uom }, `${order}/CONS/${item}/${lot}`);
}

/** Quantities in `uom`; one without a unit is taken to be in it, one master data cannot convert is refused rather than added wrongly. */
function sum(qs: readonly Quantity[], uom: string, out: Emitter): number {
  let total = 0;
  for (const q of qs) {
    if (q.uom === undefined) out.warn(q.el, `no UnitOfMeasure: assumed ${uom}, the unit of the confirmation`);
    const v = convertUom(q.qty, q.uom ?? uom, uom);
    if (v === undefined) refuse(q.el, `${q.uom} cannot be converted to ${uom}, the unit of the other produced quantities`);
    total += v;
  }
  return Math.round(total * 1e6) / 1e6;
}
