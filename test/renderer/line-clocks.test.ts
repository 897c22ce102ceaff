import { describe, expect, it } from 'vitest';
import type { LineStats } from '../../engine/contract/index.js';
import { clocksText, clocksTitle } from '../../renderer/line-clocks.js';

/** Only the fields the clock text reads; the rest of a line does not matter to it. */
const line = (extra: Pick<LineStats, 'clocks' | 'latencyClamped'>): LineStats => ({ plant: 'DE01', line: 'L1', ...extra }) as LineStats;

describe('a line’s clock offsets, as the tile shows them', () => {
  it('says nothing while no estimate applies', () => {
    expect(clocksText(line({}))).toBeNull();
    expect(clocksText(line({ clocks: {} }))).toBeNull();
  });

  it('names each system against ERP with a sign, and marks a one-way estimate as a bound', () => {
    const l = line({ clocks: { mes: { offsetMs: 130_400, pairs: 76, kind: 'two-way' }, qms: { offsetMs: -35_000, pairs: 12, kind: 'bound' } }, latencyClamped: 10 });
    expect(clocksText(l)).toBe('MES +130.4 s · QMS −35 s (bound)');
    const title = clocksTitle(l);
    expect(title).toContain('MES: 76 pairs, both directions');
    expect(title).toContain('QMS: 12 pairs, one direction only (a bound)');
    expect(title).toContain('10 latencies read before the estimate');
  });
});
