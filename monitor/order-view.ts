import { rfc3339 } from '../model/event.js';
import type { Interface } from '../model/names.js';
import { receiptDue } from './gaps.js';
import { messageKnown } from './keys.js';
import { INT_DEAD, type KeyRec, type OrderRec } from './state.js';
import type { OrderView } from './types.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * How long an order may wait on its own plant before it counts as stuck (virtual ms). Waits on the
 * other side of an interface (an acknowledgement, a posting, a goods receipt) use that interface's
 * grace period instead, so "stuck" and "gap" agree.
 */
export const STUCK_AFTER_MS = {
  /** created, waiting for ERP to release it */
  release: HOUR,
  /** acknowledged, waiting for material staging and the first operation */
  start: HOUR,
  /** in process, or in rework after a hold */
  production: 8 * HOUR,
  /** waiting for the QMS inspection result */
  inspection: 2 * HOUR,
  /** on hold, waiting for the QMS disposition */
  disposition: 24 * HOUR,
  /** received or scrapped, waiting for ERP to close the order */
  close: HOUR,
} as const;

function postingName(k: KeyRec, o: OrderRec): string {
  if (k.reversesKey !== undefined) return `ERP reversal of ${k.reversesKey}`;
  if (k.messageType === 'qms.usage.decided') return 'ERP stock transfer';
  switch (k.iface) {
    case 'order-release':
      // the interface carries the release, and ERP's changes and cancellation of the order: name which
      if (k.messageType === 'erp.order.changed') return `MES acknowledgement of change ${k.key}`;
      if (k.messageType === 'erp.order.cancelled') return 'MES acknowledgement of the cancellation';
      // an order past its release (cancelled, say) that still waits on the release's acknowledgement says which
      return o.state === 'released' ? 'MES acknowledgement' : 'MES acknowledgement of the release';
    case 'confirmation':
      return 'ERP confirmation posting';
    case 'consumption':
      return 'ERP consumption posting';
    case 'goods-receipt':
      return 'ERP goods receipt';
    case 'quality-hold':
      return k.messageType === 'qms.hold.released' ? 'ERP stock release' : 'ERP stock block';
  }
}

type Wait = { what: string; from: number; limit: number };

/** What the order waits for by its lifecycle state, when no message is overdue. */
function stateWait(o: OrderRec, grace: Readonly<Record<Interface, number>>): Wait {
  const S = STUCK_AFTER_MS;
  const since = o.since;
  switch (o.state) {
    case 'created':
      return { what: 'ERP release', from: since, limit: S.release };
    case 'released':
      return { what: 'MES acknowledgement', from: since, limit: grace['order-release'] };
    case 'acknowledged':
      return { what: 'material staging and operation start', from: since, limit: S.start };
    case 'in-process':
      return { what: 'MES operation confirmations and completion', from: since, limit: S.production };
    case 'completed':
      return { what: 'QMS inspection request or ERP goods receipt', from: since, limit: grace['goods-receipt'] };
    case 'received':
    case 'closed':
      return { what: 'ERP order close', from: since, limit: S.close };
    case 'cancelled':
      // ERP cancelled it: nothing more is owed on it (a message still overdue is found above)
      return { what: 'nothing (cancelled by ERP)', from: since, limit: Infinity };
    default:
      break;
  }
  const q = Math.max(since, o.qualityAt || since);
  switch (o.quality) {
    case 'passed':
    case 'released':
      return { what: 'ERP goods receipt', from: Math.max(since, o.clearedAt), limit: grace['goods-receipt'] };
    case 'failed':
      return { what: 'QMS hold', from: q, limit: grace['quality-hold'] };
    case 'held':
      return { what: 'QMS hold disposition', from: q, limit: S.disposition };
    case 'rework':
      return { what: 'MES rework', from: q, limit: S.production };
    case 'scrapped':
      return { what: 'ERP order close', from: q, limit: S.close };
    default:
      return { what: 'QMS inspection result', from: since, limit: S.inspection };
  }
}

/**
 * An order's current wait. A message that is overdue on its interface (past grace, or
 * dead-lettered) is what the order really waits for, whatever its lifecycle state says.
 */
export function orderView(o: OrderRec, now: number, grace: Readonly<Record<Interface, number>>): OrderView {
  let overdue: KeyRec | undefined;
  let overdueFrom = Infinity;
  for (const k of o.keys) {
    // a message MES has since cancelled is not waited for (its cancellation is)
    if (!messageKnown(k) || k.postings > 0 || k.discarded || k.mesReversed > 0) continue;
    // a partial receipt held at the goods-receipt gate during production is held by design (gaps.ts)
    if (k.messageType === 'mes.output.declared' && k.note?.type === 'int.message.gated') continue;
    // a retained message is not late by its age (a dead letter is still one)
    if (k.retained && k.intState !== INT_DEAD) continue;
    const from = k.iface === 'goods-receipt' ? receiptDue(o, k) : k.messageAt;
    if (Number.isNaN(from)) continue;
    if ((now - from > grace[k.iface] || k.intState === INT_DEAD) && from < overdueFrom) {
      overdue = k;
      overdueFrom = from;
    }
  }
  let waitingFor: string;
  let stuck: boolean;
  let waitingMs: number;
  if (overdue !== undefined) {
    waitingFor = postingName(overdue, o) + (overdue.intState === INT_DEAD ? ' (dead-lettered)' : '');
    stuck = true;
    waitingMs = now - overdueFrom;
  } else {
    const w = stateWait(o, grace);
    waitingFor = w.what;
    waitingMs = now - w.from;
    stuck = waitingMs > w.limit;
  }
  return {
    order: o.id,
    plant: o.line.plant,
    line: o.line.line,
    state: o.state,
    since: rfc3339(o.since),
    ageInStateMs: now - o.since,
    stuck,
    waitingFor,
    waitingMs: Math.max(0, waitingMs),
  };
}
