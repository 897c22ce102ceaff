import { describe, expect, it } from 'vitest';
import { gracePeriodsOf } from '../../../engine/api/recorded-session.js';
import { loadScenario } from '../../../engine/scenario/index.js';
import type { SessionRow } from '../../../engine/journal/index.js';

const row = (meta: unknown, kind: SessionRow['kind'] = 'replay'): SessionRow => ({ id: 3, scenario: 'erp-outage', seed: 7, kind, startedAt: 0, endedAt: 1, meta });

describe('the grace periods a replay judges a recorded session by', () => {
  it('are the ones the session recorded (a what-if changed them), as the reconciliation report uses', () => {
    const whatIf = { 'order-release': 7_200_000, confirmation: 7_200_000, consumption: 7_200_000, 'goods-receipt': 7_200_000, 'quality-hold': 7_200_000 };
    const scenario = loadScenario('erp-outage');
    expect(gracePeriodsOf(row({ name: scenario.name, gracePeriods: whatIf, replayOf: 1 }))).toEqual(whatIf);
    expect(scenario.integration.gracePeriods).not.toEqual(whatIf);
  });

  it('are the scenario’s for a session that recorded none (from before they were recorded)', () => {
    const scenario = loadScenario('erp-outage');
    expect(gracePeriodsOf(row({ name: scenario.name }, 'simulation'))).toEqual(scenario.integration.gracePeriods);
  });
});
