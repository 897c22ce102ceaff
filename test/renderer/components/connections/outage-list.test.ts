import { describe, expect, it } from 'vitest';
import { describeOutage, outageRange, recentOutages, type Outage } from '../../../../renderer/components/connections/outage-list.js';

const WHY = 'the broker or the network closed the connection';
/** a clock that shows seconds from the epoch, so the text does not depend on the test machine's zone */
const clock = (ms: number) => `t${ms / 1000}`;
const outage = (fromS: number, toS: number | null): Outage => ({ from: fromS * 1000, to: toS === null ? null : toS * 1000, why: WHY });

describe('a connection’s outages in the console', () => {
  it('shows the newest first, at most five, and counts the earlier ones', () => {
    const all = [outage(10, 12), outage(20, 21), outage(30, 35), outage(40, 41), outage(50, 52), outage(60, 61), outage(70, null)];
    const { shown, earlier } = recentOutages(all);
    expect(shown.map((o) => o.from / 1000)).toEqual([70, 60, 50, 40, 30]);
    expect(earlier).toBe(2);
    expect(recentOutages(all.slice(0, 2))).toEqual({ shown: [outage(20, 21), outage(10, 12)], earlier: 0 });
  });

  it('says from → to and how long, or since when it is down and how long so far, and why', () => {
    expect(describeOutage('mqtt://plant:1883', outage(10, 17.5), 99_000, clock)).toBe(`Down on mqtt://plant:1883 t10 → t17.5, 7 s: ${WHY}`);
    expect(describeOutage('mqtt://plant:1883', outage(10, 10.25), 99_000, clock)).toBe(`Down on mqtt://plant:1883 t10 → t10.25, 250 ms: ${WHY}`);
    expect(describeOutage('mqtt://plant:1883', outage(10, null), 135_000, clock)).toBe(`Down on mqtt://plant:1883 since t10, 2 min 5 s so far: ${WHY}`);
  });

  it('gives the exact range in UTC for a tooltip', () => {
    expect(outageRange(outage(0, 1.5))).toBe('1970-01-01T00:00:00.000Z – 1970-01-01T00:00:01.500Z');
    expect(outageRange(outage(0, null))).toBe('1970-01-01T00:00:00.000Z – now');
  });
});
