import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from '../../../engine/scenario/index.js';
import { FAULT_DEFAULTS } from '../../../model/index.js';
import { HEAD, tempFiles } from './temp-files.js';

const file = tempFiles();

/** The order-change and order-cancel faults as a scenario file writes them, resolved by the loader. */
describe('scenario: order-change and order-cancel faults', () => {
  it('resolves their parameters (durations to ms) over the documented defaults', () => {
    const s = loadScenario(
      file(
        'occ.yaml',
        HEAD +
          'plant: pumps\nfaults:\n' +
          '  - kind: order-change\n    count: 2\n    factor: 1.5\n    after: 45m\n    dueIn: 2d\n' +
          '  - kind: order-cancel\n    probability: 0.1\n    reason: material shortage\n' +
          '  - kind: order-change\n    count: 1\n',
      ),
    );
    expect(s.faults.map((f) => [f.kind, f.count ?? f.probability, f.params])).toEqual([
      ['order-change', 2, { factor: 1.5, afterMs: 45 * 60_000, dueInMs: 2 * 86_400_000 }],
      ['order-cancel', 0.1, { afterMs: 30 * 60_000, reason: 'material shortage' }],
      ['order-change', 1, FAULT_DEFAULTS['order-change']],
    ]);
    expect(FAULT_DEFAULTS['order-change']).toEqual({ factor: 0.6, afterMs: 20 * 60_000, dueInMs: 0 });
  });

  it('refuses an eventType on them: they pick orders, not messages', () => {
    const path = file('occ-bad.yaml', HEAD + 'faults:\n  - kind: order-cancel\n    count: 1\n    eventType: erp.order.cancelled\n');
    expect(() => loadScenario(path)).toThrow(ScenarioError);
    expect(() => loadScenario(path)).toThrow(/no eventType: order-cancel faults pick production orders, not messages/);
  });

  it('refuses a factor of zero and a parameter of another kind', () => {
    expect(() => loadScenario(file('occ-zero.yaml', HEAD + 'faults:\n  - kind: order-change\n    count: 1\n    factor: 0\n'))).toThrow(/> 0/);
    expect(() => loadScenario(file('occ-other.yaml', HEAD + 'faults:\n  - kind: order-cancel\n    count: 1\n    factor: 2\n'))).toThrow(/factor/);
  });
});
