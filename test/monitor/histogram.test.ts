import { describe, expect, it } from 'vitest';
import { createHistogram, quantile, record } from '../../monitor/histogram.js';

describe('latency histogram', () => {
  it('reads quantiles within 1% whichever way its stored range grows', () => {
    // Given samples that arrive in the middle, then far below and far above (the range grows both ways)
    const h = createHistogram();
    const values = [20_000, 19_000, 21_000, 5, 0, 3_600_000, 720_000, 250];
    for (const v of values) record(h, v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
      const exact = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
      expect(Math.abs(quantile(h, p)! - exact)).toBeLessThanOrEqual(exact * 0.01 + 0.5);
    }
    expect(h).toMatchObject({ count: values.length, max: 3_600_000, sum: values.reduce((a, b) => a + b, 0) });
  });

  it('stores only the range its samples span', () => {
    const h = createHistogram();
    expect(quantile(h, 0.5)).toBeNull();
    for (let i = 0; i < 10_000; i++) record(h, 10_000 + (i % 200) * 100);
    // 10 s … 30 s spans ~56 buckets of 2%: far fewer than the 1,201 a full range would hold
    expect(h.counts.length).toBeLessThan(120);
    // the 5,000th of 10,000 samples: 19.9 s
    expect(Math.abs(quantile(h, 0.5)! - 19_900)).toBeLessThanOrEqual(199);
  });
});
