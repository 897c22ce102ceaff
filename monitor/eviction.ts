import { compact } from './compaction.js';
import { isSettled } from './gaps.js';
import type { MonitorState, OrderRec } from './state.js';

/**
 * How long (virtual ms) an evicted order's id is remembered, so that its late events are ignored
 * and not mistaken for a new order: a day after the eviction, itself `retainClosedMs` after the
 * close — far longer than any delay, outage or retry cycle of the integration layer. A long run
 * then holds the ids of one day's orders, not of every order it ever saw.
 */
export const TOMBSTONE_MS = 24 * 60 * 60_000;
/** and never more ids than this, whatever the throughput (oldest forgotten first) */
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
  s.evicted.set(o.id, s.nowMs);
}

/** Forget tombstones older than `TOMBSTONE_MS`, and the oldest beyond `MAX_TOMBSTONES` (oldest first: insertion order). */
function expireTombstones(s: MonitorState): void {
  const t = s.evicted;
  const before = s.nowMs - TOMBSTONE_MS;
  for (const [id, at] of t) {
    if (at >= before && t.size <= MAX_TOMBSTONES) break;
    t.delete(id);
  }
}

/**
 * Drop the detail of closed orders that have been settled for `retainClosedMs`, keeping every
 * counter (line totals, conservation buckets, posted keys, latency histogram, reconciliation
 * counts). An order that still owes or disagrees on something is compacted to what it still owes
 * (compaction.ts) and looked at again one retention period later, so problems stay visible and
 * memory follows the open problems, not the length of the run.
 */
export function evictClosed(s: MonitorState): void {
  const q = s.closedQueue;
  const now = s.nowMs;
  // entries re-queued below are for a later pass, even with a zero retention
  const end = q.length;
  let evicted = false;
  while (s.closedHead < end) {
    const entry = q[s.closedHead]!;
    if (entry.from + s.retainClosedMs > now) break;
    s.closedHead += 1;
    const o = entry.order;
    if (o.evicted || s.orders.get(o.id) !== o) continue;
    if (isSettled(s, o)) {
      evict(s, o);
      evicted = true;
    } else {
      // once: what it keeps can only change through its kept keys, and is looked at again when settled
      if (!o.compacted) compact(s, o);
      q.push({ order: o, from: now });
    }
  }
  if (s.closedHead > 1024 && s.closedHead * 2 > q.length) {
    q.splice(0, s.closedHead);
    s.closedHead = 0;
  }
  // with each eviction (not each event): tombstones are never older than a day before the last one
  if (evicted) expireTombstones(s);
}
