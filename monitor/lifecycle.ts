import type { OrderState } from '../model/names.js';
import type { Projection } from './projection.js';
import type { OrderRec } from './state.js';

/** Lifecycle order; a lower-ranked entering event that arrives late (delayed, duplicated) does not move the order back. */
const RANK: Readonly<Record<OrderState, number>> = {
  created: 0,
  released: 1,
  acknowledged: 2,
  'in-process': 3,
  completed: 4,
  'quality-pending': 5,
  inspected: 6,
  'on-hold': 7,
  'hold-released': 8,
  received: 9,
  closed: 10,
  // ERP cancelled the order: nothing the plant does after that moves it on
  cancelled: 11,
};

/**
 * Move the order into `state` (ORDER_STATE_ENTERED_BY). Backward moves are allowed only where the
 * plant really goes back: a hold can be placed at any time, and rework restarts production and
 * then asks for a new inspection. `rework`: the lot was released for rework and not yet inspected again.
 */
function enter(o: OrderRec, state: OrderState, at: number, rework = false): void {
  if (o.state === state || o.state === 'closed') return;
  const forward = RANK[state] > RANK[o.state];
  const back = rework && (state === 'in-process' || state === 'quality-pending');
  if (!forward && !back && state !== 'on-hold') return;
  o.state = state;
  o.since = at;
}

/** Index into `OrderRec.qmsKeys` per QMS event type. */
const QMS_SLOT = {
  'qms.inspection.requested': 0,
  'qms.inspection.recorded': 1,
  'qms.hold.placed': 2,
  'qms.hold.released': 3,
  'qms.usage.decided': 4,
} as const;

/**
 * A QMS event repeating the business key of the last one of its type is a duplicate (a copy made
 * in transit); it must not reset the lot's quality state. A re-inspection after rework has its own key.
 */
function firstSight(o: OrderRec, type: keyof typeof QMS_SLOT, key: string): boolean {
  const i = QMS_SLOT[type];
  if (o.qmsKeys[i] === key) return false;
  o.qmsKeys[i] = key;
  return true;
}

export const lifecycle: Projection = {
  handles: [
    'erp.order.created',
    'erp.order.released',
    'mes.order.acknowledged',
    'mes.operation.started',
    'mes.order.completed',
    'qms.inspection.requested',
    'qms.inspection.recorded',
    'qms.hold.placed',
    'qms.hold.released',
    'qms.usage.decided',
    'erp.goods.received',
    'erp.order.closed',
    'erp.order.cancelled',
  ],
  evolve(s, e, o, at, retained) {
    if (o === undefined) return;
    switch (e.type) {
      case 'erp.order.created':
      case 'erp.order.released':
        o.item ||= e.data.item;
        o.uom ||= e.data.uom;
        o.revision ||= e.data.revision;
        // a retained creation is no evidence for a lost release (expectations.ts): it may be long released
        if (e.type === 'erp.order.created' && !retained && o.releaseKey === undefined && o.state === 'created') o.line.unreleased.add(o);
        if (e.type === 'erp.order.released') {
          o.line.unreleased.delete(o);
          enter(o, 'released', at);
          if (!o.countedReleased) {
            o.countedReleased = true;
            o.line.released += 1;
          }
        }
        return;
      case 'mes.order.acknowledged':
        return enter(o, 'acknowledged', at);
      case 'mes.operation.started':
        return enter(o, 'in-process', at, o.quality === 'rework');
      case 'mes.order.completed':
        if (o.completedAt !== o.completedAt) o.completedAt = at;
        enter(o, 'completed', at);
        if (!o.countedCompleted) {
          o.countedCompleted = true;
          o.line.completed += 1;
        }
        return;
      case 'qms.inspection.requested': {
        if (!firstSight(o, e.type, e.businesskey)) return;
        const rework = o.quality === 'rework';
        o.inspectionRequested = true;
        o.quality = 'requested';
        o.qualityAt = at;
        // a new inspection (after rework) voids the earlier clearance
        o.clearedAt = NaN;
        return enter(o, 'quality-pending', at, rework);
      }
      case 'qms.inspection.recorded':
        if (!firstSight(o, e.type, e.businesskey)) return;
        o.quality = e.data.result === 'pass' ? 'passed' : 'failed';
        o.qualityAt = at;
        if (e.data.result === 'pass') o.clearedAt = at;
        // passed, the lot waits for its goods receipt; failed, for its hold: either way no longer for QMS's result
        return enter(o, 'inspected', at);
      case 'qms.hold.placed':
        if (!firstSight(o, e.type, e.businesskey)) return;
        o.quality = 'held';
        o.qualityAt = at;
        return enter(o, 'on-hold', at);
      case 'qms.hold.released': {
        if (!firstSight(o, e.type, e.businesskey)) return;
        const d = e.data.disposition;
        o.quality = d === 'release' ? 'released' : d === 'rework' ? 'rework' : 'scrapped';
        o.qualityAt = at;
        if (d === 'release') o.clearedAt = at;
        return enter(o, 'hold-released', at);
      }
      case 'qms.usage.decided': {
        // the usage decision for a lot in quality-inspection stock: to unrestricted clears it like an
        // inspection pass; blocked holds it, scrap scraps it (either way no receipt into use follows)
        if (!firstSight(o, e.type, e.businesskey)) return;
        const d = e.data.decision;
        o.quality = d === 'unrestricted' ? 'passed' : d === 'blocked' ? 'held' : 'scrapped';
        o.qualityAt = at;
        if (d === 'unrestricted') o.clearedAt = at;
        return enter(o, 'inspected', at);
      }
      case 'erp.goods.received':
        // only the completion's receipt moves the order: a partial receipt (`mes.output.declared`)
        // posted while it is still in process does not (the ledger has the key before this posting)
        if (s.keys.get(e.businesskey)?.messageType === 'mes.output.declared') return;
        return enter(o, 'received', at);
      case 'erp.order.closed':
        enter(o, 'closed', at);
        o.line.unreleased.delete(o);
        if (!o.countedClosed) {
          o.countedClosed = true;
          o.closedAt = at;
          o.line.closed += 1;
          s.closedQueue.push({ order: o, from: at });
        }
        return;
      case 'erp.order.cancelled':
        enter(o, 'cancelled', at);
        o.line.unreleased.delete(o);
        return;
      default:
        return;
    }
  },
};
