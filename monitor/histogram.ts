/**
 * Latency histogram with logarithmic buckets: memory stays bounded however many samples a run
 * makes, and a percentile read from it is within 1% of the exact value (each bucket spans a
 * factor of 1.02; its geometric middle is at most ~0.995% from any value inside it).
 *
 * Only the range of buckets that has samples is stored (grown as samples arrive): a line keeps
 * one histogram per posting kind and per kind of hold, most of them empty or narrow, and every
 * monitor checkpoint copies them all.
 */
const RATIO = 1.02;
const LOG_RATIO = Math.log(RATIO);
/** 1.02^1200 ms ≈ 230 days: longer latencies share the last bucket (max is still kept exactly) */
const BUCKETS = 1200;
/** buckets added beyond a new sample when the stored range grows, so growth is rare */
const SLACK = 16;

export type Histogram = {
  /** counts of buckets `lo` … `lo + counts.length - 1` (32 bits: billions of samples per bucket) */
  counts: Uint32Array;
  lo: number;
  count: number;
  max: number;
  /** sum of the samples (ms), for totals */
  sum: number;
};

export function createHistogram(): Histogram {
  return { counts: new Uint32Array(0), lo: 0, count: 0, max: 0, sum: 0 };
}

/** Bucket 0 holds sub-millisecond values; bucket i ≥ 1 holds [1.02^(i-1), 1.02^i). */
function bucketOf(ms: number): number {
  if (ms < 1) return 0;
  const i = Math.floor(Math.log(ms) / LOG_RATIO) + 1;
  return i > BUCKETS ? BUCKETS : i;
}

function middleOf(bucket: number): number {
  if (bucket === 0) return 0;
  return Math.pow(RATIO, bucket - 0.5);
}

/** Make bucket `b` part of the stored range, keeping the counts already there. */
function cover(h: Histogram, b: number): void {
  const n = h.counts.length;
  const lo = n === 0 ? Math.max(0, b - SLACK) : b < h.lo ? Math.max(0, b - SLACK) : h.lo;
  const end = n === 0 ? Math.min(BUCKETS + 1, b + 1 + SLACK) : b >= h.lo + n ? Math.min(BUCKETS + 1, b + 1 + SLACK) : h.lo + n;
  const counts = new Uint32Array(end - lo);
  if (n > 0) counts.set(h.counts, h.lo - lo);
  h.counts = counts;
  h.lo = lo;
}

export function record(h: Histogram, ms: number): void {
  const v = ms < 0 ? 0 : ms;
  const b = bucketOf(v);
  if (b < h.lo || b >= h.lo + h.counts.length) cover(h, b);
  h.counts[b - h.lo]! += 1;
  h.count += 1;
  h.sum += v;
  if (v > h.max) h.max = v;
}

/** The p-quantile (0..1), or null when empty; never reported above the exact maximum. */
export function quantile(h: Histogram, p: number): number | null {
  if (h.count === 0) return null;
  const rank = Math.max(1, Math.ceil(p * h.count));
  let seen = 0;
  const n = h.counts.length;
  for (let i = 0; i < n; i++) {
    seen += h.counts[i]!;
    if (seen >= rank) return Math.min(Math.round(middleOf(h.lo + i)), h.max);
  }
  return h.max;
}
