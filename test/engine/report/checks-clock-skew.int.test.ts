import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSession, loadRules, loadScenario, runSimulation } from '../../../engine/index.js';

/**
 * A plant system whose clock is off ERP's: the contract's timed rules read its events on ERP's
 * clock once the monitor's estimate of the offset applies, so a MES clock 130 s ahead is a skewed
 * clock — which the line tile names — and not two minutes of acknowledgement latency.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-check-skew-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('contract checks on a plant with a skewed clock', () => {
  it('measures MES acknowledgements on ERP clock time, not the 130 s the MES clock is ahead', async () => {
    const journalPath = join(dir, 'skew.db');
    const { session } = await runSimulation(loadScenario('clock-skew-dst', { seed: 5 }), { journalPath });
    const ack = checkSession(journalPath, loadRules(), session).results.find((r) => r.id === 'release-acknowledged')!;
    // every acknowledgement came within seconds on ERP's clock; read raw, the median was over 2 minutes
    expect(ack.measured.count).toBeGreaterThan(10);
    expect(ack.measured.p50).toBeLessThan(30_000);
    // the first releases too, acknowledged before a pair from MES to ERP could tell the offset
    expect(ack.measured.p95).toBeLessThan(30_000);
    expect(ack.measured.violations).toBe(0);
    expect(ack.verdict).toBe('pass');
  });
});
