import type { Frame, FrameExceptions } from '../contract/index.js';
import type { Gap, MonitorSnapshot, OrderView } from '../../monitor/index.js';
import { EXCEPTION_CATEGORIES, type ExceptionCategory } from '../../model/index.js';

/** How many recent events a frame carries. */
export const FRAME_TAIL = 50;
/** How many open gaps a frame carries: enough for a glance; views that list them all ask `gaps.list`. */
export const FRAME_GAPS = 100;
/** How many open orders a frame carries (stuck ones first, then the longest in their state). */
export const FRAME_ORDERS = 500;

/** What the host adds to a monitor snapshot to make a frame (the frame's own fields, as it sends them). */
export type FrameState = Pick<Frame, 'seq' | 'session' | 'status' | 'simTime' | 'speed' | 'events' | 'tail' | 'checks' | 'final'> & {
  /** the watched brokers (absent or null for a simulation) */
  readonly watching?: Frame['watching'];
};

/** Coalesce a monitor snapshot and the host's state into a frame (plain JSON). */
export function buildFrame(s: FrameState, snap: MonitorSnapshot): Frame {
  return {
    seq: s.seq,
    session: s.session,
    status: s.status,
    simTime: s.simTime,
    speed: s.speed,
    events: s.events,
    lines: snap.lines,
    gaps: oldestGaps(snap.gaps),
    gapsOpen: snap.gaps.length,
    gapsClosed: snap.gapsClosed,
    exceptions: countExceptions(snap),
    controls: snap.controls,
    conservation: snap.conservation,
    orders: frameOrders(snap.orders),
    tail: s.tail.slice(-FRAME_TAIL),
    checks: s.checks,
    final: s.final,
    watching: s.watching ?? null,
  };
}

function countExceptions(snap: MonitorSnapshot): FrameExceptions {
  const byCategory = Object.fromEntries(EXCEPTION_CATEGORIES.map((c) => [c, 0])) as Record<ExceptionCategory, number>;
  for (const e of snap.exceptions) byCategory[e.category] += 1;
  return { total: snap.exceptions.length, byCategory };
}

function frameOrders(orders: readonly OrderView[]): readonly OrderView[] {
  if (orders.length <= FRAME_ORDERS) return orders;
  const ranked = [...orders].sort((a, b) => Number(b.stuck) - Number(a.stuck) || b.waitingMs - a.waitingMs);
  return ranked.slice(0, FRAME_ORDERS);
}

/** The gaps open longest (the snapshot lists them in no particular order). */
function oldestGaps(gaps: readonly Gap[]): readonly Gap[] {
  const sorted = [...gaps].sort((a, b) => b.ageMs - a.ageMs);
  return sorted.length > FRAME_GAPS ? sorted.slice(0, FRAME_GAPS) : sorted;
}
