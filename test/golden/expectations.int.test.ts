import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRunReport, listBundledScenarios, loadScenario, runSimulation } from '../../engine/index.js';

/**
 * Every bundled scenario makes its point on any seed: its `expect:` block holds on seeds 1–5, not
 * only on the seed it ships with. (Its own seed is pinned by the digests; `linesight run
 * --fail-on-expectations` checks any other.) Each run goes to a throwaway journal.
 */
const dir = mkdtempSync(join(tmpdir(), 'linesight-expectations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEEDS = [1, 2, 3, 4, 5];
/** benchmark scenarios: a week of 30 lines is for `npm run bench`, not for every test run (they still load: load-bundled.test.ts) */
const BENCHMARK_ONLY = new Set(['large-site']);

describe('bundled scenarios keep their promises on seeds 1–5', () => {
  for (const { id } of listBundledScenarios().filter((s) => !BENCHMARK_ONLY.has(s.id))) {
    it(`${id} declares expectations, and meets every one on each seed`, async () => {
      expect(loadScenario(id).expect.length, `${id} has no expect: block`).toBeGreaterThan(0);
      for (const seed of SEEDS) {
        const scenario = loadScenario(id, { seed });
        const result = await runSimulation(scenario, { journalPath: join(dir, `${id}-${seed}.db`) });
        const report = buildRunReport(scenario, result);
        const unmet = report.expectations.filter((e) => e.verdict === 'fail').map((e) => `${e.path} ${e.expected}: ${e.why}`);
        expect(unmet, `${id} seed ${seed}`).toEqual([]);
        expect(report.expectations.length).toBe(scenario.expect.length);
      }
    }, 60_000);
  }

  it('fails a scenario that misses its point: reversals-and-corrections without ERP correcting its double postings', async () => {
    const loaded = loadScenario('reversals-and-corrections');
    const scenario = { ...loaded, erp: { ...loaded.erp, correctDoublePostingsMs: undefined } };
    const result = await runSimulation(scenario, { journalPath: join(dir, 'reversals-uncorrected.db') });
    const report = buildRunReport(scenario, result);
    const verdicts = Object.fromEntries(report.expectations.map((e) => [e.path, e.verdict]));
    expect(report.gaps.filter((g) => g.kind === 'duplicate-posting').length).toBeGreaterThan(0);
    expect(verdicts).toMatchObject({ "events.byType['erp.consumption.reversed']": 'fail', 'gaps[kind=duplicate-posting].length': 'fail' });
  }, 60_000);
});
