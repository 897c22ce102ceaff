import type { Emitter } from './emitter.js';
import { cancelledState, mapCancelled, mapChanged } from './request-changes.js';
import { firstAmount, quantities, refuse, timeOf } from './values.js';
import { kids, label, textOf, type El } from './xml-tree.js';

/** MaterialUse values that name the material a segment makes (V0401–V0600 `Produced`; V07 adds the others). */
export const PRODUCED_USES = ['produced', 'material produced', 'yield produced'];
/** Request states that are not (yet) a released order. */
const NOT_RELEASED = ['forecast'];
/** Version is optional on ProductionRequest (V0600) and OperationsRequest (V07), and absent in V0401. */
export const NO_REVISION = 'unversioned';
/** The unit assumed for a quantity that names none: a count. */
export const COUNT_UNIT = 'EA';
/**
 * The operation a segment (requirement or response) is: its ProcessSegmentID, else its
 * ProductSegmentID (the product's own segment, which MES systems that run product-specific routings
 * send instead), else its ID.
 */
export function segmentIdOf(seg: El): string | undefined {
  return textOf(seg, 'ProcessSegmentID') ?? textOf(seg, 'ProductSegmentID') ?? textOf(seg, 'ID');
}
export const NO_SEGMENT_ID = 'no ProcessSegmentID, ProductSegmentID or ID';

/** Nested segments: `SegmentRequirement` up to V0600, `SegmentRequirementChild` in V07. */
const NESTED = ['SegmentRequirement', 'SegmentRequirementChild'];

/**
 * ProductionSchedule / OperationsSchedule → erp.order.created and erp.order.released per request;
 * in a Cancel wrapper (`cancelledBy`: its root's name), the cancellation of each request's order.
 */
export function mapSchedule(noun: El, createdAt: string | undefined, out: Emitter, cancelledBy?: string): void {
  const ops = noun.name === 'OperationsSchedule';
  const scheduleEnd = timeOf(noun, 'EndTime');
  const time = () => out.documentTime(noun, createdAt);
  for (const req of kids(noun, ops ? 'OperationsRequest' : 'ProductionRequest')) {
    if (cancelledBy !== undefined) mapCancelled(req, [req, noun], time, out, cancelledBy);
    else mapRequest(req, [req, noun], time, scheduleEnd, out);
  }
}

function segmentsOf(el: El): El[] {
  return el.children.filter((c) => NESTED.includes(c.name)).flatMap((s) => [s, ...segmentsOf(s)]);
}

function isProduced(m: El): boolean {
  if (m.name === 'MaterialProducedRequirement') return true;
  if (m.name !== 'MaterialRequirement') return false;
  return PRODUCED_USES.includes((textOf(m, 'MaterialUse') ?? '').toLowerCase());
}

/** The produced requirement that names the order's item: the last one with a MaterialDefinitionID. */
function producedOf(segments: readonly El[]): { readonly named?: El; readonly any: boolean } {
  let named: El | undefined;
  let any = false;
  for (const seg of segments) {
    for (const m of seg.children.filter(isProduced)) {
      any = true;
      // the last segment that makes something is the end of the routing: its output is the order's item
      if (textOf(m, 'MaterialDefinitionID') !== undefined) named = m;
    }
  }
  return named === undefined ? { any } : { named, any };
}

function mapRequest(req: El, chain: readonly El[], time: () => number, scheduleEnd: number | undefined, out: Emitter): void {
  const state = (textOf(req, 'RequestState') ?? '').toLowerCase();
  // a cancelled (or aborted) request is ERP cancelling the order
  if (cancelledState(state)) return mapCancelled(req, chain, time, out);
  const order = textOf(req, 'ID') ?? refuse(req, `${req.name} without ID: the order it requests cannot be named`);
  const segments = segmentsOf(req);
  const { named: produced, any } = producedOf(segments);
  if (produced === undefined) {
    const what = any ? 'its produced material names no MaterialDefinitionID' : 'it names no produced material (MaterialProducedRequirement, or MaterialRequirement with MaterialUse Produced)';
    out.warn(req, `no order events for ${order}: ${what}, and an order needs its item`);
    return;
  }
  const item = textOf(produced, 'MaterialDefinitionID')!;
  const qs = quantities(produced);
  if (qs.length === 0) {
    out.warn(produced, `no order events for ${order}: the produced material ${item} has no Quantity, and an order needs its quantity`);
    return;
  }
  const q = firstAmount(qs, `the quantity of order ${order}`, out);
  if (q === undefined) {
    out.warn(produced, `no order events for ${order}: no Quantity of the produced material ${item} is an amount, and an order needs its quantity`);
    return;
  }
  const { qty, uom: unit } = q;
  const uom = unit ?? COUNT_UNIT;
  if (unit === undefined) out.warn(q.el, `no UnitOfMeasure: assumed ${COUNT_UNIT} (a count) for the ${qty} of ${item}`);
  const routing = routingOf(req, segments, out);
  const revision = textOf(req, 'Version') ?? NO_REVISION;
  const latest = segments.map((s) => timeOf(s, 'LatestEndTime')).filter((t): t is number => t !== undefined);
  const dueMs = timeOf(req, 'EndTime') ?? (latest.length > 0 ? Math.max(...latest) : scheduleEnd);
  // no due date is no lateness: the field is left out rather than invented
  if (dueMs === undefined) out.warn(req, 'no EndTime (nor a segment LatestEndTime or schedule EndTime): the order has no due date, so it is never late');
  const due = dueMs === undefined ? {} : { due: new Date(dueMs).toISOString() };
  const at = time();
  // a request an earlier document released, now with another quantity or end time: ERP changed the order
  if (!NOT_RELEASED.includes(state) && mapChanged(chain, order, qty, uom, due.due, at, out)) return;
  const created = out.emit(chain, 'erp.order.created', at, { order, item, qty, uom, routing, revision, ...due }, order);
  if (NOT_RELEASED.includes(state)) return;
  out.emit(chain, 'erp.order.released', at, { order, item, qty, uom, routing, revision }, `${order}/REL`, created.id);
  if (out.knownRequest(order) === undefined) out.rememberRequest(order, { qty, uom, due: due.due, changes: 0 });
}

/** ProductProductionRuleID, else OperationsDefinitionID, else the segments' ids (their place where they have none). */
function routingOf(req: El, segments: readonly El[], out: Emitter): string {
  const named = textOf(req, 'ProductProductionRuleID') ?? textOf(req, 'OperationsDefinitionID');
  if (named !== undefined) return named;
  return segments
    .map((s) => {
      const id = segmentIdOf(s);
      if (id !== undefined) return id;
      out.warn(s, `${NO_SEGMENT_ID}: assumed "${label(s)}", its place in the request, as its step of the routing`);
      return label(s);
    })
    .join(',');
}
