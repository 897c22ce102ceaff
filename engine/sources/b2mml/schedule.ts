import type { Emitter } from './emitter.js';
import { firstQuantity, refuse, timeOf } from './values.js';
import { kids, label, textOf, type El } from './xml-tree.js';

/** MaterialUse values that name the material a segment makes (V0401–V0600 `Produced`; V07 adds the others). */
export const PRODUCED_USES = ['produced', 'material produced', 'yield produced'];
const REQUIREMENTS = ['MaterialRequirement', 'MaterialProducedRequirement', 'MaterialConsumedRequirement'];
/** Request states that are not (yet) a released order. */
const NOT_RELEASED = ['forecast'];
const DROPPED = ['cancelled', 'canceled'];
/** Version is absent from OperationsRequest and optional on ProductionRequest. */
export const NO_REVISION = 'unversioned';

/** ProductionSchedule / OperationsSchedule → erp.order.created and erp.order.released per request. */
export function mapSchedule(noun: El, createdAt: string | undefined, out: Emitter): void {
  const ops = noun.name === 'OperationsSchedule';
  const time = out.documentTime(noun, createdAt);
  const scheduleEnd = timeOf(noun, 'EndTime');
  for (const req of kids(noun, ops ? 'OperationsRequest' : 'ProductionRequest')) mapRequest(req, [req, noun], time, scheduleEnd, out);
}

function segmentsOf(el: El): El[] {
  return kids(el, 'SegmentRequirement').flatMap((s) => [s, ...segmentsOf(s)]);
}

function isProduced(m: El): boolean {
  if (m.name === 'MaterialProducedRequirement') return true;
  if (m.name !== 'MaterialRequirement') return false;
  return PRODUCED_USES.includes((textOf(m, 'MaterialUse') ?? '').toLowerCase());
}

function mapRequest(req: El, chain: readonly El[], time: number, scheduleEnd: number | undefined, out: Emitter): void {
  const order = textOf(req, 'ID') ?? refuse(req, `${req.name} without ID`);
  const state = (textOf(req, 'RequestState') ?? '').toLowerCase();
  const segments = segmentsOf(req);
  let produced: El | undefined;
  for (const seg of segments) {
    for (const m of seg.children.filter((c) => REQUIREMENTS.includes(c.name))) {
      // every material requirement must name its material, even those no event carries (a BOM line)
      if (textOf(m, 'MaterialDefinitionID') === undefined) refuse(seg, `${label(m)} without MaterialDefinitionID`);
      // the last segment that makes something is the end of the routing: its output is the order's item
      if (isProduced(m)) produced = m;
    }
  }
  if (produced === undefined) refuse(req, `${req.name} without a produced material (MaterialProducedRequirement, or MaterialRequirement with MaterialUse Produced)`);
  if (DROPPED.includes(state)) return;
  const item = textOf(produced, 'MaterialDefinitionID')!;
  const { qty, uom } = firstQuantity(produced, true);
  const routing =
    textOf(req, 'ProductProductionRuleID') ??
    textOf(req, 'OperationsDefinitionID') ??
    (segments.length > 0 ? segments.map((s) => textOf(s, 'ProcessSegmentID') ?? textOf(s, 'ID') ?? label(s)).join(',') : undefined) ??
    refuse(req, `${req.name} without a routing (ProductProductionRuleID, OperationsDefinitionID or SegmentRequirement)`);
  const revision = textOf(req, 'Version') ?? NO_REVISION;
  const latest = segments.map((s) => timeOf(s, 'LatestEndTime')).filter((t): t is number => t !== undefined);
  const dueMs = timeOf(req, 'EndTime') ?? (latest.length > 0 ? Math.max(...latest) : scheduleEnd) ?? refuse(req, `${req.name} without a due date (EndTime)`);
  const due = new Date(dueMs).toISOString();
  const created = out.emit(chain, 'erp.order.created', time, { order, item, qty, uom: uom!, routing, revision, due }, order);
  if (NOT_RELEASED.includes(state)) return;
  out.emit(chain, 'erp.order.released', time, { order, item, qty, uom: uom!, routing, revision }, `${order}/REL`, created.id);
}
