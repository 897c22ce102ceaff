import { describeGap } from './describe-gap.js';
import { clockEstimates } from './clock-offsets.js';
import { idleSinceOf } from './line-activity.js';
import { latePostingsOf } from './periods.js';
import { heldByKind, latencyByKind, latencyStats } from './latency.js';
import { orderView } from './order-view.js';
import { reconcileOrder } from './reconciliation.js';
import type { LineRec, MonitorState } from './state.js';
import { rfc3339 } from '../model/event.js';
import type { Conservation, Gap, LineStats, MonitorSnapshot, OrderView, ReconciliationMismatch } from './types.js';

function lineStats(s: MonitorState, l: LineRec, now: number): LineStats {
  const late = latePostingsOf(s, l.plant, l.line);
  let oldest = Infinity;
  for (const k of l.pending.values()) if (k.messageAt < oldest) oldest = k.messageAt;
  return {
    plant: l.plant,
    line: l.line,
    ordersReleased: l.released,
    ordersCompleted: l.completed,
    ordersClosed: l.closed,
    queueDepth: l.pending.size,
    queueDepthMax: l.queueMax,
    oldestPendingMs: oldest === Infinity ? null : Math.max(0, now - oldest),
    postingLatencyMs: latencyStats(l.latency),
    latencyByKind: latencyByKind(l),
    heldMs: heldByKind(l),
    openGaps: l.openGaps,
    duplicatesSuppressed: l.duplicatesSuppressed,
    controls: { ...l.controls },
    missingMessages: l.missing,
    exceptions: { ...l.exceptions },
    idleSince: idleSinceOf(l),
    ...(late === undefined ? {} : { latePostings: late }),
    ...clockFields(s, l),
  };
}

/** The line's applied clock estimates and clamped latencies, each only when there is one. */
function clockFields(s: MonitorState, l: LineRec): Pick<LineStats, 'clocks' | 'latencyClamped'> {
  const clocks = clockEstimates(s.clocks?.get(l.plant)?.get(l.line));
  return { ...(clocks === undefined ? {} : { clocks }), ...(l.latencyClamped === undefined ? {} : { latencyClamped: l.latencyClamped }) };
}

/** Conservation of needs-ERP business keys; a sum that does not hold is a monitor bug, never data. */
export function conservation(s: MonitorState): Conservation {
  const b = s.buckets;
  const c = { needsPosting: s.needsPosting, posted: b.posted, reversed: b.reversed, deadLettered: b.deadLettered, pending: b.pending, lost: b.lost, notNeeded: b.notNeeded };
  if (c.needsPosting !== c.posted + c.reversed + c.deadLettered + c.pending + c.lost) {
    throw new Error(`monitor bug: conservation broken: ${JSON.stringify(c)}`);
  }
  return c;
}

/**
 * Names as a plant numbers them: runs of digits compare as numbers (`L2` before `L10`), the rest by
 * code unit, so the order does not depend on the machine's locale; equal numbers of different width
 * (`L02`, `L2`) fall back to the text.
 */
function byName(a: string, b: string): number {
  // most comparisons (a snapshot's orders, sorted every frame) are of one plant and line: no split for those
  if (a === b) return 0;
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    if (digits) {
      // compare as numbers without Number(): a run of digits may be longer than a double holds
      const nx = x.replace(/^0+(?=\d)/, '');
      const ny = y.replace(/^0+(?=\d)/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else return x < y ? -1 : 1;
  }
  return ra.length !== rb.length ? ra.length - rb.length : a < b ? -1 : a > b ? 1 : 0;
}

const byPlace = (a: { plant: string; line: string }, b: { plant: string; line: string }) => byName(a.plant, b.plant) || byName(a.line, b.line);

/** A plain, self-contained picture of the monitor at its current virtual time. */
export function takeSnapshot(s: MonitorState): MonitorSnapshot {
  const now = s.nowMs;
  const lines: LineStats[] = [];
  for (const byLine of s.plants.values()) for (const l of byLine.values()) lines.push(lineStats(s, l, now));
  lines.sort(byPlace);

  const orders: OrderView[] = [];
  const mismatches: ReconciliationMismatch[] = [];
  let compared = s.evictedCompared;
  let matched = s.evictedCompared;
  for (const o of s.orders.values()) {
    if (o.state !== 'closed') orders.push(orderView(o, now, s.grace));
    if (o.completedAt === o.completedAt) {
      compared += 1;
      if (reconcileOrder(o, mismatches) === 0) matched += 1;
    }
  }
  orders.sort((a, b) => byPlace(a, b) || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));

  const gaps: Gap[] = [];
  for (const g of s.openGaps.values()) gaps.push(describeGap(s, g));
  gaps.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const exceptions = [...s.exceptions.values()]
    .sort((a, b) => a.at - b.at || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0))
    .map((x) => ({
      messageId: x.messageId,
      businesskey: x.businesskey,
      category: x.category,
      reason: x.reason,
      plant: x.line.plant,
      line: x.line.line,
      order: x.order,
      interface: x.iface,
      messageType: x.messageType,
      at: rfc3339(x.at),
    }));

  return {
    nowMs: now,
    lines,
    orders,
    gaps,
    gapsClosed: s.gapsClosed,
    controls: { ...s.controls },
    exceptions,
    conservation: conservation(s),
    reconciliation: { ordersCompared: compared, ordersMatched: matched, mismatches },
    ledger: { postedKeys: s.postedKeys, doublePostedKeys: s.doublePostedKeys },
  };
}
