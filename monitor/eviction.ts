import { isSettled } from './gaps.js';
import type { MonitorState, OrderRec } from './state.js';

/** Evicted order ids remembered so their late events are ignored, not mistaken for new orders. */
const MAX_TOMBSTONES = 100_000;

/** A settled order reconciles (every key agrees on both sides, none posted twice): it counts as compared and matched. */
function evict(s: MonitorState, o: OrderRec): void {
  if (o.completedAt === o.completedAt) s.evictedCompared += 1;
  for (const k of o.keys) {
    if (s.keys.get(k.key) === k) s.keys.delete(k.key);
    if (k.queued) o.line.pending.delete(k.key);
  }
  o.keys = [];
  o.evicted = true;
  s.orders.delete(o.id);
  s.evicted.add(o.id);
  if (s.evicted.size > MAX_TOMBSTONES) s.evicted.delete(s.evicted.values().next().value!);
}

/**
 * Drop the detail of closed orders that have been settled for `retainClosedMs`, keeping every
 * counter (line totals, conservation buckets, posted keys, latency histogram, reconciliation
 * counts). An order that still owes or disagrees on something is looked at again one retention
 * period later, so problems stay visible and memory stays bounded for clean traffic.
 */
export function evictClosed(s: MonitorState): void {
  const q = s.closedQueue;
  const now = s.nowMs;
  // entries re-queued below are for a later pass, even with a zero retention
  const end = q.length;
  while (s.closedHead < end) {
    const entry = q[s.closedHead]!;
    if (entry.from + s.retainClosedMs > now) break;
    s.closedHead += 1;
    const o = entry.order;
    if (o.evicted || s.orders.get(o.id) !== o) continue;
    if (isSettled(o)) evict(s, o);
    else q.push({ order: o, from: now });
  }
  if (s.closedHead > 1024 && s.closedHead * 2 > q.length) {
    q.splice(0, s.closedHead);
    s.closedHead = 0;
  }
}
