/**
 * Posting-latency histogram with logarithmic buckets: memory stays fixed however many postings a
 * run makes, and a percentile read from it is within 1% of the exact value (each bucket spans a
 * factor of 1.02; its geometric middle is at most ~0.995% from any value inside it).
 */
const RATIO = 1.02;
const LOG_RATIO = Math.log(RATIO);
/** 1.02^1200 ms ≈ 230 days: longer latencies share the last bucket (max is still kept exactly) */
const BUCKETS = 1200;

export type Histogram = {
  readonly counts: Float64Array;
  count: number;
  max: number;
};

export function createHistogram(): Histogram {
  return { counts: new Float64Array(BUCKETS + 1), count: 0, max: 0 };
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

export function record(h: Histogram, ms: number): void {
  const v = ms < 0 ? 0 : ms;
  h.counts[bucketOf(v)]! += 1;
  h.count += 1;
  if (v > h.max) h.max = v;
}

/** The p-quantile (0..1), or null when empty; never reported above the exact maximum. */
export function quantile(h: Histogram, p: number): number | null {
  if (h.count === 0) return null;
  const rank = Math.max(1, Math.ceil(p * h.count));
  let seen = 0;
  for (let i = 0; i <= BUCKETS; i++) {
    seen += h.counts[i]!;
    if (seen >= rank) return Math.min(Math.round(middleOf(i)), h.max);
  }
  return h.max;
}
