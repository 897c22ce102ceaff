import { GATES, type Interface } from '../model/names.js';
import { quantile, record, type Histogram } from './histogram.js';
import type { KeyRec, LineRec } from './state.js';
import type { HeldStats, HoldKind, LatencyStats, PostingKind } from './types.js';

/**
 * Transit latency: how long a business key took from its message to its first posting, less the
 * time the integration layer reported holding the message (held-time.ts). Holding is by design —
 * a goods receipt waits at its gate for the quality decision — and would otherwise swamp the
 * figure: in the baseline, receipts held ~12 min made the line's p95 8–11 min while every other
 * posting took ~20 s. Time held has its own figures, per kind of hold.
 */

export const POSTING_KINDS: readonly PostingKind[] = ['confirmation', 'consumption', 'goodsReceipt', 'status'];
export const HOLD_KINDS: readonly HoldKind[] = [...GATES, 'resequencing', 'store-and-forward'];

/** Index in `POSTING_KINDS` of the postings of each interface. */
const KIND_OF: Readonly<Record<Interface, number>> = {
  confirmation: 0,
  consumption: 1,
  'goods-receipt': 2,
  'order-release': 3,
  'quality-hold': 3,
};

/** Record the transit latency of key `k`, first posted at `at`. */
export function recordTransit(k: KeyRec, at: number): void {
  const l = k.order.line;
  let ms = at - k.messageAt - (k.hold?.ms ?? 0);
  // never negative: what clock correction (clock-offsets.ts) leaves of a skew counts as 0, and is counted
  if (ms < 0) {
    l.latencyClamped = (l.latencyClamped ?? 0) + 1;
    ms = 0;
  }
  record(l.latency, ms);
  record(l.latencyByKind[KIND_OF[k.iface]]!, ms);
}

export function latencyStats(h: Histogram): LatencyStats {
  return { p50: quantile(h, 0.5), p95: quantile(h, 0.95), max: h.count === 0 ? null : h.max, count: h.count };
}

function heldStats(h: Histogram): HeldStats {
  return { ...latencyStats(h), totalMs: h.sum };
}

export function latencyByKind(l: LineRec): Record<PostingKind, LatencyStats> {
  const out = {} as Record<PostingKind, LatencyStats>;
  POSTING_KINDS.forEach((kind, i) => (out[kind] = latencyStats(l.latencyByKind[i]!)));
  return out;
}

export function heldByKind(l: LineRec): Record<HoldKind, HeldStats> {
  const out = {} as Record<HoldKind, HeldStats>;
  HOLD_KINDS.forEach((kind, i) => (out[kind] = heldStats(l.held[i]!)));
  return out;
}
